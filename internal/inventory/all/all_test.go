package all

import (
	"regexp"
	"testing"
)

var idRe = regexp.MustCompile(`^(os|lang)/[a-z0-9-]+$`)

// Every extractor is listed once, with a valid ID and version.
func TestExtractors(t *testing.T) {
	exs, err := Extractors()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range exs {
		if !idRe.MatchString(e.ID()) || e.Version() < 1 || seen[e.ID()] {
			t.Errorf("extractor %q (version %d): invalid or duplicate", e.ID(), e.Version())
		}
		seen[e.ID()] = true
	}
	for _, id := range []string{"os/dpkg", "os/apk", "os/rpm", "lang/gomod", "lang/gobinary", "lang/npm-lock", "lang/yarn-lock", "lang/pnpm-lock",
		"lang/node-modules", "lang/python-requirements", "lang/poetry-lock", "lang/pipfile-lock", "lang/uv-lock", "lang/python-dist",
		"lang/pom", "lang/gradle-lock", "lang/jar", "lang/cargo-lock", "lang/cargo-auditable", "lang/gemfile-lock", "lang/gemspec",
		"lang/composer-lock", "lang/nuget-lock", "lang/dotnet-deps"} {
		if !seen[id] {
			t.Errorf("%s not listed", id)
		}
	}
}
