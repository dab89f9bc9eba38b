// Package cloud holds the typed cloud model's value types: every value
// remembers the source range it came from and how it was set (written in the
// source, filled from a provider default, or unknown until apply). Terraform
// and CloudFormation adapters fill the model; live-cloud collectors will too,
// so one check covers every source.
package cloud

import "github.com/wardsec/ward/internal/state"

// Origin says how a value was set.
type Origin int

const (
	// Explicit values were written in the source (or read from a live object).
	Explicit Origin = iota
	// Default values were filled by the adapter from the provider's
	// documented default because the source left them out.
	Default
	// Unknown values cannot be known before apply (a data source, another
	// resource's computed attribute, an !ImportValue). Checks never fail on
	// them.
	Unknown
)

func (o Origin) String() string {
	switch o {
	case Explicit:
		return "explicit"
	case Default:
		return "default"
	case Unknown:
		return "unknown"
	}
	return "invalid"
}

// Meta is where a value came from and how it was set.
type Meta struct {
	Range  state.Range
	Origin Origin
	// Ref names what an Unknown value would come from
	// ("aws_s3_bucket.logs.arn"); empty otherwise.
	Ref string
}

// IsUnknown reports whether the value is unknown.
func (m Meta) IsUnknown() bool { return m.Origin == Unknown }

// IsDefault reports whether the value was filled from a default.
func (m Meta) IsDefault() bool { return m.Origin == Default }

// IsExplicit reports whether the value was written in the source.
func (m Meta) IsExplicit() bool { return m.Origin == Explicit }

// Bool is a boolean with its origin.
type Bool struct {
	V bool
	Meta
}

// String is a string with its origin.
type String struct {
	V string
	Meta
}

// Int is an integer with its origin.
type Int struct {
	V int64
	Meta
}

// Strings is a list of strings with its origin. A list that mixes known and
// unknown elements is Unknown; V keeps its known elements and Ref names the
// first unknown one.
type Strings struct {
	V []string
	Meta
}

// Contains reports whether s holds v among its known elements.
func (s Strings) Contains(v string) bool {
	for _, x := range s.V {
		if x == v {
			return true
		}
	}
	return false
}

func explicit(r state.Range) Meta            { return Meta{Range: r, Origin: Explicit} }
func deflt(r state.Range) Meta               { return Meta{Range: r, Origin: Default} }
func unknown(ref string, r state.Range) Meta { return Meta{Range: r, Origin: Unknown, Ref: ref} }

// ExplicitBool is a boolean written in the source at r.
func ExplicitBool(v bool, r state.Range) Bool { return Bool{v, explicit(r)} }

// DefaultBool is a boolean filled from a default; r is the enclosing range.
func DefaultBool(v bool, r state.Range) Bool { return Bool{v, deflt(r)} }

// UnknownBool is a boolean that cannot be known before apply.
func UnknownBool(ref string, r state.Range) Bool { return Bool{false, unknown(ref, r)} }

// ExplicitString is a string written in the source at r.
func ExplicitString(v string, r state.Range) String { return String{v, explicit(r)} }

// DefaultString is a string filled from a default; r is the enclosing range.
func DefaultString(v string, r state.Range) String { return String{v, deflt(r)} }

// UnknownString is a string that cannot be known before apply.
func UnknownString(ref string, r state.Range) String { return String{"", unknown(ref, r)} }

// ExplicitInt is an integer written in the source at r.
func ExplicitInt(v int64, r state.Range) Int { return Int{v, explicit(r)} }

// DefaultInt is an integer filled from a default; r is the enclosing range.
func DefaultInt(v int64, r state.Range) Int { return Int{v, deflt(r)} }

// UnknownInt is an integer that cannot be known before apply.
func UnknownInt(ref string, r state.Range) Int { return Int{0, unknown(ref, r)} }

// ExplicitStrings is a list written in the source at r.
func ExplicitStrings(v []string, r state.Range) Strings { return Strings{v, explicit(r)} }

// DefaultStrings is a list filled from a default; r is the enclosing range.
func DefaultStrings(v []string, r state.Range) Strings { return Strings{v, deflt(r)} }

// UnknownStrings is a list that cannot be known (in full) before apply;
// known holds the elements that are known, if any.
func UnknownStrings(ref string, known []string, r state.Range) Strings {
	return Strings{known, unknown(ref, r)}
}
