package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
	invall "github.com/wardsec/ward/internal/inventory/all"
	"github.com/wardsec/ward/internal/inventory/os/osrelease"
	"github.com/wardsec/ward/internal/scan"
	"github.com/wardsec/ward/internal/version"
	"github.com/wardsec/ward/internal/vuln/db"
	"github.com/wardsec/ward/internal/vuln/match"
	"github.com/wardsec/ward/internal/vuln/vex"
)

// VulnOptions are the flags of vulnerability scans.
type VulnOptions struct {
	DB            string
	IgnoreUnfixed bool
	VEX           []string
}

// AddFlags registers the options.
func (o *VulnOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.DB, "db", "", "vulnerability database `FILE` (default: the user cache directory's ward/db/vuln.db; build it with `ward db import`)")
	fs.BoolVar(&o.IgnoreUnfixed, "ignore-unfixed", false, "report only vulnerabilities that have a fixed version")
	fs.StringSliceVar(&o.VEX, "vex", nil, "OpenVEX `FILE`: statements that a package is not_affected by (or fixed for) a vulnerability suppress the finding (repeatable)")
}

// openDB opens the database read-only. A missing database is an error with
// the commands that build one: a vulnerability scan never passes silently.
func (o *VulnOptions) openDB() (*db.DB, error) {
	d, err := db.Open(o.DB, db.Options{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("vulnerability scan not evaluated: %w", err)
	}
	return d, nil
}

// inventoryOf lists the packages of a directory or file.
func inventoryOf(ctx context.Context, target string) (*inventory.Inventory, []finding.Error, error) {
	exs, err := invall.Extractors()
	if err != nil {
		return nil, nil, err
	}
	return scan.Inventory(ctx, target, scan.InventoryConfig{Extractors: exs, DetectDistro: osrelease.Detect})
}

// vulnReport lists the packages of each target and matches them against
// the local database.
func vulnReport(ctx context.Context, o *VulnOptions, targets []string) (*finding.Report, error) {
	d, err := o.openDB()
	if err != nil {
		return nil, err
	}
	defer d.Close()
	vx, err := vex.Load(o.VEX)
	if err != nil {
		return nil, err
	}
	rep := finding.NewReport(version.Get().Version, time.Now(), targets, 0)
	for _, t := range targets {
		if _, err := os.Stat(t); err != nil {
			return nil, fmt.Errorf("scan target: %w", err)
		}
		inv, errs, err := inventoryOf(ctx, t)
		if err != nil {
			return nil, err
		}
		rep.Errors = append(rep.Errors, prefixErrors(t, errs)...)
		showPaths(t, inv)
		addMatches(rep, inv, d, o, vx)
	}
	finding.Sort(rep.Findings)
	rep.Summarize()
	return rep, ctx.Err()
}

func addMatches(rep *finding.Report, inv *inventory.Inventory, d match.Source, o *VulnOptions, vx *vex.Set) {
	ms, errs := match.Packages(inv.Packages, d, match.Config{IgnoreUnfixed: o.IgnoreUnfixed})
	files := map[string]bool{}
	for _, p := range inv.Packages {
		files[p.Location] = true
	}
	rep.FilesScanned += len(files)
	for _, m := range ms {
		f := m.Finding()
		f.Suppressed = vx.Suppression(m)
		rep.Findings = append(rep.Findings, f)
	}
	for _, e := range errs {
		rep.Errors = append(rep.Errors, finding.Error{Plugin: "vuln/match", Message: e.Error()})
	}
}

func prefixErrors(target string, errs []finding.Error) []finding.Error {
	st, err := os.Stat(target)
	if err != nil || !st.IsDir() {
		return errs
	}
	for i := range errs {
		if errs[i].Path != "" {
			errs[i].Path = target + "/" + errs[i].Path
		}
	}
	return errs
}

// showPaths makes package locations relative to the working directory, as
// the other scans show paths: "deploy/app/package-lock.json".
func showPaths(target string, inv *inventory.Inventory) {
	st, err := os.Stat(target)
	if err != nil {
		return
	}
	prefix := strings.TrimSuffix(filepath.ToSlash(target), "/")
	for i := range inv.Packages {
		p := &inv.Packages[i]
		switch {
		case !st.IsDir():
			p.Location = filepath.ToSlash(target)
		case prefix != "." && prefix != "":
			p.Location = prefix + "/" + p.Location
		}
	}
}
