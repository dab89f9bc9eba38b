// Command etcd is the upstream etcd server, built from Go modules so that
// Ward's integration tests can back a real kube-apiserver without downloading
// release binaries. See docs/dev/testing.md.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
