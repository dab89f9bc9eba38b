// Package cli is Ward's command line: cobra commands with option structs
// (AddFlags / Validate / ToConfig). Every flag can also be set in ward.yaml
// (same key as the flag name) or by a WARD_* environment variable.
package cli

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"
)

// ExitError carries a process exit code without printing an error (the
// --exit-code result of a scan).
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// Streams are the command's standard streams.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
}

// Execute runs the ward command line and returns the process exit code:
// 0 success, the --exit-code value when findings remain, 2 on error.
func Execute(args []string, s Streams) int {
	root := NewRoot(s)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	fmt.Fprintln(s.Err, "Error:", err)
	return 2
}

// NewRoot builds the command tree.
func NewRoot(s Streams) *cobra.Command {
	var configPath string
	root := &cobra.Command{
		Use:   "ward",
		Short: "Ward secures code, containers, clusters and cloud with one policy set",
		Long: `Ward is a cloud-native application protection platform in one binary.

It scans Kubernetes manifests, Helm charts, Kustomize overlays and Dockerfiles
with built-in Rego checks (and yours), and reports in table, JSON, SARIF or
JUnit. It needs no server and no network.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			explicit := cmd.Flags().Changed("config")
			if !explicit {
				if v, ok := os.LookupEnv(EnvName("config")); ok {
					configPath, explicit = v, true
				}
			}
			return applySettings(cmd, configPath, explicit)
		},
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.PersistentFlags().StringVar(&configPath, "config", "ward.yaml", "config `FILE`: every flag by its name, e.g. `severity: HIGH`")
	root.AddCommand(newConfigCmd(s), newFSCmd(s), newImageCmd(s), newRootfsCmd(s), newSecretCmd(s), newRepoCmd(s), newSBOMCmd(s), newDBCmd(s), newCheckCmd(s), newRulesCmd(s), newAgentCmd(s), newVersionCmd(s))
	return root
}

func newLogger(w io.Writer, quiet bool) *slog.Logger {
	lvl := slog.LevelInfo
	if quiet {
		lvl = slog.LevelError + 4
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: lvl}))
}
