package image

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	protocommon "github.com/sigstore/protobuf-specs/gen/pb-go/common/v1"
	protodsse "github.com/sigstore/protobuf-specs/gen/pb-go/dsse"
	protorekor "github.com/sigstore/protobuf-specs/gen/pb-go/rekor/v1"
	sgbundle "github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore-go/pkg/testing/ca"
)

const (
	testIdentity = "https://github.com/wardsec/app/.github/workflows/release.yml@refs/tags/v1"
	testIssuer   = "https://token.actions.githubusercontent.com"
)

// virtualSigstore is a private Fulcio CA, Rekor log and timestamp
// authority (sigstore-go's test implementation) and its trusted root as
// the JSON file a user would pass.
type virtualSigstore struct {
	vs       *ca.VirtualSigstore
	rootJSON []byte
}

func newVirtualSigstore(t *testing.T) virtualSigstore {
	t.Helper()
	vs, err := ca.NewVirtualSigstore()
	if err != nil {
		t.Fatal(err)
	}
	// The virtual log names itself by the hex string of its key ID, where
	// a trusted root file holds the raw ID bytes: convert, so the entries
	// it logs are found again after the round trip through JSON.
	rekor := map[string]*root.TransparencyLog{}
	for k, l := range vs.RekorLogs() {
		raw, err := hex.DecodeString(string(l.ID))
		if err != nil {
			t.Fatal(err)
		}
		c := *l
		c.ID = raw
		rekor[k] = &c
	}
	tr, err := root.NewTrustedRoot(root.TrustedRootMediaType01, vs.FulcioCertificateAuthorities(), vs.CTLogs(), vs.TimestampingAuthorities(), rekor)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tr.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return virtualSigstore{vs: vs, rootJSON: b}
}

// statement is the in-toto statement cosign v3 signs for an image.
func statement(t *testing.T, digest, predicateType string) []byte {
	t.Helper()
	h, err := v1.NewHash(digest)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(map[string]any{
		"_type":         "https://in-toto.io/Statement/v1",
		"subject":       []any{map[string]any{"name": "image", "digest": map[string]string{"sha256": h.Hex}}},
		"predicateType": predicateType,
		"predicate":     map[string]any{},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// signBundle signs the statement as identity/issuer and returns the
// serialized Sigstore bundle v0.3 (certificate, Rekor entry with an
// inclusion proof, RFC 3161 timestamp, DSSE envelope).
func (v virtualSigstore) signBundle(t *testing.T, identity, issuer string, stmt []byte) []byte {
	t.Helper()
	e, err := v.vs.AttestAtTime(identity, issuer, stmt, time.Now().Add(5*time.Minute), true)
	if err != nil {
		t.Fatal(err)
	}
	vc, err := e.VerificationContent()
	if err != nil {
		t.Fatal(err)
	}
	cert := vc.Certificate()
	sc, err := e.SignatureContent()
	if err != nil {
		t.Fatal(err)
	}
	env := sc.EnvelopeContent().RawEnvelope()
	var sigs []*protodsse.Signature
	for _, s := range env.Signatures {
		raw, err := base64Decode(s.Sig)
		if err != nil {
			t.Fatal(err)
		}
		sigs = append(sigs, &protodsse.Signature{Sig: raw, Keyid: s.KeyID})
	}
	payload, err := base64Decode(env.Payload)
	if err != nil {
		t.Fatal(err)
	}
	tss, err := e.Timestamps()
	if err != nil {
		t.Fatal(err)
	}
	var rfc []*protocommon.RFC3161SignedTimestamp
	for _, ts := range tss {
		rfc = append(rfc, &protocommon.RFC3161SignedTimestamp{SignedTimestamp: ts})
	}
	entries, err := e.TlogEntries()
	if err != nil {
		t.Fatal(err)
	}
	var tles []*protorekor.TransparencyLogEntry
	for _, en := range entries {
		// sigstore-go's test log leaves the kind out of the entry it
		// returns; the body is a dsse v0.0.1 entry.
		tle := en.TransparencyLogEntry()
		tle.KindVersion = &protorekor.KindVersion{Kind: "dsse", Version: "0.0.1"}
		tles = append(tles, tle)
	}
	pb := &protobundle.Bundle{
		MediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
		VerificationMaterial: &protobundle.VerificationMaterial{
			Content:                   &protobundle.VerificationMaterial_Certificate{Certificate: &protocommon.X509Certificate{RawBytes: cert.Raw}},
			TlogEntries:               tles,
			TimestampVerificationData: &protobundle.TimestampVerificationData{Rfc3161Timestamps: rfc},
		},
		Content: &protobundle.Bundle_DsseEnvelope{DsseEnvelope: &protodsse.Envelope{Payload: payload, PayloadType: env.PayloadType, Signatures: sigs}},
	}
	b, err := sgbundle.NewBundle(pb)
	if err != nil {
		t.Fatal(err)
	}
	out, err := b.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// attachBundle pushes the bundle as an OCI referrer of subject, as cosign
// v3 does.
func attachBundle(t *testing.T, repo string, subject v1.Image, bundleJSON []byte) {
	t.Helper()
	sd, err := subject.Digest()
	if err != nil {
		t.Fatal(err)
	}
	size, err := subject.Size()
	if err != nil {
		t.Fatal(err)
	}
	mt, err := subject.MediaType()
	if err != nil {
		t.Fatal(err)
	}
	art := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	art = mutate.ConfigMediaType(art, types.OCIEmptyJSON)
	art, err = mutate.Append(art, mutate.Addendum{Layer: static.NewLayer(bundleJSON, MediaTypeSigstoreBundle)})
	if err != nil {
		t.Fatal(err)
	}
	// Annotations before Subject: mutate.Annotations drops the subject.
	art = mutate.Annotations(art, map[string]string{"dev.sigstore.bundle.predicateType": PredicateCosignSign}).(v1.Image)
	art = mutate.Subject(art, v1.Descriptor{MediaType: mt, Size: size, Digest: sd}).(v1.Image)
	ad, err := art.Digest()
	if err != nil {
		t.Fatal(err)
	}
	r, err := name.ParseReference(repo + "@" + ad.String())
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(r, art); err != nil {
		t.Fatalf("push referrer: %v", err)
	}
}

// TestVerifyCertificate runs against a registry with the OCI 1.1
// referrers API and one without it (where bundles are found through the
// referrers tag schema).
func TestVerifyCertificate(t *testing.T) {
	t.Run("referrers_api", func(t *testing.T) { testVerifyCertificate(t, startRegistry(t, registry.WithReferrersSupport(true))) })
	t.Run("referrers_tag_schema", func(t *testing.T) { testVerifyCertificate(t, startRegistry(t)) })
}

func testVerifyCertificate(t *testing.T, reg string) {
	ctx := context.Background()
	vs := newVirtualSigstore(t)
	repo := reg + "/ward/keyless"

	// app:1 is signed by the release workflow; app:2 is app:1 with one
	// layer changed, carrying a copy of app:1's bundle.
	img1, err := random.Image(512, 2)
	if err != nil {
		t.Fatal(err)
	}
	d1 := push(t, repo+":1", img1)
	b1 := vs.signBundle(t, testIdentity, testIssuer, statement(t, d1, PredicateCosignSign))
	attachBundle(t, repo, img1, b1)

	layers, err := img1.Layers()
	if err != nil {
		t.Fatal(err)
	}
	changed, err := random.Layer(512, types.DockerLayer)
	if err != nil {
		t.Fatal(err)
	}
	img2, err := mutate.AppendLayers(empty.Image, layers[0], changed)
	if err != nil {
		t.Fatal(err)
	}
	push(t, repo+":2", img2)
	attachBundle(t, repo, img2, b1)

	// att:1 carries only an SBOM attestation by the same identity: an
	// attestation is not a signature.
	img3, err := random.Image(256, 1)
	if err != nil {
		t.Fatal(err)
	}
	d3 := push(t, repo+":att", img3)
	attachBundle(t, repo, img3, vs.signBundle(t, testIdentity, testIssuer, statement(t, d3, "https://cyclonedx.org/bom")))

	// none:1 has no referrers at all.
	img4, err := random.Image(256, 1)
	if err != nil {
		t.Fatal(err)
	}
	push(t, repo+":none", img4)

	// other:1 is signed by a CA that is not in the trusted root.
	other := newVirtualSigstore(t)
	img5, err := random.Image(256, 1)
	if err != nil {
		t.Fatal(err)
	}
	d5 := push(t, repo+":other", img5)
	attachBundle(t, repo, img5, other.signBundle(t, testIdentity, testIssuer, statement(t, d5, PredicateCosignSign)))

	good := CertificateOptions{TrustedRoot: vs.rootJSON, Identity: testIdentity, Issuer: testIssuer}
	opts := VerifyOptions{Insecure: true}

	t.Run("signed_image_verifies_and_pins_digest", func(t *testing.T) {
		res, err := VerifyCertificate(ctx, nil, repo+":1", good, opts)
		if err != nil {
			t.Fatalf("VerifyCertificate: %v", err)
		}
		if res.Digest != d1 || res.Signatures != 1 {
			t.Errorf("got digest %s, %d signatures; want %s, 1", res.Digest, res.Signatures, d1)
		}
		if !strings.Contains(res.Identity, testIdentity) {
			t.Errorf("identity %q does not name %q", res.Identity, testIdentity)
		}
	})
	t.Run("identity_regexp", func(t *testing.T) {
		o := good
		o.Identity, o.IdentityRegexp = "", `^https://github\.com/wardsec/`
		if _, err := VerifyCertificate(ctx, nil, repo+":1", o, opts); err != nil {
			t.Fatalf("VerifyCertificate: %v", err)
		}
	})
	t.Run("changed_layer_fails", func(t *testing.T) {
		_, err := VerifyCertificate(ctx, nil, repo+":2", good, opts)
		if !errors.Is(err, ErrInvalidSignature) || !strings.Contains(err.Error(), "digest") {
			t.Fatalf("err = %v, want ErrInvalidSignature", err)
		}
	})
	t.Run("wrong_identity_fails", func(t *testing.T) {
		o := good
		o.Identity = "https://github.com/attacker/app/.github/workflows/release.yml@refs/tags/v1"
		_, err := VerifyCertificate(ctx, nil, repo+":1", o, opts)
		if !errors.Is(err, ErrInvalidSignature) || !strings.Contains(err.Error(), "SAN") {
			t.Fatalf("err = %v, want ErrInvalidSignature", err)
		}
	})
	t.Run("wrong_issuer_fails", func(t *testing.T) {
		o := good
		o.Issuer = "https://accounts.google.com"
		_, err := VerifyCertificate(ctx, nil, repo+":1", o, opts)
		if !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("err = %v, want ErrInvalidSignature", err)
		}
	})
	t.Run("attestation_is_not_a_signature", func(t *testing.T) {
		_, err := VerifyCertificate(ctx, nil, repo+":att", good, opts)
		if !errors.Is(err, ErrInvalidSignature) || !strings.Contains(err.Error(), "attestation") {
			t.Fatalf("err = %v, want ErrInvalidSignature naming the attestation", err)
		}
	})
	t.Run("unsigned_fails", func(t *testing.T) {
		_, err := VerifyCertificate(ctx, nil, repo+":none", good, opts)
		if !errors.Is(err, ErrNoSignature) {
			t.Fatalf("err = %v, want ErrNoSignature", err)
		}
	})
	t.Run("untrusted_ca_fails", func(t *testing.T) {
		_, err := VerifyCertificate(ctx, nil, repo+":other", good, opts)
		if !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("err = %v, want ErrInvalidSignature", err)
		}
		// The same bundle verifies against its own root: the failure above
		// is the trust decision, not a broken fixture.
		o := good
		o.TrustedRoot = other.rootJSON
		if _, err := VerifyCertificate(ctx, nil, repo+":other", o, opts); err != nil {
			t.Fatalf("with its own root: %v", err)
		}
	})
	t.Run("options_are_required", func(t *testing.T) {
		for _, o := range []CertificateOptions{
			{TrustedRoot: vs.rootJSON, Issuer: testIssuer},
			{TrustedRoot: vs.rootJSON, Identity: testIdentity},
			{TrustedRoot: []byte(`{"mediaType": 5}`), Identity: testIdentity, Issuer: testIssuer},
		} {
			if _, err := VerifyCertificate(ctx, nil, repo+":1", o, opts); err == nil {
				t.Errorf("options %+v: no error", o)
			}
		}
	})
}

func TestDigestBytes(t *testing.T) {
	b, err := digestBytes("sha256:" + strings.Repeat("ab", 32))
	if err != nil || hex.EncodeToString(b) != strings.Repeat("ab", 32) {
		t.Fatalf("digestBytes = %x, %v", b, err)
	}
	if _, err := digestBytes("sha512:" + strings.Repeat("ab", 64)); err == nil {
		t.Error("sha512 accepted")
	}
}

func FuzzParseTrustedRoot(f *testing.F) {
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ParseTrustedRoot(b)
	})
}

func base64Decode(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
