"""Sentence splitting shared by extraction (fact quotes) and rendering (sentence anchors)."""
from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {"u.s", "u.n", "u.k", "col", "gen", "lt", "maj", "capt", "sgt", "adm", "brig", "mr", "mrs", "ms",
                  "dr", "st", "no", "vs", "etc", "e.g", "i.e", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
                  "rep", "sen", "gov", "prof", "inc", "ltd", "co", "jr", "sr", "mt", "ft", "approx"}
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9\u0600-\u06FF])")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; deterministic, so anchors are stable across runs."""
    text = paragraph.strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start:m.start()].rsplit(None, 1)
        last = before[-1].lower().rstrip(".") if before else ""
        if m.group(1) == "." and (last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
            continue
        out.append(text[start:m.end(1)].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
