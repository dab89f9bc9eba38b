package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/wardsec/ward/internal/finding"
)

// SARIF 2.1.0 constants.
const (
	sarifVersion   = "2.1.0"
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the uriBaseId of every artifact: paths are relative to the
	// directory the scan ran on.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names Ward's fingerprint in partialFingerprints. Bump
	// the /v suffix if finding.Fingerprint ever changes what it hashes.
	fingerprintKey = "wardFingerprint/v1"
	informationURI = "https://github.com/wardsec/ward"
)

// The types below are the subset of the SARIF 2.1.0 object model Ward emits,
// with JSON names from the specification.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name,omitempty"`
	ShortDescription     *sarifMessage     `json:"shortDescription,omitempty"`
	FullDescription      *sarifMessage     `json:"fullDescription,omitempty"`
	Help                 *sarifMessage     `json:"help,omitempty"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags             []string `json:"tags,omitempty"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

// sarifMessage is both a message and a multiformatMessageString.
type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogical struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
}

type sarifSuppression struct {
	Kind          string            `json:"kind"`
	Status        string            `json:"status"`
	Justification string            `json:"justification,omitempty"`
	Properties    map[string]string `json:"properties,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string            `json:"level"`
	Message    sarifMessage      `json:"message"`
	Locations  []sarifLocation   `json:"locations,omitempty"`
	Properties map[string]string `json:"properties,omitempty"`
}

// writeSARIF writes one run with one rule per check ID present. Suppressed
// findings are always included, marked with suppressions, as SARIF intends.
func writeSARIF(b *bytes.Buffer, v view) error {
	rules, index := sarifRules(v.rep.Findings)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "ward",
			Version:        v.rep.Tool.Version,
			InformationURI: informationURI,
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{{
			// The scan finished; per-file problems are notifications.
			ExecutionSuccessful:        true,
			ToolExecutionNotifications: sarifNotifications(v.rep.Errors),
		}},
		Results: make([]sarifResult, 0, len(v.rep.Findings)),
	}
	for _, f := range v.rep.Findings {
		run.Results = append(run.Results, sarifResultOf(f, index[f.CheckID]))
	}
	log := sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}}
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// sarifRules builds one rule per distinct check ID, sorted by ID, and the
// index of each ID in that list. A rule's metadata comes from the first
// finding of its check in sorted order; its severity is the highest seen.
func sarifRules(fs []finding.Finding) ([]sarifRule, map[string]int) {
	first := map[string]finding.Finding{}
	worst := map[string]finding.Severity{}
	var ids []string
	for _, f := range fs {
		if _, ok := first[f.CheckID]; !ok {
			first[f.CheckID] = f
			ids = append(ids, f.CheckID)
		}
		worst[f.CheckID] = max(worst[f.CheckID], f.Severity)
	}
	sort.Strings(ids)
	rules := make([]sarifRule, 0, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
		rules = append(rules, sarifRuleOf(first[id], worst[id]))
	}
	return rules, index
}

func sarifRuleOf(f finding.Finding, sev finding.Severity) sarifRule {
	r := sarifRule{
		ID:                   f.CheckID,
		Name:                 camelCase(f.Title),
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(sev)},
		Properties: sarifRuleProperty{
			Tags:             sarifTags(f.Domain, sev),
			SecuritySeverity: securitySeverity(sev),
		},
	}
	if r.Name == "" {
		r.Name = camelCase(f.CheckID)
	}
	if t := oneLine(f.Title); t != "" {
		r.ShortDescription = &sarifMessage{Text: t}
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		r.FullDescription = &sarifMessage{Text: d}
	}
	r.Help = sarifHelp(f)
	if len(f.References) > 0 {
		r.HelpURI = f.References[0]
	}
	return r
}

// sarifHelp joins description, remediation and references into plain text
// and Markdown; nil when the check documents none of them.
func sarifHelp(f finding.Finding) *sarifMessage {
	desc := strings.TrimSpace(f.Description)
	rem := strings.TrimSpace(f.Remediation)
	if desc == "" && rem == "" && len(f.References) == 0 {
		return nil
	}
	var text, md []string
	if desc != "" {
		text = append(text, desc)
		md = append(md, desc)
	}
	if rem != "" {
		text = append(text, "Remediation: "+rem)
		md = append(md, "**Remediation:** "+rem)
	}
	if len(f.References) > 0 {
		var t, m strings.Builder
		t.WriteString("References:")
		m.WriteString("**References:**\n")
		for _, ref := range f.References {
			t.WriteString("\n- " + ref)
			m.WriteString("\n- <" + ref + ">")
		}
		text = append(text, t.String())
		md = append(md, m.String())
	}
	return &sarifMessage{Text: strings.Join(text, "\n\n"), Markdown: strings.Join(md, "\n\n")}
}

func sarifResultOf(f finding.Finding, ruleIndex int) sarifResult {
	msg := oneLine(f.Message)
	if msg == "" {
		msg = oneLine(f.Title)
	}
	if msg == "" {
		msg = f.CheckID
	}
	r := sarifResult{
		RuleID:    f.CheckID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(f.Severity),
		Message:   sarifMessage{Text: msg},
	}
	if loc, ok := sarifLocationOf(f.Location.Path, f.Location.StartLine, f.Location.EndLine, resourceString(f), f.Resource.Name); ok {
		if reg := loc.region(); reg != nil && f.Location.StartColumn > 0 {
			reg.StartColumn = f.Location.StartColumn
			if f.Location.EndColumn > f.Location.StartColumn || f.Location.EndLine > f.Location.StartLine {
				reg.EndColumn = f.Location.EndColumn
			}
		}
		r.Locations = []sarifLocation{loc}
	}
	if f.Fingerprint != "" {
		r.PartialFingerprints = map[string]string{fingerprintKey: f.Fingerprint}
	}
	if s := f.Suppressed; s != nil {
		sup := sarifSuppression{Kind: suppressionKind(s.Kind), Status: "accepted", Justification: oneLine(s.Reason)}
		if s.Kind != "" || s.Source != "" {
			sup.Properties = map[string]string{}
			if s.Kind != "" {
				sup.Properties["wardKind"] = s.Kind
			}
			if s.Source != "" {
				sup.Properties["source"] = s.Source
			}
		}
		r.Suppressions = []sarifSuppression{sup}
	}
	return r
}

// region returns the physical location's region, or nil.
func (l *sarifLocation) region() *sarifRegion {
	if l.PhysicalLocation == nil {
		return nil
	}
	return l.PhysicalLocation.Region
}

// sarifLocationOf builds a location from a file path and lines and/or a
// logical resource identity; ok is false when there is neither.
func sarifLocationOf(p string, start, end int, resource, name string) (sarifLocation, bool) {
	var loc sarifLocation
	if p != "" {
		uri, base := artifactURI(p)
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: base}}
		if start > 0 {
			reg := &sarifRegion{StartLine: start}
			if end >= start {
				reg.EndLine = end
			}
			loc.PhysicalLocation.Region = reg
		}
	}
	if resource != "" {
		if name == "" {
			name = resource
		}
		loc.LogicalLocations = []sarifLogical{{Name: name, FullyQualifiedName: resource}}
	}
	return loc, loc.PhysicalLocation != nil || loc.LogicalLocations != nil
}

// artifactURI turns a file path into a URI reference: relative paths get
// forward slashes and the %SRCROOT% base, absolute ones become file URIs.
func artifactURI(p string) (uri, baseID string) {
	slashed := filepath.ToSlash(p)
	if filepath.IsAbs(p) || strings.HasPrefix(slashed, "/") {
		if !strings.HasPrefix(slashed, "/") {
			slashed = "/" + slashed // Windows drive letter
		}
		return (&url.URL{Scheme: "file", Path: slashed}).String(), ""
	}
	clean := path.Clean(slashed)
	// EscapedPath keeps "/" and escapes spaces, '%', '#', '?' and the like.
	// A leading "./" stops a colon in the first segment reading as a scheme.
	u := (&url.URL{Path: clean}).EscapedPath()
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u
	}
	return u, srcRoot
}

func sarifNotifications(es []finding.Error) []sarifNotification {
	var ns []sarifNotification
	for _, e := range es {
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: oneLine(e.Message)}}
		if n.Message.Text == "" {
			n.Message.Text = "error"
		}
		if loc, ok := sarifLocationOf(e.Path, e.Line, 0, "", ""); ok {
			n.Locations = []sarifLocation{loc}
		}
		if e.Plugin != "" {
			n.Properties = map[string]string{"plugin": e.Plugin}
		}
		ns = append(ns, n)
	}
	return ns
}

// sarifLevel maps a severity to a result level: error for CRITICAL and HIGH,
// warning for MEDIUM, note for LOW and UNKNOWN.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.SeverityCritical, finding.SeverityHigh:
		return "error"
	case finding.SeverityMedium:
		return "warning"
	default:
		return "note"
	}
}

// securitySeverity is the CVSS-like score GitHub code scanning reads from
// rule properties; "" (omitted) for UNKNOWN.
func securitySeverity(s finding.Severity) string {
	switch s {
	case finding.SeverityCritical:
		return "9.0"
	case finding.SeverityHigh:
		return "7.0"
	case finding.SeverityMedium:
		return "5.0"
	case finding.SeverityLow:
		return "3.0"
	default:
		return ""
	}
}

func sarifTags(domain string, s finding.Severity) []string {
	var tags []string
	if domain != "" {
		tags = append(tags, domain)
	}
	return append(tags, s.String(), "security")
}

// suppressionKind maps Ward's suppression kinds to SARIF's: inline comments
// and resource annotations live in the scanned source, an ignore file does not.
func suppressionKind(kind string) string {
	switch kind {
	case "inline", "annotation":
		return "inSource"
	default:
		return "external"
	}
}

// camelCase turns "Container runs as root" into "ContainerRunsAsRoot" and
// "WARD-K8S-0001" into "WARDK8S0001"; only letters and digits are kept.
func camelCase(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		rs := []rune(w)
		b.WriteRune(unicode.ToUpper(rs[0]))
		b.WriteString(string(rs[1:]))
	}
	return b.String()
}
