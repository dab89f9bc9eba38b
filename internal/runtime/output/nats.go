package output

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
)

// NATS defaults.
const (
	DefaultNATSReconnectWait = time.Second
	// natsWriteTimeout bounds a socket write of buffered messages, which
	// nats.go makes inside Publish when its 32 KiB buffer is full.
	natsWriteTimeout = 2 * time.Second
	// natsFlushTimeout bounds Close's wait for the server to take what is
	// buffered.
	natsFlushTimeout = 5 * time.Second
)

// NATSOption changes a NATS sink's defaults.
type NATSOption func(*natsConfig)

type natsConfig struct {
	reconnectWait time.Duration
	name          string
	log           *slog.Logger
	extra         []nats.Option // tests only
}

// WithReconnectWait sets the wait between reconnect attempts (default
// DefaultNATSReconnectWait).
func WithReconnectWait(d time.Duration) NATSOption {
	return func(c *natsConfig) { c.reconnectWait = d }
}

// WithClientName sets the connection name the server shows (default
// "ward-agent").
func WithClientName(name string) NATSOption {
	return func(c *natsConfig) { c.name = name }
}

// WithNATSLogger sets the logger connection changes go to (default
// slog.Default()).
func WithNATSLogger(l *slog.Logger) NATSOption {
	return func(c *natsConfig) { c.log = l }
}

// natsSink publishes each record to a subject.
type natsSink struct {
	nc      *nats.Conn
	subject string
	mu      sync.Mutex
	closed  bool
}

var _ Sink = (*natsSink)(nil)

// NATS connects to the NATS server at url (nats://[user:pass@]host:port;
// several URLs separated by commas) and returns a sink that publishes each
// record as JSON to subject. The first connection must succeed; after
// that the connection reconnects forever, and records published while it
// is down wait in nats.go's reconnect buffer (8 MiB) and are sent on
// reconnect. When that buffer is full, Write returns the error and the
// record is lost. Core NATS is at-most-once: a record published while the
// connection breaks, before the client notices, can be lost too.
func NATS(url, subject string, opts ...NATSOption) (Sink, error) {
	if err := checkSubject(subject); err != nil {
		return nil, err
	}
	cfg := natsConfig{reconnectWait: DefaultNATSReconnectWait, name: "ward-agent", log: slog.Default()}
	for _, o := range opts {
		o(&cfg)
	}
	target := redactNATS(url)
	nopts := []nats.Option{
		nats.Name(cfg.name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(cfg.reconnectWait),
		nats.FlusherTimeout(natsWriteTimeout),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				cfg.log.Warn("nats disconnected", "url", target, "error", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) {
			cfg.log.Info("nats reconnected", "url", redactNATS(c.ConnectedUrl()))
		}),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			cfg.log.Warn("nats error", "url", target, "error", err)
		}),
	}
	nc, err := nats.Connect(url, append(nopts, cfg.extra...)...)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS at %s: %w", target, err)
	}
	return &natsSink{nc: nc, subject: subject}, nil
}

func (s *natsSink) Write(_ context.Context, r Record) error {
	b, err := encode(r)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if err := s.nc.Publish(s.subject, b); err != nil {
		return fmt.Errorf("publish alert to NATS subject %s: %w", s.subject, err)
	}
	return nil
}

// Close flushes what is buffered (waiting at most 5 s for the server) and
// closes the connection.
func (s *natsSink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.nc.FlushTimeout(natsFlushTimeout)
	s.nc.Close()
	if err != nil {
		return fmt.Errorf("flush alerts to NATS subject %s: %w", s.subject, err)
	}
	return nil
}

// checkSubject accepts a subject one can publish to: dot-separated
// non-empty tokens of printable characters without whitespace or the
// wildcards * and >.
func checkSubject(s string) error {
	if s == "" {
		return errors.New("NATS subject is empty")
	}
	if len(s) > 1024 {
		return fmt.Errorf("NATS subject is %d bytes, more than 1024", len(s))
	}
	for tok := range strings.SplitSeq(s, ".") {
		if tok == "" {
			return fmt.Errorf("NATS subject %q has an empty token", s)
		}
		if tok == "*" || tok == ">" {
			return fmt.Errorf("NATS subject %q has a wildcard; publish needs a literal subject", s)
		}
		for _, c := range tok {
			if c <= ' ' || c == 0x7f {
				return fmt.Errorf("NATS subject %q has whitespace or a control character", s)
			}
		}
	}
	return nil
}

// redactNATS hides the passwords of a comma-separated NATS URL list.
func redactNATS(urls string) string {
	parts := strings.Split(urls, ",")
	for i, p := range parts {
		parts[i] = redact(strings.TrimSpace(p))
	}
	return strings.Join(parts, ",")
}
