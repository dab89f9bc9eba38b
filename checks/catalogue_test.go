package checks_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/policy"
)

var update = flag.Bool("update", false, "rewrite docs/checks/catalogue.md")

const cataloguePath = "../docs/checks/catalogue.md"

// TestCatalogueUpToDate keeps the user-facing list of checks in step with the
// embedded checks: `go test ./checks -run Catalogue -update` rewrites it.
func TestCatalogueUpToDate(t *testing.T) {
	eng, err := policy.New(context.Background(), policy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("# Check catalogue\n\nGenerated from the embedded checks by `go test ./checks -run Catalogue -update`; `ward check show ID` prints one in full.\n")
	domains := []struct{ id, title string }{{"k8s", "Kubernetes"}, {"docker", "Dockerfile"}, {"aws", "AWS"}, {"gcp", "Google Cloud"}, {"azure", "Azure"}, {"image", "Container image"}}
	total := 0
	for _, d := range domains {
		var rows []string
		for _, c := range eng.Checks() {
			if c.Domain != d.id {
				continue
			}
			var ctl []string
			for _, x := range c.Controls {
				ctl = append(ctl, x.Framework+" "+x.ID)
			}
			kinds := strings.Join(c.Kinds, ", ")
			if len(c.Kinds) > 8 {
				kinds = "workloads"
			}
			if kinds == "" {
				kinds = string(c.Types[0])
			}
			rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s |", c.ID, c.Severity, c.Title, kinds, strings.Join(ctl, "; ")))
		}
		total += len(rows)
		fmt.Fprintf(&b, "\n## %s (%d checks)\n\n| ID | Severity | Title | Applies to | Controls |\n|---|---|---|---|---|\n%s\n", d.title, len(rows), strings.Join(rows, "\n"))
	}
	if total != len(eng.Checks()) {
		t.Fatalf("catalogue lists %d of %d checks: add the missing domain", total, len(eng.Checks()))
	}
	got := b.String()
	if *update {
		if err := os.WriteFile(cataloguePath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(cataloguePath)
	if err != nil || string(want) != got {
		t.Fatalf("%s is out of date with the checks: run `go test ./checks -run Catalogue -update` and review the diff", cataloguePath)
	}
}
