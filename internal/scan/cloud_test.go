package scan

import (
	"context"
	"testing"

	"github.com/wardsec/ward/internal/analyzer/all"
	"github.com/wardsec/ward/internal/policy"
)

// A check that tests "acl is not private" would fail on a null (unknown)
// ACL: the engine must report it as not evaluated, never as a finding.
const aclCheck = `# METADATA
# title: ACL must be private
# custom:
#   id: TEST-ACL-0001
#   severity: HIGH
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
package test.acl

import rego.v1

deny contains {"msg": "acl not private", "path": ["acl"]} if input.acl != "private"
`

func TestUnknownValuesAreNotEvaluated(t *testing.T) {
	ctx := context.Background()
	eng, err := policy.NewFromModules(ctx, policy.Config{}, []policy.Module{{File: "acl.rego", Source: []byte(aclCheck), Custom: true}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Engine: eng, Analyzers: all.Files(), DirAnalyzers: all.Dirs()})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, "main.tf", `
data "aws_ssm_parameter" "acl" { name = "/buckets/acl" }

resource "aws_s3_bucket" "known" {
  bucket = "known"
  acl    = "public-read"
}

resource "aws_s3_bucket" "unknown" {
  bucket = "unknown"
  acl    = data.aws_ssm_parameter.acl.value
}

module "remote" {
  source = "terraform-aws-modules/s3-bucket/aws"
}
`)
	rep, err := s.Scan(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Resource.Address != "aws_s3_bucket.known" || rep.Findings[0].Location.StartLine != 6 {
		t.Fatalf("want one finding on aws_s3_bucket.known at line 6, got %+v", rep.Findings)
	}
	var unknown, module bool
	for _, n := range rep.NotEvaluated {
		switch {
		case n.CheckID == "TEST-ACL-0001" && n.Resource.Address == "aws_s3_bucket.unknown":
			unknown = n.Reason == "data.aws_ssm_parameter.acl.value" && n.Location.StartLine == 11
		case n.CheckID == "*" && n.Resource.Address == "module.remote":
			module = true
		}
	}
	if !unknown || !module {
		t.Errorf("want the unknown bucket and the remote module not evaluated, got %+v", rep.NotEvaluated)
	}
	if rep.Summary.NotEvaluated != len(rep.NotEvaluated) || rep.Summary.High != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}
}

// A directory called as a local module is evaluated through its caller
// (with the caller's variables), never alone; an example calling the
// repository root makes the root a module, not a root.
func TestTerraformRootModules(t *testing.T) {
	ctx := context.Background()
	eng, err := policy.NewFromModules(ctx, policy.Config{}, []policy.Module{{File: "acl.rego", Source: []byte(aclCheck), Custom: true}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Engine: eng, Analyzers: all.Files(), DirAnalyzers: all.Dirs()})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, "main.tf", `
variable "acl" {}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  acl    = var.acl
}
`)
	write(t, dir, "examples/public/main.tf", `
module "bucket" {
  source = "../../"
  acl    = "public-read"
}
`)
	write(t, dir, "examples/private/main.tf", `
module "bucket" {
  source = "../.."
  acl    = "private"
}
`)
	rep, err := s.Scan(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Resource.Address != "module.bucket.aws_s3_bucket.b" || rep.Findings[0].Location.Path != dir+"/main.tf" {
		t.Errorf("want one finding from examples/public on the root module's file, got %+v", rep.Findings)
	}
	if len(rep.NotEvaluated) != 0 || len(rep.Errors) != 0 {
		t.Errorf("the root module must not be evaluated alone: not evaluated %+v, errors %+v", rep.NotEvaluated, rep.Errors)
	}
}
