package source

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLimitsResolved(t *testing.T) {
	got := Limits{}.Resolved()
	want := Limits{MaxFileSize: 256 << 20, MaxArchiveDepth: 3, MaxArchiveEntries: 100_000, MaxExpandedBytes: 2 << 30, MaxRatio: 100}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	set := Limits{MaxFileSize: 1, MaxArchiveDepth: 7, MaxArchiveEntries: 2, MaxExpandedBytes: 3, MaxRatio: 4}
	if diff := cmp.Diff(set, set.Resolved()); diff != "" {
		t.Errorf("explicit values changed (-want +got):\n%s", diff)
	}
}

func TestItemRealLine(t *testing.T) {
	it := Item{LineMap: []int{3, 10, 11}}
	for in, want := range map[int]int{1: 3, 2: 10, 3: 11, 4: 4, 0: 0} {
		if got := it.RealLine(in); got != want {
			t.Errorf("RealLine(%d) = %d, want %d", in, got, want)
		}
	}
	if got := (Item{}).RealLine(5); got != 5 {
		t.Errorf("no LineMap: %d", got)
	}
}
