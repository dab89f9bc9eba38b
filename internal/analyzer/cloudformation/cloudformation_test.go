package cloudformation

import (
	"context"
	"testing"

	"github.com/wardsec/ward/internal/analyzer"
)

func TestAnalyze(t *testing.T) {
	a := New(Config{Parameters: map[string]string{"Acl": "PublicRead"}})
	if !a.Required("stack/template.yaml") || !a.Required("t.template") || a.Required("main.tf") {
		t.Error("Required")
	}
	tmpl := `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Acl:
    Type: String
    Default: Private
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !Ref Acl # ward:ignore WARD-AWS-0001 public site
`
	res, err := a.Analyze(context.Background(), analyzer.File{Path: "t.yaml", Content: []byte(tmpl)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resources) != 1 || res.Resources[0].Value["AccessControl"] != "PublicRead" {
		t.Errorf("resources %+v (the --cf-param value must win over the Default)", res.Resources)
	}
	if len(res.Ignores) != 1 || res.Ignores[0].Line != 10 {
		t.Errorf("ignores %+v", res.Ignores)
	}
	k8s, err := a.Analyze(context.Background(), analyzer.File{Path: "pod.yaml", Content: []byte("apiVersion: v1\nkind: Pod\n")})
	if err != nil || len(k8s.Resources) != 0 || len(k8s.Errors) != 0 {
		t.Errorf("a manifest is not a template: %v %+v", err, k8s)
	}
}
