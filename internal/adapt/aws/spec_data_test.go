package aws

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/parse/cloudformation"
	"github.com/wardsec/ward/internal/parse/terraform"
	"github.com/wardsec/ward/internal/state"
)

func dataDocsTF(t *testing.T, src string) map[string]*state.Document {
	t.Helper()
	res, err := terraform.Evaluate(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", terraform.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("evaluate: %v", res.Errors)
	}
	return dataDocs(t, res.Resources)
}

func dataDocsCFN(t *testing.T, src string) map[string]*state.Document {
	t.Helper()
	res, err := cloudformation.Parse("t.yaml", []byte(src), cloudformation.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return dataDocs(t, res.Resources)
}

// dataDocs adapts with the AWS set and keys the documents by kind and
// address.
func dataDocs(t *testing.T, rs []state.IaCResource) map[string]*state.Document {
	t.Helper()
	docs, errs := Set().Adapt(rs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := map[string]*state.Document{}
	for _, d := range docs {
		out[d.Kind+" "+d.Value.(map[string]any)["address"].(string)] = d
	}
	return out
}

func field(t *testing.T, docs map[string]*state.Document, key string, path ...string) any {
	t.Helper()
	d, ok := docs[key]
	if !ok {
		t.Fatalf("no document %q in %v", key, docs)
	}
	var v any = d.Value
	for _, p := range path {
		v = v.(map[string]any)[p]
	}
	return v
}

func TestDataTerraform(t *testing.T) {
	docs := dataDocsTF(t, `
resource "aws_db_instance" "primary" {
  identifier     = "app"
  engine         = "postgres"
  instance_class = "db.t3.micro"
}
resource "aws_db_instance" "replica" {
  identifier          = "app-replica"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.t3.micro"
}
resource "aws_db_parameter_group" "pg" {
  name   = "app"
  family = "postgres14"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}
resource "random_password" "token" {
  length = 32
}
resource "aws_elasticache_replication_group" "r" {
  replication_group_id       = "r"
  description                = "r"
  transit_encryption_enabled = true
  auth_token                 = random_password.token.result
}
resource "aws_athena_workgroup" "bare" {
  name = "bare"
}
resource "aws_athena_workgroup" "configured" {
  name = "configured"
  configuration {
    publish_cloudwatch_metrics_enabled = true
  }
}
resource "aws_secretsmanager_secret" "s" {
  name = "db"
}
resource "aws_secretsmanager_secret_rotation" "s" {
  secret_id           = aws_secretsmanager_secret.s.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}
resource "aws_sqs_queue_policy" "p" {
  queue_url = "https://sqs.us-east-1.amazonaws.com/111122223333/q"
  policy    = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*" }] })
}
`)
	primary, replica := "aws.rds.instance aws_db_instance.primary", "aws.rds.instance aws_db_instance.replica"
	for _, c := range []struct {
		key  string
		path []string
		want any
	}{
		{primary, []string{"read_replica"}, false},
		{primary, []string{"inherits_storage"}, false},
		{primary, []string{"storage_encrypted"}, false},
		{primary, []string{"backup_retention_period"}, 1},
		{primary, []string{"auto_minor_version_upgrade"}, true},
		// The source is another resource's computed identifier: still a replica.
		{replica, []string{"read_replica"}, true},
		{replica, []string{"inherits_storage"}, true},
		{"aws.rds.parameter_group aws_db_parameter_group.pg", []string{"parameters"}, []any{map[string]any{"parameter": "rds.force_ssl", "value": "1"}}},
		{"aws.rds.parameter_group aws_db_parameter_group.pg", []string{"parameters_listed"}, true},
		// An auth token from another resource is unknown but set.
		{"aws.elasticache.replication_group aws_elasticache_replication_group.r", []string{"auth_configured"}, true},
		// Terraform's enforce default (true) applies inside a configuration block only.
		{"aws.athena.workgroup aws_athena_workgroup.bare", []string{"enforce_configuration"}, false},
		{"aws.athena.workgroup aws_athena_workgroup.configured", []string{"enforce_configuration"}, true},
		{"aws.secretsmanager.secret aws_secretsmanager_secret.s", []string{"rotation_enabled"}, true},
		{"aws.sqs.queue_policy aws_sqs_queue_policy.p", []string{"statements"}, []any{}},
	} {
		got := field(t, docs, c.key, c.path...)
		if w, ok := c.want.(int); ok {
			c.want = int64(w)
			if g, ok := got.(int); ok {
				got = int64(g)
			}
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s %v (-want +got):\n%s", c.key, c.path, diff)
		}
	}
	if s, _ := field(t, docs, "aws.sqs.queue_policy aws_sqs_queue_policy.p", "policy_json").(string); s == "" {
		t.Error("jsonencode policy not kept as JSON")
	}
	if d := docs[primary]; !d.Defaults[state.Key([]any{"storage_encrypted"})] {
		t.Errorf("storage_encrypted should be a default: %v", d.Defaults)
	}
}

func TestDataCloudFormation(t *testing.T) {
	docs := dataDocsCFN(t, `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      EngineMode: serverless
  Member:
    Type: AWS::RDS::DBInstance
    Properties:
      DBClusterIdentifier: !Ref Cluster
      Engine: aurora-mysql
      DBInstanceClass: db.r6g.large
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: p
      Family: mysql8.0
      Parameters:
        rds.force_ssl: "1"
        require_secure_transport: "OFF"
  Policy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [https://sqs.us-east-1.amazonaws.com/111122223333/q]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: [sqs:SendMessage]
          - Effect: Allow
            Principal:
              AWS: ["arn:aws:iam::111122223333:root", "*"]
            Action: sqs:*
            Condition:
              Bool:
                aws:SecureTransport: "true"
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: db
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
      RotationRules:
        AutomaticallyAfterDays: 30
  Workgroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: wg
      WorkGroupConfiguration:
        ResultConfiguration: null
`)
	for _, c := range []struct {
		key  string
		path []string
		want any
	}{
		{"aws.rds.cluster Cluster", []string{"engine_mode"}, "serverless"},
		{"aws.rds.instance Member", []string{"cluster_member"}, true},
		{"aws.rds.instance Member", []string{"inherits_storage"}, true},
		{"aws.rds.parameter_group Params", []string{"parameters_listed"}, false},
		{"aws.rds.parameter_group Params", []string{"require_secure_transport"}, "OFF"},
		{"aws.sqs.queue_policy Policy", []string{"statements"}, []any{
			map[string]any{"effect": "Allow", "actions": []any{"sqs:SendMessage"}, "principal_all": true, "principal_aws": []any{}, "conditions": false},
			map[string]any{"effect": "Allow", "actions": []any{"sqs:*"}, "principal_all": false, "principal_aws": []any{"arn:aws:iam::111122223333:root", "*"}, "conditions": true},
		}},
		{"aws.secretsmanager.secret Secret", []string{"rotation_enabled"}, true},
		{"aws.athena.workgroup Workgroup", []string{"encryption_option"}, ""},
	} {
		got := field(t, docs, c.key, c.path...)
		if diff := cmp.Diff(c.want, normStrings(got)); diff != "" {
			t.Errorf("%s %v (-want +got):\n%s", c.key, c.path, diff)
		}
	}
}

// normStrings turns []string values (strings fields) into []any for
// comparison.
func normStrings(v any) any {
	switch x := v.(type) {
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normStrings(e)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = normStrings(e)
		}
		return out
	}
	return v
}
