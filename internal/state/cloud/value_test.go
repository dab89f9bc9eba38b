package cloud

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/state"
)

func TestConstructors(t *testing.T) {
	r := state.Range{Path: "main.tf", Start: 3, End: 3}
	tests := []struct {
		name string
		got  Meta
		want Meta
	}{
		{"explicit_bool", ExplicitBool(true, r).Meta, Meta{Range: r, Origin: Explicit}},
		{"default_string", DefaultString("x", r).Meta, Meta{Range: r, Origin: Default}},
		{"unknown_int", UnknownInt("aws_instance.a.id", r).Meta, Meta{Range: r, Origin: Unknown, Ref: "aws_instance.a.id"}},
		{"unknown_strings", UnknownStrings("var.x", []string{"a"}, r).Meta, Meta{Range: r, Origin: Unknown, Ref: "var.x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("meta (-want +got):\n%s", diff)
			}
		})
	}
	if !UnknownBool("r", r).IsUnknown() || !DefaultInt(1, r).IsDefault() || !ExplicitStrings(nil, r).IsExplicit() {
		t.Error("origin predicates disagree with constructors")
	}
	if s := UnknownStrings("r", []string{"*"}, r); !s.Contains("*") || s.Contains("a") {
		t.Error("Contains on known elements")
	}
	if Explicit.String() != "explicit" || Default.String() != "default" || Unknown.String() != "unknown" {
		t.Error("Origin.String")
	}
}
