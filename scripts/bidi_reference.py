#!/usr/bin/env python3
"""Reference rendering of the seeds' Arabic lines by arabic_reshaper + python-bidi.

Writes tests/fixtures/bidi/reference.jsonl, which tests/text.rs compares with
claimdesk's own pipeline (text::display) so that the test runs without Python.

    pip install arabic-reshaper python-bidi
    python3 scripts/bidi_reference.py

The fixture was made with arabic-reshaper 3.1.0 and python-bidi 0.6.12 (the Rust-backed
python-bidi, which reorders chars with unicode-bidi's reorder_line: no bracket mirroring,
and harakat end up before their letter; the Rust test allows for exactly those two).

Each record is one line of a seed as a terminal without bidi must be given it:
  kind     "title": the line cut to `width` cells with an ellipsis (fit_line)
           "body":  the paragraph wrapped at `width` cells, one entry per screen line
  source   the paragraph as it is in the seed
  logical  each screen line in logical order (what wrapping produced)
  visual   each screen line in left-to-right screen order (what the terminal draws)
"""

import glob
import importlib.metadata
import json
import os
import re
import unicodedata

import arabic_reshaper
from bidi import get_display

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TITLE_LINES = 6  # first non-empty lines of each seed: titles, bylines, dates
TITLE_WIDTH = 30
BODY_PARAGRAPHS = 4  # first long paragraphs of each seed
BODY_MIN_CHARS = 80
BODY_WIDTH = 40
ELLIPSIS = "\u2026"

RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={"support_ligatures": False, "delete_harakat": False}
)


def cells(c):
    """Cells of one char: marks 0, East Asian wide 2, else 1 (enough for the seeds)."""
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def width(s):
    return sum(cells(c) for c in s)


def base_dir(s):
    """Direction of the first strong character (UBA rules P2/P3), LTR if none."""
    for c in s:
        kind = unicodedata.bidirectional(c)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return "L"


def wrap(text, limit):
    """Greedy wrapping at spaces in logical order, as text::display does: spaces inside a
    line are kept, spaces at a break are dropped, over-long words are broken."""
    lines, line = [], None
    for spaces, word in re.findall(r"( *)([^ ]+)", text):
        if line is not None and width(line) + len(spaces) + width(word) <= limit:
            line += spaces + word
            continue
        if line is not None:
            lines.append(line)
        line = ""
        for c in word:
            if line and width(line) + cells(c) > limit:
                lines.append(line)
                line = ""
            line += c
    if line is not None:
        lines.append(line)
    return lines


def cut(text, limit):
    """The line cut at its logical end to fit `limit` cells, with an ellipsis."""
    if width(text) <= limit:
        return text
    kept = ""
    for c in text:
        if width(kept) + cells(c) > limit - 1:
            break
        kept += c
    return kept.rstrip(" ") + ELLIPSIS


def record(seed, kind, limit, source):
    text = unicodedata.normalize("NFC", source)
    direction = base_dir(text)
    shaped = RESHAPER.reshape(text)
    logical = [cut(shaped, limit)] if kind == "title" else wrap(shaped, limit)
    return {
        "seed": seed,
        "kind": kind,
        "width": limit,
        "rtl": direction == "R",
        "source": source,
        "logical": logical,
        "visual": [get_display(line, base_dir=direction) for line in logical],
    }


def main():
    out_path = os.path.join(ROOT, "tests", "fixtures", "bidi", "reference.jsonl")
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    records = []
    for path in sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt"))):
        seed = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            lines = [line.strip() for line in f.read().split("\n") if line.strip()]
        for line in lines[:TITLE_LINES]:
            records.append(record(seed, "title", TITLE_WIDTH, line))
        long = [line for line in lines if len(line) >= BODY_MIN_CHARS]
        for line in long[:BODY_PARAGRAPHS]:
            records.append(record(seed, "body", BODY_WIDTH, line))
    with open(out_path, "w", encoding="utf-8") as f:
        versions = {
            "arabic-reshaper": importlib.metadata.version("arabic-reshaper"),
            "python-bidi": importlib.metadata.version("python-bidi"),
        }
        f.write(json.dumps({"generator": "scripts/bidi_reference.py", **versions}) + "\n")
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{out_path}: {len(records)} records")


if __name__ == "__main__":
    main()
