package output

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSpec(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		want    Target
		wantErr string
	}{
		{name: "dash", spec: "-", want: Target{Kind: KindStdout}},
		{name: "stdout", spec: "stdout", want: Target{Kind: KindStdout}},
		{name: "file", spec: "file:/var/log/ward/alerts.jsonl", want: Target{Kind: KindFile, Path: "/var/log/ward/alerts.jsonl"}},
		{name: "file_relative_with_colon", spec: "file:alerts:1.jsonl", want: Target{Kind: KindFile, Path: "alerts:1.jsonl"}},
		{name: "webhook_https", spec: "webhook:https://hooks.example.com/ward?token=x", want: Target{Kind: KindWebhook, URL: "https://hooks.example.com/ward?token=x"}},
		{name: "webhook_http_port", spec: "webhook:http://127.0.0.1:8080/a", want: Target{Kind: KindWebhook, URL: "http://127.0.0.1:8080/a"}},
		{name: "nats", spec: "nats://127.0.0.1:4222/ward.alerts", want: Target{Kind: KindNATS, URL: "nats://127.0.0.1:4222", Subject: "ward.alerts"}},
		{name: "nats_default_port_and_user", spec: "nats://agent:pw@nats.ward.svc/ward.alerts.node-1", want: Target{Kind: KindNATS, URL: "nats://agent:pw@nats.ward.svc", Subject: "ward.alerts.node-1"}},
		{name: "empty", spec: "", wantErr: `want "-", "stdout"`},
		{name: "unknown_scheme", spec: "syslog://localhost", wantErr: `want "-", "stdout"`},
		{name: "bare_path", spec: "/tmp/alerts", wantErr: `want "-", "stdout"`},
		{name: "file_without_path", spec: "file:", wantErr: "needs a path"},
		{name: "webhook_ftp", spec: "webhook:ftp://example.com/x", wantErr: "must be http or https"},
		{name: "webhook_no_host", spec: "webhook:https:///x", wantErr: "has no host"},
		{name: "webhook_bad_url", spec: "webhook:http://[::1", wantErr: "invalid URL"},
		{name: "nats_without_subject", spec: "nats://127.0.0.1:4222", wantErr: "needs a subject"},
		{name: "nats_slash_only", spec: "nats://127.0.0.1:4222/", wantErr: "needs a subject"},
		{name: "nats_wildcard", spec: "nats://127.0.0.1:4222/ward.*", wantErr: "wildcard"},
		{name: "nats_full_wildcard", spec: "nats://127.0.0.1:4222/ward.>", wantErr: "wildcard"},
		{name: "nats_empty_token", spec: "nats://127.0.0.1:4222/ward..alerts", wantErr: "empty token"},
		{name: "nats_no_host", spec: "nats:///ward.alerts", wantErr: "no host"},
		{name: "nats_query", spec: "nats://h:4222/ward?x=1", wantErr: "no query"},
		{name: "too_long", spec: "file:" + strings.Repeat("a", MaxSpecLen), wantErr: "longer than 4096 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSpec(tt.spec)
			if tt.wantErr != "" {
				var se *SpecError
				if !errors.As(err, &se) {
					t.Fatalf("ParseSpec(%q) error = %v, want a *SpecError", tt.spec, err)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q does not contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSpec(%q): %v", tt.spec, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("target (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseSpecRedactsSecrets(t *testing.T) {
	for _, spec := range []string{
		"webhook:ftp://u:s3cret@example.com/x",
		"webhook:gopher://example.com/x?token=s3cret",
		"nats://u:s3cret@127.0.0.1:4222/",
	} {
		_, err := ParseSpec(spec)
		if err == nil {
			t.Fatalf("ParseSpec(%q) succeeded", spec)
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("error for %q leaks the secret: %v", spec, err)
		}
	}
}

// TestParseOpens: Parse opens the sink the spec names.
func TestParseOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.jsonl")
	s, err := Parse("file:" + path)
	if err != nil {
		t.Fatal(err)
	}
	r := testRecord("WARD-RT-0001")
	if err := s.Write(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if diff := cmp.Diff([]Record{r}, readLines(t, bufio.NewReader(f))); diff != "" {
		t.Errorf("file (-want +got):\n%s", diff)
	}

	srv := startNATS(t, 0)
	sub := subscribe(t, srv.ClientURL(), "ward.parsed")
	ns, err := Parse(srv.ClientURL() + "/ward.parsed")
	if err != nil {
		t.Fatal(err)
	}
	if err := ns.Write(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	if err := ns.Close(); err != nil {
		t.Fatal(err)
	}
	if got, _ := nextRecord(t, sub); got.Finding.CheckID != r.Finding.CheckID {
		t.Errorf("NATS record check ID %q, want %q", got.Finding.CheckID, r.Finding.CheckID)
	}

	if _, err := Parse("syslog://x"); err == nil {
		t.Error("Parse of an unknown spec succeeded")
	}
}

// FuzzParseSpec: ParseSpec never panics, fails only with *SpecError, and
// every target it accepts parses again to itself when written back.
func FuzzParseSpec(f *testing.F) {
	b, err := os.ReadFile("testdata/specs.txt")
	if err != nil {
		f.Fatal(err)
	}
	for line := range strings.Lines(string(b)) {
		f.Add(strings.TrimSuffix(line, "\n"))
	}
	f.Fuzz(func(t *testing.T, spec string) {
		got, err := ParseSpec(spec)
		if err != nil {
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		var again string
		switch got.Kind {
		case KindStdout:
			again = "-"
		case KindFile:
			if got.Path == "" {
				t.Fatal("file target without a path")
			}
			again = "file:" + got.Path
		case KindWebhook:
			again = "webhook:" + got.URL
		case KindNATS:
			if checkSubject(got.Subject) != nil {
				t.Fatalf("accepted subject %q is not publishable", got.Subject)
			}
			again = got.URL + "/" + got.Subject
		default:
			t.Fatalf("unknown kind %q", got.Kind)
		}
		back, err := ParseSpec(again)
		if err != nil {
			t.Fatalf("re-parse of %q (from %q): %v", again, spec, err)
		}
		if diff := cmp.Diff(got, back); diff != "" {
			t.Fatalf("re-parse of %q differs (-first +second):\n%s", again, diff)
		}
	})
}
