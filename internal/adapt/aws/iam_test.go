package aws

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

func stmt(effect string, actions, resources, principals []string, cond bool) cloudaws.Statement {
	opt := func(v []string) cloud.Strings {
		if v == nil {
			return cloud.DefaultStrings(nil, r0)
		}
		return cloud.ExplicitStrings(v, r0)
	}
	c := cloud.DefaultBool(false, r0)
	if cond {
		c = cloud.ExplicitBool(true, r0)
	}
	return cloudaws.Statement{
		Sid: cloud.DefaultString("", r0), Effect: cloud.ExplicitString(effect, r0),
		Actions: opt(actions), NotActions: opt(nil), Resources: opt(resources), NotResources: opt(nil),
		Principals: opt(principals), NotPrincipals: opt(nil), Conditions: c,
	}
}

var wantAdmin = cloudaws.IAMPolicy{
	Name: cloud.ExplicitString("admin", r0),
	Document: cloudaws.PolicyDocument{Statements: []cloudaws.Statement{
		stmt("Allow", []string{"*"}, []string{"*"}, nil, false),
		stmt("Allow", []string{"s3:GetObject", "s3:PutObject"}, []string{"arn:aws:s3:::b/*"}, nil, true),
	}},
}

const adminJSON = `{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":"*","Resource":"*"},
 {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`

var adminObject = M{"Version": "2012-10-17", "Statement": L{
	M{"Effect": "Allow", "Action": "*", "Resource": "*"},
	M{"Effect": "Allow", "Action": L{"s3:GetObject", "s3:PutObject"}, "Resource": "arn:aws:s3:::b/*",
		"Condition": M{"IpAddress": M{"aws:SourceIp": "10.0.0.0/8"}}},
}}

func TestIAMSameModelFromEverySource(t *testing.T) {
	doc := mk("iam.tf", "aws_iam_policy_document", "data.aws_iam_policy_document.admin", M{
		"statement": L{
			M{"effect": "Allow", "actions": L{"*"}, "resources": L{"*"}},
			M{"effect": "Allow", "actions": L{"s3:GetObject", "s3:PutObject"}, "resources": L{"arn:aws:s3:::b/*"},
				"condition": L{M{"test": "IpAddress", "variable": "aws:SourceIp", "values": L{"10.0.0.0/8"}}}},
		},
	})
	tests := []struct {
		name string
		in   []state.IaCResource
	}{
		{name: "terraform_jsonencode", in: []state.IaCResource{mk("iam.tf", "aws_iam_policy", "aws_iam_policy.admin", M{"name": "admin", "policy": adminJSON})}},
		{name: "terraform_policy_document_by_reason", in: []state.IaCResource{doc,
			mk("iam.tf", "aws_iam_role_policy", "aws_iam_role_policy.admin", M{"name": "admin", "policy": unk("data.aws_iam_policy_document.admin.json")})}},
		{name: "terraform_policy_document_by_reference", in: []state.IaCResource{doc,
			mk("iam.tf", "aws_iam_user_policy", "aws_iam_user_policy.admin", M{"name": "admin", "policy": unk("local.p")}, "data.aws_iam_policy_document.admin")}},
		{name: "terraform_role_inline_policy", in: []state.IaCResource{
			mk("iam.tf", "aws_iam_role", "aws_iam_role.r", M{"name": "r", "inline_policy": L{M{"name": "admin", "policy": adminJSON}}})}},
		{name: "cloudformation_managed_policy", in: []state.IaCResource{
			mk("iam.yaml", "AWS::IAM::ManagedPolicy", "Admin", M{"ManagedPolicyName": "admin", "PolicyDocument": adminObject})}},
		{name: "cloudformation_policy", in: []state.IaCResource{
			mk("iam.yaml", "AWS::IAM::Policy", "Admin", M{"PolicyName": "admin", "PolicyDocument": adminObject})}},
		{name: "cloudformation_role_policies", in: []state.IaCResource{
			mk("iam.yaml", "AWS::IAM::Role", "Role", M{"Policies": L{M{"PolicyName": "admin", "PolicyDocument": adminObject}}})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := Adapt(tt.in)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(st.IAMPolicies) != 1 {
				t.Fatalf("got %d policies, want 1", len(st.IAMPolicies))
			}
			if diff := cmp.Diff(wantAdmin, st.IAMPolicies[0], sameModel...); diff != "" {
				t.Errorf("policy (-want +got):\n%s", diff)
			}
		})
	}
	// Ranges of a data source document point at its statement blocks.
	st, _ := Adapt([]state.IaCResource{doc, mk("iam.tf", "aws_iam_policy", "aws_iam_policy.a", M{"policy": unk("data.aws_iam_policy_document.admin.json")})})
	if got, want := st.IAMPolicies[0].Document.Statements[1].Actions.Range, doc.Source[state.Key(L{"statement", 1, "actions"})]; got != want {
		t.Errorf("actions range = %v, want %v", got, want)
	}
	if !st.IAMPolicies[0].Name.IsUnknown() {
		t.Errorf("generated name should be unknown: %+v", st.IAMPolicies[0].Name)
	}
}

func TestIAMUnresolvedAndInvalid(t *testing.T) {
	st, errs := Adapt([]state.IaCResource{
		mk("iam.tf", "aws_iam_policy", "aws_iam_policy.remote", M{"name": "remote", "policy": unk("module.remote.policy_json")}),
		mk("iam.tf", "aws_iam_policy", "aws_iam_policy.bad", M{"name": "bad", "policy": "{not json"}),
	})
	if d := st.IAMPolicies[0].Document; !d.Unknown || d.Ref != "module.remote.policy_json" {
		t.Errorf("remote document = %+v, want unknown", d)
	}
	if len(errs) != 1 || errs[0].Path != "iam.tf" || errs[0].Line == 0 || errs[0].Plugin != PluginID {
		t.Errorf("errors = %+v, want one located error", errs)
	}
}

func TestParsePolicy(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []cloudaws.Statement
		wantErr bool
	}{
		{name: "action_string_principal_star", in: `{"Statement":{"Effect":"Allow","Action":"s3:*","Principal":"*","Resource":"*"}}`,
			want: []cloudaws.Statement{stmt("Allow", []string{"s3:*"}, []string{"*"}, []string{"*"}, false)}},
		{name: "action_list_principal_map", in: `{"Statement":[{"Effect":"Deny","Action":["a","b"],"Principal":{"Service":"ec2.amazonaws.com","AWS":["arn:aws:iam::1:root","*"]}}]}`,
			want: []cloudaws.Statement{stmt("Deny", []string{"a", "b"}, nil, []string{"AWS:arn:aws:iam::1:root", "AWS:*", "Service:ec2.amazonaws.com"}, false)}},
		{name: "not_action_and_empty_condition", in: `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*","Condition":{}}]}`,
			want: func() []cloudaws.Statement {
				s := stmt("Allow", nil, []string{"*"}, nil, false)
				s.NotActions = cloud.ExplicitStrings([]string{"iam:*"}, r0)
				s.Conditions = cloud.ExplicitBool(false, r0)
				return []cloudaws.Statement{s}
			}()},
		{name: "no_statement", in: `{"Version":"2012-10-17"}`},
		{name: "not_an_object", in: `["x"]`, wantErr: true},
		{name: "statement_not_object", in: `{"Statement":[1]}`, wantErr: true},
		{name: "trailing_data", in: `{} {}`, wantErr: true},
		{name: "truncated", in: `{"Statement":[`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePolicy([]byte(tt.in), state.Range{Path: "p.json", Start: 3, End: 9})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if diff := cmp.Diff(tt.want, got.Statements, cmpopts.IgnoreTypes(state.Range{}), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
			for _, s := range got.Statements {
				if s.Actions.Range.Start != 3 {
					t.Errorf("leaf range = %v, want the attribute's", s.Actions.Range)
				}
			}
		})
	}
	big := make([]byte, MaxPolicyBytes+1)
	if _, err := ParsePolicy(big, r0); !errors.Is(err, ErrPolicyTooLarge) {
		t.Errorf("oversized policy: err = %v, want ErrPolicyTooLarge", err)
	}
}

func FuzzParsePolicy(f *testing.F) {
	for _, s := range []string{adminJSON, bucketPolicyJSON, `{"Statement":{"Principal":{"AWS":"*"},"Action":"*"}}`, `{}`, `[]`, `{"Statement":[null,{"Condition":[1]}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParsePolicy(data, state.Range{Path: "f", Start: 1, End: 1})
		if err != nil {
			return
		}
		// Every statement read must be representable as a document.
		Documents(&cloudaws.State{IAMPolicies: []cloudaws.IAMPolicy{{Address: "a", Document: doc}}})
		for _, s := range doc.Statements {
			if s.Actions.Range.Path != "f" {
				t.Fatalf("statement lost its range: %+v", s)
			}
		}
	})
}

// A policy built with jsonencode around another resource's ARN is read as
// far as it is known: the wildcard action is known, the resource is not.
func TestPartialJSONPolicy(t *testing.T) {
	partial := state.PartialJSON{Reason: "aws_s3_bucket.b.arn", Value: M{
		"Version":   "2012-10-17",
		"Statement": L{M{"Effect": "Allow", "Action": "s3:*", "Resource": state.Unknown{Reason: "aws_s3_bucket.b.arn"}}},
	}}
	st, errs := Adapt([]state.IaCResource{mk("iam.tf", "aws_iam_policy", "aws_iam_policy.p", M{"name": "p", "policy": partial})})
	if len(errs) > 0 || len(st.IAMPolicies) != 1 {
		t.Fatalf("%v %+v", errs, st)
	}
	doc := st.IAMPolicies[0].Document
	if doc.Unknown || len(doc.Statements) != 1 {
		t.Fatalf("document %+v", doc)
	}
	s := doc.Statements[0]
	if !s.Actions.IsExplicit() || !s.Actions.Contains("s3:*") || !s.Resources.IsUnknown() {
		t.Errorf("actions %+v resources %+v", s.Actions, s.Resources)
	}
}
