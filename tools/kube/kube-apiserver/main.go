// Command kube-apiserver is the upstream Kubernetes API server, built from Go
// modules so that Ward's integration tests can start a real control plane
// without downloading release binaries. See docs/dev/testing.md.
package main

import (
	"os"

	"k8s.io/component-base/cli"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(app.NewAPIServerCommand()))
}
