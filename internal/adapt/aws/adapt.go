// Package aws adapts Terraform and CloudFormation resources to the typed
// AWS cloud model (internal/state/cloud/aws), linking separate resources
// (a bucket and its public access block, a group and its rules) so that
// one check covers every source. See docs/cloud-model.md.
package aws

import (
	"github.com/wardsec/ward/internal/adapt/spec"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// PluginID names the adapter in per-resource errors.
const PluginID = "adapt/aws"

// Adapt turns IaC resources into the AWS model. Resources of types it does
// not know are ignored; a resource it cannot read (an invalid policy) is
// kept as far as it could be read and reported as an error.
func Adapt(resources []state.IaCResource) (*cloudaws.State, []finding.Error) {
	a := &adapter{byType: map[string][]*state.IaCResource{}}
	for i := range resources {
		r := &resources[i]
		a.byType[r.Type] = append(a.byType[r.Type], r)
	}
	st := &cloudaws.State{}
	st.S3Buckets = a.s3()
	st.SecurityGroups = a.securityGroups()
	st.IAMPolicies = a.iamPolicies()
	return st, a.errs
}

type adapter struct {
	byType map[string][]*state.IaCResource
	errs   []finding.Error
}

func (a *adapter) errorf(r state.Range, msg string) {
	a.errs = append(a.errs, finding.Error{Path: r.Path, Line: r.Start, Plugin: PluginID, Message: msg})
}

func (a *adapter) of(types ...string) []*state.IaCResource {
	var out []*state.IaCResource
	for _, t := range types {
		out = append(out, a.byType[t]...)
	}
	return out
}

// policy reads a policy given as a JSON string, an object, or an unknown
// value (the JSON of an aws_iam_policy_document data source in the scan,
// resolved through the reason or the resource's references). It returns nil
// when n is absent.
func (a *adapter) policy(n spec.Node, r *state.IaCResource) *cloudaws.PolicyDocument {
	if !n.OK {
		return nil
	}
	if p, ok := n.V.(state.PartialJSON); ok {
		// jsonencode of a partly unknown document: read what is known,
		// the unknown parts stay unknown (and their checks not evaluated).
		doc, err := policyFromValue(spec.ConstNode(p.Value, n.Rng()))
		if err != nil {
			a.errorf(n.Rng(), r.Address+": "+err.Error())
		}
		return &doc
	}
	if ref, ok := n.Unknown(); ok {
		if d := a.policyDocumentSource(ref, r); d != nil {
			doc := policyFromTFDocument(d)
			return &doc
		}
		return &cloudaws.PolicyDocument{Range: n.Rng(), Unknown: true, Ref: ref}
	}
	var (
		doc cloudaws.PolicyDocument
		err error
	)
	if s, ok := n.V.(string); ok {
		doc, err = ParsePolicy([]byte(s), n.Rng())
	} else {
		doc, err = policyFromValue(n)
	}
	if err != nil {
		a.errorf(n.Rng(), r.Address+": "+err.Error())
	}
	return &doc
}

// policyDocumentSource finds the aws_iam_policy_document data source an
// unknown policy comes from.
func (a *adapter) policyDocumentSource(ref string, r *state.IaCResource) *state.IaCResource {
	docs := a.of("aws_iam_policy_document")
	for _, d := range docs {
		if spec.RefersTo(ref, d.Address) {
			return d
		}
	}
	for _, rr := range r.References {
		for _, d := range docs {
			if spec.RefersTo(rr, d.Address) {
				return d
			}
		}
	}
	return nil
}
