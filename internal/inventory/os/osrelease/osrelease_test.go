package osrelease

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func file(data []byte) *fstest.MapFile { return &fstest.MapFile{Data: data, Mode: 0o644} }

func TestDetect(t *testing.T) {
	debian := testdata(t, "debian-12.os-release")
	alpine := testdata(t, "alpine-3.20.3.os-release")
	ubuntu := testdata(t, "ubuntu-22.04.os-release")
	tests := []struct {
		name string
		fs   fstest.MapFS
		want *inventory.Distro
	}{
		{
			name: "debian_etc_os_release",
			fs:   fstest.MapFS{"etc/os-release": file(debian), "etc/debian_version": file([]byte("12.11\n"))},
			want: &inventory.Distro{ID: "debian", VersionID: "12", Codename: "bookworm", PrettyName: "Debian GNU/Linux 12 (bookworm)"},
		},
		{
			name: "usr_lib_os_release_only",
			fs:   fstest.MapFS{"usr/lib/os-release": file(debian)},
			want: &inventory.Distro{ID: "debian", VersionID: "12", Codename: "bookworm", PrettyName: "Debian GNU/Linux 12 (bookworm)"},
		},
		{
			name: "etc_wins_over_usr_lib",
			fs:   fstest.MapFS{"etc/os-release": file(alpine), "usr/lib/os-release": file(debian)},
			want: &inventory.Distro{ID: "alpine", VersionID: "3.20.3", PrettyName: "Alpine Linux v3.20"},
		},
		{
			name: "ubuntu",
			fs:   fstest.MapFS{"etc/os-release": file(ubuntu), "etc/debian_version": file([]byte("bookworm/sid\n"))},
			want: &inventory.Distro{ID: "ubuntu", VersionID: "22.04", Codename: "jammy", PrettyName: "Ubuntu 22.04.4 LTS"},
		},
		{
			name: "ubuntu_codename_fallback",
			fs:   fstest.MapFS{"etc/os-release": file([]byte("ID=ubuntu\nVERSION_ID=\"16.04\"\nUBUNTU_CODENAME=xenial\n"))},
			want: &inventory.Distro{ID: "ubuntu", VersionID: "16.04", Codename: "xenial"},
		},
		{
			name: "alpine_release",
			fs:   fstest.MapFS{"etc/alpine-release": file([]byte("3.20.3\n"))},
			want: &inventory.Distro{ID: "alpine", VersionID: "3.20.3", PrettyName: "Alpine Linux v3.20"},
		},
		{
			name: "debian_version_point_release",
			fs:   fstest.MapFS{"etc/debian_version": file([]byte("12.5\n"))},
			want: &inventory.Distro{ID: "debian", VersionID: "12", Codename: "bookworm"},
		},
		{
			name: "debian_version_old_three_part",
			fs:   fstest.MapFS{"etc/debian_version": file([]byte("6.0.10\n"))},
			want: &inventory.Distro{ID: "debian", VersionID: "6"},
		},
		{
			name: "debian_version_testing",
			fs:   fstest.MapFS{"etc/debian_version": file([]byte("bookworm/sid\n"))},
			want: &inventory.Distro{ID: "debian", Codename: "bookworm"},
		},
		{
			name: "lsb_release_before_debian_version",
			fs: fstest.MapFS{
				"etc/lsb-release":    file([]byte("DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\nDISTRIB_DESCRIPTION=\"Ubuntu 20.04.6 LTS\"\n")),
				"etc/debian_version": file([]byte("bullseye/sid\n")),
			},
			want: &inventory.Distro{ID: "ubuntu", VersionID: "20.04", Codename: "focal", PrettyName: "Ubuntu 20.04.6 LTS"},
		},
		{
			name: "redhat_release_rocky",
			fs:   fstest.MapFS{"etc/redhat-release": file([]byte("Rocky Linux release 8.9 (Green Obsidian)\n"))},
			want: &inventory.Distro{ID: "rocky", VersionID: "8.9", Codename: "Green Obsidian", PrettyName: "Rocky Linux release 8.9 (Green Obsidian)"},
		},
		{
			name: "redhat_release_centos",
			fs:   fstest.MapFS{"etc/redhat-release": file([]byte("CentOS Linux release 7.9.2009 (Core)\n"))},
			want: &inventory.Distro{ID: "centos", VersionID: "7.9.2009", Codename: "Core", PrettyName: "CentOS Linux release 7.9.2009 (Core)"},
		},
		{
			name: "redhat_release_rhel",
			fs:   fstest.MapFS{"etc/redhat-release": file([]byte("Red Hat Enterprise Linux Server release 7.9 (Maipo)\n"))},
			want: &inventory.Distro{ID: "rhel", VersionID: "7.9", Codename: "Maipo", PrettyName: "Red Hat Enterprise Linux Server release 7.9 (Maipo)"},
		},
		{
			name: "redhat_release_unknown_product",
			fs:   fstest.MapFS{"etc/redhat-release": file([]byte("Frobnix release 1.0\n"))},
			want: nil,
		},
		{
			name: "os_release_without_id_falls_back",
			fs:   fstest.MapFS{"etc/os-release": file([]byte("NAME=Something\n")), "etc/alpine-release": file([]byte("3.19.1\n"))},
			want: &inventory.Distro{ID: "alpine", VersionID: "3.19.1", PrettyName: "Alpine Linux v3.19"},
		},
		{
			name: "os_release_without_id_is_linux",
			fs:   fstest.MapFS{"etc/os-release": file([]byte("NAME=Something\n"))},
			want: &inventory.Distro{ID: "linux"},
		},
		{
			name: "empty_fallback_files_ignored",
			fs:   fstest.MapFS{"etc/alpine-release": file(nil), "etc/debian_version": file([]byte("\n"))},
			want: nil,
		},
		{
			name: "nothing",
			fs:   fstest.MapFS{"etc/hostname": file([]byte("box\n"))},
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(tt.fs)
			if err != nil {
				t.Fatalf("Detect: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Detect (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectErrors(t *testing.T) {
	tests := []struct {
		name      string
		fs        fstest.MapFS
		wantParse *limits.ParseError
		wantLimit *limits.LimitError
		wantText  string
	}{
		{
			name:      "garbage_os_release",
			fs:        fstest.MapFS{"etc/os-release": file([]byte("ID=debian\n\x00\x01\xff garbage\n"))},
			wantParse: &limits.ParseError{Path: "etc/os-release", Line: 2, Col: 1, Msg: "expected KEY=value"},
		},
		{
			name:      "unterminated_quote",
			fs:        fstest.MapFS{"usr/lib/os-release": file([]byte("ID=debian\nPRETTY_NAME=\"Debian\n"))},
			wantParse: &limits.ParseError{Path: "usr/lib/os-release", Line: 2, Col: 13, Msg: "unterminated double quote"},
		},
		{
			name:      "garbage_debian_version",
			fs:        fstest.MapFS{"etc/debian_version": file([]byte("\xff\xfe\x00\n"))},
			wantParse: &limits.ParseError{Path: "etc/debian_version", Line: 1, Col: 1, Msg: `invalid Debian version "\xff\xfe\x00"`},
		},
		{
			name:      "redhat_release_without_release",
			fs:        fstest.MapFS{"etc/redhat-release": file([]byte("CentOS Linux 7\n"))},
			wantParse: &limits.ParseError{Path: "etc/redhat-release", Line: 1, Col: 1, Msg: `no "release" in "CentOS Linux 7"`},
		},
		{
			name:      "huge_os_release",
			fs:        fstest.MapFS{"etc/os-release": file(bytes.Repeat([]byte("ID=x\n"), MaxFileSize))},
			wantLimit: &limits.LimitError{What: "release file size", Limit: MaxFileSize},
		},
		{
			name:     "os_release_is_directory",
			fs:       fstest.MapFS{"etc/os-release/x": file(nil)},
			wantText: "read etc/os-release: is a directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(tt.fs)
			if err == nil {
				t.Fatalf("Detect = %+v, want error", got)
			}
			if got != nil {
				t.Errorf("Detect returned distro %+v with error", got)
			}
			switch {
			case tt.wantParse != nil:
				var pe *limits.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v (%T) is not a *limits.ParseError", err, err)
				}
				if diff := cmp.Diff(tt.wantParse, pe); diff != "" {
					t.Errorf("ParseError (-want +got):\n%s", diff)
				}
			case tt.wantLimit != nil:
				var le *limits.LimitError
				if !errors.As(err, &le) {
					t.Fatalf("error %v (%T) is not a *limits.LimitError", err, err)
				}
				if diff := cmp.Diff(tt.wantLimit, le); diff != "" {
					t.Errorf("LimitError (-want +got):\n%s", diff)
				}
			default:
				if err.Error() != tt.wantText {
					t.Errorf("error = %q, want %q", err, tt.wantText)
				}
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	got, err := ParseFields(bytes.NewReader(testdata(t, "quoting.os-release")))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"ID":               "weird os",
		"NAME":             `Single $quoted \n`,
		"PRETTY_NAME":      `Double "quoted" $HOME \ \x`,
		"VERSION_ID":       "1.0",
		"VERSION_CODENAME": "partonetwo",
		"EMPTY":            "",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseFields (-want +got):\n%s", diff)
	}
}

func TestParseFieldsErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  *limits.ParseError
	}{
		{name: "missing_equals", input: "ID=a\n  NAME\n", want: &limits.ParseError{Line: 2, Col: 3, Msg: "expected KEY=value"}},
		{name: "invalid_key", input: "1ID=a\n", want: &limits.ParseError{Line: 1, Col: 1, Msg: `invalid key "1ID"`}},
		{name: "key_with_space", input: "MY KEY=a\n", want: &limits.ParseError{Line: 1, Col: 1, Msg: `invalid key "MY KEY"`}},
		{name: "unterminated_single_quote", input: "NAME=ab'cd\n", want: &limits.ParseError{Line: 1, Col: 8, Msg: "unterminated single quote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFields(strings.NewReader(tt.input))
			var pe *limits.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *limits.ParseError", err, err)
			}
			if diff := cmp.Diff(tt.want, pe); diff != "" {
				t.Errorf("ParseError (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParse(t *testing.T) {
	got, err := Parse(bytes.NewReader(testdata(t, "ubuntu-22.04.os-release")))
	if err != nil {
		t.Fatal(err)
	}
	want := &inventory.Distro{ID: "ubuntu", VersionID: "22.04", Codename: "jammy", PrettyName: "Ubuntu 22.04.4 LTS"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
	if eco := got.Ecosystem(); eco != "Ubuntu:22.04" {
		t.Errorf("Ecosystem = %q, want Ubuntu:22.04", eco)
	}
}

func TestParseFieldsLimit(t *testing.T) {
	input := strings.Repeat("#", MaxFileSize+1)
	_, err := ParseFields(strings.NewReader(input))
	var le *limits.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T) is not a *limits.LimitError", err, err)
	}
}

func FuzzParseFields(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".os-release") {
			f.Add(testdata(f, e.Name()))
		}
	}
	f.Add([]byte("ID=\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fields, err := ParseFields(bytes.NewReader(data))
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %v (%T)", err, err)
			}
			return
		}
		total := 0
		for k, v := range fields {
			total += len(k) + len(v)
		}
		if total > len(data) {
			t.Fatalf("fields hold %d bytes from %d bytes of input", total, len(data))
		}
	})
}

func FuzzDetect(f *testing.F) {
	f.Add([]byte("12.5\n"), []byte("ID=debian\n"))
	f.Add([]byte("bookworm/sid\n"), []byte(""))
	f.Add([]byte("Rocky Linux release 8.9 (Green Obsidian)\n"), []byte("NAME=x\n"))
	f.Fuzz(func(t *testing.T, release, osRelease []byte) {
		for _, p := range []string{PathAlpine, PathLSBRelease, PathDebian, PathRedHat} {
			fsys := fstest.MapFS{p: file(release)}
			if len(osRelease) > 0 {
				fsys[PathOSRelease] = file(osRelease)
			}
			d, err := Detect(fsys)
			if err != nil && d != nil {
				t.Fatalf("distro %+v returned with error %v", d, err)
			}
		}
	})
}
