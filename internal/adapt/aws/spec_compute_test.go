package aws

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
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// computeSet is the compute declarations alone, so that they are validated
// and tested whatever the other files declare.
func computeSet() spec.Set {
	var schemas []cloud.Schema
	kinds := map[string]bool{}
	for _, m := range computeMappings() {
		kinds[m.Kind] = true
	}
	for _, sc := range cloudaws.Schemas() {
		if kinds[sc.Kind] {
			schemas = append(schemas, sc)
		}
	}
	return spec.Set{Schemas: schemas, Mappings: computeMappings(), Links: computeLinks()}
}

func TestComputeSetValid(t *testing.T) {
	s := computeSet()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(s.Schemas) < 23 {
		t.Errorf("only %d compute kinds have a mapping", len(s.Schemas))
	}
}

func computeDocs(t *testing.T, res []state.IaCResource) map[string]*state.Document {
	t.Helper()
	docs, errs := computeSet().Adapt(res)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := map[string]*state.Document{}
	for _, d := range docs {
		out[d.Resource.Address] = d
	}
	return out
}

func computeTF(t *testing.T, src string) map[string]*state.Document {
	t.Helper()
	res, err := terraform.Evaluate(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", terraform.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("evaluate: %v", res.Errors)
	}
	return computeDocs(t, res.Resources)
}

func computeCFN(t *testing.T, src string) map[string]*state.Document {
	t.Helper()
	res, err := cloudformation.Parse("t.yaml", []byte(src), cloudformation.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return computeDocs(t, res.Resources)
}

func value(t *testing.T, d *state.Document) map[string]any {
	t.Helper()
	if d == nil {
		t.Fatal("no document")
	}
	return d.Value.(map[string]any)
}

func TestComputeCloudFormationOperators(t *testing.T) {
	docs := computeCFN(t, `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internal
      LoadBalancerAttributes:
        - Key: routing.http.drop_invalid_header_fields.enabled
          Value: true
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          ViewerProtocolPolicy: https-only
        Logging:
          Bucket: logs.s3.amazonaws.com
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties:
      LogPublishingOptions:
        AUDIT_LOGS:
          CloudWatchLogsLogGroupArn: !ImportValue AuditGroup
          Enabled: true
  Eks:
    Type: AWS::EKS::Cluster
    Properties:
      Logging:
        ClusterLogging:
          EnabledTypes:
            - Type: api
            - Type: audit
`)
	lb := value(t, docs["Lb"])
	if lb["internal"] != true || lb["type"] != "application" {
		t.Errorf("load balancer = %v", lb)
	}
	if diff := cmp.Diff([]any{map[string]any{"key": "routing.http.drop_invalid_header_fields.enabled", "value": "true"}}, lb["attributes"]); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	dist := value(t, docs["Dist"])
	vc := dist["viewer_certificate"].(map[string]any)
	if vc["cloudfront_default_certificate"] != true || vc["minimum_protocol_version"] != "TLSv1" || dist["logging_enabled"] != true {
		t.Errorf("distribution = %v", dist)
	}
	search := value(t, docs["Search"])
	if diff := cmp.Diff([]any{map[string]any{"log_type": "AUDIT_LOGS", "enabled": true}}, search["log_publishing"]); diff != "" {
		t.Errorf("log_publishing (-want +got):\n%s", diff)
	}
	if search["enforce_https"] != false || search["tls_security_policy"] != "Policy-Min-TLS-1-0-2019-07" {
		t.Errorf("domain = %v", search)
	}
	eks := value(t, docs["Eks"])
	if diff := cmp.Diff([]any{map[string]any{"type": "api"}, map[string]any{"type": "audit"}}, eks["enabled_log_types"]); diff != "" {
		t.Errorf("log types (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{"0.0.0.0/0"}, eks["public_access_cidrs"]); diff != "" && diff != cmp.Diff([]string{"0.0.0.0/0"}, eks["public_access_cidrs"]) {
		t.Errorf("public_access_cidrs = %#v", eks["public_access_cidrs"])
	}
	if eks["endpoint_public_access"] != true || !docs["Eks"].Defaults[state.Key([]any{"endpoint_public_access"})] {
		t.Errorf("endpoint_public_access should default to true: %v", eks)
	}
}

func TestComputeTerraform(t *testing.T) {
	docs := computeTF(t, `
resource "aws_cloudfront_distribution" "d" {
  viewer_certificate {
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  }
}
resource "aws_elasticsearch_domain" "es" {
  domain_name = "search"
  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
resource "aws_eks_cluster" "k" {
  name                      = "k"
  enabled_cluster_log_types = ["api"]
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.k.arn
    }
  }
}
resource "aws_kms_key" "k" {}
resource "aws_api_gateway_stage" "s" {
  stage_name = "prod"
}
resource "aws_api_gateway_method_settings" "all" {
  stage_name  = aws_api_gateway_stage.s.stage_name
  method_path = "*/*"
  settings {
    caching_enabled = true
  }
}
resource "aws_ecr_repository" "r" {
  name = "app"
}
resource "aws_ecr_repository_policy" "p" {
  repository = aws_ecr_repository.r.name
  policy     = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:*" }] })
}
`)
	vc := value(t, docs["aws_cloudfront_distribution.d"])["viewer_certificate"].(map[string]any)
	if vc["cloudfront_default_certificate"] != false || vc["minimum_protocol_version"] != "TLSv1" {
		t.Errorf("viewer_certificate = %v", vc)
	}
	es := value(t, docs["aws_elasticsearch_domain.es"])
	if es["enforce_https"] != true || es["tls_security_policy"] != "Policy-Min-TLS-1-2-2019-07" {
		t.Errorf("enforce_https should be the block's default true: %v", es)
	}
	k := docs["aws_eks_cluster.k"]
	if diff := cmp.Diff([]any{map[string]any{"type": "api"}}, value(t, k)["enabled_log_types"]); diff != "" {
		t.Errorf("log types (-want +got):\n%s", diff)
	}
	enc := value(t, k)["encryption_config"].([]any)[0].(map[string]any)
	if enc["key_arn"] != nil {
		t.Errorf("key_arn should be unknown: %v", enc)
	}
	if _, ok := k.Unknown[state.Key([]any{"encryption_config", 0, "key_arn"})]; !ok {
		t.Errorf("key_arn not recorded unknown: %v", k.Unknown)
	}
	ms := value(t, docs["aws_api_gateway_stage.s"])["method_settings"]
	if diff := cmp.Diff([]any{map[string]any{"method_path": "*/*", "caching_enabled": true, "cache_data_encrypted": false}}, ms); diff != "" {
		t.Errorf("method_settings (-want +got):\n%s", diff)
	}
	if p, _ := value(t, docs["aws_ecr_repository.r"])["policy"].(string); p == "" {
		t.Errorf("repository policy not linked: %v", value(t, docs["aws_ecr_repository.r"]))
	}
}
