package spec

import (
	"strings"

	"github.com/wardsec/ward/internal/state"
)

// RefersTo reports whether ref (a Terraform traversal such as
// "aws_s3_bucket.logs.id", a CloudFormation "Ref Logs" or
// "Fn::GetAtt Logs.Arn", or a plain address) points at address.
func RefersTo(ref, address string) bool {
	if ref == "" || address == "" {
		return false
	}
	for _, f := range strings.Fields(ref) {
		f = strings.TrimPrefix(strings.TrimPrefix(f, "!"), "${")
		f = strings.TrimSuffix(f, "}")
		if f == address || strings.HasPrefix(f, address+".") {
			return true
		}
	}
	return false
}

// Target is a resource another one can be linked to.
type Target struct {
	Address string
	// Name is the known name, "" when unknown.
	Name string
}

// Designated finds which target the value n of resource r designates: a literal
// equal to a target's name, an unknown whose reason names a target's
// address, or else the first of r's references that is a target. It
// returns -1 when none does.
func Designated(n Node, r *state.IaCResource, targets []Target) int {
	if s, ok := n.Str(); ok && s != "" {
		for i, t := range targets {
			if t.Name == s || t.Address == s {
				return i
			}
		}
	}
	if ref, ok := n.Unknown(); ok {
		for i, t := range targets {
			if RefersTo(ref, t.Address) {
				return i
			}
		}
	}
	for _, ref := range r.References {
		for i, t := range targets {
			if RefersTo(ref, t.Address) {
				return i
			}
		}
	}
	return -1
}
