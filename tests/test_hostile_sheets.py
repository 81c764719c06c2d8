"""Hostile fact sheets through `briefing check` (and `extract`, `build`): exit 1 with a message
naming the file (and the line, where there is one), quickly, and nothing in a sheet ever runs.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.sheets import MAX_SHEET_BYTES

HEADER = "# yaml-language-server: $schema=../schema/actor.schema.json\n"
VALID = HEADER + "id: {id}\nname: {name}\nkind: armed group\naliases: []\n"
LIMIT_SECONDS = 5


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """'Billion laughs': each anchor repeats the previous one `width` times (9**9 strings)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels + 1):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]")
    return HEADER + "\n".join(lines) + f"\nid: bomb\nname: Bomb\nkind: armed group\naliases: *a{levels}\n"


def marker_tag(marker: Path, tag: str = "apply") -> str:
    return f'!!python/object/{tag}:os.system ["touch {marker}"]'


# (case id, file under briefings/, text, expected line or None, phrases every message must have)
def hostile_cases(marker: Path) -> list[tuple[str, str, str | bytes, int | None, tuple[str, ...]]]:
    return [
        ("billion laughs", "actors/bomb.yaml", alias_bomb(), 2, ("anchors and aliases", "not allowed")),
        ("alias bomb in flow style", "actors/bomb.yaml",
         HEADER + "id: bomb\nname: Bomb\nkind: armed group\naliases: [&x lol, *x, *x]\n", 5, ("anchors and aliases",)),
        ("python object apply", "actors/evil.yaml",
         VALID.format(id="evil", name="Evil") + f"summary: {marker_tag(marker)}\n", 6,
         ("YAML tag '!!python/object/apply:os.system' is not allowed",)),
        ("python object new as the whole document", "actors/evil.yaml", HEADER + marker_tag(marker, "new") + "\n", 2,
         ("YAML tag '!!python/object/new:os.system' is not allowed",)),
        ("python name tag on a key", "actors/evil.yaml",
         VALID.format(id="evil", name="Evil") + "? !!python/name:os.system\n: 1\n", 6, ("!!python/name:os.system",)),
        ("local tag", "actors/evil.yaml", VALID.format(id="evil", name="Evil") + "summary: !shell rm -rf /\n", 6,
         ("YAML tag '!shell' is not allowed",)),
        ("id with ../", "actors/escape.yaml", VALID.format(id="../../etc/passwd", name="Escape"), 2,
         ("id '../../etc/passwd' is not a valid id",)),
        ("absolute path as id", "actors/escape.yaml", VALID.format(id="/etc/passwd", name="Escape"), 2,
         ("id '/etc/passwd' is not a valid id",)),
        ("windows path as id", "actors/escape.yaml", VALID.format(id="'C:\\Windows\\x'", name="Escape"), 2,
         ("is not a valid id",)),
        ("reserved id index", "actors/index.yaml", VALID.format(id="index", name="Index"), 2,
         ("id 'index' is reserved",)),
        ("reserved id search", "locations/search.yaml",
         VALID.format(id="search", name="Search").replace("actor.schema", "location.schema").replace(
             "armed group", "city"), 2, ("id 'search' is reserved",)),
        ("duplicate keys", "actors/dup.yaml", VALID.format(id="dup", name="Dup") + "name: Other\n", 6,
         ("duplicate key 'name'", "also on line 3")),
        ("wrong types", "actors/types.yaml",
         HEADER + "id: types\nname: [1, 2]\nkind: armed group\naliases: []\n", 3, ("name must be text, not a list",)),
        ("aliases not a list", "actors/types.yaml",
         HEADER + "id: types\nname: Types\nkind: armed group\naliases: Foo\n", 5,
         ("aliases must be a list, not text",)),
        ("unquoted date", "actors/dated.yaml",
         VALID.format(id="dated", name="Dated") + "facts:\n  - id: f-0000000001\n    type: event\n    text: x\n"
         "    date: 2017-06-30\n    date_precision: day\n    source: s\n    quote: q\n    claimed_by: null\n"
         "    involves: []\n    status: extracted\n", 10, ("must be text or null, not a date", "in quotes")),
        ("second document", "actors/multi.yaml", VALID.format(id="multi", name="Multi") + "---\nid: other\n", 6,
         ("one YAML document",)),
        ("deep nesting", "actors/deep.yaml", VALID.format(id="deep", name="Deep") + "summary: " + "[" * 500 + "]" * 500
         + "\n", 6, ("nesting deeper than",)),
        ("tab indentation", "actors/tab.yaml", VALID.format(id="tab", name="Tab") + "\tsummary: x\n", 6,
         ("YAML syntax error",)),
        ("not a mapping", "actors/list.yaml", HEADER + "- a\n- b\n", 1, ("must be a mapping",)),
        ("binary", "actors/png.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", None, ("cannot read file",)),
        ("not UTF-8", "actors/latin.yaml", (VALID.format(id="latin", name="Caf\xe9")).encode("latin-1"), None,
         ("save it as UTF-8",)),
        ("oversized sheet", "actors/huge.yaml",
         VALID.format(id="huge", name="Huge") + "summary: '" + "x" * MAX_SHEET_BYTES + "'\n", None,
         ("the limit is", f"{MAX_SHEET_BYTES >> 20} MB")),
    ]


CASES = hostile_cases(Path("/tmp/placeholder"))


def write(root: Path, rel: str, data: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_check_rejects_hostile_sheet(tmp_path, capsys, case):
    marker = tmp_path / "pwned"
    _, rel, data, line, phrases = next(c for c in hostile_cases(marker) if c[0] == case)
    briefings = tmp_path / "briefings"
    path = write(briefings, rel, data)
    write(briefings, "actors/fine.yaml", VALID.format(id="fine", name="Fine"))
    started = time.monotonic()
    status = main(["check", "--briefings", str(briefings)])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert status == 1, out + err
    assert elapsed < LIMIT_SECONDS, f"{case}: check took {elapsed:.1f} s"
    assert "Traceback" not in err
    messages = [m for m in err.splitlines() if m.startswith(str(path))]
    assert messages, err
    where = f"{path}:{line}:" if line is not None else f"{path}: "
    hit = [m for m in messages if m.startswith(where) and all(p in m for p in phrases)]
    assert hit, f"expected '{where} ... {phrases}' in:\n{err}"
    assert "fine.yaml" not in err                 # only the hostile sheet is blamed
    assert not marker.exists()


def test_bomb_is_refused_before_expansion(tmp_path, capsys):
    """A bomb that would expand to 9**12 strings is refused as fast as a small one."""
    write(tmp_path, "actors/bomb.yaml", alias_bomb(levels=12, width=9))
    started = time.monotonic()
    assert main(["check", "--briefings", str(tmp_path)]) == 1
    assert time.monotonic() - started < 2
    assert "anchors and aliases" in capsys.readouterr().err


def test_huge_sheet_is_not_read(tmp_path, capsys, monkeypatch):
    path = tmp_path / "actors" / "huge.yaml"
    path.parent.mkdir()
    with path.open("wb") as handle:             # sparse: NUL bytes over the limit, nothing to read
        handle.truncate(MAX_SHEET_BYTES + 1)
    opened: list[Path] = []
    original = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: opened.append(self) or original(self, *a, **k))
    started = time.monotonic()
    assert main(["check", "--briefings", str(tmp_path)]) == 1
    assert time.monotonic() - started < LIMIT_SECONDS
    assert path not in opened
    assert f"{path}: sheet is {MAX_SHEET_BYTES + 1} bytes; the limit is" in capsys.readouterr().err


def test_every_problem_of_every_sheet_at_once(tmp_path, capsys):
    marker = tmp_path / "pwned"
    paths = []
    for case_id, rel, data, _line, _phrases in hostile_cases(marker):
        if case_id in ("billion laughs", "python object apply", "id with ../", "reserved id index",
                       "duplicate keys", "wrong types", "oversized sheet"):
            paths.append(write(tmp_path, rel, data))
    assert main(["check", "--briefings", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    for path in paths:
        assert str(path) in err, path
    assert not marker.exists()


# --- the same sheets through the other commands -------------------------------------------------

ARTICLE = ("Fighters enter Tabqa\n\nBy Jane Doe\n\nJune 30, 2017\n\n"
           "The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa.\n")
UNREADABLE = ("billion laughs", "python object apply", "python object new as the whole document", "duplicate keys",
              "second document", "deep nesting", "tab indentation", "not a mapping", "binary", "not UTF-8",
              "oversized sheet")


@pytest.mark.parametrize("case", UNREADABLE)
def test_extract_leaves_hostile_sheets_alone_and_says_so(tmp_path, capsys, case):
    marker = tmp_path / "pwned"
    _, rel, data, _line, _phrases = next(c for c in hostile_cases(marker) if c[0] == case)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "tabqa.txt").write_text(ARTICLE, encoding="utf-8")
    briefings = tmp_path / "briefings"
    path = write(briefings, rel, data)
    before = path.read_bytes()
    args = ["--seeds", str(seeds), "--briefings", str(briefings)]
    started = time.monotonic()
    assert main(["extract", *args]) == 0
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"warning: {path}" in err
    assert "could not be read and were left as they are" in err
    assert path.read_bytes() == before
    assert (briefings / "sources/tabqa.yaml").is_file()        # the rest was extracted
    assert not marker.exists()
    assert main(["extract", *args]) == 0                       # nothing changed: the warning stands
    out, err = capsys.readouterr()
    assert "Nothing changed" in out and f"warning: {path}" in err
    assert main(["extract", "--check", *args]) == 1            # CI does not pass with an unreadable sheet
    assert not marker.exists()


def test_build_refuses_hostile_sheets_before_mkdocs_runs(tmp_path, capsys, monkeypatch):
    marker = tmp_path / "pwned"
    briefings = tmp_path / "briefings"
    write(briefings, "actors/evil.yaml", VALID.format(id="evil", name="Evil") + f"summary: {marker_tag(marker)}\n")
    called = []
    monkeypatch.setattr("briefing.site.build_site", lambda *a, **k: called.append(a))
    status = main(["build", "--briefings", str(briefings), "--config", str(tmp_path / "mkdocs.yml")])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{briefings / 'actors/evil.yaml'}:6:10: YAML tag" in err
    assert not called and not marker.exists()


# --- the cheap look that lets a plain sheet skip the event-by-event pass ----------------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

from briefing import sheets  # noqa: E402


def _full_scan(text: str):
    return sheets.unsafe_yaml("s.yaml", text)


_REFUSED = ("anchors and aliases", "tag", "nesting deeper", "one YAML document")
_PIECES = ["a", "b: ", "- ", "  ", "\n", "&x ", "*x", "!!python/object ", "!t ", "[", "]", "{", "}", ", ",
           "---", "...", "'q & a'", '"*"', "# c", "? ", ": ", "1", "\t"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_cheap_look_never_passes_what_the_full_scan_refuses(text):
    problem = _full_scan(text)
    if problem is not None and any(word in problem.message for word in _REFUSED):
        assert not sheets.plainly_safe(text), (text, problem.message)


@pytest.mark.parametrize("text", [
    "a: " + "[" * 70 + "]" * 70,
    "".join("  " * i + "k:\n" for i in range(70)),
    "".join("- " * 70 + "x"),
    "a: &x 1\nb: *x\n",
    "a: !!python/object:os.system x\n",
    "a: 1\n---\nb: 2\n",
])
def test_hostile_texts_are_not_plainly_safe(text):
    assert not sheets.plainly_safe(text)
    assert _full_scan(text) is not None
