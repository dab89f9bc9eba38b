package sbom

import "strings"

// knownLicenseIDs are common SPDX license identifiers. A license string that
// is one of them (compared case-insensitively) is written as an SPDX id;
// anything else is written as a license name (CycloneDX) or NOASSERTION
// (SPDX), because an unknown id would make the document invalid.
// TestKnownLicenseIDsAreSPDX checks every entry against the SPDX list in the
// CycloneDX schema.
var knownLicenseIDs = []string{
	"0BSD", "AFL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1",
	"Apache-2.0", "Artistic-1.0", "Artistic-2.0", "BSD-1-Clause",
	"BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause", "BSL-1.0", "CC-BY-3.0",
	"CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CDDL-1.0", "CDDL-1.1",
	"EPL-1.0", "EPL-2.0", "EUPL-1.2", "GPL-1.0-or-later", "GPL-2.0-only",
	"GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "ISC",
	"LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1-only",
	"LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "MIT",
	"MIT-0", "MPL-1.1", "MPL-2.0", "OpenSSL", "PostgreSQL", "PSF-2.0",
	"Python-2.0", "Ruby", "Unicode-DFS-2016", "Unlicense", "UPL-1.0",
	"W3C", "WTFPL", "X11", "Zlib", "ZPL-2.1",
}

// licenseID returns the canonical spelling of s when s is a known SPDX
// license identifier.
func licenseID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, id := range knownLicenseIDs {
		if strings.EqualFold(id, s) {
			return id, true
		}
	}
	return "", false
}

// licenseExpression returns s rewritten with canonical ids when s is an SPDX
// license expression made only of known ids, AND, OR, WITH (followed by an
// exception id) and parentheses; ok is false otherwise. A single known id is
// an expression too.
func licenseExpression(s string) (string, bool) {
	s = strings.NewReplacer("(", " ( ", ")", " ) ").Replace(s)
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return "", false
	}
	depth := 0
	wantOperand := true
	var out []string
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		switch {
		case f == "(":
			if !wantOperand {
				return "", false
			}
			depth++
		case f == ")":
			if wantOperand || depth == 0 {
				return "", false
			}
			depth--
		case f == "AND" || f == "OR":
			if wantOperand {
				return "", false
			}
			wantOperand = true
		case f == "WITH":
			// The exception is an idstring; exceptions are not in the
			// license list, so accept any well-formed one.
			if wantOperand || i+1 >= len(fields) || !isIDString(fields[i+1]) {
				return "", false
			}
			out = append(out, f, fields[i+1])
			i++
			continue
		default:
			id, ok := licenseID(f)
			if !ok || !wantOperand {
				return "", false
			}
			f = id
			wantOperand = false
		}
		out = append(out, f)
	}
	if wantOperand || depth != 0 {
		return "", false
	}
	return strings.NewReplacer("( ", "(", " )", ")").Replace(strings.Join(out, " ")), true
}

// isIDString reports whether s is a non-empty SPDX idstring.
func isIDString(s string) bool {
	return s != "" && sanitizeID(s) == s
}

// spdxLicense joins licenses into one SPDX expression, or returns
// "NOASSERTION" when any of them is not a known expression.
func spdxLicense(licenses []string) string {
	if len(licenses) == 0 {
		return "NOASSERTION"
	}
	parts := make([]string, 0, len(licenses))
	for _, l := range licenses {
		e, ok := licenseExpression(l)
		if !ok {
			return "NOASSERTION"
		}
		if len(licenses) > 1 && strings.ContainsAny(e, " ") {
			e = "(" + e + ")"
		}
		parts = append(parts, e)
	}
	return strings.Join(parts, " AND ")
}
