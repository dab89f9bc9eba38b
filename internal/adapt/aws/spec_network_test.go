package aws

import (
	"context"
	"os"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/adapt/spec"
	"github.com/wardsec/ward/internal/parse/cloudformation"
	"github.com/wardsec/ward/internal/parse/terraform"
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// networkSet is the network declarations alone, so that they are validated
// and tested whatever the other files declare.
func networkSet() spec.Set {
	var schemas []cloud.Schema
	kinds := map[string]bool{}
	for _, m := range networkMappings() {
		kinds[m.Kind] = true
	}
	for _, sc := range cloudaws.Schemas() {
		if kinds[sc.Kind] {
			schemas = append(schemas, sc)
		}
	}
	return spec.Set{Schemas: schemas, Mappings: networkMappings(), Links: networkLinks()}
}

func TestNetworkSetValid(t *testing.T) {
	s := networkSet()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(s.Schemas) != 12 {
		t.Errorf("%d network kinds have a mapping, want 12", len(s.Schemas))
	}
}

func networkDocs(t *testing.T, res []state.IaCResource) map[string]*state.Document {
	t.Helper()
	docs, errs := networkSet().Adapt(res)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := map[string]*state.Document{}
	for _, d := range docs {
		out[d.Kind+" "+d.Resource.Address] = d
	}
	if os.Getenv("WARD_NET_DUMP") != "" {
		for k, d := range out {
			t.Logf("%s: %v", k, d.Value)
		}
	}
	return out
}

func networkTF(t *testing.T, src string) map[string]*state.Document {
	t.Helper()
	res, err := terraform.Evaluate(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", terraform.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("evaluate: %v", res.Errors)
	}
	return networkDocs(t, res.Resources)
}

func networkCFN(t *testing.T, src string) map[string]*state.Document {
	t.Helper()
	res, err := cloudformation.Parse("t.yaml", []byte(src), cloudformation.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return networkDocs(t, res.Resources)
}

func netValue(t *testing.T, docs map[string]*state.Document, key string) map[string]any {
	t.Helper()
	d := docs[key]
	if d == nil {
		keys := make([]string, 0, len(docs))
		for k := range docs {
			keys = append(keys, k)
		}
		t.Fatalf("no document %q in %v", key, keys)
	}
	return d.Value.(map[string]any)
}

func TestNetworkTerraform(t *testing.T) {
	docs := networkTF(t, `
resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "Required"
  }
  ebs_block_device {
    device_name = "/dev/sdg"
    encrypted   = false
  }
}
resource "aws_network_acl" "main" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "TCP"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_flow_log" "main" {
  vpc_id       = aws_vpc.main.id
  traffic_type = "ALL"
}
resource "aws_default_subnet" "a" {
  availability_zone = "eu-west-1a"
}
resource "aws_iam_user" "jim" {
  name = "jim"
}
resource "aws_iam_user_policy" "jim" {
  user   = aws_iam_user.jim.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:Describe*", Resource = "*" }] })
}
resource "aws_iam_user_policy_attachment" "jim" {
  user       = aws_iam_user.jim.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_group" "dev" {
  name = "dev"
}
resource "aws_iam_policy" "mfa" {
  name   = "mfa"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", NotAction = "iam:*", Resource = "*" }] })
}
resource "aws_iam_group_policy_attachment" "dev" {
  group      = aws_iam_group.dev.name
  policy_arn = aws_iam_policy.mfa.arn
}
resource "aws_iam_group_policy" "dev" {
  group  = "dev"
  policy = "{\"Statement\": []}"
}
`)
	web := netValue(t, docs, "aws.ec2.instance aws_instance.web")
	if web["http_tokens"] != "required" || web["http_endpoint"] != "enabled" || web["metadata_options_set"] != true {
		t.Errorf("instance metadata = %v", web)
	}
	if diff := cmp.Diff(map[string]any{"described": true, "encrypted": false}, web["root_block_device"]); diff != "" {
		t.Errorf("root_block_device (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{map[string]any{"device_name": "/dev/sdg", "ebs": true, "encrypted": false}}, web["ebs_block_devices"]); diff != "" {
		t.Errorf("ebs_block_devices (-want +got):\n%s", diff)
	}
	acl := netValue(t, docs, "aws.ec2.network_acl aws_network_acl.main")
	want := []any{map[string]any{"rule_no": int64(100), "allow": true, "protocol": "tcp", "from_port": int64(22), "to_port": int64(22), "cidr_block": "0.0.0.0/0", "ipv6_cidr_block": ""}}
	if diff := cmp.Diff(want, acl["ingress"]); diff != "" {
		t.Errorf("ingress (-want +got):\n%s", diff)
	}
	if v := netValue(t, docs, "aws.ec2.vpc aws_vpc.main"); v["flow_logs_enabled"] != true || v["default"] != false {
		t.Errorf("vpc = %v", v)
	}
	if v := netValue(t, docs, "aws.ec2.subnet aws_default_subnet.a"); v["map_public_ip_on_launch"] != true {
		t.Errorf("default subnet = %v", v)
	}
	user := netValue(t, docs, "aws.iam.user aws_iam_user.jim")
	if diff := cmp.Diff([]any{map[string]any{"policy_name": "", "source": "aws_iam_user_policy"}}, user["policies"]); diff != "" {
		t.Errorf("user policies (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{map[string]any{"arn": "arn:aws:iam::aws:policy/AdministratorAccess", "source": "aws_iam_user_policy_attachment"}}, user["attached_policies"]); diff != "" {
		t.Errorf("user attached policies (-want +got):\n%s", diff)
	}
	dev := docs["aws.iam.group aws_iam_group.dev"]
	if dev == nil {
		t.Fatal("no group document")
	}
	if diff := cmp.Diff([]any{map[string]any{"text": `{"Statement": []}`, "source": "aws_iam_group_policy"}}, dev.Value.(map[string]any)["policies"]); diff != "" {
		t.Errorf("group policies (-want +got):\n%s", diff)
	}
	if _, ok := dev.Unknown[state.Key([]any{"attached_policies", 0, "arn"})]; !ok {
		t.Errorf("attached policy ARN by reference should be unknown: %v", dev.Unknown)
	}
	att := netValue(t, docs, "aws.iam.policy_attachment aws_iam_user_policy_attachment.jim")
	if diff := cmp.Diff(map[string]any{"address": "aws_iam_user_policy_attachment.jim", "name": nil, "to_users": true, "to_groups": false, "to_roles": false,
		"policy_arns": []any{"arn:aws:iam::aws:policy/AdministratorAccess"}}, att); diff != "" {
		t.Errorf("attachment (-want +got):\n%s", diff)
	}
}

func TestNetworkCloudFormation(t *testing.T) {
	docs := networkCFN(t, `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: vpc-1
  Entry:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: -1
      RuleAction: Allow
      CidrBlock: 0.0.0.0/0
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Logs:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abcdef1234567890
      BlockDeviceMappings:
        - DeviceName: /dev/sdk
          NoDevice: {}
        - DeviceName: /dev/sdm
          Ebs:
            Encrypted: "true"
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions:
          HttpTokens: required
  Admin:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
      Policies:
        - PolicyName: inline
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:ListBucket
                Resource: "*"
`)
	entry := netValue(t, docs, "aws.ec2.network_acl_rule Entry")
	if entry["protocol"] != "-1" || entry["allow"] != true || entry["egress"] != false || entry["from_port"] != nil {
		t.Errorf("acl entry = %v", entry)
	}
	if v := netValue(t, docs, "aws.ec2.vpc Vpc"); v["flow_logs_enabled"] != true {
		t.Errorf("vpc = %v", v)
	}
	web := netValue(t, docs, "aws.ec2.instance Web")
	want := []any{
		map[string]any{"device_name": "/dev/sdk", "ebs": false, "encrypted": false},
		map[string]any{"device_name": "/dev/sdm", "ebs": true, "encrypted": true},
	}
	if diff := cmp.Diff(want, web["ebs_block_devices"]); diff != "" {
		t.Errorf("block devices (-want +got):\n%s", diff)
	}
	if web["root_block_device"].(map[string]any)["described"] != false || web["http_tokens"] != "optional" {
		t.Errorf("instance = %v", web)
	}
	if v := netValue(t, docs, "aws.ec2.launch_template Template"); v["http_tokens"] != "required" || v["metadata_options_set"] != true {
		t.Errorf("launch template = %v", v)
	}
	user := netValue(t, docs, "aws.iam.user Admin")
	if diff := cmp.Diff([]any{map[string]any{"arn": "arn:aws:iam::aws:policy/AdministratorAccess", "source": "ManagedPolicyArns"}}, user["attached_policies"]); diff != "" {
		t.Errorf("attached (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{map[string]any{"policy_name": "inline", "source": "Policies"}}, user["policies"]); diff != "" {
		t.Errorf("policies (-want +got):\n%s", diff)
	}
	if v := netValue(t, docs, "aws.iam.policy_attachment Admin"); v["to_users"] != true {
		t.Errorf("attachment = %v", v)
	}
}
