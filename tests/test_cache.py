"""The per-article cache and the nothing-changed fast path never hide a change."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from briefing import cache as cache_module
from briefing.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _project(tmp_path: Path) -> tuple[Path, Path]:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "tests" / "fixtures" / "heldout", seeds, ignore=shutil.ignore_patterns("gold"))
    return seeds, tmp_path / "briefings"


def _settled(tmp_path: Path) -> tuple[Path, Path]:
    """A project extracted twice: the second run matches the names of the first run's sheets ("west Mosul"
    is then one name, where the first run found "Mosul" and a side of it); only from then on is every
    article's cache entry settled."""
    seeds, briefings = _project(tmp_path)
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    next(briefings.glob("actors/*.yaml")).touch()
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    return seeds, briefings


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and cache_module.CACHE_DIR not in p.parts}


def test_nothing_changed_does_no_work(tmp_path, capsys):
    seeds, briefings = _project(tmp_path)
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    capsys.readouterr()
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert "Nothing changed" in capsys.readouterr().out


def test_an_edit_or_a_new_article_is_never_hidden_by_the_cache(tmp_path, capsys):
    seeds, briefings = _project(tmp_path)
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    sheet = next((briefings / "locations").glob("*.yaml"))
    sheet.write_text(sheet.read_text(encoding="utf-8") + "# checked by the desk\n", encoding="utf-8")
    (seeds / "zz_new.txt").write_text("Clashes near the border town\n\nMarch 3, 2017\n\n"
                                      "Fighters of the Qarabel Liberation Front (QLF) entered the town of "
                                      "Umm Tallah on Sunday, residents said.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert "Nothing changed" not in capsys.readouterr().out
    assert "# checked by the desk" in sheet.read_text(encoding="utf-8")
    assert (briefings / "locations" / "umm-tallah.yaml").is_file()


def test_cached_and_uncached_runs_write_the_same_bytes(tmp_path):
    seeds, briefings = _project(tmp_path)
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    other = tmp_path / "other"
    shutil.copytree(briefings, other)
    for folder in (briefings, other):   # an edit, so that both runs really extract
        sheet = folder / "actors" / "syrian-democratic-forces.yaml"
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("summary: ''", "summary: Edited."), encoding="utf-8")
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    main(["extract", "--seeds", str(seeds), "--briefings", str(other), "--no-cache"])
    assert _files(briefings) == _files(other)


def test_rules_fingerprint_covers_code_and_data(tmp_path):
    package = tmp_path / "briefing"
    shutil.copytree(Path(cache_module.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_module.fingerprint_of(package)
    facts = package / "facts.py"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# a rule changed\n", encoding="utf-8")
    after_code = cache_module.fingerprint_of(package)
    lexicon = package / "data" / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# a name added\n", encoding="utf-8")
    assert len({before, after_code, cache_module.fingerprint_of(package)}) == 3


def test_facts_are_found_again_where_what_a_sentence_matches_has_changed(tmp_path):
    """The facts of an article come from the cache only while each sentence matches the same sheets,
    with the same names and kinds: after editors rename sheets and change kinds, a cached run writes
    what an uncached run writes."""
    seeds, briefings = _project(tmp_path)
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    other = tmp_path / "other"
    shutil.copytree(briefings, other)
    for folder in (briefings, other):
        actors = sorted((folder / "actors").glob("*.yaml"))
        related = [a for a in actors if "type: relation" in a.read_text(encoding="utf-8")][:1]
        for sheet in sorted(set(actors[::3] + related)):
            text = sheet.read_text(encoding="utf-8")
            # the old name stays an alias: the same words match the same sheet, under a new name
            name = re.search(r"^name: (.+)$", text, re.M).group(1)
            text = text.replace(f"name: {name}\n", f"name: {name} Renamed\n", 1)
            text = re.sub(r"^aliases: \[\]$|^aliases:$", f"aliases:\n  - {name}", text, count=1, flags=re.M)
            text = re.sub(r"^kind: (armed group|state)$", "kind: militia", text, count=1, flags=re.M)
            sheet.write_text(text, encoding="utf-8")
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(other), "--no-cache"]) == 0
    assert not list(briefings.glob("actors/*-2.yaml"))   # the edits are well-formed: no sheet was set aside
    renamed = _files(briefings)
    assert renamed == _files(other)
    assert any(b" Renamed " in text and b"type: relation" in text for text in renamed.values())


def test_a_new_article_writes_one_cache_entry_and_a_removed_one_loses_its_own(tmp_path):
    seeds, briefings = _settled(tmp_path)
    entries = briefings / cache_module.CACHE_DIR / "articles"
    before = {p.name: p.stat().st_mtime_ns for p in entries.glob("*.json")}
    assert len(before) == len(list(seeds.glob("*.*")))
    (seeds / "zz_new.txt").write_text("Clashes near the border town\n\nMarch 3, 2017\n\n"
                                      "Fighters of the Qarabel Liberation Front entered Umm Tallah.\n", encoding="utf-8")
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    after = {p.name: p.stat().st_mtime_ns for p in entries.glob("*.json")}
    assert len(set(after) - set(before)) == 1
    assert {name: after[name] for name in before} == before   # the others are neither rewritten nor lost
    (seeds / "zz_new.txt").unlink()
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    assert {p.name for p in entries.glob("*.json")} == set(before)


def test_a_cache_from_other_rules_is_not_used(tmp_path, monkeypatch):
    seeds, briefings = _project(tmp_path)
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    path = sorted(seeds.glob("*.*"))[0]
    assert cache_module.ArticleCache(briefings).lookup(path, Path.cwd()) is not None   # control: these rules
    monkeypatch.setattr(cache_module, "rules_fingerprint", lambda: "other-rules")
    cache = cache_module.ArticleCache(briefings)
    assert cache_module.ArticleCache(briefings, enabled=True).valid is False
    assert cache.lookup(path, Path.cwd()) is None and cache.misses == 1


def test_an_added_article_matches_again_only_the_articles_that_could_hold_its_names(tmp_path, monkeypatch):
    from briefing import pipeline
    seeds, briefings = _settled(tmp_path)
    matched: list[str] = []
    real = pipeline._match_article
    monkeypatch.setattr(pipeline, "_match_article", lambda matcher, text: matched.append(text.article.file) or
                        real(matcher, text))
    (seeds / "zz_new.txt").write_text("Clashes near the border town\n\nMarch 3, 2017\n\nFighters of the Qarabel "
                                      "Liberation Front entered Manbij.\n", encoding="utf-8")
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    # the new article, twice (its names, then the names of operations); no other article holds a
    # word of "Qarabel Liberation Front"
    assert matched and {Path(f).name for f in matched} == {"zz_new.txt"}
    other = tmp_path / "other"
    shutil.copytree(briefings, other)
    shutil.rmtree(other / cache_module.CACHE_DIR)
    next(other.glob("actors/*.yaml")).touch()
    next(briefings.glob("actors/*.yaml")).touch()
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(other), "--no-cache"]) == 0
    assert _files(briefings) == _files(other)


def test_the_articles_work_is_kept_before_the_merge_runs(tmp_path, monkeypatch):
    """The per-article entries are written, and let go of, before the merge, which needs the memory."""
    from briefing import merge
    from briefing.errors import ValidationError
    seeds, briefings = _project(tmp_path)

    def broken(*args, **kwargs):
        raise ValidationError("state file damaged", [])
    monkeypatch.setattr(merge, "apply", broken)
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) != 0
    entries = list((briefings / cache_module.CACHE_DIR / "articles").glob("*.json"))
    assert len(entries) == len(list(seeds.glob("*.*")))


def test_an_added_article_looks_up_only_its_new_places(tmp_path, monkeypatch):
    """Coordinates are kept in the cache: a run that adds an article looks up only places it brings
    (the gazetteers' indexes take seconds to build), and writes what an uncached run writes."""
    from briefing import assemble
    seeds, briefings = _settled(tmp_path)
    looked_up: list[str] = []
    real = assemble.coordinates_for
    monkeypatch.setattr(assemble, "coordinates_for", lambda entity: looked_up.append(entity.name) or real(entity))
    (seeds / "zz_new.txt").write_text("Clashes near the border town\n\nMarch 3, 2017\n\nFighters of the Qarabel "
                                      "Liberation Front entered the town of Umm Tallah and Manbij.\n", encoding="utf-8")
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    assert looked_up == ["Umm Tallah"]
    manbij = (briefings / "locations" / "manbij.yaml").read_text(encoding="utf-8")
    assert manbij.count("basis: data") == 1
    cold = tmp_path / "cold"   # the sheet the new article rewrote is what a first run writes, key order included
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(cold), "--no-cache"]) == 0
    assert (cold / "locations" / "manbij.yaml").read_text(encoding="utf-8") == manbij
    other = tmp_path / "other"
    shutil.copytree(briefings, other)
    shutil.rmtree(other / cache_module.CACHE_DIR)
    for folder in (briefings, other):   # an edit, so that both runs really extract
        next(folder.glob("actors/*.yaml")).touch()
    monkeypatch.setattr(assemble, "coordinates_for", real)
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(other), "--no-cache"]) == 0
    assert _files(briefings) == _files(other)


def test_the_state_pass_is_redone_only_where_what_it_reads_has_changed(tmp_path, monkeypatch):
    """Which countries act is kept per article: a run that adds an article looks only at that article's
    sentences, and a country an editor retypes is looked at again (as an uncached run would)."""
    from briefing.states import States
    seeds, briefings = _settled(tmp_path)
    looked_at: list[str] = []
    real = States.moves
    monkeypatch.setattr(States, "moves", lambda self, text, matches: looked_at.append(text) or real(self, text, matches))
    (seeds / "zz_new.txt").write_text("Clashes near the border town\n\nMarch 3, 2017\n\nTurkey launched air strikes "
                                      "on Manbij on Sunday, residents said.\n", encoding="utf-8")
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    assert looked_at == ["Turkey launched air strikes on Manbij on Sunday, residents said."]
    assert "source: zz-new" in (briefings / "actors" / "turkey-state.yaml").read_text(encoding="utf-8")
    other = tmp_path / "other"
    shutil.copytree(briefings, other)
    shutil.rmtree(other / cache_module.CACHE_DIR)
    for folder in (briefings, other):   # no longer a country: Turkey is a place in every sentence
        sheet = folder / "locations" / "turkey.yaml"
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("kind: country", "kind: region"), encoding="utf-8")
    looked_at.clear()
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(other), "--no-cache"]) == 0
    assert len(set(looked_at)) > 1
    assert "source: zz-new" in (briefings / "locations" / "turkey.yaml").read_text(encoding="utf-8")
    assert _files(briefings) == _files(other)
