package output

import (
	"fmt"
	"net/url"
	"os"
	"strings"
)

// SpecError is an output spec Parse does not accept.
type SpecError struct {
	// Spec is the spec with passwords and queries redacted.
	Spec string
	Msg  string
}

func (e *SpecError) Error() string {
	return fmt.Sprintf("output %q: %s", e.Spec, e.Msg)
}

// MaxSpecLen bounds an output spec.
const MaxSpecLen = 4096

// Kinds of output.
const (
	KindStdout  = "stdout"
	KindFile    = "file"
	KindWebhook = "webhook"
	KindNATS    = "nats"
)

// Target is a parsed output spec.
type Target struct {
	Kind string
	// Path is the file of KindFile.
	Path string
	// URL is the endpoint of KindWebhook, or the server of KindNATS
	// (nats://[user:pass@]host[:port]).
	URL string
	// Subject is the subject of KindNATS.
	Subject string
}

// ParseSpec reads an output spec without opening anything:
//
//	"-" or "stdout"              JSON lines on standard output
//	"file:PATH"                  JSON lines appended to PATH
//	"webhook:URL"                POST to URL (http or https)
//	"nats://HOST[:PORT]/SUBJECT" publish to SUBJECT (user:pass@ allowed)
//
// Errors are *SpecError.
func ParseSpec(spec string) (Target, error) {
	if len(spec) > MaxSpecLen {
		return Target{}, &SpecError{Spec: redactSpec(spec[:64]) + "…", Msg: fmt.Sprintf("longer than %d bytes", MaxSpecLen)}
	}
	bad := func(format string, args ...any) (Target, error) {
		return Target{}, &SpecError{Spec: redactSpec(spec), Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case spec == "-" || spec == KindStdout:
		return Target{Kind: KindStdout}, nil
	case strings.HasPrefix(spec, "file:"):
		p := strings.TrimPrefix(spec, "file:")
		if p == "" {
			return bad("file: needs a path")
		}
		if strings.ContainsRune(p, 0) {
			return bad("path has a NUL byte")
		}
		return Target{Kind: KindFile, Path: p}, nil
	case strings.HasPrefix(spec, "webhook:"):
		raw := strings.TrimPrefix(spec, "webhook:")
		u, err := url.Parse(raw)
		if err != nil {
			return bad("invalid URL")
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			return bad("webhook URL must be http or https")
		}
		if u.Host == "" {
			return bad("webhook URL has no host")
		}
		return Target{Kind: KindWebhook, URL: raw}, nil
	case strings.HasPrefix(spec, "nats://"):
		u, err := url.Parse(spec)
		if err != nil {
			return bad("invalid URL")
		}
		if u.Host == "" || u.Hostname() == "" {
			return bad("NATS URL has no host")
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return bad("NATS URL takes no query or fragment")
		}
		subject := strings.TrimPrefix(u.Path, "/")
		if subject == "" {
			return bad("NATS URL needs a subject: nats://host:port/subject")
		}
		if err := checkSubject(subject); err != nil {
			return bad("%v", err)
		}
		server := url.URL{Scheme: "nats", User: u.User, Host: u.Host}
		return Target{Kind: KindNATS, URL: server.String(), Subject: subject}, nil
	}
	return bad(`want "-", "stdout", "file:PATH", "webhook:URL" or "nats://HOST:PORT/SUBJECT"`)
}

// Parse reads an output spec (see ParseSpec) and opens the sink.
func Parse(spec string) (Sink, error) {
	t, err := ParseSpec(spec)
	if err != nil {
		return nil, err
	}
	return t.Open()
}

// Open opens the sink the target names.
func (t Target) Open() (Sink, error) {
	switch t.Kind {
	case KindStdout:
		return Stdout(os.Stdout), nil
	case KindFile:
		return File(t.Path)
	case KindWebhook:
		return Webhook(t.URL), nil
	case KindNATS:
		return NATS(t.URL, t.Subject)
	}
	return nil, fmt.Errorf("unknown output kind %q", t.Kind)
}

// redactSpec hides the password and query of a spec's URL.
func redactSpec(spec string) string {
	switch {
	case strings.HasPrefix(spec, "webhook:"):
		return "webhook:" + redact(strings.TrimPrefix(spec, "webhook:"))
	case strings.HasPrefix(spec, "nats://"):
		return redact(spec)
	}
	return spec
}
