package cloudformation

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/limits"
)

// corpusDir holds trivy-checks' check definitions; their `cloudformation`
// good/bad snippets are real-world templates. The test is skipped when the
// corpus is absent.
const corpusDir = "/work/shared/corpora/trivy-checks/checks"

func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	var snippets, templates, resources int
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var doc struct {
			CloudFormation struct {
				Good []string `yaml:"good"`
				Bad  []string `yaml:"bad"`
			} `yaml:"cloudformation"`
		}
		if yaml.Unmarshal(data, &doc) != nil {
			return nil
		}
		for i, s := range append(doc.CloudFormation.Good, doc.CloudFormation.Bad...) {
			snippets++
			if !IsTemplate("snippet.yaml", []byte(s)) {
				t.Logf("%s #%d: not a template", p, i)
				continue
			}
			templates++
			res, err := Parse("snippet.yaml", []byte(s), Config{})
			if err != nil {
				var pe *limits.ParseError
				var le *limits.LimitError
				if !errors.As(err, &pe) && !errors.As(err, &le) {
					t.Errorf("%s #%d: untyped error %v", p, i, err)
				}
				t.Errorf("%s #%d: %v", p, i, err)
				continue
			}
			if len(res.Resources) == 0 {
				t.Errorf("%s #%d: no resources (errors %v)", p, i, res.Errors)
			}
			resources += len(res.Resources)
			for _, e := range res.Errors {
				t.Logf("%s #%d: %s", p, i, e)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("snippets %d, templates %d, resources %d", snippets, templates, resources)
	if templates == 0 {
		t.Error("no CloudFormation snippets found")
	}
}
