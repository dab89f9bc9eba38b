#!/usr/bin/env python3
"""Side by side: every misconfiguration `trivy config` reports, and the Ward
finding that covers it.

    bench/sidebyside.py TRIVY.json WARD.json [--reasons bench/sidebyside-reasons.yaml]

A Trivy finding (ID, file, lines) is covered by a Ward finding when the Ward
check is mapped to the Trivy ID in bench/oracle/mapping.yaml or
bench/oracle/cloud/*.yaml (the same concept) and the Ward finding is in the
same file, on the same resource (its lines overlap the Trivy finding's
resource block). Uncovered findings get the explanation written for their ID
in the reasons file, or "not covered". Prints a Markdown table and a summary.
"""
import argparse
import glob
import json
import os
import sys

import yaml

here = os.path.dirname(os.path.abspath(__file__))


def load_mapping():
    files = [os.path.join(here, "oracle", "mapping.yaml")] + sorted(glob.glob(os.path.join(here, "oracle", "cloud", "*.yaml")))
    out = {}
    for f in files:
        doc = yaml.safe_load(open(f)) or {}
        for tid, m in (doc.get("trivy-checks") or {}).items():
            out.setdefault(tid, set()).update(m.get("ward") or [])
    return out


def norm(p, root):
    p = os.path.normpath(p)
    if root and p.startswith(root):
        p = p[len(root):].lstrip("/")
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trivy")
    ap.add_argument("ward")
    ap.add_argument("--reasons", default=os.path.join(here, "sidebyside-reasons.yaml"))
    ap.add_argument("--root", default="", help="path prefix of Ward's locations to strip")
    a = ap.parse_args()
    mapping = load_mapping()
    reasons = {}
    if os.path.exists(a.reasons):
        reasons = yaml.safe_load(open(a.reasons)) or {}
    t = json.load(open(a.trivy))
    w = json.load(open(a.ward))
    root = os.path.normpath(a.root) if a.root else ""
    ward = {}
    for f in w["findings"]:
        loc = f["location"]
        ward.setdefault(norm(loc["path"], root), []).append(f)
    rows, covered, total = [], 0, 0
    for r in t.get("Results") or []:
        target = r["Target"]
        for m in r.get("Misconfigurations") or []:
            total += 1
            cm = m.get("CauseMetadata") or {}
            start, end = cm.get("StartLine") or 0, cm.get("EndLine") or 0
            # The resource block Trivy names, for matching Ward's finding on the same resource.
            res = cm.get("Resource") or ""
            ids = mapping.get(m["ID"], set())
            match, best = None, 0
            for f in ward.get(os.path.normpath(target), []):
                if f["checkID"] not in ids:
                    continue
                ws, we = f["location"].get("startLine", 0), f["location"].get("endLine", 0) or f["location"].get("startLine", 0)
                addr = f["resource"].get("address", "")
                same_res = bool(res) and (addr == res or addr.endswith("." + res) or addr.split("[")[0] == res)
                overlap = ws <= max(end, start) and we >= start
                # Prefer the finding on the same line, then one inside the
                # block, then any on the same resource.
                score = 4 * (ws == start) + 2 * overlap + same_res
                if (same_res or overlap) and score > best:
                    match, best = f, score
            if match:
                covered += 1
                wl = "%s:%d" % (match["checkID"], match["location"].get("startLine", 0))
                status = "covered"
            else:
                wl = "—"
                status = reasons.get(m["ID"], "not covered")
            rows.append((target, start, m["ID"], m["Title"], res, wl, status))
    rows.sort()
    print("| file | line | Trivy | title | resource | Ward | status |")
    print("|---|---|---|---|---|---|---|")
    for target, start, tid, title, res, wl, status in rows:
        print("| %s | %d | %s | %s | `%s` | %s | %s |" % (target, start, tid, title.replace("|", "\\|"), res, wl, status))
    print()
    print("Trivy findings: %d; covered by a Ward finding of the same concept on the same resource: %d (%.1f %%)" % (total, covered, 100.0 * covered / max(total, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
