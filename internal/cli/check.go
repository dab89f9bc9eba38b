package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/state"

	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/secret"
)

// secretAsCheck shows a secret rule in the check listings.
func secretAsCheck(r secret.Rule) *policy.Check {
	return &policy.Check{ID: r.ID, Title: r.Title, Severity: r.Severity, Description: r.Description,
		Remediation: r.Remediation, References: r.References, Domain: "secret", File: r.Source,
		Package: "(secret rule)", Types: []state.Type{"file"}}
}

func newCheckCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "check",
		Short: "List, show and test checks (built-in and custom Rego)",
	}
	cmd.AddCommand(newCheckListCmd(s), newCheckShowCmd(s), newCheckTestCmd(s))
	return cmd
}

type checkListOptions struct {
	Domain   string
	Format   string
	Policies []string
}

func newCheckListCmd(s Streams) *cobra.Command {
	o := &checkListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List checks",
		Example: `  ward check list
  ward check list --domain docker
  ward check list --policy ./policies --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.Format != "table" && o.Format != "json" {
				return fmt.Errorf("--format %q: want table or json", o.Format)
			}
			eng, err := policy.New(context.Background(), policy.Config{PolicyDirs: o.Policies})
			if err != nil {
				return err
			}
			var list []*policy.Check
			for _, c := range eng.Checks() {
				if o.Domain == "" || strings.EqualFold(c.Domain, o.Domain) {
					list = append(list, c)
				}
			}
			if o.Domain == "" || strings.EqualFold(o.Domain, "secret") {
				rules, err := secret.BuiltinRules()
				if err != nil {
					return err
				}
				for _, r := range rules {
					list = append(list, secretAsCheck(r))
				}
			}
			sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
			if o.Format == "json" {
				enc := json.NewEncoder(s.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(list)
			}
			tw := tabwriter.NewWriter(s.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tDOMAIN\tTITLE")
			for _, c := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.Severity, c.Domain, c.Title)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(s.Out, "\n%d checks\n", len(list))
			return nil
		},
	}
	cmd.Flags().StringVar(&o.Domain, "domain", "", "only checks of this domain (k8s, docker, aws, gcp, azure, secret, custom)")
	cmd.Flags().StringVarP(&o.Format, "format", "f", "table", "table or json")
	cmd.Flags().StringSliceVar(&o.Policies, "policy", nil, "also load custom Rego checks from this directory (repeatable)")
	return cmd
}

func newCheckShowCmd(s Streams) *cobra.Command {
	var policies []string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one check's metadata",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := policy.New(context.Background(), policy.Config{PolicyDirs: policies})
			if err != nil {
				return err
			}
			c, ok := eng.Check(strings.ToUpper(args[0]))
			if !ok {
				rules, err := secret.BuiltinRules()
				if err != nil {
					return err
				}
				for _, r := range rules {
					if r.ID == strings.ToUpper(args[0]) {
						c, ok = secretAsCheck(r), true
					}
				}
			}
			if !ok {
				return fmt.Errorf("no check %q (see `ward check list`)", args[0])
			}
			w := s.Out
			fmt.Fprintf(w, "%s  %s\n\n", c.ID, c.Title)
			fmt.Fprintf(w, "Severity:    %s\nDomain:      %s\n", c.Severity, c.Domain)
			kinds := make([]string, 0, len(c.Types))
			for _, t := range c.Types {
				kinds = append(kinds, string(t))
			}
			fmt.Fprintf(w, "Input:       %s", strings.Join(kinds, ", "))
			if len(c.Kinds) > 0 {
				fmt.Fprintf(w, " (%s)", strings.Join(c.Kinds, ", "))
			}
			fmt.Fprintf(w, "\nSource:      %s (package %s)\n", c.File, c.Package)
			if c.Description != "" {
				fmt.Fprintf(w, "\n%s\n", c.Description)
			}
			if c.Remediation != "" {
				fmt.Fprintf(w, "\nRemediation: %s\n", c.Remediation)
			}
			if len(c.Controls) > 0 {
				fmt.Fprintln(w, "\nControls:")
				for _, ctl := range c.Controls {
					fmt.Fprintf(w, "  %-16s %s\n", ctl.Framework, ctl.ID)
				}
			}
			if len(c.References) > 0 {
				fmt.Fprintln(w, "\nReferences:")
				for _, r := range c.References {
					fmt.Fprintf(w, "  %s\n", r)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&policies, "policy", nil, "also load custom Rego checks from this directory (repeatable)")
	return cmd
}

func newCheckTestCmd(s Streams) *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test DIR...",
		Short: "Run the Rego tests (test_* rules) of custom checks",
		Long: `Run the test_* rules in the .rego files of the given directories, like
'opa test', with Ward's helper libraries (data.ward.lib.*) available.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := policy.RunTests(cmd.Context(), args)
			if err != nil {
				return err
			}
			var pass, fail, skip int
			for _, r := range res {
				status := "PASS"
				switch {
				case r.Skip:
					status = "SKIP"
					skip++
				case r.Pass:
					pass++
				default:
					status = "FAIL"
					fail++
				}
				if verbose || status == "FAIL" {
					fmt.Fprintf(s.Out, "%s %s.%s (%s:%d)", status, r.Package, r.Name, r.File, r.Line)
					if r.Err != "" {
						fmt.Fprintf(s.Out, ": %s", r.Err)
					}
					fmt.Fprintln(s.Out)
				}
			}
			if len(res) == 0 {
				return fmt.Errorf("no test_* rules found in %s", strings.Join(args, ", "))
			}
			fmt.Fprintf(s.Out, "%d passed, %d failed, %d skipped\n", pass, fail, skip)
			if fail > 0 {
				return &ExitError{Code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test, not only failures")
	return cmd
}
