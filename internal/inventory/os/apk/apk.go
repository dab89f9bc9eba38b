// Package apk extracts installed Alpine (and Wolfi) packages from apk's
// database, lib/apk/db/installed: paragraphs separated by blank lines, one
// "K:value" line per field with a single-letter key — P name, V version,
// o origin (the source package, which Alpine's security database names),
// L licence, A architecture, and file lists (F, R, Z, a, M) that the
// extractor skips.
package apk

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// ID is the plugin ID.
const ID = "os/apk"

// Paths of the database: lib/apk/db/installed, and usr/lib/apk/db/installed
// on usr-merged systems.
const (
	InstalledPath    = "lib/apk/db/installed"
	UsrInstalledPath = "usr/lib/apk/db/installed"
)

// Defaults of Config.
const (
	// DefaultMaxLineLength bounds one line of the database.
	DefaultMaxLineLength = 1 << 20
	// DefaultMaxPackages bounds the packages read from one file.
	DefaultMaxPackages = 100_000
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

// Extractor is the apk extractor.
type Extractor struct {
	maxFile     int64
	maxPackages int
}

var _ extract.Extractor = (*Extractor)(nil)

// New returns an extractor.
func New(cfg Config) (*Extractor, error) {
	if cfg.MaxFileSize < 0 || cfg.MaxPackages < 0 {
		return nil, fmt.Errorf("apk: negative limit in config %+v", cfg)
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

// ID returns "os/apk".
func (e *Extractor) ID() string { return ID }

// Version is the extractor's version.
func (e *Extractor) Version() int { return 1 }

// Required reports whether path is the apk database. Files over the size
// cap are required too, so the cap is reported rather than the database
// silently skipped.
func (e *Extractor) Required(path string, size int64, mode fs.FileMode) bool {
	return mode.IsRegular() && (path == InstalledPath || path == UsrInstalledPath)
}

// Extract parses the database. On an error it returns the packages read
// before it along with a *limits.ParseError or *limits.LimitError.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	r := io.NewSectionReader(in.Reader, 0, min(in.Size, e.maxFile))
	var capped *limits.LimitError
	if in.Size > e.maxFile {
		capped = &limits.LimitError{What: fmt.Sprintf("%s: file size", in.Path), Limit: e.maxFile}
	}
	return parse(ctx, r, in.Path, e.maxPackages, capped)
}

// Parse parses an apk database read from r (path is used in errors and as
// Location). It returns the packages read before an error along with it.
func Parse(r io.Reader, path string) ([]inventory.Package, error) {
	return parse(context.Background(), r, path, DefaultMaxPackages, nil)
}

const msgTruncated = "unexpected end of file in the middle of a line (truncated?)"

type field struct {
	value string
	line  int
}

type paragraph struct {
	start                                int
	name, version, origin, license, arch field
}

// parse reads paragraphs from r. capped is non-nil when r was cut at the
// size cap: the paragraph the cut falls in is then dropped, not reported
// as malformed, and capped is returned.
func parse(ctx context.Context, r io.Reader, path string, maxPackages int, capped *limits.LimitError) ([]inventory.Package, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		pkgs []inventory.Package
		para paragraph
		line int
	)
	perr := func(line, col int, format string, args ...any) error {
		return &limits.ParseError{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	flush := func() error {
		p := para
		para = paragraph{}
		if p.start == 0 {
			return nil
		}
		if p.name.line == 0 {
			return perr(p.start, 1, "package without P: (name)")
		}
		if p.version.line == 0 {
			return perr(p.start, 1, "package %s without V: (version)", p.name.value)
		}
		if len(pkgs) >= maxPackages {
			return &limits.LimitError{What: fmt.Sprintf("%s: packages", path), Limit: int64(maxPackages)}
		}
		pkg := inventory.Package{
			Name:          p.name.value,
			Version:       p.version.value,
			Ecosystem:     inventory.Alpine,
			SourceName:    p.name.value,
			SourceVersion: p.version.value,
			Location:      path,
			Extractor:     ID,
		}
		if p.origin.line != 0 {
			pkg.SourceName = p.origin.value
		}
		if p.license.value != "" {
			pkg.Licenses = []string{p.license.value}
		}
		pkgs = append(pkgs, pkg)
		return nil
	}
	set := func(f *field, key byte, value string) error {
		if f.line != 0 {
			return perr(line, 1, "duplicate %c: in package starting line %d", key, para.start)
		}
		*f = field{value: value, line: line}
		return nil
	}
	for {
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return pkgs, fmt.Errorf("parse %s: %w", path, err)
			}
		}
		raw, err := readLine(br, DefaultMaxLineLength)
		if capped != nil && (err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF)) {
			return pkgs, capped
		}
		if err == io.EOF {
			break
		}
		line++
		switch {
		case errors.Is(err, errLineTooLong):
			return pkgs, &limits.LimitError{What: fmt.Sprintf("%s:%d: line length", path, line), Limit: DefaultMaxLineLength}
		case errors.Is(err, io.ErrUnexpectedEOF):
			return pkgs, perr(line, len(raw)+1, msgTruncated)
		case err != nil:
			return pkgs, fmt.Errorf("read %s: %w", path, err)
		}
		s := strings.TrimSuffix(string(raw), "\r")
		if strings.TrimSpace(s) == "" {
			if err := flush(); err != nil {
				return pkgs, err
			}
			continue
		}
		if len(s) < 2 || s[1] != ':' || !isKey(s[0]) {
			return pkgs, perr(line, 1, "expected \"K:value\"")
		}
		if para.start == 0 {
			para.start = line
		}
		key, value := s[0], s[2:]
		switch key {
		case 'P':
			if !validName(value) {
				return pkgs, perr(line, 3, "invalid package name %q", value)
			}
			err = set(&para.name, key, value)
		case 'V':
			if !validVersion(value) {
				return pkgs, perr(line, 3, "invalid version %q", value)
			}
			err = set(&para.version, key, value)
		case 'o':
			if !validName(value) {
				return pkgs, perr(line, 3, "invalid origin %q", value)
			}
			err = set(&para.origin, key, value)
		case 'L':
			err = set(&para.license, key, strings.TrimSpace(value))
		case 'A':
			err = set(&para.arch, key, value)
		}
		if err != nil {
			return pkgs, err
		}
	}
	if err := flush(); err != nil {
		return pkgs, err
	}
	return pkgs, nil
}

func isKey(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// validName accepts apk package names: printable ASCII without spaces and
// without the dependency operators "<>=~".
func validName(s string) bool {
	if s == "" || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("<>=~:/", c) >= 0 {
			return false
		}
	}
	return true
}

// validVersion accepts apk version strings such as "1.36.1-r29",
// "3.0.0_alpha1-r0", "2024a-r0", "1.2.3_git20240101-r1".
func validVersion(s string) bool {
	if s == "" || len(s) > 256 || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '_' || c == '-' || c == '+' || c == '~') {
			return false
		}
	}
	return true
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
