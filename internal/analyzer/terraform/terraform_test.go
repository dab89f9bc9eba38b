package terraform

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/wardsec/ward/internal/analyzer"
)

func TestFileAnalyzerPaths(t *testing.T) {
	src := `# ward:ignore WARD-AWS-0001 public website
resource "aws_s3_bucket" "b" {
  bucket = "site"
}
module "remote" {
  source = "terraform-aws-modules/vpc/aws"
}
`
	res, err := NewFile(Config{}).Analyze(context.Background(), analyzer.File{Path: "infra/main.tf", Content: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resources) != 1 || res.Resources[0].Source[""].Path != "infra/main.tf" || res.Resources[0].Source[""].Start != 2 {
		t.Fatalf("resources %+v", res.Resources)
	}
	if len(res.Ignores) != 1 || res.Ignores[0].Path != "infra/main.tf" || res.Ignores[0].IDs[0] != "WARD-AWS-0001" {
		t.Errorf("ignores %+v", res.Ignores)
	}
	if len(res.NotEvaluated) != 1 || res.NotEvaluated[0].Resource.Address != "module.remote" || res.NotEvaluated[0].Location.Path != "infra/main.tf" {
		t.Errorf("not evaluated %+v", res.NotEvaluated)
	}
}

func TestDirAnalyzer(t *testing.T) {
	a := New(Config{Vars: map[string]string{"name": "from-cli"}})
	if !a.RequiredDir("env", []string{"main.tf", "README.md"}) || a.RequiredDir("env/.terraform/modules/x", []string{"main.tf"}) || a.RequiredDir("docs", []string{"a.md"}) {
		t.Error("RequiredDir")
	}
	if !a.Claims("env", "env/main.tf", FileID) || a.Claims("env", "env/sub/main.tf", FileID) || a.Claims("env", "env/main.tf", "iac/kubernetes") {
		t.Error("Claims")
	}
	fsys := fstest.MapFS{
		"env/main.tf":       {Data: []byte("variable \"name\" {}\nmodule \"b\" {\n  source = \"../mod\"\n  name = var.name\n}\n")},
		"mod/main.tf":       {Data: []byte("variable \"name\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = var.name\n}\n")},
		"other/main.tf":     {Data: []byte("resource \"aws_s3_bucket\" \"o\" {}\n")},
		"env/sub/.keep":     {},
		"mod/README.md":     {},
		"other/sub/main.tf": {Data: []byte("module \"x\" {\n  source = \"../../mod\"\n}\n")},
	}
	roots := a.SelectRoots(fsys, []string{"env", "mod", "other", "other/sub"})
	if len(roots) != 3 || roots[0] != "env" || roots[1] != "other" || roots[2] != "other/sub" {
		t.Errorf("roots %v, want env, other, other/sub (mod is called)", roots)
	}
	res, err := a.AnalyzeDir(context.Background(), fsys, "env")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resources) != 1 || res.Resources[0].Value["bucket"] != "from-cli" || res.Resources[0].Source["bucket"].Path != "mod/main.tf" {
		t.Errorf("resources %+v", res.Resources)
	}
}

func TestPlanAnalyzer(t *testing.T) {
	plan := `{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {"root_module": {"resources": [
  {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {"bucket": "logs", "acl": "public-read"}}]}},
  "resource_changes": [{"address": "aws_s3_bucket.b", "change": {"after_unknown": {"arn": true}}}]}`
	p := PlanAnalyzer{}
	if !p.Required("plan.json") || p.Required("main.tf") {
		t.Error("Required")
	}
	res, err := p.Analyze(context.Background(), analyzer.File{Path: "plan.json", Content: []byte(plan)})
	if err != nil || len(res.Resources) != 1 || res.Resources[0].Value["acl"] != "public-read" {
		t.Fatalf("%v %+v", err, res)
	}
	other, err := p.Analyze(context.Background(), analyzer.File{Path: "package.json", Content: []byte(`{"name": "x"}`)})
	if err != nil || len(other.Resources) != 0 {
		t.Errorf("a JSON file that is not a plan: %v %+v", err, other)
	}
}
