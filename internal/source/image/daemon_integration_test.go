//go:build integration

package image

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"testing"
)

// TestOpen_daemon imports the Alpine minirootfs into the local Docker
// engine under a unique name, opens it through the daemon source and
// removes it afterwards.
func TestOpen_daemon(t *testing.T) {
	if _, err := os.Stat("/var/run/docker.sock"); err != nil {
		t.Fatal("no Docker engine socket at /var/run/docker.sock: the daemon source is tested against a real engine (install docker.io and start it)")
	}
	docker, err := exec.LookPath("docker")
	if err != nil {
		t.Fatal("no docker CLI: apt-get install -y docker.io")
	}
	rootfs := alpineRootfs(t)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	ref := "ward-test/alpine-" + hex.EncodeToString(b[:]) + ":3.20.3"
	ctx := context.Background()
	if out, err := exec.CommandContext(ctx, docker, "import", rootfs, ref).CombinedOutput(); err != nil {
		t.Fatalf("docker import: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command(docker, "rmi", "-f", ref).CombinedOutput(); err != nil {
			t.Errorf("docker rmi %s: %v: %s", ref, err, out)
		}
	})
	for name, src := range map[string]Source{"daemon": SourceDaemon, "auto": SourceAuto} {
		t.Run(name, func(t *testing.T) {
			im, err := Open(ctx, ref, Options{Source: src})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if im.Source != SourceDaemon || len(im.DiffIDs) != 1 {
				t.Fatalf("Source = %q, DiffIDs = %v", im.Source, im.DiffIDs)
			}
			checkAlpine(t, im)
		})
	}
}
