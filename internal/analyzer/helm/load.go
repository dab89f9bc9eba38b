package helm

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/ignore"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
)

const (
	maxChartFiles = 20_000 // files in one chart with its subcharts
	maxChartDepth = 16     // subchart nesting
	tarHeaderSize = 512
)

// budget is what one chart may still read or decompress. Helm's own archive
// limits (100 MiB per archive, per nested archive again) are too loose for a
// scanner running charts concurrently, so every byte is charged here first.
type budget struct {
	left  int64
	files int
	max   int64
}

func (b *budget) take(n int64) error {
	if b.max == 0 {
		b.max = b.left
	}
	b.files++
	if b.files > maxChartFiles {
		return &limits.LimitError{What: "files in chart", Limit: maxChartFiles}
	}
	if n < 0 || n > b.left {
		return &limits.LimitError{What: "chart size (bytes, decompressed)", Limit: b.max}
	}
	b.left -= n
	return nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readChartDir reads the chart in dir through fsys, honouring .helmignore
// like helm's directory loader. Symlinks are not followed (fsys might lead
// outside the scan root); each is reported.
func readChartDir(fsys fs.FS, dir string, b *budget) ([]*loader.BufferedFile, []finding.Error, error) {
	rules := ignore.Empty()
	if data, err := fs.ReadFile(fsys, path.Join(dir, ignore.HelmIgnore)); err == nil {
		r, err := ignore.Parse(bytes.NewReader(data))
		if err != nil {
			return nil, nil, fmt.Errorf("parse %s: %w", ignore.HelmIgnore, err)
		}
		rules = r
	}
	rules.AddDefaults()

	var (
		files []*loader.BufferedFile
		errs  []finding.Error
	)
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		n := p
		if dir != "." {
			n = strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		}
		if n == "" || n == "." {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rules.Ignore(n, info) {
				return fs.SkipDir
			}
			return nil
		}
		if rules.Ignore(n, info) {
			return nil
		}
		if !d.Type().IsRegular() {
			errs = append(errs, finding.Error{Path: p, Plugin: ID, Message: "not a regular file (symlinks are not followed in charts); skipped"})
			return nil
		}
		if info.Size() > loader.MaxDecompressedFileSize {
			return &limits.LimitError{What: "chart file " + n + " size", Limit: loader.MaxDecompressedFileSize}
		}
		if err := b.take(info.Size()); err != nil {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, &loader.BufferedFile{Name: n, Data: bytes.TrimPrefix(data, utf8BOM)})
		return nil
	})
	if err != nil {
		return nil, errs, fmt.Errorf("read chart: %w", err)
	}
	return files, errs, nil
}

// inspectArchive streams a gzip+tar archive without keeping its content,
// charging every entry to b, and reports whether it holds a chart
// (<top>/Chart.yaml). It never allocates more than a tar header at a time.
func inspectArchive(data []byte, b *budget) (isChart bool, err error) {
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return false, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return false, nil
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	for {
		hd, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return isChart, nil
		}
		if err != nil {
			return isChart, fmt.Errorf("read chart archive: %w", err)
		}
		if err := b.take(tarHeaderSize + hd.Size); err != nil {
			return isChart, err
		}
		name := strings.ReplaceAll(hd.Name, "\\", "/")
		if parts := strings.Split(strings.TrimPrefix(name, "./"), "/"); len(parts) == 2 && parts[1] == "Chart.yaml" {
			isChart = true
		}
	}
}

// archiveFiles unpacks a chart archive with helm's loader, which rejects
// absolute and parent paths.
func archiveFiles(data []byte) ([]*loader.BufferedFile, error) {
	files, err := loader.LoadArchiveFiles(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("unpack chart archive: %w", err)
	}
	return files, nil
}

// loadFiles builds a chart from its files like helm's loader.LoadFiles, but
// loads subcharts itself so that it knows where each one came from: srcs
// maps every template and file of every (sub)chart to its path relative to
// the scan root (src is the chart's own prefix).
func loadFiles(files []*loader.BufferedFile, src string, depth int, b *budget, srcs map[*chart.File]string) (*chart.Chart, error) {
	if depth > maxChartDepth {
		return nil, &limits.LimitError{What: "subchart depth", Limit: maxChartDepth}
	}
	var own []*loader.BufferedFile
	subs := map[string][]*loader.BufferedFile{}
	for _, f := range files {
		if rest, ok := strings.CutPrefix(f.Name, "charts/"); ok && path.Ext(f.Name) != ".prov" {
			name, _, _ := strings.Cut(rest, "/")
			subs[name] = append(subs[name], f)
			continue
		}
		own = append(own, f)
	}
	c, err := loader.LoadFiles(own)
	if err != nil {
		return nil, err
	}
	for _, t := range c.Templates {
		srcs[t] = path.Join(src, t.Name)
	}
	for _, f := range c.Files {
		srcs[f] = path.Join(src, f.Name)
	}
	names := make([]string, 0, len(subs))
	for n := range subs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.IndexAny(n, "_.") == 0 {
			continue // helm skips these too
		}
		subSrc := path.Join(src, "charts", n)
		var sc *chart.Chart
		if path.Ext(n) == ".tgz" {
			fs := subs[n]
			if len(fs) != 1 || fs[0].Name != "charts/"+n {
				return nil, fmt.Errorf("subchart %q: expected one archive file", "charts/"+n)
			}
			isChart, err := inspectArchive(fs[0].Data, b)
			if err != nil {
				return nil, fmt.Errorf("subchart %q: %w", "charts/"+n, err)
			}
			if !isChart {
				return nil, fmt.Errorf("subchart %q: not a chart archive (no Chart.yaml)", "charts/"+n)
			}
			af, err := archiveFiles(fs[0].Data)
			if err != nil {
				return nil, fmt.Errorf("subchart %q: %w", "charts/"+n, err)
			}
			sc, err = loadFiles(af, subSrc, depth+1, b, srcs)
			if err != nil {
				return nil, fmt.Errorf("subchart %q: %w", "charts/"+n, err)
			}
		} else {
			var inner []*loader.BufferedFile
			for _, f := range subs[n] {
				_, rest, ok := strings.Cut(strings.TrimPrefix(f.Name, "charts/"), "/")
				if !ok {
					continue
				}
				inner = append(inner, &loader.BufferedFile{Name: rest, Data: f.Data})
			}
			if len(inner) == 0 {
				continue // a plain file in charts/ (README), not a subchart
			}
			var err error
			sc, err = loadFiles(inner, subSrc, depth+1, b, srcs)
			if err != nil {
				return nil, fmt.Errorf("subchart %q: %w", "charts/"+n, err)
			}
		}
		c.AddDependency(sc)
	}
	return c, nil
}
