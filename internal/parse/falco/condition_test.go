package falco

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
)

func field(off int, name string) *FieldRef { return &FieldRef{Off: off, Name: name} }

func TestParseConditionAST(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Expr
	}{
		{"eq", "evt.type = execve", &Check{Left: field(0, "evt.type"), Op: "=", Right: &Literal{Off: 11, Value: Value{Text: "execve"}}}},
		{"eqeq_no_blanks", "evt.type==execve", &Check{Left: field(0, "evt.type"), Op: "=", Right: &Literal{Off: 10, Value: Value{Text: "execve"}}}},
		{"exists", "proc.name exists", &Check{Left: field(0, "proc.name"), Op: "exists"}},
		{"macro", "spawned_process", &MacroRef{Name: "spawned_process"}},
		{"field_arg", "proc.aname[2]=sshd", &Check{Left: &FieldRef{Name: "proc.aname", Arg: "2", HasArg: true}, Op: "=", Right: &Literal{Off: 14, Value: Value{Text: "sshd"}}}},
		{"field_quoted_arg", `k8s.pod.label["app.kubernetes.io/name"] = web`, &Check{Left: &FieldRef{Name: "k8s.pod.label", Arg: "app.kubernetes.io/name", HasArg: true}, Op: "=", Right: &Literal{Off: 42, Value: Value{Text: "web"}}}},
		{"list", `proc.name in (bash, "c d", 'e')`, &Check{Left: field(0, "proc.name"), Op: "in", Right: &ListLit{Off: 13, Items: []Value{{Text: "bash"}, {Text: "c d", Quoted: true}, {Text: "e", Quoted: true}}}}},
		{"empty_list", `proc.name in ()`, &Check{Left: field(0, "proc.name"), Op: "in", Right: &ListLit{Off: 13}}},
		{"list_ident", `proc.name in shell_binaries`, &Check{Left: field(0, "proc.name"), Op: "in", Right: &ListLit{Off: 13, Items: []Value{{Text: "shell_binaries"}}, Ident: true}}},
		{"list_no_blank", `proc.name in(a)`, &Check{Left: field(0, "proc.name"), Op: "in", Right: &ListLit{Off: 12, Items: []Value{{Text: "a"}}}}},
		{"num", "fd.num>=0", &Check{Left: field(0, "fd.num"), Op: ">=", Right: &Literal{Off: 8, Value: Value{Text: "0"}}}},
		{"hex", "evt.rawres < 0x10", &Check{Left: field(0, "evt.rawres"), Op: "<", Right: &Literal{Off: 13, Value: Value{Text: "0x10"}}}},
		{"bare_with_brackets", "proc.name = runc:[1:CHILD]", &Check{Left: field(0, "proc.name"), Op: "=", Right: &Literal{Off: 12, Value: Value{Text: "runc:[1:CHILD]"}}}},
		{"dir_lt", "evt.dir = <", &Check{Left: field(0, "evt.dir"), Op: "=", Right: &Literal{Off: 10, Value: Value{Text: "<"}}}},
		{"and_or_precedence", "a.b = 1 or c.d = 2 and e.f = 3", &Or{Children: []Expr{
			&Check{Left: field(0, "a.b"), Op: "=", Right: &Literal{Off: 6, Value: Value{Text: "1"}}},
			&And{Off: 11, Children: []Expr{
				&Check{Off: 11, Left: field(11, "c.d"), Op: "=", Right: &Literal{Off: 17, Value: Value{Text: "2"}}},
				&Check{Off: 23, Left: field(23, "e.f"), Op: "=", Right: &Literal{Off: 29, Value: Value{Text: "3"}}},
			}},
		}}},
		{"not_forms", "not a and not(b) and not not c", &And{Children: []Expr{
			&Not{X: &MacroRef{Off: 4, Name: "a"}},
			&Not{Off: 10, X: &MacroRef{Off: 14, Name: "b"}},
			&MacroRef{Off: 29, Name: "c"},
		}}},
		{"and_paren", "a and(b)", &And{Children: []Expr{&MacroRef{Name: "a"}, &MacroRef{Off: 6, Name: "b"}}}},
		{"transformers", "tolower(basename(proc.exepath)) = val(proc.name)", &Check{
			Left:  &Transform{Name: "tolower", X: &Transform{Off: 8, Name: "basename", X: field(17, "proc.exepath")}},
			Op:    "=",
			Right: &Transform{Off: 34, Name: "val", X: field(38, "proc.name")},
		}},
		{"quoted_escapes", `fd.name = "a \"b\" \\ c\td"`, &Check{Left: field(0, "fd.name"), Op: "=", Right: &Literal{Off: 10, Value: Value{Text: "a \"b\" \\ c\td", Quoted: true}}}},
		{"multiline", "evt.type = open\n  and\n  fd.name startswith /etc", &And{Children: []Expr{
			&Check{Left: field(0, "evt.type"), Op: "=", Right: &Literal{Off: 11, Value: Value{Text: "open"}}},
			&Check{Off: 24, Left: field(24, "fd.name"), Op: "startswith", Right: &Literal{Off: 43, Value: Value{Text: "/etc"}}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCondition(tt.in, Config{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			assertRoundTrip(t, tt.in, got)
		})
	}
}

func TestParseConditionOperators(t *testing.T) {
	for _, op := range Operators() {
		t.Run(op, func(t *testing.T) {
			cond := "proc.name " + op + " x"
			switch {
			case op == "exists":
				cond = "proc.name exists"
			case IsListOperator(op):
				cond = "proc.name " + op + " (x, y)"
			case op[0] == '<' || op[0] == '>':
				cond = "proc.pid " + op + " 1"
			}
			e, err := ParseCondition(cond, Config{})
			if err != nil {
				t.Fatal(err)
			}
			c, ok := e.(*Check)
			want := op
			if op == "==" {
				want = "="
			}
			if !ok || c.Op != want {
				t.Fatalf("got %#v, want a %s check", e, want)
			}
		})
	}
}

func TestParseConditionErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"empty", "  ", 1, 1, "condition is empty"},
		{"unclosed_paren", "(a.b = 1", 1, 9, "expected ')'"},
		{"no_operator", "proc.name bash", 1, 11, "expected an operator after proc.name"},
		{"num_op_needs_number", "proc.pid > abc", 1, 12, "expected a number"},
		{"trailing", "a.b = 1 c.d = 2", 1, 9, `unexpected "c.d = 2", expecting 'and', 'or' or the end`},
		{"second_line", "evt.type = open and\n  (fd.name = ", 2, 14, "expected a value"},
		{"bad_escape", `fd.name = "a\qb"`, 1, 11, `unsupported escape sequence \q`},
		{"unterminated", `fd.name = "abc`, 1, 11, "unterminated string"},
		{"contains_without_blank", `proc.name contains"x"`, 1, 11, "expected an operator after proc.name"},
		{"and_needs_blank", "a andb", 1, 3, `unexpected "andb", expecting 'and', 'or' or the end`},
		{"list_comma", "proc.name in (a,)", 1, 17, "expected a value after ','"},
		{"field_arg_unclosed", "proc.aname[2 = x", 1, 13, "expected ']' closing the argument of proc.aname"},
		{"dangling_and", "a and ", 1, 7, "unexpected end of condition, expecting a field check, a macro or '('"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCondition(tt.in, Config{})
			var pe *limits.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %T %v, want *limits.ParseError", err, err)
			}
			if pe.Line != tt.line || pe.Col != tt.col || !strings.HasPrefix(pe.Msg, tt.msg) {
				t.Errorf("got %d:%d %q, want %d:%d %q", pe.Line, pe.Col, pe.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestParseConditionLimits(t *testing.T) {
	deep := strings.Repeat("(", 10_000) + "a" + strings.Repeat(")", 10_000)
	var le *limits.LimitError
	if _, err := ParseCondition(deep, Config{}); !errors.As(err, &le) {
		t.Fatalf("deep nesting: got %v, want a LimitError", err)
	}
	// The same shape under the depth limit parses: the limit is what stops it.
	shallow := strings.Repeat("(", 50) + "a" + strings.Repeat(")", 50)
	if _, err := ParseCondition(shallow, Config{}); err != nil {
		t.Fatalf("50 levels: %v", err)
	}
	long := strings.Repeat("a.b = 1 and ", 10_000) + "a.b = 1"
	if _, err := ParseCondition(long, Config{}); !errors.As(err, &le) {
		t.Fatalf("long condition: got %v, want a LimitError", err)
	}
	if _, err := ParseCondition(long, Config{MaxConditionLen: 1 << 20}); err != nil {
		t.Fatalf("long condition under a larger limit: %v", err)
	}
}

func TestItemValue(t *testing.T) {
	tests := []struct {
		in   string
		want Value
	}{
		{"bash", Value{Text: "bash"}},
		{`"(systemd)"`, Value{Text: "(systemd)", Quoted: true}},
		{`'x y'`, Value{Text: "x y", Quoted: true}},
		{"my runtime", Value{Text: "my runtime", Quoted: true}},
		{`"half`, Value{Text: `"half`}},
		{`"a" b`, Value{Text: `"a" b`, Quoted: true}},
	}
	for _, tt := range tests {
		if got := ItemValue(tt.in); got != tt.want {
			t.Errorf("ItemValue(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// assertRoundTrip checks that Format renders an AST that parses back to the
// same AST (offsets aside).
func assertRoundTrip(t *testing.T, src string, e Expr) {
	t.Helper()
	text := Format(e)
	again, err := ParseCondition(text, Config{MaxConditionLen: 1 << 20})
	if err != nil {
		t.Fatalf("Format(%q) = %q does not parse: %v", src, text, err)
	}
	if diff := cmp.Diff(stripOffsets(e), stripOffsets(again)); diff != "" {
		t.Fatalf("round trip of %q via %q changed the AST (-first +second):\n%s", src, text, diff)
	}
}

// stripOffsets returns a copy of e with offsets zeroed and redundant
// structure (nested and/or of one kind) kept as is.
func stripOffsets(e Expr) Expr {
	switch e := e.(type) {
	case *And:
		out := &And{}
		for _, c := range e.Children {
			out.Children = append(out.Children, stripOffsets(c))
		}
		return out
	case *Or:
		out := &Or{}
		for _, c := range e.Children {
			out.Children = append(out.Children, stripOffsets(c))
		}
		return out
	case *Not:
		return &Not{X: stripOffsets(e.X)}
	case *MacroRef:
		return &MacroRef{Name: e.Name}
	case *Check:
		c := &Check{Left: stripOperand(e.Left), Op: e.Op}
		switch r := e.Right.(type) {
		case *Literal:
			c.Right = &Literal{Value: r.Value}
		case *ListLit:
			c.Right = &ListLit{Items: r.Items, Ident: r.Ident}
		case Operand:
			c.Right = stripOperand(r)
		}
		return c
	}
	return e
}

func stripOperand(o Operand) Operand {
	switch o := o.(type) {
	case *FieldRef:
		return &FieldRef{Name: o.Name, Arg: o.Arg, HasArg: o.HasArg}
	case *Transform:
		return &Transform{Name: o.Name, X: stripOperand(o.X)}
	}
	return o
}
