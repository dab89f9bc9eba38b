package aws

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/state"
)

func TestDocuments(t *testing.T) {
	bucket := mk("s3.tf", "aws_s3_bucket", "aws_s3_bucket.b", M{
		"bucket": "b", "versioning": L{M{"enabled": unk("var.v")}}, "policy": bucketPolicyJSON,
	})
	st, errs := Adapt([]state.IaCResource{bucket,
		mk("sg.yaml", "AWS::EC2::SecurityGroup", "Web", M{"GroupDescription": "d",
			"SecurityGroupIngress": L{M{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}}}),
		mk("iam.yaml", "AWS::IAM::Policy", "P", M{"PolicyName": "p", "PolicyDocument": adminObject}),
	})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	in := Documents(st)
	docs := Documents(st)
	if len(in) != 3 || len(docs) != 3 {
		t.Fatalf("got %d inputs, %d documents, want 3", len(in), len(docs))
	}
	kinds := []string{docs[0].Kind, docs[1].Kind, docs[2].Kind}
	if diff := cmp.Diff([]string{KindS3Bucket, KindSecurityGroup, KindIAMPolicy}, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}

	b := in[0]
	if b.Type != TypeCloud || b.Path != "s3.tf" || b.Resource.Address != "aws_s3_bucket.b" || b.Resource.Name != "b" {
		t.Errorf("bucket document header = %+v", b)
	}
	// The Value is plain JSON.
	raw, err := json.Marshal(b.Value)
	if err != nil {
		t.Fatal(err)
	}
	var plain map[string]any
	if err := json.Unmarshal(raw, &plain); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"address": "aws_s3_bucket.b", "name": "b", "acl": "private",
		"encryption":          map[string]any{"enabled": true, "algorithm": "AES256", "kms_key_id": ""},
		"versioning":          map[string]any{"enabled": nil, "mfa_delete": false},
		"logging":             map[string]any{"enabled": false, "target_bucket": ""},
		"public_access_block": nil,
		"policy": map[string]any{"statements": []any{map[string]any{
			"sid": "DenyInsecure", "effect": "Deny", "actions": []any{"s3:*"}, "not_actions": []any{},
			"resources": []any{"arn:aws:s3:::logs-bucket/*"}, "not_resources": []any{},
			"principals": []any{"*"}, "not_principals": []any{}, "conditions": true,
		}}},
	}
	if diff := cmp.Diff(want, plain); diff != "" {
		t.Errorf("bucket value (-want +got):\n%s", diff)
	}
	// Origins of leaves.
	if got := b.Unknown[state.Key(L{"versioning", "enabled"})]; got != "var.v" {
		t.Errorf("unknown versioning.enabled ref = %q, want var.v", got)
	}
	for _, p := range [][]any{{"encryption", "enabled"}, {"acl"}, {"versioning", "mfa_delete"}} {
		if !b.Defaults[state.Key(p)] {
			t.Errorf("%v should be a default leaf", p)
		}
	}
	if b.Defaults[state.Key(L{"name"})] || len(b.Unknown) != 1 {
		t.Errorf("defaults %v / unknown %v", b.Defaults, b.Unknown)
	}
	// Paths resolve to the lines that wrote them.
	src := b.Source
	if r, _ := src.Resolve(L{"versioning", "enabled"}); r != bucket.Source[state.Key(L{"versioning", 0, "enabled"})] {
		t.Errorf("versioning.enabled -> %v", r)
	}
	if r, _ := src.Resolve(L{"policy", "statements", 0, "principals"}); r != bucket.Source[state.Key(L{"policy"})] {
		t.Errorf("policy leaf -> %v, want the policy attribute", r)
	}

	sg := in[1]
	rule := sg.Value.(map[string]any)["ingress"].([]any)[0].(map[string]any)
	if rule["from_port"] != int64(22) || rule["protocol"] != "tcp" {
		t.Errorf("rule = %v", rule)
	}
	if _, ok := sg.Unknown[state.Key(L{"name"})]; !ok || sg.Value.(map[string]any)["name"] != nil {
		t.Errorf("generated group name should be an unknown (null) leaf: %v", sg.Unknown)
	}
	if !sg.Defaults[state.Key(L{"egress", 0, "cidrs"})] {
		t.Errorf("CloudFormation default egress should be a default leaf: %v", sg.Defaults)
	}
	if r, ok := sg.Source.Resolve(L{"ingress", 0, "cidrs"}); !ok || r.Path != "sg.yaml" || r.Start < 2 {
		t.Errorf("ingress cidr -> %v", r)
	}
	if docs[2].Value.(map[string]any)["document"] == nil {
		t.Errorf("policy document missing: %v", docs[2].Value)
	}
}
