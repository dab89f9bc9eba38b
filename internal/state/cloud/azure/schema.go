// Package azure is the Azure part of the typed cloud model: storage accounts, network security groups, Key Vault, SQL, AKS, App Service.
// See docs/cloud-model.md.
package azure

import "github.com/wardsec/ward/internal/state/cloud"

// Schemas returns the declared Azure kinds.
func Schemas() []cloud.Schema { return nil }
