// Package output holds the runtime agent's alert sinks: every finding the
// agent raises is written, with a summary of the event that caused it and
// the audit records of the responses that ran, as one JSON record to each
// configured sink — stdout, a file, a webhook or a NATS subject.
//
// The record shape is documented in docs/runtime-response.md; it changes
// only by adding fields.
package output

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/runtime/respond"
)

// Record is one alert.
type Record struct {
	// Finding is the finding the rule raised.
	Finding finding.Finding `json:"finding"`
	// Event summarises the event that caused the finding; nil when there
	// is none.
	Event *EventSummary `json:"event,omitempty"`
	// Actions are the audit records of the responses that ran for the
	// finding, in the order they ran.
	Actions []respond.AuditRecord `json:"actions,omitempty"`
}

// EventSummary is the part of an event an alert carries: what happened,
// when, which process did it, and in which container and pod.
type EventSummary struct {
	Type      event.Type        `json:"type"`
	Time      time.Time         `json:"time"`
	Process   ProcessSummary    `json:"process"`
	Container *ContainerSummary `json:"container,omitempty"`
	K8s       *K8sSummary       `json:"k8s,omitempty"`
}

// ProcessSummary identifies the acting process.
type ProcessSummary struct {
	PID  uint32 `json:"pid"`
	PPID uint32 `json:"ppid,omitempty"`
	Name string `json:"name,omitempty"`
	// Parent is the parent process's name (proc.pname) when the process
	// tree knows it.
	Parent string `json:"parent,omitempty"`
	// ExePath is the executable's full path.
	ExePath string `json:"exepath,omitempty"`
	// Cmdline is the name followed by the arguments, as Falco's
	// proc.cmdline prints it.
	Cmdline string      `json:"cmdline,omitempty"`
	User    UserSummary `json:"user"`
}

// UserSummary is the process's effective user.
type UserSummary struct {
	UID  uint32 `json:"uid"`
	Name string `json:"name,omitempty"`
}

// ContainerSummary identifies the container; absent for host processes.
type ContainerSummary struct {
	ID         string `json:"id"`
	Name       string `json:"name,omitempty"`
	Image      string `json:"image,omitempty"`
	Runtime    string `json:"runtime,omitempty"`
	Privileged bool   `json:"privileged,omitempty"`
}

// K8sSummary identifies the pod; absent outside Kubernetes.
type K8sSummary struct {
	Namespace string `json:"namespace"`
	Pod       string `json:"pod"`
	PodUID    string `json:"podUID,omitempty"`
	// Labels are the pod's labels.
	Labels   map[string]string `json:"labels,omitempty"`
	Workload string            `json:"workload,omitempty"`
}

// NewRecord builds the record of f, caused by e (nil for none), after the
// actions ran.
func NewRecord(f finding.Finding, e *event.Event, actions []respond.AuditRecord) Record {
	return Record{Finding: f, Event: Summarize(e), Actions: actions}
}

// Summarize returns the summary of e, or nil for a nil event.
func Summarize(e *event.Event) *EventSummary {
	if e == nil {
		return nil
	}
	s := &EventSummary{
		Type: e.Type,
		Time: e.Time,
		Process: ProcessSummary{
			PID:     e.Proc.PID,
			PPID:    e.Proc.PPID,
			Name:    e.Proc.Name,
			ExePath: e.Proc.ExePath,
			Cmdline: strings.TrimSpace(e.Proc.Name + " " + strings.Join(e.Proc.Args, " ")),
			User:    UserSummary{UID: e.User.UID, Name: e.User.Name},
		},
	}
	if len(e.Proc.Ancestors) > 0 {
		s.Process.Parent = e.Proc.Ancestors[0].Name
	}
	if c := e.Container; c.ID != "" {
		s.Container = &ContainerSummary{ID: c.ID, Name: c.Name, Image: c.Image, Runtime: c.Runtime, Privileged: c.Privileged}
	}
	if k := e.K8s; k.Pod != "" {
		s.K8s = &K8sSummary{Namespace: k.Namespace, Pod: k.Pod, PodUID: k.PodUID, Labels: maps.Clone(k.Labels), Workload: k.Workload}
	}
	return s
}

// Sink receives alert records.
//
// Lifecycle: a sink is ready when its constructor returns. Write may be
// called from any number of goroutines and never waits on the network: a
// sink that talks to a remote end queues or buffers, and drops (with an
// error) rather than block the agent. Close flushes what is queued, within
// a bound, and releases the sink; Write after Close returns ErrClosed, and
// a second Close returns nil.
type Sink interface {
	Write(ctx context.Context, r Record) error
	Close() error
}

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("output sink is closed")

// encode renders r as one JSON line. HTML characters stay as they are
// (a command line "a && b" reads as written).
func encode(r Record) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encode record of %s: %w", r.Finding.CheckID, err)
	}
	return b.Bytes(), nil // Encode ends the line
}

// Multi writes every record to each sink. Write and Close go to all sinks
// even when one fails, and return the failures joined.
func Multi(sinks ...Sink) Sink {
	return multi(append([]Sink(nil), sinks...))
}

type multi []Sink

var _ Sink = multi(nil)

func (m multi) Write(ctx context.Context, r Record) error {
	var errs []error
	for _, s := range m {
		if err := s.Write(ctx, r); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (m multi) Close() error {
	var errs []error
	for _, s := range m {
		if err := s.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
