// Package respond runs the automated responses of the runtime agent: when a
// rule fires, the actions configured for it — kill the process, isolate the
// pod, post the finding to a webhook — run in order, and each one leaves an
// audit record, whether it succeeded, failed or was refused.
//
// Lifecycle: build a Config (LoadConfig reads the rules from YAML; the caller
// adds the Kubernetes client, audit writer and HTTP client), call New once,
// then call Respond for every finding, from any number of goroutines.
// Respond runs the actions one after the other and returns when they are
// done: a kill takes microseconds, an isolate a few API calls, a webhook up
// to three 5 s attempts — so the agent calls it from a worker, not from the
// event loop. A
// Responder holds no goroutines or connections of its own beyond
// Config.HTTPClient's idle ones, so it needs no Close.
package respond

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
)

// AuditRecord is what one action did. It is written as one JSON line to
// Config.Audit and returned by Respond.
type AuditRecord struct {
	Time   time.Time `json:"time"`
	Action Action    `json:"action"`
	// CheckID is the finding's check ID.
	CheckID string `json:"checkID"`
	// Target is what the action acted on: "pid 1234 (sh)",
	// "pod default/web", or the webhook URL (password redacted). Empty
	// when the action was refused before it had a target.
	Target string `json:"target,omitempty"`
	// OK is true when the action took effect (or, in a dry run, would
	// have been attempted).
	OK bool `json:"ok"`
	// Error says why the action failed or was refused.
	Error string `json:"error,omitempty"`
	// Detail says what was done ("SIGKILL sent", "network policy
	// ward-quarantine created; pod labelled", "HTTP 200 after 2 attempts").
	Detail string `json:"detail,omitempty"`
	// DryRun is set when Config.DryRun kept the action from running.
	DryRun bool `json:"dryRun,omitempty"`
}

// Defaults.
const (
	// DefaultHTTPTimeout bounds one webhook request.
	DefaultHTTPTimeout = 5 * time.Second
	// webhookAttempts and webhookBackoff bound the webhook's retries: the
	// waits are 250 ms and 500 ms.
	webhookAttempts = 3
	webhookBackoff  = 250 * time.Millisecond
)

// Responder runs the configured actions. It is safe for concurrent use.
type Responder struct {
	cfg     Config
	selfPID int
	// backoff is the first wait between webhook attempts; it doubles.
	backoff time.Duration

	mu sync.Mutex // serialises writes to cfg.Audit
}

// New validates cfg and fills its defaults.
func New(cfg Config) (*Responder, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("response config: %w", err)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: DefaultHTTPTimeout}
	}
	if cfg.Audit == nil {
		cfg.Audit = io.Discard
	}
	if cfg.Kill == nil {
		cfg.Kill = func(pid int) error { return unix.Kill(pid, unix.SIGKILL) }
	}
	return &Responder{cfg: cfg, selfPID: os.Getpid(), backoff: webhookBackoff}, nil
}

// ActionsFor returns the actions that apply to f, in the order Respond runs
// them: those of its check ID, then of its rule name (Title), then of "*",
// each action once. Findings below MinSeverity get none.
func (r *Responder) ActionsFor(f finding.Finding) []Action {
	if f.Severity < r.cfg.MinSeverity {
		return nil
	}
	var out []Action
	keys := []string{f.CheckID, f.Title, MatchAll}
	for i, k := range keys {
		if k == "" || (i == 1 && k == f.CheckID) {
			continue
		}
		for _, a := range r.cfg.Rules[k] {
			if !containsAction(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// Respond runs the actions for f, which the event e caused (e may be nil
// for a finding without an event), and returns one audit record per
// action. Actions run in order; one failing does not stop the next.
func (r *Responder) Respond(ctx context.Context, f finding.Finding, e *event.Event) []AuditRecord {
	actions := r.ActionsFor(f)
	if len(actions) == 0 {
		return nil
	}
	out := make([]AuditRecord, 0, len(actions))
	for _, a := range actions {
		rec := AuditRecord{Action: a, CheckID: f.CheckID, DryRun: r.cfg.DryRun}
		switch a {
		case Kill:
			r.kill(e, &rec)
		case Isolate:
			r.isolate(ctx, e, &rec)
		case Webhook:
			r.webhook(ctx, f, &rec)
		}
		rec.Time = time.Now().UTC()
		if rec.Error != "" {
			rec.OK = false
		}
		r.audit(rec)
		out = append(out, rec)
	}
	return out
}

// audit writes rec as one JSON line. A failing audit writer is logged:
// the action has already happened and its record is returned either way.
func (r *Responder) audit(rec AuditRecord) {
	b, err := json.Marshal(rec)
	if err != nil {
		slog.Error("encode audit record", "action", rec.Action, "error", err)
		return
	}
	b = append(b, '\n')
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, err := r.cfg.Audit.Write(b); err != nil {
		slog.Error("write audit record", "action", rec.Action, "error", err)
	}
}

// refuse marks rec as refused with the reason.
func refuse(rec *AuditRecord, format string, args ...any) {
	rec.OK = false
	rec.Error = "refused: " + fmt.Sprintf(format, args...)
}

// fail marks rec as failed.
func fail(rec *AuditRecord, err error) {
	rec.OK = false
	rec.Error = err.Error()
}
