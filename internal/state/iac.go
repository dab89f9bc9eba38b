package state

// Unknown stands for a value that cannot be known from the source alone: a
// data source's attribute, a computed attribute of another resource (an
// ARN, an ID), a remote module's output, an !ImportValue. Checks never fail
// on an unknown value; they report it as not evaluated.
type Unknown struct {
	// Reason names where the value would come from, e.g.
	// "aws_s3_bucket.logs.arn" or "Fn::ImportValue SharedVpcId".
	Reason string
}

// PartialJSON is a JSON string that cannot be known before apply because
// part of the encoded value cannot (Terraform's jsonencode of a policy that
// names another resource's ARN), with the value as far as it is known: its
// unknown parts are Unknown. It counts as unknown wherever a string is
// expected; adapters that read JSON documents (IAM policies) use Value.
type PartialJSON struct {
	Reason string
	Value  any
}

// IaCResource is one resource of an infrastructure-as-code source after
// evaluation (Terraform/OpenTofu or CloudFormation): variables, locals,
// parameters, conditions and functions resolved, count/for_each expanded.
// Adapters turn IaC resources into the typed cloud model.
type IaCResource struct {
	// Type is the provider's resource type: "aws_s3_bucket",
	// "AWS::S3::Bucket".
	Type string
	// Name is the Terraform resource name or the CloudFormation logical ID.
	Name string
	// Address is unique within a scan: Terraform's full address
	// (module.logs.aws_s3_bucket.this["a"]) or the logical ID.
	Address string
	// Mode is "managed" or "data" (Terraform data sources).
	Mode string
	// Module is the Terraform module path ("" for the root module).
	Module string
	// Value holds the attributes (Terraform) or Properties (CloudFormation)
	// as JSON-compatible values; nested blocks are lists of maps; values
	// that cannot be known are Unknown.
	Value map[string]any
	// Source maps value paths (Key) to the lines that wrote them; the empty
	// path is the whole resource block. Ranges name the file they are in,
	// which for module resources is the module's file.
	Source SourceMap
	// References are the addresses of other resources this one refers to
	// (aws_s3_bucket.logs, or a logical ID through Ref/GetAtt), so adapters
	// can link separate resources (a bucket and its public access block).
	References []string
}
