// Package osrelease detects the operating system of a root filesystem from
// os-release(5) and the older distro release files.
package osrelease

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

// MaxFileSize is the number of bytes read from one release file. Release
// files are a few hundred bytes; anything bigger than this is not one, so
// the cap is far below limits.DefaultMaxFileSize.
const MaxFileSize = 64 << 10

// Paths read by Detect, in order. The first file that exists and names a
// distro wins.
const (
	PathOSRelease    = "etc/os-release"
	PathUsrOSRelease = "usr/lib/os-release"
	PathAlpine       = "etc/alpine-release"
	PathLSBRelease   = "etc/lsb-release"
	PathDebian       = "etc/debian_version"
	PathRedHat       = "etc/redhat-release"
)

// Detect returns the distro of the root filesystem fsys, or nil and no
// error when no release file names one. It reads etc/os-release, then
// usr/lib/os-release (os-release(5) says the first one found is used), and
// falls back to etc/alpine-release, etc/lsb-release, etc/debian_version and
// etc/redhat-release. Missing files are "not found", not errors; a release
// file that exists but cannot be read or parsed is an error.
//
// fsys must resolve symlinks safely (etc/os-release is usually a link to
// ../usr/lib/os-release); Detect opens paths only through it.
func Detect(fsys fs.FS) (*inventory.Distro, error) {
	var generic *inventory.Distro // os-release without ID: "linux"
	for _, p := range []string{PathOSRelease, PathUsrOSRelease} {
		data, err := readFile(fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		fields, err := ParseFields(bytes.NewReader(data))
		if err != nil {
			return nil, withPath(err, p)
		}
		d := fromFields(fields)
		if d.ID != "linux" || fields["ID"] != "" {
			return d, nil
		}
		generic = d
		break // os-release(5): only the first file found is read
	}

	fallbacks := []struct {
		path  string
		parse func([]byte) (*inventory.Distro, error)
	}{
		{PathAlpine, parseAlpineRelease},
		{PathLSBRelease, parseLSBRelease},
		{PathDebian, parseDebianVersion},
		{PathRedHat, parseRedHatRelease},
	}
	for _, f := range fallbacks {
		data, err := readFile(fsys, f.path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		d, err := f.parse(data)
		if err != nil {
			return nil, withPath(err, f.path)
		}
		if d != nil {
			return d, nil
		}
	}
	return generic, nil
}

// Parse reads an os-release(5) file and returns the distro it names. ID
// defaults to "linux" as os-release(5) specifies.
func Parse(r io.Reader) (*inventory.Distro, error) {
	fields, err := ParseFields(r)
	if err != nil {
		return nil, err
	}
	return fromFields(fields), nil
}

func fromFields(f map[string]string) *inventory.Distro {
	d := &inventory.Distro{
		ID:         strings.ToLower(f["ID"]),
		VersionID:  f["VERSION_ID"],
		Codename:   f["VERSION_CODENAME"],
		PrettyName: f["PRETTY_NAME"],
	}
	if d.ID == "" {
		d.ID = "linux"
	}
	if d.Codename == "" && d.ID == "ubuntu" {
		d.Codename = f["UBUNTU_CODENAME"]
	}
	return d
}

// ParseFields reads a file of KEY=value assignments in the shell-like
// syntax of os-release(5): one assignment per line, blank lines and lines
// starting with "#" ignored, values optionally in double quotes (where \\,
// \", \$ and \` are escapes) or single quotes (literal), a backslash
// escaping the next character outside quotes. Variable expansion is not
// done. It reads at most MaxFileSize bytes; a syntax error is a
// *limits.ParseError with the line and column (Path left empty), a longer
// input a *limits.LimitError.
func ParseFields(r io.Reader) (map[string]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read os-release: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, &limits.LimitError{What: "os-release file size", Limit: MaxFileSize}
	}
	fields := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), MaxFileSize+1)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		indent := len(line) - len(trimmed)
		key, val, ok := strings.Cut(trimmed, "=")
		if !ok {
			return nil, &limits.ParseError{Line: n, Col: indent + 1, Msg: "expected KEY=value"}
		}
		if !validKey(key) {
			return nil, &limits.ParseError{Line: n, Col: indent + 1, Msg: fmt.Sprintf("invalid key %q", key)}
		}
		v, col, err := unquote(val)
		if err != nil {
			return nil, &limits.ParseError{Line: n, Col: indent + len(key) + 1 + col, Msg: err.Error()}
		}
		fields[key] = v
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read os-release: %w", err)
	}
	return fields, nil
}

func validKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c == '_', 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// unquote decodes a shell-like value. On error it returns the 1-based
// column within s where the problem starts.
func unquote(s string) (string, int, error) {
	s = strings.TrimRight(s, " \t\r")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			start := i
			closed := false
			for i++; i < len(s); i++ {
				if s[i] == '"' {
					closed = true
					break
				}
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\\"$`", s[i+1]) >= 0 {
					i++
				}
				b.WriteByte(s[i])
			}
			if !closed {
				return "", start + 1, errors.New("unterminated double quote")
			}
		case '\'':
			start := i
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return "", start + 1, errors.New("unterminated single quote")
			}
			b.WriteString(s[i+1 : i+1+end])
			i += end + 1
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), 0, nil
}

// parseAlpineRelease reads etc/alpine-release: one line, "3.20.3".
func parseAlpineRelease(data []byte) (*inventory.Distro, error) {
	v := firstLine(data)
	if v == "" {
		return nil, nil
	}
	if !validVersion(v) {
		return nil, &limits.ParseError{Line: 1, Col: 1, Msg: fmt.Sprintf("invalid Alpine release %q", v)}
	}
	return &inventory.Distro{ID: "alpine", VersionID: v, PrettyName: "Alpine Linux v" + majorMinor(v)}, nil
}

// parseLSBRelease reads etc/lsb-release (DISTRIB_ID=Ubuntu,
// DISTRIB_RELEASE=22.04, DISTRIB_CODENAME=jammy), which Ubuntu ships.
func parseLSBRelease(data []byte) (*inventory.Distro, error) {
	f, err := ParseFields(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	id := strings.ToLower(f["DISTRIB_ID"])
	if id == "" {
		return nil, nil
	}
	return &inventory.Distro{
		ID:         id,
		VersionID:  f["DISTRIB_RELEASE"],
		Codename:   f["DISTRIB_CODENAME"],
		PrettyName: f["DISTRIB_DESCRIPTION"],
	}, nil
}

// debianCodename returns the codename of a Debian major release.
func debianCodename(major string) string {
	switch major {
	case "7":
		return "wheezy"
	case "8":
		return "jessie"
	case "9":
		return "stretch"
	case "10":
		return "buster"
	case "11":
		return "bullseye"
	case "12":
		return "bookworm"
	case "13":
		return "trixie"
	case "14":
		return "forky"
	}
	return ""
}

// parseDebianVersion reads etc/debian_version: "12.5" on a stable release
// (→ debian 12), "bookworm/sid" on testing and unstable (→ debian with a
// codename and no version).
func parseDebianVersion(data []byte) (*inventory.Distro, error) {
	v := firstLine(data)
	if v == "" {
		return nil, nil
	}
	if codename, _, ok := strings.Cut(v, "/"); ok {
		if !validWord(codename) {
			return nil, &limits.ParseError{Line: 1, Col: 1, Msg: fmt.Sprintf("invalid Debian version %q", v)}
		}
		return &inventory.Distro{ID: "debian", Codename: codename}, nil
	}
	if !validVersion(v) || v[0] < '0' || v[0] > '9' {
		return nil, &limits.ParseError{Line: 1, Col: 1, Msg: fmt.Sprintf("invalid Debian version %q", v)}
	}
	major, _, _ := strings.Cut(v, ".")
	return &inventory.Distro{ID: "debian", VersionID: major, Codename: debianCodename(major)}, nil
}

// redHatID maps the product name of etc/redhat-release to an os-release
// ID, or "" when unknown.
func redHatID(product string) string {
	switch {
	case strings.HasPrefix(product, "Red Hat Enterprise Linux"):
		return "rhel"
	case strings.HasPrefix(product, "CentOS"):
		return "centos"
	case strings.HasPrefix(product, "Rocky Linux"):
		return "rocky"
	case strings.HasPrefix(product, "AlmaLinux"):
		return "almalinux"
	case strings.HasPrefix(product, "Fedora"):
		return "fedora"
	case strings.HasPrefix(product, "Oracle Linux"):
		return "ol"
	}
	return ""
}

// parseRedHatRelease reads etc/redhat-release: "Rocky Linux release 8.9
// (Green Obsidian)". Unknown products give nil.
func parseRedHatRelease(data []byte) (*inventory.Distro, error) {
	line := firstLine(data)
	if line == "" {
		return nil, nil
	}
	name, rest, ok := strings.Cut(line, " release ")
	if !ok {
		return nil, &limits.ParseError{Line: 1, Col: 1, Msg: fmt.Sprintf("no %q in %q", "release", line)}
	}
	id := redHatID(name)
	if id == "" {
		return nil, nil
	}
	version, codename, _ := strings.Cut(strings.TrimSpace(rest), " ")
	codename = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(codename), "("), ")")
	if !validVersion(version) {
		return nil, &limits.ParseError{Line: 1, Col: len(name) + len(" release ") + 1, Msg: fmt.Sprintf("invalid version %q", version)}
	}
	return &inventory.Distro{ID: id, VersionID: version, Codename: codename, PrettyName: line}, nil
}

func firstLine(data []byte) string {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return strings.TrimSpace(string(line))
}

// validVersion accepts release numbers such as "3.20.3", "7.9.2009",
// "3.21.0_alpha20240807".
func validVersion(v string) bool {
	if v == "" || len(v) > 64 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '_' || c == '-' || c == '+' || c == '~') {
			return false
		}
	}
	return true
}

func validWord(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) >= 2 {
		return parts[0] + "." + parts[1]
	}
	return v
}

// readFile reads at most MaxFileSize bytes of name from fsys.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("read %s: is a directory", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("read %s: %w", name, &limits.LimitError{What: "release file size", Limit: MaxFileSize})
	}
	return data, nil
}

// withPath sets the path of a ParseError.
func withPath(err error, path string) error {
	var pe *limits.ParseError
	if errors.As(err, &pe) {
		pe.Path = path
		return pe
	}
	return fmt.Errorf("%s: %w", path, err)
}
