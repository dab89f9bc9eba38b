package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/sbom"
	"github.com/wardsec/ward/internal/scan"
	"github.com/wardsec/ward/internal/source/image"
	"github.com/wardsec/ward/internal/version"
	"github.com/wardsec/ward/internal/vuln/vex"
)

func newSBOMCmd(s Streams) *cobra.Command {
	var format, output, imageRef, input string
	var cache LayerCacheOptions
	cmd := &cobra.Command{
		Use:   "sbom [PATH]",
		Short: "List the packages of a directory, file or container image as an SBOM (CycloneDX 1.6 or SPDX 2.3 JSON)",
		Example: `  ward sbom . > sbom.cdx.json
  ward sbom --format spdx-json -o app.spdx.json ./rootfs
  ward sbom --input app.tar
  ward sbom --image alpine:3.20
  ward sbom scan sbom.cdx.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := sbomFormat(format)
			if err != nil {
				return err
			}
			var w io.Writer = s.Out
			if output != "" {
				fh, err := os.Create(output)
				if err != nil {
					return fmt.Errorf("create output: %w", err)
				}
				defer fh.Close()
				w = fh
			}
			if imageRef != "" || input != "" {
				if len(args) > 0 || (imageRef != "" && input != "") {
					return fmt.Errorf("give one of PATH, --image or --input")
				}
				ref := imageRef + input
				img, err := image.Open(cmd.Context(), ref, image.Options{})
				if err != nil {
					return fmt.Errorf("open image %s: %w", ref, err)
				}
				inv, errs, err := cache.inventory(cmd.Context(), img)
				if inv == nil {
					return err
				}
				if err != nil {
					fmt.Fprintln(s.Err, "warning:", err)
				}
				for _, e := range errs {
					fmt.Fprintln(s.Err, "warning:", e.String())
				}
				scan.Complete(inv)
				digest := img.Digest
				return sbom.Write(w, f, inv, sbom.Meta{Target: sbom.Target{Kind: sbom.TargetImage, Name: ref, Digest: digest}})
			}
			if len(args) == 0 {
				return fmt.Errorf("give a PATH, --image REF or --input FILE")
			}
			st, err := os.Stat(args[0])
			if err != nil {
				return fmt.Errorf("scan target: %w", err)
			}
			inv, errs, err := inventoryOf(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			for _, e := range errs {
				fmt.Fprintln(s.Err, "warning:", e.String())
			}
			kind := sbom.TargetDirectory
			if !st.IsDir() {
				kind = sbom.TargetFile
			}
			abs, _ := filepath.Abs(args[0])
			return sbom.Write(w, f, inv, sbom.Meta{Target: sbom.Target{Kind: kind, Name: filepath.Base(abs)}})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "cyclonedx", "cyclonedx or spdx-json")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE`")
	cmd.Flags().StringVar(&imageRef, "image", "", "a container image `REF` (Docker engine, then registry)")
	cmd.Flags().StringVar(&input, "input", "", "a docker-archive `FILE` or an OCI layout directory")
	cache.AddFlags(cmd.Flags())
	cmd.AddCommand(newSBOMScanCmd(s))
	return cmd
}

func sbomFormat(name string) (sbom.Format, error) {
	switch name {
	case "cyclonedx", "cyclonedx-json", "cdx":
		return sbom.CycloneDX, nil
	case "spdx-json", "spdx":
		return sbom.SPDX, nil
	}
	return "", fmt.Errorf("--format %q: want cyclonedx or spdx-json", name)
}

func newSBOMScanCmd(s Streams) *cobra.Command {
	o := &ScanOptions{}
	vo := &VulnOptions{}
	cmd := &cobra.Command{
		Use:   "scan FILE",
		Short: "Scan the packages of a CycloneDX or SPDX SBOM for vulnerabilities",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			return runScans(cmd.Context(), s, o, func(_ context.Context, _ func(int, int)) (*finding.Report, error) {
				d, err := vo.openDB()
				if err != nil {
					return nil, err
				}
				defer d.Close()
				fh, err := os.Open(args[0])
				if err != nil {
					return nil, err
				}
				defer fh.Close()
				inv, _, err := sbom.Read(fh)
				if err != nil {
					return nil, fmt.Errorf("read SBOM %s: %w", args[0], err)
				}
				for i := range inv.Packages {
					if inv.Packages[i].Location == "" {
						inv.Packages[i].Location = args[0]
					}
				}
				rep := finding.NewReport(version.Get().Version, time.Now(), args, 0)
				vx, err := vex.Load(vo.VEX)
				if err != nil {
					return nil, err
				}
				addMatches(rep, inv, d, vo, vx)
				finding.Sort(rep.Findings)
				rep.Summarize()
				return rep, nil
			})
		},
	}
	o.AddFlags(cmd.Flags())
	vo.AddFlags(cmd.Flags())
	return cmd
}
