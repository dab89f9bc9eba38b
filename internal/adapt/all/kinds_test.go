package all

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/state/cloud"
)

var update = flag.Bool("update", false, "rewrite docs/cloud-kinds.md")

const kindsDoc = "../../../docs/cloud-kinds.md"

// handWritten are the kinds the AWS adapter builds by hand
// (internal/adapt/aws), documented in docs/cloud-model.md.
var handWritten = []string{"aws.s3.bucket", "aws.ec2.security_group", "aws.iam.policy"}

// TestKindsDocUpToDate keeps docs/cloud-kinds.md, the reference of every
// declared kind with its fields and sources, in step with the
// declarations: `go test ./internal/adapt/all -run KindsDoc -update`
// rewrites it.
func TestKindsDocUpToDate(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Cloud model kinds\n\nGenerated from the declarations (internal/state/cloud/*, internal/adapt/*) by\n`go test ./internal/adapt/all -run KindsDoc -update`. Checks select kinds with\n`input: {type: cloud, kinds: [...]}`; every document also has `address` and `name`.\n")
	fmt.Fprintf(&b, "The hand-written kinds %s are described in [cloud-model.md](cloud-model.md).\n", "`"+strings.Join(handWritten, "`, `")+"`")
	for _, s := range Sets() {
		sources := map[string][]string{}
		for _, m := range s.Mappings {
			sources[m.Kind] = append(sources[m.Kind], "`"+m.Type+"`")
		}
		linked := map[string][]string{}
		for _, l := range s.Links {
			linked[l.Kind] = append(linked[l.Kind], "`"+l.Type+"`")
		}
		schemas := append([]cloud.Schema(nil), s.Schemas...)
		sort.Slice(schemas, func(i, j int) bool { return schemas[i].Kind < schemas[j].Kind })
		for _, sc := range schemas {
			fmt.Fprintf(&b, "\n## `%s`\n\n", sc.Kind)
			if sc.Doc != "" {
				b.WriteString(sc.Doc + "\n\n")
			}
			if len(sources[sc.Kind]) == 0 {
				t.Errorf("kind %s has no mapping from any source", sc.Kind)
			}
			sort.Strings(sources[sc.Kind])
			sort.Strings(linked[sc.Kind])
			fmt.Fprintf(&b, "Sources: %s", strings.Join(sources[sc.Kind], ", "))
			if l := linked[sc.Kind]; len(l) > 0 {
				fmt.Fprintf(&b, "; merged in: %s", strings.Join(l, ", "))
			}
			b.WriteString("\n\n| field | type | default | meaning |\n|---|---|---|---|\n")
			writeFields(&b, "", sc.Fields)
		}
	}
	got := b.String()
	if *update {
		if err := os.WriteFile(kindsDoc, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(kindsDoc)
	if err != nil || string(want) != got {
		t.Errorf("docs/cloud-kinds.md is out of date: run go test ./internal/adapt/all -run KindsDoc -update")
	}
}

func writeFields(b *strings.Builder, prefix string, fields []cloud.Field) {
	for _, f := range fields {
		def := "—"
		switch {
		case f.Default != nil:
			def = fmt.Sprintf("`%v`", f.Default)
		case f.Type == cloud.BoolField:
			def = "`false`"
		case f.Type == cloud.StringField:
			def = "`\"\"`"
		case f.Type == cloud.StringsField || f.Type == cloud.ListField:
			def = "`[]`"
		case f.Type == cloud.IntField:
			def = "null"
		}
		if f.Type == cloud.ObjectField {
			def = ""
		}
		fmt.Fprintf(b, "| `%s%s` | %s | %s | %s |\n", prefix, f.Name, f.Type, def, strings.ReplaceAll(f.Doc, "|", "\\|"))
		if len(f.Fields) > 0 {
			sep := "."
			if f.Type == cloud.ListField {
				sep = "[]."
			}
			writeFields(b, prefix+f.Name+sep, f.Fields)
		}
	}
}
