package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/version"
)

func newVersionCmd(s Streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := version.Get()
			if format == "json" {
				return json.NewEncoder(s.Out).Encode(v)
			}
			fmt.Fprintf(s.Out, "Version: %s\n", v.Version)
			if v.Commit != "" {
				fmt.Fprintf(s.Out, "Commit:  %s\n", v.Commit)
			}
			fmt.Fprintf(s.Out, "Go:      %s\n", v.GoVersion)
			if v.OPA != "" {
				fmt.Fprintf(s.Out, "OPA:     %s\n", v.OPA)
			}
			if v.Helm != "" {
				fmt.Fprintf(s.Out, "Helm:    %s\n", v.Helm)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	return cmd
}
