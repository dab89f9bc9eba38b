package aws

import "github.com/wardsec/ward/internal/state/cloud"

// dataSchemas declare the databases, storage, keys, secrets and messaging kinds.
func dataSchemas() []cloud.Schema { return nil }
