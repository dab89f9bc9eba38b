package image

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/wardsec/ward/internal/limits"
)

// testKey is a key pair in the form cosign writes the public half.
type testKey struct {
	pubPEM []byte
	sign   func(t *testing.T, payload []byte) []byte
}

func newECDSAKey(t *testing.T) testKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{pubPEM: pubPEM(t, &k.PublicKey), sign: func(t *testing.T, payload []byte) []byte {
		sum := sha256.Sum256(payload)
		sig, err := ecdsa.SignASN1(rand.Reader, k, sum[:])
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}}
}

func newEd25519Key(t *testing.T) testKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{pubPEM: pubPEM(t, pub), sign: func(t *testing.T, payload []byte) []byte {
		return ed25519.Sign(priv, payload)
	}}
}

func newRSAKey(t *testing.T) testKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{pubPEM: pubPEM(t, &k.PublicKey), sign: func(t *testing.T, payload []byte) []byte {
		sum := sha256.Sum256(payload)
		sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}}
}

func pubPEM(t *testing.T, pub crypto.PublicKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// simpleSigningPayload builds the payload "cosign sign" writes.
func simpleSigningPayload(t testing.TB, dockerRef, digest string) []byte {
	t.Helper()
	var p SimpleSigning
	p.Critical.Identity.DockerReference = dockerRef
	p.Critical.Image.DockerManifestDigest = digest
	p.Critical.Type = SimpleSigningType
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sigLayer is one payload layer of a signature image.
type sigLayer struct {
	payload []byte
	sig     []byte
}

// pushSignatures pushes, as cosign does, an OCI image whose layers are the
// payloads to the tag "sha256-<hex>.sig" of repo.
func pushSignatures(t *testing.T, repo, forDigest string, layers ...sigLayer) {
	t.Helper()
	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	for _, l := range layers {
		var err error
		img, err = mutate.Append(img, mutate.Addendum{
			Layer:       static.NewLayer(l.payload, MediaTypeSimpleSigning),
			Annotations: map[string]string{AnnotationCosignSignature: base64.StdEncoding.EncodeToString(l.sig)},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	tag, err := SignatureTag(forDigest)
	if err != nil {
		t.Fatal(err)
	}
	push(t, repo+":"+tag, img)
}

func push(t *testing.T, ref string, img v1.Image) string {
	t.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(r, img); err != nil {
		t.Fatalf("push %s: %v", ref, err)
	}
	d, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return d.String()
}

func signed(t *testing.T, k testKey, dockerRef, digest string) sigLayer {
	t.Helper()
	p := simpleSigningPayload(t, dockerRef, digest)
	return sigLayer{payload: p, sig: k.sign(t, p)}
}

func TestVerifyKey(t *testing.T) {
	ctx := context.Background()
	reg := startRegistry(t)
	key, other := newECDSAKey(t), newECDSAKey(t)
	edKey, rsaKey := newEd25519Key(t), newRSAKey(t)

	// app:1 is signed; app:2 is app:1 with its top layer changed, carrying
	// a copy of app:1's signature.
	repo := reg + "/ward/app"
	img1, err := random.Image(512, 2)
	if err != nil {
		t.Fatal(err)
	}
	d1 := push(t, repo+":1", img1)
	pushSignatures(t, repo, d1, signed(t, key, repo+":1", d1))

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
	d2 := push(t, repo+":2", img2)
	pushSignatures(t, repo, d2, signed(t, key, repo+":1", d1))

	// unsigned:1 has no signature image.
	img3, err := random.Image(256, 1)
	if err != nil {
		t.Fatal(err)
	}
	push(t, reg+"/ward/unsigned:1", img3)

	// multi:1 signed by three payloads: Ed25519, RSA and one garbage
	// signature; the key in use decides which verifies.
	img4, err := random.Image(256, 1)
	if err != nil {
		t.Fatal(err)
	}
	d4 := push(t, reg+"/ward/multi:1", img4)
	pushSignatures(t, reg+"/ward/multi", d4,
		signed(t, edKey, "ward/multi", d4),
		signed(t, rsaKey, "ward/multi", d4),
		sigLayer{payload: simpleSigningPayload(t, "ward/multi", d4), sig: []byte("garbage")},
	)

	// index:1 is a multi-platform index whose digest is signed; Open picks
	// its linux/amd64 image.
	img5, err := random.Image(256, 1)
	if err != nil {
		t.Fatal(err)
	}
	idx := mutate.AppendManifests(empty.Index, mutate.IndexAddendum{
		Add:        img5,
		Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "amd64"}},
	})
	ir, err := name.ParseReference(reg + "/ward/index:1")
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteIndex(ir, idx); err != nil {
		t.Fatal(err)
	}
	dIdx, err := idx.Digest()
	if err != nil {
		t.Fatal(err)
	}
	pushSignatures(t, reg+"/ward/index", dIdx.String(), signed(t, key, "ward/index:1", dIdx.String()))

	open := func(t *testing.T, ref string) *Image {
		t.Helper()
		im, err := Open(ctx, ref, Options{Source: SourceRemote})
		if err != nil {
			t.Fatalf("open %s: %v", ref, err)
		}
		return im
	}

	tests := []struct {
		name    string
		ref     string
		noImage bool // verify by reference only
		key     testKey
		opts    VerifyOptions
		want    VerifyResult
		wantErr error  // errors.Is target
		wantMsg string // substring of the error
	}{
		{name: "ecdsa_ok", ref: repo + ":1", key: key,
			want: VerifyResult{Digest: d1, Signatures: 1, Identity: repo + ":1"}},
		{name: "tag_resolved_without_image", ref: repo + ":1", noImage: true, key: key,
			want: VerifyResult{Digest: d1, Signatures: 1, Identity: repo + ":1"}},
		{name: "digest_ref_ok", ref: repo + "@" + d1, key: key,
			want: VerifyResult{Digest: d1, Signatures: 1, Identity: repo + ":1"}},
		{name: "insecure_loopback_ok", ref: repo + ":1", key: key, opts: VerifyOptions{Insecure: true},
			want: VerifyResult{Digest: d1, Signatures: 1, Identity: repo + ":1"}},
		{name: "changed_layer_copied_signature", ref: repo + ":2", key: key,
			wantErr: ErrInvalidSignature, wantMsg: "payload signs digest " + d1},
		{name: "wrong_key", ref: repo + ":1", key: other,
			wantErr: ErrInvalidSignature, wantMsg: "ECDSA signature does not verify"},
		{name: "no_signature", ref: reg + "/ward/unsigned:1", key: key, wantErr: ErrNoSignature},
		{name: "no_signature_without_image", ref: reg + "/ward/unsigned:1", noImage: true, key: key, wantErr: ErrNoSignature},
		{name: "ed25519_one_of_three", ref: reg + "/ward/multi:1", key: edKey,
			want: VerifyResult{Digest: d4, Signatures: 1, Identity: "ward/multi"}},
		{name: "rsa_one_of_three", ref: reg + "/ward/multi:1", key: rsaKey,
			want: VerifyResult{Digest: d4, Signatures: 1, Identity: "ward/multi"}},
		{name: "ecdsa_none_of_three", ref: reg + "/ward/multi:1", key: key, wantErr: ErrInvalidSignature},
		{name: "signature_layer_cap", ref: reg + "/ward/multi:1", key: edKey, opts: VerifyOptions{MaxSignatures: 2},
			wantMsg: "signature layers exceeds limit of 2"},
		{name: "payload_size_cap", ref: repo + ":1", key: key, opts: VerifyOptions{MaxPayloadSize: 16},
			wantErr: ErrInvalidSignature, wantMsg: "signature payload size exceeds limit of 16"},
		{name: "index_signature_covers_platform_image", ref: reg + "/ward/index:1", key: key,
			want: VerifyResult{Digest: dIdx.String(), Signatures: 1, Identity: "ward/index:1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var im *Image
			if !tc.noImage {
				im = open(t, tc.ref)
			}
			got, err := VerifyKey(ctx, im, tc.ref, tc.key.pubPEM, tc.opts)
			if tc.wantErr == nil && tc.wantMsg == "" {
				if err != nil {
					t.Fatalf("VerifyKey: %v", err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("VerifyKey (-want +got):\n%s", diff)
				}
				return
			}
			if err == nil {
				t.Fatalf("VerifyKey = %+v, want error", got)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("VerifyKey error %v, want %v", err, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("VerifyKey error %q, want it to contain %q", err, tc.wantMsg)
			}
			if diff := cmp.Diff(VerifyResult{}, got); diff != "" {
				t.Errorf("result on error (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("digest_ref_of_other_image", func(t *testing.T) {
		_, err := VerifyKey(ctx, open(t, repo+":1"), repo+"@"+d2, key.pubPEM, VerifyOptions{})
		if err == nil || !strings.Contains(err.Error(), "is not the image's digest") {
			t.Errorf("VerifyKey error %v, want digest mismatch", err)
		}
	})
	t.Run("limit_error_is_typed", func(t *testing.T) {
		_, err := VerifyKey(ctx, open(t, repo+":1"), repo+":1", key.pubPEM, VerifyOptions{MaxPayloadSize: 16})
		var le *limits.LimitError
		if !errors.As(err, &le) {
			t.Errorf("VerifyKey error %v, want *limits.LimitError", err)
		}
	})
}

func TestVerifyKey_bad_input(t *testing.T) {
	ctx := context.Background()
	key := newECDSAKey(t)
	tests := []struct {
		name    string
		ref     string
		key     []byte
		opts    VerifyOptions
		wantMsg string
	}{
		{"empty_key", "127.0.0.1:1/x:1", nil, VerifyOptions{}, "no PEM block"},
		{"private_key_block", "127.0.0.1:1/x:1", pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: []byte{1}}), VerifyOptions{}, `PEM block "EC PRIVATE KEY"`},
		{"garbage_key", "127.0.0.1:1/x:1", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("junk")}), VerifyOptions{}, "public key:"},
		{"huge_key", "127.0.0.1:1/x:1", make([]byte, maxKeySize+1), VerifyOptions{}, "public key size exceeds limit"},
		{"bad_reference", "UPPER CASE", key.pubPEM, VerifyOptions{}, "parse image reference"},
		{"insecure_not_loopback", "registry.example.com/x:1", key.pubPEM, VerifyOptions{Insecure: true}, "only on loopback"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := VerifyKey(ctx, nil, tc.ref, tc.key, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("VerifyKey error %v, want it to contain %q", err, tc.wantMsg)
			}
		})
	}
}

func TestParseSimpleSigning(t *testing.T) {
	const d = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
	good := string(simpleSigningPayload(t, "ward/app:1", d))
	tests := []struct {
		name    string
		in      string
		wantRef string
		wantMsg string
	}{
		{"ok", good, "ward/app:1", ""},
		{"with_optional", `{"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"` + d + `"},"type":"cosign container image signature"},"optional":{"k":"v"}}`, "r", ""},
		{"wrong_type", strings.Replace(good, SimpleSigningType, "other", 1), "", "critical.type"},
		{"bad_digest", strings.Replace(good, d, "sha256:zz", 1), "", "docker-manifest-digest"},
		{"trailing_data", good + "{}", "", "data after"},
		{"truncated", good[:len(good)/2], "", "signature payload"},
		{"binary", "\x00\xff\x01", "", "signature payload"},
		{"deep_nesting", strings.Repeat("[", 100000), "", "signature payload"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseSimpleSigning([]byte(tc.in))
			if tc.wantMsg == "" {
				if err != nil {
					t.Fatalf("ParseSimpleSigning: %v", err)
				}
				if diff := cmp.Diff(tc.wantRef, p.Critical.Identity.DockerReference); diff != "" {
					t.Errorf("docker-reference (-want +got):\n%s", diff)
				}
				return
			}
			var pe *limits.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("ParseSimpleSigning error %v, want *limits.ParseError containing %q", err, tc.wantMsg)
			}
		})
	}
	t.Run("oversized", func(t *testing.T) {
		_, err := ParseSimpleSigning(make([]byte, limits.DefaultMaxFileSize+1))
		var le *limits.LimitError
		if !errors.As(err, &le) {
			t.Errorf("ParseSimpleSigning error %v, want *limits.LimitError", err)
		}
	})
}

func TestSignatureTag(t *testing.T) {
	const hexd = "abc0000000000000000000000000000000000000000000000000000000000def"
	got, err := SignatureTag("sha256:" + hexd)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("sha256-"+hexd+".sig", got); diff != "" {
		t.Errorf("SignatureTag (-want +got):\n%s", diff)
	}
	if _, err := SignatureTag("latest"); err == nil {
		t.Error("SignatureTag(latest): want error")
	}
}

// FuzzParseSimpleSigning asserts no panic, and that an accepted payload is
// of the cosign type with a valid digest.
func FuzzParseSimpleSigning(f *testing.F) {
	const d = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
	f.Add(simpleSigningPayload(f, "ward/app:1", d))
	f.Add([]byte(`{"critical":{"type":"cosign container image signature"}}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[[[[`))
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := ParseSimpleSigning(in)
		if err != nil {
			return
		}
		if p.Critical.Type != SimpleSigningType {
			t.Fatalf("accepted type %q", p.Critical.Type)
		}
		if _, err := v1.NewHash(p.Critical.Image.DockerManifestDigest); err != nil {
			t.Fatalf("accepted digest %q", p.Critical.Image.DockerManifestDigest)
		}
	})
}
