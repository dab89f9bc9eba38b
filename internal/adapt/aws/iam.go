package aws

import (
	"fmt"
	"github.com/wardsec/ward/internal/adapt/spec"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

func (a *adapter) iamPolicies() []cloudaws.IAMPolicy {
	var out []cloudaws.IAMPolicy
	add := func(r *state.IaCResource, address string, n spec.Node, nameKey, docKey string, generated string) {
		p := cloudaws.IAMPolicy{Address: address, Range: n.Rng()}
		if name := n.Get(nameKey); name.OK {
			p.Name = name.String("")
		} else {
			p.Name = cloud.UnknownString(generated, p.Range)
		}
		if doc := a.policy(n.Get(docKey), r); doc != nil {
			p.Document = *doc
		} else {
			p.Document = cloudaws.PolicyDocument{Range: p.Range, Unknown: true, Ref: address + " has no policy document"}
		}
		out = append(out, p)
	}
	for _, r := range a.of("aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy") {
		add(r, r.Address, spec.ResourceNode(r), "name", "policy", r.Address+".name")
	}
	for _, r := range a.of("aws_iam_role") {
		for i, ip := range spec.ResourceNode(r).Get("inline_policy").List() {
			if _, ok := ip.V.(map[string]any); !ok || !ip.Get("policy").OK {
				continue
			}
			add(r, fmt.Sprintf("%s.inline_policy[%d]", r.Address, i), ip, "name", "policy", r.Address+".inline_policy.name")
		}
	}
	for _, r := range a.of("AWS::IAM::Policy") {
		add(r, r.Address, spec.ResourceNode(r), "PolicyName", "PolicyDocument", "Ref "+r.Address)
	}
	for _, r := range a.of("AWS::IAM::ManagedPolicy") {
		add(r, r.Address, spec.ResourceNode(r), "ManagedPolicyName", "PolicyDocument", "Ref "+r.Address)
	}
	for _, r := range a.of("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group") {
		for i, ip := range spec.ResourceNode(r).Get("Policies").List() {
			add(r, fmt.Sprintf("%s.Policies[%d]", r.Address, i), ip, "PolicyName", "PolicyDocument", "Ref "+r.Address)
		}
	}
	return out
}
