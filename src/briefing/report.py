"""The review report `briefing extract` ends with: what an editor should look at."""
from __future__ import annotations

from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

from .names import name_key


def possible_duplicates(entities: list[Any], threshold: float = 0.9) -> list[str]:
    """Pairs of sheets in one folder whose names are close but were not merged."""
    out = []
    by_folder: dict[str, list[Any]] = {}
    for entity in entities:
        by_folder.setdefault(entity.folder, []).append(entity)
    for folder, group in sorted(by_folder.items()):
        keyed = sorted((name_key(e.name), e) for e in group if name_key(e.name))
        for (ka, a), (kb, b) in combinations(keyed, 2):
            if ka[:1] != kb[:1] or a.kind != b.kind or min(len(ka), len(kb)) < 6:
                continue
            ratio = SequenceMatcher(None, ka, kb).ratio()
            if ratio >= threshold:
                out.append(f"{folder}/{a.id} '{a.name}' ~ {folder}/{b.id} '{b.name}' (names {ratio:.0%} alike)")
    return out


def review(extraction: Any, result: Any, dry_run: bool = False) -> str:
    lines = [f"Read {len(extraction.articles)} article(s); {len(extraction.sheets)} sheet(s) extracted."]
    for label in ("created", "updated", "unchanged", "retired", "kept", "tombstoned", "skipped"):
        items = getattr(result, label, None)
        if items:
            lines.append(f"  {len(items)} {label}{' (dry run: nothing written)' if dry_run else ''}")
    created = [p for p in (getattr(result, "created", None) or []) if not str(p).startswith("sources/")]
    if created:
        lines.append("New sheets to review:")
        lines.extend(f"  {p}" for p in list(created)[:40])
        if len(created) > 40:
            lines.append(f"  … and {len(created) - 40} more")
    dupes = possible_duplicates([e for e in extraction.entities
                                 if f"{e.folder}/{e.id}.yaml" in extraction.sheets])
    if dupes:
        lines.append("Possible duplicates (merge with `merged_into:` or add an alias):")
        lines.extend(f"  {d}" for d in dupes[:20])
    skipped = sum(len(a.excluded) for a in extraction.articles)
    if skipped:
        lines.append(f"Text set aside as not reporting (comments, captions, boilerplate): {skipped} part(s); "
                     "see `excluded` on the source sheets.")
    return "\n".join(lines)
