package aws

import "github.com/wardsec/ward/internal/adapt/spec"

// dataMappings fill the databases, storage, keys, secrets and messaging kinds.
func dataMappings() []spec.Mapping { return nil }

// dataLinks merge separate resources into the data kinds.
func dataLinks() []spec.Link { return nil }
