package sbom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

// CycloneDXVersion is the specVersion Ward writes.
const CycloneDXVersion = "1.6"

// Property names of Ward-specific package data in CycloneDX components.
const (
	PropLocation      = "ward:location"
	PropLayer         = "ward:layer"
	PropExtractor     = "ward:extractor"
	PropSource        = "ward:source"
	PropSourceVersion = "ward:source-version"
	PropEcosystem     = "ward:ecosystem"
	PropDev           = "ward:dev"
	PropDirect        = "ward:direct"
)

// cdxBOM is the subset of a CycloneDX JSON document Ward writes and reads.
type cdxBOM struct {
	Schema       string         `json:"$schema,omitempty"`
	BOMFormat    string         `json:"bomFormat"`
	SpecVersion  string         `json:"specVersion"`
	SerialNumber string         `json:"serialNumber,omitempty"`
	Version      int            `json:"version,omitempty"`
	Metadata     *cdxMetadata   `json:"metadata,omitempty"`
	Components   []cdxComponent `json:"components"`
}

type cdxMetadata struct {
	Timestamp string        `json:"timestamp,omitempty"`
	Tools     *cdxTools     `json:"tools,omitempty"`
	Component *cdxComponent `json:"component,omitempty"`
}

// cdxTools is metadata.tools: an object with components in 1.5+, a bare
// (deprecated) array of tools in 1.4. Ward writes the object and ignores
// tools when reading.
type cdxTools struct {
	Components []cdxComponent `json:"components"`
}

// UnmarshalJSON ignores tools, whichever shape they have.
func (*cdxTools) UnmarshalJSON([]byte) error { return nil }

type cdxComponent struct {
	Type        string         `json:"type"`
	BOMRef      string         `json:"bom-ref,omitempty"`
	Group       string         `json:"group,omitempty"`
	Name        string         `json:"name"`
	Version     string         `json:"version,omitempty"`
	Description string         `json:"description,omitempty"`
	Hashes      []cdxHash      `json:"hashes,omitempty"`
	Licenses    []cdxLicense   `json:"licenses,omitempty"`
	PURL        string         `json:"purl,omitempty"`
	Properties  []cdxProperty  `json:"properties,omitempty"`
	Components  []cdxComponent `json:"components,omitempty"`
}

type cdxHash struct {
	Alg     string `json:"alg"`
	Content string `json:"content"`
}

// cdxLicense is one entry of a licenses array: either a license or an
// expression.
type cdxLicense struct {
	License    *cdxLicenseID `json:"license,omitempty"`
	Expression string        `json:"expression,omitempty"`
}

type cdxLicenseID struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

type cdxProperty struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// WriteCycloneDX writes inv as a CycloneDX 1.6 JSON document.
func WriteCycloneDX(w io.Writer, inv *inventory.Inventory, meta Meta) error {
	meta, err := meta.withDefaults()
	if err != nil {
		return fmt.Errorf("write CycloneDX: %w", err)
	}
	distro, pkgs := sortedPackages(inv)

	target := cdxTarget(meta.Target)
	bom := cdxBOM{
		Schema:       "http://cyclonedx.org/schema/bom-1.6.schema.json",
		BOMFormat:    "CycloneDX",
		SpecVersion:  CycloneDXVersion,
		SerialNumber: meta.SerialNumber,
		Version:      1,
		Metadata: &cdxMetadata{
			Timestamp: meta.Timestamp.Format(time.RFC3339),
			Tools: &cdxTools{Components: []cdxComponent{{
				Type:    "application",
				Group:   "wardsec",
				Name:    meta.ToolName,
				Version: meta.ToolVersion,
			}}},
			Component: &target,
		},
		Components: make([]cdxComponent, 0, len(pkgs)+1),
	}

	refs := make(map[string]bool, len(pkgs)+2)
	refs[target.BOMRef] = true
	if distro != nil && distro.ID != "" {
		osc := cdxComponent{
			Type:        "operating-system",
			BOMRef:      uniqueRef(refs, "os:"+distro.ID+"@"+distro.VersionID),
			Name:        distro.ID,
			Version:     distro.VersionID,
			Description: distro.PrettyName,
		}
		bom.Components = append(bom.Components, osc)
	}
	for _, p := range pkgs {
		c := cdxPackage(p)
		base := p.PURL
		if base == "" {
			base = "ward:" + p.Ecosystem + "/" + p.Name + "@" + p.Version
		}
		if refs[base] && p.Location != "" {
			base += "#" + p.Location
		}
		c.BOMRef = uniqueRef(refs, base)
		bom.Components = append(bom.Components, c)
	}
	// No dependencies section: the inventory has no edges between packages,
	// and an absent graph means "unknown" where an empty one would claim
	// "none".

	return writeJSON(w, bom, "CycloneDX")
}

// cdxTarget is metadata.component for the scanned target.
func cdxTarget(t Target) cdxComponent {
	c := cdxComponent{BOMRef: "ward:target", Name: t.Name, Version: t.Version}
	switch t.Kind {
	case TargetImage:
		c.Type = "container"
	case TargetFile:
		c.Type = "file"
	default:
		c.Type = "application"
	}
	if alg, hex, ok := strings.Cut(t.Digest, ":"); ok {
		if name, ok := cdxHashAlgs[alg]; ok {
			c.Hashes = []cdxHash{{Alg: name, Content: hex}}
		}
	}
	return c
}

// cdxHashAlgs maps OCI digest algorithms to CycloneDX hash names.
var cdxHashAlgs = map[string]string{"sha256": "SHA-256", "sha512": "SHA-512"}

// cdxPackage converts a package to a library component (without bom-ref).
func cdxPackage(p inventory.Package) cdxComponent {
	c := cdxComponent{Type: "library", Name: p.Name, Version: p.Version, PURL: p.PURL}
	if inventory.PURLType(p.Ecosystem) == "maven" {
		if g, a, ok := strings.Cut(p.Name, ":"); ok {
			c.Group, c.Name = g, a
		}
	}
	c.Licenses = cdxLicenses(p.Licenses)
	add := func(name, value string) {
		if value != "" {
			c.Properties = append(c.Properties, cdxProperty{Name: name, Value: value})
		}
	}
	add(PropEcosystem, p.Ecosystem)
	add(PropExtractor, p.Extractor)
	add(PropLayer, p.Layer)
	add(PropLocation, p.Location)
	add(PropSource, p.SourceName)
	add(PropSourceVersion, p.SourceVersion)
	if p.Dev {
		add(PropDev, "true")
	}
	if p.Direct {
		add(PropDirect, "true")
	}
	return c
}

// cdxLicenses writes one known SPDX expression as an expression, and
// otherwise each license as an SPDX id where known, else as a name.
func cdxLicenses(ls []string) []cdxLicense {
	if len(ls) == 0 {
		return nil
	}
	if len(ls) == 1 {
		if _, isID := licenseID(ls[0]); !isID {
			if e, ok := licenseExpression(ls[0]); ok {
				return []cdxLicense{{Expression: e}}
			}
		}
	}
	out := make([]cdxLicense, 0, len(ls))
	seen := make(map[cdxLicenseID]bool, len(ls))
	for _, l := range ls {
		var lic cdxLicenseID
		if id, ok := licenseID(l); ok {
			lic.ID = id
		} else if l = strings.TrimSpace(l); l != "" {
			lic.Name = l
		} else {
			continue
		}
		if !seen[lic] {
			seen[lic] = true
			out = append(out, cdxLicense{License: &lic})
		}
	}
	return out
}

// uniqueRef returns base, or base with the smallest "#<n>" suffix not yet
// used, and records it.
func uniqueRef(used map[string]bool, base string) string {
	ref := base
	for n := 2; used[ref]; n++ {
		ref = base + "#" + strconv.Itoa(n)
	}
	used[ref] = true
	return ref
}

// writeJSON writes v as indented JSON without HTML escaping.
func writeJSON(w io.Writer, v any, what string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode %s: %w", what, err)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

// readCycloneDX converts a decoded CycloneDX document to an inventory.
func readCycloneDX(data []byte) (*inventory.Inventory, error) {
	var bom cdxBOM
	if err := json.Unmarshal(data, &bom); err != nil {
		return nil, jsonError(data, "decode CycloneDX", err)
	}
	inv := &inventory.Inventory{Packages: []inventory.Package{}}
	var walk func(cs []cdxComponent) error
	walk = func(cs []cdxComponent) error {
		for _, c := range cs {
			if c.Type == "operating-system" {
				if inv.Distro == nil && c.Name != "" {
					inv.Distro = &inventory.Distro{ID: strings.ToLower(c.Name), VersionID: c.Version, PrettyName: c.Description}
				}
			} else if c.Name != "" || c.PURL != "" {
				if len(inv.Packages) >= maxPackages {
					return &limits.LimitError{What: "SBOM packages", Limit: maxPackages}
				}
				inv.Packages = append(inv.Packages, cdxToPackage(c))
			}
			if err := walk(c.Components); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(bom.Components); err != nil {
		return nil, err
	}
	fillOSEcosystems(inv)
	return inv, nil
}

// cdxToPackage converts a component; PURL facts win over names.
func cdxToPackage(c cdxComponent) inventory.Package {
	name := c.Name
	if c.Group != "" {
		sep := "/"
		if strings.HasPrefix(c.PURL, "pkg:maven/") {
			sep = ":"
		}
		name = c.Group + sep + c.Name
	}
	p := inventory.Package{Name: name, Version: c.Version, PURL: c.PURL, Extractor: "sbom/cyclonedx"}
	props := map[string]string{}
	for _, pr := range c.Properties {
		if _, dup := props[pr.Name]; !dup {
			props[pr.Name] = pr.Value
		}
	}
	applyPURL(&p, props[PropEcosystem])
	if v := props[PropExtractor]; v != "" {
		p.Extractor = v
	}
	p.Location = props[PropLocation]
	p.Layer = props[PropLayer]
	if v := props[PropSource]; v != "" {
		p.SourceName = v
	}
	if v := props[PropSourceVersion]; v != "" {
		p.SourceVersion = v
	}
	p.Dev = props[PropDev] == "true"
	p.Direct = props[PropDirect] == "true"
	for _, l := range c.Licenses {
		switch {
		case l.Expression != "":
			p.Licenses = append(p.Licenses, l.Expression)
		case l.License != nil && l.License.ID != "":
			p.Licenses = append(p.Licenses, l.License.ID)
		case l.License != nil && l.License.Name != "":
			p.Licenses = append(p.Licenses, l.License.Name)
		}
	}
	return p
}
