package inventory

import (
	"strings"

	packageurl "github.com/package-url/packageurl-go"
)

// PURLType maps an ecosystem to its package-URL type.
func PURLType(ecosystem string) string {
	base, _, _ := strings.Cut(ecosystem, ":")
	switch base {
	case Go:
		return packageurl.TypeGolang
	case NPM:
		return packageurl.TypeNPM
	case PyPI:
		return packageurl.TypePyPi
	case Maven:
		return packageurl.TypeMaven
	case CratesIO:
		return packageurl.TypeCargo
	case RubyGems:
		return packageurl.TypeGem
	case Packagist:
		return packageurl.TypeComposer
	case NuGet:
		return packageurl.TypeNuget
	case Debian, Ubuntu:
		return packageurl.TypeDebian
	case Alpine, Wolfi:
		return packageurl.TypeApk
	case RedHat, Rocky, Alma:
		return packageurl.TypeRPM
	}
	return packageurl.TypeGeneric
}

// MakePURL builds the package URL of a package. distro (may be nil) gives
// OS packages their namespace and distro qualifier.
func MakePURL(p Package, distro *Distro) string {
	typ := PURLType(p.Ecosystem)
	namespace, name := "", p.Name
	var qualifiers packageurl.Qualifiers
	switch typ {
	case packageurl.TypeGolang, packageurl.TypeNPM, packageurl.TypeComposer:
		if i := strings.LastIndex(name, "/"); i > 0 {
			namespace, name = name[:i], name[i+1:]
		}
	case packageurl.TypeMaven:
		if g, a, ok := strings.Cut(name, ":"); ok {
			namespace, name = g, a
		}
	case packageurl.TypePyPi:
		name = strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	case packageurl.TypeDebian, packageurl.TypeApk, packageurl.TypeRPM:
		if distro != nil {
			namespace = distro.ID
			if distro.VersionID != "" {
				qualifiers = append(qualifiers, packageurl.Qualifier{Key: "distro", Value: distro.ID + "-" + distro.VersionID})
			}
		}
		if p.SourceName != "" && p.SourceName != p.Name && typ == packageurl.TypeDebian {
			src := p.SourceName
			if p.SourceVersion != "" && p.SourceVersion != p.Version {
				src += "@" + p.SourceVersion
			}
			qualifiers = append(qualifiers, packageurl.Qualifier{Key: "upstream", Value: src})
		}
	}
	return packageurl.NewPackageURL(typ, namespace, name, p.Version, qualifiers, "").ToString()
}
