package secret

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// Defaults and limits of the engine.
const (
	DefaultMaxFileSize = 256 << 20
	DefaultChunkSize   = 1 << 20
	// MaxSpan is the longest regex match (and so secret) supported: chunks
	// overlap by MaxSpan bytes on each side, and windows around keyword hits
	// are at most MaxSpan wide on each side.
	MaxSpan = 16 << 10
	// MaxMatchesPerFile caps the matches kept for one file; the rest are
	// counted in Result.TooManyMatches.
	MaxMatchesPerFile = 10_000
	// binarySniff is how much of the start of a file decides Binary.
	binarySniff = 8 << 10
	// lineSlack is how far a window edge is moved out to reach a line
	// boundary.
	lineSlack = 256
)

// Config configures a Scanner. The zero value scans with the built-in
// rules and the defaults.
type Config struct {
	// Rules to compile; nil means BuiltinRules().
	Rules []Rule
	// MaxFileSize is how many bytes of one file are scanned; 0 means
	// DefaultMaxFileSize. Larger files are scanned up to the cap and
	// Result.Truncated is set.
	MaxFileSize int64
	// ChunkSize is the streaming window; 0 means DefaultChunkSize.
	ChunkSize int

	overlap int // tests only; 0 means MaxSpan
}

// Scanner holds compiled rules. It is immutable after New and safe for
// concurrent use by many goroutines.
type Scanner struct {
	rules    []Rule
	comp     []compiled
	ac       ahocorasick.AhoCorasick
	hasAC    bool
	kwRules  [][]int32 // keyword index → rules
	always   []int32   // regex rules without keywords
	pathOnly []int32   // rules without a regex
	ids      map[string]bool
	generic  map[string]bool // rule IDs of catch-all rules
	scoped   map[string]bool // rule IDs with a path filter
	nAllow   int             // allowlists across all rules, for per-scan path results
	maxFile  int64
	chunk    int
	overlap  int
	pool     sync.Pool // *state
}

type compiled struct {
	re        *regexp.Regexp
	path      *regexp.Regexp
	group     int
	entropy   float64
	radius    int
	multiline bool
	allow     []compiledAllow
	// anchored is set when every match starts at a keyword hit: the regex
	// anchored at its input's start, without its leading assertions (lead),
	// which are checked against the bytes around the hit.
	anchored *regexp.Regexp
	lead     syntax.EmptyOp
}

const (
	targetSecret = iota
	targetMatch
	targetLine
)

type compiledAllow struct {
	flat      int // index into state.allowPath
	regexes   []*regexp.Regexp
	target    int
	stopwords [][]byte // lower-case
	paths     []*regexp.Regexp
	and       bool
}

// New compiles cfg.Rules (or the built-in rules): every regex once, the
// keyword automaton once. A bad rule is an error naming its ID and file.
func New(cfg Config) (*Scanner, error) {
	rules := cfg.Rules
	if rules == nil {
		b, err := BuiltinRules()
		if err != nil {
			return nil, err
		}
		rules = b
	}
	s := &Scanner{
		rules:   slices.Clone(rules),
		maxFile: cfg.MaxFileSize,
		chunk:   cfg.ChunkSize,
		overlap: cfg.overlap,
		ids:     make(map[string]bool, len(rules)),
		generic: map[string]bool{},
		scoped:  map[string]bool{},
	}
	if s.maxFile <= 0 {
		s.maxFile = DefaultMaxFileSize
	}
	if s.chunk <= 0 {
		s.chunk = DefaultChunkSize
	}
	if s.overlap <= 0 {
		s.overlap = MaxSpan
	}
	kwIndex := map[string]int{}
	var keywords []string
	s.comp = make([]compiled, len(s.rules))
	for i := range s.rules {
		r := &s.rules[i]
		if s.ids[r.ID] {
			return nil, fmt.Errorf("secret rule %q (%s): duplicate rule ID", r.ID, r.Source)
		}
		s.ids[r.ID] = true
		if r.Generic {
			s.generic[r.ID] = true
		}
		if r.Path != "" {
			s.scoped[r.ID] = true
		}
		c, err := s.compile(r)
		if err != nil {
			return nil, fmt.Errorf("secret rule %q (%s): %w", r.ID, r.Source, err)
		}
		s.comp[i] = c
		switch {
		case c.re == nil:
			s.pathOnly = append(s.pathOnly, int32(i))
		case len(r.Keywords) == 0:
			s.always = append(s.always, int32(i))
		}
		if c.re == nil {
			continue
		}
		for _, k := range r.Keywords {
			k = strings.ToLower(k)
			if k == "" {
				continue
			}
			j, ok := kwIndex[k]
			if !ok {
				j = len(keywords)
				kwIndex[k] = j
				keywords = append(keywords, k)
				s.kwRules = append(s.kwRules, nil)
			}
			if !slices.Contains(s.kwRules[j], int32(i)) {
				s.kwRules[j] = append(s.kwRules[j], int32(i))
			}
		}
	}
	if len(keywords) > 0 {
		b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{
			AsciiCaseInsensitive: true,
			MatchKind:            ahocorasick.StandardMatch,
			DFA:                  true,
		})
		s.ac = b.Build(keywords)
		s.hasAC = true
	}
	n := len(s.rules)
	s.pool.New = func() any {
		return &state{windows: make([][]window, n), applicable: make([]bool, n), allowPath: make([]bool, s.nAllow)}
	}
	return s, nil
}

func (s *Scanner) compile(r *Rule) (compiled, error) {
	if err := validate(r); err != nil {
		return compiled{}, err
	}
	c := compiled{group: r.SecretGroup, entropy: r.Entropy}
	if r.Regex != "" {
		re, err := regexp.Compile("(?m)" + r.Regex)
		if err != nil {
			return c, fmt.Errorf("regex: %w", err)
		}
		sh, err := shapeOf(r.Regex)
		if err != nil {
			return c, fmt.Errorf("regex: %w", err)
		}
		c.re, c.multiline = re, sh.newline
		c.radius = min(max(sh.maxLen, 1), s.overlap)
		if expr, lead, ok := anchorOf(r.Regex, r.Keywords); ok {
			if a, err := regexp.Compile(expr); err == nil && a.NumSubexp() == re.NumSubexp() {
				c.anchored, c.lead = a, lead
			}
		}
	}
	if r.Path != "" {
		c.path = regexp.MustCompile(r.Path) // validated
	}
	for _, a := range append([]Allowlist{r.Allowlist}, r.Allowlists...) {
		if a.empty() {
			continue
		}
		ca := compiledAllow{flat: s.nAllow, and: a.Condition == "AND"}
		s.nAllow++
		switch a.RegexTarget {
		case "match":
			ca.target = targetMatch
		case "line":
			ca.target = targetLine
		}
		for _, x := range a.Regexes {
			ca.regexes = append(ca.regexes, regexp.MustCompile(x))
		}
		for _, x := range a.Paths {
			ca.paths = append(ca.paths, regexp.MustCompile(x))
		}
		for _, w := range a.Stopwords {
			if w == "@placeholders" {
				for _, p := range PlaceholderStopwords {
					ca.stopwords = append(ca.stopwords, []byte(p))
				}
				continue
			}
			ca.stopwords = append(ca.stopwords, []byte(strings.ToLower(w)))
		}
		c.allow = append(c.allow, ca)
	}
	return c, nil
}

// Rules returns the compiled rules, in order.
func (s *Scanner) Rules() []Rule { return slices.Clone(s.rules) }

// Result is what Scan found in one reader.
type Result struct {
	Matches []Match
	// Binary: the content looked binary and was not scanned (path-only
	// rules still report).
	Binary bool
	// Truncated: the input was longer than MaxFileSize; only the first
	// MaxFileSize bytes were scanned.
	Truncated bool
	// TooManyMatches: more than MaxMatchesPerFile matches; the rest were
	// dropped.
	TooManyMatches bool
	// Bytes is how many bytes were read and scanned.
	Bytes int64
}

// Match is one secret. Positions are those of the secret (the rule's
// secret group), 1-based, columns in bytes, EndColumn exclusive.
type Match struct {
	RuleID                           string
	Line, Column, EndLine, EndColumn int
	Redacted                         string
	Entropy                          float64
	// Ignored: the secret's line carries ward:ignore (for all rules, or
	// naming this one) or gitleaks:allow.
	Ignored bool
	// Hash is the SHA-256 (hex) of the secret.
	Hash string
}

type window struct {
	start, end       int
	artStart, artEnd bool // edge cut inside a line rather than at a line or file boundary
}

type candidate struct {
	rule         int32
	mStart, mEnd int // whole match, chunk offsets
	sStart, sEnd int // secret
}

// state is one Scan's scratch space, pooled per Scanner.
type state struct {
	buf        []byte
	windows    [][]window
	active     []int32
	applicable []bool
	allowPath  []bool
	cands      []candidate
}

type matchKey struct {
	rule       int32
	start, end int64
}

// Scan streams r through the rules and returns every match, in position
// order. path is used for rule path filters and allowlists. On a read error
// the matches found so far are returned with the error.
func (s *Scanner) Scan(ctx context.Context, path string, r io.Reader) (*Result, error) {
	st := s.pool.Get().(*state)
	defer s.pool.Put(st)
	res := &Result{}
	slashPath := filepath.ToSlash(path)
	anyRegex := s.prepare(st, slashPath, res)

	size := s.chunk + 2*s.overlap
	if cap(st.buf) < size {
		st.buf = make([]byte, size)
	}
	buf := st.buf[:size]
	sc := chunkScan{s: s, st: st, res: res, seen: map[matchKey]struct{}{}, lastNL: -1}
	n, ownStart := 0, 0
	eof := false
	for first := true; ; first = false {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var err error
		n, eof, err = s.fill(r, buf, n, res)
		if err != nil {
			return res, fmt.Errorf("read %s: %w", path, err)
		}
		if first {
			if looksBinary(buf[:min(n, binarySniff)]) {
				res.Binary = true
				break
			}
			if !anyRegex {
				// Only path-only rules (or none) apply: nothing to read for.
				if !eof {
					n2, err := io.Copy(io.Discard, io.LimitReader(r, s.maxFile-res.Bytes))
					res.Bytes += n2
					if err != nil {
						return res, fmt.Errorf("read %s: %w", path, err)
					}
					res.Truncated = s.truncated(r, res)
				}
				break
			}
		}
		ownEnd := n
		if !eof {
			ownEnd = n - s.overlap
		}
		sc.chunk(buf[:n], ownStart, ownEnd, sc.base > 0, !eof)
		if eof {
			break
		}
		keep := ownEnd - s.overlap
		sc.advance(buf[:keep])
		n = copy(buf, buf[keep:n])
		ownStart = ownEnd - keep
	}
	sort.Slice(res.Matches, func(i, j int) bool {
		a, b := res.Matches[i], res.Matches[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.RuleID < b.RuleID
	})
	res.Matches = s.dropShadowed(res.Matches)
	return res, nil
}

// dropShadowed resolves overlapping matches so one secret gives one
// finding: a specific rule beats a generic (catch-all) rule, and among
// generic rules a path-scoped one (it knows the file) beats the others,
// then the lower rule ID wins. Specific rules that overlap each other all
// stay: each names a real concept. ms is in position order.
func (s *Scanner) dropShadowed(ms []Match) []Match {
	if len(s.generic) == 0 || len(ms) < 2 {
		return ms
	}
	type pos struct{ line, col int }
	before := func(a, b pos) bool { return a.line < b.line || (a.line == b.line && a.col < b.col) }
	overlaps := func(a, b Match) bool {
		as, ae := pos{a.Line, a.Column}, pos{a.EndLine, a.EndColumn}
		bs, be := pos{b.Line, b.Column}, pos{b.EndLine, b.EndColumn}
		return before(as, be) && before(bs, ae)
	}
	// beats reports whether a outranks b on the same secret.
	beats := func(a, b Match) bool {
		ga, gb := s.generic[a.RuleID], s.generic[b.RuleID]
		if ga != gb {
			return !ga
		}
		if !ga {
			return false
		}
		pa, pb := s.scoped[a.RuleID], s.scoped[b.RuleID]
		if pa != pb {
			return pa
		}
		return a.RuleID < b.RuleID
	}
	out := ms[:0]
	for i, m := range ms {
		shadowed := false
		if s.generic[m.RuleID] {
			for j := range ms {
				if j != i && ms[j].Line <= m.EndLine && ms[j].EndLine >= m.Line && overlaps(m, ms[j]) && beats(ms[j], m) {
					shadowed = true
					break
				}
			}
		}
		if !shadowed {
			out = append(out, m)
		}
	}
	return out
}

// prepare evaluates path filters once per file and reports path-only
// rules. It returns whether any regex rule applies.
func (s *Scanner) prepare(st *state, path string, res *Result) bool {
	any := false
	for i := range s.comp {
		c := &s.comp[i]
		ok := c.path == nil || (path != "" && c.path.MatchString(path))
		for _, a := range c.allow {
			hit := false
			for _, p := range a.paths {
				if path != "" && p.MatchString(path) {
					hit = true
					break
				}
			}
			st.allowPath[a.flat] = hit
			if hit && !a.and {
				ok = false
			}
			if hit && a.and && len(a.regexes) == 0 && len(a.stopwords) == 0 {
				ok = false
			}
		}
		st.applicable[i] = ok
		if ok && c.re != nil {
			any = true
		}
	}
	for _, i := range s.pathOnly {
		if st.applicable[i] {
			res.Matches = append(res.Matches, Match{
				RuleID: s.rules[i].ID, Line: 1, Column: 1, EndLine: 1, EndColumn: 1,
				Hash: hashSecret([]byte(s.rules[i].ID + "\x00" + path)),
			})
		}
	}
	return any
}

// fill reads until buf is full, the input ends or MaxFileSize is reached.
func (s *Scanner) fill(r io.Reader, buf []byte, n int, res *Result) (int, bool, error) {
	empty := 0
	for n < len(buf) {
		want := int64(len(buf) - n)
		if left := s.maxFile - res.Bytes; left < want {
			want = left
		}
		if want <= 0 {
			res.Truncated = s.truncated(r, res)
			return n, true, nil
		}
		m, err := r.Read(buf[n : n+int(want)])
		n += m
		res.Bytes += int64(m)
		if errors.Is(err, io.EOF) {
			return n, true, nil
		}
		if err != nil {
			return n, true, err
		}
		if m == 0 {
			if empty++; empty > 100 {
				return n, true, io.ErrNoProgress
			}
		}
	}
	return n, false, nil
}

// truncated reports whether r holds more after the cap.
func (s *Scanner) truncated(r io.Reader, res *Result) bool {
	if res.Bytes < s.maxFile {
		return false
	}
	var one [1]byte
	for range 100 {
		m, err := r.Read(one[:])
		if m > 0 {
			return true
		}
		if err != nil {
			return false
		}
	}
	return false
}

// looksBinary: a NUL byte, or more than 10% control bytes, or invalid
// UTF-8 with more than 30% high bytes, in the sample.
func looksBinary(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctl, high := 0, 0
	for _, c := range b {
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b && c != '\b':
			ctl++
		case c == 0x7f:
			ctl++
		case c >= 0x80:
			high++
		}
	}
	if ctl*10 > len(b) {
		return true
	}
	if high*10 > 3*len(b) {
		// Drop a multi-byte rune cut by the end of the sample.
		t := b
		for k := 1; k <= utf8.UTFMax && k <= len(t); k++ {
			if utf8.RuneStart(t[len(t)-k]) {
				if !utf8.FullRune(t[len(t)-k:]) {
					t = t[:len(t)-k]
				}
				break
			}
		}
		return !utf8.Valid(t)
	}
	return false
}
