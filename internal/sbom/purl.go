package sbom

import (
	"strings"

	packageurl "github.com/package-url/packageurl-go"

	"github.com/wardsec/ward/internal/inventory"
)

// applyPURL parses p.PURL and sets p's Ecosystem, and its Name (and, where
// the package does not say, Version and source package) from the PURL.
// hint is the ecosystem to use when the PURL is missing, invalid or of a
// type Ward does not map (a "ward:ecosystem" property of Ward's own SBOMs).
func applyPURL(p *inventory.Package, hint string) {
	p.Ecosystem = hint
	if p.PURL == "" {
		return
	}
	u, err := packageurl.FromString(p.PURL)
	if err != nil {
		return
	}
	eco, name := purlEcosystem(u)
	if eco == "" {
		return
	}
	p.Ecosystem = eco
	if p.Name == "" || normalizeName(p.Name) != normalizeName(name) {
		p.Name = name
	}
	if p.Version == "" {
		p.Version = u.Version
	}
	if u.Type == packageurl.TypeDebian && p.SourceName == "" {
		if up := u.Qualifiers.Map()["upstream"]; up != "" {
			p.SourceName, p.SourceVersion, _ = strings.Cut(up, "@")
		}
	}
}

// normalizeName folds case and the separators PyPI treats as equal.
func normalizeName(s string) string {
	return strings.NewReplacer("_", "-", ".", "-").Replace(strings.ToLower(s))
}

// purlEcosystem returns the OSV ecosystem and ecosystem-spelled name of a
// package URL, or "" when the type is not one Ward matches.
func purlEcosystem(u packageurl.PackageURL) (ecosystem, name string) {
	joined := u.Name
	if u.Namespace != "" {
		joined = u.Namespace + "/" + u.Name
	}
	switch u.Type {
	case packageurl.TypeGolang:
		return inventory.Go, joined
	case packageurl.TypeNPM:
		return inventory.NPM, joined
	case packageurl.TypePyPi:
		return inventory.PyPI, u.Name
	case packageurl.TypeMaven:
		if u.Namespace == "" {
			return inventory.Maven, u.Name
		}
		return inventory.Maven, u.Namespace + ":" + u.Name
	case packageurl.TypeCargo:
		return inventory.CratesIO, u.Name
	case packageurl.TypeGem:
		return inventory.RubyGems, u.Name
	case packageurl.TypeComposer:
		return inventory.Packagist, joined
	case packageurl.TypeNuget:
		return inventory.NuGet, u.Name
	case packageurl.TypeDebian, packageurl.TypeApk, packageurl.TypeRPM:
		return osEcosystem(u), u.Name
	}
	return "", joined
}

// osEcosystem derives the ecosystem of an OS package URL from its
// namespace and distro qualifier ("pkg:deb/debian/x?distro=debian-12" →
// "Debian:12"). Without a version it returns the bare distribution
// ("Debian"); fillOSEcosystems may complete it later.
func osEcosystem(u packageurl.PackageURL) string {
	id := strings.ToLower(u.Namespace)
	if id == "redhat" {
		id = "rhel"
	}
	var d inventory.Distro
	q := strings.ToLower(u.Qualifiers.Map()["distro"])
	qid, qver, hasVer := strings.Cut(q, "-")
	switch {
	case hasVer && (id == "" || qid == id || qid == "redhat" && id == "rhel"):
		if id == "" {
			id = qid
		}
		d = inventory.Distro{ID: id, VersionID: qver}
	case id == "debian" && debianCodenames[q] != "":
		d = inventory.Distro{ID: id, VersionID: debianCodenames[q]}
	default:
		d = inventory.Distro{ID: id}
	}
	// Distro.Ecosystem gives "Ubuntu:" for an Ubuntu without version.
	if eco := strings.TrimSuffix(d.Ecosystem(), ":"); eco != "" {
		return eco
	}
	// Namespace unknown: fall back on the package type's usual distribution.
	switch u.Type {
	case packageurl.TypeDebian:
		return inventory.Debian
	case packageurl.TypeApk:
		return inventory.Alpine
	}
	return ""
}

// debianCodenames maps Debian release codenames, as some tools write them in
// the distro qualifier, to version numbers.
var debianCodenames = map[string]string{
	"stretch": "9", "buster": "10", "bullseye": "11", "bookworm": "12", "trixie": "13",
}

// fillOSEcosystems gives OS packages whose PURL named no release the release
// of the document's operating system ("Debian" → "Debian:12").
func fillOSEcosystems(inv *inventory.Inventory) {
	if inv.Distro == nil {
		return
	}
	full := inv.Distro.Ecosystem()
	base, _, hasRelease := strings.Cut(full, ":")
	if !hasRelease {
		return
	}
	for i := range inv.Packages {
		if inv.Packages[i].Ecosystem == base {
			inv.Packages[i].Ecosystem = full
		}
	}
}
