// Package agent is Ward's runtime node agent: the eBPF sensor's events,
// enriched with process ancestry, container and pod, go through the
// Falco-format rule engine, file integrity monitoring and behaviour
// profiles; every result is a finding, answered by the configured response
// actions and written to the output sinks.
//
//	sensor ─▶ enrich ─▶ detect (rules) ─┐
//	                 ├▶ fim ────────────┼▶ respond (worker) ─▶ output sinks
//	                 └▶ profile ────────┘
//
// Lifecycle: New loads the rules and the sensor's programs (it needs root
// and BTF); Run delivers events until its context ends; Close releases
// the kernel objects. Status may be called at any time from any goroutine.
package agent

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/client-go/kubernetes"

	"github.com/wardsec/ward/internal/detect"
	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/runtime/enrich"
	"github.com/wardsec/ward/internal/runtime/fim"
	"github.com/wardsec/ward/internal/runtime/output"
	"github.com/wardsec/ward/internal/runtime/profile"
	"github.com/wardsec/ward/internal/runtime/respond"
	"github.com/wardsec/ward/internal/sensor"
)

// Config configures an Agent.
type Config struct {
	// Rules are rule files loaded after the built-in rules (Falco's order:
	// later files append to and override earlier ones).
	Rules []detect.File
	// NoDefaultRules loads only Rules.
	NoDefaultRules bool
	// WatchPrefixes are the paths whose file events the sensor reports (in
	// addition to the FIM paths); nil → sensor.DefaultWatchPrefixes.
	WatchPrefixes []string
	// RingBufferBytes sizes the sensor's ring buffer (0 → its default).
	RingBufferBytes int
	// Events are the event types the sensor reports; nil → all.
	Events []event.Type
	// FIM, Profile and Response enable those features when not nil.
	FIM      *fim.Config
	Profile  *profile.Config
	Response *respond.Config
	// Sink receives every finding (required).
	Sink output.Sink
	// Kube and Node: pods of the node are watched for k8s.* fields.
	Kube kubernetes.Interface
	Node string
	// Docker looks containers up in the local Docker engine.
	Docker bool
	// ResponseQueue bounds the findings waiting for response actions;
	// 0 → 1024. When full, findings are written without actions and
	// counted.
	ResponseQueue int
	Logger        *slog.Logger
}

// Agent runs the pipeline.
type Agent struct {
	cfg    Config
	log    *slog.Logger
	sensor *sensor.Sensor
	en     *enrich.Enricher
	eng    *detect.Engine
	rules  *detect.Report
	fim    *fim.Monitor
	prof   *profile.Profiler
	resp   *respond.Responder
	sink   output.Sink
	docker *enrich.Docker

	queue  chan job
	start  time.Time
	events atomic.Uint64

	mu          sync.Mutex
	findings    map[string]uint64 // by check ID
	actions     map[string]uint64 // "kill ok", "isolate failed", …
	sinkErrors  uint64
	respDropped uint64
	lastErr     string
}

type job struct {
	f finding.Finding
	e *event.Event
}

// New builds the agent: rules, enrichment, the optional features and the
// sensor (loaded into the kernel, not yet delivering).
func New(ctx context.Context, cfg Config) (*Agent, error) {
	if cfg.Sink == nil {
		return nil, errors.New("agent: no output sink")
	}
	a := &Agent{cfg: cfg, log: cfg.Logger, sink: cfg.Sink, findings: map[string]uint64{}, actions: map[string]uint64{}, start: time.Now()}
	if a.log == nil {
		a.log = slog.Default()
	}
	files := cfg.Rules
	if !cfg.NoDefaultRules {
		def, err := detect.DefaultFiles()
		if err != nil {
			return nil, err
		}
		files = append(def, files...)
	}
	if len(files) == 0 {
		return nil, errors.New("agent: no rules")
	}
	a.eng, a.rules = detect.Load(files, detect.Config{})
	if len(a.rules.Errors) > 0 {
		a.log.Warn("rules with errors", "errors", len(a.rules.Errors), "first", a.rules.Errors[0].String())
	}

	ecfg := enrich.Config{}
	if cfg.Docker {
		d, err := enrich.NewDocker()
		if err != nil {
			a.log.Warn("docker metadata unavailable", "error", err)
		} else {
			a.docker = d
			ecfg.Containers = d
		}
	}
	if cfg.Kube != nil {
		pods, err := enrich.WatchPods(ctx, cfg.Kube, cfg.Node)
		if err != nil {
			return nil, fmt.Errorf("agent: watch pods: %w", err)
		}
		ecfg.Pods = pods
	}
	a.en = enrich.New(ecfg)

	prefixes := cfg.WatchPrefixes
	if prefixes == nil {
		prefixes = append([]string(nil), sensor.DefaultWatchPrefixes...)
	}
	if cfg.FIM != nil {
		m, err := fim.New(*cfg.FIM, func(f finding.Finding) { a.emit(f, nil) })
		if err != nil {
			return nil, fmt.Errorf("agent: file integrity monitoring: %w", err)
		}
		a.fim = m
		prefixes = append(prefixes, m.WatchPrefixes()...)
	}
	if cfg.Profile != nil {
		p, err := profile.New(*cfg.Profile)
		if err != nil {
			return nil, fmt.Errorf("agent: behaviour profiles: %w", err)
		}
		a.prof = p
	}
	if cfg.Response != nil {
		r, err := respond.New(*cfg.Response)
		if err != nil {
			return nil, fmt.Errorf("agent: response: %w", err)
		}
		a.resp = r
	}
	qn := cfg.ResponseQueue
	if qn <= 0 {
		qn = 1024
	}
	a.queue = make(chan job, qn)

	s, err := sensor.New(sensor.Config{WatchPrefixes: dedupe(prefixes), RingBufferBytes: cfg.RingBufferBytes, Events: cfg.Events, Logger: a.log})
	if err != nil {
		a.closeAux()
		return nil, err
	}
	a.sensor = s
	return a, nil
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Rules is the rule load report.
func (a *Agent) Rules() *detect.Report { return a.rules }

// Run delivers events until ctx is done, then drains the response queue
// and saves profiles.
func (a *Agent) Run(parent context.Context) error {
	// Responses still queued at shutdown are carried out (each action has
	// its own timeout).
	respCtx := context.WithoutCancel(parent)
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	worker := make(chan struct{})
	go func() {
		defer close(worker)
		for j := range a.queue {
			a.respond(respCtx, j)
		}
	}()
	var fimErr error
	fimDone := make(chan struct{})
	go func() {
		defer close(fimDone)
		if a.fim == nil {
			return
		}
		// Run returns when ctx ends; an error then is a baseline that
		// could not be saved, which must not go unnoticed.
		if err := a.fim.Run(ctx); err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			fimErr = fmt.Errorf("file integrity monitoring: %w", err)
			a.setErr(fimErr)
		}
	}()
	err := a.sensor.Run(ctx, func(e *event.Event) { a.handle(ctx, e) })
	if errors.Is(err, context.Canceled) || parent.Err() != nil {
		err = nil
	}
	cancel()
	// The sensor has returned, so it emits nothing more; FIM may emit
	// until its Run returns. Only then is the queue closed and drained.
	<-fimDone
	close(a.queue)
	<-worker
	err = errors.Join(err, fimErr)
	if a.prof != nil {
		if serr := a.prof.Save(); serr != nil {
			err = errors.Join(err, fmt.Errorf("save profiles: %w", serr))
		}
	}
	return err
}

// handle is the sensor's callback (one goroutine).
func (a *Agent) handle(ctx context.Context, e *event.Event) {
	a.events.Add(1)
	a.en.Enrich(ctx, e)
	for _, m := range a.eng.Match(e) {
		a.emit(m.Finding(e), e)
	}
	if a.fim != nil {
		a.fim.Handle(e)
	}
	if a.prof != nil {
		for _, f := range a.prof.Handle(e) {
			a.emit(f, e)
		}
	}
}

// emit counts a finding and sends it to the response worker, or straight
// to the sinks when no action applies.
func (a *Agent) emit(f finding.Finding, e *event.Event) {
	a.mu.Lock()
	a.findings[f.CheckID]++
	a.mu.Unlock()
	var ec *event.Event
	if e != nil {
		c := *e
		ec = &c
	}
	if a.resp != nil && len(a.resp.ActionsFor(f)) > 0 {
		select {
		case a.queue <- job{f: f, e: ec}:
			return
		default:
			a.mu.Lock()
			a.respDropped++
			a.mu.Unlock()
		}
	}
	a.write(context.Background(), f, ec, nil)
}

func (a *Agent) respond(ctx context.Context, j job) {
	recs := a.resp.Respond(ctx, j.f, j.e)
	a.mu.Lock()
	for _, r := range recs {
		state := "ok"
		if !r.OK {
			state = "failed"
		}
		a.actions[string(r.Action)+" "+state]++
	}
	a.mu.Unlock()
	a.write(ctx, j.f, j.e, recs)
}

func (a *Agent) write(ctx context.Context, f finding.Finding, e *event.Event, recs []respond.AuditRecord) {
	if err := a.sink.Write(ctx, output.NewRecord(f, e, recs)); err != nil {
		a.mu.Lock()
		a.sinkErrors++
		a.lastErr = err.Error()
		a.mu.Unlock()
	}
}

func (a *Agent) setErr(err error) {
	a.mu.Lock()
	a.lastErr = err.Error()
	a.mu.Unlock()
	a.log.Error("agent", "error", err)
}

// Status is a snapshot of the agent's counters.
type Status struct {
	Uptime   string            `json:"uptime"`
	Events   uint64            `json:"events"`
	Received map[string]uint64 `json:"received"`
	// Dropped are events the kernel could not hand over (ring buffer
	// full), per type.
	Dropped      map[string]uint64 `json:"dropped"`
	DroppedBytes uint64            `json:"droppedBytes"`
	DecodeErrors uint64            `json:"decodeErrors"`
	Unavailable  map[string]string `json:"unavailable,omitempty"`
	Rules        RuleCounts        `json:"rules"`
	Findings     map[string]uint64 `json:"findings"`
	Actions      map[string]uint64 `json:"actions,omitempty"`
	// ResponseDropped are findings written without their actions because
	// the response queue was full.
	ResponseDropped uint64 `json:"responseDropped"`
	SinkErrors      uint64 `json:"sinkErrors"`
	Processes       int    `json:"-"`
	LastError       string `json:"lastError,omitempty"`
}

// RuleCounts summarises the rule load.
type RuleCounts struct {
	Active   int `json:"active"`
	Disabled int `json:"disabled"`
	Skipped  int `json:"skipped"`
	Errors   int `json:"errors"`
}

// Status returns the counters.
func (a *Agent) Status() Status {
	st := a.sensor.Stats()
	out := Status{
		Uptime: time.Since(a.start).Round(time.Second).String(), Events: a.events.Load(),
		Received: map[string]uint64{}, Dropped: map[string]uint64{}, DroppedBytes: st.DroppedBytes, DecodeErrors: st.DecodeErrors,
		Rules: RuleCounts{Active: a.rules.Count(detect.StatusActive), Disabled: a.rules.Count(detect.StatusDisabled), Skipped: a.rules.Count(detect.StatusSkipped), Errors: a.rules.Count(detect.StatusError)},
	}
	for t, n := range st.Received {
		out.Received[string(t)] = n
	}
	for t, n := range st.Dropped {
		out.Dropped[string(t)] = n
	}
	if len(st.Unavailable) > 0 {
		out.Unavailable = map[string]string{}
		for t, r := range st.Unavailable {
			out.Unavailable[string(t)] = r
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	out.Findings = make(map[string]uint64, len(a.findings))
	for k, v := range a.findings {
		out.Findings[k] = v
	}
	if len(a.actions) > 0 {
		out.Actions = make(map[string]uint64, len(a.actions))
		for k, v := range a.actions {
			out.Actions[k] = v
		}
	}
	out.ResponseDropped, out.SinkErrors, out.LastError = a.respDropped, a.sinkErrors, a.lastErr
	return out
}

// Close releases the sensor and the sinks.
func (a *Agent) Close() error {
	var err error
	if a.sensor != nil {
		err = a.sensor.Close()
	}
	a.closeAux()
	return errors.Join(err, a.sink.Close())
}

func (a *Agent) closeAux() {
	if a.docker != nil {
		_ = a.docker.Close()
	}
}
