package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/detect"
)

// maxRulesFile bounds one rules file read by the CLI.
const maxRulesFile = 16 << 20

func newRulesCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Runtime detection rules (Falco format): list what loads, lint rule files",
	}
	cmd.AddCommand(newRulesListCmd(s), newRulesLintCmd(s))
	return cmd
}

// readRuleFiles reads rule files and directories (their *.yaml and *.yml,
// sorted) in the order given; with none, the built-in rules.
func readRuleFiles(paths []string, withDefault bool) ([]detect.File, error) {
	var files []detect.File
	if withDefault {
		def, err := detect.DefaultFiles()
		if err != nil {
			return nil, err
		}
		files = append(files, def...)
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		names := []string{p}
		if st.IsDir() {
			names = nil
			for _, pat := range []string{"*.yaml", "*.yml"} {
				m, err := filepath.Glob(filepath.Join(p, pat))
				if err != nil {
					return nil, err
				}
				names = append(names, m...)
			}
			sort.Strings(names)
			if len(names) == 0 {
				return nil, fmt.Errorf("rules: no *.yaml files in %s", p)
			}
		}
		for _, n := range names {
			fi, err := os.Stat(n)
			if err != nil {
				return nil, fmt.Errorf("rules: %w", err)
			}
			if fi.Size() > maxRulesFile {
				return nil, fmt.Errorf("rules: %s is %d bytes, over the %d limit", n, fi.Size(), maxRulesFile)
			}
			b, err := os.ReadFile(n)
			if err != nil {
				return nil, fmt.Errorf("rules: %w", err)
			}
			files = append(files, detect.File{Path: n, Data: b})
		}
	}
	return files, nil
}

func newRulesListCmd(s Streams) *cobra.Command {
	var format string
	var noDefault bool
	cmd := &cobra.Command{
		Use:   "list [FILE|DIR...]",
		Short: "Load rule files after the built-in rules (Falco's order: later files append to and override earlier ones) and list each rule's status",
		Example: `  ward rules list
  ward rules list --no-default-rules falco_rules.yaml falco_rules.local.yaml
  ward rules list -f json ./rules/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if noDefault && len(args) == 0 {
				return errors.New("--no-default-rules needs rule files")
			}
			files, err := readRuleFiles(args, !noDefault)
			if err != nil {
				return err
			}
			_, rep := detect.Load(files, detect.Config{})
			if format == "json" {
				enc := json.NewEncoder(s.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			if format != "table" {
				return fmt.Errorf("--format %q: want table or json", format)
			}
			for _, r := range rep.Rules {
				detail := r.Detail
				if r.Reason != "" {
					detail = r.Reason + ": " + detail
				}
				fmt.Fprintf(s.Out, "%-9s %s (%s:%d) %s\n", r.Status, r.Name, r.Path, r.Line, detail)
			}
			for _, p := range rep.Errors {
				fmt.Fprintf(s.Out, "error     %s\n", p)
			}
			fmt.Fprintf(s.Out, "\n%d rules: %d active, %d disabled, %d skipped, %d with errors\n", len(rep.Rules),
				rep.Count(detect.StatusActive), rep.Count(detect.StatusDisabled), rep.Count(detect.StatusSkipped), rep.Count(detect.StatusError))
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	cmd.Flags().BoolVar(&noDefault, "no-default-rules", false, "load only the files given, not Ward's built-in rules")
	return cmd
}

func newRulesLintCmd(s Streams) *cobra.Command {
	var format string
	var withDefault bool
	cmd := &cobra.Command{
		Use:   "lint [FILE|DIR...]",
		Short: "Lint rule files: load errors, appends/overrides that target nothing or are shadowed, duplicates, fields Ward does not provide, unused macros and lists",
		Long: `Lint rule files as they load together, in the order given (with no
arguments, Ward's built-in rules). Exit code 1 when a problem is found.`,
		Example: `  ward rules lint falco_rules.yaml my_rules.yaml
  ward rules lint --with-default-rules my_overrides.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := readRuleFiles(args, withDefault || len(args) == 0)
			if err != nil {
				return err
			}
			problems := detect.Lint(files)
			switch format {
			case "json":
				if problems == nil {
					problems = []detect.Problem{}
				}
				enc := json.NewEncoder(s.Out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(problems); err != nil {
					return err
				}
			case "table":
				for _, p := range problems {
					fmt.Fprintf(s.Out, "%-15s %s\n", p.Kind, p)
				}
				fmt.Fprintf(s.Out, "%d problems in %d files\n", len(problems), len(files))
			default:
				return fmt.Errorf("--format %q: want table or json", format)
			}
			if len(problems) > 0 {
				return &ExitError{Code: 1}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	cmd.Flags().BoolVar(&withDefault, "with-default-rules", false, "lint the files on top of Ward's built-in rules (for files that append to or override them)")
	return cmd
}
