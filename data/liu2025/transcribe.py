#!/usr/bin/python3
"""Transcribe Table 1 of Liu et al. 2025 (npj Clim. Atmos. Sci., doi:10.1038/s41612-025-01235-1)
from the paper's full text into table1.csv.

Usage: /usr/bin/python3 data/liu2025/transcribe.py [PAPER_TXT] > data/liu2025/table1.csv
Default PAPER_TXT: ../shared/papers/liu2025-npj-surface-thermal-offsets.txt (beside the repo).

Rules (see README.md in this folder):
- Numbers are written exactly as printed (so "1.00" and "-0.40" keep their printed decimals),
  without their footnote marker. The marker ("a" or "b") goes to <column>_mark.
- A blank ALT stays blank (missing), never 0.
- The Note column keeps the footnote text with HTML stripped: "a: ref 74; b: ref 90" or a URL.
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
paper = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "papers" / "liu2025-npj-surface-thermal-offsets.txt"
text = paper.read_text(encoding="utf-8")

VALUE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([ab])?\s*$")
rows = []
for line in text.splitlines():
    if not re.match(r"^\d+\.\t", line):
        continue
    cells = line.split("\t")
    cells += [""] * (11 - len(cells))
    no, region, sub, site, magst, ttop, alt, maat, to, so, note = cells[:11]
    out = {"No.": no.rstrip("."), "Region": region, "Sub-region": sub, "Site": site}
    for name, raw in (("MAGST", magst), ("TTOP", ttop), ("ALT", alt), ("MAAT", maat), ("TO", to), ("SO", so)):
        raw = raw.strip()
        if raw == "":
            out[name], mark = "", ""
        else:
            m = VALUE.match(raw)
            if not m:
                sys.exit(f"row {no}: cannot parse {name} cell {raw!r}")
            out[name], mark = m.group(1), m.group(2) or ""
        if name in ("MAGST", "TTOP", "ALT", "MAAT"):
            out[name + "_mark"] = mark
    note = re.sub(r'<a href="[^"]*">([^<]*)</a>', r"\1", note)
    note = re.sub(r"<sup>(\d+)</sup>", r"ref \1", note)
    note = re.sub(r"\s*;\s*", "; ", note).strip()
    out["Note"] = note
    rows.append(out)

if len(rows) != 117:
    sys.exit(f"expected 117 rows, found {len(rows)}")
cols = ["No.", "Region", "Sub-region", "Site", "MAGST", "TTOP", "ALT", "MAAT", "TO", "SO",
        "MAGST_mark", "TTOP_mark", "ALT_mark", "MAAT_mark", "Note"]
w = csv.DictWriter(sys.stdout, fieldnames=cols, lineterminator="\n")
sys.stdout.write("# Liu et al. 2025, npj Climate and Atmospheric Science, Table 1 (117 sites). doi:10.1038/s41612-025-01235-1. CC BY-NC-ND 4.0.\n")
sys.stdout.write("# REAL published data, transcribed by data/liu2025/transcribe.py; see data/liu2025/README.md. Units: temperatures degC, ALT cm.\n")
w.writeheader()
for r in rows:
    w.writerow(r)
