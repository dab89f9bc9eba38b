package scan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/vfs"
)

// MaxInventoryFileSize caps the files handed to extractors (Go and Rust
// binaries can be large; text formats apply their own smaller caps).
const MaxInventoryFileSize = 512 << 20

// InventoryConfig configures an inventory walk.
type InventoryConfig struct {
	Extractors []extract.Extractor
	// DetectDistro reads the operating system of the root (nil: none).
	DetectDistro func(fsys fs.FS) (*inventory.Distro, error)
	// Workers bounds concurrent extraction; zero means GOMAXPROCS.
	Workers int
}

// inventorySkipDirs are never descended into.
var inventorySkipDirs = map[string]bool{".git": true}

// Inventory walks root once (without following symlinks) and runs every
// extractor that wants a file on it. A file an extractor cannot read is a
// per-file error; the walk goes on. OS packages get the distro's release in
// their ecosystem; every package gets its PURL.
func Inventory(ctx context.Context, root string, cfg InventoryConfig) (*inventory.Inventory, []finding.Error, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	st, err := os.Stat(root)
	if err != nil {
		return nil, nil, fmt.Errorf("scan target %q: %w", root, err)
	}
	base, single := root, ""
	if !st.IsDir() {
		base, single = filepath.Dir(root), filepath.Base(root)
	}
	inv := &inventory.Inventory{Packages: []inventory.Package{}}
	var errs []finding.Error
	if cfg.DetectDistro != nil && single == "" {
		if rfs, err := newRootFS(base); err == nil {
			d, err := cfg.DetectDistro(rfs)
			if err != nil {
				errs = append(errs, finding.Error{Plugin: "os/release", Message: err.Error()})
			}
			inv.Distro = d
		}
	}

	type job struct {
		rel  string
		abs  string
		size int64
		mode fs.FileMode
		ex   []extract.Extractor
	}
	var jobs []job
	walkErr := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(base, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			errs = append(errs, finding.Error{Path: rel, Plugin: "walk", Message: err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if rel != "." && inventorySkipDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || (single != "" && rel != single) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			errs = append(errs, finding.Error{Path: rel, Plugin: "walk", Message: err.Error()})
			return nil
		}
		var want []extract.Extractor
		for _, e := range cfg.Extractors {
			if e.Required(rel, info.Size(), info.Mode()) {
				want = append(want, e)
			}
		}
		if len(want) > 0 {
			jobs = append(jobs, job{rel: rel, abs: p, size: info.Size(), mode: info.Mode(), ex: want})
		}
		return ctx.Err()
	})
	if walkErr != nil {
		return nil, errs, walkErr
	}

	var mu sync.Mutex
	next := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				pkgs, es := extractFile(ctx, j.rel, j.abs, j.size, j.mode, j.ex)
				mu.Lock()
				inv.Packages = append(inv.Packages, pkgs...)
				errs = append(errs, es...)
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()

	Complete(inv)
	inv.Sort()
	sort.SliceStable(errs, func(i, k int) bool { return errs[i].Path < errs[k].Path })
	return inv, errs, ctx.Err()
}

// extractFile runs the extractors that want one file. A panic in an
// extractor becomes a per-file error.
func extractFile(ctx context.Context, rel, abs string, size int64, mode fs.FileMode, exs []extract.Extractor) (pkgs []inventory.Package, errs []finding.Error) {
	if size > MaxInventoryFileSize {
		return nil, []finding.Error{{Path: rel, Plugin: "walk", Message: (&limits.LimitError{What: "file size", Limit: MaxInventoryFileSize}).Error()}}
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, []finding.Error{{Path: rel, Plugin: "walk", Message: err.Error()}}
	}
	defer f.Close()
	for _, e := range exs {
		ps, err := safeExtract(ctx, e, extract.Input{Path: rel, Reader: f, Size: size, Mode: mode})
		for i := range ps {
			if ps[i].Location == "" {
				ps[i].Location = rel
			}
			if ps[i].Extractor == "" {
				ps[i].Extractor = e.ID()
			}
		}
		pkgs = append(pkgs, ps...)
		if err != nil {
			errs = append(errs, extractError(rel, e.ID(), err))
		}
	}
	return pkgs, errs
}

func safeExtract(ctx context.Context, e extract.Extractor, in extract.Input) (ps []inventory.Package, err error) {
	defer func() {
		if r := recover(); r != nil {
			ps, err = nil, fmt.Errorf("extractor %s panicked: %v", e.ID(), r)
		}
	}()
	return e.Extract(ctx, in)
}

func extractError(rel, plugin string, err error) finding.Error {
	fe := finding.Error{Path: rel, Plugin: plugin, Message: err.Error()}
	var pe *limits.ParseError
	if errors.As(err, &pe) {
		fe.Line, fe.Message = pe.Line, pe.Msg
	}
	return fe
}

// osEcosystems are the ecosystems an extractor may leave without a release
// for the distro to complete.
var osEcosystems = map[string]bool{inventory.Debian: true, inventory.Ubuntu: true, inventory.Alpine: true,
	inventory.RedHat: true, inventory.Rocky: true, inventory.Alma: true, inventory.Wolfi: true}

// Complete gives OS packages the detected distro's ecosystem (an Ubuntu
// system's dpkg packages are Ubuntu's, not Debian's) and every package its
// PURL.
func Complete(inv *inventory.Inventory) {
	distroEco := ""
	if inv.Distro != nil {
		distroEco = inv.Distro.Ecosystem()
	}
	for i := range inv.Packages {
		p := &inv.Packages[i]
		base, _, _ := strings.Cut(p.Ecosystem, ":")
		if osEcosystems[base] && !strings.Contains(p.Ecosystem, ":") && distroEco != "" {
			p.Ecosystem = distroEco
		}
		if p.PURL == "" {
			p.PURL = inventory.MakePURL(*p, inv.Distro)
		}
	}
}

// newRootFS is vfs.NewRootFS as an fs.FS.
func newRootFS(dir string) (fs.FS, error) { return vfs.NewRootFS(dir) }
