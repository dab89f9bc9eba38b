package fim

import (
	"fmt"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// check is a finding kind's fixed text.
type check struct {
	title, description string
}

var checks = map[string]check{
	CheckModified: {"Monitored file content modified",
		"The content of a monitored file (or a symlink's target, or the kind of file at the path) differs from the baseline."},
	CheckCreated: {"File created under a monitored path",
		"A path below a monitored directory exists that the baseline did not hold."},
	CheckDeleted: {"Monitored file deleted",
		"A path the baseline held no longer exists."},
	CheckAttrs: {"Monitored file mode or owner changed",
		"The permission bits (with setuid, setgid, sticky) or the owning user or group of a monitored path differ from the baseline."},
	CheckRenamed: {"Monitored file renamed or moved",
		"A monitored path was renamed or moved (into, within or out of the monitored paths)."},
}

const remediation = "If the change was not expected, investigate the process that made it and restore the file from a trusted source. " +
	"Either way the baseline now holds the new state, so the same change is not reported again."

func (m *Monitor) newFinding(checkID, p string, sev finding.Severity, msg, detail string, evidence []string) finding.Finding {
	res := finding.Resource{Kind: "File", Name: p}
	c := checks[checkID]
	return finding.Finding{
		CheckID:     checkID,
		Domain:      "runtime",
		Severity:    sev,
		Title:       c.title,
		Message:     msg,
		Description: c.description,
		Target:      "host",
		Resource:    res,
		Location:    finding.Location{Path: p},
		Evidence:    strings.Join(evidence, "\n"),
		Remediation: remediation,
		Detail:      detail,
		Fingerprint: finding.Fingerprint(checkID, res, p, detail),
	}
}

// digest is an entry's digest for evidence: the hex SHA-256 or why there
// is none.
func digest(e Entry) string {
	if e.SHA256 != "" {
		return e.SHA256
	}
	if e.Type != TypeFile {
		return "none (" + e.Type + ")"
	}
	return "not computed: " + e.NoHash
}

// stateDetail identifies a state for the fingerprint.
func stateDetail(e Entry) string {
	switch {
	case e.SHA256 != "":
		return "sha256:" + e.SHA256
	case e.Type == TypeSymlink:
		return "link:" + e.Link
	case e.Type == TypeFile:
		return fmt.Sprintf("size:%d mtime:%s", e.Size, e.MTime.Format("2006-01-02T15:04:05.999999999Z07:00"))
	}
	return "type:" + e.Type
}

func (m *Monitor) modifiedFinding(p string, old, cur Entry, c cause) finding.Finding {
	var msg string
	var ev []string
	switch {
	case old.Type != cur.Type:
		msg = fmt.Sprintf("%s changed from %s to %s %s", p, old.Type, cur.Type, c)
		ev = append(describe("old_", old), describe("new_", cur)...)
	case cur.Type == TypeSymlink:
		msg = fmt.Sprintf("target of symlink %s changed from %s to %s %s", p, old.Link, cur.Link, c)
		ev = []string{"old_link=" + old.Link, "new_link=" + cur.Link}
	default:
		msg = fmt.Sprintf("content of %s modified %s", p, c)
		ev = []string{"old_sha256=" + digest(old), "new_sha256=" + digest(cur),
			"old_size=" + itoa(old.Size), "new_size=" + itoa(cur.Size)}
	}
	return m.newFinding(CheckModified, p, severity(p), msg, stateDetail(cur), ev)
}

func (m *Monitor) createdFinding(p string, e Entry, below int, c cause) finding.Finding {
	what := p
	if e.Type == TypeDir {
		what = "directory " + p
	}
	msg := fmt.Sprintf("%s created %s", what, c)
	ev := describe("", e)
	if e.Type == TypeDir {
		ev = append(ev, "entries_below="+itoa(int64(below)))
	}
	return m.newFinding(CheckCreated, p, severity(p), msg, stateDetail(e), ev)
}

func (m *Monitor) deletedFinding(p string, old Entry, below int, c cause) finding.Finding {
	what := p
	if old.Type == TypeDir {
		what = "directory " + p
	}
	msg := fmt.Sprintf("%s deleted %s", what, c)
	ev := describe("", old)
	if old.Type == TypeDir && below > 0 {
		ev = append(ev, "entries_below="+itoa(int64(below)))
	}
	return m.newFinding(CheckDeleted, p, severity(p), msg, stateDetail(old), ev)
}

func (m *Monitor) attrsFinding(p string, old, cur Entry, c cause) finding.Finding {
	modeCh := old.Mode != cur.Mode
	ownerCh := old.UID != cur.UID || old.GID != cur.GID
	var msg string
	switch {
	case modeCh && ownerCh:
		msg = fmt.Sprintf("mode and owner of %s changed (mode %s to %s, owner %s to %s) %s", p, octal(old.Mode), octal(cur.Mode), owners(old), owners(cur), c)
	case modeCh:
		msg = fmt.Sprintf("mode of %s changed from %s to %s %s", p, octal(old.Mode), octal(cur.Mode), c)
	default:
		msg = fmt.Sprintf("owner of %s changed from %s to %s %s", p, owners(old), owners(cur), c)
	}
	ev := []string{
		"old_mode=" + octal(old.Mode), "new_mode=" + octal(cur.Mode),
		"old_uid=" + itoa(int64(old.UID)), "new_uid=" + itoa(int64(cur.UID)),
		"old_gid=" + itoa(int64(old.GID)), "new_gid=" + itoa(int64(cur.GID)),
	}
	detail := fmt.Sprintf("mode=%s owner=%s", octal(cur.Mode), owners(cur))
	return m.newFinding(CheckAttrs, p, severity(p), msg, detail, ev)
}

// renamedFinding reports a move. The resource is the destination when it
// is monitored, else the source; the severity is the higher of the two
// paths'.
func (m *Monitor) renamedFinding(from, to string, old Entry, hadOld bool, cur Entry, curOK bool, replaced Entry, hadDest bool, c cause) finding.Finding {
	msg := fmt.Sprintf("%s renamed to %s %s", from, to, c)
	ev := []string{"old_path=" + from, "new_path=" + to}
	if hadOld {
		ev = append(ev, "type="+old.Type, "sha256="+digest(old))
	}
	if curOK && (!hadOld || old.Type != cur.Type || contentChanged(old, cur)) {
		ev = append(ev, "new_sha256="+digest(cur))
	}
	if hadDest {
		ev = append(ev, "replaced_sha256="+digest(replaced))
	}
	res := to
	if !m.tracked(to) {
		res = from
	}
	sev := max(severity(from), severity(to))
	return m.newFinding(CheckRenamed, res, sev, msg, from+" -> "+to, ev)
}
