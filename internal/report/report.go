// Package report renders a finding.Report in the output formats the CLI
// offers: a human table, Ward's JSON schema, SARIF 2.1.0 and JUnit XML.
//
// Every format is deterministic: findings are ordered with finding.Sort,
// errors by location, and nothing depends on map iteration order. Write never
// modifies the report it is given; it recomputes the summary on a copy so the
// counts always match the findings and errors that are rendered.
package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wardsec/ward/internal/finding"
)

// Options control rendering.
type Options struct {
	// ShowSuppressed lists suppressed findings too in the table and JSON
	// formats. They are always counted in the summary, and SARIF and JUnit
	// always carry them (as suppressed results and skipped test cases).
	ShowSuppressed bool
	// Color turns on ANSI severity colours in the table format. The CLI sets
	// it only when writing to a terminal.
	Color bool
}

// Output format names accepted by Write.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatSARIF = "sarif"
	FormatJUnit = "junit"
)

// ErrUnknownFormat is wrapped by Write when the format is not one of Formats.
var ErrUnknownFormat = errors.New("unknown report format")

// Formats lists the accepted --format values: table, json, sarif, junit.
func Formats() []string {
	return []string{FormatTable, FormatJSON, FormatSARIF, FormatJUnit}
}

// Write renders rep in the format to w. The output is built in memory and
// written with a single call, so a failed render writes nothing.
func Write(w io.Writer, format string, rep *finding.Report, opts Options) error {
	if rep == nil {
		return errors.New("write report: nil report")
	}
	v := newView(rep)
	var buf bytes.Buffer
	var err error
	switch strings.ToLower(strings.TrimSpace(format)) {
	case FormatTable:
		writeTable(&buf, v, opts)
	case FormatJSON:
		err = writeJSON(&buf, v, opts)
	case FormatSARIF:
		err = writeSARIF(&buf, v)
	case FormatJUnit:
		err = writeJUnit(&buf, v)
	default:
		return fmt.Errorf("%w %q (want one of %s)", ErrUnknownFormat, format, strings.Join(Formats(), ", "))
	}
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// view is the report as every renderer sees it: sorted copies, the findings
// split into active and suppressed, and a summary recomputed from them.
type view struct {
	rep        finding.Report // shallow copy; Findings and Errors are sorted copies
	active     []finding.Finding
	suppressed []finding.Finding
}

func newView(rep *finding.Report) view {
	v := view{rep: *rep}
	v.rep.Findings = append([]finding.Finding(nil), rep.Findings...)
	finding.Sort(v.rep.Findings)
	v.rep.Errors = append([]finding.Error(nil), rep.Errors...)
	sortErrors(v.rep.Errors)
	v.rep.Targets = append([]string(nil), rep.Targets...)
	if v.rep.Tool.Name == "" {
		v.rep.Tool.Name = "ward"
	}
	v.rep.Summarize()
	for _, f := range v.rep.Findings {
		if f.Suppressed != nil {
			v.suppressed = append(v.suppressed, f)
		} else {
			v.active = append(v.active, f)
		}
	}
	return v
}

func sortErrors(es []finding.Error) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Plugin != b.Plugin {
			return a.Plugin < b.Plugin
		}
		return a.Message < b.Message
	})
}

// group is the findings of one file (or, without a file, of one target).
type group struct {
	key      string
	findings []finding.Finding
}

// groupKey is the file path, or for findings without one (live objects) the
// target, then the object, so every finding lands in a named group.
func groupKey(f finding.Finding) string {
	switch {
	case f.Location.Path != "":
		return f.Location.Path
	case f.Target != "":
		return f.Target
	case f.Location.Object != "":
		return f.Location.Object
	default:
		return "(no location)"
	}
}

// groupFindings groups sorted findings by groupKey, groups ordered by key and
// findings keeping their sorted order inside each group.
func groupFindings(fs []finding.Finding) []group {
	idx := map[string]int{}
	var gs []group
	for _, f := range fs {
		k := groupKey(f)
		i, ok := idx[k]
		if !ok {
			i = len(gs)
			idx[k] = i
			gs = append(gs, group{key: k})
		}
		gs[i].findings = append(gs[i].findings, f)
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].key < gs[j].key })
	return gs
}

// resourceString renders a resource as Kind/namespace/name (or its address),
// falling back to the live object; "" when there is nothing to name.
func resourceString(f finding.Finding) string {
	r := f.Resource
	if r.Address != "" || r.Kind != "" || r.Name != "" {
		return r.ID()
	}
	return f.Location.Object
}

// lineRange renders "12", "12-18" or "" when there is no line.
func lineRange(l finding.Location) string {
	switch {
	case l.StartLine <= 0:
		return ""
	case l.EndLine <= l.StartLine:
		return fmt.Sprintf("%d", l.StartLine)
	default:
		return fmt.Sprintf("%d-%d", l.StartLine, l.EndLine)
	}
}

// oneLine collapses all runs of white space (including newlines) to one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// truncate shortens s to at most n runes, ending with "…" when cut.
func truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := strings.TrimRight(string(r[:n-1]), " ")
	return cut + "…"
}
