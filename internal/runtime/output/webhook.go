package output

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wardsec/ward/internal/runtime/respond"
)

// Webhook defaults.
const (
	DefaultQueueSize    = 1024
	DefaultAttempts     = 3
	DefaultBackoff      = 250 * time.Millisecond
	DefaultDrainTimeout = 10 * time.Second
)

// ErrDropped is returned by a webhook sink's Write when its queue is full:
// the record is dropped and counted, and the agent goes on.
var ErrDropped = errors.New("webhook queue full: alert dropped")

// WebhookOption changes a webhook sink's defaults.
type WebhookOption func(*webhookConfig)

type webhookConfig struct {
	client       *http.Client
	queueSize    int
	attempts     int
	backoff      time.Duration
	drainTimeout time.Duration
	log          *slog.Logger
}

// WithHTTPClient sets the client; the default has a 5 s timeout per request.
func WithHTTPClient(c *http.Client) WebhookOption {
	return func(w *webhookConfig) { w.client = c }
}

// WithQueueSize sets how many records wait for delivery before Write
// drops new ones (default DefaultQueueSize).
func WithQueueSize(n int) WebhookOption {
	return func(w *webhookConfig) { w.queueSize = n }
}

// WithRetries sets the attempts per record and the first wait between
// them, which doubles (default DefaultAttempts, DefaultBackoff).
func WithRetries(attempts int, backoff time.Duration) WebhookOption {
	return func(w *webhookConfig) { w.attempts, w.backoff = attempts, backoff }
}

// WithDrainTimeout bounds how long Close waits for queued records
// (default DefaultDrainTimeout); what is left after it is abandoned.
func WithDrainTimeout(d time.Duration) WebhookOption {
	return func(w *webhookConfig) { w.drainTimeout = d }
}

// WithLogger sets the logger delivery failures go to (default
// slog.Default()).
func WithLogger(l *slog.Logger) WebhookOption {
	return func(w *webhookConfig) { w.log = l }
}

// WebhookSink POSTs each record as JSON to a URL from one background
// worker. Write only queues.
type WebhookSink struct {
	url    string
	cfg    webhookConfig
	queue  chan []byte
	ctx    context.Context // cancelled when Close gives up draining
	cancel context.CancelFunc
	done   chan struct{} // closed when the worker has exited

	mu     sync.Mutex // guards closed and sends on queue
	closed bool

	sent, failed, dropped atomic.Uint64
}

var _ Sink = (*WebhookSink)(nil)

// Webhook starts a sink that POSTs each record to url (http or https;
// Parse checks it). Each record is tried up to the configured attempts
// (network errors, 429 and 5xx are retried with a doubling wait); a record
// that still fails is logged and counted in Failed.
func Webhook(url string, opts ...WebhookOption) *WebhookSink {
	cfg := webhookConfig{
		client:       &http.Client{Timeout: respond.DefaultHTTPTimeout},
		queueSize:    DefaultQueueSize,
		attempts:     DefaultAttempts,
		backoff:      DefaultBackoff,
		drainTimeout: DefaultDrainTimeout,
		log:          slog.Default(),
	}
	for _, o := range opts {
		o(&cfg)
	}
	cfg.queueSize = max(cfg.queueSize, 1)
	cfg.attempts = max(cfg.attempts, 1)
	ctx, cancel := context.WithCancel(context.Background())
	s := &WebhookSink{url: url, cfg: cfg, queue: make(chan []byte, cfg.queueSize), ctx: ctx, cancel: cancel, done: make(chan struct{})}
	go s.run()
	return s
}

// Write queues r. When the queue is full it drops r, counts it and
// returns ErrDropped at once.
func (s *WebhookSink) Write(_ context.Context, r Record) error {
	b, err := encode(r)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	select {
	case s.queue <- b:
		return nil
	default:
		s.dropped.Add(1)
		return ErrDropped
	}
}

func (s *WebhookSink) run() {
	defer close(s.done)
	target := redact(s.url)
	for b := range s.queue {
		status, attempts, err := respond.Post(s.ctx, s.cfg.client, s.url, b, s.cfg.attempts, s.cfg.backoff)
		if err != nil {
			s.failed.Add(1)
			if s.ctx.Err() != nil {
				continue // abandoned by Close, which reports the count
			}
			s.cfg.log.Warn("webhook delivery failed", "url", target, "attempts", attempts, "status", status, "error", err)
			continue
		}
		s.sent.Add(1)
	}
}

// Close stops taking records and waits for the queued ones to be
// delivered, for at most the drain timeout; then it abandons the rest
// (counted in Failed) and returns an error saying how many.
func (s *WebhookSink) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.queue)
	s.mu.Unlock()

	t := time.NewTimer(s.cfg.drainTimeout)
	defer t.Stop()
	select {
	case <-s.done:
		s.cancel()
		return nil
	case <-t.C:
	}
	before := s.failed.Load()
	s.cancel() // in-flight and queued requests now fail at once
	<-s.done
	return fmt.Errorf("webhook %s: %d alerts not delivered within %s of close", redact(s.url), s.failed.Load()-before, s.cfg.drainTimeout)
}

// Sent is the number of records delivered.
func (s *WebhookSink) Sent() uint64 { return s.sent.Load() }

// Failed is the number of records that were dequeued but not delivered.
func (s *WebhookSink) Failed() uint64 { return s.failed.Load() }

// Dropped is the number of records Write dropped because the queue was
// full.
func (s *WebhookSink) Dropped() uint64 { return s.dropped.Load() }

// redact hides a URL's password and query for logs and errors.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(invalid URL)"
	}
	if u.RawQuery != "" {
		u.RawQuery = "REDACTED"
	}
	return u.Redacted()
}
