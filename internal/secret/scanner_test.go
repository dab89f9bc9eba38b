package secret

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wardsec/ward/internal/finding"
)

// Test rules. The token shapes are invented for these tests.
var (
	tokRule = Rule{
		ID: "TEST-TOKEN-1", Title: "test token", Severity: finding.SeverityHigh,
		Keywords: []string{"wtk_"}, Regex: `\b(wtk_[A-Za-z0-9]{24})\b`, SecretGroup: 1, Entropy: 3,
	}
	pwRule = Rule{
		ID: "TEST-PASSWORD-1", Title: "test password", Severity: finding.SeverityMedium,
		Keywords: []string{"password"}, Regex: `(?i)password\s*[:=]\s*["']([^"'\s]{8,64})["']`, SecretGroup: 1,
		Allowlist: Allowlist{Stopwords: []string{"@placeholders"}},
	}
	pemRule = Rule{
		ID: "TEST-PEM-1", Title: "test private key", Severity: finding.SeverityCritical,
		Keywords: []string{"private key-----"},
		Regex:    `-----BEGIN[ A-Z]*PRIVATE KEY-----[\sA-Za-z0-9+/=]{64,}-----END[ A-Z]*PRIVATE KEY-----`,
	}
)

const tok = "wtk_Q7vX2mR9pL4sK8dN3fH6jB1c" // 24 random chars after the prefix

func newScanner(t testing.TB, cfg Config) *Scanner {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func scanString(t testing.TB, s *Scanner, path, content string) *Result {
	t.Helper()
	res, err := s.Scan(context.Background(), path, strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// pos is the part of a Match most tests compare.
type pos struct {
	Rule                             string
	Line, Column, EndLine, EndColumn int
	Ignored                          bool
}

func positions(res *Result) []pos {
	var out []pos
	for _, m := range res.Matches {
		out = append(out, pos{m.RuleID, m.Line, m.Column, m.EndLine, m.EndColumn, m.Ignored})
	}
	return out
}

func TestScanPositions(t *testing.T) {
	s := newScanner(t, Config{Rules: []Rule{tokRule, pwRule, pemRule}})
	tests := []struct {
		name    string
		content string
		want    []pos
	}{
		{"first_byte", tok, []pos{{"TEST-TOKEN-1", 1, 1, 1, 29, false}}},
		{"second_line", "x\n  key: " + tok + "\n", []pos{{"TEST-TOKEN-1", 2, 8, 2, 36, false}}},
		{"crlf", "a\r\nb\r\nkey = " + tok + "\r\n", []pos{{"TEST-TOKEN-1", 3, 7, 3, 35, false}}},
		{"keyword_case", strings.ToUpper("x ") + "WTK_Q7vX2mR9pL4sK8dN3fH6jB1c", nil}, // regex is case-sensitive
		{"no_keyword", "nothing to see here\n", nil},
		{"two_on_a_line", tok + " " + tok, []pos{{"TEST-TOKEN-1", 1, 1, 1, 29, false}, {"TEST-TOKEN-1", 1, 30, 1, 58, false}}},
		{"secret_group", `password = "s3cr3tP4ss"`, []pos{{"TEST-PASSWORD-1", 1, 13, 1, 23, false}}},
		{"multi_line_value", "password:\n  'k9Xq2Lm7Zp'", []pos{{"TEST-PASSWORD-1", 2, 4, 2, 14, false}}},
		{"word_boundary", "xwtk_Q7vX2mR9pL4sK8dN3fH6jB1c", nil},
		{"invalid_utf8", "\xff\xfe\xfd " + tok + " \xc3", []pos{{"TEST-TOKEN-1", 1, 5, 1, 33, false}}},
		{"placeholder_stopword", `password = "changeme123"`, nil},
		{"template_reference", `password = "${DB_PASSWORD}"`, nil},
		{"repeated_char", `password = "********"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := positions(scanString(t, s, "f.txt", tt.content))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScanMatchFields(t *testing.T) {
	s := newScanner(t, Config{Rules: []Rule{tokRule}})
	res := scanString(t, s, "f", "k="+tok)
	if len(res.Matches) != 1 {
		t.Fatalf("got %d matches, want 1", len(res.Matches))
	}
	m := res.Matches[0]
	if m.Redacted != "wtk_************************"[:24] {
		t.Errorf("Redacted = %q", m.Redacted)
	}
	if want := hashSecret([]byte(tok)); m.Hash != want {
		t.Errorf("Hash = %q, want %q", m.Hash, want)
	}
	if m.Entropy < 3 {
		t.Errorf("Entropy = %v", m.Entropy)
	}
	if res.Bytes != int64(len(tok)+2) || res.Binary || res.Truncated {
		t.Errorf("result = %+v", res)
	}
}

func TestScanChunkBoundaries(t *testing.T) {
	// Every placement of the token around chunk edges is found exactly once
	// at the right place.
	for _, chunk := range []int{16, 64, 100} {
		s := newScanner(t, Config{Rules: []Rule{tokRule, pemRule}, ChunkSize: chunk, overlap: 40})
		for off := 0; off < 2*chunk+50; off += 7 {
			prefix := strings.Repeat("ab\n", off/3) + strings.Repeat("z", off%3)
			content := prefix + " " + tok + " " + strings.Repeat("tail ", 30)
			line := strings.Count(prefix, "\n") + 1
			col := len(prefix) - strings.LastIndexByte(prefix, '\n') + 1
			want := []pos{{"TEST-TOKEN-1", line, col, line, col + len(tok), false}}
			got := positions(scanString(t, s, "f", content))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("chunk %d offset %d (-want +got):\n%s", chunk, off, diff)
			}
		}
	}
}

func TestScanLongLineAcrossChunks(t *testing.T) {
	// One line, secrets far apart and across chunk edges: columns are
	// absolute within the line.
	s := newScanner(t, Config{Rules: []Rule{tokRule}, ChunkSize: 1000, overlap: 64})
	var b strings.Builder
	var want []pos
	for i := range 20 {
		b.WriteString(strings.Repeat("x", 977+i))
		b.WriteByte(' ')
		col := b.Len() + 1
		b.WriteString(tok)
		b.WriteByte(' ')
		want = append(want, pos{"TEST-TOKEN-1", 1, col, 1, col + len(tok), false})
	}
	got := positions(scanString(t, s, "min.js", b.String()))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

const pemBody = "MIIEowIBAAKCAQEAu7XkZ2pQm9fN4s3Lr8yTgW1vHc6aJ0dEoP5iUqRzVx2bKnYt\n" +
	"Hm4Lc8Wq1rSg7fJ3uZ9aE0xDp6NyTk2vBo5MiQl3hG8sRtXzCw4nYe1jUb7FaK9d\n" +
	"q2Vr6Ls8PmZ0xTcN3fHy5WgJ1kDb7EuR4oQi9tAzSl2MnXv6Ye8pKc0BhGw3UjFr\n"

func TestScanPEM(t *testing.T) {
	key := "-----BEGIN RSA PRIVATE KEY-----\n" + pemBody + "-----END RSA PRIVATE KEY-----"
	for _, chunk := range []int{0, 50} {
		s := newScanner(t, Config{Rules: []Rule{pemRule}, ChunkSize: chunk, overlap: 512})
		got := positions(scanString(t, s, "id_rsa", "# key\n"+key+"\n"))
		want := []pos{{"TEST-PEM-1", 2, 1, 6, 30, false}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("chunk %d (-want +got):\n%s", chunk, diff)
		}
	}
}

func TestScanEntropy(t *testing.T) {
	s := newScanner(t, Config{Rules: []Rule{tokRule}})
	if got := scanString(t, s, "f", "wtk_aaaaaaaaaaaabbbbbbbbbbbb"); len(got.Matches) != 0 {
		t.Errorf("low-entropy token reported: %+v", got.Matches)
	}
	if got := scanString(t, s, "f", tok); len(got.Matches) != 1 {
		t.Errorf("high-entropy token: %d matches", len(got.Matches))
	}
}

func TestScanAllowlists(t *testing.T) {
	r := tokRule
	r.Allowlist = Allowlist{Regexes: []string{`Q7vX`}, Paths: []string{`(?i)fixtures/`}}
	line := tokRule
	line.ID = "TEST-LINE-1"
	line.Allowlist = Allowlist{Regexes: []string{`#\s*fake`}, RegexTarget: "line"}
	match := tokRule
	match.ID = "TEST-MATCH-1"
	match.Regex = `key=(wtk_[A-Za-z0-9]{24})`
	match.Allowlist = Allowlist{Regexes: []string{`^key=`}, RegexTarget: "match"}
	and := tokRule
	and.ID = "TEST-AND-1"
	and.Allowlist = Allowlist{Condition: "AND", Paths: []string{`\.md$`}, Stopwords: []string{"q7vx"}}
	stop := tokRule
	stop.ID = "TEST-STOP-1"
	stop.Allowlist = Allowlist{Stopwords: []string{"P4SSWORD"}}
	pathOnly := Rule{ID: "TEST-FILE-1", Title: "key store", Severity: finding.SeverityLow, Path: `\.p12$`}
	filtered := tokRule
	filtered.ID = "TEST-PATH-1"
	filtered.Path = `\.env$`
	s := newScanner(t, Config{Rules: []Rule{r, line, match, and, stop, pathOnly, filtered}})
	other := "wtk_Zr4Tq8Wm2Xn6Yb1Vc5Ud9Se3" // no Q7vX, not a stopword
	tests := []struct {
		name, path, content string
		want                []string
	}{
		{"secret_regex", "a.txt", tok, []string{"TEST-AND-1", "TEST-LINE-1", "TEST-STOP-1"}},
		{"other_secret", "a.txt", other, []string{"TEST-AND-1", "TEST-LINE-1", "TEST-STOP-1", "TEST-TOKEN-1"}},
		{"path", "x/Fixtures/a.txt", other, []string{"TEST-AND-1", "TEST-LINE-1", "TEST-STOP-1"}},
		{"line_target", "a.txt", other + " # fake", []string{"TEST-AND-1", "TEST-STOP-1", "TEST-TOKEN-1"}},
		{"match_target", "a.txt", "key=" + other, []string{"TEST-AND-1", "TEST-LINE-1", "TEST-STOP-1", "TEST-TOKEN-1"}},
		{"and_both", "a.md", tok, []string{"TEST-LINE-1", "TEST-STOP-1"}},
		{"and_one", "a.md", other, []string{"TEST-AND-1", "TEST-LINE-1", "TEST-STOP-1", "TEST-TOKEN-1"}},
		{"stopword", "a.txt", "wtk_Zr4TP4ssWoRdc5Ud9Se3xYz1", []string{"TEST-AND-1", "TEST-LINE-1", "TEST-TOKEN-1"}},
		{"path_only", "certs/a.p12", "", []string{"TEST-FILE-1"}},
		{"path_filter", "prod.env", other, []string{"TEST-AND-1", "TEST-LINE-1", "TEST-PATH-1", "TEST-STOP-1", "TEST-TOKEN-1"}},
		{"known_example", "a.txt", "AKIAIOSFODNN7EXAMPLE", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range scanString(t, s, tt.path, tt.content).Matches {
				got = append(got, m.RuleID)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b }), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScanGlobalAllowlist(t *testing.T) {
	r := Rule{ID: "TEST-AWS-1", Title: "aws", Severity: finding.SeverityHigh, Keywords: []string{"akia"},
		Regex: `\b(AKIA[A-Z0-9]{16})\b`, SecretGroup: 1}
	s := newScanner(t, Config{Rules: []Rule{r}})
	if got := scanString(t, s, "f", "id = AKIAIOSFODNN7EXAMPLE"); len(got.Matches) != 0 {
		t.Errorf("documentation example reported: %+v", got.Matches)
	}
	if got := scanString(t, s, "f", "id = AKIAZ3MSJV4WWNKWW5FG"); len(got.Matches) != 1 {
		t.Errorf("real-looking key: %d matches", len(got.Matches))
	}
}

func TestScanInlineIgnore(t *testing.T) {
	pw := `password = "k9Xq2Lm7Zp"`
	s := newScanner(t, Config{Rules: []Rule{tokRule, pwRule}})
	tests := []struct {
		name    string
		content string
		want    []pos
	}{
		{"ward_ignore", tok + " // ward:ignore", []pos{{"TEST-TOKEN-1", 1, 1, 1, 29, true}}},
		{"ward_ignore_this_rule", tok + " # ward:ignore TEST-TOKEN-1", []pos{{"TEST-TOKEN-1", 1, 1, 1, 29, true}}},
		{"ward_ignore_list", tok + " # ward:ignore:TEST-PASSWORD-1,TEST-TOKEN-1", []pos{{"TEST-TOKEN-1", 1, 1, 1, 29, true}}},
		{"ward_ignore_other_rule", tok + " # ward:ignore TEST-PASSWORD-1", []pos{{"TEST-TOKEN-1", 1, 1, 1, 29, false}}},
		{"ward_ignore_with_reason", tok + " # ward:ignore test fixture", []pos{{"TEST-TOKEN-1", 1, 1, 1, 29, true}}},
		{"gitleaks_allow", pw + " # gitleaks:allow", []pos{{"TEST-PASSWORD-1", 1, 13, 1, 23, true}}},
		{"other_line", "# ward:ignore\n" + tok, []pos{{"TEST-TOKEN-1", 2, 1, 2, 29, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := positions(scanString(t, s, "f", tt.content))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestScanBinary(t *testing.T) {
	s := newScanner(t, Config{Rules: []Rule{tokRule}})
	tests := []struct {
		name    string
		content string
		binary  bool
	}{
		{"nul", "\x00\x01" + tok, true},
		{"control", strings.Repeat("\x01\x02\x03 ab", 100) + tok, true},
		{"latin1_text", strings.Repeat("caf\xe9 ", 50) + tok, false},
		{"utf8_text", strings.Repeat("héllo wörld ", 50) + tok, false},
		{"random_high", strings.Repeat("\xf0\x80\xc1\xff\xfe", 100) + tok, true},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := scanString(t, s, "f", tt.content)
			if res.Binary != tt.binary {
				t.Errorf("Binary = %v, want %v", res.Binary, tt.binary)
			}
			if want := !tt.binary && tt.content != ""; (len(res.Matches) == 1) != want {
				t.Errorf("matches = %d, want found=%v", len(res.Matches), want)
			}
		})
	}
}

func TestScanTruncated(t *testing.T) {
	s := newScanner(t, Config{Rules: []Rule{tokRule}, MaxFileSize: 100, ChunkSize: 32, overlap: 32})
	early := strings.Repeat("a ", 10) + tok + strings.Repeat(" b", 100) + " " + tok
	res := scanString(t, s, "f", early)
	if !res.Truncated || res.Bytes != 100 || len(res.Matches) != 1 {
		t.Errorf("Truncated=%v Bytes=%d matches=%d, want true 100 1", res.Truncated, res.Bytes, len(res.Matches))
	}
	res = scanString(t, s, "f", strings.Repeat("x", 100))
	if res.Truncated {
		t.Error("file of exactly MaxFileSize reported truncated")
	}
}

func TestScanDedupe(t *testing.T) {
	// Two keywords of one rule on one line give one match.
	r := tokRule
	r.Keywords = []string{"wtk_", "q7vx"}
	s := newScanner(t, Config{Rules: []Rule{r}})
	if got := scanString(t, s, "f", tok); len(got.Matches) != 1 {
		t.Errorf("got %d matches, want 1", len(got.Matches))
	}
}

func TestScanReadError(t *testing.T) {
	s := newScanner(t, Config{Rules: []Rule{tokRule}})
	boom := errors.New("boom")
	_, err := s.Scan(context.Background(), "f", io.MultiReader(strings.NewReader("abc"), iotestErr{boom}))
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Scan(ctx, "f", strings.NewReader(tok)); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

type iotestErr struct{ err error }

func (e iotestErr) Read([]byte) (int, error) { return 0, e.err }

func TestNewBadRule(t *testing.T) {
	bad := tokRule
	bad.Regex = `(wtk_`
	bad.Source = "custom.yaml"
	_, err := New(Config{Rules: []Rule{bad}})
	if err == nil || !strings.Contains(err.Error(), "TEST-TOKEN-1") || !strings.Contains(err.Error(), "custom.yaml") {
		t.Errorf("err = %v, want one naming the rule and file", err)
	}
	if _, err := New(Config{Rules: []Rule{tokRule, tokRule}}); err == nil {
		t.Error("duplicate IDs accepted")
	}
}

func TestScanConcurrent(t *testing.T) {
	s := newScanner(t, Config{Rules: []Rule{tokRule, pwRule}, ChunkSize: 64, overlap: 64})
	content := strings.Repeat("filler line\n", 50) + "k=" + tok + "\n" + strings.Repeat("more\n", 50)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				res, err := s.Scan(context.Background(), "f", strings.NewReader(content))
				if err != nil || len(res.Matches) != 1 || res.Matches[0].Line != 51 {
					t.Errorf("res=%+v err=%v", res, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// genReader streams n bytes of one line of filler with a secret planted at
// offset at, without holding them.
type genReader struct {
	n, at, off int64
	plant      []byte
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.off >= g.n {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), g.n-g.off)]
	const filler = "aGVsbG8gd29ybGQ+/abcdefghijklmnopqrstuvwxyz0123456789 "
	for i := range p {
		o := g.off + int64(i)
		if o >= g.at && o < g.at+int64(len(g.plant)) {
			p[i] = g.plant[o-g.at]
		} else {
			p[i] = filler[o%int64(len(filler))]
		}
	}
	g.off += int64(len(p))
	return len(p), nil
}

func TestScanHugeSingleLineBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 64 MiB")
	}
	const size = 64 << 20
	rules, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	s := newScanner(t, Config{Rules: append(rules, tokRule)})
	at := int64(size - 1000)
	g := &genReader{n: size, at: at, plant: []byte(" " + tok + " ")}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res, err := s.Scan(context.Background(), "min.js", g)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	var got []pos
	for _, m := range res.Matches {
		if m.RuleID == tokRule.ID {
			got = append(got, pos{m.RuleID, m.Line, m.Column, m.EndLine, m.EndColumn, m.Ignored})
		}
	}
	col := int(at) + 2
	if diff := cmp.Diff([]pos{{"TEST-TOKEN-1", 1, col, 1, col + len(tok), false}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if res.Bytes != size {
		t.Errorf("Bytes = %d", res.Bytes)
	}
	// The input never sits in memory: the live heap stays near one chunk
	// and the allocation total is a fraction of the input.
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 16<<20 {
		t.Errorf("heap in use grew by %d MiB", grew>>20)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size/4 {
		t.Errorf("allocated %d MiB for a %d MiB input", alloc>>20, size>>20)
	}
}

func TestLooksBinaryCutRune(t *testing.T) {
	b := bytes.Repeat([]byte("é"), binarySniff/2)
	if looksBinary(b[:len(b)-1]) {
		t.Error("UTF-8 text cut inside a rune looks binary")
	}
}

// A generic rule's match that overlaps a specific rule's match is dropped:
// one secret, one finding, from the rule that knows what it is.
func TestGenericShadowed(t *testing.T) {
	specific := Rule{ID: "ACME-TOKEN-1", Title: "t", Severity: 3, Keywords: []string{"acme_"}, Regex: `\b(acme_[a-z0-9]{20})\b`, SecretGroup: 1}
	generic := Rule{ID: "ACME-GENERIC-1", Title: "g", Severity: 2, Keywords: []string{"token"}, Regex: `token\s*=\s*(\S{16,})`, SecretGroup: 1, Generic: true}
	s, err := New(Config{Rules: []Rule{specific, generic}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Scan(context.Background(), "x.env", strings.NewReader("token = acme_abcdefghij0123456789\ntoken = zzzzzzzzqqqqqqqq1234\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range res.Matches {
		got = append(got, fmt.Sprintf("%s@%d", m.RuleID, m.Line))
	}
	if want := "ACME-TOKEN-1@1 ACME-GENERIC-1@2"; strings.Join(got, " ") != want {
		t.Errorf("matches %v, want %s", got, want)
	}
}
