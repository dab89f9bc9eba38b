package aws

import "github.com/wardsec/ward/internal/state/cloud"

// Schemas returns the declared AWS kinds (besides the typed S3Bucket,
// SecurityGroup and IAMPolicy of aws.go): see docs/cloud-model.md.
func Schemas() []cloud.Schema {
	var out []cloud.Schema
	for _, f := range []func() []cloud.Schema{networkSchemas, dataSchemas, computeSchemas} {
		out = append(out, f()...)
	}
	return out
}
