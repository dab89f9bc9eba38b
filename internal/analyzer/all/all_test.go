package all

import (
	"regexp"
	"testing"
)

var idRe = regexp.MustCompile(`^[a-z]+/[a-z0-9-]+$`)

func TestPluginIDs(t *testing.T) {
	seen := map[string]bool{}
	check := func(id string, version int) {
		if !idRe.MatchString(id) {
			t.Errorf("invalid ID %q", id)
		}
		if seen[id] {
			t.Errorf("duplicate ID %q", id)
		}
		seen[id] = true
		if version < 1 {
			t.Errorf("%s: version %d", id, version)
		}
	}
	for _, a := range Files() {
		check(a.ID(), a.Version())
	}
	for _, a := range Dirs() {
		check(a.ID(), a.Version())
	}
	for _, id := range []string{"iac/kubernetes", "iac/helm", "iac/helm-archive", "iac/kustomize", "iac/terraform", "iac/terraform-file", "iac/terraform-plan", "iac/cloudformation"} {
		if !seen[id] {
			t.Errorf("%s not listed", id)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := (Config{}).Validate(); err != nil {
		t.Error(err)
	}
	if err := (Config{HelmSet: []string{"a[=1"}}).Validate(); err == nil {
		t.Error("bad --set accepted")
	}
	if got := len(DirsWith(Config{HelmSet: []string{"a=1"}})); got != len(Dirs()) {
		t.Errorf("DirsWith: %d analyzers", got)
	}
}
