package npm

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

func want(loc, id string, entries ...any) []inventory.Package {
	var out []inventory.Package
	for i := 0; i < len(entries); i += 3 {
		p := newPackage(entries[i].(string), entries[i+1].(string), loc, id)
		f := entries[i+2].(flags)
		p.Dev, p.Direct, p.Licenses = f.dev, f.direct, f.licenses
		out = append(out, p)
	}
	return out
}

var (
	none   = flags{}
	dev    = flags{dev: true}
	direct = flags{direct: true}
	mit    = flags{licenses: []string{"MIT"}}
)

func TestExtract(t *testing.T) {
	lock, err := NewPackageLock(Config{})
	if err != nil {
		t.Fatal(err)
	}
	yarn, err := NewYarnLock(Config{})
	if err != nil {
		t.Fatal(err)
	}
	pnpm, err := NewPnpmLock(Config{})
	if err != nil {
		t.Fatal(err)
	}
	nm, err := NewNodeModules(Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		ex      extract.Extractor
		path    string
		fixture string
		want    []inventory.Package
	}{
		{
			name: "package_lock_v3", ex: lock, path: "web/package-lock.json", fixture: "package-lock-v3.json",
			want: want("web/package-lock.json", PackageLockID,
				"@babel/runtime", "7.23.2", direct,
				"debug", "2.6.9", mit,
				"debug", "4.3.4", flags{dev: true, licenses: []string{"MIT"}},
				"express", "4.18.2", flags{direct: true, licenses: []string{"MIT"}},
				"fsevents", "2.3.3", dev,
				"jest", "29.7.0", flags{dev: true, direct: true, licenses: []string{"MIT"}},
				"lodash", "4.17.21", flags{direct: true, licenses: []string{"MIT"}},
				"ms", "2.0.0", none,
				"ms", "2.1.2", none, // devOptional: also needed outside dev
				"react", "18.2.0", mit,
			),
		},
		{
			name: "package_lock_v1", ex: lock, path: "package-lock.json", fixture: "package-lock-v1.json",
			want: want("package-lock.json", PackageLockID,
				"accepts", "1.3.8", none,
				"body-parser", "1.19.0", none,
				"bytes", "3.1.0", none,
				"bytes", "3.1.2", none,
				"chai", "4.3.4", dev,
				"uuid", "3.4.0", none,
			),
		},
		{
			name: "yarn_v1", ex: yarn, path: "yarn.lock", fixture: "yarn-v1.lock",
			want: want("yarn.lock", YarnLockID,
				"@babel/code-frame", "7.22.13", none,
				"@types/node", "20.8.9", none,
				"chalk", "2.4.2", none,
				"lodash", "4.17.21", none,
				"string-width", "4.2.3", none,
			),
		},
		{
			name: "yarn_berry", ex: yarn, path: "app/yarn.lock", fixture: "yarn-berry.lock",
			want: want("app/yarn.lock", YarnLockID,
				"@babel/code-frame", "7.22.13", none,
				"lodash", "4.17.21", none,
				"resolve", "1.22.8", none,
				"string-width", "4.2.3", none,
			),
		},
		{
			name: "pnpm_v5", ex: pnpm, path: "pnpm-lock.yaml", fixture: "pnpm-lock-v5.yaml",
			want: want("pnpm-lock.yaml", PnpmLockID,
				"@babel/code-frame", "7.18.6", dev,
				"@babel/core", "7.20.12", flags{dev: true, direct: true},
				"js-tokens", "4.0.0", none,
				"lodash", "4.17.21", direct,
				"loose-envify", "1.4.0", none,
				"react-dom", "18.2.0", direct,
				"string_decoder", "1.3.0", none,
				"typescript", "4.9.5", flags{dev: true, direct: true},
			),
		},
		{
			name: "pnpm_v6_workspace", ex: pnpm, path: "pnpm-lock.yaml", fixture: "pnpm-lock-v6.yaml",
			want: want("pnpm-lock.yaml", PnpmLockID,
				"@fastify/cors", "8.4.0", direct,
				"fastify-plugin", "4.5.1", none,
				"mnemonist", "0.39.5", none,
				"react", "18.2.0", none,
				"react-dom", "18.2.0", direct,
				"vitest", "0.34.6", flags{dev: true, direct: true},
			),
		},
		{
			name: "pnpm_v9_dev_by_reachability", ex: pnpm, path: "pnpm-lock.yaml", fixture: "pnpm-lock-v9.yaml",
			want: want("pnpm-lock.yaml", PnpmLockID,
				"@types/prop-types", "15.7.12", dev,
				"@types/react", "18.3.3", flags{dev: true, direct: true},
				"js-tokens", "4.0.0", none, // also reached from react
				"loose-envify", "1.4.0", none,
				"react", "18.3.1", none,
				"react-dom", "18.3.1", direct,
				"string-width", "4.2.3", direct, // alias string-width-cjs
				"typescript", "5.4.5", flags{dev: true, direct: true},
			),
		},
		{
			name: "node_modules_package", ex: nm, path: "app/node_modules/express/package.json", fixture: "node-modules-express.json",
			want: want("app/node_modules/express/package.json", NodeModulesID, "express", "4.18.2", mit),
		},
		{
			name: "node_modules_legacy_licenses", ex: nm, path: "node_modules/@legacy/thing/package.json", fixture: "node-modules-legacy.json",
			want: want("node_modules/@legacy/thing/package.json", NodeModulesID,
				"@legacy/thing", "0.2.1", flags{licenses: []string{"MIT", "Apache-2.0"}}),
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

func TestRequired(t *testing.T) {
	lock, _ := NewPackageLock(Config{})
	yarn, _ := NewYarnLock(Config{})
	pnpm, _ := NewPnpmLock(Config{})
	nm, _ := NewNodeModules(Config{})
	tests := []struct {
		name string
		ex   extract.Extractor
		path string
		want bool
	}{
		{"lock_root", lock, "package-lock.json", true},
		{"lock_shrinkwrap", lock, "a/npm-shrinkwrap.json", true},
		{"lock_hidden_in_node_modules", lock, "node_modules/.package-lock.json", false},
		{"lock_inside_dependency", lock, "node_modules/x/package-lock.json", false},
		{"lock_package_json", lock, "package.json", false},
		{"yarn_root", yarn, "web/yarn.lock", true},
		{"yarn_other", yarn, "web/yarn.lockx", false},
		{"pnpm_root", pnpm, "pnpm-lock.yaml", true},
		{"pnpm_yml", pnpm, "pnpm-lock.yml", false},
		{"nm_package", nm, "node_modules/lodash/package.json", true},
		{"nm_scoped", nm, "app/node_modules/@babel/core/package.json", true},
		{"nm_nested", nm, "node_modules/a/node_modules/b/package.json", true},
		{"nm_pnpm_store", nm, "node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/package.json", true},
		{"nm_project_package_json", nm, "package.json", false},
		{"nm_subdirectory", nm, "node_modules/lodash/fp/package.json", false},
		{"nm_scope_dir_itself", nm, "node_modules/@babel/package.json", false},
		{"nm_dot_dir", nm, "node_modules/.bin/package.json", false},
		{"nm_scoped_subdirectory", nm, "node_modules/@babel/core/lib/package.json", false},
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
	lock, _ := NewPackageLock(Config{MaxFileSize: 1 << 10, MaxDepth: 3})
	yarn, _ := NewYarnLock(Config{})
	pnpm, _ := NewPnpmLock(Config{})
	nm, _ := NewNodeModules(Config{})
	deep := `{"lockfileVersion":1,"dependencies":{"a":{"version":"1.0.0","dependencies":{"b":{"version":"1.0.0","dependencies":{"c":{"version":"1.0.0","dependencies":{"d":{"version":"1.0.0"}}}}}}}}}`
	tests := []struct {
		name     string
		ex       extract.Extractor
		data     string
		wantLine int // for parse errors; -1 for limit errors
	}{
		{"lock_truncated", lock, "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n", 4},
		{"lock_wrong_type", lock, "{\n\"packages\": []}", 2},
		{"lock_too_large", lock, strings.Repeat(" ", 1<<10+1), -1},
		{"lock_too_deep", lock, deep, -1},
		{"lock_binary", lock, "\x00\x01\xff", 1},
		{"yarn_v1_bad_header", yarn, "# yarn lockfile v1\n\nlodash@^4 version 4\n", 3},
		{"yarn_v1_tabs", yarn, "lodash@^4:\n\tversion \"4.17.21\"\n", 2},
		{"yarn_berry_bad_yaml", yarn, "__metadata:\n  version: 8\n\"a@npm:1\": [\n", 3},
		{"pnpm_bad_yaml", pnpm, "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {\n", 3},
		{"pnpm_wrong_shape", pnpm, "lockfileVersion: '9.0'\npackages: [1, 2]\n", 2},
		{"node_modules_truncated", nm, "{\"name\": \"x\",", 1},
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

func TestPnpmKey(t *testing.T) {
	tests := []struct {
		name, key     string
		slash         bool
		wantName, ver string
		ok            bool
	}{
		{"v5_plain", "/lodash/4.17.21", true, "lodash", "4.17.21", true},
		{"v5_scoped_peer", "/@babel/plugin-x/7.0.0_@babel+core@7.20.0", true, "@babel/plugin-x", "7.0.0", true},
		{"v5_underscore_name", "/string_decoder/1.3.0", true, "string_decoder", "1.3.0", true},
		{"v5_git", "github.com/user/repo/0123abc", true, "github.com", "user/repo/0123abc", false},
		{"v6_scoped", "/@scope/name@1.2.3", false, "@scope/name", "1.2.3", true},
		{"v6_peer", "/foo@1.0.0(react@18.2.0)(react-dom@18.2.0)", false, "foo", "1.0.0", true},
		{"v9_plain", "name@1.2.3", false, "name", "1.2.3", true},
		{"v9_tarball", "foo@https://example.com/foo.tgz", false, "foo", "https://example.com/foo.tgz", false},
		{"v9_link", "bar@link:../bar", false, "bar", "link:../bar", false},
		{"no_version", "lonely", false, "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, v, ok := pnpmKey(tc.key, tc.slash)
			if n != tc.wantName || v != tc.ver || ok != tc.ok {
				t.Errorf("pnpmKey(%q) = %q, %q, %v; want %q, %q, %v", tc.key, n, v, ok, tc.wantName, tc.ver, tc.ok)
			}
		})
	}
}

func TestConfig(t *testing.T) {
	if _, err := NewPackageLock(Config{MaxFileSize: -1}); err == nil {
		t.Error("negative MaxFileSize accepted")
	}
	if _, err := NewYarnLock(Config{MaxDepth: -1}); err == nil {
		t.Error("negative MaxDepth accepted")
	}
}
