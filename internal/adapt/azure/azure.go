// Package azure adapts Terraform resources to the Azure kinds of the
// cloud model (internal/state/cloud/azure).
package azure

import (
	"github.com/wardsec/ward/internal/adapt/spec"
	cloudazure "github.com/wardsec/ward/internal/state/cloud/azure"
)

// Set returns the Azure adapter.
func Set() spec.Set {
	return spec.Set{Schemas: cloudazure.Schemas(), Mappings: mappings(), Links: links()}
}

func mappings() []spec.Mapping { return nil }

func links() []spec.Link { return nil }
