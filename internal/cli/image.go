package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/finding"
	invall "github.com/wardsec/ward/internal/inventory/all"
	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/scan"
	"github.com/wardsec/ward/internal/source/image"
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/version"
	"github.com/wardsec/ward/internal/vuln/vex"
)

// ImageOptions are the flags of `ward image`.
type ImageOptions struct {
	ScanOptions
	Vuln     VulnOptions
	Input    string
	Source   string
	Insecure bool
	Platform string
	// Key and RequireSignature: fail the scan unless the image carries a
	// signature that verifies with the key.
	Key              string
	RequireSignature bool
}

func newImageCmd(s Streams) *cobra.Command {
	o := &ImageOptions{}
	cmd := &cobra.Command{
		Use:   "image [REF]",
		Short: "Scan a container image: vulnerable OS and language packages, and image hygiene (root user, secrets in ENV/labels/history, end-of-life OS, …)",
		Long: `Scan a container image: from the local Docker engine or a registry by
reference, from a docker-archive tarball (--input), or from an OCI layout
directory (--input DIR, or DIR:tag). Layers are streamed one at a time with
whiteouts applied; each finding names the layer (diffID) that introduced the
package.`,
		Example: `  ward image alpine:3.20
  ward image --input app.tar
  ward image --input ./oci-layout:v1.2 --severity HIGH,CRITICAL
  ward image --insecure-registry 127.0.0.1:5000/app:dev`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			ref := o.Input
			if len(args) == 1 {
				if ref != "" {
					return errors.New("give an image reference or --input, not both")
				}
				ref = args[0]
			}
			if ref == "" {
				return errors.New("give an image reference or --input FILE")
			}
			if o.RequireSignature {
				if o.Input != "" {
					return errors.New("--require-signature needs a registry reference, not --input")
				}
				if _, err := verifyImage(cmd.Context(), ref, o.Key, o.Insecure); err != nil {
					return fmt.Errorf("--require-signature: %w", err)
				}
			}
			return runScans(cmd.Context(), s, &o.ScanOptions, func(ctx context.Context, _ func(int, int)) (*finding.Report, error) {
				return imageReport(ctx, o, ref)
			})
		},
	}
	o.ScanOptions.AddFlags(cmd.Flags())
	o.Vuln.AddFlags(cmd.Flags())
	cmd.Flags().StringVar(&o.Input, "input", "", "a docker-archive `FILE` (docker save) or an OCI layout directory (DIR or DIR:tag)")
	cmd.Flags().StringVar(&o.Source, "image-source", "auto", "where REF is looked up: auto, archive, layout, daemon or remote")
	cmd.Flags().BoolVar(&o.Insecure, "insecure-registry", false, "allow plain HTTP to a registry on localhost or a loopback address")
	cmd.Flags().StringVar(&o.Platform, "platform", "", "platform of a multi-platform image (default linux/amd64)")
	cmd.Flags().BoolVar(&o.RequireSignature, "require-signature", false, "fail (exit 2) unless the image's registry holds a cosign signature that verifies with --key")
	cmd.Flags().StringVar(&o.Key, "key", "", "cosign public key `FILE` (PEM) for --require-signature")
	cmd.AddCommand(newImageVerifyCmd(s))
	return cmd
}

func newImageVerifyCmd(s Streams) *cobra.Command {
	var key string
	var insecure bool
	cmd := &cobra.Command{
		Use:   "verify REF --key cosign.pub",
		Short: "Verify an image's cosign signature with a public key, and print the digest it pins",
		Example: `  ward image verify registry.example.com/app:1.2 --key cosign.pub
  ward image verify --insecure-registry 127.0.0.1:5000/app:dev --key cosign.pub`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := verifyImage(cmd.Context(), args[0], key, insecure)
			if err != nil {
				return err
			}
			fmt.Fprintf(s.Out, "Verified %s\n  digest:     %s\n  signatures: %d valid\n  identity:   %s\n", args[0], res.Digest, res.Signatures, res.Identity)
			return nil
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "cosign public key `FILE` (PEM)")
	cmd.Flags().BoolVar(&insecure, "insecure-registry", false, "allow plain HTTP to a registry on localhost or a loopback address")
	return cmd
}

func verifyImage(ctx context.Context, ref, keyFile string, insecure bool) (image.VerifyResult, error) {
	if keyFile == "" {
		return image.VerifyResult{}, errors.New("--key FILE is required (keyless verification is not supported yet)")
	}
	pem, err := os.ReadFile(keyFile)
	if err != nil {
		return image.VerifyResult{}, fmt.Errorf("--key: %w", err)
	}
	res, err := image.VerifyKey(ctx, nil, ref, pem, image.VerifyOptions{Insecure: insecure})
	if err != nil {
		return res, fmt.Errorf("verify %s: %w", ref, err)
	}
	return res, nil
}

func imageReport(ctx context.Context, o *ImageOptions, ref string) (*finding.Report, error) {
	d, err := o.Vuln.openDB()
	if err != nil {
		return nil, err
	}
	defer d.Close()
	// With --input the reference is a path: auto tells an archive from a
	// layout.
	src := image.Source(o.Source)
	if o.Source == "auto" {
		src = image.SourceAuto
	}
	img, err := image.Open(ctx, ref, image.Options{Source: src, Insecure: o.Insecure, Platform: o.Platform})
	if err != nil {
		return nil, fmt.Errorf("open image %s: %w", ref, err)
	}
	exs, err := invall.Extractors()
	if err != nil {
		return nil, err
	}
	inv, errs, err := image.Inventory(ctx, img, exs)
	rep := finding.NewReport(version.Get().Version, time.Now(), []string{ref}, 0)
	rep.Errors = append(rep.Errors, errs...)
	if err != nil {
		var le *image.LayerError
		if !errors.As(err, &le) {
			return nil, err
		}
		// A layer that could not be read to its end: what was read is
		// scanned and the failure is reported.
		rep.Errors = append(rep.Errors, finding.Error{Path: ref, Plugin: "image", Message: err.Error()})
	}
	scan.Complete(inv)

	// Image hygiene: the Rego checks of input type image on the image's
	// configuration and contents.
	eng, err := policy.New(ctx, policy.Config{PolicyDirs: o.Policies, SkipChecks: o.SkipChecks})
	if err != nil {
		return nil, err
	}
	doc := image.Document(img, inv.Distro, inv.Packages, time.Now())
	fs, evalErrs := eng.Evaluate(ctx, []*state.Document{doc})
	rep.Findings = append(rep.Findings, fs...)
	rep.Errors = append(rep.Errors, evalErrs...)
	rep.ChecksRun = eng.Active()

	for i := range inv.Packages {
		inv.Packages[i].Location = ref + ":/" + inv.Packages[i].Location
	}
	vx, err := vex.Load(o.Vuln.VEX)
	if err != nil {
		return nil, err
	}
	addMatches(rep, inv, d, &o.Vuln, vx)
	finding.Sort(rep.Findings)
	rep.Summarize()
	return rep, ctx.Err()
}
