package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/runtime/agent"
	"github.com/wardsec/ward/internal/runtime/fim"
	"github.com/wardsec/ward/internal/runtime/output"
	"github.com/wardsec/ward/internal/runtime/profile"
	"github.com/wardsec/ward/internal/runtime/respond"
)

// AgentOptions are the flags of `ward agent`.
type AgentOptions struct {
	Rules          []string
	NoDefaultRules bool
	Watch          []string
	FIM            []string
	FIMBaseline    string
	ProfileLearn   time.Duration
	ProfileDir     string
	ProfileHost    bool
	Response       string
	Outputs        []string
	Kubeconfig     string
	Node           string
	NoDocker       bool
	StatusAddr     string
	StatusFile     string
	Duration       time.Duration
	RingBuffer     int
	Events         []string
	// CPUProfile is a hidden developer flag: a pprof CPU profile of the
	// agent's run, for bench/runtime.sh and performance work.
	CPUProfile string
}

// AddFlags registers the flags.
func (o *AgentOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringArrayVar(&o.Rules, "rules", nil, "Falco-format rules `FILE|DIR`, loaded after the built-in rules in the order given (repeatable)")
	fs.BoolVar(&o.NoDefaultRules, "no-default-rules", false, "load only the --rules files")
	fs.StringArrayVar(&o.Watch, "watch", nil, "path `PREFIX` whose file events the sensor reports (repeatable; default /etc, the binary directories, /boot, /root, cron spools and mounted secrets)")
	fs.StringArrayVar(&o.FIM, "fim", nil, "file integrity monitoring of `PATH` (repeatable): a baseline of hashes and modes, alerts with old and new hash")
	fs.StringVar(&o.FIMBaseline, "fim-baseline", "", "FIM baseline `FILE` (default: the user cache directory, ward/fim-baseline.json)")
	fs.DurationVar(&o.ProfileLearn, "profile-learn", 0, "learn each workload's behaviour for `DURATION`, then report deviations (0: profiles off)")
	fs.StringVar(&o.ProfileDir, "profile-dir", "", "behaviour profiles `DIR` (default: the user cache directory, ward/profiles)")
	fs.BoolVar(&o.ProfileHost, "profile-host", false, "profile host processes too (as the workload \"host\")")
	fs.StringVar(&o.Response, "response", "", "response actions `FILE` (YAML: which rules kill, isolate or call a webhook; docs/runtime-response.md)")
	fs.StringArrayVar(&o.Outputs, "output", []string{"-"}, "alert output `SPEC` (repeatable): - (stdout JSON lines), file:PATH, webhook:URL, nats://HOST:PORT/SUBJECT")
	fs.StringVar(&o.Kubeconfig, "kubeconfig", "", "kubeconfig `FILE` for pod metadata and the isolate action (default: in-cluster when running in a pod)")
	fs.StringVar(&o.Node, "node", os.Getenv("NODE_NAME"), "only the pods of node `NAME` (default $NODE_NAME)")
	fs.BoolVar(&o.NoDocker, "no-docker", false, "do not ask the Docker engine for container names and images")
	fs.StringVar(&o.StatusAddr, "status-addr", "", "serve /status (JSON) and /metrics (Prometheus) on `ADDR` (e.g. 127.0.0.1:9464)")
	fs.StringVar(&o.StatusFile, "status-file", "", "write the final status as JSON to `FILE` when the agent stops")
	fs.DurationVar(&o.Duration, "duration", 0, "stop after `DURATION` (default: until SIGINT or SIGTERM)")
	fs.IntVar(&o.RingBuffer, "ring-buffer-bytes", 0, "sensor ring buffer size (a power of two; default 8 MiB)")
	fs.StringSliceVar(&o.Events, "events", nil, "event `TYPES` the sensor reports, e.g. execve,execveat,procexit,openat,connect (default: all; programs for other types are not loaded)")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a pprof CPU profile of the run to `FILE` (for performance work)")
	_ = fs.MarkHidden("cpuprofile")
}

func newAgentCmd(s Streams) *cobra.Command {
	o := &AgentOptions{}
	cmd := &cobra.Command{
		Use:   "agent",
		Short: "Run the runtime agent: eBPF sensor, Falco-format rules, file integrity monitoring, behaviour profiles and response actions (root, Linux with BTF)",
		Long: `Run the runtime agent on this node. The eBPF sensor observes process
execution, file access, network connections, privilege changes, ptrace, module
loading, memfd and mount; each event is attributed to its container (Docker,
containerd, CRI-O) and Kubernetes pod and evaluated by Falco-format rules
(Ward's WARD-RT-* rules and any --rules files, e.g. falcosecurity/rules).
Alerts are findings written as JSON lines to the outputs.`,
		Example: `  sudo ward agent
  sudo ward agent --rules /etc/falco/falco_rules.yaml --output file:/var/log/ward/alerts.jsonl
  sudo ward agent --fim /etc --fim /usr/bin --profile-learn 15m --response response.yaml \
      --kubeconfig ~/.kube/config --node $(hostname) --status-addr 127.0.0.1:9464`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runAgent(cmd.Context(), s, o)
		},
	}
	o.AddFlags(cmd.Flags())
	cmd.AddCommand(newAgentProfilesCmd(s))
	return cmd
}

func newAgentProfilesCmd(s Streams) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "profiles",
		Short: "Export the learned behaviour profiles as one JSON document",
		Example: `  ward agent profiles > profiles.json
  ward agent profiles --profile-dir /var/lib/ward/profiles`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				cache, err := os.UserCacheDir()
				if err != nil {
					return fmt.Errorf("no user cache directory: give --profile-dir: %w", err)
				}
				dir = filepath.Join(cache, "ward", "profiles")
			}
			if _, err := os.Stat(dir); err != nil {
				return fmt.Errorf("--profile-dir: %w", err)
			}
			p, err := profile.New(profile.Config{Dir: dir})
			if err != nil {
				return err
			}
			return p.Export(s.Out)
		},
	}
	cmd.Flags().StringVar(&dir, "profile-dir", "", "behaviour profiles `DIR` (default: the user cache directory, ward/profiles)")
	return cmd
}

func runAgent(ctx context.Context, s Streams, o *AgentOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := agent.Config{NoDefaultRules: o.NoDefaultRules, WatchPrefixes: o.Watch, Docker: !o.NoDocker, Node: o.Node, RingBufferBytes: o.RingBuffer}
	for _, t := range o.Events {
		cfg.Events = append(cfg.Events, event.Type(t))
	}
	rules, err := readRuleFiles(o.Rules, false)
	if err != nil {
		return err
	}
	cfg.Rules = rules
	cacheDir, _ := os.UserCacheDir()
	if len(o.FIM) > 0 {
		base := o.FIMBaseline
		if base == "" {
			if cacheDir == "" {
				return errors.New("--fim: no user cache directory for the baseline; give --fim-baseline FILE")
			}
			base = filepath.Join(cacheDir, "ward", "fim-baseline.json")
		}
		if err := os.MkdirAll(filepath.Dir(base), 0o700); err != nil {
			return fmt.Errorf("--fim-baseline: %w", err)
		}
		cfg.FIM = &fim.Config{Paths: o.FIM, BaselineFile: base}
	}
	if o.ProfileLearn > 0 {
		dir := o.ProfileDir
		if dir == "" && cacheDir != "" {
			dir = filepath.Join(cacheDir, "ward", "profiles")
		}
		cfg.Profile = &profile.Config{Learn: o.ProfileLearn, Dir: dir, Host: o.ProfileHost}
	}
	kube, err := kubeClient(o.Kubeconfig)
	if err != nil {
		return err
	}
	cfg.Kube = kube
	if o.Response != "" {
		f, err := os.Open(o.Response)
		if err != nil {
			return fmt.Errorf("--response: %w", err)
		}
		rc, err := respond.LoadConfig(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("--response %s: %w", o.Response, err)
		}
		rc.Kube = kube
		cfg.Response = &rc
	}
	var sinks []output.Sink
	for _, spec := range o.Outputs {
		var sk output.Sink
		if spec == "-" || spec == "stdout" {
			sk = output.Stdout(s.Out)
		} else if sk, err = output.Parse(spec); err != nil {
			return fmt.Errorf("--output %q: %w", spec, err)
		}
		sinks = append(sinks, sk)
	}
	cfg.Sink = output.Multi(sinks...)

	a, err := agent.New(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	rep := a.Rules()
	fmt.Fprintf(s.Err, "ward agent: %d rules active, %d disabled, %d skipped (fields or event types Ward does not provide; `ward rules list` names them), %d with errors\n",
		rep.Count("active"), rep.Count("disabled"), rep.Count("skipped"), rep.Count("error"))
	if o.StatusAddr != "" {
		srv, err := serveStatus(o.StatusAddr, a)
		if err != nil {
			return err
		}
		defer srv.Close()
	}
	stopProfile, err := startCPUProfile(o.CPUProfile)
	if err != nil {
		return err
	}
	// --duration counts from the moment the sensor is attached.
	if o.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Duration)
		defer cancel()
	}
	err = a.Run(ctx)
	err = errors.Join(err, stopProfile())
	st := a.Status()
	if o.StatusFile != "" {
		b, _ := json.MarshalIndent(st, "", "  ")
		if werr := os.WriteFile(o.StatusFile, append(b, '\n'), 0o600); werr != nil {
			err = errors.Join(err, fmt.Errorf("--status-file: %w", werr))
		}
	}
	fmt.Fprintf(s.Err, "ward agent: stopped after %s: %d events, %d dropped bytes\n", st.Uptime, st.Events, st.DroppedBytes)
	return err
}

// startCPUProfile starts a pprof CPU profile written to file ("" → none)
// and returns the function that stops it.
func startCPUProfile(file string) (func() error, error) {
	if file == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		return nil
	}, nil
}

// kubeClient builds a client from a kubeconfig, or in-cluster when the
// agent runs in a pod; none otherwise.
func kubeClient(kubeconfig string) (kubernetes.Interface, error) {
	var rc *rest.Config
	var err error
	switch {
	case kubeconfig != "":
		rc, err = clientcmd.BuildConfigFromFlags("", kubeconfig)
	case os.Getenv("KUBERNETES_SERVICE_HOST") != "":
		rc, err = rest.InClusterConfig()
	default:
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("kubernetes: %w", err)
	}
	return kubernetes.NewForConfig(rc)
}

// serveStatus serves the agent's status and Prometheus metrics.
func serveStatus(addr string, a *agent.Agent) (*http.Server, error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(agentCollector{a})
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/status", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(a.Status())
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--status-addr: %w", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, nil
}

// agentCollector exposes the agent's counters.
type agentCollector struct{ a *agent.Agent }

var (
	mEvents   = prometheus.NewDesc("ward_agent_events_total", "Events delivered by the sensor, per type.", []string{"type"}, nil)
	mDropped  = prometheus.NewDesc("ward_agent_events_dropped_total", "Events the kernel could not hand over (ring buffer full), per type.", []string{"type"}, nil)
	mFindings = prometheus.NewDesc("ward_agent_findings_total", "Findings, per check.", []string{"check"}, nil)
	mActions  = prometheus.NewDesc("ward_agent_actions_total", "Response actions, per action and outcome.", []string{"action"}, nil)
	mRules    = prometheus.NewDesc("ward_agent_rules", "Rules by load status.", []string{"status"}, nil)
)

func (agentCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{mEvents, mDropped, mFindings, mActions, mRules} {
		ch <- d
	}
}

func (c agentCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.a.Status()
	for t, n := range st.Received {
		ch <- prometheus.MustNewConstMetric(mEvents, prometheus.CounterValue, float64(n), t)
	}
	for t, n := range st.Dropped {
		ch <- prometheus.MustNewConstMetric(mDropped, prometheus.CounterValue, float64(n), t)
	}
	for k, n := range st.Findings {
		ch <- prometheus.MustNewConstMetric(mFindings, prometheus.CounterValue, float64(n), k)
	}
	for k, n := range st.Actions {
		ch <- prometheus.MustNewConstMetric(mActions, prometheus.CounterValue, float64(n), k)
	}
	for k, n := range map[string]int{"active": st.Rules.Active, "disabled": st.Rules.Disabled, "skipped": st.Rules.Skipped, "error": st.Rules.Errors} {
		ch <- prometheus.MustNewConstMetric(mRules, prometheus.GaugeValue, float64(n), k)
	}
}
