package respond

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
)

// hookServer answers with the status codes in order (the last one
// repeats) and keeps every body it receives.
type hookServer struct {
	*httptest.Server
	statuses []int
	calls    atomic.Int32
	bodies   chan []byte
}

func newHookServer(t *testing.T, statuses ...int) *hookServer {
	h := &hookServer{statuses: statuses, bodies: make(chan []byte, 16)}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		n := int(h.calls.Add(1))
		if req.Method != http.MethodPost || req.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "want a JSON POST", http.StatusBadRequest)
			return
		}
		b, _ := io.ReadAll(req.Body)
		h.bodies <- b
		status := h.statuses[min(n, len(h.statuses))-1]
		w.WriteHeader(status)
		if status >= 300 {
			io.WriteString(w, "hook says no")
		}
	}))
	t.Cleanup(h.Close)
	return h
}

func TestWebhook(t *testing.T) {
	f := runtimeFinding("WARD-RT-0003", "Netcat remote code execution", finding.SeverityCritical)
	tests := []struct {
		name      string
		statuses  []int
		query     string
		wantCalls int
		wantOK    bool
		wantErr   string
		wantDet   string
	}{
		{name: "delivered", statuses: []int{200}, wantCalls: 1, wantOK: true, wantDet: "HTTP 200 after 1 attempt(s)"},
		{name: "retried_then_delivered", statuses: []int{503, 502, 204}, wantCalls: 3, wantOK: true, wantDet: "HTTP 204 after 3 attempt(s)"},
		{name: "server_keeps_failing", statuses: []int{500}, wantCalls: webhookAttempts, wantErr: "POST failed after 3 attempt(s): HTTP 500 Internal Server Error: hook says no"},
		{name: "rate_limited_is_retried", statuses: []int{429, 200}, wantCalls: 2, wantOK: true, wantDet: "HTTP 200 after 2 attempt(s)"},
		{name: "client_error_not_retried", statuses: []int{403}, wantCalls: 1, wantErr: "POST failed after 1 attempt(s): HTTP 403 Forbidden: hook says no"},
		{name: "query_token_redacted", statuses: []int{200}, query: "?token=s3cret", wantCalls: 1, wantOK: true, wantDet: "HTTP 200 after 1 attempt(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHookServer(t, tt.statuses...)
			var audit bytes.Buffer
			r, err := New(Config{Rules: map[string][]Action{"*": {Webhook}}, WebhookURL: h.URL + "/hook" + tt.query, Audit: &audit})
			if err != nil {
				t.Fatal(err)
			}
			r.backoff = time.Millisecond
			got := r.Respond(t.Context(), f, &event.Event{})
			wantTarget := h.URL + "/hook"
			if tt.query != "" {
				wantTarget += "?REDACTED"
			}
			want := []AuditRecord{{Action: Webhook, CheckID: f.CheckID, Target: wantTarget, OK: tt.wantOK, Error: tt.wantErr, Detail: tt.wantDet}}
			if diff := cmp.Diff(want, got, ignoreTime); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(got, auditLines(t, audit.Bytes())); diff != "" {
				t.Errorf("audit trail (-returned +written):\n%s", diff)
			}
			if strings.Contains(audit.String(), "s3cret") {
				t.Errorf("audit trail leaks the URL's token: %s", audit.String())
			}
			if n := int(h.calls.Load()); n != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", n, tt.wantCalls)
			}
			// Every attempt carried the finding.
			for range tt.wantCalls {
				var gotF finding.Finding
				if err := json.Unmarshal(<-h.bodies, &gotF); err != nil {
					t.Fatalf("body is not a finding: %v", err)
				}
				if diff := cmp.Diff(f, gotF); diff != "" {
					t.Errorf("posted finding (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestWebhookUnreachable: connection errors are retried and reported, and
// the error does not repeat the URL's query.
func TestWebhookUnreachable(t *testing.T) {
	h := newHookServer(t, 200)
	url := h.URL + "/hook?token=s3cret"
	h.Close() // nothing listens any more
	r, err := New(Config{Rules: map[string][]Action{"*": {Webhook}}, WebhookURL: url})
	if err != nil {
		t.Fatal(err)
	}
	r.backoff = time.Millisecond
	got := r.Respond(t.Context(), runtimeFinding("WARD-RT-0003", "x", finding.SeverityHigh), nil)
	if len(got) != 1 || got[0].OK || !strings.HasPrefix(got[0].Error, "POST failed after 3 attempt(s): Post: ") || !strings.Contains(got[0].Error, "refused") {
		t.Fatalf("records = %+v, want one failure after 3 attempts with connection refused", got)
	}
	if strings.Contains(got[0].Error+got[0].Target, "s3cret") {
		t.Errorf("record leaks the URL's token: %+v", got[0])
	}
}

func TestWebhookDryRunPostsNothing(t *testing.T) {
	h := newHookServer(t, 200)
	r, err := New(Config{Rules: map[string][]Action{"*": {Webhook}}, WebhookURL: h.URL, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	got := r.Respond(t.Context(), runtimeFinding("WARD-RT-0003", "x", finding.SeverityHigh), nil)
	if len(got) != 1 || !got[0].OK || !got[0].DryRun || !strings.HasPrefix(got[0].Detail, "dry run: would POST") {
		t.Fatalf("records = %+v, want one dry-run record", got)
	}
	if n := h.calls.Load(); n != 0 {
		t.Errorf("dry run made %d requests", n)
	}
}
