package aws

import "github.com/wardsec/ward/internal/adapt/spec"

// networkMappings fill the EC2 instances, launch templates, EBS, NACLs, VPCs and subnets kinds,
// and the IAM attachment, user and password policy kinds.
func networkMappings() []spec.Mapping {
	var out []spec.Mapping
	add := func(kind, typ, name string, fields map[string]string, defaults map[string]any) {
		out = append(out, spec.Mapping{Kind: kind, Type: typ, Name: name, Fields: fields, Defaults: defaults})
	}
	merge := func(ms ...map[string]string) map[string]string {
		out := map[string]string{}
		for _, m := range ms {
			for k, v := range m {
				out[k] = v
			}
		}
		return out
	}
	tfMetadata := map[string]string{
		"metadata_options_set": "metadata_options|present",
		"http_tokens":          "metadata_options.http_tokens|lower",
		"http_endpoint":        "metadata_options.http_endpoint|lower",
	}
	tfDevices := map[string]string{
		"root_block_device.described":   "|const:true",
		"root_block_device.encrypted":   "root_block_device.encrypted",
		"ebs_block_devices":             "ebs_block_device",
		"ebs_block_devices.device_name": "device_name",
		"ebs_block_devices.ebs":         "|const:true",
		"ebs_block_devices.encrypted":   "encrypted",
	}
	cfnDevices := map[string]string{
		"ebs_block_devices":             "BlockDeviceMappings",
		"ebs_block_devices.device_name": "DeviceName",
		"ebs_block_devices.ebs":         "Ebs|present",
		"ebs_block_devices.encrypted":   "Ebs.Encrypted",
	}

	// EC2 instances.
	add("aws.ec2.instance", "aws_instance", "", merge(tfMetadata, tfDevices, map[string]string{
		"launch_template":             "launch_template|present",
		"associate_public_ip_address": "associate_public_ip_address",
		"monitoring":                  "monitoring",
		"user_data":                   "user_data",
		"user_data_base64":            "user_data_base64",
	}), nil)
	add("aws.ec2.instance", "AWS::EC2::Instance", "", merge(cfnDevices, map[string]string{
		"launch_template":             "LaunchTemplate|present",
		"associate_public_ip_address": "NetworkInterfaces.0.AssociatePublicIpAddress",
		"monitoring":                  "Monitoring",
		"user_data":                   "UserData",
	}), nil)

	// Launch templates.
	add("aws.ec2.launch_template", "aws_launch_template", "name", merge(tfMetadata, map[string]string{
		"block_devices":               "block_device_mappings",
		"block_devices.device_name":   "device_name",
		"block_devices.ebs":           "ebs|present",
		"block_devices.encrypted":     "ebs.encrypted",
		"associate_public_ip_address": "network_interfaces.associate_public_ip_address",
		"user_data":                   "user_data",
	}), nil)
	add("aws.ec2.launch_template", "AWS::EC2::LaunchTemplate", "LaunchTemplateName", map[string]string{
		"metadata_options_set":        "LaunchTemplateData.MetadataOptions|present",
		"http_tokens":                 "LaunchTemplateData.MetadataOptions.HttpTokens|lower",
		"http_endpoint":               "LaunchTemplateData.MetadataOptions.HttpEndpoint|lower",
		"block_devices":               "LaunchTemplateData.BlockDeviceMappings",
		"block_devices.device_name":   "DeviceName",
		"block_devices.ebs":           "Ebs|present",
		"block_devices.encrypted":     "Ebs.Encrypted",
		"associate_public_ip_address": "LaunchTemplateData.NetworkInterfaces.0.AssociatePublicIpAddress",
		"user_data":                   "LaunchTemplateData.UserData",
	}, nil)

	// Launch configurations.
	add("aws.ec2.launch_configuration", "aws_launch_configuration", "name", merge(tfMetadata, tfDevices, map[string]string{
		"associate_public_ip_address": "associate_public_ip_address",
		"user_data":                   "user_data",
		"user_data_base64":            "user_data_base64",
	}), nil)
	add("aws.ec2.launch_configuration", "AWS::AutoScaling::LaunchConfiguration", "LaunchConfigurationName", merge(cfnDevices, map[string]string{
		"metadata_options_set":        "MetadataOptions|present",
		"http_tokens":                 "MetadataOptions.HttpTokens|lower",
		"http_endpoint":               "MetadataOptions.HttpEndpoint|lower",
		"associate_public_ip_address": "AssociatePublicIpAddress",
		"user_data":                   "UserData",
	}), nil)

	// EBS volumes.
	add("aws.ec2.ebs_volume", "aws_ebs_volume", "", map[string]string{
		"encrypted": "encrypted", "kms_key_id": "kms_key_id",
	}, nil)
	add("aws.ec2.ebs_volume", "AWS::EC2::Volume", "", map[string]string{
		"encrypted": "Encrypted", "kms_key_id": "KmsKeyId",
	}, nil)

	// Network ACLs.
	inline := func(list, src string) map[string]string {
		return map[string]string{
			list:                      src,
			list + ".rule_no":         "rule_no",
			list + ".allow":           "action|eq:allow",
			list + ".protocol":        "protocol|lower",
			list + ".from_port":       "from_port",
			list + ".to_port":         "to_port",
			list + ".cidr_block":      "cidr_block",
			list + ".ipv6_cidr_block": "ipv6_cidr_block",
		}
	}
	for _, t := range []string{"aws_network_acl", "aws_default_network_acl"} {
		add("aws.ec2.network_acl", t, "", merge(inline("ingress", "ingress"), inline("egress", "egress")), nil)
	}
	add("aws.ec2.network_acl", "AWS::EC2::NetworkAcl", "", map[string]string{}, nil)
	add("aws.ec2.network_acl_rule", "aws_network_acl_rule", "", map[string]string{
		"network_acl_id":  "network_acl_id",
		"egress":          "egress",
		"rule_no":         "rule_number",
		"allow":           "rule_action|eq:allow",
		"protocol":        "protocol|lower",
		"from_port":       "from_port",
		"to_port":         "to_port",
		"cidr_block":      "cidr_block",
		"ipv6_cidr_block": "ipv6_cidr_block",
	}, nil)
	add("aws.ec2.network_acl_rule", "AWS::EC2::NetworkAclEntry", "", map[string]string{
		"network_acl_id":  "NetworkAclId",
		"egress":          "Egress",
		"rule_no":         "RuleNumber",
		"allow":           "RuleAction|eq:allow",
		"protocol":        "Protocol|lower",
		"from_port":       "PortRange.From",
		"to_port":         "PortRange.To",
		"cidr_block":      "CidrBlock",
		"ipv6_cidr_block": "Ipv6CidrBlock",
	}, nil)

	// VPCs and subnets.
	add("aws.ec2.vpc", "aws_vpc", "", map[string]string{}, nil)
	add("aws.ec2.vpc", "aws_default_vpc", "", map[string]string{"default": "|const:true"}, nil)
	add("aws.ec2.vpc", "AWS::EC2::VPC", "", map[string]string{}, nil)
	add("aws.ec2.subnet", "aws_subnet", "", map[string]string{"map_public_ip_on_launch": "map_public_ip_on_launch"}, nil)
	add("aws.ec2.subnet", "aws_default_subnet", "", map[string]string{"map_public_ip_on_launch": "map_public_ip_on_launch"},
		map[string]any{"map_public_ip_on_launch": true})
	add("aws.ec2.subnet", "AWS::EC2::Subnet", "", map[string]string{"map_public_ip_on_launch": "MapPublicIpOnLaunch"}, nil)

	// IAM managed policy attachments.
	add("aws.iam.policy_attachment", "aws_iam_user_policy_attachment", "", map[string]string{
		"policy_arns": "policy_arn", "to_users": "|const:true",
	}, nil)
	add("aws.iam.policy_attachment", "aws_iam_group_policy_attachment", "", map[string]string{
		"policy_arns": "policy_arn", "to_groups": "|const:true",
	}, nil)
	add("aws.iam.policy_attachment", "aws_iam_role_policy_attachment", "", map[string]string{
		"policy_arns": "policy_arn", "to_roles": "|const:true",
	}, nil)
	add("aws.iam.policy_attachment", "aws_iam_policy_attachment", "name", map[string]string{
		"policy_arns": "policy_arn", "to_users": "users|nonempty", "to_groups": "groups|nonempty", "to_roles": "roles|nonempty",
	}, nil)
	add("aws.iam.policy_attachment", "aws_iam_role", "name", map[string]string{
		"policy_arns": "managed_policy_arns", "to_roles": "|const:true",
	}, nil)
	for _, tf := range [][2]string{{"AWS::IAM::User", "to_users"}, {"AWS::IAM::Group", "to_groups"}, {"AWS::IAM::Role", "to_roles"}} {
		typ, field := tf[0], tf[1]
		add("aws.iam.policy_attachment", typ, "", map[string]string{
			"policy_arns": "ManagedPolicyArns", field: "|const:true",
		}, nil)
	}

	// IAM users.
	add("aws.iam.user", "aws_iam_user", "name", map[string]string{}, nil)
	add("aws.iam.user", "AWS::IAM::User", "UserName", map[string]string{
		"policies":                 "Policies",
		"policies.policy_name":     "PolicyName",
		"policies.source":          "|const:Policies",
		"attached_policies":        "ManagedPolicyArns",
		"attached_policies.arn":    "",
		"attached_policies.source": "|const:ManagedPolicyArns",
	}, nil)

	// IAM groups.
	add("aws.iam.group", "aws_iam_group", "name", map[string]string{}, nil)
	add("aws.iam.group", "AWS::IAM::Group", "GroupName", map[string]string{
		"policies":                 "Policies",
		"policies.text":            "PolicyDocument",
		"policies.source":          "|const:Policies",
		"attached_policies":        "ManagedPolicyArns",
		"attached_policies.arn":    "",
		"attached_policies.source": "|const:ManagedPolicyArns",
	}, nil)

	// IAM account password policy.
	add("aws.iam.account_password_policy", "aws_iam_account_password_policy", "", map[string]string{
		"minimum_password_length":      "minimum_password_length",
		"require_lowercase_characters": "require_lowercase_characters",
		"require_uppercase_characters": "require_uppercase_characters",
		"require_numbers":              "require_numbers",
		"require_symbols":              "require_symbols",
		"password_reuse_prevention":    "password_reuse_prevention",
		"max_password_age":             "max_password_age",
	}, nil)
	return out
}

// networkLinks merge separate resources into the network kinds.
func networkLinks() []spec.Link {
	return []spec.Link{
		{Kind: "aws.ec2.vpc", Type: "aws_flow_log", Attr: "vpc_id", Fields: map[string]string{"flow_logs_enabled": "|const:true"}},
		{Kind: "aws.ec2.vpc", Type: "AWS::EC2::FlowLog", Attr: "ResourceId", Fields: map[string]string{"flow_logs_enabled": "|const:true"}},
		{Kind: "aws.iam.group", Type: "aws_iam_group_policy", Attr: "group", Fields: map[string]string{
			"policies": "", "policies.text": "policy", "policies.source": "|const:aws_iam_group_policy",
		}},
		{Kind: "aws.iam.group", Type: "aws_iam_group_policy_attachment", Attr: "group", Fields: map[string]string{
			"attached_policies": "", "attached_policies.arn": "policy_arn", "attached_policies.source": "|const:aws_iam_group_policy_attachment",
		}},
		{Kind: "aws.iam.group", Type: "aws_iam_policy_attachment", Attr: "groups", Fields: map[string]string{
			"attached_policies": "", "attached_policies.arn": "policy_arn", "attached_policies.source": "|const:aws_iam_policy_attachment",
		}},
		{Kind: "aws.iam.user", Type: "aws_iam_user_policy", Attr: "user", Fields: map[string]string{
			"policies": "", "policies.policy_name": "name", "policies.source": "|const:aws_iam_user_policy",
		}},
		{Kind: "aws.iam.user", Type: "AWS::IAM::Policy", Attr: "Users", Fields: map[string]string{
			"policies": "", "policies.policy_name": "PolicyName", "policies.source": "|const:AWS::IAM::Policy",
		}},
		{Kind: "aws.iam.user", Type: "aws_iam_user_policy_attachment", Attr: "user", Fields: map[string]string{
			"attached_policies": "", "attached_policies.arn": "policy_arn", "attached_policies.source": "|const:aws_iam_user_policy_attachment",
		}},
		{Kind: "aws.iam.user", Type: "aws_iam_policy_attachment", Attr: "users", Fields: map[string]string{
			"attached_policies": "", "attached_policies.arn": "policy_arn", "attached_policies.source": "|const:aws_iam_policy_attachment",
		}},
	}
}
