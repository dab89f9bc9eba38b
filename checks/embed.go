// Package checks embeds Ward's built-in Rego checks and helper libraries so
// the binary works offline. Fixtures live in testdata/ beside each domain and
// are not embedded.
package checks

import "embed"

// FS holds lib/*.rego and one directory of checks per domain.
//
//go:embed lib/*.rego k8s/*.rego docker/*.rego
var FS embed.FS
