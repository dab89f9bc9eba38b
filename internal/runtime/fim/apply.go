package fim

import (
	"fmt"
	"log/slog"
	"path"
	"sort"
	"strconv"

	"github.com/wardsec/ward/internal/finding"
)

// Reasons given in a finding's message when no process is known.
const (
	reasonOffline  = "changed while the agent was not running"
	reasonOverflow = "found by a full re-walk after the event queue overflowed; the process is not known"
)

// cause says who or what made a change, for the finding's message.
type cause struct {
	proc   *procInfo
	reason string // when proc is nil
	note   string // appended ("renamed from /etc/x.tmp")
}

func (c cause) String() string {
	var s string
	if c.proc != nil {
		s = "by " + c.proc.String()
	} else {
		s = "(" + c.reason + ")"
	}
	if c.note != "" {
		s += "; " + c.note
	}
	return s
}

// The apply* and tree functions run with bmu held for writing.

// applyPath compares p on disk with the baseline, records the new state
// and returns the findings.
func (m *Monitor) applyPath(p string, proc *procInfo, note string) []finding.Finding {
	if !m.tracked(p) {
		return nil
	}
	c := cause{proc: proc, note: note}
	cur, exists, err := m.stat(p)
	if err != nil {
		m.log.Warn("fim cannot examine path", slog.String(logKeyPath, p), slog.String(logKeyError, err.Error()))
		return nil
	}
	old, had := m.base[p]
	switch {
	case !exists && !had:
		// Created and removed between two looks: nothing on disk changed.
		return nil
	case !exists:
		n := m.removeTree(p)
		return []finding.Finding{m.deletedFinding(p, old, n, c)}
	case !had:
		n := m.addNew(p, cur)
		return []finding.Finding{m.createdFinding(p, cur, n, c)}
	}
	out := m.changes(p, old, cur, c)
	if old.Type != cur.Type {
		if old.Type == TypeDir {
			m.removeChildren(p)
		}
		if cur.Type == TypeDir {
			m.addTree(p)
		}
	}
	if !old.equal(cur) {
		m.base[p] = cur
		m.dirty = true
	}
	return out
}

// addNew records a path that was not in the baseline, the directories
// above it that are missing too (silently), and, for a directory, what is
// below it. It returns the number of entries added below p.
func (m *Monitor) addNew(p string, e Entry) int {
	if len(m.base) >= m.maxFiles {
		m.log.Warn("fim baseline is full; new path not tracked", slog.String(logKeyPath, p), slog.Int(logKeyLimit, m.maxFiles))
		return 0
	}
	m.base[p] = e
	m.dirty = true
	for q := path.Dir(p); q != p && m.tracked(q); q = path.Dir(q) {
		if _, ok := m.base[q]; ok || len(m.base) >= m.maxFiles {
			break
		}
		qe, ok, err := m.stat(q)
		if err != nil || !ok {
			break
		}
		m.base[q] = qe
		if q == "/" {
			break
		}
	}
	if e.Type == TypeDir {
		return m.addTree(p)
	}
	return 0
}

// addTree records what is below directory p, as far as the limits allow,
// and returns the number of entries added.
func (m *Monitor) addTree(p string) int {
	w := &walkResult{out: map[string]Entry{}}
	m.walkFrom(w, p, m.depth(p), m.maxFiles-len(m.base)+1)
	n := 0
	for q, e := range w.out {
		if q == p {
			continue
		}
		if _, ok := m.base[q]; !ok {
			n++
		}
		m.base[q] = e
	}
	if n > 0 {
		m.dirty = true
	}
	return n
}

// removeTree deletes p and everything below it from the baseline and
// returns how many entries were below it.
func (m *Monitor) removeTree(p string) int {
	n := 0
	if e, ok := m.base[p]; ok && e.Type == TypeDir {
		n = m.removeChildren(p)
	}
	delete(m.base, p)
	m.dirty = true
	return n
}

func (m *Monitor) removeChildren(p string) int {
	n := 0
	for q := range m.base {
		if q != p && under(q, p) {
			delete(m.base, q)
			n++
		}
	}
	if n > 0 {
		m.dirty = true
	}
	return n
}

// applyRename handles a rename from → to (either end may be outside the
// monitored paths).
//
//   - A source the baseline does not know (a temporary file written and
//     renamed into place within the debounce) is not a move: the
//     destination is compared with what the baseline held there, so an
//     atomic replace of /etc/passwd is a content change (WARD-RT-0101), a
//     new file a creation (WARD-RT-0102).
//   - A file moved in from outside over a known file is likewise a content
//     change of the destination.
//   - Otherwise the move is reported as WARD-RT-0105 and the baseline
//     entry (with a directory's children) moves with it; a directory's
//     children are then compared with the disk.
func (m *Monitor) applyRename(from, to string, proc procInfo) []finding.Finding {
	if from == to {
		return m.applyPath(to, &proc, "")
	}
	fromT, toT := m.tracked(from), m.tracked(to)
	oldEntry, hadOld := m.base[from]
	if !fromT {
		hadOld = false
	}
	_, hadDest := m.base[to]
	var out []finding.Finding
	if fromT && !hadOld || !fromT && hadDest {
		note := "renamed from " + from
		if toT {
			out = append(out, m.applyPath(to, &proc, note)...)
		}
		if fromT {
			out = append(out, m.applyPath(from, &proc, "")...)
		}
		return out
	}
	if !fromT && !toT {
		return nil
	}

	c := cause{proc: &proc}
	var cur Entry
	curOK := false
	if toT {
		e, ok, err := m.stat(to)
		if err != nil {
			m.log.Warn("fim cannot examine path", slog.String(logKeyPath, to), slog.String(logKeyError, err.Error()))
		}
		cur, curOK = e, ok
	}
	var replaced Entry
	if hadDest {
		replaced = m.base[to]
		m.removeTree(to)
	}
	// Take the source's entries out, re-keyed under the destination.
	moved := map[string]Entry{}
	if hadOld {
		for q, e := range m.base {
			if under(q, from) {
				moved[to+q[len(from):]] = e
				delete(m.base, q)
			}
		}
		m.dirty = true
	}

	if !toT {
		c.note = "moved out of the monitored paths"
	} else if !curOK {
		c.note = "the destination no longer exists"
	}
	out = append(out, m.renamedFinding(from, to, oldEntry, hadOld, cur, curOK, replaced, hadDest, c))

	if toT && curOK {
		if cur.Type == TypeDir && oldEntry.Type == TypeDir && hadOld {
			// Compare the moved tree with the disk: changes inside it in
			// the same moment are reported too.
			w := &walkResult{out: map[string]Entry{}}
			m.walkFrom(w, to, m.depth(to), m.maxFiles-len(m.base)+1)
			delete(moved, to)
			delete(w.out, to)
			fs, merged := m.diff(moved, w, c, false)
			out = append(out, fs...)
			for q, e := range merged {
				m.base[q] = e
			}
			m.base[to] = cur
			if attrsChanged(oldEntry, cur) {
				out = append(out, m.attrsFinding(to, oldEntry, cur, c))
			}
		} else {
			if len(m.base) < m.maxFiles {
				m.base[to] = cur
			}
			if cur.Type == TypeDir {
				m.addTree(to)
			}
		}
		m.dirty = true
	}
	if fromT {
		// The source exists again (RENAME_EXCHANGE, or re-created).
		if e, ok, err := m.stat(from); err == nil && ok {
			n := m.addNew(from, e)
			out = append(out, m.createdFinding(from, e, n, cause{proc: &proc}))
		}
	}
	return out
}

// changes compares two states of p and returns the findings.
func (m *Monitor) changes(p string, old, cur Entry, c cause) []finding.Finding {
	var out []finding.Finding
	if old.Type != cur.Type || contentChanged(old, cur) {
		out = append(out, m.modifiedFinding(p, old, cur, c))
	}
	if old.Type == cur.Type && attrsChanged(old, cur) {
		out = append(out, m.attrsFinding(p, old, cur, c))
	}
	return out
}

// rescan walks every monitored path, reports the differences with the
// baseline and makes the walk the new baseline.
func (m *Monitor) rescan(reason string) {
	w := m.walk()
	if w.full {
		m.log.Warn("fim walk stopped at the file limit; deletions are not reported", slog.Int(logKeyLimit, m.maxFiles))
	}
	m.bmu.Lock()
	out, merged := m.diff(m.base, w, cause{reason: reason}, true)
	m.base = merged
	m.dirty = true
	m.bmu.Unlock()
	for _, f := range out {
		m.emit(f)
	}
}

// diff compares old entries with a walk and returns the findings, in path
// order, and the merged state: the walk, plus old entries the walk could
// not confirm (below an unreadable directory, or past the file limit).
// With renames, a deleted and a created regular file of the same digest
// are reported as one move.
func (m *Monitor) diff(old map[string]Entry, w *walkResult, c cause, renames bool) ([]finding.Finding, map[string]Entry) {
	merged := make(map[string]Entry, len(w.out))
	for p, e := range w.out {
		merged[p] = e
	}
	var deleted, created, both []string
	for p, oe := range old {
		if _, ok := w.out[p]; ok {
			both = append(both, p)
			continue
		}
		if w.covered(p) {
			if len(merged) < m.maxFiles {
				merged[p] = oe
			}
			continue
		}
		deleted = append(deleted, p)
	}
	for p := range w.out {
		if _, ok := old[p]; !ok {
			created = append(created, p)
		}
	}
	sort.Strings(deleted)
	sort.Strings(created)

	type item struct {
		path string
		f    finding.Finding
	}
	var items []item
	moved := map[string]bool{}
	if renames {
		bySum := map[string][]string{}
		for _, p := range deleted {
			if e := old[p]; e.Type == TypeFile && e.SHA256 != "" {
				bySum[e.SHA256] = append(bySum[e.SHA256], p)
			}
		}
		for _, p := range created {
			e := w.out[p]
			if e.Type != TypeFile || e.SHA256 == "" || len(bySum[e.SHA256]) == 0 {
				continue
			}
			from := bySum[e.SHA256][0]
			bySum[e.SHA256] = bySum[e.SHA256][1:]
			moved[from], moved[p] = true, true
			items = append(items, item{p, m.renamedFinding(from, p, old[from], true, e, true, Entry{}, false, c)})
		}
	}
	for _, p := range deleted {
		if moved[p] {
			continue
		}
		items = append(items, item{p, m.deletedFinding(p, old[p], 0, c)})
	}
	for _, p := range created {
		if moved[p] {
			continue
		}
		items = append(items, item{p, m.createdFinding(p, w.out[p], 0, c)})
	}
	for _, p := range both {
		for _, f := range m.changes(p, old[p], w.out[p], c) {
			items = append(items, item{p, f})
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].path != items[j].path {
			return items[i].path < items[j].path
		}
		return items[i].f.CheckID < items[j].f.CheckID
	})
	out := make([]finding.Finding, len(items))
	for i, it := range items {
		out[i] = it.f
	}
	return out, merged
}

// highPrefixes hold system binaries, libraries, boot files and
// configuration: a change below them is of high severity.
var highPrefixes = []string{"/etc", "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/lib", "/lib64", "/usr/lib", "/boot"}

func severity(p string) finding.Severity {
	for _, h := range highPrefixes {
		if under(p, h) {
			return finding.SeverityHigh
		}
	}
	return finding.SeverityMedium
}

// describe is the state of an entry for evidence.
func describe(prefix string, e Entry) []string {
	var l []string
	add := func(k, v string) { l = append(l, prefix+k+"="+v) }
	add("type", e.Type)
	switch e.Type {
	case TypeFile:
		if e.SHA256 != "" {
			add("sha256", e.SHA256)
		} else {
			add("sha256", "not computed: "+e.NoHash)
		}
		add("size", itoa(e.Size))
	case TypeSymlink:
		add("link", e.Link)
	}
	add("mode", octal(e.Mode))
	add("owner", owners(e))
	return l
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func octal(mode uint32) string { return fmt.Sprintf("%04o", mode) }

func owners(e Entry) string { return fmt.Sprintf("%d:%d", e.UID, e.GID) }
