package secret

import (
	"bytes"
	"regexp/syntax"
	"sort"
	"unicode/utf8"
)

// chunkScan carries one Scan's position across chunks.
//
// A chunk is [context | owned | tail]: context and tail are the overlap
// shared with the previous and next chunk. A match belongs to the chunk
// whose owned part holds its first byte, so a secret across a boundary is
// reported once, seen with its full surroundings.
type chunkScan struct {
	s    *Scanner
	st   *state
	res  *Result
	seen map[matchKey]struct{}
	// base is the absolute offset of the chunk's first byte, lines the
	// number of '\n' before it and lastNL the absolute offset of the last
	// of them (-1 when none).
	base   int64
	lines  int
	lastNL int64
}

// advance moves base past consumed, the bytes dropped from the buffer.
func (c *chunkScan) advance(consumed []byte) {
	if k := bytes.Count(consumed, []byte{'\n'}); k > 0 {
		c.lines += k
		c.lastNL = c.base + int64(bytes.LastIndexByte(consumed, '\n'))
	}
	c.base += int64(len(consumed))
}

// chunk finds keyword hits in data, runs each hit rule's regex in windows
// around its hits and keeps the matches that start in [ownStart, ownEnd).
// leftArt and rightArt say the chunk's edges are cuts, not the file's.
func (c *chunkScan) chunk(data []byte, ownStart, ownEnd int, leftArt, rightArt bool) {
	s, st := c.s, c.st
	for _, ri := range st.active {
		st.windows[ri] = st.windows[ri][:0]
	}
	st.active = st.active[:0]
	if s.hasAC {
		it := s.ac.IterOverlappingByte(data)
		for m := it.Next(); m != nil; m = it.Next() {
			for _, ri := range s.kwRules[m.Pattern()] {
				if st.applicable[ri] {
					c.hit(ri, data, m.Start(), m.End(), leftArt, rightArt)
				}
			}
		}
	}
	for _, ri := range s.always {
		if st.applicable[ri] {
			if len(st.windows[ri]) == 0 {
				st.active = append(st.active, ri)
			}
			st.windows[ri] = append(st.windows[ri][:0], window{0, len(data), leftArt, rightArt})
		}
	}
	st.cands = st.cands[:0]
	for _, ri := range st.active {
		comp := &s.comp[ri]
		if comp.anchored != nil {
			c.anchoredRuns(ri, comp, data, ownStart, ownEnd)
			continue
		}
		for _, w := range st.windows[ri] {
			seg := data[w.start:w.end]
			if !comp.re.Match(seg) {
				continue // cheaper than a submatch search, and the usual answer
			}
			for _, loc := range comp.re.FindAllSubmatchIndex(seg, -1) {
				ms := loc[0] + w.start
				if ms < ownStart || ms >= ownEnd {
					continue
				}
				// A match at a cut edge may be cut itself or start at a false
				// word boundary; a real one is never there (see hit).
				if (w.artStart && loc[0] == 0) || (w.artEnd && loc[1] == len(seg)) {
					continue
				}
				ss, se, ok := secretSpan(loc, comp.group)
				if !ok || se <= ss {
					continue
				}
				st.cands = append(st.cands, candidate{
					rule: ri, mStart: ms, mEnd: loc[1] + w.start, sStart: ss + w.start, sEnd: se + w.start,
				})
			}
		}
	}
	if len(st.cands) == 0 {
		return
	}
	sort.Slice(st.cands, func(i, j int) bool {
		a, b := st.cands[i], st.cands[j]
		if a.sStart != b.sStart {
			return a.sStart < b.sStart
		}
		return a.rule < b.rule
	})
	c.emit(data)
}

// anchoredRuns tries rule ri's anchored regex at each of its hits.
func (c *chunkScan) anchoredRuns(ri int32, comp *compiled, data []byte, ownStart, ownEnd int) {
	for _, w := range c.st.windows[ri] {
		hs := w.start
		if hs < ownStart || hs >= ownEnd {
			continue
		}
		if comp.lead != 0 {
			prev, next := rune(-1), rune(-1)
			if hs > 0 {
				prev, _ = utf8.DecodeLastRune(data[:hs])
			}
			if hs < len(data) {
				next, _ = utf8.DecodeRune(data[hs:])
			}
			if comp.lead&^syntax.EmptyOpContext(prev, next) != 0 {
				continue
			}
		}
		seg := data[hs:w.end]
		loc := comp.anchored.FindSubmatchIndex(seg)
		if loc == nil || (w.artEnd && loc[1] == len(seg)) {
			continue
		}
		ss, se, ok := secretSpan(loc, comp.group)
		if !ok || se <= ss {
			continue
		}
		c.st.cands = append(c.st.cands, candidate{
			rule: ri, mStart: hs, mEnd: loc[1] + hs, sStart: ss + hs, sEnd: se + hs,
		})
	}
}

// hit adds the window around one keyword hit of rule ri, merging it into
// the rule's last window when they touch. A window reaches radius bytes
// (the rule's longest match) each side of the hit, so a match that
// contains the hit lies strictly inside it; single-line regexes are also
// held to the hit's line.
func (c *chunkScan) hit(ri int32, data []byte, hs, he int, leftArt, rightArt bool) {
	st := c.st
	comp := &c.s.comp[ri]
	r := comp.radius
	ws := st.windows[ri]
	if comp.anchored != nil {
		// One anchored attempt per hit; the +1 keeps a longest match off
		// the cut so that a trailing \b or $ sees the next byte.
		if k := len(ws); k > 0 && ws[k-1].start == hs {
			return
		}
		if len(ws) == 0 {
			st.active = append(st.active, ri)
		}
		end := min(len(data), hs+r+1)
		st.windows[ri] = append(ws, window{start: hs, end: end, artEnd: end < len(data) || rightArt})
		return
	}
	if k := len(ws); k > 0 {
		last := &ws[k-1]
		if hs >= last.start && he <= last.end {
			// The common case on dense content: grow the last window.
			if comp.multiline {
				if he+r > last.end && last.end < len(data) {
					if end, art := rightEdge(data, he+r, rightArt); end > last.end {
						last.end, last.artEnd = end, art
					}
				}
				return
			}
			if !last.artEnd {
				return // it already ends at this line's end
			}
			to := min(len(data), he+r)
			if to <= last.end {
				return
			}
			switch i := bytes.IndexByte(data[last.end:to], '\n'); {
			case i >= 0:
				last.end, last.artEnd = last.end+i, false
			case to == len(data):
				last.end, last.artEnd = to, rightArt
			default:
				last.end = to
			}
			return
		}
	}
	if len(ws) == 0 {
		st.active = append(st.active, ri)
	}
	w := window{}
	if comp.multiline {
		w.start, w.artStart = leftEdge(data, hs-r, leftArt)
		w.end, w.artEnd = rightEdge(data, he+r, rightArt)
	} else {
		from := max(0, hs-r)
		if i := bytes.LastIndexByte(data[from:hs], '\n'); i >= 0 {
			w.start = from + i + 1
		} else {
			w.start, w.artStart = from, from > 0 || leftArt
		}
		to := min(len(data), he+r)
		if i := bytes.IndexByte(data[he:to], '\n'); i >= 0 {
			w.end = he + i
		} else {
			w.end, w.artEnd = to, to < len(data) || rightArt
		}
	}
	if k := len(ws); k > 0 && w.start <= ws[k-1].end+1 {
		last := &ws[k-1]
		if w.start < last.start {
			last.start, last.artStart = w.start, w.artStart
		}
		if w.end > last.end {
			last.end, last.artEnd = w.end, w.artEnd
		}
		return
	}
	st.windows[ri] = append(ws, w)
}

// leftEdge moves lo back to a line start within lineSlack bytes, else
// marks it a cut.
func leftEdge(data []byte, lo int, leftArt bool) (int, bool) {
	if lo <= 0 {
		return 0, leftArt
	}
	from := max(0, lo-lineSlack)
	if i := bytes.LastIndexByte(data[from:lo], '\n'); i >= 0 {
		return from + i + 1, false
	}
	if from == 0 {
		return 0, leftArt
	}
	return lo, true
}

// rightEdge moves hi forward to a line end within lineSlack bytes, else
// marks it a cut.
func rightEdge(data []byte, hi int, rightArt bool) (int, bool) {
	if hi >= len(data) {
		return len(data), rightArt
	}
	to := min(len(data), hi+lineSlack)
	if i := bytes.IndexByte(data[hi:to], '\n'); i >= 0 {
		return hi + i, false
	}
	if to == len(data) {
		return to, rightArt
	}
	return hi, true
}

// secretSpan picks the secret out of a submatch index.
func secretSpan(loc []int, group int) (int, int, bool) {
	if group == SecretGroupFirst {
		for g := 1; 2*g+1 < len(loc); g++ {
			if loc[2*g] >= 0 && loc[2*g+1] > loc[2*g] {
				return loc[2*g], loc[2*g+1], true
			}
		}
		return loc[0], loc[1], true
	}
	if 2*group+1 >= len(loc) || loc[2*group] < 0 {
		return 0, 0, false
	}
	return loc[2*group], loc[2*group+1], true
}

// emit filters the sorted candidates and turns them into matches.
func (c *chunkScan) emit(data []byte) {
	s, res := c.s, c.res
	lineAt, pos, lastNLRel := c.lines, 0, -1
	for _, cd := range c.st.cands {
		key := matchKey{cd.rule, c.base + int64(cd.sStart), c.base + int64(cd.sEnd)}
		if _, dup := c.seen[key]; dup {
			continue
		}
		comp := &s.comp[cd.rule]
		secret := data[cd.sStart:cd.sEnd]
		ent := entropy(secret)
		if comp.entropy > 0 && ent < comp.entropy {
			continue
		}
		if globalAllowed(secret) {
			continue
		}
		ls, le := lineBounds(data, cd.sStart, cd.sEnd)
		if c.allowed(comp, data, cd, ls, le) {
			continue
		}
		if len(res.Matches) >= MaxMatchesPerFile {
			res.TooManyMatches = true
			return
		}
		c.seen[key] = struct{}{}

		if k := bytes.Count(data[pos:cd.sStart], []byte{'\n'}); k > 0 {
			lineAt += k
			lastNLRel = pos + bytes.LastIndexByte(data[pos:cd.sStart], '\n')
		}
		pos = cd.sStart
		m := Match{RuleID: s.rules[cd.rule].ID, Line: lineAt + 1, Entropy: ent}
		if lastNLRel >= 0 {
			m.Column = cd.sStart - lastNLRel
		} else {
			m.Column = int(c.base + int64(cd.sStart) - c.lastNL)
		}
		m.EndLine, m.EndColumn = m.Line, m.Column+len(secret)
		if k := bytes.Count(secret, []byte{'\n'}); k > 0 {
			m.EndLine += k
			m.EndColumn = len(secret) - bytes.LastIndexByte(secret, '\n')
		}
		m.Redacted = Redact(string(secret))
		m.Hash = hashSecret(secret)
		m.Ignored = ignoredBy(data[ls:le], m.RuleID, s.ids)
		res.Matches = append(res.Matches, m)
	}
}

// lineBounds are the start of the secret's first line and the end of its
// last, each looked for at most MaxSpan bytes away.
func lineBounds(data []byte, ss, se int) (int, int) {
	from := max(0, ss-MaxSpan)
	ls := from
	if i := bytes.LastIndexByte(data[from:ss], '\n'); i >= 0 {
		ls = from + i + 1
	}
	to := min(len(data), se+MaxSpan)
	le := to
	if i := bytes.IndexByte(data[se:to], '\n'); i >= 0 {
		le = se + i
	}
	return ls, le
}

// allowed applies the rule's allowlists to one candidate. Path criteria
// were evaluated once per file in prepare.
func (c *chunkScan) allowed(comp *compiled, data []byte, cd candidate, ls, le int) bool {
	secret := data[cd.sStart:cd.sEnd]
	var lower []byte
	for _, a := range comp.allow {
		var target []byte
		switch a.target {
		case targetMatch:
			target = data[cd.mStart:cd.mEnd]
		case targetLine:
			target = data[ls:le]
		default:
			target = secret
		}
		reHit := false
		for _, re := range a.regexes {
			if re.Match(target) {
				reHit = true
				break
			}
		}
		swHit := false
		if len(a.stopwords) > 0 {
			if lower == nil {
				lower = bytes.ToLower(secret)
			}
			for _, w := range a.stopwords {
				if bytes.Contains(lower, w) {
					swHit = true
					break
				}
			}
		}
		if !a.and {
			if reHit || swHit {
				return true
			}
			continue
		}
		if (len(a.regexes) == 0 || reHit) && (len(a.stopwords) == 0 || swHit) &&
			(len(a.paths) == 0 || c.st.allowPath[a.flat]) {
			return true
		}
	}
	return false
}

// ignoredBy reports whether a line carries gitleaks:allow, or ward:ignore
// for every rule or followed by a list naming ruleID. Words after
// ward:ignore that are not rule IDs of the scanner end the list.
func ignoredBy(line []byte, ruleID string, known map[string]bool) bool {
	if bytes.Contains(line, []byte("gitleaks:allow")) {
		return true
	}
	const mark = "ward:ignore"
	rest := line
	for {
		i := bytes.Index(rest, []byte(mark))
		if i < 0 {
			return false
		}
		rest = rest[i+len(mark):]
		named, self := false, false
		t := rest
		for {
			t = bytes.TrimLeft(t, ":= \t,")
			j := 0
			for j < len(t) && isIDByte(t[j]) {
				j++
			}
			if j == 0 || !known[string(t[:j])] {
				break
			}
			named = true
			if string(t[:j]) == ruleID {
				self = true
			}
			t = t[j:]
		}
		if !named || self {
			return true
		}
	}
}

func isIDByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_' || b == '.'
}
