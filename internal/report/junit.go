package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// The JUnit XML subset Ward writes: the attributes read by Jenkins, GitLab,
// GitHub test reporters and Azure DevOps.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	// Text is CDATA so CI logs show its lines as they are; xmlText keeps it
	// to characters XML allows (encoding/xml only splits "]]>").
	Text string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// errorSuite names the test suite that lists scan errors.
const errorSuite = "ward"

// writeJUnit writes one test suite per file (or target), one test case per
// finding (classname = check ID) failing with its severity as type, and
// suppressed findings as skipped test cases. Scan errors form one more suite,
// "ward", with one erroring test case each.
func writeJUnit(b *bytes.Buffer, v view) error {
	out := junitSuites{Name: "ward"}
	for _, g := range groupFindings(v.rep.Findings) {
		s := junitSuite{Name: g.key}
		for _, f := range g.findings {
			c := junitCase{
				ClassName: f.CheckID,
				Name:      junitCaseName(f),
				File:      f.Location.Path,
				Line:      max(f.Location.StartLine, 0),
			}
			if f.Suppressed != nil {
				c.Skipped = &junitSkipped{Message: "suppressed: " + suppressionReason(f.Suppressed)}
				s.Skipped++
			} else {
				c.Failure = &junitProblem{
					Message: junitMessage(f),
					Type:    f.Severity.String(),
					Text:    xmlText(junitFailureText(f)),
				}
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		out.add(s)
	}
	if len(v.rep.Errors) > 0 {
		s := junitSuite{Name: errorSuite}
		for _, e := range v.rep.Errors {
			class := e.Plugin
			if class == "" {
				class = errorSuite
			}
			name := e.Path
			if e.Line > 0 {
				name = fmt.Sprintf("%s:%d", e.Path, e.Line)
			}
			if name == "" {
				name = "scan"
			}
			s.Cases = append(s.Cases, junitCase{
				ClassName: class,
				Name:      name,
				File:      e.Path,
				Line:      max(e.Line, 0),
				Error:     &junitProblem{Message: oneLine(e.Message), Type: "scan-error", Text: xmlText(e.String())},
			})
			s.Errors++
		}
		s.Tests = len(s.Cases)
		out.add(s)
	}
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(b)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	b.WriteByte('\n')
	return nil
}

func (s *junitSuites) add(suite junitSuite) {
	s.Suites = append(s.Suites, suite)
	s.Tests += suite.Tests
	s.Failures += suite.Failures
	s.Errors += suite.Errors
	s.Skipped += suite.Skipped
}

// junitCaseName is "title [resource]", plus the detail that tells several
// findings of one check on one resource apart.
func junitCaseName(f finding.Finding) string {
	name := oneLine(f.Title)
	if name == "" {
		name = f.CheckID
	}
	if r := resourceString(f); r != "" {
		name += " [" + r + "]"
	}
	if f.Detail != "" {
		name += " (" + oneLine(f.Detail) + ")"
	}
	return name
}

func junitMessage(f finding.Finding) string {
	if m := oneLine(f.Message); m != "" {
		return m
	}
	return oneLine(f.Title)
}

// junitFailureText is the failure body: message, location, remediation.
func junitFailureText(f finding.Finding) string {
	lines := []string{strings.TrimSpace(f.Message)}
	loc := f.Location.String()
	if r := resourceString(f); r != "" && r != loc {
		if loc != "" {
			loc += " "
		}
		loc += "(" + r + ")"
	}
	if loc != "" {
		lines = append(lines, "Location: "+loc)
	}
	if rem := strings.TrimSpace(f.Remediation); rem != "" {
		lines = append(lines, "Remediation: "+rem)
	}
	if len(f.References) > 0 {
		lines = append(lines, "References: "+strings.Join(f.References, " "))
	}
	return strings.Join(lines, "\n")
}

func suppressionReason(s *finding.Suppression) string {
	switch {
	case s.Reason != "":
		return oneLine(s.Reason)
	case s.Kind != "":
		return s.Kind
	default:
		return "no reason given"
	}
}

// xmlText replaces the characters XML 1.0 forbids with U+FFFD.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		default:
			return '\uFFFD'
		}
	}, s)
}
