package detect

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Lint loads files as Load does and reports what a rule author should
// look at: load errors and warnings; appends and overrides that target
// nothing (ProblemTargetMissing) or whose effect a later item discards
// (ProblemShadowed); rules, macros and lists defined twice
// (ProblemDuplicate); fields Ward does not provide, per rule
// (ProblemUnknownField); and macros and lists no rule uses
// (ProblemUnusedMacro, ProblemUnusedList). Problems are sorted by file
// order and line.
func Lint(files []File) []Problem {
	l := newLoader(Config{Hostname: "lint"})
	for _, f := range files {
		l.read(f)
	}
	_, rep := l.build()
	out := slices.Clone(rep.Errors)
	out = append(out, rep.Warnings...)
	out = append(out, l.col.lint...)
	for _, r := range l.col.rules {
		if missing := l.unknown[r.name]; len(missing) > 0 {
			out = append(out, Problem{Path: r.path, Line: r.line, Kind: ProblemUnknownField, Item: "rule " + r.name,
				Msg: fmt.Sprintf("uses fields Ward does not provide: %s (the rule is skipped)", strings.Join(missing, ", "))})
		}
	}
	for _, name := range l.col.macroOrder {
		if m := l.col.macros[name]; !l.comp.usedMacros[name] {
			out = append(out, Problem{Path: m.path, Line: m.line, Kind: ProblemUnusedMacro, Item: "macro " + name, Msg: "no rule uses this macro"})
		}
	}
	for _, name := range l.col.listOrder {
		if li := l.col.lists[name]; !l.comp.usedLists[name] {
			out = append(out, Problem{Path: li.path, Line: li.line, Kind: ProblemUnusedList, Item: "list " + name, Msg: "no rule or macro uses this list"})
		}
	}
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(l.order[a.Path], l.order[b.Path]), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}
