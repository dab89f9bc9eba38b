// Package checks embeds Ward's built-in Rego checks, helper libraries and
// secret rules so the binary works offline. Fixtures live in testdata/
// beside each domain and are not embedded.
package checks

import "embed"

// FS holds lib/*.rego and one directory of checks per domain (k8s, docker,
// aws, gcp, azure).
//
//go:embed */*.rego
var FS embed.FS

// SecretRules holds the built-in secret rules (secret/*.yaml, the format of
// docs/secrets/rules.md).
//
//go:embed secret/*.yaml
var SecretRules embed.FS

// RuntimeRules holds Ward's default runtime detection rules in the Falco
// rule format (runtime/*.yaml, loaded by internal/detect).
//
//go:embed runtime/*.yaml
var RuntimeRules embed.FS
