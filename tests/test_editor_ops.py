"""Editor operations end to end through the CLI, as the README's "Editing a fact sheet" table says.

Each test works in a copy of the project whose sheets came from one `briefing extract` of the
seeds; the editor's change is a plain text edit of the YAML (comments and layout as an editor
leaves them), then `briefing extract` runs again and, where the change shows on the site,
`briefing build`.
"""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from briefing.cli import main

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

ARTICLE = """{title}

By Jane Doe

June 30, 2017

{body}
"""


# --- the project copy -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the seeds extracted once (shared, never modified by a test)."""
    base = tmp_path_factory.mktemp("baseline")
    for name in ("seeds", "content", "site_templates", "mkdocs.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, base / name)
    if (ROOT / "node_modules").is_dir():
        (base / "node_modules").symlink_to(ROOT / "node_modules")
    mp = pytest.MonkeyPatch()
    mp.chdir(base)
    try:
        assert main(["extract"]) == 0
    finally:
        mp.undo()
    return base


@pytest.fixture
def project(baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    root = tmp_path / "project"
    shutil.copytree(baseline, root, symlinks=True)
    monkeypatch.chdir(root)
    capsys.readouterr()
    return root


def extract(*extra: str) -> int:
    return main(["extract", *extra])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def sheet(project: Path, rel: str) -> dict:
    return yaml.safe_load((project / "briefings" / rel).read_text(encoding="utf-8"))


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = project / "briefings" / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def set_fact_status(project: Path, rel: str, fact_id: str, status: str) -> None:
    """Change `status:` of one fact, by text, leaving every other byte alone."""
    path = project / "briefings" / rel
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"(?ms)^  - id: {fact_id}\n.*?(?=^  - id: |\Z)", text)
    assert block, fact_id
    part = block.group(0)
    assert "    status: extracted\n" in part
    part = part.replace("    status: extracted\n", f"    status: {status}\n")
    text = text[:block.start()] + part + text[block.end():]
    path.write_text(text, encoding="utf-8")


def add_article(project: Path, name: str, title: str, body: str) -> str:
    (project / "seeds" / name).write_text(ARTICLE.format(title=title, body=body), encoding="utf-8")
    return Path(name).stem.replace("_", "-")


def entity_sheets(project: Path) -> dict[str, dict]:
    out = {}
    for folder in ("actors", "locations", "operations"):
        for path in sorted((project / "briefings" / folder).glob("*.yaml")):
            out[f"{folder}/{path.stem}"] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


def sheets_naming(project: Path, name: str) -> list[str]:
    """Sheets whose name or aliases include `name` (case-insensitive)."""
    want = name.casefold()
    return [rel for rel, data in entity_sheets(project).items()
            if want in {str(n).casefold() for n in [data.get("name"), *(data.get("aliases") or [])]}]


def mention_sources(data: dict) -> dict[str, int]:
    return {m["source"]: m["count"] for m in data.get("mentions") or []}


def build(project: Path) -> Path:
    assert main(["build", "--site", "site"]) == 0
    return project / "site"


def site_text(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".csv", ".geojson")}


# --- fix a name -------------------------------------------------------------------------------

def test_rename_keeps_id_file_and_the_old_name_as_alias(project: Path):
    before = sheet(project, "locations/raqqa.yaml")
    edit(project, "locations/raqqa.yaml", "name: Raqqa\n", "name: Ar-Raqqah City\n")
    edit(project, "locations/raqqa.yaml", "aliases:\n", "aliases:\n  - Raqqa   # what readers search for\n")
    assert extract() == 0
    after = sheet(project, "locations/raqqa.yaml")
    assert after["name"] == "Ar-Raqqah City"
    assert after["id"] == "raqqa"
    assert "Raqqa" in after["aliases"]
    assert "# what readers search for" in (project / "briefings/locations/raqqa.yaml").read_text(encoding="utf-8")
    # same file, no second sheet for the old or the new name, mentions still counted
    assert sheets_naming(project, "Raqqa") == ["locations/raqqa"]
    assert sheets_naming(project, "Ar-Raqqah City") == ["locations/raqqa"]
    assert not (project / "briefings/locations/ar-raqqah-city.yaml").exists()
    assert mention_sources(after) == mention_sources(before)
    assert extract("--check") == 0


def test_rename_without_keeping_the_old_name(project: Path):
    edit(project, "actors/free-syrian-army.yaml", "name: Free Syrian Army\n", "name: Syrian National Army (FSA)\n")
    assert extract() == 0
    after = sheet(project, "actors/free-syrian-army.yaml")
    assert after["name"] == "Syrian National Army (FSA)" and after["id"] == "free-syrian-army"
    assert not (project / "briefings/actors/syrian-national-army-fsa.yaml").exists()


# --- add an alias -----------------------------------------------------------------------------

VOLCANO_BODY = ("The Volcano Brigade said on Friday that its fighters had entered Tabqa alongside the "
                "Syrian Democratic Forces. Volcano Brigade commanders said the town was calm.")


def test_added_alias_resolves_to_the_sheet(project: Path, tmp_path: Path):
    # control: without the alias, the name makes a sheet of its own
    control = tmp_path / "control"
    shutil.copytree(project, control, symlinks=True)
    add_article(control, "900_volcano.txt", "Volcano Brigade fighters enter Tabqa", VOLCANO_BODY)
    assert main(["extract", "--seeds", str(control / "seeds"), "--briefings", str(control / "briefings")]) == 0
    assert (control / "briefings/actors/volcano-brigade.yaml").exists()

    source = add_article(project, "900_volcano.txt", "Volcano Brigade fighters enter Tabqa", VOLCANO_BODY)
    edit(project, "actors/euphrates-volcano.yaml", "aliases:\n", "aliases:\n  - Volcano Brigade\n")
    assert extract() == 0
    volcano = sheet(project, "actors/euphrates-volcano.yaml")
    assert mention_sources(volcano).get(source, 0) >= 2
    assert not (project / "briefings/actors/volcano-brigade.yaml").exists()
    assert sheets_naming(project, "Volcano Brigade") == ["actors/euphrates-volcano"]


def test_added_alias_takes_mentions_from_text_already_there(project: Path):
    """'Raqqa City' as an alias of the city: the seeds' "Raqqa city" mentions now count for it."""
    edit(project, "locations/raqqa.yaml", "aliases:\n", "aliases:\n  - Raqqa City\n")
    assert extract() == 0
    assert sheets_naming(project, "Raqqa City") == ["locations/raqqa"]
    assert "Raqqa City" in sheet(project, "locations/raqqa.yaml")["aliases"]
    assert not (project / "briefings/locations/raqqa-city.yaml").exists()


# --- merge two sheets -------------------------------------------------------------------------

def test_merge_moves_aliases_and_mentions_and_redirects_the_page(project: Path):
    fsa_before = mention_sources(sheet(project, "actors/free-syrian-army.yaml"))
    loser_before = mention_sources(sheet(project, "actors/euphrates-volcano.yaml"))
    edit(project, "actors/euphrates-volcano.yaml", "summary: ''\n", "summary: ''\nmerged_into: free-syrian-army\n")
    loser_bytes = (project / "briefings/actors/euphrates-volcano.yaml").read_bytes()
    source = add_article(project, "900_burkan.txt", "Burkan al-Firat fighters enter Tabqa",
                         "Burkan al-Firat said on Friday that its fighters had entered Tabqa.")
    assert extract() == 0
    fsa = mention_sources(sheet(project, "actors/free-syrian-army.yaml"))
    # the loser's names ("Euphrates Volcano", "Burkan al-Firat") now count for the winner
    for src, count in loser_before.items():
        assert fsa.get(src, 0) >= fsa_before.get(src, 0) + count
    assert fsa.get(source, 0) >= 1
    assert (project / "briefings/actors/euphrates-volcano.yaml").read_bytes() == loser_bytes
    assert not any(p.name.startswith("euphrates-volcano-") or p.name.startswith("burkan")
                   for p in (project / "briefings/actors").iterdir())
    assert main(["check"]) == 0
    site = build(project)
    page = (site / "actors/euphrates-volcano/index.html").read_text(encoding="utf-8")
    assert re.search(r'http-equiv="refresh" content="0; url=[^"]*free-syrian-army', page)
    assert "merged into" in page


def test_merge_moves_facts_to_the_winner(project: Path):
    loser_quotes = {f["quote"] for f in sheet(project, "actors/raqqah-revolutionaries-brigade.yaml")["facts"]
                    if f["type"] == "relation"}
    assert loser_quotes
    edit(project, "actors/raqqah-revolutionaries-brigade.yaml", "summary: ''\n",
         "summary: ''\nmerged_into: syrian-democratic-forces\n")
    assert extract() == 0
    winner = sheet(project, "actors/syrian-democratic-forces.yaml")
    assert loser_quotes <= {f["quote"] for f in winner["facts"]}
    assert all("raqqah-revolutionaries-brigade" not in f["involves"] for f in winner["facts"])
    assert not sheets_naming(project, "RRB") == []  # still on the loser, which keeps redirecting
    assert main(["check"]) == 0


def test_split_a_wrong_merge_gives_the_loser_its_mentions_back(project: Path):
    before = mention_sources(sheet(project, "actors/euphrates-volcano.yaml"))
    fsa_before = mention_sources(sheet(project, "actors/free-syrian-army.yaml"))
    edit(project, "actors/euphrates-volcano.yaml", "summary: ''\n", "summary: ''\nmerged_into: free-syrian-army\n")
    assert extract() == 0
    assert mention_sources(sheet(project, "actors/free-syrian-army.yaml")) != fsa_before
    # the editor undoes the merge: the line goes, and the next run splits them again
    edit(project, "actors/euphrates-volcano.yaml", "merged_into: free-syrian-army\n", "")
    assert extract() == 0
    assert mention_sources(sheet(project, "actors/euphrates-volcano.yaml")) == before
    assert mention_sources(sheet(project, "actors/free-syrian-army.yaml")) == fsa_before
    assert main(["check"]) == 0


def test_merge_resolves_editor_aliases_of_the_loser_to_the_winner(project: Path):
    edit(project, "actors/euphrates-volcano.yaml", "aliases:\n", "aliases:\n  - Volcano Brigade\n")
    edit(project, "actors/euphrates-volcano.yaml", "summary: ''\n", "summary: ''\nmerged_into: free-syrian-army\n")
    source = add_article(project, "900_volcano.txt", "Volcano Brigade fighters enter Tabqa", VOLCANO_BODY)
    assert extract() == 0
    assert not (project / "briefings/actors/volcano-brigade.yaml").exists()
    assert mention_sources(sheet(project, "actors/free-syrian-army.yaml")).get(source, 0) >= 2


# --- reject and confirm facts -----------------------------------------------------------------

def _distinct_facts(project: Path, rel: str, count: int) -> list[dict]:
    """Facts of `rel` whose quote no other fact in the briefing cites, so a quote on a page is theirs."""
    quotes: dict[str, int] = {}
    for data in entity_sheets(project).values():
        for fact in data.get("facts") or []:
            quotes[fact["quote"]] = quotes.get(fact["quote"], 0) + 1
    chosen = [f for f in sheet(project, rel)["facts"] if f["status"] == "extracted" and quotes[f["quote"]] == 1]
    assert len(chosen) >= count, f"{rel}: not enough facts with a quote of their own to test with"
    return chosen[:count]


def cited_quotes(page: str) -> list[str]:
    """The quotes of the facts listed on a page, as a reader sees them."""
    spans = re.findall(r'<span class="quote">(.*?)</span>\s*<span class="cite">', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", s)).strip().strip("“”\"") for s in spans]


def _status(project: Path, rel: str, fact_id: str) -> str:
    return next(f["status"] for f in sheet(project, rel)["facts"] if f["id"] == fact_id)


def test_rejected_fact_stays_rejected_and_is_never_shown(project: Path):
    rel = "locations/raqqa.yaml"
    rejected, kept = _distinct_facts(project, rel, 2)
    set_fact_status(project, rel, rejected["id"], "rejected")
    assert extract() == 0
    assert extract() == 0
    assert _status(project, rel, rejected["id"]) == "rejected"
    # not re-added anywhere else either
    ids = [f["id"] for data in entity_sheets(project).values() for f in data.get("facts") or []]
    assert ids.count(rejected["id"]) == 1
    state = json.loads((project / "briefings/.briefing-state.jsonl").read_text(encoding="utf-8").split("\n", 1)[0])
    assert rejected["id"] in state["rejected_facts"]
    site = build(project)
    pages = site_text(site)
    assert kept["quote"] in cited_quotes(pages["locations/raqqa/index.html"])   # the check can see facts
    assert kept["id"] in pages["data/briefing.json"]
    for name, content in pages.items():
        if name.endswith(".html"):
            assert rejected["quote"] not in cited_quotes(content), name
        assert rejected["id"] not in content, name


def test_confirmed_fact_stays_confirmed_and_is_shown(project: Path):
    rel = "locations/raqqa.yaml"
    (fact,) = _distinct_facts(project, rel, 1)
    set_fact_status(project, rel, fact["id"], "confirmed")
    assert extract() == 0
    assert _status(project, rel, fact["id"]) == "confirmed"
    assert extract("--check") == 0
    site = build(project)
    assert fact["quote"] in cited_quotes((site / "locations/raqqa/index.html").read_text(encoding="utf-8"))


# --- delete and add sheets --------------------------------------------------------------------

def test_deleted_sheet_is_not_recreated(project: Path):
    path = project / "briefings/actors/facebook.yaml"
    path.unlink()
    assert extract() == 0
    assert not path.exists()
    assert extract() == 0
    assert not path.exists()
    assert not sheets_naming(project, "Facebook")
    state = json.loads((project / "briefings/.briefing-state.jsonl").read_text(encoding="utf-8").split("\n", 1)[0])
    assert "actors/facebook.yaml" in state["tombstones"]
    assert extract("--check") == 0


def test_sheet_added_by_hand_gets_mentions_and_a_page(project: Path):
    (project / "briefings/actors/zarqan-lions.yaml").write_text(
        "# added by hand after reading the Tabqa report\n"
        "id: zarqan-lions\nname: Zarqan Lions\nkind: armed group\naliases: [Lions of Zarqan]\n",
        encoding="utf-8")
    source = add_article(project, "900_lions.txt", "Zarqan Lions reach Tabqa",
                         "The Zarqan Lions said on Friday that they had reached Tabqa. A commander of the "
                         "Lions of Zarqan said the road was open.")
    assert extract() == 0
    lions = sheet(project, "actors/zarqan-lions.yaml")
    assert lions["name"] == "Zarqan Lions" and lions["kind"] == "armed group"
    assert mention_sources(lions).get(source) == 3          # the headline and both spellings in the body
    assert sheets_naming(project, "Zarqan Lions") == ["actors/zarqan-lions"]
    text = (project / "briefings/actors/zarqan-lions.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/actor.schema.json\n")
    assert "# added by hand after reading the Tabqa report\nid: zarqan-lions\n" in text
    assert "aliases: [Lions of Zarqan]\n" in text                  # the editor's flow style is kept
    site = build(project)
    assert "Zarqan Lions" in (site / "actors/zarqan-lions/index.html").read_text(encoding="utf-8")
    source_page = (site / f"sources/{source}/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*actors/zarqan-lions/[^"]*"', source_page)


# --- lock, comments ---------------------------------------------------------------------------

def test_locked_sheet_is_byte_identical_after_extract(project: Path):
    path = project / "briefings/actors/syrian-democratic-forces.yaml"
    text = path.read_text(encoding="utf-8")
    # the editor locks it and trims it; extraction would add the mentions and facts back
    text = text.replace("summary: ''\n", "summary: ''\nstatus: locked\n")
    text = re.sub(r"(?ms)^mentions:\n.*", "mentions: []\nfacts: []  # checked by hand\n", text)
    path.write_text(text, encoding="utf-8")
    locked = path.read_bytes()
    add_article(project, "900_sdf.txt", "SDF fighters enter Tabqa",
                "The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa.")
    assert extract() == 0
    assert path.read_bytes() == locked
    assert extract() == 0
    assert path.read_bytes() == locked


def test_editor_comments_survive_extract(project: Path):
    rel = "locations/raqqa.yaml"
    edit(project, rel, "kind: city\n", "kind: city  # not the province\n")
    edit(project, rel, "facts:\n", "# editor: figures below checked against Airwars, 2017-10\nfacts:\n")
    fact_id = sheet(project, rel)["facts"][1]["id"]
    edit(project, rel, f"  - id: {fact_id}\n", f"  # second source wanted for this one\n  - id: {fact_id}\n")
    add_article(project, "900_raqqa.txt", "Raqqa fighting ends",
                "The Syrian Democratic Forces said on Friday that fighting in Raqqa had ended.")
    assert extract() == 0
    text = (project / "briefings" / rel).read_text(encoding="utf-8")
    assert "kind: city  # not the province\n" in text
    assert "# editor: figures below checked against Airwars, 2017-10\nfacts:\n" in text
    assert f"  # second source wanted for this one\n  - id: {fact_id}\n" in text
    assert yaml.safe_load(text)["id"] == "raqqa"


# --- extract --check and --dry-run ------------------------------------------------------------

def test_extract_check_detects_new_articles(project: Path, capsys):
    assert extract("--check") == 0
    add_article(project, "900_new.txt", "SDF fighters enter Tabqa",
                "The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa.")
    before = snapshot(project / "briefings")
    assert extract("--check") == 1
    assert "out of date" in capsys.readouterr().err
    assert snapshot(project / "briefings") == before      # --check writes nothing
    assert extract() == 0
    assert extract("--check") == 0


def test_extract_check_detects_a_changed_article(project: Path):
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nThe Zarqan Lions reached Tabqa on Friday.\n",
                    encoding="utf-8")
    assert extract("--check") == 1
    assert extract() == 0
    assert extract("--check") == 0


def test_dry_run_prints_a_diff_and_writes_nothing(project: Path, capsys):
    source = add_article(project, "900_new.txt", "SDF fighters enter Tabqa",
                         "The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa.")
    edit(project, "locations/raqqa.yaml", "aliases:\n", "aliases:\n  - Raqqa City\n")
    before = snapshot(project)
    capsys.readouterr()
    assert extract("--dry-run") == 0
    out = capsys.readouterr().out
    assert f"+++ b/sources/{source}.yaml" in out
    assert "--- /dev/null" in out
    assert re.search(r"^\+\s+- source: " + re.escape(source), out, re.M)
    assert snapshot(project) == before
    assert extract("--check") == 1          # the dry run really wrote nothing
