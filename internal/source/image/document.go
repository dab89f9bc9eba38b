package image

import (
	"sort"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/eol"
	"github.com/wardsec/ward/internal/state"
)

// KindImage is the Kind of image documents.
const KindImage = "Image"

// managerOf maps OS package names to the package manager they install.
// Only the tool a user would run is named ("apt", not "libapt-pkg6.0").
func managerOf(pkg string) string {
	switch pkg {
	case "apt", "dpkg", "dnf", "yum", "rpm", "microdnf", "tdnf", "zypper", "pacman":
		return pkg
	case "apk-tools":
		return "apk"
	}
	return ""
}

// shellOf maps OS package names to the shell they install. busybox
// provides sh (Alpine's /bin/sh), dash is Debian's /bin/sh.
func shellOf(pkg string) string {
	switch pkg {
	case "bash", "dash", "zsh", "ksh", "mksh", "tcsh", "fish", "ash", "yash":
		return pkg
	case "busybox", "busybox-static", "busybox-binsh":
		return "busybox"
	}
	return ""
}

// osPackage reports whether p was installed by the OS package manager.
func osPackage(p inventory.Package) bool {
	if strings.HasPrefix(p.Extractor, "os/") {
		return true
	}
	eco, _, _ := strings.Cut(p.Ecosystem, ":")
	switch eco {
	case inventory.Debian, inventory.Ubuntu, inventory.Alpine, inventory.RedHat,
		inventory.Rocky, inventory.Alma, inventory.Wolfi:
		return true
	}
	return false
}

// Document builds the policy input of an image: its configuration, its OS
// and whether that OS is end of life at now, and what the OS packages say
// about package managers and shells. It never fails: a nil img yields nil,
// a nil distro an "os" of null.
//
// The value (input of checks with input type "image"):
//
//	{
//	  "ref": "alpine:3.20",
//	  "user": "",
//	  "env": [{"name": "PATH", "value": "/usr/bin"}],
//	  "labels": {"k": "v"},
//	  "exposed_ports": ["22/tcp"],
//	  "entrypoint": [...], "cmd": [...], "working_dir": "",
//	  "healthcheck": {"test": ["CMD", "true"], "disabled": false} | null,
//	  "history": [{"created_by": "...", "empty_layer": true}],
//	  "os": {"id": "debian", "version_id": "12", "eol": false | null, "eol_date": "2028-06-30" | null} | null,
//	  "package_managers": ["apt", "dpkg"],
//	  "shells": ["bash", "dash"],
//	  "distroless": false
//	}
//
// Images have no lines: every path maps to Range{Path: img.Ref}, so a
// finding's location names the image.
func Document(img *Image, distro *inventory.Distro, pkgs []inventory.Package, now time.Time) *state.Document {
	if img == nil {
		return nil
	}
	c := img.Config
	env := make([]any, 0, len(c.Env))
	for _, kv := range c.Env {
		name, value, _ := strings.Cut(kv, "=")
		env = append(env, map[string]any{"name": name, "value": value})
	}
	labels := make(map[string]any, len(c.Labels))
	for k, v := range c.Labels {
		labels[k] = v
	}
	history := make([]any, 0, len(c.History))
	for _, h := range c.History {
		history = append(history, map[string]any{"created_by": h.CreatedBy, "empty_layer": h.EmptyLayer})
	}
	var hc any
	if c.Healthcheck != nil {
		disabled := len(c.Healthcheck.Test) > 0 && strings.EqualFold(c.Healthcheck.Test[0], "NONE")
		hc = map[string]any{"test": anyList(c.Healthcheck.Test), "disabled": disabled}
	}
	managers, shells := map[string]bool{}, map[string]bool{}
	for _, p := range pkgs {
		if !osPackage(p) {
			continue
		}
		if m := managerOf(p.Name); m != "" {
			managers[m] = true
		}
		if s := shellOf(p.Name); s != "" {
			shells[s] = true
		}
	}
	v := map[string]any{
		"ref":              img.Ref,
		"user":             c.User,
		"env":              env,
		"labels":           labels,
		"exposed_ports":    anyList(c.ExposedPorts),
		"entrypoint":       anyList(c.Entrypoint),
		"cmd":              anyList(c.Cmd),
		"working_dir":      c.WorkingDir,
		"healthcheck":      hc,
		"history":          history,
		"os":               osValue(distro, now),
		"package_managers": sorted(managers),
		"shells":           sorted(shells),
		"distroless":       len(managers) == 0 && len(shells) == 0,
	}
	return &state.Document{
		Type:     state.TypeImage,
		Kind:     KindImage,
		Path:     img.Ref,
		Value:    v,
		Resource: finding.Resource{Kind: KindImage, Name: img.Ref},
		Source:   state.SourceMap{"": {Path: img.Ref}},
	}
}

func osValue(d *inventory.Distro, now time.Time) any {
	if d == nil {
		return nil
	}
	o := map[string]any{"id": d.ID, "version_id": d.VersionID, "eol": nil, "eol_date": nil}
	if isEOL, date, known := eol.EOL(d, now); known {
		o["eol"] = isEOL
		o["eol_date"] = date.Format(time.DateOnly)
	}
	return o
}

// anyList converts to the []any a JSON-compatible value holds; nil
// becomes an empty list so checks can count it.
func anyList(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func sorted(set map[string]bool) []any {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return anyList(keys)
}
