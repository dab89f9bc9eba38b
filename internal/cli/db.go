package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/vuln/db"
)

func newDBCmd(s Streams) *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Manage the local vulnerability database (import, update, info)",
		Long: `Ward matches packages against a local vulnerability database in the user
cache directory (or --db FILE). Scans never touch the network: build the
database from files with 'ward db import', or fetch OSV archives from a mirror
you name with 'ward db update --mirror URL'.`,
	}
	cmd.PersistentFlags().StringVar(&path, "db", "", "database `FILE` (default: the user cache directory's ward/db/vuln.db)")

	var format string
	imp := &cobra.Command{
		Use:   "import PATH...",
		Short: "Import OSV JSON (files, directories, all.zip), Debian security-tracker lists or Alpine secdb files",
		Example: `  ward db import ~/osv/Go/all.zip ~/osv/PyPI/
  ward db import --format debian security-tracker/data/DSA/list
  ward db import --format alpine secdb/v3.19/main.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := db.Open(path, db.Options{})
			if err != nil {
				return err
			}
			defer d.Close()
			for _, p := range args {
				f := format
				if f == "" || f == "auto" {
					f = detectFormat(p)
				}
				var res db.ImportResult
				switch f {
				case "osv":
					res, err = d.ImportOSVPath(cmd.Context(), p)
				case "debian":
					res, err = d.ImportDebianList(cmd.Context(), p)
				case "alpine":
					res, err = d.ImportAlpineSecDB(cmd.Context(), p)
				default:
					return fmt.Errorf("--format %q: want auto, osv, debian or alpine", f)
				}
				if err != nil {
					return fmt.Errorf("import %s: %w", p, err)
				}
				printImport(s, f, p, res)
			}
			return nil
		},
	}
	imp.Flags().StringVar(&format, "format", "auto", "input format: auto, osv, debian (security-tracker DSA/DLA list), alpine (secdb)")

	var mirror string
	var ecosystems []string
	var timeout time.Duration
	upd := &cobra.Command{
		Use:   "update --mirror URL",
		Short: "Fetch OSV all.zip archives (<mirror>/<ecosystem>/all.zip) and import them",
		Example: `  ward db update --mirror https://osv-vulnerabilities.storage.googleapis.com --ecosystem Go,PyPI,npm
  ward db update --mirror http://mirror.internal/osv --ecosystem Debian:12`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if mirror == "" {
				return fmt.Errorf("--mirror is required: Ward never downloads from a default location")
			}
			if len(ecosystems) == 0 {
				return fmt.Errorf("--ecosystem: name at least one (Go, PyPI, npm, Maven, crates.io, RubyGems, Packagist, NuGet, Debian:12, Alpine:v3.19, …)")
			}
			d, err := db.Open(path, db.Options{})
			if err != nil {
				return err
			}
			defer d.Close()
			ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
			defer cancel()
			results, err := d.Update(ctx, mirror, ecosystems, &http.Client{Timeout: timeout})
			for i, r := range results {
				eco := ""
				if i < len(ecosystems) {
					eco = ecosystems[i]
				}
				printImport(s, "osv", mirror+" "+eco, r)
			}
			return err
		},
	}
	upd.Flags().StringVar(&mirror, "mirror", "", "base `URL` of an OSV mirror (the layout of osv-vulnerabilities.storage.googleapis.com)")
	upd.Flags().StringSliceVar(&ecosystems, "ecosystem", nil, "OSV ecosystems to fetch (repeatable or comma-separated)")
	upd.Flags().DurationVar(&timeout, "timeout", 10*time.Minute, "give up after this long")

	var asJSON bool
	info := &cobra.Command{
		Use:   "info",
		Short: "Show the database's sources, record counts and age",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d, err := db.Open(path, db.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer d.Close()
			in, err := d.Info()
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(s.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(in)
			}
			printInfo(s, in)
			return nil
		},
	}
	info.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.AddCommand(imp, upd, info)
	return cmd
}

// detectFormat guesses the importer from the path and the first bytes.
func detectFormat(p string) string {
	base := filepath.Base(p)
	if base == "list" && (strings.Contains(p, "DSA") || strings.Contains(p, "DLA")) {
		return "debian"
	}
	st, err := os.Stat(p)
	if err != nil || st.IsDir() || strings.HasSuffix(p, ".zip") {
		return "osv"
	}
	f, err := os.Open(p)
	if err != nil {
		return "osv"
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := bufio.NewReader(f).Read(head)
	head = head[:n]
	switch {
	case bytes.Contains(head, []byte("secfixes")) || bytes.Contains(head, []byte("distroversion")):
		return "alpine"
	case bytes.HasPrefix(bytes.TrimSpace(head), []byte("[")) && bytes.Contains(head, []byte("DSA-")) || bytes.Contains(head, []byte("DLA-")):
		return "debian"
	}
	return "osv"
}

func printImport(s Streams, format, p string, r db.ImportResult) {
	fmt.Fprintf(s.Out, "imported %s (%s): %d records", p, format, r.Records)
	if r.Removed > 0 {
		fmt.Fprintf(s.Out, ", %d removed", r.Removed)
	}
	if r.Skipped > 0 {
		fmt.Fprintf(s.Out, ", %d entries skipped", r.Skipped)
	}
	fmt.Fprintf(s.Out, " in %s\n", r.Duration.Round(time.Millisecond))
	for _, e := range r.Errors {
		fmt.Fprintf(s.Err, "  skipped: %v\n", e)
	}
}

func printInfo(s Streams, in db.Info) {
	fmt.Fprintf(s.Out, "Database:   %s (schema %s)\n", in.Path, in.SchemaVersion)
	fmt.Fprintf(s.Out, "Records:    %d\n", in.Records)
	if !in.LastImport.IsZero() {
		fmt.Fprintf(s.Out, "Updated:    %s (%s ago)\n", in.LastImport.UTC().Format(time.RFC3339), in.Age.Round(time.Minute))
	}
	fmt.Fprintln(s.Out, "Sources:")
	for _, src := range in.Sources {
		fmt.Fprintf(s.Out, "  %-13s %7d records  %s  %s\n", src.Kind, src.Records, src.ImportedAt.UTC().Format("2006-01-02 15:04"), src.Location)
	}
	ecos := make([]string, 0, len(in.Ecosystems))
	for e := range in.Ecosystems {
		ecos = append(ecos, e)
	}
	sort.Strings(ecos)
	fmt.Fprintln(s.Out, "Ecosystems:")
	for _, e := range ecos {
		fmt.Fprintf(s.Out, "  %-20s %7d\n", e, in.Ecosystems[e])
	}
}
