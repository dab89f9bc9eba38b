package comment

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/state"
)

func TestIgnores(t *testing.T) {
	src := "a: 1 # ward:ignore WARD-K8S-0001 reason here\n# ward:ignore\n#ward:ignore: WARD-DOCKER-0002,WARD-DOCKER-0003\n# ward:ignored not a marker\nb: '# not ward:ignore'\n"
	got := Ignores("f", []byte(src))
	want := []state.InlineIgnore{
		{Path: "f", Line: 1, IDs: []string{"WARD-K8S-0001"}, Reason: "reason here", Trailing: true},
		{Path: "f", Line: 2},
		{Path: "f", Line: 3, IDs: []string{"WARD-DOCKER-0002", "WARD-DOCKER-0003"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func FuzzIgnores(f *testing.F) {
	f.Add([]byte("# ward:ignore A-1 r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ig := range Ignores("f", data) {
			if ig.Line < 1 {
				t.Fatalf("line %d", ig.Line)
			}
		}
	})
}
