// Package sbom writes an inventory as a software bill of materials —
// CycloneDX 1.6 JSON or SPDX 2.3 JSON — and reads CycloneDX (1.4–1.6) and
// SPDX (2.2, 2.3) JSON documents back into an inventory.
//
// Writers are deterministic for a fixed Meta (timestamp, serial number and
// namespace), so their output can be compared with golden files. Readers
// read at most MaxSize bytes, reject documents nested deeper than
// limits.DefaultMaxDepth, and derive each package's ecosystem from its
// package URL.
package sbom

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/version"
)

// Format is an SBOM format.
type Format string

// Formats Ward writes and reads.
const (
	CycloneDX Format = "cyclonedx"
	SPDX      Format = "spdx"
)

// ErrUnknownFormat is returned when a format name, or a document read, is
// neither CycloneDX nor SPDX.
var ErrUnknownFormat = errors.New("unknown SBOM format")

// ErrUnsupportedVersion is returned for a CycloneDX or SPDX document of a
// version the reader does not handle.
var ErrUnsupportedVersion = errors.New("unsupported SBOM version")

// TargetKind is what was scanned.
type TargetKind string

// Target kinds. The zero value is treated as TargetDirectory.
const (
	TargetImage      TargetKind = "image"      // a container image
	TargetDirectory  TargetKind = "directory"  // a directory or root filesystem
	TargetFile       TargetKind = "file"       // a single file (a lockfile, a binary, an archive)
	TargetRepository TargetKind = "repository" // a source repository
)

// Target describes the scanned thing, the root of the SBOM.
type Target struct {
	Kind TargetKind
	// Name is the image reference or the path as the user gave it
	// ("alpine:3.19", "./app").
	Name string
	// Version is optional: an image tag or a commit.
	Version string
	// Digest is optional: an image's manifest digest ("sha256:…").
	Digest string
}

// Meta is everything in an SBOM that does not come from the inventory. Zero
// fields get defaults; tests fix Timestamp, SerialNumber and Namespace to
// make the output deterministic.
type Meta struct {
	Target Target
	// ToolName defaults to "ward"; ToolVersion to version.Version.
	ToolName    string
	ToolVersion string
	// Timestamp defaults to the current time. It is written in UTC with
	// second precision.
	Timestamp time.Time
	// SerialNumber is the CycloneDX serialNumber, "urn:uuid:<uuid>";
	// default a random version 4 UUID.
	SerialNumber string
	// Namespace is the SPDX documentNamespace, a unique URI; default
	// DefaultNamespaceBase + "<target name>-<random uuid>".
	Namespace string
}

// DefaultNamespaceBase prefixes generated SPDX document namespaces.
const DefaultNamespaceBase = "https://github.com/wardsec/ward/spdx/"

// withDefaults fills the zero fields of m.
func (m Meta) withDefaults() (Meta, error) {
	if m.ToolName == "" {
		m.ToolName = "ward"
	}
	if m.ToolVersion == "" {
		m.ToolVersion = version.Version
	}
	if m.Target.Kind == "" {
		m.Target.Kind = TargetDirectory
	}
	if m.Target.Name == "" {
		m.Target.Name = "unknown"
	}
	if m.Timestamp.IsZero() {
		m.Timestamp = time.Now()
	}
	m.Timestamp = m.Timestamp.UTC().Truncate(time.Second)
	if m.SerialNumber == "" || m.Namespace == "" {
		id, err := newUUID(rand.Reader)
		if err != nil {
			return m, err
		}
		if m.SerialNumber == "" {
			m.SerialNumber = "urn:uuid:" + id
		}
		if m.Namespace == "" {
			m.Namespace = DefaultNamespaceBase + sanitizeID(m.Target.Name) + "-" + id
		}
	}
	return m, nil
}

// newUUID returns a random (version 4, RFC 4122 variant) UUID read from r.
func newUUID(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("generate uuid: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// Write writes inv in the given format.
func Write(w io.Writer, f Format, inv *inventory.Inventory, meta Meta) error {
	switch f {
	case CycloneDX:
		return WriteCycloneDX(w, inv, meta)
	case SPDX:
		return WriteSPDX(w, inv, meta)
	}
	return fmt.Errorf("write SBOM %q: %w (want cyclonedx or spdx)", f, ErrUnknownFormat)
}

// sortedPackages returns a sorted copy of inv's packages with PURLs filled
// where the inventory left them empty. inv may be nil.
func sortedPackages(inv *inventory.Inventory) (*inventory.Distro, []inventory.Package) {
	if inv == nil {
		return nil, nil
	}
	cp := inventory.Inventory{Packages: append([]inventory.Package(nil), inv.Packages...)}
	for i := range cp.Packages {
		if cp.Packages[i].PURL == "" && cp.Packages[i].Name != "" {
			cp.Packages[i].PURL = inventory.MakePURL(cp.Packages[i], inv.Distro)
		}
	}
	cp.Sort()
	return inv.Distro, cp.Packages
}

// sanitizeID keeps the characters SPDX allows in an SPDXRef idstring
// (letters, digits, '.' and '-') and replaces every other run with '-'.
func sanitizeID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-')
		if ok {
			b.WriteRune(r)
			dash = r == '-'
			continue
		}
		if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "unnamed"
	}
	return out
}
