// Package version reports the build's version, set at link time with
// -ldflags "-X github.com/wardsec/ward/internal/version.Version=v0.1.0".
package version

import (
	"runtime"
	"runtime/debug"
)

// Version is the release version; "dev" for local builds.
var Version = "dev"

// Info is what `ward version` prints.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	GoVersion string `json:"goVersion"`
	OPA       string `json:"opa,omitempty"`
	Helm      string `json:"helm,omitempty"`
}

// Get reads the build information.
func Get() Info {
	i := Info{Version: Version, GoVersion: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return i
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			i.Commit = s.Value
		}
	}
	for _, d := range bi.Deps {
		switch d.Path {
		case "github.com/open-policy-agent/opa":
			i.OPA = d.Version
		case "helm.sh/helm/v3":
			i.Helm = d.Version
		}
	}
	return i
}
