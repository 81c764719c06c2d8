"""The review report `briefing extract` ends with: what an editor should look at."""
from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from .names import name_key


def possible_duplicates(entities: list[Any], threshold: float = 0.9) -> list[str]:
    """Pairs of sheets of one folder and kind whose names are close (indel similarity) but were not merged.

    Only names starting alike are compared, each against the rest of its block in rapidfuzz's C loop:
    forty thousand sheets take seconds, where all pairs in Python took hours."""
    blocks: dict[tuple[str, str, str], list[tuple[str, str, Any]]] = {}
    for entity in entities:
        key = name_key(entity.name)
        if len(key) >= 6:
            blocks.setdefault((entity.folder, str(entity.kind), key[0]), []).append((key, entity.id, entity))
    pairs = []
    for (folder, _, _), group in blocks.items():
        group.sort(key=lambda item: item[:2])
        keys = [key for key, _, _ in group]
        for i, (key, _, a) in enumerate(group[:-1]):
            for _, score, j in process.extract(key, keys[i + 1:], scorer=fuzz.ratio, score_cutoff=threshold * 100,
                                               limit=None):
                b = group[i + 1 + j][2]
                pairs.append((folder, key, keys[i + 1 + j], a.id, b.id,
                              f"{folder}/{a.id} '{a.name}' ~ {folder}/{b.id} '{b.name}' (names {score / 100:.0%} alike)"))
    return [line for *_, line in sorted(pairs)]


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
