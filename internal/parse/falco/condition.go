package falco

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/limits"
)

// The condition language, as Falco's libsinsp parses it:
//
//	Expr        ::= OrExpr
//	OrExpr      ::= AndExpr ('or' (blank AndExpr | '(' Expr ')'))*
//	AndExpr     ::= NotExpr ('and' (blank NotExpr | '(' Expr ')'))*
//	NotExpr     ::= ('not' blank)* ('not(' Expr ')' | Check)
//	Check       ::= '(' Expr ')' | Operand Condition | Identifier
//	Operand     ::= Field | Transformer '(' Operand ')'
//	Condition   ::= 'exists'
//	              | NumOp (Number | RhsField)
//	              | StrOp (QuotedStr | BareStr | RhsField)
//	              | ListOp ('(' [Value (',' Value)*] ')' | RhsField | Identifier)
//	Field       ::= FieldName ('[' (QuotedStr | FieldArgBareStr) ']')?
//	RhsField    ::= 'val(' Field ')' | Transformer '(' Operand ')'
//	NumOp       ::= '<=' | '<' | '>=' | '>'
//	StrOp       ::= '==' | '=' | '!=' | 'glob' | 'iglob' | 'contains' | 'icontains'
//	              | 'bcontains' | 'startswith' | 'bstartswith' | 'endswith' | 'regex'
//	ListOp      ::= 'intersects' | 'in' | 'pmatch'
//	Transformer ::= 'tolower' | 'toupper' | 'b64' | 'basename'
//	Identifier  ::= [a-zA-Z]+[a-zA-Z0-9_]*
//	FieldName   ::= Identifier ('.' Identifier)+
//	BareStr     ::= [^ \t\n\r\b(),="']+
//	QuotedStr   ::= "..." | '...' with \b \f \n \r \t \\ \/ \" \' escapes

// Expr is a node of a condition's AST: *And, *Or, *Not, *MacroRef or
// *Check.
type Expr interface{ Offset() int }

// Operand is the left side of a check, or a right side that is not a
// literal: *FieldRef or *Transform.
type Operand interface{ Offset() int }

// And is a conjunction of two or more expressions.
type And struct {
	Off      int
	Children []Expr
}

// Or is a disjunction of two or more expressions.
type Or struct {
	Off      int
	Children []Expr
}

// Not negates X.
type Not struct {
	Off int
	X   Expr
}

// MacroRef is a bare identifier: a reference to a macro.
type MacroRef struct {
	Off  int
	Name string
}

// Check compares an operand with a value. Right is nil for "exists", a
// *Literal for string and numeric operators, a *ListLit for list operators,
// or an Operand (val(field) or a transformer) for field-to-field checks.
type Check struct {
	Off   int
	Left  Operand
	Op    string
	Right any
}

// FieldRef is a field, with its argument when it has one (proc.aname[2],
// k8s.pod.label[app], evt.arg[0]).
type FieldRef struct {
	Off    int
	Name   string
	Arg    string
	HasArg bool
}

// String renders name or name[arg].
func (f *FieldRef) String() string {
	if !f.HasArg {
		return f.Name
	}
	return f.Name + "[" + f.Arg + "]"
}

// Transform applies a transformer (tolower, toupper, b64, basename, or val
// on a right side) to an operand.
type Transform struct {
	Off  int
	Name string
	X    Operand
}

// Literal is a single value.
type Literal struct {
	Off   int
	Value Value
}

// ListLit is a parenthesised list of values, or a bare identifier after a
// list operator (Falco expands both through named lists).
type ListLit struct {
	Off   int
	Items []Value
	// Ident is set when the list was written as a bare identifier
	// (`in shell_binaries`).
	Ident bool
}

// Value is one literal. Quoted values never name a list.
type Value struct {
	Text   string
	Quoted bool
}

// Offset implementations.
func (e *And) Offset() int       { return e.Off }
func (e *Or) Offset() int        { return e.Off }
func (e *Not) Offset() int       { return e.Off }
func (e *MacroRef) Offset() int  { return e.Off }
func (e *Check) Offset() int     { return e.Off }
func (e *FieldRef) Offset() int  { return e.Off }
func (e *Transform) Offset() int { return e.Off }

// Operators by class, in the order they must be tried (longest first).
var (
	unaryOps = []string{"exists"}
	numOps   = []string{"<=", "<", ">=", ">"}
	strOps   = []string{"==", "=", "!=", "glob", "iglob", "contains", "icontains", "bcontains",
		"startswith", "bstartswith", "endswith", "regex"}
	listOps      = []string{"intersects", "in", "pmatch"}
	transformers = []string{"tolower", "toupper", "b64", "basename"}
)

// IsOperator reports whether op is a comparison operator of the language.
func IsOperator(op string) bool {
	return slices.Contains(unaryOps, op) || slices.Contains(numOps, op) ||
		slices.Contains(strOps, op) || slices.Contains(listOps, op)
}

// IsListOperator reports whether op takes a list on its right (in,
// intersects, pmatch).
func IsListOperator(op string) bool { return slices.Contains(listOps, op) }

// Operators lists every comparison operator.
func Operators() []string {
	return slices.Concat(unaryOps, numOps, strOps, listOps)
}

// ParseCondition parses one condition. Errors are *limits.ParseError with
// Line and Col relative to the condition text (line 1, column 1 is its first
// byte), or *limits.LimitError.
func ParseCondition(cond string, cfg Config) (Expr, error) {
	cfg = cfg.withDefaults()
	if len(cond) > cfg.MaxConditionLen {
		return nil, &limits.LimitError{What: "condition length", Limit: int64(cfg.MaxConditionLen)}
	}
	p := &condParser{s: cond, maxDepth: cfg.MaxConditionDepth}
	if strings.TrimSpace(cond) == "" {
		return nil, p.errorf(0, "condition is empty")
	}
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	p.blank()
	if p.i != len(p.s) {
		return nil, p.errorf(p.i, "unexpected %q, expecting 'and', 'or' or the end", p.snippet())
	}
	return e, nil
}

type condParser struct {
	s        string
	i        int
	depth    int
	maxDepth int
}

// errorf builds a ParseError at byte offset off of the condition.
func (p *condParser) errorf(off int, format string, args ...any) error {
	line, col := LineCol(p.s, off)
	return &limits.ParseError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// LineCol converts a byte offset of text into a 1-based line and column.
func LineCol(text string, off int) (line, col int) {
	off = min(max(off, 0), len(text))
	line = 1 + strings.Count(text[:off], "\n")
	col = off - strings.LastIndexByte(text[:off], '\n')
	return line, col
}

func (p *condParser) snippet() string {
	rest := p.s[p.i:]
	if len(rest) > 20 {
		rest = rest[:20] + "…"
	}
	return rest
}

func (p *condParser) enter() error {
	p.depth++
	if p.depth > p.maxDepth {
		return &limits.LimitError{What: "condition nesting depth", Limit: int64(p.maxDepth)}
	}
	return nil
}

func (p *condParser) leave() { p.depth-- }

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\b' }

func (p *condParser) blank() bool {
	start := p.i
	for p.i < len(p.s) && isBlank(p.s[p.i]) {
		p.i++
	}
	return p.i > start
}

func (p *condParser) peek(lit string) bool { return strings.HasPrefix(p.s[p.i:], lit) }

func (p *condParser) eat(lit string) bool {
	if p.peek(lit) {
		p.i += len(lit)
		return true
	}
	return false
}

// eatWord consumes a keyword that must not run into an identifier
// character ("in" is not the start of "inx").
func (p *condParser) eatWord(w string) bool {
	if !p.peek(w) {
		return false
	}
	j := p.i + len(w)
	if j < len(p.s) && isIdentChar(p.s[j]) {
		return false
	}
	p.i = j
	return true
}

func (p *condParser) parseOr() (Expr, error) {
	return p.parseChain("or", p.parseAnd, func(off int, c []Expr) Expr { return &Or{Off: off, Children: c} })
}

// parseChain parses "next (keyword next)*" and builds one node of all the
// operands when there is more than one.
func (p *condParser) parseChain(keyword string, next func() (Expr, error), build func(off int, children []Expr) Expr) (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.blank()
	off := p.i
	first, err := next()
	if err != nil {
		return nil, err
	}
	children := []Expr{first}
	p.blank()
	for p.eatKeyword(keyword) {
		child, err := p.afterKeyword(keyword, next)
		if err != nil {
			return nil, err
		}
		children = append(children, child)
		p.blank()
	}
	if len(children) == 1 {
		return first, nil
	}
	return build(off, children), nil
}

// eatKeyword consumes "and"/"or" when followed by a blank or "(".
func (p *condParser) eatKeyword(k string) bool {
	if !p.peek(k) {
		return false
	}
	j := p.i + len(k)
	if j < len(p.s) && (isBlank(p.s[j]) || p.s[j] == '(') {
		p.i = j
		return true
	}
	return false
}

func (p *condParser) afterKeyword(k string, next func() (Expr, error)) (Expr, error) {
	if p.blank() {
		return next()
	}
	if p.eat("(") {
		return p.embedded()
	}
	return nil, p.errorf(p.i, "expected a blank or '(' after '%s'", k)
}

func (p *condParser) parseAnd() (Expr, error) {
	return p.parseChain("and", p.parseNot, func(off int, c []Expr) Expr { return &And{Off: off, Children: c} })
}

func (p *condParser) parseNot() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.blank()
	off := p.i
	neg := false
	for p.peek("not") && p.i+3 < len(p.s) && isBlank(p.s[p.i+3]) {
		p.i += 3
		p.blank()
		neg = !neg
	}
	var child Expr
	var err error
	if p.eat("not(") {
		neg = !neg
		child, err = p.embedded()
	} else {
		child, err = p.parseCheck()
	}
	if err != nil {
		return nil, err
	}
	if neg {
		return &Not{Off: off, X: child}, nil
	}
	return child, nil
}

// embedded parses the rest of a parenthesised expression after "(".
func (p *condParser) embedded() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	p.blank()
	if !p.eat(")") {
		return nil, p.errorf(p.i, "expected ')'")
	}
	return e, nil
}

func (p *condParser) parseCheck() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.blank()
	off := p.i
	if p.eat("(") {
		return p.embedded()
	}
	if n := fieldNameLen(p.s, p.i); n > 0 {
		left, err := p.fieldRest(off, n)
		if err != nil {
			return nil, err
		}
		return p.condition(off, left)
	}
	if t, ok := p.transformer(); ok {
		left, err := p.transformRest(off, t)
		if err != nil {
			return nil, err
		}
		return p.condition(off, left)
	}
	if n := identLen(p.s, p.i); n > 0 {
		p.i += n
		return &MacroRef{Off: off, Name: p.s[off:p.i]}, nil
	}
	if p.i >= len(p.s) {
		return nil, p.errorf(p.i, "unexpected end of condition, expecting a field check, a macro or '('")
	}
	return nil, p.errorf(p.i, "unexpected %q, expecting a field check, a macro or '('", p.snippet())
}

// transformer consumes "name(" of a left-side transformer.
func (p *condParser) transformer() (string, bool) {
	for _, t := range transformers {
		if p.eat(t + "(") {
			return t, true
		}
	}
	return "", false
}

func (p *condParser) transformRest(off int, name string) (Operand, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.blank()
	var x Operand
	argOff := p.i
	if t, ok := p.transformer(); ok {
		var err error
		if x, err = p.transformRest(argOff, t); err != nil {
			return nil, err
		}
	} else if n := fieldNameLen(p.s, p.i); n > 0 {
		var err error
		if x, err = p.fieldRest(argOff, n); err != nil {
			return nil, err
		}
	} else {
		return nil, p.errorf(p.i, "expected a field or a transformer inside %s()", name)
	}
	p.blank()
	if !p.eat(")") {
		return nil, p.errorf(p.i, "expected ')' closing %s(", name)
	}
	return &Transform{Off: off, Name: name, X: x}, nil
}

// fieldRest reads a field name of n bytes at p.i and its optional [arg].
func (p *condParser) fieldRest(off, n int) (*FieldRef, error) {
	f := &FieldRef{Off: off, Name: p.s[p.i : p.i+n]}
	p.i += n
	if !p.eat("[") {
		return f, nil
	}
	f.HasArg = true
	if q, ok, err := p.quoted(); err != nil {
		return nil, err
	} else if ok {
		f.Arg = q
	} else {
		start := p.i
		for p.i < len(p.s) && isFieldArgChar(p.s[p.i]) {
			p.i++
		}
		if p.i == start {
			return nil, p.errorf(p.i, "expected a field argument after '['")
		}
		f.Arg = p.s[start:p.i]
	}
	if !p.eat("]") {
		return nil, p.errorf(p.i, "expected ']' closing the argument of %s", f.Name)
	}
	return f, nil
}

func (p *condParser) condition(off int, left Operand) (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.blank()
	if p.eatWord("exists") {
		return &Check{Off: off, Left: left, Op: "exists"}, nil
	}
	opOff := p.i
	for _, op := range numOps {
		if p.eat(op) {
			right, err := p.numValue()
			if err != nil {
				return nil, err
			}
			return &Check{Off: off, Left: left, Op: op, Right: right}, nil
		}
	}
	for _, op := range strOps {
		if p.strOp(op) {
			right, err := p.strValue()
			if err != nil {
				return nil, err
			}
			if op == "==" {
				op = "="
			}
			return &Check{Off: off, Left: left, Op: op, Right: right}, nil
		}
	}
	for _, op := range listOps {
		if p.listOp(op) {
			right, err := p.listValue()
			if err != nil {
				return nil, err
			}
			return &Check{Off: off, Left: left, Op: op, Right: right}, nil
		}
	}
	return nil, p.errorf(opOff, "expected an operator after %s, one of %s", operandString(left), strings.Join(Operators(), ", "))
}

// strOp consumes a string operator; word operators must be followed by a
// blank (Falco: "contains " etc.).
func (p *condParser) strOp(op string) bool {
	if op[0] == '=' || op[0] == '!' {
		return p.eat(op)
	}
	if !p.peek(op) {
		return false
	}
	j := p.i + len(op)
	if j < len(p.s) && isBlank(p.s[j]) {
		p.i = j
		return true
	}
	return false
}

func (p *condParser) listOp(op string) bool {
	if !p.peek(op) {
		return false
	}
	j := p.i + len(op)
	if j < len(p.s) && (isBlank(p.s[j]) || p.s[j] == '(') {
		p.i = j
		return true
	}
	return false
}

// rhsOperand parses val(field) or a transformer on a right side.
func (p *condParser) rhsOperand() (Operand, bool, error) {
	off := p.i
	if p.eat("val(") {
		p.blank()
		n := fieldNameLen(p.s, p.i)
		if n == 0 {
			return nil, false, p.errorf(p.i, "expected a field inside val()")
		}
		f, err := p.fieldRest(p.i, n)
		if err != nil {
			return nil, false, err
		}
		p.blank()
		if !p.eat(")") {
			return nil, false, p.errorf(p.i, "expected ')' closing val(")
		}
		return &Transform{Off: off, Name: "val", X: f}, true, nil
	}
	if t, ok := p.transformer(); ok {
		x, err := p.transformRest(off, t)
		return x, true, err
	}
	return nil, false, nil
}

func (p *condParser) numValue() (any, error) {
	p.blank()
	if x, ok, err := p.rhsOperand(); ok || err != nil {
		return x, err
	}
	off := p.i
	if n := numberLen(p.s, p.i); n > 0 {
		p.i += n
		return &Literal{Off: off, Value: Value{Text: p.s[off:p.i]}}, nil
	}
	return nil, p.errorf(p.i, "expected a number")
}

func (p *condParser) strValue() (any, error) {
	p.blank()
	if x, ok, err := p.rhsOperand(); ok || err != nil {
		return x, err
	}
	off := p.i
	v, ok, err := p.value()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, p.errorf(p.i, "expected a value")
	}
	return &Literal{Off: off, Value: v}, nil
}

// value reads a quoted or bare string.
func (p *condParser) value() (Value, bool, error) {
	if q, ok, err := p.quoted(); err != nil || ok {
		return Value{Text: q, Quoted: true}, ok, err
	}
	start := p.i
	for p.i < len(p.s) && isBareChar(p.s[p.i]) {
		p.i++
	}
	if p.i == start {
		return Value{}, false, nil
	}
	return Value{Text: p.s[start:p.i]}, true, nil
}

func (p *condParser) listValue() (any, error) {
	p.blank()
	off := p.i
	if p.eat("(") {
		l := &ListLit{Off: off}
		p.blank()
		v, ok, err := p.value()
		if err != nil {
			return nil, err
		}
		if ok {
			l.Items = append(l.Items, v)
			p.blank()
			for p.eat(",") {
				p.blank()
				v, ok, err := p.value()
				if err != nil {
					return nil, err
				}
				if !ok {
					return nil, p.errorf(p.i, "expected a value after ','")
				}
				l.Items = append(l.Items, v)
				p.blank()
			}
		}
		if !p.eat(")") {
			return nil, p.errorf(p.i, "expected ',' or ')' in list")
		}
		return l, nil
	}
	if x, ok, err := p.rhsOperand(); ok || err != nil {
		return x, err
	}
	if n := identLen(p.s, p.i); n > 0 {
		p.i += n
		return &ListLit{Off: off, Items: []Value{{Text: p.s[off:p.i]}}, Ident: true}, nil
	}
	return nil, p.errorf(p.i, "expected a list '(...)' or a list name")
}

// quoted reads a '...' or "..." string at p.i and unescapes it.
func (p *condParser) quoted() (string, bool, error) {
	if p.i >= len(p.s) || (p.s[p.i] != '"' && p.s[p.i] != '\'') {
		return "", false, nil
	}
	text, n, err := lexQuoted(p.s[p.i:])
	if err != nil {
		return "", false, p.errorf(p.i, "%v", err)
	}
	p.i += n
	return text, true, nil
}

// lexQuoted reads a quoted string at the start of s; it returns the
// unescaped text and the bytes consumed.
func lexQuoted(s string) (string, int, error) {
	delim := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == delim:
			return b.String(), i + 1, nil
		case c == '\\':
			i++
			if i >= len(s) {
				return "", 0, fmt.Errorf("unterminated string")
			}
			switch e := s[i]; e {
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case ' ', '\\':
				// Falco turns "\ " into a backslash (kept for old rules).
				b.WriteByte('\\')
			case '/':
				b.WriteByte('/')
			case '"', '\'':
				if e != delim {
					return "", 0, fmt.Errorf("invalid \\%c escape in a %c-quoted string", e, delim)
				}
				b.WriteByte(e)
			default:
				return "", 0, fmt.Errorf("unsupported escape sequence \\%c", e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}

// ItemValue turns a list item or exception value as written in YAML into a
// condition value the way Falco does when it pastes lists into conditions:
// an item that is a complete quoted string is unquoted; an item with a
// space is a literal; any other item is bare (and may name another list).
func ItemValue(item string) Value {
	if item != "" && (item[0] == '"' || item[0] == '\'') {
		if text, n, err := lexQuoted(item); err == nil && n == len(item) {
			return Value{Text: text, Quoted: true}
		}
	}
	return Value{Text: item, Quoted: strings.ContainsAny(item, " \t\n\r")}
}

func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '_'
}

// identLen is the length of [a-zA-Z]+[a-zA-Z0-9_]* at s[i:], or 0.
func identLen(s string, i int) int {
	if i >= len(s) || !isIdentStart(s[i]) {
		return 0
	}
	j := i + 1
	for j < len(s) && isIdentChar(s[j]) {
		j++
	}
	return j - i
}

// fieldNameLen is the length of Identifier('.'Identifier)+ at s[i:], or 0.
func fieldNameLen(s string, i int) int {
	n := identLen(s, i)
	if n == 0 {
		return 0
	}
	j, dots := i+n, 0
	for j < len(s) && s[j] == '.' {
		m := identLen(s, j+1)
		if m == 0 {
			break
		}
		j += 1 + m
		dots++
	}
	if dots == 0 {
		return 0
	}
	return j - i
}

// numberLen matches 0[xX][0-9a-zA-Z]+ or [+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?.
func numberLen(s string, i int) int {
	if strings.HasPrefix(s[i:], "0x") || strings.HasPrefix(s[i:], "0X") {
		j := i + 2
		for j < len(s) && isIdentChar(s[j]) && s[j] != '_' {
			j++
		}
		if j > i+2 {
			return j - i
		}
	}
	j := i
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	d := j
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == d {
		return 0
	}
	if j < len(s) && s[j] == '.' {
		j++
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	if j+2 < len(s) && (s[j] == 'e' || s[j] == 'E') && (s[j+1] == '+' || s[j+1] == '-') && s[j+2] >= '0' && s[j+2] <= '9' {
		j += 2
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	return j - i
}

func isBareChar(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\b', '(', ')', ',', '=', '"', '\'':
		return false
	}
	return true
}

func isFieldArgChar(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\b', '[', ']', '"', '\'':
		return false
	}
	return true
}

func operandString(o Operand) string {
	switch o := o.(type) {
	case *FieldRef:
		return o.String()
	case *Transform:
		return o.Name + "(" + operandString(o.X) + ")"
	}
	return "?"
}

// Format renders an expression back into condition text that parses to
// the same AST (used in messages, lint output and tests).
func Format(e Expr) string {
	var b strings.Builder
	format(&b, e)
	return b.String()
}

func format(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *And:
		b.WriteByte('(')
		for i, c := range e.Children {
			if i > 0 {
				b.WriteString(" and ")
			}
			format(b, c)
		}
		b.WriteByte(')')
	case *Or:
		b.WriteByte('(')
		for i, c := range e.Children {
			if i > 0 {
				b.WriteString(" or ")
			}
			format(b, c)
		}
		b.WriteByte(')')
	case *Not:
		b.WriteString("not (")
		format(b, e.X)
		b.WriteByte(')')
	case *MacroRef:
		b.WriteString(e.Name)
	case *Check:
		formatOperand(b, e.Left)
		b.WriteByte(' ')
		b.WriteString(e.Op)
		switch r := e.Right.(type) {
		case nil:
		case *Literal:
			b.WriteByte(' ')
			b.WriteString(FormatValue(r.Value))
		case *ListLit:
			if r.Ident {
				b.WriteByte(' ')
				b.WriteString(r.Items[0].Text)
				break
			}
			b.WriteString(" (")
			for i, v := range r.Items {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(FormatValue(v))
			}
			b.WriteByte(')')
		case Operand:
			b.WriteByte(' ')
			formatOperand(b, r)
		}
	}
}

func formatOperand(b *strings.Builder, o Operand) {
	switch o := o.(type) {
	case *FieldRef:
		b.WriteString(o.Name)
		if o.HasArg {
			b.WriteByte('[')
			arg := o.Arg
			if arg == "" || strings.IndexFunc(arg, func(r rune) bool { return r < 128 && !isFieldArgChar(byte(r)) }) >= 0 {
				arg = quote(arg)
			}
			b.WriteString(arg)
			b.WriteByte(']')
		}
	case *Transform:
		b.WriteString(o.Name)
		b.WriteByte('(')
		formatOperand(b, o.X)
		b.WriteByte(')')
	}
}

// FormatValue renders a value: bare when it was bare, else double-quoted.
func FormatValue(v Value) string {
	if !v.Quoted && v.Text != "" {
		return v.Text
	}
	return quote(v.Text)
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
