// Package dpkg extracts installed Debian packages from the dpkg status
// database (var/lib/dpkg/status) and from the one-file-per-package
// databases of distroless images (var/lib/dpkg/status.d/<package>).
//
// Which packages count as installed: dpkg's Status field is "want flag
// status". A package is reported when its status says its files are on
// disk — installed, triggers-pending, triggers-awaited, half-configured,
// unpacked and half-installed (an interrupted install, upgrade or removal:
// some files of the version named are present, so a scanner reports it
// rather than miss it). not-installed and config-files (only conffiles
// left) are skipped. The want word (install, hold, deinstall, purge) is
// ignored: "deinstall ok installed" is still installed. A paragraph
// without Status is skipped in var/lib/dpkg/status (dpkg treats it as not
// installed) and reported in status.d, whose files exist only for
// installed packages.
package dpkg

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// ID is the plugin ID.
const ID = "os/dpkg"

// Paths of the databases.
const (
	StatusPath = "var/lib/dpkg/status"
	StatusDir  = "var/lib/dpkg/status.d"
)

// Defaults of Config.
const (
	// DefaultMaxLineLength bounds one line of a status file.
	DefaultMaxLineLength = 1 << 20
	// DefaultMaxPackages bounds the packages read from one file (a large
	// Debian desktop has about 5,000).
	DefaultMaxPackages = 100_000
	// maxFields bounds the fields of one paragraph (real ones have ~20).
	maxFields = 1000
)

// Config configures the extractor. A zero value means defaults.
type Config struct {
	// MaxFileSize is the number of bytes read from one file; 0 means
	// limits.DefaultMaxFileSize. A larger file yields the packages of its
	// first MaxFileSize bytes and a *limits.LimitError.
	MaxFileSize int64
	// MaxPackages bounds the packages of one file; 0 means
	// DefaultMaxPackages.
	MaxPackages int
}

// Extractor is the dpkg extractor.
type Extractor struct {
	maxFile     int64
	maxPackages int
}

var _ extract.Extractor = (*Extractor)(nil)

// New returns an extractor.
func New(cfg Config) (*Extractor, error) {
	if cfg.MaxFileSize < 0 || cfg.MaxPackages < 0 {
		return nil, fmt.Errorf("dpkg: negative limit in config %+v", cfg)
	}
	e := &Extractor{maxFile: cfg.MaxFileSize, maxPackages: cfg.MaxPackages}
	if e.maxFile == 0 {
		e.maxFile = limits.DefaultMaxFileSize
	}
	if e.maxPackages == 0 {
		e.maxPackages = DefaultMaxPackages
	}
	return e, nil
}

// ID returns "os/dpkg".
func (e *Extractor) ID() string { return ID }

// Version is the extractor's version.
func (e *Extractor) Version() int { return 1 }

// Required reports whether path is a dpkg database: var/lib/dpkg/status or
// a file directly in var/lib/dpkg/status.d other than the *.md5sums lists
// and hidden files. Files over the size cap are required too, so the cap
// is reported rather than the database silently skipped.
func (e *Extractor) Required(p string, size int64, mode fs.FileMode) bool {
	if !mode.IsRegular() {
		return false
	}
	if p == StatusPath {
		return true
	}
	dir, name := path.Split(p)
	return dir == StatusDir+"/" && name != "" && name[0] != '.' && !strings.HasSuffix(name, ".md5sums")
}

// Extract parses one database file. On an error it returns the packages
// of the paragraphs read before it along with a *limits.ParseError or
// *limits.LimitError.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	r := io.NewSectionReader(in.Reader, 0, min(in.Size, e.maxFile))
	opts := options{
		path:        in.Path,
		statusDir:   in.Path != StatusPath,
		maxPackages: e.maxPackages,
	}
	if in.Size > e.maxFile {
		opts.capped = &limits.LimitError{What: fmt.Sprintf("%s: file size", in.Path), Limit: e.maxFile}
	}
	return parse(ctx, r, opts)
}

// Parse parses a dpkg status file read from r (path is used in errors and
// as Location) and returns its installed packages. statusDir selects the
// rules of var/lib/dpkg/status.d files (a paragraph without Status is
// installed). It returns the packages read before an error along with it.
func Parse(r io.Reader, path string, statusDir bool) ([]inventory.Package, error) {
	return parse(context.Background(), r, options{path: path, statusDir: statusDir, maxPackages: DefaultMaxPackages})
}

const msgTruncated = "unexpected end of file in the middle of a line (truncated?)"

type options struct {
	path        string
	statusDir   bool
	maxPackages int
	// capped is non-nil when the input was cut at the size cap: the
	// paragraph the cut falls in is then dropped, not reported as
	// malformed, and capped is returned.
	capped *limits.LimitError
}

// paragraph holds the fields of one stanza that the extractor uses.
type paragraph struct {
	start   int // line of the first field
	fields  map[string]field
	lastKey string
}

type field struct {
	value string
	line  int
	col   int // column of the value
}

// wanted are the fields kept (lower-cased); all others are checked for
// syntax and dropped, so memory stays bounded by the longest wanted value.
func wanted(key string) bool {
	switch key {
	case "package", "version", "status", "source":
		return true
	}
	return false
}

func parse(ctx context.Context, r io.Reader, o options) ([]inventory.Package, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		pkgs []inventory.Package
		seen = map[string]bool{}
		para = paragraph{fields: map[string]field{}}
		line = 0
	)
	flush := func() error {
		if para.start == 0 {
			return nil
		}
		p, ok, err := o.toPackage(para)
		para = paragraph{fields: map[string]field{}}
		if err != nil || !ok {
			return err
		}
		key := p.Name + "\x00" + p.Version
		if seen[key] { // Multi-Arch: same package for several architectures
			return nil
		}
		if len(pkgs) >= o.maxPackages {
			return &limits.LimitError{What: fmt.Sprintf("%s: packages", o.path), Limit: int64(o.maxPackages)}
		}
		seen[key] = true
		pkgs = append(pkgs, p)
		return nil
	}
	for {
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return pkgs, fmt.Errorf("parse %s: %w", o.path, err)
			}
		}
		raw, err := readLine(br, DefaultMaxLineLength)
		if o.capped != nil && (err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF)) {
			return pkgs, o.capped
		}
		if err == io.EOF {
			break
		}
		line++
		if errors.Is(err, errLineTooLong) {
			return pkgs, &limits.LimitError{What: fmt.Sprintf("%s:%d: line length", o.path, line), Limit: DefaultMaxLineLength}
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return pkgs, &limits.ParseError{Path: o.path, Line: line, Col: len(raw) + 1, Msg: msgTruncated}
		}
		if err != nil {
			return pkgs, fmt.Errorf("read %s: %w", o.path, err)
		}
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if len(bytes.Trim(raw, " \t")) == 0 {
			if err := flush(); err != nil {
				return pkgs, err
			}
			continue
		}
		if raw[0] == ' ' || raw[0] == '\t' {
			if para.lastKey == "" {
				return pkgs, &limits.ParseError{Path: o.path, Line: line, Col: 1, Msg: "continuation line outside a field"}
			}
			if f, ok := para.fields[para.lastKey]; ok && wanted(para.lastKey) {
				// Only Description-like fields are multi-line; a wanted
				// field continued is malformed for our purposes.
				return pkgs, &limits.ParseError{Path: o.path, Line: line, Col: 1, Msg: fmt.Sprintf("field %q spans lines (started line %d)", para.lastKey, f.line)}
			}
			continue
		}
		if raw[0] == '#' {
			return pkgs, &limits.ParseError{Path: o.path, Line: line, Col: 1, Msg: "comment line in status file"}
		}
		colon := bytes.IndexByte(raw, ':')
		if colon <= 0 {
			return pkgs, &limits.ParseError{Path: o.path, Line: line, Col: 1, Msg: "expected \"Field: value\""}
		}
		name := raw[:colon]
		if i := invalidFieldName(name); i >= 0 {
			return pkgs, &limits.ParseError{Path: o.path, Line: line, Col: i + 1, Msg: fmt.Sprintf("invalid field name %q", name)}
		}
		key := strings.ToLower(string(name))
		if para.start == 0 {
			para.start = line
		}
		if _, dup := para.fields[key]; dup {
			return pkgs, &limits.ParseError{Path: o.path, Line: line, Col: 1, Msg: fmt.Sprintf("duplicate field %q in paragraph starting line %d", name, para.start)}
		}
		if len(para.fields) >= maxFields {
			return pkgs, &limits.LimitError{What: fmt.Sprintf("%s:%d: fields in one paragraph", o.path, line), Limit: maxFields}
		}
		para.lastKey = key
		rest := raw[colon+1:]
		trimmed := bytes.TrimLeft(rest, " \t")
		col := colon + 2 + len(rest) - len(trimmed)
		if wanted(key) {
			para.fields[key] = field{value: string(bytes.TrimRight(trimmed, " \t")), line: line, col: col}
		} else {
			// Remember the key for duplicate detection without its value.
			para.fields[key] = field{line: line}
		}
	}
	if err := flush(); err != nil {
		return pkgs, err
	}
	return pkgs, nil
}

// invalidFieldName returns the index of the first byte that deb822 does
// not allow in a field name, or -1.
func invalidFieldName(name []byte) int {
	for i, c := range name {
		if c <= ' ' || c >= 0x7f || (i == 0 && c == '-') {
			return i
		}
	}
	if len(name) > 256 {
		return 256
	}
	return -1
}

func (o options) toPackage(p paragraph) (inventory.Package, bool, error) {
	perr := func(f field, format string, args ...any) error {
		return &limits.ParseError{Path: o.path, Line: f.line, Col: f.col, Msg: fmt.Sprintf(format, args...)}
	}
	name, ok := p.fields["package"]
	if !ok {
		return inventory.Package{}, false, &limits.ParseError{Path: o.path, Line: p.start, Col: 1, Msg: "paragraph without Package field"}
	}
	if !validName(name.value) {
		return inventory.Package{}, false, perr(name, "invalid package name %q", name.value)
	}
	status, ok := p.fields["status"]
	if !ok {
		if !o.statusDir {
			return inventory.Package{}, false, nil
		}
	} else {
		installed, err := isInstalled(status.value)
		if err != nil {
			return inventory.Package{}, false, perr(status, "package %s: %v", name.value, err)
		}
		if !installed {
			return inventory.Package{}, false, nil
		}
	}
	version, ok := p.fields["version"]
	if !ok {
		return inventory.Package{}, false, &limits.ParseError{Path: o.path, Line: p.start, Col: 1, Msg: fmt.Sprintf("installed package %s without Version field", name.value)}
	}
	if !validVersion(version.value) {
		return inventory.Package{}, false, perr(version, "package %s: invalid version %q", name.value, version.value)
	}
	pkg := inventory.Package{
		Name:          name.value,
		Version:       version.value,
		Ecosystem:     inventory.Debian,
		Location:      o.path,
		Extractor:     ID,
		SourceName:    name.value,
		SourceVersion: version.value,
	}
	if src, ok := p.fields["source"]; ok {
		sn, sv, err := parseSource(src.value)
		if err != nil {
			return inventory.Package{}, false, perr(src, "package %s: %v", name.value, err)
		}
		pkg.SourceName = sn
		if sv != "" {
			pkg.SourceVersion = sv
		}
	}
	return pkg, true, nil
}

// isInstalled decides from a Status value "want flag status".
func isInstalled(s string) (bool, error) {
	words := strings.Fields(s)
	if len(words) != 3 {
		return false, fmt.Errorf("status %q is not \"want flag status\"", s)
	}
	switch words[0] {
	case "unknown", "install", "hold", "deinstall", "purge":
	default:
		return false, fmt.Errorf("unknown want %q in status", words[0])
	}
	switch words[1] {
	case "ok", "reinstreq":
	default:
		return false, fmt.Errorf("unknown flag %q in status", words[1])
	}
	switch words[2] {
	case "installed", "triggers-pending", "triggers-awaited", "half-configured", "unpacked", "half-installed":
		return true, nil
	case "not-installed", "config-files":
		return false, nil
	}
	return false, fmt.Errorf("unknown status %q", words[2])
}

// parseSource splits "name (version)" or "name".
func parseSource(s string) (name, version string, err error) {
	name, rest, hasVersion := strings.Cut(s, " ")
	if !validName(name) {
		return "", "", fmt.Errorf("invalid source package name %q", name)
	}
	if !hasVersion {
		return name, "", nil
	}
	rest = strings.TrimSpace(rest)
	if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
		return "", "", fmt.Errorf("source %q is not \"name (version)\"", s)
	}
	version = strings.TrimSpace(rest[1 : len(rest)-1])
	if !validVersion(version) {
		return "", "", fmt.Errorf("invalid source version %q", version)
	}
	return name, version, nil
}

// validName follows dpkg's package-name rule: an alphanumeric first
// character, then alphanumerics and "+-._".
func validName(s string) bool {
	if s == "" || len(s) > 256 || !isAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && !strings.ContainsRune("+-._", rune(c)) {
			return false
		}
	}
	return true
}

// validVersion accepts the characters of a Debian version:
// [epoch:]upstream[-revision] with alphanumerics and ".+~-:".
func validVersion(s string) bool {
	if s == "" || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && !strings.ContainsRune(".+~-:", rune(c)) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its "\n". It returns io.EOF at a
// clean end, io.ErrUnexpectedEOF with the partial line when the input ends
// without a newline, and errLineTooLong past max bytes.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max+1 {
			return nil, errLineTooLong
		}
		switch {
		case err == nil:
			if buf == nil {
				return chunk[:len(chunk)-1], nil
			}
			buf = append(buf, chunk...)
			return buf[:len(buf)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			buf = append(buf, chunk...)
		case err == io.EOF:
			buf = append(buf, chunk...)
			if len(buf) == 0 {
				return nil, io.EOF
			}
			return buf, io.ErrUnexpectedEOF
		default:
			return nil, err
		}
	}
}
