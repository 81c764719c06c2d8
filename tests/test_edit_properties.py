"""Property: whatever an editor does to a sheet, re-merging (same or new extraction) keeps it."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.merge import apply
from briefing.store import dump_sheet, load_sheet, plain

REL = "actors/subject.yaml"
TOP_SCALARS = ["id", "name", "kind", "summary"]

# text with YAML's troublemakers in it: quotes, colons, hashes, 'yes', digits, accents
words = st.text(alphabet="abcXYZ019 éü:#'\"-.!&*", min_size=1, max_size=10).filter(lambda s: s.strip() == s)
yamlish = st.sampled_from(["yes", "No", "on", "null", "~", "2017-06-06", "1:30", "0x1F", "480", "- x", "a: b"])
texts = st.one_of(words, yamlish)
comment_texts = st.text(alphabet="abcdefghij XYZ0123456789.,", min_size=1, max_size=20).map(str.strip).filter(bool)


def fact(fid: str, text: str) -> dict[str, Any]:
    return {"id": fid, "type": "event", "text": text, "date": "2017-06-06", "date_precision": "day",
            "source": "s-1", "quote": text, "claimed_by": None, "involves": ["subject"], "status": "extracted"}


@st.composite
def generated_sheets(draw: Any) -> dict[str, Any]:
    facts = [fact(f"f-{i}", draw(texts)) for i in range(draw(st.integers(0, 4)))]
    return {"id": "subject", "name": draw(texts), "kind": "armed group",
            "aliases": draw(st.lists(texts, unique=True, max_size=4)), "summary": "",
            "mentions": [{"source": "s-1", "count": draw(st.integers(1, 9))}], "facts": facts}


@st.composite
def changed(draw: Any, sheet: dict[str, Any]) -> dict[str, Any]:
    """What a later extraction might say about the same entity."""
    new = {**sheet, "aliases": list(sheet["aliases"]), "facts": list(sheet["facts"])}
    if draw(st.booleans()):
        new["name"] = draw(texts)
    new["aliases"] = [a for a in new["aliases"] if draw(st.booleans())]
    new["aliases"] += [a for a in draw(st.lists(texts, unique=True, max_size=3)) if a not in new["aliases"]]
    new["facts"] = [fact(f["id"], draw(texts)) if draw(st.booleans()) else f
                    for f in new["facts"] if draw(st.integers(0, 3))]
    new["facts"] += [fact(f"f-{10 + i}", draw(texts)) for i in range(draw(st.integers(0, 2)))]
    new["mentions"] = [{"source": "s-1", "count": draw(st.integers(1, 9))}]
    return new


edits = st.one_of(
    st.tuples(st.just("name"), texts),
    st.tuples(st.just("summary"), texts),
    st.tuples(st.just("add_alias"), texts),
    st.tuples(st.just("remove_alias"), st.integers(0, 5)),
    st.tuples(st.sampled_from(["reject", "confirm", "delete_fact"]), st.integers(0, 5)),
    st.tuples(st.just("edit_fact"), st.integers(0, 5), texts),
    st.tuples(st.just("eol_comment"), st.sampled_from(TOP_SCALARS), comment_texts),
    st.tuples(st.just("line_comment"), st.sampled_from(["name", "kind", "aliases", "summary", "mentions", "facts"]),
              comment_texts),
    st.tuples(st.just("note"), texts),
)


@dataclass
class Editor:
    """Applies edits to the document and remembers what they must lead to."""

    doc: Any
    comments: dict[tuple[str, str], str] = field(default_factory=dict)  # (where, key) -> the latest comment
    fact_status: dict[str, str] = field(default_factory=dict)   # id -> rejected|confirmed|deleted
    fact_text: dict[str, str] = field(default_factory=dict)     # id -> text set by the editor

    def apply(self, edit: tuple[Any, ...]) -> None:
        doc, op = self.doc, edit[0]
        facts = doc["facts"]
        if op in ("name", "summary"):
            doc[op] = edit[1]
        elif op == "add_alias" and edit[1] not in doc["aliases"]:
            doc["aliases"].append(edit[1])
        elif op == "remove_alias" and doc["aliases"]:
            del doc["aliases"][edit[1] % len(doc["aliases"])]
        elif op in ("reject", "confirm", "delete_fact", "edit_fact") and facts:
            index = edit[1] % len(facts)
            fid = facts[index]["id"]
            if op == "delete_fact":
                del facts[index]
                self.fact_status[fid] = "deleted"
            elif op == "edit_fact":
                facts[index]["text"] = edit[2]
                self.fact_text[fid] = edit[2]
            else:
                facts[index]["status"] = self.fact_status[fid] = "rejected" if op == "reject" else "confirmed"
        elif op == "eol_comment":
            doc.yaml_add_eol_comment(f"# {edit[2]}", edit[1])
            self.comments[("eol", edit[1])] = f"# {edit[2]}"
        elif op == "line_comment" and edit[1] in doc:
            doc.yaml_set_comment_before_after_key(edit[1], before=edit[2], indent=0)
            self.comments[("before", edit[1])] = f"# {edit[2]}"
        elif op == "note":
            doc["x-note"] = edit[1]


def check_editor_work(final: dict[str, Any], text: str, base: dict[str, Any], theirs: dict[str, Any],
                      edited: dict[str, Any], editor: Editor) -> None:
    for key in ("name", "summary", "x-note"):
        if key in edited and edited[key] != base.get(key):
            assert final[key] == edited[key], key
        elif key in theirs:
            assert final[key] == theirs[key], key
    added = set(edited["aliases"]) - set(base["aliases"])
    removed = set(base["aliases"]) - set(edited["aliases"])
    assert added <= set(final["aliases"])
    assert not removed & set(final["aliases"])
    assert len(final["aliases"]) == len(set(final["aliases"]))
    facts = {f["id"]: f for f in final["facts"]}
    for fid, status in editor.fact_status.items():
        if status == "deleted":
            assert fid not in facts
        elif fid in facts or status == "confirmed":
            assert facts[fid]["status"] == status
    theirs_facts = {f["id"]: f for f in theirs["facts"]}
    base_facts = {f["id"]: f for f in base["facts"]}
    for fid, fact_ in facts.items():
        if fid in editor.fact_text and editor.fact_text[fid] != base_facts[fid]["text"]:
            assert fact_["text"] == editor.fact_text[fid]
        elif fid not in editor.fact_status and fid in theirs_facts:
            assert fact_ == theirs_facts[fid]
    for fid in theirs_facts:
        if fid not in editor.fact_status and fid not in base_facts:
            assert fid in facts  # new facts arrive
    for comment in editor.comments.values():
        assert comment in text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_editor_work_survives_re_merging(data):
    first = data.draw(generated_sheets())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        apply(root, {REL: first})
        path = root / REL
        loaded = load_sheet(path)
        assert loaded.ok, loaded.problems
        editor = Editor(loaded.data)
        for edit in data.draw(st.lists(edits, max_size=8)):
            editor.apply(edit)
        text = dump_sheet(loaded.data, "actor")
        for line, note in data.draw(st.lists(st.tuples(st.integers(1, 60), comment_texts), max_size=3)):
            lines = text.splitlines(keepends=True)  # a comment line typed anywhere (no block scalars here)
            lines.insert(min(line, len(lines)), f"# typed {note}\n")
            text = "".join(lines)
            editor.comments[("typed", note)] = f"# typed {note}"
        path.write_text(text, encoding="utf-8")
        edited = plain(load_sheet(path).data)

        second = data.draw(st.one_of(st.just(first), changed(first)))
        apply(root, {REL: second})
        after = load_sheet(path)
        assert after.ok, after.problems
        text = path.read_text(encoding="utf-8")
        check_editor_work(plain(after.data), text, first, second, edited, editor)

        report = apply(root, {REL: second})  # and again: nothing moves
        assert report.unchanged == [REL]
        assert path.read_text(encoding="utf-8") == text

        third = data.draw(changed(second))  # a later extraction still respects the same edits
        apply(root, {REL: third})
        final = load_sheet(path)
        assert final.ok, final.problems
        for comment in editor.comments.values():
            assert comment in path.read_text(encoding="utf-8")
        assert not (set(first["aliases"]) - set(edited["aliases"])) & set(plain(final.data)["aliases"])
        final_facts = {f["id"]: f for f in plain(final.data)["facts"]}
        for fid, status in editor.fact_status.items():
            assert status != "deleted" or fid not in final_facts
            assert status != "rejected" or final_facts.get(fid, {}).get("status", "rejected") == "rejected"
