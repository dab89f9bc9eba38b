package image

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore-go/pkg/verify"

	"github.com/wardsec/ward/internal/limits"
)

// Cosign v3's signature format: a Sigstore bundle attached to the image as
// an OCI referrer, whose DSSE envelope holds an in-toto statement with the
// image's digest as subject.
const (
	// MediaTypeSigstoreBundle is the artifact type and layer media type of
	// a Sigstore bundle stored in a registry.
	MediaTypeSigstoreBundle = "application/vnd.dev.sigstore.bundle.v0.3+json"
	// PredicateCosignSign is the predicate type of an image signature (as
	// opposed to an attestation such as an SBOM or provenance).
	PredicateCosignSign = "https://sigstore.dev/cosign/sign/v1"
	// maxTrustedRootSize caps the trusted root JSON (the public-good one is
	// about 10 KiB).
	maxTrustedRootSize = 4 << 20
	// maxReferrers caps the referrers examined per digest.
	maxReferrers = 200
)

// CertificateOptions configure certificate-based ("keyless") verification.
// At least one of Identity / IdentityRegexp and one of Issuer /
// IssuerRegexp are required, as in `cosign verify`.
type CertificateOptions struct {
	// TrustedRoot is a Sigstore trusted root (trusted_root.json: Fulcio
	// CAs, Rekor logs, timestamp authorities). It is the only source of
	// trust: nothing is fetched.
	TrustedRoot []byte
	// Identity is the certificate's subject alternative name (an e-mail or
	// a workflow URI) or IdentityRegexp a regular expression it must match.
	Identity       string
	IdentityRegexp string
	// Issuer is the OIDC issuer recorded in the certificate, or
	// IssuerRegexp a regular expression it must match.
	Issuer       string
	IssuerRegexp string
	// IgnoreTlog accepts signatures without a transparency-log entry when
	// the bundle carries a signed timestamp instead (private deployments
	// without Rekor).
	IgnoreTlog bool
}

// ParseTrustedRoot reads a Sigstore trusted root (bounded).
func ParseTrustedRoot(b []byte) (*root.TrustedRoot, error) {
	if len(b) > maxTrustedRootSize {
		return nil, &limits.LimitError{What: "trusted root size", Limit: maxTrustedRootSize}
	}
	tr, err := root.NewTrustedRootFromJSON(b)
	if err != nil {
		return nil, &limits.ParseError{Msg: "trusted root: " + err.Error()}
	}
	return tr, nil
}

// VerifyCertificate verifies that the image img, found at ref, carries at
// least one Sigstore-bundle signature (cosign v3 format, stored as an OCI
// referrer or under the referrers tag schema) whose certificate chains to
// a certificate authority of the trusted root, was valid when the
// signature was logged or timestamped, names the expected identity and
// issuer, and whose signed statement has the image's digest as subject
// and the cosign signature predicate. Everything is checked offline
// against copts.TrustedRoot; only the registry is contacted.
//
// img may be nil: ref is then resolved in the registry. Errors wrap
// ErrNoSignature or ErrInvalidSignature as VerifyKey's do.
func VerifyCertificate(ctx context.Context, img *Image, ref string, copts CertificateOptions, opts VerifyOptions) (VerifyResult, error) {
	if copts.Identity == "" && copts.IdentityRegexp == "" {
		return VerifyResult{}, errors.New("certificate verification needs an identity (or identity regexp)")
	}
	if copts.Issuer == "" && copts.IssuerRegexp == "" {
		return VerifyResult{}, errors.New("certificate verification needs an OIDC issuer (or issuer regexp)")
	}
	tr, err := ParseTrustedRoot(copts.TrustedRoot)
	if err != nil {
		return VerifyResult{}, err
	}
	id, err := verify.NewShortCertificateIdentity(copts.Issuer, copts.IssuerRegexp, copts.Identity, copts.IdentityRegexp)
	if err != nil {
		return VerifyResult{}, fmt.Errorf("certificate identity: %w", err)
	}
	vopts := []verify.VerifierOption{verify.WithObserverTimestamps(1)}
	if !copts.IgnoreTlog {
		vopts = append(vopts, verify.WithTransparencyLog(1))
	}
	verifier, err := verify.NewVerifier(tr, vopts...)
	if err != nil {
		return VerifyResult{}, fmt.Errorf("verifier: %w", err)
	}
	return verifyCandidates(ctx, img, ref, opts, func(r name.Reference, digest string, ropts []remote.Option) (VerifyResult, error) {
		return verifyBundles(r.Context().Digest(digest), verifier, id, ropts, opts)
	})
}

// verifyBundles lists the referrers of the digest and verifies each
// Sigstore bundle among them.
func verifyBundles(dref name.Digest, verifier *verify.Verifier, id verify.CertificateIdentity, ropts []remote.Option, opts VerifyOptions) (VerifyResult, error) {
	digest := dref.DigestStr()
	want, err := digestBytes(digest)
	if err != nil {
		return VerifyResult{}, err
	}
	idx, err := remote.Referrers(dref, ropts...)
	if err != nil {
		return VerifyResult{}, fmt.Errorf("list referrers of %s: %w", dref, err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		return VerifyResult{}, fmt.Errorf("referrers of %s: %w", dref, err)
	}
	if len(im.Manifests) > maxReferrers {
		return VerifyResult{}, fmt.Errorf("referrers of %s: %w", dref, &limits.LimitError{What: "referrers", Limit: maxReferrers})
	}
	maxPayload := opts.MaxPayloadSize
	if maxPayload <= 0 {
		maxPayload = DefaultMaxPayloadSize
	}
	policy := verify.NewPolicy(verify.WithArtifactDigest("sha256", want), verify.WithCertificateIdentity(id))
	var res VerifyResult
	var failures []error
	seen := 0
	for _, m := range im.Manifests {
		// cosign has written both the bundle type and the empty type as
		// the artifact type; the layer's media type decides.
		if m.ArtifactType != MediaTypeSigstoreBundle && m.ArtifactType != string(types.OCIEmptyJSON) && m.ArtifactType != "" {
			continue
		}
		ref := dref.Context().Digest(m.Digest.String())
		art, err := remote.Image(ref, ropts...)
		if err != nil {
			failures = append(failures, fmt.Errorf("referrer %s: %w", m.Digest, err))
			continue
		}
		man, err := art.Manifest()
		if err != nil {
			failures = append(failures, fmt.Errorf("referrer %s: %w", m.Digest, err))
			continue
		}
		for _, l := range man.Layers {
			if l.MediaType != types.MediaType(MediaTypeSigstoreBundle) {
				continue
			}
			seen++
			b, err := bundleFromLayer(art, l, maxPayload)
			if err != nil {
				failures = append(failures, fmt.Errorf("referrer %s: %w", m.Digest, err))
				continue
			}
			vr, err := verifier.Verify(b, policy)
			if err != nil {
				failures = append(failures, fmt.Errorf("referrer %s: %w", m.Digest, err))
				continue
			}
			if vr.Statement == nil || vr.Statement.GetPredicateType() != PredicateCosignSign {
				pt := "none"
				if vr.Statement != nil {
					pt = vr.Statement.GetPredicateType()
				}
				failures = append(failures, fmt.Errorf("referrer %s: predicate %q is an attestation, not an image signature (%s)", m.Digest, pt, PredicateCosignSign))
				continue
			}
			if res.Signatures == 0 && vr.Signature != nil && vr.Signature.Certificate != nil {
				res.Identity = vr.Signature.Certificate.SubjectAlternativeName + " (" + vr.Signature.Certificate.Issuer + ")"
			}
			res.Signatures++
		}
	}
	if res.Signatures > 0 {
		res.Digest = digest
		return res, nil
	}
	if seen == 0 && len(failures) == 0 {
		return VerifyResult{}, fmt.Errorf("%s: no Sigstore bundle among %d referrers: %w", dref, len(im.Manifests), ErrNoSignature)
	}
	return VerifyResult{}, fmt.Errorf("%s: %w: %w", dref, ErrInvalidSignature, errors.Join(failures...))
}

// bundleFromLayer reads and parses one bundle layer (bounded, digest
// checked).
func bundleFromLayer(img v1.Image, desc v1.Descriptor, maxPayload int64) (*bundle.Bundle, error) {
	if desc.MediaType != types.MediaType(MediaTypeSigstoreBundle) {
		return nil, fmt.Errorf("media type %q, want %q", desc.MediaType, MediaTypeSigstoreBundle)
	}
	if desc.Size > maxPayload {
		return nil, &limits.LimitError{What: "bundle size", Limit: maxPayload}
	}
	data, err := readPayload(img, desc, maxPayload)
	if err != nil {
		return nil, err
	}
	var b bundle.Bundle
	if err := b.UnmarshalJSON(data); err != nil {
		return nil, &limits.ParseError{Msg: "sigstore bundle: " + err.Error()}
	}
	return &b, nil
}

// digestBytes decodes "sha256:<hex>".
func digestBytes(digest string) ([]byte, error) {
	h, err := v1.NewHash(digest)
	if err != nil {
		return nil, err
	}
	if h.Algorithm != "sha256" {
		return nil, fmt.Errorf("digest %s: only sha256 is supported", digest)
	}
	return hex.DecodeString(h.Hex)
}
