// Package all is the one explicit list of Ward's cloud adapters: the
// hand-written AWS adapter (S3, security groups, IAM policies) and the
// declarative sets (internal/adapt/spec) of every provider.
package all

import (
	"github.com/wardsec/ward/internal/adapt/aws"
	"github.com/wardsec/ward/internal/adapt/azure"
	"github.com/wardsec/ward/internal/adapt/google"
	"github.com/wardsec/ward/internal/adapt/spec"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
)

// Sets returns the declarative adapter sets, in a fixed order.
func Sets() []spec.Set {
	return []spec.Set{aws.Set(), google.Set(), azure.Set()}
}

// Adapt turns the resources of one IaC unit (a Terraform root module, a
// CloudFormation template) into cloud documents.
func Adapt(resources []state.IaCResource) ([]*state.Document, []finding.Error) {
	if len(resources) == 0 {
		return nil, nil
	}
	st, errs := aws.Adapt(resources)
	docs := aws.Documents(st)
	for _, s := range Sets() {
		d, e := s.Adapt(resources)
		docs = append(docs, d...)
		errs = append(errs, e...)
	}
	return docs, errs
}
