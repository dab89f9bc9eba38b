package sbom

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

// SPDXVersion is the spdxVersion Ward writes.
const SPDXVersion = "SPDX-2.3"

const (
	spdxDocumentID  = "SPDXRef-DOCUMENT"
	spdxNoAssertion = "NOASSERTION"
)

// spdxDoc is the subset of an SPDX 2.x JSON document Ward writes and reads.
type spdxDoc struct {
	SPDXVersion       string             `json:"spdxVersion"`
	DataLicense       string             `json:"dataLicense"`
	SPDXID            string             `json:"SPDXID"`
	Name              string             `json:"name"`
	DocumentNamespace string             `json:"documentNamespace"`
	DocumentDescribes []string           `json:"documentDescribes,omitempty"`
	CreationInfo      spdxCreationInfo   `json:"creationInfo"`
	Packages          []spdxPackage      `json:"packages"`
	Relationships     []spdxRelationship `json:"relationships,omitempty"`
}

type spdxCreationInfo struct {
	Created  string   `json:"created"`
	Creators []string `json:"creators"`
}

type spdxPackage struct {
	Name                  string            `json:"name"`
	SPDXID                string            `json:"SPDXID"`
	VersionInfo           string            `json:"versionInfo,omitempty"`
	DownloadLocation      string            `json:"downloadLocation"`
	FilesAnalyzed         bool              `json:"filesAnalyzed"`
	Checksums             []spdxChecksum    `json:"checksums,omitempty"`
	SourceInfo            string            `json:"sourceInfo,omitempty"`
	LicenseConcluded      string            `json:"licenseConcluded,omitempty"`
	LicenseDeclared       string            `json:"licenseDeclared,omitempty"`
	CopyrightText         string            `json:"copyrightText,omitempty"`
	Description           string            `json:"description,omitempty"`
	ExternalRefs          []spdxExternalRef `json:"externalRefs,omitempty"`
	PrimaryPackagePurpose string            `json:"primaryPackagePurpose,omitempty"`
}

type spdxChecksum struct {
	Algorithm     string `json:"algorithm"`
	ChecksumValue string `json:"checksumValue"`
}

type spdxExternalRef struct {
	ReferenceCategory string `json:"referenceCategory"`
	ReferenceType     string `json:"referenceType"`
	ReferenceLocator  string `json:"referenceLocator"`
}

type spdxRelationship struct {
	SPDXElementID      string `json:"spdxElementId"`
	RelationshipType   string `json:"relationshipType"`
	RelatedSPDXElement string `json:"relatedSpdxElement"`
}

// WriteSPDX writes inv as an SPDX 2.3 JSON document: a root package for the
// scanned target, described by the document and containing the operating
// system (if known) and every package.
func WriteSPDX(w io.Writer, inv *inventory.Inventory, meta Meta) error {
	meta, err := meta.withDefaults()
	if err != nil {
		return fmt.Errorf("write SPDX: %w", err)
	}
	distro, pkgs := sortedPackages(inv)

	root := spdxTarget(meta.Target)
	doc := spdxDoc{
		SPDXVersion:       SPDXVersion,
		DataLicense:       "CC0-1.0",
		SPDXID:            spdxDocumentID,
		Name:              meta.Target.Name,
		DocumentNamespace: meta.Namespace,
		CreationInfo: spdxCreationInfo{
			Created:  meta.Timestamp.Format(time.RFC3339),
			Creators: []string{"Tool: " + meta.ToolName + "-" + meta.ToolVersion},
		},
		Packages:      make([]spdxPackage, 0, len(pkgs)+2),
		Relationships: make([]spdxRelationship, 0, len(pkgs)+2),
	}
	doc.Packages = append(doc.Packages, root)
	doc.Relationships = append(doc.Relationships, spdxRelationship{spdxDocumentID, "DESCRIBES", root.SPDXID})
	contains := func(id string) {
		doc.Relationships = append(doc.Relationships, spdxRelationship{root.SPDXID, "CONTAINS", id})
	}

	if distro != nil && distro.ID != "" {
		osp := spdxPackage{
			Name:                  distro.ID,
			SPDXID:                "SPDXRef-OperatingSystem-" + sanitizeID(distro.ID+"-"+distro.VersionID),
			VersionInfo:           distro.VersionID,
			DownloadLocation:      spdxNoAssertion,
			LicenseConcluded:      spdxNoAssertion,
			LicenseDeclared:       spdxNoAssertion,
			Description:           distro.PrettyName,
			PrimaryPackagePurpose: "OPERATING_SYSTEM",
		}
		doc.Packages = append(doc.Packages, osp)
		contains(osp.SPDXID)
	}
	for i, p := range pkgs {
		sp := spdxPackage{
			Name:                  p.Name,
			SPDXID:                "SPDXRef-Package-" + sanitizeID(p.Name) + "-" + strconv.Itoa(i+1),
			VersionInfo:           p.Version,
			DownloadLocation:      spdxNoAssertion,
			SourceInfo:            spdxSourceInfo(p),
			LicenseConcluded:      spdxNoAssertion,
			LicenseDeclared:       spdxLicense(p.Licenses),
			PrimaryPackagePurpose: "LIBRARY",
		}
		if p.PURL != "" {
			sp.ExternalRefs = []spdxExternalRef{{
				ReferenceCategory: "PACKAGE-MANAGER",
				ReferenceType:     "purl",
				ReferenceLocator:  p.PURL,
			}}
		}
		doc.Packages = append(doc.Packages, sp)
		contains(sp.SPDXID)
	}
	return writeJSON(w, doc, "SPDX")
}

// spdxTarget is the root package for the scanned target.
func spdxTarget(t Target) spdxPackage {
	p := spdxPackage{
		Name:             t.Name,
		SPDXID:           "SPDXRef-Target-" + sanitizeID(string(t.Kind)+"-"+t.Name),
		VersionInfo:      t.Version,
		DownloadLocation: spdxNoAssertion,
		LicenseConcluded: spdxNoAssertion,
		LicenseDeclared:  spdxNoAssertion,
	}
	switch t.Kind {
	case TargetImage:
		p.PrimaryPackagePurpose = "CONTAINER"
	case TargetFile:
		p.PrimaryPackagePurpose = "FILE"
	case TargetRepository:
		p.PrimaryPackagePurpose = "SOURCE"
	default:
		p.PrimaryPackagePurpose = "APPLICATION"
	}
	if alg, hex, ok := strings.Cut(t.Digest, ":"); ok {
		if name, ok := spdxHashAlgs[alg]; ok {
			p.Checksums = []spdxChecksum{{Algorithm: name, ChecksumValue: hex}}
		}
	}
	return p
}

// spdxHashAlgs maps OCI digest algorithms to SPDX checksum algorithms.
var spdxHashAlgs = map[string]string{"sha256": "SHA256", "sha512": "SHA512"}

// spdxSourceInfo says where Ward found a package.
func spdxSourceInfo(p inventory.Package) string {
	if p.Location == "" {
		return ""
	}
	s := "found by ward"
	if p.Extractor != "" {
		s += " extractor " + p.Extractor
	}
	s += " in " + p.Location
	if p.Layer != "" {
		s += " (layer " + p.Layer + ")"
	}
	return s
}

// readSPDX converts a decoded SPDX 2.2 or 2.3 document to an inventory. The
// packages the document describes are the scan target and are left out
// unless they carry a package URL; an OPERATING_SYSTEM package becomes the
// inventory's distro.
func readSPDX(data []byte) (*inventory.Inventory, error) {
	var doc spdxDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, jsonError(data, "decode SPDX", err)
	}
	roots := make(map[string]bool)
	for _, id := range doc.DocumentDescribes {
		roots[id] = true
	}
	for _, r := range doc.Relationships {
		switch {
		case r.RelationshipType == "DESCRIBES" && r.SPDXElementID == doc.SPDXID:
			roots[r.RelatedSPDXElement] = true
		case r.RelationshipType == "DESCRIBED_BY" && r.RelatedSPDXElement == doc.SPDXID:
			roots[r.SPDXElementID] = true
		}
	}
	if len(doc.Packages) > maxPackages {
		return nil, &limits.LimitError{What: "SBOM packages", Limit: maxPackages}
	}
	inv := &inventory.Inventory{Packages: make([]inventory.Package, 0, len(doc.Packages))}
	for _, sp := range doc.Packages {
		purl := spdxPURL(sp)
		switch {
		case sp.PrimaryPackagePurpose == "OPERATING_SYSTEM" || sp.PrimaryPackagePurpose == "OPERATING-SYSTEM":
			if inv.Distro == nil && sp.Name != "" {
				inv.Distro = &inventory.Distro{ID: strings.ToLower(sp.Name), VersionID: sp.VersionInfo, PrettyName: sp.Description}
			}
			continue
		case roots[sp.SPDXID] && purl == "":
			continue
		case sp.Name == "" && purl == "":
			continue
		}
		p := inventory.Package{Name: sp.Name, Version: sp.VersionInfo, PURL: purl, Extractor: "sbom/spdx"}
		applyPURL(&p, "")
		for _, l := range []string{sp.LicenseDeclared, sp.LicenseConcluded} {
			if l != "" && l != spdxNoAssertion && l != "NONE" {
				p.Licenses = []string{l}
				break
			}
		}
		inv.Packages = append(inv.Packages, p)
	}
	fillOSEcosystems(inv)
	return inv, nil
}

// spdxPURL returns the first purl external reference of a package.
func spdxPURL(p spdxPackage) string {
	for _, r := range p.ExternalRefs {
		cat := strings.ReplaceAll(r.ReferenceCategory, "_", "-")
		if r.ReferenceType == "purl" && (cat == "PACKAGE-MANAGER" || cat == "") {
			return r.ReferenceLocator
		}
	}
	return ""
}
