package respond

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/finding"
)

// webhook POSTs f as JSON to the webhook URL. Network errors, 429 and 5xx
// answers are retried (webhookAttempts in all, with doubling waits);
// other answers are final.
func (r *Responder) webhook(ctx context.Context, f finding.Finding, rec *AuditRecord) {
	rec.Target = redactURL(r.cfg.WebhookURL)
	body, err := json.Marshal(f)
	if err != nil {
		fail(rec, fmt.Errorf("encode finding: %w", err))
		return
	}
	if r.cfg.DryRun {
		rec.OK = true
		rec.Detail = fmt.Sprintf("dry run: would POST %d bytes", len(body))
		return
	}
	status, attempts, err := Post(ctx, r.cfg.HTTPClient, r.cfg.WebhookURL, body, webhookAttempts, r.backoff)
	if err != nil {
		fail(rec, fmt.Errorf("POST failed after %d attempt(s): %w", attempts, err))
		return
	}
	rec.OK = true
	rec.Detail = fmt.Sprintf("HTTP %d after %d attempt(s)", status, attempts)
}

// Post sends body as JSON to u, up to attempts times, waiting backoff
// before the second attempt and twice as long before each further one.
// It retries network errors, 429 and 5xx, and returns the final status
// code and the number of attempts made. Any 2xx is success; other answers
// are errors that carry the status and the start of the response body.
// The output package's webhook sink shares it.
func Post(ctx context.Context, client *http.Client, u string, body []byte, attempts int, backoff time.Duration) (status, tries int, err error) {
	if attempts < 1 {
		attempts = 1
	}
	wait := backoff
	for tries = 1; ; tries++ {
		var retry bool
		status, retry, err = postOnce(ctx, client, u, body)
		if err == nil || !retry || tries >= attempts {
			return status, tries, err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return status, tries, fmt.Errorf("%w (then: %w)", err, ctx.Err())
		case <-t.C:
		}
		wait *= 2
	}
}

func postOnce(ctx context.Context, client *http.Client, u string, body []byte) (status int, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return 0, false, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "ward-agent")
	resp, err := client.Do(req)
	if err != nil {
		// *url.Error repeats the URL, whose query may hold a token.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = fmt.Errorf("%s: %w", ue.Op, ue.Err)
		}
		return 0, ctx.Err() == nil, err
	}
	defer resp.Body.Close()
	// Read a little of the answer for the error, and drain the rest (up
	// to a bound) so the connection can be reused.
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return resp.StatusCode, false, nil
	}
	retry = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
	msg := strings.TrimSpace(string(snippet))
	if msg != "" {
		return resp.StatusCode, retry, fmt.Errorf("HTTP %s: %s", resp.Status, msg)
	}
	return resp.StatusCode, retry, fmt.Errorf("HTTP %s", resp.Status)
}

// redactURL hides the password and the query (which often carries a
// token) of a webhook URL in audit records.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(invalid URL)"
	}
	if u.RawQuery != "" {
		u.RawQuery = "REDACTED"
	}
	return u.Redacted()
}
