package kubetest

import (
	"crypto/x509"
	"encoding/csv"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSelfSignedCertVerifiesForLoopbackOnly(t *testing.T) {
	now := time.Now()
	certPEM, keyPEM, err := selfSignedCert(now)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(certPEM)
	if block == nil {
		t.Fatal("certificate is not PEM")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if kb, _ := pem.Decode(keyPEM); kb == nil || kb.Type != "EC PRIVATE KEY" {
		t.Fatalf("key PEM block = %v, want EC PRIVATE KEY", kb)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	tests := []struct {
		name    string
		host    string
		wantErr bool
	}{
		{name: "ipv4_loopback", host: "127.0.0.1"},
		{name: "ipv6_loopback", host: "::1"},
		{name: "localhost", host: "localhost"},
		{name: "other_ip", host: "10.0.0.1", wantErr: true},
		{name: "other_name", host: "example.com", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cert.Verify(x509.VerifyOptions{
				DNSName:     tt.host,
				Roots:       pool,
				CurrentTime: now,
				KeyUsages:   []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Verify(%q) error = %v, want error %v", tt.host, err, tt.wantErr)
			}
		})
	}
}

func TestWriteFilesTokenFile(t *testing.T) {
	dir := t.TempDir()
	f, err := writeFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if f.adminToken == f.userToken || len(f.adminToken) < 32 {
		t.Fatalf("tokens must be distinct and long: admin %q user %q", f.adminToken, f.userToken)
	}
	b, err := os.ReadFile(f.tokens)
	if err != nil {
		t.Fatal(err)
	}
	// The API server reads the file as CSV with a variable number of fields.
	r := csv.NewReader(strings.NewReader(string(b)))
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{f.adminToken, "ward-admin", "ward-admin-uid", "system:masters"},
		{f.userToken, "ward-user", "ward-user-uid"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("token file (-want +got):\n%s", diff)
	}
	for _, p := range []string{f.servingCert, f.servingKey, f.saKey, f.tokens} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode = %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
}

func TestRepoRootHoldsBuildScript(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "tools", "kube", "build.sh")); err != nil {
		t.Fatalf("repo root %s has no tools/kube/build.sh: %v", root, err)
	}
	// tools/kube has a go.mod of its own, which must not be mistaken for
	// the main module's.
	if isMainModule(filepath.Join(root, "tools", "kube", "go.mod")) {
		t.Fatal("tools/kube/go.mod taken for the main module")
	}
}

func TestBinDir(t *testing.T) {
	tests := []struct {
		name    string
		script  string
		want    string
		wantErr []string // substrings of the error
	}{
		{
			name:   "prints_directory",
			script: "echo 'building…' >&2\necho /cache/kube/0123\n",
			want:   "/cache/kube/0123",
		},
		{
			name:    "build_fails_names_command",
			script:  "echo 'go: k8s.io/kubernetes@v1.37.2: no route to proxy' >&2\nexit 1\n",
			wantErr: []string{"bash tools/kube/build.sh", "no route to proxy"},
		},
		{
			name:    "prints_nothing",
			script:  "exit 0\n",
			wantErr: []string{"printed no directory"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, "tools", "kube"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "tools", "kube", "build.sh"), []byte(tt.script), 0o755); err != nil {
				t.Fatal(err)
			}
			got, err := binDir(root)
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("binDir = %q, want error", got)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("binDir = %q, want %q", got, tt.want)
			}
		})
	}
}
