package all

import "testing"

// TestSetsValid checks every declaration: kinds and fields exist, types
// and defaults agree, expressions parse, and no kind is declared twice.
func TestSetsValid(t *testing.T) {
	kinds := map[string]bool{}
	for _, s := range Sets() {
		if err := s.Validate(); err != nil {
			t.Error(err)
		}
		for _, k := range s.Kinds() {
			if kinds[k] {
				t.Errorf("kind %s declared by two sets", k)
			}
			kinds[k] = true
		}
	}
}
