"""Merge stage: fold freshly generated sheets into the editor-owned ones, never losing editor work.

Three-way, like git, field by field: base = what the generator wrote last time (the state file),
ours = the editor's sheet now, theirs = what extraction says now.

- a field the editor left alone takes the generated value; one they changed, added or removed
  stays as they left it (nested mappings such as `participants` merge key by key, but
  `coordinates`, `start` and `end` are one value each);
- `aliases`: the editor's list plus generated aliases that are new (neither in base, in ours,
  nor removed by an editor earlier);
- `facts`, keyed by `id`: rejected and confirmed facts belong to the editor; a fact an editor
  rejected or deleted never comes back (the state remembers its id); new facts are appended;
  facts extraction no longer finds are dropped unless the editor touched them;
- sheets: deleted -> tombstone, never recreated; `status: locked` or `merged_into` -> left alone;
  added by hand -> merged as if base were empty, so the editor wins on every field present.

`merge_sheet` is the pure part (it edits a round-trip document in memory); `apply` reads,
gathers every change, then writes a journal (what each sheet will hold), the sheets (each
atomically) and the state file last; a run killed half-way is recovered from the journal.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import AbstractSet as Set, Any, Iterable, Mapping

from .errors import Problem
from .parallel import MIN_ITEMS, STATE, pmap
from .sheets import FOLDERS, read_plain, read_sheet_text, sheet_path
from .state import (SheetState, State, json_text, load_state, recover_journal, remove_journal, state_path,
                    text_sha256, write_journal, write_state)
from .store import (CommentedMap, CommentedSeq, LoadedSheet, detach_comment_lines, dump_sheet, has_comments,
                    install_schemas, load_sheet, plain, reattach_comment_lines, remove_stale_temp_files,
                    write_many_if_changed)

FROZEN_FACT_STATUSES = ("rejected", "confirmed")
# mappings whose parts only make sense together: an editor's corrected latitude must not be
# paired with a newly generated longitude
ATOMIC_MAPPINGS = frozenset({"coordinates", "start", "end"})
LARGE_DUMP_FACTS = 5000   # facts to write at which a pool pays even for a few sheets (about 1 s of dumping)


@dataclass
class MergeReport:
    """What a merge did (or, with dry_run, would do), sheet by sheet."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)   # (path, field): the editor's value won
    tombstoned: list[str] = field(default_factory=list)          # deleted by an editor: not recreated
    locked: list[str] = field(default_factory=list)              # status: locked or merged_into
    skipped: list[Problem] = field(default_factory=list)         # broken sheets, left as they are
    retired: list[str] = field(default_factory=list)             # no longer extracted, never edited: removed
    diff: str = ""                                               # unified diff, with dry_run
    written: dict[str, Mapping[str, Any]] = field(default_factory=dict)   # path -> the data its file now holds
    holding_base: set[str] = field(default_factory=set)          # files that now hold exactly their merge base

    def summary(self) -> str:
        return (f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                f"{len(self.kept)} editor values kept, {len(self.tombstoned)} deleted by editors, "
                f"{len(self.locked)} locked, {len(self.skipped)} skipped")


# --- the pure part: one sheet ---------------------------------------------------------------

@dataclass
class SheetMerge:
    """The outcome for one sheet: whether the document changed, and which editor values won."""

    changed: bool = False
    kept: list[str] = field(default_factory=list)


def merge_sheet(ours: CommentedMap, base: Mapping[str, Any], theirs: Mapping[str, Any], *,
                dropped_facts: Iterable[str] = (), removed_aliases: Iterable[str] = ()) -> SheetMerge:
    """Merge `theirs` into the editor's document `ours` in place (comments and order survive)."""
    merger = _Merger(set(dropped_facts), set(removed_aliases))
    detached = detach_comment_lines(ours)
    merger.mapping(ours, base, theirs, "")
    reattach_comment_lines(ours, detached)
    return merger.outcome


def same(a: Any, b: Any) -> bool:
    """Equal as plain data (round-trip wrappers, quoting and comments do not count)."""
    return plain(a) == plain(b)


def untouched(mine: Any, prior: Any) -> bool:
    """As the generator wrote it: same data and no editor comment inside (a comment is an edit)."""
    return same(mine, prior) and not has_comments(mine)


def to_rt(value: Any) -> Any:
    """Plain data as round-trip containers, so comments can later attach to any part of it."""
    if isinstance(value, dict):
        result = CommentedMap()
        for key, item in value.items():
            result[key] = to_rt(item)
        return result
    if isinstance(value, list):
        return CommentedSeq(to_rt(item) for item in value)
    return value


class _Merger:
    def __init__(self, dropped_facts: set[str], removed_aliases: set[str]) -> None:
        self.dropped_facts = dropped_facts
        self.removed_aliases = removed_aliases
        self.outcome = SheetMerge()

    def mapping(self, ours: CommentedMap, base: Mapping[str, Any], theirs: Mapping[str, Any], where: str) -> None:
        order = list(theirs)
        for key, their in theirs.items():
            name = f"{where}.{key}" if where else str(key)
            if not where and key == "aliases":
                self.aliases(ours, base, their, order)
            elif not where and key == "facts":
                self.facts(ours, base, their, order)
            else:
                self.field(ours, base, key, their, name, order)
        for key in list(base):
            if key not in theirs and key in ours and untouched(ours[key], base[key]):
                del ours[key]  # extraction no longer produces it and the editor never touched it
                self.outcome.changed = True

    def field(self, ours: CommentedMap, base: Mapping[str, Any], key: str, their: Any, name: str,
              order: list[str]) -> None:
        if key not in ours:
            if key in base:
                self.outcome.kept.append(name)  # the editor removed it: it stays removed
            else:
                self.insert(ours, key, their, order)
            return
        mine = ours[key]
        prior = base.get(key)
        nested = key not in ATOMIC_MAPPINGS and all(isinstance(v, dict) for v in (mine, their, prior))
        if key in base and nested:
            self.mapping(mine, prior, their, name)
        elif key in base and untouched(mine, prior) and not _would_lose_comments(mine, their):
            self.replace(ours, key, their)
        elif not same(mine, their):
            self.outcome.kept.append(name)

    def aliases(self, ours: CommentedMap, base: Mapping[str, Any], theirs: Any, order: list[str]) -> None:
        if "aliases" not in ours or not isinstance(ours["aliases"], list) or not isinstance(theirs, list):
            self.field(ours, base, "aliases", theirs, "aliases", order)
            return
        mine = ours["aliases"]
        prior = base.get("aliases") if isinstance(base.get("aliases"), list) else []
        known = texts(mine) | texts(prior) | self.removed_aliases
        for alias in theirs:
            if alias not in known:
                mine.append(alias)
                known.add(alias)
                self.outcome.changed = True

    def facts(self, ours: CommentedMap, base: Mapping[str, Any], theirs: Any, order: list[str]) -> None:
        if "facts" not in ours and "facts" not in base and isinstance(theirs, list):
            theirs = [f for f in theirs if fact_id(f) not in self.dropped_facts]
        if "facts" not in ours or not isinstance(ours["facts"], list) or not isinstance(theirs, list):
            self.field(ours, base, "facts", theirs, "facts", order)
            return
        mine = ours["facts"]
        prior = facts_by_id(base.get("facts"))
        fresh = facts_by_id(theirs)
        present: set[str] = set()
        doomed: list[int] = []
        for index, fact in enumerate(mine):
            fid = fact_id(fact)
            if fid is None:
                continue
            present.add(fid)
            if fact.get("status") in FROZEN_FACT_STATUSES:
                continue
            if fid in fresh:
                self.mapping(fact, prior.get(fid, {}), fresh[fid], f"facts[{fid}]")
            elif fid in prior and untouched(fact, prior[fid]):
                doomed.append(index)
        for index in reversed(doomed):
            del mine[index]
            self.outcome.changed = True
        for fid, fact in fresh.items():
            if fid not in present and fid not in self.dropped_facts:
                mine.append(to_rt(fact))
                self.outcome.changed = True

    def insert(self, ours: CommentedMap, key: str, value: Any, order: list[str]) -> None:
        """Add a new generated key after the key that precedes it in the contract order."""
        earlier = order[:order.index(key)] if key in order else []
        positions = [i for i, k in enumerate(ours) if k in earlier]
        ours.insert(positions[-1] + 1 if positions else len(ours), key, to_rt(value))
        self.outcome.changed = True

    def replace(self, ours: CommentedMap, key: str, value: Any) -> None:
        if same(ours[key], value):
            return
        old = ours[key]
        if isinstance(old, CommentedSeq) and isinstance(value, list):
            _refill(old, value)  # keeps the list's own comments and flow/block style
        else:
            ours[key] = to_rt(value)
        self.outcome.changed = True


def _would_lose_comments(old: Any, new: Any) -> bool:
    """Replacing `old` by `new` would drop an editor's comment inside it."""
    if isinstance(old, CommentedSeq) and isinstance(new, list) and not any(isinstance(i, (dict, list)) for i in old):
        # `_refill` keeps the list's own comments and those on items whose text survives
        kept = {plain(v) for v in new if not isinstance(v, (dict, list))}
        return any(entry and entry[0] is not None and plain(old[index]) not in kept
                   for index, entry in old.ca.items.items() if index < len(old))
    return has_comments(old)


def _refill(seq: CommentedSeq, values: list[Any]) -> None:
    """Replace a list's items in place; end-of-line comments follow the scalar they were on."""
    eol = {}
    for index, item in enumerate(seq):
        entry = seq.ca.items.get(index)
        if entry and entry[0] is not None and not isinstance(item, (dict, list)):
            eol.setdefault(plain(item), entry[0])
    while len(seq):
        del seq[-1]
    for index, value in enumerate(values):
        seq.append(to_rt(value))
        if not isinstance(value, (dict, list)) and value in eol:
            seq.ca.items[index] = [eol.pop(value), None, None, None]


def fact_id(fact: Any) -> str | None:
    return str(fact["id"]) if isinstance(fact, dict) and isinstance(fact.get("id"), str) else None


def facts_by_id(facts: Any) -> dict[str, Any]:
    """id -> fact, in list order; facts without an id are not addressable and are skipped."""
    result: dict[str, Any] = {}
    for fact in facts if isinstance(facts, list) else []:
        fid = fact_id(fact)
        if fid is not None and fid not in result:
            result[fid] = fact
    return result


# --- the I/O part: a whole briefing ---------------------------------------------------------

def apply(root: Path, generated: dict[str, dict[str, Any]], *, dry_run: bool = False,
          known_base: Set[str] = frozenset()) -> MergeReport:
    """Merge `generated` ("actors/x.yaml" -> sheet) into the sheets under `root`.

    Everything is read and merged in memory first; then changed sheets are written atomically
    (byte-identical ones are not touched), then the state file. With `dry_run` nothing is
    written and `report.diff` shows what would change. Raises `ValidationError` only for a
    damaged state file; broken sheets are skipped and listed in `report.skipped`. `known_base`:
    files the caller knows still hold their merge base (`SheetIndex`), which are then not read.
    """
    for rel in generated:
        _check_rel(root, rel)
    old = load_state(root)
    recovered = recover_journal(root, old)  # a previous run was killed while writing
    rels = sorted(generated)
    # what extraction says now against what it said last time, as JSON text: a sheet that says the same
    # (most, after one new article) is neither decoded nor kept twice; every other one is copied, so that
    # the state keeps a private copy and no list is shared between two places
    same: list[str] = []
    theirs_all: dict[str, dict[str, Any]] = {}
    for rel in rels:
        text = _plain_text(rel, generated[rel])
        prior = old.sheets.get(rel)
        if prior is not None and not prior.removed_aliases and prior.base_is(text):
            same.append(rel)
        else:
            theirs_all[rel] = json.loads(text)
    if not dry_run:
        remove_stale_temp_files(root / folder for folder in FOLDERS)
    state = State(dict(old.sheets), set(old.tombstones), set(old.rejected_facts))
    for rel in sorted(old.sheets):
        if not (root / rel).exists():  # the editor deleted it: never recreate it
            del state.sheets[rel]
            state.tombstones.add(rel)
    settled = _settled(root, same, state, known_base)
    for rel in same:
        if rel not in settled:   # the file no longer holds it: merged like any other
            theirs_all[rel] = json.loads(old.sheets[rel].base_text)
    untouched = _untouched(root, theirs_all, state, settled)
    ours = _load_existing(root, theirs_all, skip=settled | set(untouched))
    state.rejected_facts = dropped_facts(ours, state.sheets, old.rejected_facts)

    report = MergeReport()
    # a broken sheet is reported whether or not extraction has anything for it: the editor must know
    report.skipped.extend(p for rel, loaded in ours.items() if rel not in generated and not loaded.ok
                          for p in loaded.problems)
    writes: dict[str, tuple[str, str]] = {}  # rel -> (old text, new text)
    # new sheets are plain dumps, the bulk of a first run: made over every core
    new = [rel for rel in theirs_all
           if rel not in settled and rel not in untouched and rel not in ours and rel not in state.tombstones]
    # the largest first: after one new article the few sheets to rewrite are hubs of megabytes each,
    # worth a pool of their own
    dumped = sorted(new + list(untouched), key=lambda rel: -len(theirs_all[rel].get("facts") or ()))
    large = sum(len(theirs_all[rel].get("facts") or ()) for rel in dumped) >= LARGE_DUMP_FACTS
    fresh = dict(zip(dumped, pmap(_dump_new, dumped, min_items=2 if large else MIN_ITEMS,
                                  sheets=theirs_all, rejected=state.rejected_facts)))
    for rel in rels:
        theirs = theirs_all.get(rel)
        if theirs is None:   # settled
            report.unchanged.append(rel)
            report.holding_base.add(rel)
        elif rel in untouched:   # no editor's work in it: the merge is the new generated sheet
            state.sheets[rel] = SheetState(theirs, written=text_sha256(fresh[rel]))
            if fresh[rel] != untouched[rel]:
                writes[rel] = (untouched[rel], fresh[rel])
                report.updated.append(rel)
                report.written[rel] = theirs
            else:
                report.unchanged.append(rel)
            if not _drops_rejected(theirs, state.rejected_facts):
                report.holding_base.add(rel)
        else:
            _merge_one(rel, theirs, ours.get(rel), state, report, writes, fresh)

    report.retired = _retired(root, generated, state, known_base)
    if dry_run:
        report.diff = "".join(_diff(rel, before, after) for rel, (before, after) in sorted(writes.items()))
        report.diff += "".join(f"--- {rel}\n+++ /dev/null (no longer extracted)\n" for rel in report.retired)
        return report
    for rel in report.retired:
        del state.sheets[rel]
    if writes or generated or state_path(root).exists() or recovered:
        _commit(root, {rel: text for rel, (_, text) in writes.items()}, state)
    for rel in report.retired:   # after the state: a kill in between leaves an orphan, not a loss
        (root / rel).unlink(missing_ok=True)
    return report


def _retired(root: Path, generated: Mapping[str, Any], state: State, known_base: Set[str]) -> list[str]:
    """Sheets the generator made that extraction no longer produces (a rule improved, an article
    was removed) and that no editor touched: the file is still exactly what was generated. A sheet
    an editor changed in any way stays."""
    gone = [rel for rel, prior in sorted(state.sheets.items()) if rel not in generated and not prior.removed_aliases]
    return sorted(_holding_base(root, gone, state, known_base))


def _commit(root: Path, writes: dict[str, str], state: State) -> None:
    """Journal, then sheets (each atomically, only if its bytes change), then the state file."""
    if writes:
        write_journal(root, {rel: (text, state.sheets[rel]) for rel, text in writes.items()})
    write_many_if_changed({root / rel: text for rel, text in sorted(writes.items())})
    install_schemas(root)
    write_state(root, state)
    remove_journal(root)


def _drops_rejected(theirs: Mapping[str, Any], rejected: set[str]) -> bool:
    """Whether the sheet as first written leaves out a fact an editor rejected (so it is not its base)."""
    facts = theirs.get("facts")
    return isinstance(facts, list) and any(fact_id(f) in rejected for f in facts)


def _new_sheet(theirs: dict[str, Any], rejected: set[str]) -> dict[str, Any]:
    """A generated sheet as first written: without the facts editors rejected elsewhere."""
    facts = theirs.get("facts")
    sheet = dict(theirs)
    if isinstance(facts, list):
        sheet["facts"] = [f for f in facts if fact_id(f) not in rejected]
    return sheet


def _dump_new(rel: str) -> str:
    return dump_sheet(_new_sheet(STATE["sheets"][rel], STATE["rejected"]), FOLDERS[rel.split("/", 1)[0]])


def _merge_one(rel: str, theirs: dict[str, Any], loaded: LoadedSheet | None, state: State,
               report: MergeReport, writes: dict[str, tuple[str, str]], fresh: Mapping[str, str]) -> None:
    kind = FOLDERS[rel.split("/", 1)[0]]
    if loaded is None:
        if rel in state.tombstones:
            report.tombstoned.append(rel)
            return
        writes[rel] = ("", fresh[rel])   # dumped with the others, over every core
        state.sheets[rel] = SheetState(theirs, written=text_sha256(writes[rel][1]))
        report.created.append(rel)
        report.written[rel] = theirs
        if not _drops_rejected(theirs, state.rejected_facts):
            report.holding_base.add(rel)
        return
    if not loaded.ok:
        report.skipped.extend(loaded.problems)
        return
    doc = loaded.data
    if doc.get("status") == "locked" or doc.get("merged_into"):
        report.locked.append(rel)
        return
    prior = state.sheets.get(rel)
    base = prior.base if prior else {}
    removed = removed_aliases(prior, doc)
    outcome = merge_sheet(doc, base, theirs, dropped_facts=state.rejected_facts, removed_aliases=removed)
    state.sheets[rel] = SheetState(theirs, sorted(removed))
    state.tombstones.discard(rel)  # an editor re-created it by hand
    report.kept.extend((rel, name) for name in outcome.kept)
    text = dump_sheet(doc, kind) if outcome.changed else loaded.text
    if text != loaded.text:
        writes[rel] = (loaded.text, text)
        report.updated.append(rel)
        report.written[rel] = plain(doc)
    else:
        report.unchanged.append(rel)


def removed_aliases(prior: SheetState | None, doc: CommentedMap) -> set[str]:
    """Aliases an editor deleted from this sheet, now or in an earlier run."""
    if prior is None:
        return set()
    current = texts(doc.get("aliases"))
    deleted = texts(prior.base.get("aliases")) - current if "aliases" in doc else set()
    return (set(prior.removed_aliases) | deleted) - current


def texts(values: Any) -> set[str]:
    """The strings in a list (an editor may have typed anything into it)."""
    return {str(v) for v in values if isinstance(v, str)} if isinstance(values, list) else set()


def dropped_facts(ours: dict[str, LoadedSheet], bases: Mapping[str, SheetState], previous: Iterable[str]) -> set[str]:
    """Fact ids editors rejected or deleted, across all sheets; a fact moved by hand is not dropped."""
    rejected: set[str] = set()
    alive: set[str] = set()
    deleted: set[str] = set(previous)
    for rel, loaded in ours.items():
        if not loaded.ok:
            continue
        mine = facts_by_id(loaded.data.get("facts"))
        for fid, fact in mine.items():
            (rejected if fact.get("status") == "rejected" else alive).add(fid)
        prior = bases.get(rel)
        if prior is not None:
            deleted |= set(facts_by_id(prior.base.get("facts"))) - set(mine)
    return (deleted - alive) | rejected


def _load_existing(root: Path, generated: Mapping[str, Any], skip: set[str] = frozenset()) -> dict[str, LoadedSheet]:
    """Every sheet on disk (rejections anywhere count) plus the generated paths that exist,
    except the settled ones (see `_settled`)."""
    rels = {f"{folder}/{path.name}" for folder in FOLDERS for path in (root / folder).glob("*.yaml")}
    rels |= {rel for rel in generated if (root / rel).exists()}
    return {rel: load_sheet(root / rel) for rel in sorted(rels - skip)}


def _settled(root: Path, same: list[str], state: State, known_base: Set[str]) -> set[str]:
    """Sheets with nothing to merge: extraction says what it said last time, and the file still
    holds exactly that (read with the fast C loader; comments are invisible to it, and a sheet
    that is not rewritten keeps them anyway). Their three-way result is the file as it is, so the
    slow round-trip load is skipped: one new article among thousands touches only a few sheets."""
    return _holding_base(root, [rel for rel in same if rel in state.sheets], state, known_base)


def _holding_base(root: Path, rels: list[str], state: State, known_base: Set[str]) -> set[str]:
    """The sheets among `rels` whose file still reads as the base extraction last gave it (those in
    `known_base` are known to, without reading them)."""
    todo = [rel for rel in rels if rel not in known_base]
    return {rel for rel in rels if rel in known_base} | \
        {rel for rel, (data, problem) in zip(todo, pmap(read_plain, [root / rel for rel in todo]))
         if problem is None and data == state.sheets[rel].base}


def _untouched(root: Path, theirs_all: Mapping[str, Any], state: State, settled: set[str]) -> dict[str, str]:
    """Sheets (with their text) that no editor has touched since extraction wrote them: the file is
    byte for byte what it wrote (the state keeps the hash). Their three-way merge is simply the new
    generated data, so the slow round-trip load is skipped (seconds for a hub's multi-megabyte
    sheet, which every new article about it changes). A comment, a reordered key, any edit: the
    bytes differ and the sheet takes the full merge."""
    rels = [rel for rel in theirs_all if rel not in settled and rel in state.sheets and state.sheets[rel].written
            and not state.sheets[rel].removed_aliases and (root / rel).is_file()]
    texts = pmap(_untouched_text, rels, root=root, hashes={rel: state.sheets[rel].written for rel in rels})
    return {rel: text for rel, text in zip(rels, texts) if text is not None}


def _untouched_text(rel: str) -> str | None:
    text, problem = read_sheet_text(STATE["root"] / rel)   # too large or unreadable: the full merge reports it
    return text if problem is None and text_sha256(text) == STATE["hashes"][rel] else None


def _check_rel(root: Path, rel: str) -> None:
    folder, _, name = rel.partition("/")
    if not name.endswith(".yaml"):
        raise ValueError(f"not a sheet path: {rel!r}")
    sheet_path(root, folder, name[:-len(".yaml")])  # raises ValueError for anything but folder/<slug>.yaml


def _plain_text(rel: str, sheet: Any) -> str:
    """The sheet as JSON text, compared with the base the state keeps as text."""
    if not isinstance(sheet, Mapping):
        raise ValueError(f"generated sheet {rel} is not a mapping")
    try:
        return json_text(sheet)
    except (TypeError, ValueError) as err:
        raise ValueError(f"generated sheet {rel} is not plain data: {err}") from err


def _diff(rel: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{rel}" if before else "/dev/null", tofile=f"b/{rel}")
    return "".join(lines)
