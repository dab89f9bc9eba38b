package policy

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/wardsec/ward/checks"
)

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	Package string
	Name    string
	File    string
	Line    int
	Pass    bool
	Skip    bool
	Err     string
}

// RunTests runs the `test_*` rules of the custom check directories, with
// Ward's helper libraries (data.ward.lib.*) available to them.
func RunTests(ctx context.Context, dirs []string) ([]TestResult, error) {
	mods, err := ReadDirs(dirs, true)
	if err != nil {
		return nil, err
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("no .rego files in %s", strings.Join(dirs, ", "))
	}
	libs, err := fs.Glob(checks.FS, "lib/*.rego")
	if err != nil {
		return nil, err
	}
	for _, l := range libs {
		b, err := fs.ReadFile(checks.FS, l)
		if err != nil {
			return nil, err
		}
		mods = append(mods, Module{File: "builtin/" + l, Source: b})
	}
	parsed, errs := ParseModules(mods)
	if len(errs) > 0 {
		return nil, errs
	}
	comp := ast.NewCompiler().WithEnablePrintStatements(true)
	ch, err := tester.NewRunner().SetCompiler(comp).SetModules(parsed).CapturePrintOutput(true).RunTests(ctx, nil)
	if err != nil {
		if es, ok := err.(ast.Errors); ok {
			return nil, astErrors("", es)
		}
		return nil, fmt.Errorf("run tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: strings.TrimPrefix(r.Package, "data."), Name: r.Name, Pass: r.Pass(), Skip: r.Skip}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Err = r.Error.Error()
		}
		out = append(out, tr)
	}
	return out, nil
}
