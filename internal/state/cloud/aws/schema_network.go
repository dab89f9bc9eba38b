package aws

import "github.com/wardsec/ward/internal/state/cloud"

// networkSchemas declare the EC2 instances, launch templates, EBS, NACLs, VPCs and subnets kinds,
// and the IAM attachments, users and account password policy.
func networkSchemas() []cloud.Schema {
	b := func(name string, def bool, doc string) cloud.Field {
		return cloud.Field{Name: name, Type: cloud.BoolField, Default: def, Doc: doc}
	}
	s := func(name, def, doc string) cloud.Field {
		return cloud.Field{Name: name, Type: cloud.StringField, Default: def, Doc: doc}
	}
	i := func(name string, def any, doc string) cloud.Field {
		return cloud.Field{Name: name, Type: cloud.IntField, Default: def, Doc: doc}
	}
	metadata := []cloud.Field{
		b("metadata_options_set", false, "The source has a metadata options block (Terraform metadata_options, CloudFormation MetadataOptions)."),
		s("http_tokens", "optional", "IMDS session tokens: required (IMDSv2 only) or optional (IMDSv1 allowed, the AWS default)."),
		s("http_endpoint", "enabled", "The instance metadata endpoint: enabled (the AWS default) or disabled."),
	}
	rootDevice := cloud.Field{Name: "root_block_device", Type: cloud.ObjectField, Doc: "The root volume as the source describes it.", Fields: []cloud.Field{
		b("described", false, "The source describes the root volume's encryption (Terraform root_block_device; CloudFormation has no such property: the root volume comes from the AMI unless a BlockDeviceMappings entry overrides it)."),
		b("encrypted", false, "The root volume is encrypted (Terraform's default false)."),
	}}
	blockDevices := func(name, doc string) cloud.Field {
		return cloud.Field{Name: name, Type: cloud.ListField, Doc: doc, Fields: []cloud.Field{
			s("device_name", "", "The device name (/dev/sdh)."),
			b("ebs", false, "The mapping is an EBS volume (not an instance store or NoDevice entry)."),
			b("encrypted", false, "The EBS volume is encrypted (default false)."),
		}}
	}
	userData := []cloud.Field{
		s("user_data", "", "User data as written (CloudFormation and launch templates: base64 or plain text)."),
		s("user_data_base64", "", "Terraform user_data_base64 (base64-encoded user data)."),
	}
	ruleFields := []cloud.Field{
		i("rule_no", nil, "The rule number (evaluation order)."),
		b("allow", false, "The rule allows (rather than denies) the traffic."),
		s("protocol", "-1", "The protocol, lower case: -1 or all for every protocol, tcp, udp, icmp or a protocol number (6, 17)."),
		i("from_port", nil, "First port of the range (null when the source omits it)."),
		i("to_port", nil, "Last port of the range (null when the source omits it)."),
		s("cidr_block", "", "IPv4 CIDR the rule applies to."),
		s("ipv6_cidr_block", "", "IPv6 CIDR the rule applies to."),
	}
	aclRule := func(name, doc string) cloud.Field {
		return cloud.Field{Name: name, Type: cloud.ListField, Doc: doc, Fields: ruleFields}
	}

	return []cloud.Schema{
		{Kind: "aws.ec2.instance", Doc: "An EC2 instance.", Fields: append(append(append([]cloud.Field{},
			metadata...),
			b("launch_template", false, "The instance is launched from a launch template (whose settings apply when the instance sets none)."),
			rootDevice,
			blockDevices("ebs_block_devices", "Additional block devices (Terraform ebs_block_device, CloudFormation BlockDeviceMappings)."),
			b("associate_public_ip_address", false, "A public IPv4 address is associated with the primary interface."),
			b("monitoring", false, "Detailed (1-minute) CloudWatch monitoring is on."),
		), userData...)},
		{Kind: "aws.ec2.launch_template", Doc: "An EC2 launch template.", Fields: append(append([]cloud.Field{},
			metadata...),
			blockDevices("block_devices", "Block device mappings."),
			b("associate_public_ip_address", false, "The first network interface associates a public IPv4 address."),
			s("user_data", "", "User data (base64-encoded)."),
		)},
		{Kind: "aws.ec2.launch_configuration", Doc: "An EC2 Auto Scaling launch configuration.", Fields: append(append(append([]cloud.Field{},
			metadata...),
			rootDevice,
			blockDevices("ebs_block_devices", "Additional block devices (Terraform ebs_block_device, CloudFormation BlockDeviceMappings)."),
			b("associate_public_ip_address", false, "Instances get a public IPv4 address."),
		), userData...)},
		{Kind: "aws.ec2.ebs_volume", Doc: "An EBS volume.", Fields: []cloud.Field{
			b("encrypted", false, "The volume is encrypted (the AWS default is false unless the account enables EBS encryption by default)."),
			s("kms_key_id", "", "The customer managed KMS key; empty for the AWS managed key aws/ebs."),
		}},
		{Kind: "aws.ec2.network_acl", Doc: "A network ACL with its inline rules (separate rules are aws.ec2.network_acl_rule documents).", Fields: []cloud.Field{
			aclRule("ingress", "Inline inbound rules."),
			aclRule("egress", "Inline outbound rules."),
		}},
		{Kind: "aws.ec2.network_acl_rule", Doc: "A network ACL rule declared as its own resource (Terraform aws_network_acl_rule, CloudFormation AWS::EC2::NetworkAclEntry); checked on its own, whether or not its ACL is in the scan.", Fields: append([]cloud.Field{
			s("network_acl_id", "", "The ACL the rule belongs to."),
			b("egress", false, "The rule applies to outbound traffic (false: inbound)."),
		}, ruleFields...)},
		{Kind: "aws.ec2.vpc", Doc: "A VPC, with its flow logs.", Fields: []cloud.Field{
			b("default", false, "The account's default VPC (Terraform aws_default_vpc)."),
			b("flow_logs_enabled", false, "A flow log of the scan captures the VPC's traffic."),
		}},
		{Kind: "aws.ec2.subnet", Doc: "A VPC subnet.", Fields: []cloud.Field{
			b("map_public_ip_on_launch", false, "Instances launched in the subnet get a public IPv4 address (true by default for default subnets)."),
		}},
		{Kind: "aws.iam.policy_attachment", Doc: "Managed policies attached to IAM users, groups or roles (Terraform *_policy_attachment, CloudFormation ManagedPolicyArns).", Fields: []cloud.Field{
			{Name: "policy_arns", Type: cloud.StringsField, Doc: "The attached policies' ARNs."},
			b("to_users", false, "Attached to one or more users."),
			b("to_groups", false, "Attached to one or more groups."),
			b("to_roles", false, "Attached to one or more roles."),
		}},
		{Kind: "aws.iam.user", Doc: "An IAM user, with the policies given to it directly.", Fields: []cloud.Field{
			{Name: "policies", Type: cloud.ListField, Doc: "Inline policies of the user.", Fields: []cloud.Field{
				s("policy_name", "", "The policy's name."),
				s("source", "", "Where the policy is declared (the resource type, or Policies)."),
			}},
			{Name: "attached_policies", Type: cloud.ListField, Doc: "Managed policies attached directly to the user.", Fields: []cloud.Field{
				s("arn", "", "The policy's ARN."),
				s("source", "", "Where the attachment is declared."),
			}},
		}},
		{Kind: "aws.iam.group", Doc: "An IAM group, with its inline and attached policies.", Fields: []cloud.Field{
			{Name: "policies", Type: cloud.ListField, Doc: "Inline policies of the group.", Fields: []cloud.Field{
				s("text", "", "The policy document as written (Terraform JSON string); unknown when it comes from a data source or is an object (CloudFormation)."),
				s("source", "", "Where the policy is declared."),
			}},
			{Name: "attached_policies", Type: cloud.ListField, Doc: "Managed policies attached to the group.", Fields: []cloud.Field{
				s("arn", "", "The policy's ARN (unknown when it references a policy of the scan)."),
				s("source", "", "Where the attachment is declared."),
			}},
		}},
		{Kind: "aws.iam.account_password_policy", Doc: "The account's IAM password policy (defaults are the IAM API's when the policy exists but omits a setting).", Fields: []cloud.Field{
			i("minimum_password_length", 6, "Minimum length (IAM default 6)."),
			b("require_lowercase_characters", false, "At least one lower-case letter."),
			b("require_uppercase_characters", false, "At least one upper-case letter."),
			b("require_numbers", false, "At least one digit."),
			b("require_symbols", false, "At least one non-alphanumeric character."),
			i("password_reuse_prevention", 0, "Previous passwords that cannot be reused; 0 for none."),
			i("max_password_age", 0, "Days a password is valid; 0 means passwords never expire."),
		}},
	}
}
