package python

import (
	"context"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
)

// RequirementsID is the plugin ID of the requirements file extractor.
const RequirementsID = "lang/python-requirements"

// Requirements reports the pinned requirements ("name==version", with
// optional extras, environment markers and --hash options) of pip
// requirements files. Ranges, URLs, editable installs and options report
// nothing; -r and -c includes are not followed.
type Requirements struct {
	cfg Config
}

var _ extract.Extractor = (*Requirements)(nil)

// NewRequirements returns the requirements file extractor.
func NewRequirements(cfg Config) (*Requirements, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Requirements{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*Requirements) ID() string { return RequirementsID }

// Version implements extract.Extractor.
func (*Requirements) Version() int { return 1 }

// Required implements extract.Extractor: requirements*.txt
// ("requirements.txt", "requirements-dev.txt", "requirements_test.txt").
func (*Requirements) Required(p string, _ int64, _ fs.FileMode) bool {
	base := path.Base(p)
	return strings.HasPrefix(base, "requirements") && strings.HasSuffix(base, ".txt")
}

// Extract implements extract.Extractor.
func (r *Requirements) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, r.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parseRequirements(in.Path, string(data)), nil
}

// parseRequirements reads a requirements file. The format has no syntax
// errors worth reporting: what pip would reject reports nothing.
func parseRequirements(p, data string) []inventory.Package {
	var pkgs []inventory.Package
	var logical strings.Builder
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		// A comment starts at "#" at the line start or after whitespace.
		if i := commentStart(line); i >= 0 {
			line = line[:i]
		}
		if cont, ok := strings.CutSuffix(line, "\\"); ok {
			logical.WriteString(cont)
			logical.WriteByte(' ')
			continue
		}
		logical.WriteString(line)
		if name, version, ok := pinned(logical.String()); ok {
			pkgs = append(pkgs, newPackage(name, version, p, RequirementsID))
		}
		logical.Reset()
	}
	if name, version, ok := pinned(logical.String()); ok {
		pkgs = append(pkgs, newPackage(name, version, p, RequirementsID))
	}
	return sortDedup(pkgs)
}

func commentStart(line string) int {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// versionRE loosely matches a PEP 440 version ("1.2.3", "2!1.0rc1.post2",
// "1.0+local.7").
var versionRE = regexp.MustCompile(`^v?[0-9][A-Za-z0-9.+!_-]*$`)

// pinned parses one logical requirement line, "name[extra]==1.2.3 ;
// marker --hash=...", returning the name and exact version.
func pinned(line string) (name, version string, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "-") {
		// Options: -r, -c, -e, --index-url, ...
		return "", "", false
	}
	req, _, _ := strings.Cut(line, ";")
	// Per-requirement options ("--hash=sha256:...") follow the specifier.
	if i := strings.Index(req, " --"); i >= 0 {
		req = req[:i]
	}
	if i := strings.Index(req, "\t--"); i >= 0 {
		req = req[:i]
	}
	if strings.Contains(req, "@") || strings.Contains(req, "://") {
		// A direct reference: "name @ https://...".
		return "", "", false
	}
	name, spec, found := strings.Cut(req, "==")
	if !found {
		return "", "", false
	}
	name = strings.TrimSpace(name)
	if i := strings.IndexByte(name, '['); i >= 0 {
		if !strings.HasSuffix(name, "]") {
			return "", "", false
		}
		name = strings.TrimSpace(name[:i])
	}
	version = strings.TrimSpace(spec)
	// "===1.0" (arbitrary equality) keeps its third "=", "==1.*" is a
	// range, and a second clause ("==1.0,!=1.0.1") is no pin: none match.
	if !versionRE.MatchString(version) || !validName(name) {
		return "", "", false
	}
	return name, version, true
}
