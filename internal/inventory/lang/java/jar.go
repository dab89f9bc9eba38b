package java

import (
	"archive/zip"
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

// JAR extracts the packages of Java archives (.jar, .war, .ear).
//
// Each META-INF/maven/<group>/<artifact>/pom.properties of an archive is a
// package (a shaded jar has several). An archive without one falls back to
// its META-INF/MANIFEST.MF (Implementation-Title and -Version, with
// Implementation-Vendor-Id as the group when given; else
// Bundle-SymbolicName and Bundle-Version), and then to its file name
// ("commons-lang3-3.12.0.jar").
//
// Archives nested in it (BOOT-INF/lib/x.jar, WEB-INF/lib/x.jar, lib/x.jar,
// an EAR's modules: every entry named *.jar, *.war or *.ear) are opened in
// turn, to Config.MaxArchiveDepth levels; their packages have the Location
// "outer.jar!/BOOT-INF/lib/inner.jar". Stored nested archives are read in
// place, compressed ones inflated in memory (at most Config.MaxNestedSize
// each). All bytes inflated or read inside nested archives count against
// Config.MaxExpandedBytes, and all entries against
// Config.MaxArchiveEntries: exceeding either ends the extraction with a
// *limits.LimitError and the packages found so far. A corrupt nested
// archive or an oversized entry is skipped and reported in the returned
// error while the rest is read.
//
// The scanned archive itself is read in place through Input.Reader, so
// Config.MaxFileSize does not apply to it; archive/zip keeps its central
// directory in memory (proportional to the archive's size) before
// MaxArchiveEntries is checked.
type JAR struct {
	cfg Config
}

var _ extract.Extractor = (*JAR)(nil)

// NewJAR returns the Java archive extractor.
func NewJAR(cfg Config) (*JAR, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &JAR{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*JAR) ID() string { return JARID }

// Version implements extract.Extractor.
func (*JAR) Version() int { return 1 }

// Required implements extract.Extractor: files named *.jar, *.war, *.ear.
func (*JAR) Required(p string, _ int64, mode fs.FileMode) bool {
	return mode.IsRegular() && isArchiveName(p)
}

func isArchiveName(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".jar", ".war", ".ear":
		return true
	}
	return false
}

// maxReportedErrors caps the non-fatal errors one Extract keeps.
const maxReportedErrors = 16

// jarWalk is the state of one Extract.
type jarWalk struct {
	ctx       context.Context
	cfg       Config
	entries   int   // entries seen in all archives
	expanded  int64 // bytes inflated or read inside nested archives
	overspent bool  // a counted read went past MaxExpandedBytes
	pkgs      []inventory.Package
	errs      []error
}

// errStop ends a walk: the fatal error is in the returned value.
type fatalError struct{ err error }

func (f fatalError) Error() string { return f.err.Error() }
func (f fatalError) Unwrap() error { return f.err }

// Extract implements extract.Extractor.
func (e *JAR) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if in.Size < 0 {
		return nil, &limits.ParseError{Path: in.Path, Msg: "negative file size"}
	}
	w := &jarWalk{ctx: ctx, cfg: e.cfg}
	err := w.walk(in.Reader, in.Size, in.Path, path.Base(in.Path), 0)
	var fe fatalError
	if errors.As(err, &fe) {
		return w.pkgs, fe.err
	}
	if err != nil {
		return w.pkgs, err
	}
	return w.pkgs, errors.Join(w.errs...)
}

// note keeps a non-fatal error.
func (w *jarWalk) note(err error) {
	if len(w.errs) < maxReportedErrors {
		w.errs = append(w.errs, err)
	}
}

func (w *jarWalk) budgetError(loc string) error {
	return fatalError{fmt.Errorf("%s: %w", loc, &limits.LimitError{What: "expanded archive bytes", Limit: w.cfg.MaxExpandedBytes})}
}

// walk reads one archive at location (the path the scan knows it by);
// base is its file name. A fatalError ends the whole walk; other errors
// concern this archive only.
func (w *jarWalk) walk(ra io.ReaderAt, size int64, location, base string, depth int) error {
	if err := w.ctx.Err(); err != nil {
		return fatalError{err}
	}
	zr, err := zip.NewReader(ra, size)
	if w.overspent {
		return w.budgetError(location)
	}
	if err != nil {
		return &limits.ParseError{Path: location, Msg: "not a valid zip archive: " + err.Error()}
	}
	w.entries += len(zr.File)
	if w.entries > w.cfg.MaxArchiveEntries {
		return fatalError{fmt.Errorf("%s: %w", location, &limits.LimitError{What: "archive entries", Limit: int64(w.cfg.MaxArchiveEntries)})}
	}
	var (
		found    []inventory.Package
		seen     = map[string]bool{}
		manifest *zip.File
		nested   []*zip.File
	)
	for i, f := range zr.File {
		if i%1024 == 0 && w.ctx.Err() != nil {
			return fatalError{w.ctx.Err()}
		}
		name := f.Name
		switch {
		case strings.HasSuffix(name, "/"):
		case strings.HasPrefix(name, "META-INF/maven/") && path.Base(name) == "pom.properties":
			data, err := w.readEntry(f, location)
			if err != nil {
				if errors.As(err, new(fatalError)) {
					return err
				}
				w.note(err)
				continue
			}
			props := parseProperties(data)
			g, a, v := props["groupId"], props["artifactId"], props["version"]
			if g == "" || a == "" || v == "" || seen[g+":"+a+"@"+v] {
				continue
			}
			seen[g+":"+a+"@"+v] = true
			found = append(found, w.pkg(g+":"+a, v, location))
		case strings.EqualFold(name, "META-INF/MANIFEST.MF"):
			manifest = f
		case isArchiveName(name):
			nested = append(nested, f)
		}
	}
	if len(found) == 0 && manifest != nil {
		data, err := w.readEntry(manifest, location)
		switch {
		case errors.As(err, new(fatalError)):
			return err
		case err != nil:
			w.note(err)
		default:
			if name, version := manifestPackage(data); name != "" {
				found = append(found, w.pkg(name, version, location))
			}
		}
	}
	if len(found) == 0 {
		if name, version := nameFromFile(base); name != "" {
			found = append(found, w.pkg(name, version, location))
		}
	}
	w.pkgs = append(w.pkgs, found...)

	for _, f := range nested {
		loc := location + "!/" + f.Name
		if depth+1 > w.cfg.MaxArchiveDepth {
			w.note(fmt.Errorf("%s: %w", loc, &limits.LimitError{What: "archive nesting depth", Limit: int64(w.cfg.MaxArchiveDepth)}))
			continue
		}
		err := w.walkNested(ra, size, f, loc, depth+1)
		if errors.As(err, new(fatalError)) {
			return err
		}
		if err != nil {
			w.note(err)
		}
	}
	return nil
}

// walkNested opens the nested archive f of the archive ra.
func (w *jarWalk) walkNested(ra io.ReaderAt, size int64, f *zip.File, loc string, depth int) error {
	base := path.Base(f.Name)
	if f.Method == zip.Store {
		off, err := f.DataOffset()
		if err != nil {
			return &limits.ParseError{Path: loc, Msg: "bad local header: " + err.Error()}
		}
		n := f.CompressedSize64
		if off < 0 || n > uint64(size) || off > size-int64(n) {
			return &limits.ParseError{Path: loc, Msg: "entry extends past the end of its archive"}
		}
		cr := &countingReaderAt{r: io.NewSectionReader(ra, off, int64(n)), w: w}
		return w.walk(cr, int64(n), loc, base, depth)
	}
	if f.UncompressedSize64 > uint64(w.cfg.MaxNestedSize) {
		return fmt.Errorf("%s: %w", loc, &limits.LimitError{What: "nested archive size", Limit: w.cfg.MaxNestedSize})
	}
	data, err := w.inflate(f, w.cfg.MaxNestedSize, "nested archive size", loc)
	if err != nil {
		return err
	}
	return w.walk(bytes.NewReader(data), int64(len(data)), loc, base, depth)
}

// readEntry inflates a metadata entry of the archive at location.
func (w *jarWalk) readEntry(f *zip.File, location string) ([]byte, error) {
	loc := location + "!/" + f.Name
	if f.UncompressedSize64 > uint64(w.cfg.MaxEntrySize) {
		return nil, fmt.Errorf("%s: %w", loc, &limits.LimitError{What: "archive entry size", Limit: w.cfg.MaxEntrySize})
	}
	return w.inflate(f, w.cfg.MaxEntrySize, "archive entry size", loc)
}

// inflate reads entry f whole, at most max bytes, counting them against
// the expansion budget. Sizes are checked while reading: the declared size
// in the header is not trusted.
func (w *jarWalk) inflate(f *zip.File, max int64, what, loc string) ([]byte, error) {
	left := w.cfg.MaxExpandedBytes - w.expanded
	if f.UncompressedSize64 > uint64(w.cfg.MaxExpandedBytes) || int64(f.UncompressedSize64) > left {
		return nil, w.budgetError(loc)
	}
	rc, err := f.Open()
	if err != nil {
		if w.overspent {
			return nil, w.budgetError(loc)
		}
		return nil, &limits.ParseError{Path: loc, Msg: "open entry: " + err.Error()}
	}
	defer rc.Close()
	capN := min(max, left)
	data, err := readAllSized(io.LimitReader(rc, capN+1), min(int64(f.UncompressedSize64), capN)+1)
	w.expanded += int64(len(data))
	switch {
	case w.overspent || w.expanded > w.cfg.MaxExpandedBytes:
		return nil, w.budgetError(loc)
	case int64(len(data)) > max:
		return nil, fmt.Errorf("%s: %w", loc, &limits.LimitError{What: what, Limit: max})
	case err != nil:
		return nil, &limits.ParseError{Path: loc, Msg: "read entry: " + err.Error()}
	}
	return data, nil
}

// readAllSized is io.ReadAll starting from a buffer of the expected size,
// so an entry of the size its header declares is read without regrowing.
func readAllSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

func (w *jarWalk) pkg(name, version, location string) inventory.Package {
	return inventory.Package{
		Name:      name,
		Version:   version,
		Ecosystem: inventory.Maven,
		Location:  location,
		Extractor: JARID,
	}
}

// countingReaderAt counts the bytes read from a nested archive read in
// place against the walk's expansion budget, so an archive whose entries
// all point at the same nested archive cannot make the walk read without
// bound.
type countingReaderAt struct {
	r io.ReaderAt
	w *jarWalk
}

var errOverspent = errors.New("expanded archive bytes exceeded")

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if c.w.overspent {
		return 0, errOverspent
	}
	n, err := c.r.ReadAt(p, off)
	c.w.expanded += int64(n)
	if c.w.expanded > c.w.cfg.MaxExpandedBytes {
		c.w.overspent = true
		return n, errOverspent
	}
	return n, err
}

// parseProperties reads a Java .properties file: "key=value" or
// "key: value" lines, "#" and "!" comments. Escapes and continuation lines
// are not interpreted; pom.properties has neither.
func parseProperties(data []byte) map[string]string {
	props := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		i := strings.IndexAny(line, "=:")
		if i < 0 {
			continue
		}
		props[strings.TrimSpace(line[:i])] = strings.TrimSpace(line[i+1:])
	}
	return props
}

// manifestPackage names the package of a MANIFEST.MF main section, or "".
func manifestPackage(data []byte) (name, version string) {
	attrs := map[string]string{}
	var last string
	for line := range strings.SplitSeq(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			break // end of the main section
		}
		if line[0] == ' ' { // continuation
			if last != "" {
				attrs[last] += line[1:]
			}
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			last = ""
			continue
		}
		last = strings.TrimSpace(k)
		attrs[last] = strings.TrimSpace(v)
	}
	if t, v := attrs["Implementation-Title"], attrs["Implementation-Version"]; t != "" && v != "" {
		if g := attrs["Implementation-Vendor-Id"]; g != "" {
			t = g + ":" + t
		}
		return t, v
	}
	if n, v := attrs["Bundle-SymbolicName"], attrs["Bundle-Version"]; n != "" && v != "" {
		n, _, _ = strings.Cut(n, ";") // "org.foo;singleton:=true"
		return strings.TrimSpace(n), v
	}
	return "", ""
}

// nameFromFile splits "commons-lang3-3.12.0.jar" into its name and version
// at the last hyphen followed by a digit ("guava-31.1-jre.jar" → guava
// 31.1-jre); "" when the name holds no version.
func nameFromFile(base string) (name, version string) {
	stem := strings.TrimSuffix(base, path.Ext(base))
	for i := len(stem) - 2; i > 0; i-- {
		if stem[i] == '-' && stem[i+1] >= '0' && stem[i+1] <= '9' {
			return stem[:i], stem[i+1:]
		}
	}
	return "", ""
}
