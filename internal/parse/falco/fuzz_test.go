package falco

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseRules feeds arbitrary bytes to Parse: it must never panic, must
// fail only with a typed error, and every item it returns must have a name
// and a positive line.
func FuzzParseRules(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("- rule: r\n  override: {condition: append}\n  condition: x\n"))
	f.Add([]byte("- list: &a l\n  items: *a\n---\n- macro: m\n  condition: a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.yaml", data, Config{MaxNodes: 20_000})
		if err != nil {
			if !isTyped(err) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		for _, it := range file.Items {
			if it.Line <= 0 {
				t.Fatalf("item without a line: %+v", it)
			}
			if (it.Kind == KindRule || it.Kind == KindMacro || it.Kind == KindList) && it.Name() == "" {
				t.Fatalf("%s without a name at line %d", it.Kind, it.Line)
			}
		}
		for _, e := range append(file.Errors, file.Warnings...) {
			if e.Line <= 0 || e.Path != "fuzz.yaml" {
				t.Fatalf("problem without a position: %v", e)
			}
		}
	})
}

// FuzzParseCondition feeds arbitrary text to ParseCondition: it must never
// panic, fail only with typed errors whose position lies inside the input,
// and what it parses must survive a Format round trip unchanged.
func FuzzParseCondition(f *testing.F) {
	b, err := os.ReadFile("testdata/conditions.txt")
	if err != nil {
		f.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f.Add(sc.Text())
	}
	seeds, _ := filepath.Glob("testdata/*.yaml")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		file, err := Parse(p, data, Config{})
		if err != nil {
			continue
		}
		for _, it := range file.Items {
			switch {
			case it.Rule != nil && it.Rule.Condition != "":
				f.Add(it.Rule.Condition)
			case it.Macro != nil:
				f.Add(it.Macro.Condition)
			}
		}
	}
	f.Fuzz(func(t *testing.T, cond string) {
		e, err := ParseCondition(cond, Config{MaxConditionLen: 4096, MaxConditionDepth: 100})
		if err != nil {
			if isLimit(err) {
				return
			}
			if !isParse(err) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		assertRoundTrip(t, cond, e)
	})
}
