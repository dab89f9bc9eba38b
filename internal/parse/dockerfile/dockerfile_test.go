package dockerfile

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

func in(cmd string, args, flags []any, isJSON bool, original string, line, end int64) map[string]any {
	if args == nil {
		args = []any{}
	}
	if flags == nil {
		flags = []any{}
	}
	return map[string]any{"cmd": cmd, "args": args, "flags": flags, "json": isJSON,
		"original": original, "line": line, "end_line": end, "heredocs": []any{}}
}

// withHeredocs adds heredoc bodies ({name, content} pairs) to an instruction.
func withHeredocs(m map[string]any, pairs ...string) map[string]any {
	hs := []any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		hs = append(hs, map[string]any{"name": pairs[i], "content": pairs[i+1]})
	}
	m["heredocs"] = hs
	return m
}

func ref(image, name, tag, digest, platform string, stageRef bool) map[string]any {
	return map[string]any{"image": image, "name": name, "tag": tag, "digest": digest,
		"platform": platform, "stage_ref": stageRef}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseMultiStage(t *testing.T) {
	df, err := Parse("Dockerfile", readTestdata(t, "multistage.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	const digest = "sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"
	distroless := "gcr.io/distroless/static:nonroot@" + digest
	want := map[string]any{
		"args": []any{in("arg", []any{"GO_VERSION", "1.22"}, nil, false, "ARG GO_VERSION=1.22", 2, 2)},
		"stages": []any{
			map[string]any{
				"name":  "build",
				"index": int64(0),
				"from":  ref("golang:${GO_VERSION}", "golang:${GO_VERSION}", "", "", "$BUILDPLATFORM", false),
				"instructions": []any{
					in("from", []any{"golang:${GO_VERSION}", "AS", "build"}, []any{"--platform=$BUILDPLATFORM"}, false,
						"FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build", 3, 3),
					in("workdir", []any{"/src"}, nil, false, "WORKDIR /src", 4, 4),
					in("run", []any{"go build -o /out/app ./cmd/app"}, []any{"--mount=type=cache,target=/root/.cache/go-build"}, false,
						"RUN --mount=type=cache,target=/root/.cache/go-build     go build -o /out/app ./cmd/app", 5, 6),
				},
			},
			map[string]any{
				"name":  "",
				"index": int64(1),
				"from":  ref(distroless, "gcr.io/distroless/static", "nonroot", digest, "", false),
				"instructions": []any{
					in("from", []any{distroless}, nil, false, "FROM "+distroless, 8, 8),
					in("copy", []any{"/out/app", "/app"}, []any{"--from=build"}, false, "COPY --from=build /out/app /app", 9, 9),
					in("user", []any{"nonroot"}, nil, false, "USER nonroot", 10, 10),
					in("entrypoint", []any{"/app"}, nil, true, `ENTRYPOINT ["/app"]`, 11, 11),
				},
			},
		},
	}
	if diff := cmp.Diff(want, df.Value); diff != "" {
		t.Errorf("value (-want +got):\n%s", diff)
	}
	r := func(s, e int) state.Range { return state.Range{Path: "Dockerfile", Start: s, End: e} }
	wantSrc := state.SourceMap{
		state.Key(nil):                                   r(1, 11),
		state.Key([]any{"args", 0}):                      r(2, 2),
		state.Key([]any{"stages", 0}):                    r(3, 6),
		state.Key([]any{"stages", 0, "from"}):            r(3, 3),
		state.Key([]any{"stages", 0, "instructions", 0}): r(3, 3),
		state.Key([]any{"stages", 0, "instructions", 1}): r(4, 4),
		state.Key([]any{"stages", 0, "instructions", 2}): r(5, 6),
		state.Key([]any{"stages", 1}):                    r(8, 11),
		state.Key([]any{"stages", 1, "from"}):            r(8, 8),
		state.Key([]any{"stages", 1, "instructions", 0}): r(8, 8),
		state.Key([]any{"stages", 1, "instructions", 1}): r(9, 9),
		state.Key([]any{"stages", 1, "instructions", 2}): r(10, 10),
		state.Key([]any{"stages", 1, "instructions", 3}): r(11, 11),
	}
	if diff := cmp.Diff(wantSrc, df.Source); diff != "" {
		t.Errorf("source map (-want +got):\n%s", diff)
	}
	// The engine binds the value as Rego input through JSON-compatible types.
	if _, err := json.Marshal(df.Value); err != nil {
		t.Errorf("value is not JSON-compatible: %v", err)
	}
}

// instr returns instruction j of stage i.
func instr(t *testing.T, df *Dockerfile, i, j int) map[string]any {
	t.Helper()
	stages := df.Value["stages"].([]any)
	if i >= len(stages) {
		t.Fatalf("no stage %d", i)
	}
	ins := stages[i].(map[string]any)["instructions"].([]any)
	if j >= len(ins) {
		t.Fatalf("no instruction %d in stage %d", j, i)
	}
	return ins[j].(map[string]any)
}

func TestParseInstructions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		i, j int
		want map[string]any
	}{
		{
			name: "continuation_lines_with_comment",
			src:  "FROM debian:12\nRUN apt-get update && \\\n    # refresh\n    apt-get install -y curl\nUSER app\n",
			i:    0, j: 1,
			want: in("run", []any{"apt-get update &&     apt-get install -y curl"}, nil, false, "RUN apt-get update &&     apt-get install -y curl", 2, 4),
		},
		{
			name: "heredoc_run",
			src:  string(readTestdata(t, "heredoc.Dockerfile")),
			i:    0, j: 1,
			want: withHeredocs(in("run", []any{"<<EOT bash"}, nil, false, "RUN <<EOT bash", 2, 5), "EOT", "set -eux\napt-get update\n"),
		},
		{
			name: "heredoc_copy_chomp",
			src:  string(readTestdata(t, "heredoc.Dockerfile")),
			i:    0, j: 2,
			want: withHeredocs(in("copy", []any{"<<-EOF", "/etc/app.conf"}, nil, false, "COPY <<-EOF /etc/app.conf", 6, 8), "EOF", "\tkey=value\n"),
		},
		{
			name: "json_form_after_heredoc",
			src:  string(readTestdata(t, "heredoc.Dockerfile")),
			i:    0, j: 3,
			want: in("cmd", []any{"cat", "/etc/app.conf"}, nil, true, `CMD ["cat", "/etc/app.conf"]`, 9, 9),
		},
		{
			name: "json_copy_with_flags",
			src:  string(readTestdata(t, "everything.Dockerfile")),
			i:    0, j: 6,
			want: in("copy", []any{"run me.sh", "/usr/local/bin/"}, []any{"--chmod=755"}, true, `COPY --chmod=755 ["run me.sh", "/usr/local/bin/"]`, 7, 7),
		},
		{
			name: "label_pairs_unquoted",
			src:  string(readTestdata(t, "everything.Dockerfile")),
			i:    0, j: 2,
			want: in("label", []any{"org.opencontainers.image.title", "demo app", "version", "1"}, nil, false,
				`LABEL org.opencontainers.image.title="demo app" version=1`, 3, 3),
		},
		{
			name: "env_new_and_legacy_form",
			src:  "FROM alpine:3.20\nENV PATH=/usr/local/bin:$PATH A='x y'\nENV HOME /root dir\n",
			i:    0, j: 2,
			want: in("env", []any{"HOME", "/root dir"}, nil, false, "ENV HOME /root dir", 3, 3),
		},
		{
			name: "arg_with_and_without_default",
			src:  "FROM alpine:3.20\nARG A B=\"two words\" C=\n",
			i:    0, j: 1,
			want: in("arg", []any{"A", "", "B", "two words", "C", ""}, nil, false, `ARG A B="two words" C=`, 2, 2),
		},
		{
			name: "healthcheck_type_and_command",
			src:  string(readTestdata(t, "everything.Dockerfile")),
			i:    0, j: 11,
			want: in("healthcheck", []any{"CMD", "wget -q -O- http://localhost:8080/ || exit 1"}, []any{"--interval=30s"}, false,
				"HEALTHCHECK --interval=30s CMD wget -q -O- http://localhost:8080/ || exit 1", 12, 12),
		},
		{
			name: "onbuild_trigger",
			src:  string(readTestdata(t, "everything.Dockerfile")),
			i:    0, j: 12,
			want: in("onbuild", []any{"COPY . /src"}, nil, false, "ONBUILD COPY . /src", 13, 13),
		},
		{
			name: "maintainer",
			src:  string(readTestdata(t, "everything.Dockerfile")),
			i:    0, j: 1,
			want: in("maintainer", []any{"someone@example.com"}, nil, false, "MAINTAINER someone@example.com", 2, 2),
		},
		{
			name: "backtick_escape_directive",
			src:  string(readTestdata(t, "escape.Dockerfile")),
			i:    0, j: 3,
			want: in("env", []any{"DIR", `C:\Program Files`, "MODE", "prod"}, nil, false, `ENV DIR="C:\Program Files"     MODE=prod`, 6, 7),
		},
		{
			name: "lower_case_instructions",
			src:  "from alpine:3.20 as Base\nrun echo hi\n",
			i:    0, j: 1,
			want: in("run", []any{"echo hi"}, nil, false, "run echo hi", 2, 2),
		},
		{
			name: "crlf_line_endings",
			src:  "FROM alpine:3.20\r\nRUN a \\\r\n  b\r\nUSER app\r\n",
			i:    0, j: 1,
			want: in("run", []any{"a   b"}, nil, false, "RUN a   b", 2, 3),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			df, err := Parse("Dockerfile", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, instr(t, df, tc.i, tc.j)); diff != "" {
				t.Errorf("instruction (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseFrom(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []map[string]any // from of each stage
	}{
		{
			name: "refs",
			src: "FROM alpine\nFROM alpine:3.20\nFROM localhost:5000/team/app\nFROM localhost:5000/team/app:1.0@sha256:abc\n" +
				"FROM ubuntu@sha256:def\nFROM scratch\n",
			want: []map[string]any{
				ref("alpine", "alpine", "", "", "", false),
				ref("alpine:3.20", "alpine", "3.20", "", "", false),
				ref("localhost:5000/team/app", "localhost:5000/team/app", "", "", "", false),
				ref("localhost:5000/team/app:1.0@sha256:abc", "localhost:5000/team/app", "1.0", "sha256:abc", "", false),
				ref("ubuntu@sha256:def", "ubuntu", "", "sha256:def", "", false),
				ref("scratch", "scratch", "", "", "", false),
			},
		},
		{
			name: "stage_refs_and_variables",
			src:  "ARG BASE=alpine:3.20\nFROM ${BASE} AS Base\nFROM base AS test\nFROM --platform=linux/arm64 $BASE:edge\nFROM later\nFROM golang:1.22 AS later\n",
			want: []map[string]any{
				ref("${BASE}", "${BASE}", "", "", "", false),
				ref("base", "base", "", "", "", true),
				ref("$BASE:edge", "$BASE:edge", "", "", "linux/arm64", false),
				// A stage named later is not a reference to it.
				ref("later", "later", "", "", "", false),
				ref("golang:1.22", "golang", "1.22", "", "", false),
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			df, err := Parse("Dockerfile", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []map[string]any
			for _, s := range df.Value["stages"].([]any) {
				got = append(got, s.(map[string]any)["from"].(map[string]any))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("from (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseStageNames(t *testing.T) {
	df, err := Parse("Dockerfile", []byte("FROM alpine:3.20 AS Build\nFROM build\nFROM alpine:3.20\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range df.Value["stages"].([]any) {
		got = append(got, s.(map[string]any)["name"].(string))
	}
	if diff := cmp.Diff([]string{"build", "", ""}, got); diff != "" {
		t.Errorf("stage names (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantLine int
		wantMsg  string
	}{
		{"empty", "", 0, "no instructions"},
		{"comments_only", "# nothing here\n\n", 0, "no instructions"},
		{"no_from", "ARG A=1\n", 1, "no FROM"},
		{"instruction_before_from", "# c\nRUN echo hi\nFROM alpine\n", 2, "before the first FROM"},
		{"unknown_instruction", "FROM alpine\nRUN x\nFROBNICATE now\n", 3, "unknown instruction: FROBNICATE"},
		{"from_without_image", "FROM alpine\nFROM\n", 2, "FROM requires"},
		{"from_bad_alias", "FROM alpine AS\n", 1, "FROM requires"},
		{"json_not_strings", "FROM alpine\n\nCMD [\"a\", 1]\n", 3, "strings only"},
		{"env_without_value", "FROM alpine\nENV \\\n  ONLYKEY\n", 2, "ENV must have two arguments"},
		{"unterminated_heredoc", "FROM alpine\nRUN <<EOF\necho hi\n", 2, "unterminated heredoc"},
		{"bad_escape_directive", "# escape=x\nFROM alpine\n", 1, "invalid escape token"},
		{"binary", "FROM alpine\x00\x01\x02", 0, "binary content"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			df, err := Parse("dir/Dockerfile", []byte(tc.src))
			if err == nil {
				t.Fatalf("want an error, got %v", df.Value)
			}
			var pe *limits.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want *limits.ParseError, got %T: %v", err, err)
			}
			if pe.Path != "dir/Dockerfile" {
				t.Errorf("path = %q", pe.Path)
			}
			if pe.Line != tc.wantLine {
				t.Errorf("line = %d, want %d (%v)", pe.Line, tc.wantLine, err)
			}
			if !strings.Contains(pe.Msg, tc.wantMsg) {
				t.Errorf("msg = %q, want it to contain %q", pe.Msg, tc.wantMsg)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	tests := []struct {
		name string
		src  func() []byte
		what string
	}{
		{
			name: "too_many_instructions",
			src: func() []byte {
				return []byte("FROM alpine\n" + strings.Repeat("RUN true\n", MaxInstructions))
			},
			what: "Dockerfile instructions",
		},
		{
			name: "line_too_long",
			src: func() []byte {
				return []byte("FROM alpine\nRUN echo " + strings.Repeat("a", MaxLineLength) + "\n")
			},
			what: "Dockerfile line length",
		},
		{
			name: "file_too_large",
			src: func() []byte {
				return []byte(strings.Repeat("# padding\n", int(limits.DefaultMaxFileSize/10)+1))
			},
			what: "Dockerfile size",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("Dockerfile", tc.src())
			var le *limits.LimitError
			if !errors.As(err, &le) {
				t.Fatalf("want *limits.LimitError, got %T: %v", err, err)
			}
			if le.What != tc.what {
				t.Errorf("what = %q, want %q", le.What, tc.what)
			}
		})
	}
	// Just under the instruction limit still parses.
	if _, err := Parse("Dockerfile", []byte("FROM alpine\n"+strings.Repeat("RUN true\n", MaxInstructions-1))); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

func TestParseInvalidUTF8(t *testing.T) {
	df, err := Parse("Dockerfile", []byte("FROM alpine:3.20\nLABEL desc=caf\xe9\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := instr(t, df, 0, 1)["args"]
	if diff := cmp.Diff([]any{"desc", "caf\uFFFD"}, got); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct {
		in, want string
		escape   rune
	}{
		{`plain`, `plain`, '\\'},
		{`"two words"`, `two words`, '\\'},
		{`'single $X \n'`, `single $X \n`, '\\'},
		{`"say \"hi\" \$HOME \n"`, `say "hi" $HOME \n`, '\\'},
		{`a\ b`, `a b`, '\\'},
		{`pre"mid"post`, `premidpost`, '\\'},
		{`"C:\dir"`, `C:\dir`, '`'},
		{`"unterminated`, `unterminated`, '\\'},
		{`trailing\`, `trailing\`, '\\'},
	}
	for _, tc := range tests {
		if got := unquote(tc.in, tc.escape); got != tc.want {
			t.Errorf("unquote(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestParseTestdata parses every fixture and checks the source map's
// invariants: every range lies within the file and instructions nest in
// their stage.
func TestParseTestdata(t *testing.T) {
	files, err := filepath.Glob("testdata/*.Dockerfile")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			df, err := Parse(f, b)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, df)
		})
	}
}

func checkInvariants(t *testing.T, df *Dockerfile) {
	t.Helper()
	whole, ok := df.Source[state.Key(nil)]
	if !ok || whole.Start != 1 {
		t.Fatalf("whole-file range = %+v", whole)
	}
	for k, r := range df.Source {
		if r.Start < 1 || r.End < r.Start || r.End > whole.End {
			t.Errorf("range %q = %+v outside 1..%d", k, r, whole.End)
		}
	}
	for i, s := range df.Value["stages"].([]any) {
		st := df.Source[state.Key([]any{"stages", i})]
		for j, x := range s.(map[string]any)["instructions"].([]any) {
			ins := x.(map[string]any)
			r, ok := df.Source[state.Key([]any{"stages", i, "instructions", j})]
			if !ok {
				t.Errorf("no range for stage %d instruction %d", i, j)
				continue
			}
			if int64(r.Start) != ins["line"].(int64) || int64(r.End) != ins["end_line"].(int64) {
				t.Errorf("stage %d instruction %d: range %+v, value lines %v-%v", i, j, r, ins["line"], ins["end_line"])
			}
			if r.Start < st.Start || r.End > st.End {
				t.Errorf("stage %d instruction %d: %+v outside stage %+v", i, j, r, st)
			}
		}
	}
	if _, err := json.Marshal(df.Value); err != nil {
		t.Errorf("value is not JSON-compatible: %v", err)
	}
}
