package match

import (
	"fmt"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// Domain is the finding domain of vulnerabilities.
const Domain = "vuln"

// Finding turns a match into Ward's finding: the check ID is the record's
// ID (GO-2023-2102, CVE-…, GHSA-…), the resource the package, the location
// the file (and layer) the package was found in.
func (m Match) Finding() finding.Finding {
	p := m.Package
	title := m.Vuln.Summary
	if title == "" {
		title = firstLine(m.Vuln.Details)
	}
	if title == "" {
		title = "Vulnerable package"
	}
	msg := fmt.Sprintf("%s %s is affected by %s", p.Name, p.Version, m.Vuln.ID)
	if len(m.Vuln.Aliases) > 0 {
		msg += " (" + strings.Join(m.Vuln.Aliases, ", ") + ")"
	}
	remediation := "No fixed version is known."
	if m.Fixed != "" {
		msg += "; fixed in " + m.Fixed
		remediation = fmt.Sprintf("Upgrade %s to %s or later.", p.Name, m.Fixed)
	}
	if p.SourceName != "" && p.SourceName != p.Name {
		msg += fmt.Sprintf(" (source package %s)", p.SourceName)
	}
	var refs []string
	for _, r := range m.Vuln.References {
		if len(refs) == 5 {
			break
		}
		refs = append(refs, r.URL)
	}
	evidence := p.PURL
	if m.Score != nil {
		evidence += fmt.Sprintf(" · CVSS %s %.1f %s", m.Score.Version, m.Score.Base, m.Score.Vector)
	}
	f := finding.Finding{
		CheckID:     m.Vuln.ID,
		Domain:      Domain,
		Severity:    m.Severity,
		Title:       title,
		Message:     msg,
		Target:      p.Location,
		Resource:    finding.Resource{Kind: "Package", Namespace: p.Ecosystem, Name: p.Name + "@" + p.Version},
		Location:    finding.Location{Path: p.Location, Layer: p.Layer},
		Evidence:    evidence,
		Remediation: remediation,
		References:  refs,
		Detail:      p.Ecosystem + "/" + p.Name + "@" + p.Version,
	}
	f.SetFingerprint()
	return f
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}
