// Package google adapts Terraform resources to the Google Cloud kinds of the
// cloud model (internal/state/cloud/google).
package google

import (
	"github.com/wardsec/ward/internal/adapt/spec"
	cloudgoogle "github.com/wardsec/ward/internal/state/cloud/google"
)

// Set returns the Google Cloud adapter.
func Set() spec.Set {
	return spec.Set{Schemas: cloudgoogle.Schemas(), Mappings: mappings(), Links: links()}
}

func mappings() []spec.Mapping { return nil }

func links() []spec.Link { return nil }
