package db

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/vuln/osv"
)

// MaxListLine bounds one line of a Debian list.
const MaxListLine = 1 << 20

// debianReleases maps Debian codenames to the release numbers of OSV's
// "Debian:<n>" ecosystems.
func debianRelease(codename string) (string, bool) {
	switch codename {
	case "woody":
		return "3.0", true
	case "sarge":
		return "3.1", true
	case "etch":
		return "4", true
	case "lenny":
		return "5", true
	case "squeeze":
		return "6", true
	case "wheezy":
		return "7", true
	case "jessie":
		return "8", true
	case "stretch":
		return "9", true
	case "buster":
		return "10", true
	case "bullseye":
		return "11", true
	case "bookworm":
		return "12", true
	case "trixie":
		return "13", true
	case "forky":
		return "14", true
	}
	return "", false
}

// ParseDebianList parses a Debian security-tracker advisory list
// (data/DSA/list, data/DLA/list) of at most maxSize bytes (0: the default
// DefaultMaxListSize):
//
//	[29 Mar 2023] DSA-5380-1 xorg-server - security update
//		{CVE-2023-1393}
//		[bullseye] - xorg-server 2:1.20.11-1+deb11u6
//
// Each advisory becomes a record with the advisory id, the CVEs as
// aliases, the date as published and modified time, and per fixed-version
// line an affected source package in "Debian:<release>" with an ECOSYSTEM
// range introduced 0, fixed <version>. Lines whose version is a tag
// ("<not-affected>", "<no-dsa>", "<end-of-life>", "<unfixed>", …), lines of
// unknown releases (sid) and NOTE lines are skipped, and so are advisories
// left without fixed versions (announcements). A malformed header is a
// *limits.ParseError; an oversized input or line a *limits.LimitError.
func ParseDebianList(r io.Reader, path string, maxSize int64) ([]*osv.Vulnerability, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxListSize
	}
	lr := &io.LimitedReader{R: r, N: maxSize + 1}
	sc := bufio.NewScanner(lr)
	sc.Buffer(make([]byte, 0, 64<<10), MaxListLine)
	var (
		out  []*osv.Vulnerability
		cur  *osv.Vulnerability
		seen map[string]bool // aliases and release NUL package NUL version of cur
	)
	flush := func() {
		if cur != nil && len(cur.Affected) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		perr := func(msg string) error {
			return &limits.ParseError{Path: path, Line: line, Col: 1, Msg: msg}
		}
		trimmed := strings.TrimSpace(text)
		switch {
		case trimmed == "":
			continue
		case strings.HasPrefix(text, "["):
			flush()
			rec, err := parseDebianHeader(text)
			if err != nil {
				return nil, perr(err.Error())
			}
			cur, seen = rec, map[string]bool{}
		case text[0] != ' ' && text[0] != '\t':
			return nil, perr(fmt.Sprintf("unexpected line %.40q", text))
		case cur == nil:
			return nil, perr("indented line before the first advisory")
		case strings.HasPrefix(trimmed, "{"):
			if !strings.HasSuffix(trimmed, "}") {
				return nil, perr("unterminated {…} list")
			}
			for _, id := range strings.Fields(trimmed[1 : len(trimmed)-1]) {
				if checkAlias(id) && !seen[id] {
					seen[id] = true
					cur.Aliases = append(cur.Aliases, id)
				}
			}
		case strings.HasPrefix(trimmed, "["):
			codename, pkg, version, ok := parseDebianFix(trimmed)
			if !ok {
				continue // a tag such as <not-affected>, or a note
			}
			release, known := debianRelease(codename)
			if !known {
				continue
			}
			key := sep + release + sep + pkg + sep + version
			if seen[key] {
				continue
			}
			seen[key] = true
			cur.Affected = append(cur.Affected, osv.Affected{
				Package: osv.Package{Ecosystem: inventory.Debian + ":" + release, Name: pkg},
				Ranges: []osv.Range{{Type: osv.RangeEcosystem, Events: []osv.Event{
					{Introduced: "0"}, {Fixed: version},
				}}},
			})
		default:
			// NOTE: lines and other annotations.
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &limits.LimitError{What: fmt.Sprintf("line %d of %s", line+1, path), Limit: MaxListLine}
		}
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if lr.N <= 0 {
		return nil, &limits.LimitError{What: "Debian list " + path, Limit: maxSize}
	}
	flush()
	return out, nil
}

// parseDebianHeader parses "[29 Mar 2023] DSA-5380-1 xorg-server - security update".
func parseDebianHeader(text string) (*osv.Vulnerability, error) {
	end := strings.IndexByte(text, ']')
	if end < 0 {
		return nil, errors.New("advisory header without ']'")
	}
	date, err := time.Parse("2 Jan 2006", strings.TrimSpace(text[1:end]))
	if err != nil {
		return nil, fmt.Errorf("advisory date %q: want DD Mon YYYY", text[1:end])
	}
	fields := strings.Fields(text[end+1:])
	if len(fields) == 0 {
		return nil, errors.New("advisory header without id")
	}
	id := fields[0]
	if !checkAlias(id) {
		return nil, fmt.Errorf("advisory id %.40q", id)
	}
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text[end+1:]), id))
	summary := strings.Join(strings.Fields(rest), " ")
	rec := &osv.Vulnerability{
		ID:        id,
		Modified:  date,
		Published: date,
		Summary:   summary,
		References: []osv.Reference{{
			Type: "ADVISORY",
			URL:  "https://security-tracker.debian.org/tracker/" + id,
		}},
	}
	return rec, nil
}

// parseDebianFix parses "[bullseye] - xorg-server 2:1.20.11-1+deb11u6 (notes)";
// ok is false for tagged versions ("<not-affected>") and other forms.
func parseDebianFix(s string) (codename, pkg, version string, ok bool) {
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return "", "", "", false
	}
	codename = s[1:end]
	fields := strings.Fields(s[end+1:])
	if len(fields) < 3 || fields[0] != "-" {
		return "", "", "", false
	}
	pkg, version = fields[1], fields[2]
	if strings.HasPrefix(version, "<") || !checkAlias(pkg) || !checkAlias(version) {
		return "", "", "", false
	}
	return codename, pkg, version, true
}

// checkAlias accepts a token usable as an id or name: printable ASCII
// without spaces, at most osv.MaxIDLength bytes.
func checkAlias(s string) bool {
	if s == "" || len(s) > osv.MaxIDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// ImportDebianList imports a Debian DSA or DLA list file as source
// "debian:" + its absolute path.
func (db *DB) ImportDebianList(ctx context.Context, p string) (ImportResult, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", p, err)
	}
	f, err := os.Open(abs)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import Debian list: %w", err)
	}
	defer f.Close()
	recs, err := ParseDebianList(f, abs, db.limits.MaxListSize)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import Debian list: %w", err)
	}
	return db.Import(ctx, Source{Name: "debian:" + abs, Kind: "debian-list", Location: abs}, Records(recs))
}
