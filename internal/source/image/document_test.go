package image

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/state"
)

// imageChecksDir holds the fixtures of the image checks (checks/image).
const imageChecksDir = "../../../checks/image/testdata"

// fixture is one image-check fixture file (checks/image/testdata/README.md).
type fixture struct {
	Ref      string              `json:"ref"`
	Now      string              `json:"now"`
	Config   Config              `json:"config"`
	Distro   *inventory.Distro   `json:"distro"`
	Packages []inventory.Package `json:"packages"`
}

// fixtureDoc decodes a fixture and builds its document.
func fixtureDoc(data []byte) (*state.Document, error) {
	var fx fixture
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fx); err != nil {
		return nil, err
	}
	if fx.Ref == "" {
		fx.Ref = "example.test/app:1.0"
	}
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	if fx.Now != "" {
		t, err := time.Parse(time.DateOnly, fx.Now)
		if err != nil {
			return nil, err
		}
		now = t
	}
	img := &Image{Ref: fx.Ref, Source: SourceArchive, Config: fx.Config}
	return Document(img, fx.Distro, fx.Packages, now), nil
}

func TestDocument(t *testing.T) {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	dpkg := func(n string) inventory.Package {
		return inventory.Package{Name: n, Version: "1", Ecosystem: "Debian:10", Extractor: "os/dpkg"}
	}
	tests := []struct {
		name   string
		img    *Image
		distro *inventory.Distro
		pkgs   []inventory.Package
		want   map[string]any
	}{
		{
			name:   "debian_with_apt_and_bash",
			distro: &inventory.Distro{ID: "debian", VersionID: "10"},
			pkgs:   []inventory.Package{dpkg("apt"), dpkg("dpkg"), dpkg("bash"), dpkg("dash"), dpkg("libc6")},
			img: &Image{Ref: "r:1", Config: Config{
				User:         "app",
				Env:          []string{"A=1", "B=x=y", "NOEQ"},
				Labels:       map[string]string{"k": "v"},
				ExposedPorts: []string{"22/tcp"},
				Cmd:          []string{"/app"},
				Healthcheck:  &Healthcheck{Test: []string{"CMD", "true"}},
				History:      []History{{CreatedBy: "ENV A=1", EmptyLayer: true}, {CreatedBy: "COPY x /x", Layer: "sha256:1"}},
			}},
			want: map[string]any{
				"ref":  "r:1",
				"user": "app",
				"env": []any{
					map[string]any{"name": "A", "value": "1"},
					map[string]any{"name": "B", "value": "x=y"},
					map[string]any{"name": "NOEQ", "value": ""},
				},
				"labels":        map[string]any{"k": "v"},
				"exposed_ports": []any{"22/tcp"},
				"entrypoint":    []any{},
				"cmd":           []any{"/app"},
				"working_dir":   "",
				"healthcheck":   map[string]any{"test": []any{"CMD", "true"}, "disabled": false},
				"history": []any{
					map[string]any{"created_by": "ENV A=1", "empty_layer": true},
					map[string]any{"created_by": "COPY x /x", "empty_layer": false},
				},
				"os":               map[string]any{"id": "debian", "version_id": "10", "eol": true, "eol_date": "2024-06-30"},
				"package_managers": []any{"apt", "dpkg"},
				"shells":           []any{"bash", "dash"},
				"distroless":       false,
			},
		},
		{
			name:   "alpine_busybox_apk_healthcheck_none",
			distro: &inventory.Distro{ID: "alpine", VersionID: "3.20.3"},
			pkgs: []inventory.Package{
				{Name: "busybox", Ecosystem: "Alpine:v3.20", Extractor: "os/apk"},
				{Name: "apk-tools", Ecosystem: "Alpine:v3.20", Extractor: "os/apk"},
			},
			img: &Image{Ref: "alpine:3.20", Config: Config{Healthcheck: &Healthcheck{Test: []string{"NONE"}}}},
			want: map[string]any{
				"ref": "alpine:3.20", "user": "", "env": []any{}, "labels": map[string]any{},
				"exposed_ports": []any{}, "entrypoint": []any{}, "cmd": []any{}, "working_dir": "",
				"healthcheck":      map[string]any{"test": []any{"NONE"}, "disabled": true},
				"history":          []any{},
				"os":               map[string]any{"id": "alpine", "version_id": "3.20.3", "eol": false, "eol_date": "2026-04-01"},
				"package_managers": []any{"apk"},
				"shells":           []any{"busybox"},
				"distroless":       false,
			},
		},
		{
			name: "scratch_distroless_unknown_os",
			// A language package named like a package manager does not count.
			pkgs:   []inventory.Package{{Name: "bash", Ecosystem: "npm", Extractor: "lang/npm-lock"}},
			distro: &inventory.Distro{ID: "wolfi", VersionID: "20230201"},
			img:    &Image{Ref: "scratch-app"},
			want: map[string]any{
				"ref": "scratch-app", "user": "", "env": []any{}, "labels": map[string]any{},
				"exposed_ports": []any{}, "entrypoint": []any{}, "cmd": []any{}, "working_dir": "",
				"healthcheck":      nil,
				"history":          []any{},
				"os":               map[string]any{"id": "wolfi", "version_id": "20230201", "eol": nil, "eol_date": nil},
				"package_managers": []any{},
				"shells":           []any{},
				"distroless":       true,
			},
		},
		{
			name: "no_distro",
			img:  &Image{Ref: "x"},
			want: map[string]any{
				"ref": "x", "user": "", "env": []any{}, "labels": map[string]any{},
				"exposed_ports": []any{}, "entrypoint": []any{}, "cmd": []any{}, "working_dir": "",
				"healthcheck": nil, "history": []any{}, "os": nil,
				"package_managers": []any{}, "shells": []any{}, "distroless": true,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Document(tt.img, tt.distro, tt.pkgs, now)
			if diff := cmp.Diff(tt.want, doc.Value); diff != "" {
				t.Errorf("Value (-want +got):\n%s", diff)
			}
			wantMeta := state.Document{Type: state.TypeImage, Kind: "Image", Path: tt.img.Ref,
				Resource: finding.Resource{Kind: "Image", Name: tt.img.Ref}}
			gotMeta := state.Document{Type: doc.Type, Kind: doc.Kind, Path: doc.Path, Resource: doc.Resource}
			if diff := cmp.Diff(wantMeta, gotMeta); diff != "" {
				t.Errorf("document (-want +got):\n%s", diff)
			}
			if r, ok := doc.Source.Resolve([]any{"env", 0, "value"}); !ok || r.Path != tt.img.Ref {
				t.Errorf("Source.Resolve = %+v, %v; want the image ref", r, ok)
			}
		})
	}
	if Document(nil, nil, nil, now) != nil {
		t.Error("Document(nil) != nil")
	}
}

// TestImageChecks is the fixture runner of the image checks: every check of
// domain "image" has checks/image/testdata/<ID>/fail*.json (which must yield
// a finding of that check naming the image) and pass*.json (which must
// yield none).
func TestImageChecks(t *testing.T) {
	ctx := context.Background()
	eng, err := policy.New(ctx, policy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range eng.Checks() {
		if c.Domain != "image" {
			continue
		}
		n++
		t.Run(c.ID, func(t *testing.T) {
			if len(c.Types) != 1 || c.Types[0] != state.TypeImage {
				t.Errorf("input types = %v, want [image]", c.Types)
			}
			dir := filepath.Join(imageChecksDir, c.ID)
			ents, err := os.ReadDir(dir)
			if err != nil {
				t.Fatalf("check %s has no fixtures: %v", c.ID, err)
			}
			var fails, passes int
			for _, e := range ents {
				name := e.Name()
				isFail, isPass := strings.HasPrefix(name, "fail"), strings.HasPrefix(name, "pass")
				if !isFail && !isPass {
					continue
				}
				if isFail {
					fails++
				} else {
					passes++
				}
				t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
					data, err := os.ReadFile(filepath.Join(dir, name))
					if err != nil {
						t.Fatal(err)
					}
					doc, err := fixtureDoc(data)
					if err != nil {
						t.Fatalf("decode fixture: %v", err)
					}
					fs, errs := eng.EvaluateOne(ctx, doc)
					for _, e := range errs {
						t.Errorf("evaluation error: %+v", e)
					}
					var got []string
					for _, f := range fs {
						if f.CheckID != c.ID {
							continue
						}
						got = append(got, f.Message)
						if f.Location.Path != doc.Path || f.Resource.Kind != "Image" || f.Resource.Name != doc.Path {
							t.Errorf("finding does not name the image: %+v %+v", f.Location, f.Resource)
						}
						if strings.Contains(f.Message+f.Evidence, "hunter2") || strings.Contains(f.Message+f.Evidence, "EXAMPLEEXAMPLE") {
							t.Errorf("finding leaks the secret: %q / %q", f.Message, f.Evidence)
						}
					}
					sort.Strings(got)
					t.Logf("findings: %q", got)
					if isFail && len(got) == 0 {
						t.Errorf("want a %s finding, got none", c.ID)
					}
					if isPass && len(got) > 0 {
						t.Errorf("want no %s finding, got %q", c.ID, got)
					}
				})
			}
			if fails == 0 || passes == 0 {
				t.Errorf("check %s needs at least one fail* and one pass* fixture, has %d / %d", c.ID, fails, passes)
			}
		})
	}
	if n < 9 {
		t.Errorf("found %d image checks, want at least 9", n)
	}
}

// TestImageChecksFindingSet pins the complete verdict on one bad image, so
// a check that fires on the wrong input shows up.
func TestImageChecksFindingSet(t *testing.T) {
	ctx := context.Background()
	eng, err := policy.New(ctx, policy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	img := &Image{Ref: "bad:1", Config: Config{
		Env:          []string{"PATH=/usr/bin", "API_TOKEN=tok123"},
		ExposedPorts: []string{"22/tcp"},
		History: []History{
			{CreatedBy: "ADD https://example.test/x.tgz /opt/ # buildkit"},
			{CreatedBy: "RUN |1 DB_PASSWORD=pw1 /bin/sh -c ./setup # buildkit"},
		},
		Labels: map[string]string{"com.example.secret": "shh"},
	}}
	distro := &inventory.Distro{ID: "debian", VersionID: "9"}
	pkgs := []inventory.Package{{Name: "apt", Ecosystem: "Debian:9", Extractor: "os/dpkg"}}
	fs, errs := eng.EvaluateOne(ctx, Document(img, distro, pkgs, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)))
	if len(errs) > 0 {
		t.Fatalf("errors: %+v", errs)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.CheckID+" "+f.Detail)
	}
	sort.Strings(got)
	want := []string{
		"WARD-IMAGE-0001 user",
		"WARD-IMAGE-0002 env[1]",
		"WARD-IMAGE-0003 labels.com.example.secret",
		"WARD-IMAGE-0004 history[1].created_by",
		"WARD-IMAGE-0005 os",
		"WARD-IMAGE-0006 package_managers",
		"WARD-IMAGE-0007 exposed_ports[0]",
		"WARD-IMAGE-0008 healthcheck",
		"WARD-IMAGE-0009 history[0].created_by",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// FuzzDocument builds documents from arbitrary fixture JSON and evaluates
// every image check on them: no panic, no evaluation error, and a value
// no larger than its input warrants.
func FuzzDocument(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(imageChecksDir, "*", "*.json"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"config":{"env":["=","==","A"],"history":[{"createdBy":"` + strings.Repeat("A=b ", 300) + `"}]}}`))
	eng, err := policy.New(context.Background(), policy.Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		doc, err := fixtureDoc(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(doc.Value)
		if err != nil {
			t.Fatalf("value is not JSON: %v", err)
		}
		if len(b) > 8*len(data)+4096 {
			t.Fatalf("value of %d bytes from %d bytes of input", len(b), len(data))
		}
		_, errs := eng.EvaluateOne(context.Background(), doc)
		for _, e := range errs {
			t.Errorf("evaluation error: %+v", e)
		}
	})
}
