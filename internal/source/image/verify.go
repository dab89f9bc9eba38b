package image

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/wardsec/ward/internal/limits"
)

// Cosign's simple-signing scheme, as written by "cosign sign --key".
const (
	// MediaTypeSimpleSigning is the media type of a signature payload layer.
	MediaTypeSimpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json"
	// AnnotationCosignSignature holds the base64 signature of a payload layer.
	AnnotationCosignSignature = "dev.cosignproject.cosign/signature"
	// SimpleSigningType is the payload's critical.type.
	SimpleSigningType = "cosign container image signature"
	// SignatureTagSuffix ends the tag "sha256-<hex>.sig" of a signature image.
	SignatureTagSuffix = ".sig"
)

// Defaults applied when VerifyOptions leaves a limit at zero.
const (
	// DefaultMaxSignatures caps the layers of one signature image.
	DefaultMaxSignatures = 100
	// DefaultMaxPayloadSize caps one payload layer (cosign payloads are
	// a few hundred bytes).
	DefaultMaxPayloadSize = 1 << 20
	// maxKeySize caps the public key PEM.
	maxKeySize = 64 << 10
	// maxSignatureSize caps one base64 signature annotation.
	maxSignatureSize = 16 << 10
)

// Verification errors; test them with errors.Is.
var (
	// ErrNoSignature: the repository has no signature image for the digest.
	ErrNoSignature = errors.New("no signature")
	// ErrInvalidSignature: signatures exist but none verifies with the key
	// for the image's digest. The wrapped errors say why each one failed.
	ErrInvalidSignature = errors.New("no valid signature")
)

// VerifyOptions configure VerifyKey. The zero value uses the default
// keychain, TLS and the default limits.
type VerifyOptions struct {
	// Insecure allows plain HTTP to a loopback registry, as Options.Insecure.
	Insecure bool
	// Keychain resolves registry credentials; nil means authn.DefaultKeychain.
	Keychain authn.Keychain
	// MaxSignatures caps the payload layers read; 0 means DefaultMaxSignatures.
	MaxSignatures int
	// MaxPayloadSize caps one payload in bytes; 0 means DefaultMaxPayloadSize.
	MaxPayloadSize int64
}

// VerifyResult is the outcome of a successful verification.
type VerifyResult struct {
	// Digest is the manifest digest the signatures cover: the image's own,
	// or that of the multi-platform index that lists it. Pin deployments to
	// ref@Digest rather than to the tag.
	Digest string
	// Signatures is the number of payloads that verified.
	Signatures int
	// Identity is the docker-reference of the first verified payload (the
	// reference the signer named; informational, not checked against ref).
	Identity string
}

// SimpleSigning is the payload cosign signs.
type SimpleSigning struct {
	Critical struct {
		Identity struct {
			DockerReference string `json:"docker-reference"`
		} `json:"identity"`
		Image struct {
			DockerManifestDigest string `json:"docker-manifest-digest"`
		} `json:"image"`
		Type string `json:"type"`
	} `json:"critical"`
	Optional map[string]any `json:"optional"`
}

// ParseSimpleSigning decodes and checks a payload: it must be one JSON
// object of at most limits.DefaultMaxFileSize bytes, of type
// SimpleSigningType, naming a sha256 manifest digest.
func ParseSimpleSigning(payload []byte) (*SimpleSigning, error) {
	if len(payload) > limits.DefaultMaxFileSize {
		return nil, &limits.LimitError{What: "signature payload size", Limit: limits.DefaultMaxFileSize}
	}
	var p SimpleSigning
	dec := json.NewDecoder(bytes.NewReader(payload))
	if err := dec.Decode(&p); err != nil {
		return nil, &limits.ParseError{Msg: "signature payload: " + err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &limits.ParseError{Msg: "signature payload: data after the JSON object"}
	}
	if p.Critical.Type != SimpleSigningType {
		return nil, &limits.ParseError{Msg: fmt.Sprintf("signature payload: critical.type %q, want %q", p.Critical.Type, SimpleSigningType)}
	}
	if _, err := v1.NewHash(p.Critical.Image.DockerManifestDigest); err != nil {
		return nil, &limits.ParseError{Msg: fmt.Sprintf("signature payload: docker-manifest-digest %q: %v", p.Critical.Image.DockerManifestDigest, err)}
	}
	return &p, nil
}

// ParsePublicKey reads a PEM "PUBLIC KEY" (PKIX) block holding an ECDSA,
// Ed25519 or RSA key, as written by "cosign generate-key-pair".
func ParsePublicKey(pubKeyPEM []byte) (crypto.PublicKey, error) {
	if len(pubKeyPEM) > maxKeySize {
		return nil, &limits.LimitError{What: "public key size", Limit: maxKeySize}
	}
	block, _ := pem.Decode(pubKeyPEM)
	if block == nil {
		return nil, errors.New("public key: no PEM block")
	}
	if block.Type != "PUBLIC KEY" {
		return nil, fmt.Errorf("public key: PEM block %q, want \"PUBLIC KEY\"", block.Type)
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	switch pub.(type) {
	case *ecdsa.PublicKey, ed25519.PublicKey, *rsa.PublicKey:
		return pub, nil
	}
	return nil, fmt.Errorf("public key: unsupported type %T", pub)
}

// verifySignature checks sig over payload as cosign's key verifiers do:
// ECDSA ASN.1 and RSA PKCS#1 v1.5 over sha256(payload), Ed25519 over the
// payload itself.
func verifySignature(pub crypto.PublicKey, payload, sig []byte) error {
	sum := sha256.Sum256(payload)
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(k, sum[:], sig) {
			return errors.New("ECDSA signature does not verify")
		}
	case ed25519.PublicKey:
		if !ed25519.Verify(k, payload, sig) {
			return errors.New("Ed25519 signature does not verify")
		}
	case *rsa.PublicKey:
		if err := rsa.VerifyPKCS1v15(k, crypto.SHA256, sum[:], sig); err != nil {
			return fmt.Errorf("RSA signature: %w", err)
		}
	default:
		return fmt.Errorf("unsupported key type %T", pub)
	}
	return nil
}

// SignatureTag returns cosign's signature tag for a digest:
// "sha256:abc…" → "sha256-abc….sig".
func SignatureTag(digest string) (string, error) {
	h, err := v1.NewHash(digest)
	if err != nil {
		return "", fmt.Errorf("digest %q: %w", digest, err)
	}
	return h.Algorithm + "-" + h.Hex + SignatureTagSuffix, nil
}

// VerifyKey verifies that the image img, found at ref, carries at least one
// cosign simple-signing signature made with the key pubKeyPEM: the
// signature image "sha256-<hex>.sig" of ref's repository is fetched, and
// each payload layer must verify with the key and name the image's
// manifest digest. When the image was opened from a multi-platform index,
// the index's signature is accepted too if the index (as ref resolves now)
// lists the image. img may be nil: ref is then resolved in the registry
// (tag → digest) and that digest is verified.
//
// A repository without a signature gives ErrNoSignature; signatures that
// do not verify give ErrInvalidSignature. Key-based only: certificate
// (keyless) signatures, Rekor bundles and attestations are not checked.
func VerifyKey(ctx context.Context, img *Image, ref string, pubKeyPEM []byte, opts VerifyOptions) (VerifyResult, error) {
	pub, err := ParsePublicKey(pubKeyPEM)
	if err != nil {
		return VerifyResult{}, fmt.Errorf("verify %q: %w", ref, err)
	}
	return verifyCandidates(ctx, img, ref, opts, func(r name.Reference, digest string, ropts []remote.Option) (VerifyResult, error) {
		return verifyDigest(r.Context(), digest, pub, ropts, opts)
	})
}

// verifyCandidates resolves ref, lists the digests whose signatures would
// cover img (candidateDigests) and returns the first that one verifies;
// ErrNoSignature when none has a signature at all.
func verifyCandidates(ctx context.Context, img *Image, ref string, opts VerifyOptions, one func(r name.Reference, digest string, ropts []remote.Option) (VerifyResult, error)) (VerifyResult, error) {
	r, ropts, err := verifyRef(ctx, ref, opts)
	if err != nil {
		return VerifyResult{}, err
	}
	digests, err := candidateDigests(img, r, ropts)
	if err != nil {
		return VerifyResult{}, fmt.Errorf("verify %q: %w", ref, err)
	}
	var all []error
	for _, d := range digests {
		res, err := one(r, d, ropts)
		if err == nil {
			return res, nil
		}
		all = append(all, err)
	}
	for _, err := range all {
		if !errors.Is(err, ErrNoSignature) {
			return VerifyResult{}, fmt.Errorf("verify %q: %w", ref, errors.Join(all...))
		}
	}
	return VerifyResult{}, fmt.Errorf("verify %q (%s): %w", ref, strings.Join(digests, ", "), ErrNoSignature)
}

func verifyRef(ctx context.Context, ref string, opts VerifyOptions) (name.Reference, []remote.Option, error) {
	var nopts []name.Option
	if opts.Insecure {
		nopts = append(nopts, name.Insecure)
	}
	r, err := name.ParseReference(ref, nopts...)
	if err != nil {
		return nil, nil, fmt.Errorf("parse image reference %q: %w", ref, err)
	}
	if opts.Insecure && !isLoopbackHost(r.Context().RegistryStr()) {
		return nil, nil, fmt.Errorf("verify %q: insecure registry access is allowed only on loopback, not %q", ref, r.Context().RegistryStr())
	}
	kc := opts.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	return r, []remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(kc)}, nil
}

// candidateDigests lists the digests whose signatures would cover img: its
// manifest digest, then the index ref resolves to if that index lists it.
// A digest reference must name one of them.
func candidateDigests(img *Image, r name.Reference, ropts []remote.Option) ([]string, error) {
	if img == nil {
		desc, err := remote.Head(r, ropts...)
		if err != nil {
			return nil, fmt.Errorf("resolve digest: %w", err)
		}
		return []string{desc.Digest.String()}, nil
	}
	own, err := img.ManifestDigest()
	if err != nil {
		return nil, err
	}
	out := []string{own}
	if d, ok := r.(name.Digest); ok && d.DigestStr() == own {
		return out, nil
	}
	// The reference may resolve to an index listing the image; an error
	// here (image not in a registry, network) just leaves the own digest.
	desc, err := remote.Get(r, ropts...)
	if err == nil && desc.Digest.String() != own && desc.MediaType.IsIndex() {
		if idx, err := desc.ImageIndex(); err == nil {
			if im, err := idx.IndexManifest(); err == nil {
				for _, m := range im.Manifests {
					if m.Digest.String() == own {
						out = append(out, desc.Digest.String())
						break
					}
				}
			}
		}
	}
	if d, ok := r.(name.Digest); ok && !containsString(out, d.DigestStr()) {
		return nil, fmt.Errorf("reference digest %s is not the image's digest %s", d.DigestStr(), own)
	}
	return out, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// verifyDigest fetches the signature image of digest in repo and returns
// the result if at least one payload verifies.
func verifyDigest(repo name.Repository, digest string, pub crypto.PublicKey, ropts []remote.Option, opts VerifyOptions) (VerifyResult, error) {
	tag, err := SignatureTag(digest)
	if err != nil {
		return VerifyResult{}, err
	}
	sigRef := repo.Tag(tag)
	sigImg, err := remote.Image(sigRef, ropts...)
	if err != nil {
		var te *transport.Error
		if errors.As(err, &te) && te.StatusCode == http.StatusNotFound {
			return VerifyResult{}, fmt.Errorf("%s: %w", sigRef, ErrNoSignature)
		}
		return VerifyResult{}, fmt.Errorf("fetch signatures %s: %w", sigRef, err)
	}
	m, err := sigImg.Manifest()
	if err != nil {
		return VerifyResult{}, fmt.Errorf("signatures %s: manifest: %w", sigRef, err)
	}
	maxSigs := opts.MaxSignatures
	if maxSigs <= 0 {
		maxSigs = DefaultMaxSignatures
	}
	if len(m.Layers) > maxSigs {
		return VerifyResult{}, fmt.Errorf("signatures %s: %w", sigRef, &limits.LimitError{What: "signature layers", Limit: int64(maxSigs)})
	}
	if len(m.Layers) == 0 {
		return VerifyResult{}, fmt.Errorf("%s: empty signature image: %w", sigRef, ErrNoSignature)
	}
	maxPayload := opts.MaxPayloadSize
	if maxPayload <= 0 {
		maxPayload = DefaultMaxPayloadSize
	}
	var res VerifyResult
	var failures []error
	for i, desc := range m.Layers {
		p, err := verifyLayer(sigImg, desc, digest, pub, maxPayload)
		if err != nil {
			failures = append(failures, fmt.Errorf("layer %d (%s): %w", i, desc.Digest, err))
			continue
		}
		if res.Signatures == 0 {
			res.Identity = p.Critical.Identity.DockerReference
		}
		res.Signatures++
	}
	if res.Signatures == 0 {
		return VerifyResult{}, fmt.Errorf("signatures %s: %w: %w", sigRef, ErrInvalidSignature, errors.Join(failures...))
	}
	res.Digest = digest
	return res, nil
}

// verifyLayer reads one payload layer (bounded), checks its content digest,
// its signature and that it names digest.
func verifyLayer(sigImg v1.Image, desc v1.Descriptor, digest string, pub crypto.PublicKey, maxPayload int64) (*SimpleSigning, error) {
	if desc.MediaType != types.MediaType(MediaTypeSimpleSigning) {
		return nil, fmt.Errorf("media type %q, want %q", desc.MediaType, MediaTypeSimpleSigning)
	}
	b64 := desc.Annotations[AnnotationCosignSignature]
	if b64 == "" {
		return nil, fmt.Errorf("no %s annotation", AnnotationCosignSignature)
	}
	if len(b64) > maxSignatureSize {
		return nil, &limits.LimitError{What: "signature annotation size", Limit: maxSignatureSize}
	}
	sig, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("signature annotation: %w", err)
	}
	if desc.Size > maxPayload {
		return nil, &limits.LimitError{What: "signature payload size", Limit: maxPayload}
	}
	payload, err := readPayload(sigImg, desc, maxPayload)
	if err != nil {
		return nil, err
	}
	if err := verifySignature(pub, payload, sig); err != nil {
		return nil, err
	}
	p, err := ParseSimpleSigning(payload)
	if err != nil {
		return nil, err
	}
	if got := p.Critical.Image.DockerManifestDigest; got != digest {
		return nil, fmt.Errorf("payload signs digest %s, not %s", got, digest)
	}
	return p, nil
}

func readPayload(sigImg v1.Image, desc v1.Descriptor, maxPayload int64) ([]byte, error) {
	l, err := sigImg.LayerByDigest(desc.Digest)
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	rc, err := l.Compressed()
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	defer rc.Close()
	payload, err := io.ReadAll(io.LimitReader(rc, maxPayload+1))
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	if int64(len(payload)) > maxPayload {
		return nil, &limits.LimitError{What: "signature payload size", Limit: maxPayload}
	}
	sum := sha256.Sum256(payload)
	if desc.Digest.Algorithm != "sha256" || desc.Digest.Hex != hex.EncodeToString(sum[:]) {
		return nil, fmt.Errorf("payload content does not match its digest %s", desc.Digest)
	}
	return payload, nil
}
