package profile

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
)

// Profile is one workload's profile as saved, exported and returned by
// Profiles. The value lists are sorted.
type Profile struct {
	// Key identifies the workload (see the package documentation).
	Key      string   `json:"key"`
	Workload Workload `json:"workload"`
	// State is StateLearning or StateEnforcing.
	State      string    `json:"state"`
	FirstSeen  time.Time `json:"firstSeen"`
	LearnUntil time.Time `json:"learnUntil"`
	// Observations count the events recorded while learning.
	Observations Counts `json:"observations"`
	// Executables run (Proc.ExePath).
	Executables []string `json:"executables"`
	// WriteDirs are the directories of the files written; WriteFiles the
	// exact files written outside /tmp, /proc and /dev.
	WriteDirs  []string `json:"writeDirs"`
	WriteFiles []string `json:"writeFiles"`
	// Destinations are outbound connections' servers, "ip:port/proto".
	Destinations []string `json:"destinations"`
	// Overflow names the lists ("executables", "writeDirs", "writeFiles",
	// "destinations") that reached MaxEntries while learning: they are
	// incomplete, so they are not enforced.
	Overflow []string `json:"overflow,omitempty"`
}

// Counts are learning observations by activity.
type Counts struct {
	Exec    int64 `json:"exec"`
	Write   int64 `json:"write"`
	Connect int64 `json:"connect"`
}

// formatVersion is the version of the profile file and export formats.
const formatVersion = 1

// profileFile is one persisted profile.
type profileFile struct {
	Version int `json:"version"`
	Profile
}

// exportDoc is Export's document.
type exportDoc struct {
	Version   int       `json:"version"`
	Generated time.Time `json:"generated"`
	Profiles  []Profile `json:"profiles"`
}

func (p *Profiler) snapshot(pr *profile, now time.Time) Profile {
	s := Profile{
		Key:          pr.key,
		Workload:     pr.wl,
		State:        StateLearning,
		FirstSeen:    pr.firstSeen,
		LearnUntil:   pr.learnUntil,
		Observations: pr.obs,
		Executables:  sortedKeys(pr.sets[kindExec]),
		WriteDirs:    sortedKeys(pr.sets[kindDir]),
		WriteFiles:   sortedKeys(pr.sets[kindFile]),
		Destinations: sortedKeys(pr.sets[kindDest]),
	}
	if pr.enforcing || !now.Before(pr.learnUntil) {
		s.State = StateEnforcing
	}
	for k := range numKinds {
		if pr.overflow[k] {
			s.Overflow = append(s.Overflow, kindNames[k])
		}
	}
	return s
}

// Profiles returns every profile, sorted by key, with the state as of now.
func (p *Profiler) Profiles() []Profile {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Profile, 0, len(p.profiles))
	for _, pr := range p.profiles {
		out = append(out, p.snapshot(pr, now))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Export writes every profile as one JSON document:
//
//	{"version": 1, "generated": "<RFC 3339>", "profiles": [<Profile>, ...]}
//
// with the profiles sorted by key.
func (p *Profiler) Export(w io.Writer) error {
	doc := exportDoc{Version: formatVersion, Generated: p.now().UTC(), Profiles: p.Profiles()}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("profile: export: %w", err)
	}
	return nil
}

// fileName is a workload's profile file in Dir.
func fileName(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:16]) + ".json"
}

// Save writes each profile changed since the last Save to its file in
// Dir, atomically (a temporary file renamed over the old one). Without a
// Dir it does nothing.
func (p *Profiler) Save() error {
	if p.dir == "" {
		return nil
	}
	now := p.now()
	p.mu.Lock()
	var todo []Profile
	for _, pr := range p.profiles {
		if pr.dirty {
			todo = append(todo, p.snapshot(pr, now))
			pr.dirty = false
		}
	}
	p.mu.Unlock()
	var errs []error
	for _, s := range todo {
		name := filepath.Join(p.dir, fileName(s.Key))
		err := writeAtomic(name, func(w io.Writer) error {
			return json.NewEncoder(w).Encode(&profileFile{Version: formatVersion, Profile: s})
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("profile: save %q to %q: %w", s.Key, name, err))
			p.mu.Lock()
			if pr := p.profiles[s.Key]; pr != nil {
				pr.dirty = true
			}
			p.mu.Unlock()
		}
	}
	return errors.Join(errs...)
}

// writeAtomic replaces name with what write produces, or leaves it as it
// was.
func writeAtomic(name string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(name)
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriter(f)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, name); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync() // make the rename durable where supported
		d.Close()
	}
	return nil
}

// maxProfileBytes bounds one profile file.
func maxProfileBytes(maxEntries int) int64 {
	return int64(numKinds)*int64(maxEntries)*(MaxValueLen+16) + 64<<10
}

// load reads every profile file of Dir.
func (p *Profiler) load() error {
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return fmt.Errorf("profile: create %q: %w", p.dir, err)
	}
	ents, err := os.ReadDir(p.dir)
	if err != nil {
		return fmt.Errorf("profile: read %q: %w", p.dir, err)
	}
	loaded := 0
	for _, de := range ents {
		name := de.Name()
		if !de.Type().IsRegular() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") {
			continue
		}
		if len(p.profiles) >= MaxProfiles {
			p.log.Warn("profile limit reached; remaining files not loaded", slog.String(logKeyDir, p.dir), slog.Int(logKeyLimit, MaxProfiles))
			break
		}
		full := filepath.Join(p.dir, name)
		pr, err := p.loadFile(full)
		if err != nil {
			p.log.Warn("profile file skipped; its workload learns afresh", slog.String(logKeyFile, full), slog.String(logKeyError, err.Error()))
			continue
		}
		if _, dup := p.profiles[pr.key]; dup {
			p.log.Warn("profile file skipped: duplicate workload", slog.String(logKeyFile, full), slog.String(logKeyWorkload, pr.key))
			continue
		}
		p.profiles[pr.key] = pr
		loaded++
	}
	p.log.Info("profiles loaded", slog.String(logKeyDir, p.dir), slog.Int(logKeyCount, loaded))
	return nil
}

func (p *Profiler) loadFile(name string) (*profile, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decodeProfile(f, name, maxProfileBytes(p.maxEntries), p.maxEntries)
}

var errTooLarge = errors.New("input too large")

// capReader fails with errTooLarge when more than n bytes are read.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(b []byte) (int, error) {
	if c.n <= 0 {
		var one [1]byte
		k, err := c.r.Read(one[:])
		if k > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(b)) > c.n {
		b = b[:c.n]
	}
	k, err := c.r.Read(b)
	c.n -= int64(k)
	return k, err
}

// decodeProfile reads and validates one profile file of at most maxBytes
// bytes with at most maxEntries values per list. Errors are
// *limits.LimitError or *limits.ParseError.
func decodeProfile(r io.Reader, name string, maxBytes int64, maxEntries int) (*profile, error) {
	dec := json.NewDecoder(bufio.NewReader(&capReader{r: r, n: maxBytes}))
	dec.DisallowUnknownFields()
	var pf profileFile
	if err := dec.Decode(&pf); err != nil {
		return nil, jsonError(err, name, maxBytes)
	}
	if _, err := dec.Token(); err != io.EOF {
		if errors.Is(err, errTooLarge) {
			return nil, &limits.LimitError{What: "profile file " + name, Limit: maxBytes}
		}
		return nil, &limits.ParseError{Path: name, Msg: "trailing data after the profile"}
	}
	bad := func(format string, a ...any) error {
		return &limits.ParseError{Path: name, Msg: fmt.Sprintf(format, a...)}
	}
	if pf.Version != formatVersion {
		return nil, bad("unsupported profile version %d (want %d)", pf.Version, formatVersion)
	}
	if err := validText("key", pf.Key, false); err != nil {
		return nil, bad("%s", err)
	}
	for _, f := range []struct{ n, v string }{{"workload.image", pf.Workload.Image}, {"workload.name", pf.Workload.Name}, {"workload.namespace", pf.Workload.Namespace}} {
		if err := validText(f.n, f.v, true); err != nil {
			return nil, bad("%s", err)
		}
	}
	pr := newProfile(pf.Key, pf.Workload)
	switch pf.State {
	case StateLearning:
	case StateEnforcing:
		pr.enforcing = true
	default:
		return nil, bad("unknown state %q", pf.State)
	}
	if pf.Observations.Exec < 0 || pf.Observations.Write < 0 || pf.Observations.Connect < 0 {
		return nil, bad("negative observation count")
	}
	pr.firstSeen, pr.learnUntil, pr.obs = pf.FirstSeen, pf.LearnUntil, pf.Observations
	lists := [numKinds][]string{pf.Executables, pf.WriteDirs, pf.WriteFiles, pf.Destinations}
	for k, list := range lists {
		if len(list) > maxEntries {
			return nil, &limits.LimitError{What: kindNames[k] + " in profile file " + name, Limit: int64(maxEntries)}
		}
		for _, v := range list {
			var err error
			if kind(k) == kindDest {
				err = validDestination(v)
			} else {
				err = validPath(v)
			}
			if err != nil {
				return nil, bad("%s: %q: %s", kindNames[k], truncate(v), err)
			}
			pr.sets[k][v] = struct{}{}
		}
	}
	for _, o := range pf.Overflow {
		found := false
		for k, n := range kindNames {
			if n == o && !pr.overflow[k] {
				pr.overflow[k], found = true, true
			}
		}
		if !found {
			return nil, bad("overflow: unknown or repeated list %q", truncate(o))
		}
	}
	return pr, nil
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

func validText(field, v string, empty bool) error {
	switch {
	case v == "" && !empty:
		return fmt.Errorf("%s is empty", field)
	case len(v) > MaxValueLen:
		return fmt.Errorf("%s is longer than %d bytes", field, MaxValueLen)
	case strings.IndexByte(v, 0) >= 0:
		return fmt.Errorf("%s contains a NUL byte", field)
	}
	return nil
}

func validPath(v string) error {
	if err := validText("value", v, false); err != nil {
		return err
	}
	if !path.IsAbs(v) || path.Clean(v) != v {
		return errors.New("not a clean absolute path")
	}
	return nil
}

func validDestination(v string) error {
	if err := validText("value", v, false); err != nil {
		return err
	}
	i := strings.LastIndexByte(v, '/')
	if i < 0 {
		return errors.New("want ip:port/proto")
	}
	ap, err := netip.ParseAddrPort(v[:i])
	if err != nil {
		return err
	}
	if ap.Addr().Zone() != "" {
		return errors.New("address has a zone")
	}
	proto := v[i+1:]
	if proto == "" || len(proto) > 8 {
		return errors.New("bad protocol")
	}
	for _, c := range []byte(proto) {
		if c < 'a' || c > 'z' {
			return errors.New("bad protocol")
		}
	}
	return nil
}

func jsonError(err error, name string, maxBytes int64) error {
	if errors.Is(err, errTooLarge) {
		return &limits.LimitError{What: "profile file " + name, Limit: maxBytes}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &limits.ParseError{Path: name, Msg: fmt.Sprintf("invalid JSON at byte %d: %s", se.Offset, se.Error())}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &limits.ParseError{Path: name, Msg: "unexpected end of JSON"}
	}
	return &limits.ParseError{Path: name, Msg: err.Error()}
}

// Anomaly finding texts.
var checkTitles = map[string]string{
	CheckExec:         "Unexpected executable in workload",
	CheckFileWrite:    "Unexpected file write location in workload",
	CheckDestination:  "Unexpected outbound destination from workload",
	CheckFirstConnect: "Outbound connection from a workload that never makes one",
}

var checkDescriptions = map[string]string{
	CheckExec:         "The workload ran an executable it did not run during its learning window.",
	CheckFileWrite:    "The workload wrote a file in a directory it did not write to during its learning window, or a new file in a system directory.",
	CheckDestination:  "The workload connected to a destination (address, port, protocol) it did not connect to during its learning window.",
	CheckFirstConnect: "The workload made no outbound connection during its learning window and now made one.",
}

const remediation = "Investigate the process and the workload's recent changes. If the behaviour is legitimate " +
	"(a new release, a new dependency), delete the workload's profile so it learns again."

// finding builds an anomaly finding.
func (p *Profiler) finding(pr *profile, check, value string, repeats int64, e *event.Event) finding.Finding {
	n, d := scoreInputs(pr, check)
	score := Score(check, n, d, repeats)
	scoreText := fmt.Sprintf("%.2f", score)
	proc := procText(e)

	var what string
	switch check {
	case CheckExec:
		what = fmt.Sprintf("unexpected executable %s in workload %s", value, pr.key)
	case CheckFileWrite:
		if value == cleanPath(fileTarget(e)) {
			what = fmt.Sprintf("unexpected write to new file %s in a system directory of workload %s", value, pr.key)
		} else {
			what = fmt.Sprintf("unexpected file write location %s in workload %s", value, pr.key)
		}
	case CheckDestination:
		what = fmt.Sprintf("unexpected outbound connection to %s from workload %s", value, pr.key)
	case CheckFirstConnect:
		what = fmt.Sprintf("outbound connection to %s from workload %s, which made none while learning", value, pr.key)
	}
	msg := fmt.Sprintf("%s (score %s) by %s", what, scoreText, proc)

	ev := []string{
		"score=" + scoreText,
		"workload=" + pr.key,
		"value=" + value,
		fmt.Sprintf("learned_values=%d", d),
		fmt.Sprintf("learning_observations=%d", n),
		fmt.Sprintf("repeats=%d", repeats),
		"process=" + e.Proc.Name,
		fmt.Sprintf("pid=%d", e.Proc.PID),
		"exe=" + e.Proc.ExePath,
	}
	if t := fileTarget(e); check == CheckFileWrite && t != "" {
		ev = append(ev, "path="+t)
	}
	if e.Container.ID != "" {
		ev = append(ev, "container_id="+e.Container.ID)
	}

	sev := finding.SeverityMedium
	if check == CheckFirstConnect {
		sev = finding.SeverityHigh
	}
	target := pr.wl.Image
	if target == "" {
		target = HostKey
	}
	id := value
	if check == CheckFirstConnect {
		id = "outbound"
	}
	res := finding.Resource{Kind: "Workload", Namespace: pr.wl.Namespace, Name: pr.key}
	return finding.Finding{
		CheckID:     check,
		Domain:      "runtime",
		Severity:    sev,
		Title:       checkTitles[check],
		Message:     msg,
		Description: checkDescriptions[check],
		Target:      target,
		Resource:    res,
		Location:    finding.Location{Object: liveObject(e)},
		Evidence:    strings.Join(ev, "\n"),
		Remediation: remediation,
		Detail:      id,
		Fingerprint: finding.Fingerprint(check, res, pr.key, id),
	}
}

// fileTarget is the file an event writes.
func fileTarget(e *event.Event) string {
	if e.File == nil {
		return ""
	}
	switch e.Type {
	case event.Rename, event.Renameat, event.Renameat2:
		return e.File.NewPath
	}
	return e.File.Path
}

// procText names the acting process.
func procText(e *event.Event) string {
	name := e.Proc.Name
	if name == "" {
		name = path.Base(e.Proc.ExePath)
	}
	s := fmt.Sprintf("process %s (pid %d", name, e.Proc.PID)
	if e.Proc.ExePath != "" {
		s += ", exe " + e.Proc.ExePath
	}
	if e.Container.ID != "" {
		s += ", container " + e.Container.ID
	} else {
		s += ", host"
	}
	return s + ")"
}

// liveObject names the live object, as the rule engine's findings do.
func liveObject(e *event.Event) string {
	switch {
	case e.K8s.Pod != "":
		return "pod/" + e.K8s.Namespace + "/" + e.K8s.Pod + "/" + e.Container.Name
	case e.Container.ID != "":
		return "container/" + e.Container.ID
	}
	return HostKey
}
