package python

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

func input(p string, data []byte) extract.Input {
	return extract.Input{Path: p, Reader: bytes.NewReader(data), Size: int64(len(data)), Mode: 0o644}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// flags are the optional facts of an expected package.
type flags struct {
	dev, direct bool
	licenses    []string
}

var (
	none   = flags{}
	dev    = flags{dev: true}
	direct = flags{direct: true}
)

// want builds expected packages from name, version, flags triples.
func want(loc, id string, entries ...any) []inventory.Package {
	var out []inventory.Package
	for i := 0; i < len(entries); i += 3 {
		f := entries[i+2].(flags)
		out = append(out, inventory.Package{
			Name: entries[i].(string), Version: entries[i+1].(string), Ecosystem: inventory.PyPI,
			Location: loc, Extractor: id, Dev: f.dev, Direct: f.direct, Licenses: f.licenses,
		})
	}
	return out
}

// extractors holds one of each extractor of the package.
type extractors struct {
	req     *Requirements
	poetry  *PoetryLock
	pipfile *PipfileLock
	uv      *UVLock
	dist    *Dist
}

func newExtractors(t testing.TB, cfg Config) extractors {
	t.Helper()
	var e extractors
	var errs [5]error
	e.req, errs[0] = NewRequirements(cfg)
	e.poetry, errs[1] = NewPoetryLock(cfg)
	e.pipfile, errs[2] = NewPipfileLock(cfg)
	e.uv, errs[3] = NewUVLock(cfg)
	e.dist, errs[4] = NewDist(cfg)
	if err := errors.Join(errs[:]...); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestExtract(t *testing.T) {
	e := newExtractors(t, Config{})
	req, poetry, pipfile, uv, dist := e.req, e.poetry, e.pipfile, e.uv, e.dist
	tests := []struct {
		name    string
		ex      extract.Extractor
		path    string
		fixture string
		want    []inventory.Package
	}{
		{
			name: "requirements_pinned_only", ex: req, path: "requirements.txt", fixture: "requirements.txt",
			want: want("requirements.txt", RequirementsID,
				"black", "23.10.1", none,
				"certifi", "2023.7.22", none,
				"django", "4.2.7", none,
				"requests", "2.31.0", none,
				"typing-extensions", "4.8.0", none,
				"zope-interface", "6.1", none,
			),
		},
		{
			name: "poetry_lock_2_0", ex: poetry, path: "svc/poetry.lock", fixture: "poetry.lock",
			want: want("svc/poetry.lock", PoetryLockID,
				"certifi", "2023.7.22", none,
				"pytest", "7.4.3", none, // lock 2.0 records no category
				"typing-extensions", "4.8.0", none,
			),
		},
		{
			name: "poetry_lock_1_1_category", ex: poetry, path: "poetry.lock", fixture: "poetry-1.1.lock",
			want: want("poetry.lock", PoetryLockID,
				"flask", "2.0.3", none,
				"mypy", "0.931", dev,
				"requests", "2.27.1", none,
			),
		},
		{
			name: "poetry_lock_2_1_groups", ex: poetry, path: "poetry.lock", fixture: "poetry-2.lock",
			want: want("poetry.lock", PoetryLockID,
				"click", "8.1.8", none,
				"ruff", "0.9.2", dev,
				"sphinx", "8.1.3", dev,
			),
		},
		{
			name: "pipfile_lock", ex: pipfile, path: "Pipfile.lock", fixture: "Pipfile.lock",
			want: want("Pipfile.lock", PipfileLockID,
				"jinja2", "3.1.2", none,
				"markupsafe", "2.1.3", none, // in default and develop
				"pytest", "7.4.3", dev,
			),
		},
		{
			name: "uv_lock_workspace", ex: uv, path: "uv.lock", fixture: "uv.lock",
			want: want("uv.lock", UVLockID,
				"anyio", "4.6.2", direct,
				"idna", "3.10", none,
				"iniconfig", "2.0.0", dev,
				"packaging", "24.2", direct, // of the workspace member shop-core
				"pytest", "8.3.3", flags{dev: true, direct: true},
				"sniffio", "1.3.1", none, // also reached from anyio
			),
		},
		{
			name: "dist_info_classifier_license", ex: dist, fixture: "METADATA",
			path: "usr/lib/python3/site-packages/typing_extensions-4.8.0.dist-info/METADATA",
			want: want("usr/lib/python3/site-packages/typing_extensions-4.8.0.dist-info/METADATA", DistID,
				"typing-extensions", "4.8.0", flags{licenses: []string{"Python Software Foundation License"}}),
		},
		{
			name: "dist_info_license_expression", ex: dist, fixture: "METADATA-2.4",
			path: "venv/lib/python3.12/site-packages/flask_compat-3.1.0rc1.dist-info/METADATA",
			want: want("venv/lib/python3.12/site-packages/flask_compat-3.1.0rc1.dist-info/METADATA", DistID,
				"flask-compat", "3.1.0rc1", flags{licenses: []string{"BSD-3-Clause"}}),
		},
		{
			name: "egg_info", ex: dist, fixture: "PKG-INFO",
			path: "site-packages/PyYAML-5.4.1-py3.9.egg-info/PKG-INFO",
			want: want("site-packages/PyYAML-5.4.1-py3.9.egg-info/PKG-INFO", DistID,
				"pyyaml", "5.4.1", flags{licenses: []string{"MIT"}}),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.ex.Required(tc.path, 1000, 0o644) {
				t.Fatalf("Required(%q) = false", tc.path)
			}
			got, err := tc.ex.Extract(context.Background(), input(tc.path, readTestdata(t, tc.fixture)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequirementLines(t *testing.T) {
	tests := []struct {
		name, line, wantName, wantVersion string
	}{
		{"plain", "six==1.16.0", "six", "1.16.0"},
		{"spaces", "  six ==  1.16.0  ", "six", "1.16.0"},
		{"extras", "uvicorn[standard]==0.24.0", "uvicorn", "0.24.0"},
		{"marker", `pywin32==306; sys_platform == "win32"`, "pywin32", "306"},
		{"hash_option", "six==1.16.0 --hash=sha256:abc", "six", "1.16.0"},
		{"epoch_local", "foo==1!2.0+local.3", "foo", "1!2.0+local.3"},
		{"range", "six>=1.16", "", ""},
		{"wildcard", "six==1.*", "", ""},
		{"arbitrary_equality", "six===1.16.0", "", ""},
		{"two_clauses", "six==1.16.0,!=1.16.1", "", ""},
		{"url", "six @ https://example.com/six.whl", "", ""},
		{"include", "-r other.txt", "", ""},
		{"editable", "-e .", "", ""},
		{"bad_name", "-six-==1.0", "", ""},
		{"unclosed_extras", "six[x==1.0", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, v, ok := pinned(tc.line)
			if ok != (tc.wantName != "") || n != tc.wantName || v != tc.wantVersion {
				t.Errorf("pinned(%q) = %q, %q, %v; want %q, %q", tc.line, n, v, ok, tc.wantName, tc.wantVersion)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Django": "django", "typing_extensions": "typing-extensions", "zope.interface": "zope-interface",
		"Foo__Bar-.baz": "foo-bar-baz",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRequired(t *testing.T) {
	e := newExtractors(t, Config{})
	req, poetry, pipfile, uv, dist := e.req, e.poetry, e.pipfile, e.uv, e.dist
	tests := []struct {
		name string
		ex   extract.Extractor
		path string
		want bool
	}{
		{"requirements", req, "requirements.txt", true},
		{"requirements_dev", req, "app/requirements-dev.txt", true},
		{"requirements_in", req, "requirements.in", false},
		{"other_txt", req, "notes.txt", false},
		{"poetry", poetry, "a/poetry.lock", true},
		{"pyproject", poetry, "pyproject.toml", false},
		{"pipfile_lock", pipfile, "Pipfile.lock", true},
		{"pipfile", pipfile, "Pipfile", false},
		{"uv", uv, "uv.lock", true},
		{"dist_info", dist, "site-packages/six-1.16.0.dist-info/METADATA", true},
		{"egg_info", dist, "site-packages/six.egg-info/PKG-INFO", true},
		{"dist_info_record", dist, "site-packages/six-1.16.0.dist-info/RECORD", false},
		{"bare_metadata", dist, "METADATA", false},
		{"sdist_pkg_info", dist, "six-1.16.0/PKG-INFO", false},
		{"unnamed_dist_info", dist, ".dist-info/METADATA", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.ex.Required(tc.path, 100, fs.FileMode(0o644)); got != tc.want {
				t.Errorf("Required(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	e := newExtractors(t, Config{})
	poetry, pipfile, uv := e.poetry, e.pipfile, e.uv
	dist := newExtractors(t, Config{MaxFileSize: 256}).dist
	req := newExtractors(t, Config{MaxFileSize: 16}).req
	tests := []struct {
		name     string
		ex       extract.Extractor
		data     string
		wantLine int // 0: no position; -1: a limit error
	}{
		{"poetry_syntax", poetry, "[[package]]\nname = \"a\"\nversion = \n", 3},
		{"poetry_wrong_type", poetry, "[[package]]\nname = 1\n", 0},
		{"poetry_deep_nesting", poetry, "a = " + strings.Repeat("[", 1000) + strings.Repeat("]", 1000), -1},
		{"uv_deep_inline_tables", uv, "a = " + strings.Repeat("{b=", 1000) + "1" + strings.Repeat("}", 1000), -1},
		{"uv_syntax", uv, "version = 1\n[[package]] x\nname = \"a\"\n", 2},
		{"pipfile_truncated", pipfile, "{\n  \"default\": {\n", 3},
		{"dist_missing_version", dist, "Metadata-Version: 2.1\nName: six\n\nbody\n", 0},
		{"dist_malformed_header", dist, "Metadata-Version: 2.1\nthis is not a header\n", 2},
		{"dist_header_too_long", dist, "Name: six\nSummary: " + strings.Repeat("x", 300) + "\n", -1},
		{"requirements_too_large", req, "six==1.16.0\nrequests==2.31.0\n", -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.ex.Extract(context.Background(), input("f", []byte(tc.data)))
			if got != nil {
				t.Errorf("packages = %v, want none", got)
			}
			var pe *limits.ParseError
			var le *limits.LimitError
			switch {
			case tc.wantLine < 0:
				if !errors.As(err, &le) {
					t.Fatalf("error = %v, want *limits.LimitError", err)
				}
			case !errors.As(err, &pe):
				t.Fatalf("error = %v, want *limits.ParseError", err)
			case pe.Line != tc.wantLine || pe.Path != "f":
				t.Errorf("error at %s:%d, want f:%d (%v)", pe.Path, pe.Line, tc.wantLine, err)
			}
		})
	}
}

func TestTOMLNestingIgnoresStrings(t *testing.T) {
	data := "a = \"" + strings.Repeat("[", 500) + "\"\nb = '" + strings.Repeat("{", 500) +
		"'\nc = \"\"\"\n" + strings.Repeat("[", 500) + "\\\"\"\"\n\"\"\"\n# " + strings.Repeat("[", 500) + "\n[[package]]\n"
	if err := checkTOMLNesting("f", []byte(data), limits.DefaultMaxDepth); err != nil {
		t.Errorf("checkTOMLNesting: %v", err)
	}
}

func TestConfig(t *testing.T) {
	if _, err := NewDist(Config{MaxFileSize: -1}); err == nil {
		t.Error("negative MaxFileSize accepted")
	}
}
