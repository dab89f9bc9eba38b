package aws

import (
	"github.com/wardsec/ward/internal/adapt/spec"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// Set returns the declarative part of the AWS adapter: the kinds of
// cloudaws.Schemas, filled from Terraform and CloudFormation by the
// mappings and links of this package's spec_*.go files.
func Set() spec.Set {
	return spec.Set{Schemas: cloudaws.Schemas(), Mappings: mappings(), Links: links()}
}

// The per-concept declarations: network (EC2, VPC), data (databases,
// storage, keys, messaging), compute (logging, load balancers, serverless,
// containers, APIs, CDN).
var (
	mappingFiles = []func() []spec.Mapping{networkMappings, dataMappings, computeMappings}
	linkFiles    = []func() []spec.Link{networkLinks, dataLinks, computeLinks}
)

func mappings() []spec.Mapping {
	var out []spec.Mapping
	for _, f := range mappingFiles {
		out = append(out, f()...)
	}
	return out
}

func links() []spec.Link {
	var out []spec.Link
	for _, f := range linkFiles {
		out = append(out, f()...)
	}
	return out
}
