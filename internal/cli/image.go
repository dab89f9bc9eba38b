package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
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
	// RequireSignature: fail the scan unless the image carries a signature
	// that verifies with Signature's key or certificate identity.
	RequireSignature bool
	Signature        SignatureOptions
	Cache            LayerCacheOptions
}

// LayerCacheOptions select the per-layer result cache of image scans.
type LayerCacheOptions struct {
	Dir     string
	NoCache bool
}

// AddFlags registers --cache-dir and --no-cache.
func (o *LayerCacheOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.Dir, "cache-dir", "", "per-layer result cache `DIR` (default: the user cache directory, ward/layers)")
	fs.BoolVar(&o.NoCache, "no-cache", false, "read every layer; neither use nor fill the layer cache")
}

// inventory walks the image's layers, taking layers already analysed from
// the cache.
func (o *LayerCacheOptions) inventory(ctx context.Context, img *image.Image) (*inventory.Inventory, []finding.Error, error) {
	exs, err := invall.Extractors()
	if err != nil {
		return nil, nil, err
	}
	cfg := image.WalkConfig{Extractors: exs}
	if !o.NoCache {
		cfg.CacheDir = o.Dir
		if cfg.CacheDir == "" {
			// Without a user cache directory the scan just reads every
			// layer.
			cfg.CacheDir, _ = image.DefaultCacheDir()
		}
	}
	return image.Walk(ctx, img, cfg)
}

// SignatureOptions select how an image signature is verified: with a
// cosign public key (--key), or certificate-based with an identity, an
// OIDC issuer and a Sigstore trusted root file (offline).
type SignatureOptions struct {
	Key            string
	Identity       string
	IdentityRegexp string
	Issuer         string
	IssuerRegexp   string
	TrustedRoot    string
	IgnoreTlog     bool
}

// AddFlags registers the flags, named as cosign's.
func (o *SignatureOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.Key, "key", "", "cosign public key `FILE` (PEM)")
	fs.StringVar(&o.Identity, "certificate-identity", "", "certificate-based: the signer's identity (SAN: e-mail or workflow URI)")
	fs.StringVar(&o.IdentityRegexp, "certificate-identity-regexp", "", "certificate-based: a regular expression the signer's identity must match")
	fs.StringVar(&o.Issuer, "certificate-oidc-issuer", "", "certificate-based: the OIDC issuer recorded in the certificate")
	fs.StringVar(&o.IssuerRegexp, "certificate-oidc-issuer-regexp", "", "certificate-based: a regular expression the OIDC issuer must match")
	fs.StringVar(&o.TrustedRoot, "trusted-root", "", "certificate-based: Sigstore trusted root `FILE` (trusted_root.json: Fulcio CAs, Rekor keys, TSAs); nothing is fetched")
	fs.BoolVar(&o.IgnoreTlog, "insecure-ignore-tlog", false, "certificate-based: accept signatures with a signed timestamp but no transparency-log entry")
}

// Validate checks that exactly one verification mode is complete.
func (o *SignatureOptions) Validate() error {
	cert := o.Identity != "" || o.IdentityRegexp != "" || o.Issuer != "" || o.IssuerRegexp != "" || o.TrustedRoot != ""
	switch {
	case o.Key != "" && cert:
		return errors.New("give --key or the --certificate-* flags, not both")
	case o.Key != "":
		return nil
	case !cert:
		return errors.New("give --key FILE, or --certificate-identity, --certificate-oidc-issuer and --trusted-root FILE")
	case o.TrustedRoot == "":
		return errors.New("certificate-based verification needs --trusted-root FILE (Ward does not fetch the public Sigstore root)")
	case o.Identity == "" && o.IdentityRegexp == "":
		return errors.New("certificate-based verification needs --certificate-identity or --certificate-identity-regexp")
	case o.Issuer == "" && o.IssuerRegexp == "":
		return errors.New("certificate-based verification needs --certificate-oidc-issuer or --certificate-oidc-issuer-regexp")
	}
	return nil
}

// Verify verifies ref's signature in its registry.
func (o *SignatureOptions) Verify(ctx context.Context, ref string, insecure bool) (image.VerifyResult, error) {
	if err := o.Validate(); err != nil {
		return image.VerifyResult{}, err
	}
	vopts := image.VerifyOptions{Insecure: insecure}
	var res image.VerifyResult
	if o.Key != "" {
		pem, err := os.ReadFile(o.Key)
		if err != nil {
			return res, fmt.Errorf("--key: %w", err)
		}
		res, err = image.VerifyKey(ctx, nil, ref, pem, vopts)
		if err != nil {
			return res, fmt.Errorf("verify %s: %w", ref, err)
		}
		return res, nil
	}
	tr, err := os.ReadFile(o.TrustedRoot)
	if err != nil {
		return res, fmt.Errorf("--trusted-root: %w", err)
	}
	res, err = image.VerifyCertificate(ctx, nil, ref, image.CertificateOptions{
		TrustedRoot: tr, Identity: o.Identity, IdentityRegexp: o.IdentityRegexp,
		Issuer: o.Issuer, IssuerRegexp: o.IssuerRegexp, IgnoreTlog: o.IgnoreTlog,
	}, vopts)
	if err != nil {
		return res, fmt.Errorf("verify %s: %w", ref, err)
	}
	return res, nil
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
				if _, err := o.Signature.Verify(cmd.Context(), ref, o.Insecure); err != nil {
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
	cmd.Flags().BoolVar(&o.RequireSignature, "require-signature", false, "fail (exit 2) unless the image's registry holds a cosign signature that verifies with --key or the --certificate-* flags")
	o.Signature.AddFlags(cmd.Flags())
	o.Cache.AddFlags(cmd.Flags())
	cmd.AddCommand(newImageVerifyCmd(s))
	return cmd
}

func newImageVerifyCmd(s Streams) *cobra.Command {
	var o SignatureOptions
	var insecure bool
	cmd := &cobra.Command{
		Use:   "verify REF (--key cosign.pub | --certificate-identity ID --certificate-oidc-issuer URL --trusted-root FILE)",
		Short: "Verify an image's cosign signature (key-based or certificate-based, offline trust) and print the digest it pins",
		Long: `Verify an image's cosign signature in its registry.

Key-based (--key): cosign's simple-signing signatures under the tag
sha256-<digest>.sig.

Certificate-based ("keyless"): Sigstore bundles (cosign v3's format) attached
to the image as OCI referrers, or under the referrers tag schema. The
certificate must chain to a CA of --trusted-root, have been valid when the
transparency log (or a timestamp authority of the root) saw the signature,
and name the identity and OIDC issuer given; the signed statement must name
the image's digest. Trust comes only from the file: nothing is fetched
besides the image's signatures.`,
		Example: `  ward image verify registry.example.com/app:1.2 --key cosign.pub
  ward image verify ghcr.io/org/app:1.2 --trusted-root trusted_root.json \
      --certificate-identity https://github.com/org/app/.github/workflows/release.yml@refs/tags/v1.2 \
      --certificate-oidc-issuer https://token.actions.githubusercontent.com
  ward image verify --insecure-registry 127.0.0.1:5000/app:dev --key cosign.pub`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := o.Verify(cmd.Context(), args[0], insecure)
			if err != nil {
				return err
			}
			fmt.Fprintf(s.Out, "Verified %s\n  digest:     %s\n  signatures: %d valid\n  identity:   %s\n", args[0], res.Digest, res.Signatures, res.Identity)
			return nil
		},
	}
	o.AddFlags(cmd.Flags())
	cmd.Flags().BoolVar(&insecure, "insecure-registry", false, "allow plain HTTP to a registry on localhost or a loopback address")
	return cmd
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
	inv, errs, err := o.Cache.inventory(ctx, img)
	if inv == nil {
		return nil, err
	}
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
