// Package comment finds Ward's inline suppression comments in text files:
//
//	# ward:ignore WARD-K8S-0001 reason text
//	# ward:ignore WARD-K8S-0001,WARD-K8S-0002
//	# ward:ignore            (every check)
//
// It is a pure scanner over bytes; it knows nothing of the file's syntax
// beyond the '#' comment marker shared by YAML and Dockerfiles.
package comment

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/wardsec/ward/internal/state"
)

var marker = []byte("ward:ignore")

var idRe = regexp.MustCompile(`^[A-Z][A-Z0-9_]*(-[A-Z0-9_]+)+$`)

// Ignores returns the ward:ignore comments of content, one per line that has one.
func Ignores(path string, content []byte) []state.InlineIgnore {
	if !bytes.Contains(content, marker) {
		return nil
	}
	var out []state.InlineIgnore
	line := 0
	for len(content) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(content, '\n'); i >= 0 {
			l, content = content[:i], content[i+1:]
		} else {
			l, content = content, nil
		}
		h := bytes.IndexByte(l, '#')
		if h < 0 {
			continue
		}
		rest := bytes.TrimSpace(l[h+1:])
		if !bytes.HasPrefix(rest, marker) {
			continue
		}
		rest = rest[len(marker):]
		if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' && rest[0] != ':' {
			continue
		}
		rest = bytes.TrimLeft(rest, ": \t")
		ig := state.InlineIgnore{Path: path, Line: line, Trailing: len(bytes.TrimSpace(l[:h])) > 0}
		fields := strings.Fields(string(rest))
		i := 0
		for ; i < len(fields); i++ {
			ok := false
			for _, id := range strings.Split(fields[i], ",") {
				if id == "" {
					continue
				}
				if !idRe.MatchString(id) {
					break
				}
				ig.IDs = append(ig.IDs, id)
				ok = true
			}
			if !ok {
				break
			}
		}
		ig.Reason = strings.Join(fields[i:], " ")
		out = append(out, ig)
	}
	return out
}
