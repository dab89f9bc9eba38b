package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// testdata/shared is a miniature corpora/ tree with our own snippets.
const testShared = "testdata/shared"

func TestExtractTrivyCloud(t *testing.T) {
	ins, warns, err := Extract(CorpusTrivy, os.DirFS(testShared+"/corpora/trivy-checks"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warns {
		t.Errorf("warning: %v", w)
	}
	type unit struct {
		ID, Input, File string
		Expect          Expect
		Skip            string
	}
	var got []unit
	for _, in := range ins {
		if len(in.Files) != 1 || len(in.Units) != 1 {
			t.Fatalf("%s: %d files, %d units; want one each", in.Source, len(in.Files), len(in.Units))
		}
		u := in.Units[0]
		if u.Objects != nil {
			t.Errorf("%s: snippet unit has objects %v", u.ID, u.Objects)
		}
		got = append(got, unit{u.ID, u.Input, in.Files[0].Name, u.Expect, u.Skip})
	}
	want := []unit{
		{"AWS-9001:terraform:bad[0]", InputTerraform, "main.tf", ExpectFail, ""},
		{"AWS-9001:terraform:bad[1]", InputTerraform, "main.tf", ExpectFail, ""},
		{"AWS-9001:terraform:good[0]", InputTerraform, "main.tf", ExpectPass, ""},
		{"AWS-9001:cloudformation:bad[0]", InputCloudFormation, "template.yaml", ExpectFail, ""},
		{"AWS-9001:cloudformation:good[0]", InputCloudFormation, "template.json", ExpectPass, ""},
		// deprecated: extracted (so a claim shows it) but skipped
		{"AWS-9002:terraform:bad[0]", InputTerraform, "main.tf", ExpectFail, skipDeprecated},
		{"AWS-9002:terraform:good[0]", InputTerraform, "main.tf", ExpectPass, skipDeprecated},
		{"GCP-9001:terraform:bad[0]", InputTerraform, "main.tf", ExpectFail, ""},
		{"GCP-9001:terraform:good[0]", InputTerraform, "main.tf", ExpectPass, ""},
		{"KSV-9001:kubernetes:bad[0]", InputKubernetes, "manifest.yaml", ExpectFail, ""},
		{"KSV-9001:kubernetes:good[0]", InputKubernetes, "manifest.yaml", ExpectPass, ""},
		// NIF-9001: nifcloud is not an extracted provider
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
	if d := string(ins[0].Files[0].Data); !strings.HasPrefix(d, `resource "aws_s3_bucket" "assets" {`) || !strings.HasSuffix(d, "}\n") {
		t.Errorf("terraform snippet written as %q", d)
	}
}

func TestExtractTrivyDeprecatedDockerfileKept(t *testing.T) {
	// Deprecation skips only the cloud units: the kubernetes/dockerfile
	// units keep the numbers measured before (DS-0024 is claimed).
	fsys := fstest.MapFS{
		"index.json": {Data: []byte(`[{"id":"DS-0024","deprecated":true,"examples":"d.yaml"},
			{"id":"AWS-0001","provider":"aws","deprecated":true,"examples":"a.yaml"}]`)},
		"d.yaml": {Data: []byte("dockerfile:\n  bad: [\"FROM a\\nRUN apt-get dist-upgrade\"]\n")},
		"a.yaml": {Data: []byte("cloudformation:\n  bad: [\"Resources: {}\"]\n")},
	}
	got := briefs(extract(t, CorpusTrivy, fsys))
	want := []brief{
		{"AWS-0001", "AWS-0001:cloudformation:bad[0]", nil, ExpectFail, skipDeprecated},
		{"DS-0024", "DS-0024:dockerfile:bad[0]", nil, ExpectFail, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
}

func TestTrivySnippetFile(t *testing.T) {
	for _, tc := range []struct{ input, snippet, want string }{
		{InputTerraform, `resource "x" "y" {}`, "main.tf"},
		{InputCloudFormation, "Resources: {}", "template.yaml"},
		{InputCloudFormation, "AWSTemplateFormatVersion: \"2010-09-09\"\n", "template.yaml"},
		{InputCloudFormation, "\n  {\"Resources\": {}}", "template.json"},
		{InputDockerfile, "FROM a", "Dockerfile"},
		{InputKubernetes, "kind: Pod", "manifest.yaml"},
	} {
		if got := trivySnippetFile(tc.input, tc.snippet); got != tc.want {
			t.Errorf("trivySnippetFile(%s, %q) = %q, want %q", tc.input, tc.snippet, got, tc.want)
		}
	}
}

func readMappings(t *testing.T, paths ...string) []MappingFile {
	t.Helper()
	files, err := ReadMappingFiles(paths)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestMergeMappings(t *testing.T) {
	m, err := MergeMappings(readMappings(t, "testdata/merge/a.yaml", "testdata/merge/b.yaml")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ corpus, id, ward string }{
		{CorpusTrivy, "AWS-9001", "WARD-AWS-0001"},
		{CorpusTrivy, "GCP-9001", "WARD-GCP-0001"},
		{CorpusKubescape, "some-rule", "WARD-K8S-0001"},
	} {
		if _, e := m.Lookup(c.corpus, c.id); e == nil || e.Ward[0] != c.ward {
			t.Errorf("Lookup(%s, %s) = %v, want %s", c.corpus, c.id, e, c.ward)
		}
	}

	_, err = MergeMappings(readMappings(t, "testdata/merge/a.yaml", "testdata/merge/b.yaml", "testdata/merge/dup.yaml")...)
	if err == nil || !strings.Contains(err.Error(), "testdata/merge/a.yaml") || !strings.Contains(err.Error(), "testdata/merge/dup.yaml") ||
		!strings.Contains(err.Error(), "AWS-9001") {
		t.Errorf("duplicate ID: err = %v, want one naming AWS-9001, a.yaml and dup.yaml", err)
	}

	_, err = MergeMappings(MappingFile{Name: "cloud/bad.yaml", Data: []byte("trivy-checks: {X: {ward: [nope]}}")})
	if err == nil || !strings.HasPrefix(err.Error(), "cloud/bad.yaml: ") {
		t.Errorf("invalid file: err = %v, want one naming cloud/bad.yaml", err)
	}

	// A file holding only comments (a placeholder) merges as nothing.
	if _, err := MergeMappings(MappingFile{Name: "empty.yaml", Data: []byte("# todo\n")}); err != nil {
		t.Errorf("comment-only file: %v", err)
	}
}

func TestMappingFilesIn(t *testing.T) {
	files, err := mappingFilesIn(os.DirFS("testdata"), "merge")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if diff := cmp.Diff([]string{"merge/a.yaml", "merge/b.yaml", "merge/dup.yaml"}, names); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

func TestDefaultMapping(t *testing.T) {
	files, err := DefaultMappingFiles()
	if err != nil {
		t.Fatal(err)
	}
	if files[0].Name != "mapping.yaml" {
		t.Errorf("first default file = %s, want mapping.yaml", files[0].Name)
	}
	for _, f := range files[1:] {
		if !strings.HasPrefix(f.Name, "cloud/") || !strings.HasSuffix(f.Name, ".yaml") {
			t.Errorf("unexpected default mapping file %s", f.Name)
		}
	}
	// mapping.yaml and every cloud/*.yaml parse, and no ID is defined twice.
	if _, err := DefaultMapping(); err != nil {
		t.Fatal(err)
	}
}

// TestRunTrivyCloud scans the miniature corpus with the real scanner:
// per-input rows and totals, skipped deprecated units, and a bad snippet
// that Ward can only report as not evaluated (a remote module) is a miss,
// never flagged.
func TestRunTrivyCloud(t *testing.T) {
	m, err := MergeMappings(append(readMappings(t, "testdata/merge/a.yaml"), MappingFile{Name: "inline", Data: []byte(`
trivy-checks:
  AWS-9002:
    ward: [WARD-AWS-0001]
    concept: deprecated, skipped
  KSV-9001:
    ward: [WARD-K8S-0001]
    concept: privileged
`)})...)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Shared: testShared, Corpora: []string{CorpusTrivy}, Mapping: m, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Corpora[0]
	type row struct {
		ID, Input                               string
		Fail, FailFlagged, Pass, PassFlagged, S int
	}
	var rows []row
	for _, r := range c.Rows {
		rows = append(rows, row{r.OracleID, r.Input, r.Fail, r.FailFlagged, r.Pass, r.PassFlagged, r.Skipped})
	}
	wantRows := []row{
		{"AWS-9001", InputTerraform, 2, 1, 1, 0, 0},
		{"AWS-9001", InputCloudFormation, 1, 1, 1, 0, 0},
		{"AWS-9002", InputTerraform, 0, 0, 0, 0, 2},
		{"KSV-9001", InputKubernetes, 1, 1, 1, 0, 0},
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	var inputs []InputResult
	for _, in := range c.Inputs {
		inputs = append(inputs, *in)
	}
	wantInputs := []InputResult{
		{Input: InputKubernetes, Claimed: 1, Fail: 1, FailFlagged: 1, Pass: 1},
		{Input: InputTerraform, Claimed: 2, Fail: 2, FailFlagged: 1, Pass: 1, Skipped: 2, Unclaimed: 1, UnclaimedUnits: 2},
		{Input: InputCloudFormation, Claimed: 1, Fail: 1, FailFlagged: 1, Pass: 1},
	}
	if diff := cmp.Diff(wantInputs, inputs); diff != "" {
		t.Errorf("inputs (-want +got):\n%s", diff)
	}
	if got := c.Input(InputTerraform).Recall(); got != 0.5 {
		t.Errorf("terraform recall = %v, want 0.5", got)
	}
	if c.Fail != 4 || c.FailFlagged != 3 || c.Pass != 3 || c.PassFlagged != 0 || c.Skipped != 2 {
		t.Errorf("corpus totals %d/%d fail, %d/%d pass, %d skipped", c.FailFlagged, c.Fail, c.PassFlagged, c.Pass, c.Skipped)
	}
	for _, u := range c.Units {
		if len(u.ScanErrors) > 0 {
			t.Errorf("%s: scan errors %v", u.Unit, u.ScanErrors)
		}
		if u.Unit == "AWS-9001:terraform:bad[1]" && (u.Flagged || len(u.NotEvaluated) == 0) {
			t.Errorf("remote-module snippet: flagged %v, not evaluated %v; want not flagged, not evaluated", u.Flagged, u.NotEvaluated)
		}
	}

	var buf bytes.Buffer
	WriteTable(&buf, res)
	WriteDetails(&buf, res)
	out := buf.String()
	if !regexp.MustCompile(`(?m)^ORACLE ID +INPUT +WARD IDS +FAIL`).MatchString(out) {
		t.Errorf("trivy table has no INPUT column:\n%s", out)
	}
	for _, s := range []string{
		"TOTAL (3 claimed)",
		"TOTAL terraform (2 claimed)",
		"TOTAL cloudformation (1 claimed)",
		"trivy-checks/terraform",
		"not claimed by input type: kubernetes 0 (0 units), terraform 1 (2 units), cloudformation 0 (0 units)",
		"MISS AWS-9001 [AWS-9001:terraform:bad[1]]",
		"Skipped AWS-9002 (terraform): 2 units: " + skipDeprecated,
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}
