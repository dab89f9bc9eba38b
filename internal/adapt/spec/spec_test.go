package spec_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/adapt/spec"
	"github.com/wardsec/ward/internal/parse/cloudformation"
	"github.com/wardsec/ward/internal/parse/terraform"
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
)

var testSet = spec.Set{
	Schemas: []cloud.Schema{{
		Kind: "test.db.instance",
		Fields: []cloud.Field{
			{Name: "encrypted", Type: cloud.BoolField},
			{Name: "engine", Type: cloud.StringField, Default: "mysql"},
			{Name: "port", Type: cloud.IntField},
			{Name: "zones", Type: cloud.StringsField},
			{Name: "logging", Type: cloud.ObjectField, Fields: []cloud.Field{{Name: "enabled", Type: cloud.BoolField}}},
			{Name: "rules", Type: cloud.ListField, Fields: []cloud.Field{
				{Name: "cidr", Type: cloud.StringField},
				{Name: "allow", Type: cloud.BoolField, Default: true},
			}},
			{Name: "monitored", Type: cloud.BoolField},
			{Name: "env", Type: cloud.ListField, Fields: []cloud.Field{{Name: "key", Type: cloud.StringField}, {Name: "value", Type: cloud.StringField}}},
		},
	}},
	Mappings: []spec.Mapping{
		{Kind: "test.db.instance", Type: "aws_db_instance", Name: "identifier", Fields: map[string]string{
			"encrypted": "storage_encrypted", "engine": "engine", "port": "port", "zones": "zones",
			"logging.enabled": "log_exports|nonempty",
			"rules":           "rule", "rules.cidr": "cidr", "rules.allow": "action|eq:allow",
			"env": "environment.variables|entries", "env.key": "key", "env.value": "value",
		}},
		{Kind: "test.db.instance", Type: "AWS::RDS::DBInstance", Name: "DBInstanceIdentifier", Fields: map[string]string{
			"encrypted": "StorageEncrypted", "engine": "Engine", "port": "Port",
			"logging.enabled": "EnableCloudwatchLogsExports|nonempty",
		}},
	},
	Links: []spec.Link{
		{Kind: "test.db.instance", Type: "aws_db_monitor", Attr: "db", Fields: map[string]string{"monitored": "|const:true"}},
		{Kind: "test.db.instance", Type: "aws_db_rule", Attr: "db", Fields: map[string]string{"rules": "", "rules.cidr": "cidr"}},
	},
}

func TestValidate(t *testing.T) {
	if err := testSet.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := testSet
	bad.Mappings = []spec.Mapping{{Kind: "test.db.instance", Type: "x", Fields: map[string]string{"nope": "a"}}}
	if bad.Validate() == nil {
		t.Error("unknown field accepted")
	}
	bad.Mappings = []spec.Mapping{{Kind: "test.db.instance", Type: "x", Fields: map[string]string{"port": "a|frob"}}}
	if bad.Validate() == nil {
		t.Error("unknown operator accepted")
	}
}

func tfDocs(t *testing.T, src string) []*state.Document {
	t.Helper()
	res, err := terraform.Evaluate(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", terraform.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("evaluate: %v", res.Errors)
	}
	docs, errs := testSet.Adapt(res.Resources)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return docs
}

func TestTerraform(t *testing.T) {
	docs := tfDocs(t, `
variable "enc" { default = true }
data "aws_kms_key" "k" { key_id = "alias/x" }
resource "aws_db_instance" "a" {
  identifier        = "main"
  storage_encrypted = var.enc
  port              = data.aws_kms_key.k.arn
  rule {
    cidr   = "10.0.0.0/8"
    action = "deny"
  }
  rule {
    cidr = "0.0.0.0/0"
  }
  environment {
    variables = {
      B_TOKEN = "x"
      A_MODE  = "prod"
    }
  }
}
resource "aws_db_monitor" "m" {
  db = aws_db_instance.a.id
}
resource "aws_db_rule" "r" {
  db   = "main"
  cidr = "192.168.0.0/16"
}
`)
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	d := docs[0]
	want := map[string]any{
		"address": "aws_db_instance.a", "name": "main", "encrypted": true, "engine": "mysql", "port": nil,
		"zones": []any{}, "logging": map[string]any{"enabled": false}, "monitored": true,
		"rules": []any{
			map[string]any{"cidr": "10.0.0.0/8", "allow": false},
			map[string]any{"cidr": "0.0.0.0/0", "allow": true},
			map[string]any{"cidr": "192.168.0.0/16", "allow": true},
		},
		"env": []any{map[string]any{"key": "A_MODE", "value": "prod"}, map[string]any{"key": "B_TOKEN", "value": "x"}},
	}
	if diff := cmp.Diff(want, d.Value); diff != "" {
		t.Errorf("value (-want +got):\n%s", diff)
	}
	if d.Type != state.TypeCloud || d.Kind != "test.db.instance" {
		t.Errorf("type/kind %s/%s", d.Type, d.Kind)
	}
	if _, ok := d.Unknown[state.Key([]any{"port"})]; !ok {
		t.Errorf("port should be unknown: %v", d.Unknown)
	}
	for _, p := range [][]any{{"engine"}, {"zones"}, {"logging", "enabled"}, {"rules", 1, "allow"}} {
		if !d.Defaults[state.Key(p)] {
			t.Errorf("%v should be a default: %v", p, d.Defaults)
		}
	}
	if d.Defaults[state.Key([]any{"encrypted"})] || d.Defaults[state.Key([]any{"monitored"})] {
		t.Errorf("explicit values marked default: %v", d.Defaults)
	}
	for p, line := range map[string]int{"encrypted": 6, "rules\x001\x00cidr": 13, "rules\x002\x00cidr": 27, "monitored": 22, "env\x001\x00value": 16, "env\x000\x00value": 16} {
		if r, ok := d.Source[p]; !ok || r.Start != line || r.Path != "main.tf" {
			t.Errorf("source of %q = %+v, want main.tf:%d", p, r, line)
		}
	}
}

func TestCloudFormation(t *testing.T) {
	res, err := cloudformation.Parse("t.yaml", []byte(`AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Enc:
    Type: String
    Default: "false"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: !Ref Enc
      Port: !ImportValue SharedPort
      EnableCloudwatchLogsExports: [error]
`), cloudformation.Config{})
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := testSet.Adapt(res.Resources)
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	v := docs[0].Value.(map[string]any)
	if v["encrypted"] != false || v["port"] != nil || v["name"] != nil || v["logging"].(map[string]any)["enabled"] != true {
		t.Errorf("value = %v", v)
	}
	if _, ok := docs[0].Unknown[state.Key([]any{"name"})]; !ok {
		t.Errorf("generated name should be unknown: %v", docs[0].Unknown)
	}
	if r := docs[0].Source[state.Key([]any{"encrypted"})]; r.Start != 10 {
		t.Errorf("encrypted at %+v, want line 10", r)
	}
}
