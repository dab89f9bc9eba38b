// Package image opens container images — docker-archive tarballs, OCI
// layout directories, registry references and images of the local Docker
// engine — and builds their layer-aware software inventory by streaming each
// layer once, in order, applying whiteouts, so that every package is
// attributed to the layer that wrote the file it was read from.
//
// Nothing is unpacked to disk: the only file ever written is a private
// spool for large Go/Rust binaries, always removed.
package image

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/daemon"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Source says where Open looks for an image.
type Source string

// Sources. The zero value is SourceAuto.
const (
	// SourceAuto: a path that exists is an archive (file) or an OCI layout
	// (directory, optionally "dir:tag"); otherwise the local Docker engine
	// is asked, then the registry.
	SourceAuto Source = ""
	// SourceArchive is a docker-archive tarball ("docker save" output).
	SourceArchive Source = "archive"
	// SourceLayout is an OCI image layout directory; "dir:tag" selects the
	// image whose org.opencontainers.image.ref.name annotation is tag.
	SourceLayout Source = "layout"
	// SourceRemote is a registry reference ("alpine:3.20", "host/repo@sha256:…").
	SourceRemote Source = "remote"
	// SourceDaemon is an image of the local Docker engine.
	SourceDaemon Source = "daemon"
)

// AnnotationRefName is the OCI annotation that names an image of a layout.
const AnnotationRefName = "org.opencontainers.image.ref.name"

// Options configure Open. The zero value opens with SourceAuto, the
// default keychain and the platform linux/amd64 for multi-platform images.
type Options struct {
	Source Source
	// Insecure allows plain HTTP (and no TLS verification fallback) to a
	// registry. It is refused unless the registry host is a loopback
	// address or "localhost": it exists for test and local registries.
	Insecure bool
	// Platform selects the image of a multi-platform index ("linux/arm64");
	// "" means linux/amd64.
	Platform string
	// Keychain resolves registry credentials; nil means
	// authn.DefaultKeychain (docker config, credential helpers).
	Keychain authn.Keychain
}

// Image is an opened image: its metadata, read eagerly, and the layers,
// read by Inventory.
type Image struct {
	// Ref is the reference as given to Open.
	Ref string
	// Source is where the image was found (never SourceAuto).
	Source Source
	// Digest is the manifest digest ("sha256:…"). For docker-archive and
	// daemon images, whose manifests are synthesised, it is the digest of
	// that synthesised manifest and is computed lazily by ManifestDigest;
	// this field is then empty.
	Digest string
	// ID is the config digest (Docker's image ID).
	ID string
	// DiffIDs are the layers' uncompressed digests, bottom layer first.
	DiffIDs []string
	Config  Config

	img v1.Image
}

// Config is the part of the image configuration the checks use.
type Config struct {
	OS           string            `json:"os,omitempty"`
	Architecture string            `json:"architecture,omitempty"`
	User         string            `json:"user,omitempty"`
	Env          []string          `json:"env,omitempty"`
	Entrypoint   []string          `json:"entrypoint,omitempty"`
	Cmd          []string          `json:"cmd,omitempty"`
	WorkingDir   string            `json:"workingDir,omitempty"`
	ExposedPorts []string          `json:"exposedPorts,omitempty"`
	Labels       map[string]string `json:"labels,omitempty"`
	Healthcheck  *Healthcheck      `json:"healthcheck,omitempty"`
	History      []History         `json:"history,omitempty"`
}

// Healthcheck is the image's HEALTHCHECK; Test[0] "NONE" disables one
// inherited from the base image.
type Healthcheck struct {
	Test []string `json:"test,omitempty"`
}

// History is one build step.
type History struct {
	CreatedBy  string `json:"createdBy,omitempty"`
	EmptyLayer bool   `json:"emptyLayer,omitempty"`
	// Layer is the diffID of the layer the step wrote ("" for empty steps).
	Layer string `json:"layer,omitempty"`
}

// V1 returns the underlying go-containerregistry image.
func (im *Image) V1() v1.Image { return im.img }

// ManifestDigest returns Digest, computing it for images whose manifest is
// synthesised (this compresses every layer once for docker-archive and
// daemon images with uncompressed layers).
func (im *Image) ManifestDigest() (string, error) {
	if im.Digest != "" {
		return im.Digest, nil
	}
	h, err := im.img.Digest()
	if err != nil {
		return "", fmt.Errorf("image %q: manifest digest: %w", im.Ref, err)
	}
	return h.String(), nil
}

// Open opens ref from the source opts selects. Metadata (config, diffIDs,
// and the manifest digest where the image has a real manifest) is read
// now; layer content only by Inventory.
func Open(ctx context.Context, ref string, opts Options) (*Image, error) {
	if ref == "" {
		return nil, errors.New("open image: empty reference")
	}
	switch opts.Source {
	case SourceArchive:
		return openArchive(ref)
	case SourceLayout:
		dir, tag := splitLayoutRef(ref)
		return openLayout(ref, dir, tag, opts)
	case SourceRemote:
		return openRemote(ctx, ref, opts)
	case SourceDaemon:
		return openDaemon(ctx, ref)
	case SourceAuto:
		return openAuto(ctx, ref, opts)
	}
	return nil, fmt.Errorf("open image %q: unknown source %q", ref, opts.Source)
}

func openAuto(ctx context.Context, ref string, opts Options) (*Image, error) {
	if st, err := os.Stat(ref); err == nil {
		if st.IsDir() {
			return openLayout(ref, ref, "", opts)
		}
		return openArchive(ref)
	}
	if dir, tag := splitLayoutRef(ref); tag != "" {
		if st, err := os.Stat(filepath.Join(dir, "index.json")); err == nil && !st.IsDir() {
			return openLayout(ref, dir, tag, opts)
		}
	}
	img, derr := openDaemon(ctx, ref)
	if derr == nil {
		return img, nil
	}
	img, rerr := openRemote(ctx, ref, opts)
	if rerr == nil {
		return img, nil
	}
	return nil, fmt.Errorf("open image %q: not a local path; %w", ref, errors.Join(derr, rerr))
}

// splitLayoutRef splits "dir:tag" when dir exists and the whole ref does not.
func splitLayoutRef(ref string) (dir, tag string) {
	if _, err := os.Stat(ref); err == nil {
		return ref, ""
	}
	i := strings.LastIndexByte(ref, ':')
	if i <= 0 || strings.ContainsAny(ref[i+1:], `/\`) {
		return ref, ""
	}
	return ref[:i], ref[i+1:]
}

func openArchive(path string) (*Image, error) {
	img, err := tarball.ImageFromPath(path, nil)
	if err != nil {
		return nil, fmt.Errorf("open docker-archive %q: %w", path, err)
	}
	return newImage(path, SourceArchive, img, false)
}

func openLayout(ref, dir, tag string, opts Options) (*Image, error) {
	idx, err := layout.ImageIndexFromPath(dir)
	if err != nil {
		return nil, fmt.Errorf("open OCI layout %q: %w", dir, err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, fmt.Errorf("open OCI layout %q: %w", dir, err)
	}
	var picked []v1.Descriptor
	for _, d := range im.Manifests {
		if tag == "" || refNameMatches(d.Annotations[AnnotationRefName], tag) {
			picked = append(picked, d)
		}
	}
	switch {
	case len(picked) == 0 && tag != "":
		return nil, fmt.Errorf("open OCI layout %q: no image with %s %q", dir, AnnotationRefName, tag)
	case len(picked) == 0:
		return nil, fmt.Errorf("open OCI layout %q: no images", dir)
	case len(picked) > 1:
		var names []string
		for _, d := range picked {
			names = append(names, d.Annotations[AnnotationRefName])
		}
		return nil, fmt.Errorf("open OCI layout %q: %d images (%s): name one as %q", dir, len(picked),
			strings.Join(names, ", "), dir+":<tag>")
	}
	d := picked[0]
	var img v1.Image
	switch {
	case d.MediaType.IsImage():
		img, err = idx.Image(d.Digest)
	case d.MediaType.IsIndex():
		var child v1.ImageIndex
		child, err = idx.ImageIndex(d.Digest)
		if err == nil {
			img, err = imageForPlatform(child, opts.Platform)
		}
	default:
		err = fmt.Errorf("unsupported media type %q", d.MediaType)
	}
	if err != nil {
		return nil, fmt.Errorf("open OCI layout %q: %w", dir, err)
	}
	return newImage(ref, SourceLayout, img, true)
}

// refNameMatches compares an org.opencontainers.image.ref.name annotation
// ("3.20" or "docker.io/library/alpine:3.20") with a tag.
func refNameMatches(ann, tag string) bool {
	return ann != "" && (ann == tag || strings.HasSuffix(ann, ":"+tag))
}

func parsePlatform(s string) (*v1.Platform, error) {
	if s == "" {
		s = "linux/amd64"
	}
	p, err := v1.ParsePlatform(s)
	if err != nil {
		return nil, fmt.Errorf("platform %q: %w", s, err)
	}
	return p, nil
}

func imageForPlatform(idx v1.ImageIndex, platform string) (v1.Image, error) {
	want, err := parsePlatform(platform)
	if err != nil {
		return nil, err
	}
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, err
	}
	for _, d := range im.Manifests {
		if d.MediaType.IsImage() && d.Platform != nil && d.Platform.Satisfies(*want) {
			return idx.Image(d.Digest)
		}
	}
	return nil, fmt.Errorf("no image for platform %s in index", want)
}

func openRemote(ctx context.Context, ref string, opts Options) (*Image, error) {
	var nopts []name.Option
	if opts.Insecure {
		nopts = append(nopts, name.Insecure)
	}
	r, err := name.ParseReference(ref, nopts...)
	if err != nil {
		return nil, fmt.Errorf("parse image reference %q: %w", ref, err)
	}
	if opts.Insecure && !isLoopbackHost(r.Context().RegistryStr()) {
		return nil, fmt.Errorf("image %q: insecure registry access is allowed only on loopback, not %q", ref, r.Context().RegistryStr())
	}
	plat, err := parsePlatform(opts.Platform)
	if err != nil {
		return nil, err
	}
	kc := opts.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	img, err := remote.Image(r, remote.WithContext(ctx), remote.WithAuthFromKeychain(kc), remote.WithPlatform(*plat))
	if err != nil {
		return nil, fmt.Errorf("fetch image %q: %w", ref, err)
	}
	return newImage(ref, SourceRemote, img, true)
}

func isLoopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func openDaemon(ctx context.Context, ref string) (*Image, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return nil, fmt.Errorf("parse image reference %q: %w", ref, err)
	}
	// Unbuffered: each layer read streams "docker save" again, so memory
	// stays bounded by the largest buffered file, not the image.
	img, err := daemon.Image(r, daemon.WithContext(ctx), daemon.WithUnbufferedOpener())
	if err != nil {
		return nil, fmt.Errorf("docker engine image %q: %w", ref, err)
	}
	return newImage(ref, SourceDaemon, img, false)
}

// FromV1 wraps an image built or opened by the caller (a test, a mutate
// chain). realManifest says whether img.Digest is cheap and meaningful.
func FromV1(ref string, src Source, img v1.Image, realManifest bool) (*Image, error) {
	return newImage(ref, src, img, realManifest)
}

func newImage(ref string, src Source, img v1.Image, realManifest bool) (*Image, error) {
	out := &Image{Ref: ref, Source: src, img: img}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("image %q: config: %w", ref, err)
	}
	if id, err := img.ConfigName(); err == nil {
		out.ID = id.String()
	}
	if realManifest {
		if mt, err := img.MediaType(); err == nil && mt != types.DockerManifestSchema1 && mt != types.DockerManifestSchema1Signed {
			h, err := img.Digest()
			if err != nil {
				return nil, fmt.Errorf("image %q: manifest digest: %w", ref, err)
			}
			out.Digest = h.String()
		}
	}
	for _, d := range cf.RootFS.DiffIDs {
		out.DiffIDs = append(out.DiffIDs, d.String())
	}
	out.Config = configOf(cf, out.DiffIDs)
	return out, nil
}

func configOf(cf *v1.ConfigFile, diffIDs []string) Config {
	c := Config{
		OS:           cf.OS,
		Architecture: cf.Architecture,
		User:         cf.Config.User,
		Env:          cf.Config.Env,
		Entrypoint:   cf.Config.Entrypoint,
		Cmd:          cf.Config.Cmd,
		WorkingDir:   cf.Config.WorkingDir,
		Labels:       cf.Config.Labels,
	}
	for p := range cf.Config.ExposedPorts {
		c.ExposedPorts = append(c.ExposedPorts, p)
	}
	sort.Strings(c.ExposedPorts)
	if hc := cf.Config.Healthcheck; hc != nil {
		c.Healthcheck = &Healthcheck{Test: hc.Test}
	}
	li := 0
	for _, h := range cf.History {
		e := History{CreatedBy: h.CreatedBy, EmptyLayer: h.EmptyLayer}
		if !h.EmptyLayer && li < len(diffIDs) {
			e.Layer = diffIDs[li]
			li++
		}
		c.History = append(c.History, e)
	}
	return c
}
