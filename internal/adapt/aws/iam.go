package aws

import (
	"fmt"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

func (a *adapter) iamPolicies() []cloudaws.IAMPolicy {
	var out []cloudaws.IAMPolicy
	add := func(r *state.IaCResource, address string, n node, nameKey, docKey string, generated string) {
		p := cloudaws.IAMPolicy{Address: address, Range: n.rng()}
		if name := n.get(nameKey); name.ok {
			p.Name = name.String("")
		} else {
			p.Name = cloud.UnknownString(generated, p.Range)
		}
		if doc := a.policy(n.get(docKey), r); doc != nil {
			p.Document = *doc
		} else {
			p.Document = cloudaws.PolicyDocument{Range: p.Range, Unknown: true, Ref: address + " has no policy document"}
		}
		out = append(out, p)
	}
	for _, r := range a.of("aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy") {
		add(r, r.Address, resourceNode(r), "name", "policy", r.Address+".name")
	}
	for _, r := range a.of("aws_iam_role") {
		for i, ip := range resourceNode(r).get("inline_policy").list() {
			if _, ok := ip.v.(map[string]any); !ok || !ip.get("policy").ok {
				continue
			}
			add(r, fmt.Sprintf("%s.inline_policy[%d]", r.Address, i), ip, "name", "policy", r.Address+".inline_policy.name")
		}
	}
	for _, r := range a.of("AWS::IAM::Policy") {
		add(r, r.Address, resourceNode(r), "PolicyName", "PolicyDocument", "Ref "+r.Address)
	}
	for _, r := range a.of("AWS::IAM::ManagedPolicy") {
		add(r, r.Address, resourceNode(r), "ManagedPolicyName", "PolicyDocument", "Ref "+r.Address)
	}
	for _, r := range a.of("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group") {
		for i, ip := range resourceNode(r).get("Policies").list() {
			add(r, fmt.Sprintf("%s.Policies[%d]", r.Address, i), ip, "PolicyName", "PolicyDocument", "Ref "+r.Address)
		}
	}
	return out
}
