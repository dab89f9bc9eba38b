package aws

import "github.com/wardsec/ward/internal/adapt/spec"

// networkMappings fill the EC2 instances, launch templates, EBS, NACLs, VPCs and subnets kinds.
func networkMappings() []spec.Mapping { return nil }

// networkLinks merge separate resources into the network kinds.
func networkLinks() []spec.Link { return nil }
