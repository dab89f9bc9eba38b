package report

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/wardsec/ward/internal/finding"
)

// tableWidth is the width the table aims to fit in.
const tableWidth = 100

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
)

// severityColor is the ANSI colour per severity, indexed by finding.Severity.
var severityColor = [...]string{
	finding.SeverityUnknown:  "\x1b[2m",    // dim
	finding.SeverityLow:      "\x1b[36m",   // cyan
	finding.SeverityMedium:   "\x1b[33m",   // yellow
	finding.SeverityHigh:     "\x1b[31m",   // red
	finding.SeverityCritical: "\x1b[1;31m", // bold red
}

// columns are the widths of one table, shared by every section so rows line up.
type columns struct {
	id, title, resource, lines int
}

const (
	sevWidth  = len("CRITICAL")
	gap       = "  "
	indent    = "  "
	minTitle  = 24
	maxRes    = 32
	minRes    = 12
	detailPad = len(indent) + sevWidth + len(gap)
)

func measure(fs []finding.Finding) columns {
	var c columns
	for _, f := range fs {
		c.id = max(c.id, utf8.RuneCountInString(f.CheckID))
		c.resource = max(c.resource, utf8.RuneCountInString(oneLine(resourceString(f))))
		c.lines = max(c.lines, len(lineRange(f.Location)))
	}
	c.resource = min(c.resource, maxRes)
	fixed := len(indent) + sevWidth + len(gap) + c.id + len(gap) + len(gap) + c.resource + len(gap) + c.lines
	c.title = tableWidth - fixed
	if c.title < minTitle && c.resource > minRes {
		// Give the title room at the resource's expense, down to minRes.
		take := min(minTitle-c.title, c.resource-minRes)
		c.resource -= take
		c.title += take
	}
	c.title = max(c.title, minTitle)
	return c
}

type tableWriter struct {
	b    *bytes.Buffer
	opts Options
	cols columns
}

func writeTable(b *bytes.Buffer, v view, opts Options) {
	shown := v.active
	if opts.ShowSuppressed {
		shown = v.rep.Findings
	}
	t := tableWriter{b: b, opts: opts, cols: measure(shown)}

	if len(v.active) == 0 {
		b.WriteString("No findings.\n")
	} else {
		for i, g := range groupFindings(v.active) {
			if i > 0 {
				b.WriteByte('\n')
			}
			t.header(g.key)
			for _, f := range g.findings {
				t.row(f)
				if m := oneLine(f.Message); m != "" && m != oneLine(f.Title) && f.Title != "" {
					t.detail(m)
				}
			}
		}
	}

	if opts.ShowSuppressed && len(v.suppressed) > 0 {
		fmt.Fprintf(b, "\nSuppressed (%d):\n", len(v.suppressed))
		for i, g := range groupFindings(v.suppressed) {
			if i > 0 {
				b.WriteByte('\n')
			}
			t.header(g.key)
			for _, f := range g.findings {
				t.row(f)
				t.detail(suppressionText(f.Suppressed))
			}
		}
	}

	if len(v.rep.NotEvaluated) > 0 {
		fmt.Fprintf(b, "\nNot evaluated (values unknown before apply, %d):\n", len(v.rep.NotEvaluated))
		for _, n := range v.rep.NotEvaluated {
			text := fmt.Sprintf("%s %s on %s: %s", n.CheckID, n.Location.String(), n.Resource.ID(), n.Reason)
			for i, l := range wrap(oneLine(text), tableWidth-len(indent)-2) {
				if i == 0 {
					b.WriteString(indent + l + "\n")
				} else {
					b.WriteString(indent + "  " + l + "\n")
				}
			}
		}
	}

	if len(v.rep.Errors) > 0 {
		b.WriteString("\nErrors (the scan went on):\n")
		// Errors are wrapped, never cut: their whole text matters.
		for _, e := range v.rep.Errors {
			text := oneLine(e.String())
			if e.Plugin != "" {
				text += " [" + e.Plugin + "]"
			}
			for i, l := range wrap(text, tableWidth-len(indent)-2) {
				if i == 0 {
					b.WriteString(indent + l + "\n")
				} else {
					b.WriteString(indent + "  " + l + "\n")
				}
			}
		}
	}

	b.WriteByte('\n')
	b.WriteString(summaryLine(v.rep.Summary))
	b.WriteByte('\n')
}

func (t tableWriter) header(key string) {
	if t.opts.Color {
		t.b.WriteString(ansiBold + key + ansiReset + "\n")
		return
	}
	t.b.WriteString(key + "\n")
}

// row writes severity, check ID, title, resource and line range on one line.
// Padding is computed on the plain text so colours never shift columns.
func (t tableWriter) row(f finding.Finding) {
	c := t.cols
	title := oneLine(f.Title)
	if title == "" {
		title = oneLine(f.Message)
	}
	sev := f.Severity.String()
	if t.opts.Color {
		t.b.WriteString(indent + severityColor[clampSeverity(f.Severity)] + sev + ansiReset)
		t.b.WriteString(strings.Repeat(" ", sevWidth-len(sev)))
	} else {
		fmt.Fprintf(t.b, "%s%-*s", indent, sevWidth, sev)
	}
	line := fmt.Sprintf("%s%-*s%s%-*s%s%-*s%s%*s",
		gap, c.id, f.CheckID,
		gap, c.title, truncate(title, c.title),
		gap, c.resource, truncate(oneLine(resourceString(f)), c.resource),
		gap, c.lines, lineRange(f.Location))
	t.b.WriteString(strings.TrimRight(line, " "))
	t.b.WriteByte('\n')
}

// detail writes an indented second line under the check ID, cut to the width.
func (t tableWriter) detail(s string) {
	if s == "" {
		return
	}
	t.b.WriteString(strings.Repeat(" ", detailPad))
	t.b.WriteString(truncate(s, tableWidth-detailPad))
	t.b.WriteByte('\n')
}

func clampSeverity(s finding.Severity) finding.Severity {
	if s < finding.SeverityUnknown || s > finding.SeverityCritical {
		return finding.SeverityUnknown
	}
	return s
}

// suppressionText renders "suppressed (kind): reason — source".
func suppressionText(s *finding.Suppression) string {
	if s == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("suppressed")
	if s.Kind != "" {
		b.WriteString(" (" + s.Kind + ")")
	}
	if s.Reason != "" {
		b.WriteString(": " + oneLine(s.Reason))
	}
	if s.Source != "" {
		b.WriteString(" — " + oneLine(s.Source))
	}
	return b.String()
}

// summaryLine is the last line of the table, e.g.
// "Findings: 12 (CRITICAL: 1, HIGH: 4, MEDIUM: 5, LOW: 2, UNKNOWN: 0) · suppressed: 3 · errors: 1".
func summaryLine(s finding.Summary) string {
	line := fmt.Sprintf("Findings: %d (CRITICAL: %d, HIGH: %d, MEDIUM: %d, LOW: %d, UNKNOWN: %d) · suppressed: %d · errors: %d",
		s.Total(), s.Critical, s.High, s.Medium, s.Low, s.Unknown, s.Suppressed, s.Errors)
	if s.NotEvaluated > 0 {
		line += fmt.Sprintf(" · not evaluated: %d", s.NotEvaluated)
	}
	return line
}

// wrap splits s into lines of at most width runes at spaces; a word longer
// than width gets a line of its own.
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(w)
		n += wl
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
