// Package inventory is the software inventory model: the packages a
// filesystem, an image layer, a lockfile or an SBOM holds, each with its
// ecosystem, version, package URL and where it was found. Extractors
// (internal/inventory/...) fill it; the vulnerability matcher and the SBOM
// writers read it.
package inventory

import (
	"sort"
	"strings"
)

// Ecosystem names follow OSV's ecosystem strings, so a package can be
// matched against OSV records without translation. OS ecosystems carry the
// release ("Debian:12", "Alpine:v3.19").
const (
	Go        = "Go"
	NPM       = "npm"
	PyPI      = "PyPI"
	Maven     = "Maven"
	CratesIO  = "crates.io"
	RubyGems  = "RubyGems"
	Packagist = "Packagist"
	NuGet     = "NuGet"
	Debian    = "Debian"
	Ubuntu    = "Ubuntu"
	Alpine    = "Alpine"
	RedHat    = "Red Hat"
	Rocky     = "Rocky Linux"
	Alma      = "AlmaLinux"
	Wolfi     = "Wolfi"
)

// Package is one installed or declared package.
type Package struct {
	// Name as the ecosystem spells it: "github.com/gin-gonic/gin",
	// "@babel/core", "org.apache.logging.log4j:log4j-core" (Maven
	// group:artifact), "libssl3" (OS binary package).
	Name    string `json:"name"`
	Version string `json:"version"`
	// Ecosystem is an OSV ecosystem string ("npm", "Debian:12").
	Ecosystem string `json:"ecosystem"`
	// PURL is the package URL (https://github.com/package-url/purl-spec).
	PURL string `json:"purl"`
	// SourceName and SourceVersion are the source package of an OS binary
	// package (dpkg Source:, rpm SOURCERPM, apk origin); advisories of
	// Debian and Alpine name source packages.
	SourceName    string `json:"sourceName,omitempty"`
	SourceVersion string `json:"sourceVersion,omitempty"`
	// Location is the file the package was read from, relative to the scan
	// root ("var/lib/dpkg/status", "app/package-lock.json", "usr/bin/kubectl").
	Location string `json:"location"`
	// Layer is the diffID of the image layer that introduced the package
	// ("" outside images).
	Layer string `json:"layer,omitempty"`
	// Extractor is the plugin ID that found it ("os/dpkg", "lang/npm-lock").
	Extractor string `json:"extractor"`
	// Licenses are SPDX expressions or names, when the source says.
	Licenses []string `json:"licenses,omitempty"`
	// Dev marks development-only dependencies of a lockfile.
	Dev bool `json:"dev,omitempty"`
	// Direct marks direct dependencies where the lockfile says.
	Direct bool `json:"direct,omitempty"`
}

// Key identifies a package within an inventory.
func (p Package) Key() string {
	return p.Ecosystem + "\x00" + p.Name + "\x00" + p.Version + "\x00" + p.Location
}

// Distro is the operating system of a root filesystem.
type Distro struct {
	// ID is os-release's ID: "debian", "ubuntu", "alpine", "rhel", "rocky".
	ID string `json:"id"`
	// VersionID is os-release's VERSION_ID: "12", "22.04", "3.19.1".
	VersionID string `json:"versionID"`
	// Codename is VERSION_CODENAME where given: "bookworm".
	Codename   string `json:"codename,omitempty"`
	PrettyName string `json:"prettyName,omitempty"`
}

// Ecosystem returns the OSV ecosystem of the distro's packages ("Debian:12",
// "Alpine:v3.19", "Ubuntu:22.04"), or "" when unknown.
func (d Distro) Ecosystem() string {
	switch d.ID {
	case "debian":
		major, _, _ := strings.Cut(d.VersionID, ".")
		if major == "" {
			return Debian
		}
		return Debian + ":" + major
	case "ubuntu":
		return Ubuntu + ":" + d.VersionID
	case "alpine":
		parts := strings.Split(d.VersionID, ".")
		if len(parts) >= 2 {
			return Alpine + ":v" + parts[0] + "." + parts[1]
		}
		return Alpine
	case "wolfi":
		return Wolfi
	case "rhel":
		return RedHat
	case "rocky":
		return Rocky
	case "almalinux":
		return Alma
	}
	return ""
}

// Inventory is everything one scan found.
type Inventory struct {
	Distro   *Distro   `json:"distro,omitempty"`
	Packages []Package `json:"packages"`
}

// Sort orders packages by location, ecosystem, name and version.
func (inv *Inventory) Sort() {
	sort.SliceStable(inv.Packages, func(i, j int) bool {
		a, b := inv.Packages[i], inv.Packages[j]
		if a.Location != b.Location {
			return a.Location < b.Location
		}
		if a.Ecosystem != b.Ecosystem {
			return a.Ecosystem < b.Ecosystem
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Version < b.Version
	})
}
