// Package google is the Google Cloud part of the typed cloud model: storage buckets, firewall rules, IAM bindings, compute instances, Cloud SQL, GKE, KMS.
// See docs/cloud-model.md.
package google

import "github.com/wardsec/ward/internal/state/cloud"

// Schemas returns the declared Google Cloud kinds.
func Schemas() []cloud.Schema { return nil }
