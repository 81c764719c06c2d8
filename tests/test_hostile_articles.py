"""Hostile article files through `briefing extract`: a clear message naming the file, or graceful
handling, and never a traceback; injected markup in article text never reaches the built site as
markup, and sheets stay valid YAML that loads back to the same strings.
"""
from __future__ import annotations

import os

import codecs
import contextlib
import html
import io
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefing import read
from briefing.cli import main
from briefing.site import build_site

ROOT = Path(__file__).resolve().parents[1]

GOOD = ("Fighters enter Tabqa\n\nBy Jane Doe\n\nJune 30, 2017\n\n"
        "The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa.\n")


# --- helpers ----------------------------------------------------------------------------------

def run_extract(tmp_path: Path, files: dict[str, bytes | str], capsys) -> tuple[int, str, str]:
    """Write `files` into a fresh seeds folder, run `briefing extract`, return (status, out, err)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, data in files.items():
        target = seeds / name
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8", newline="")
        else:
            target.write_bytes(data)
    capsys.readouterr()
    status = main(["extract", "--seeds", str(seeds), "--briefings", str(tmp_path / "briefings")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def source_sheet(tmp_path: Path, stem: str) -> dict:
    return yaml.safe_load((tmp_path / "briefings" / "sources" / f"{stem}.yaml").read_text(encoding="utf-8"))


def all_sheets(briefings: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(briefings.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        out[f"{path.parent.name}/{path.name}"] = data
    return out


def assert_fails_naming(status: int, err: str, path: Path, *phrases: str) -> str:
    assert status == 1, err
    line = next((line for line in err.splitlines() if line.startswith(str(path))), None)
    assert line is not None, f"no message names {path}:\n{err}"
    for phrase in phrases:
        assert phrase in line, line
    return line


# --- empty, binary, huge ----------------------------------------------------------------------

def test_empty_file(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"empty.txt": b""}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/empty.txt", "the file is empty")


def test_whitespace_only_file(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"blank.txt": b"  \n\t\r\n   \n"}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/blank.txt", "only whitespace")


def test_unicode_whitespace_only_file(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"blank.txt": "\u00a0\u2003\n\u200b\u200f\n".encode()}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/blank.txt", "only whitespace")


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.mark.parametrize("name", ["photo.txt", "photo.md", "photo.html"])
def test_binary_file(tmp_path, capsys, name):
    status, _, err = run_extract(tmp_path, {name: PNG}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds" / name, "binary")


def test_binary_without_nul_bytes(tmp_path, capsys):
    noise = bytes(b for b in range(1, 32) if b not in b"\n\r\t\f") * 40
    status, _, err = run_extract(tmp_path, {"noise.txt": noise}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/noise.txt", "not text")


def test_20_mb_file_is_rejected_quickly_without_reading_it(tmp_path, capsys, monkeypatch):
    big = tmp_path / "seeds" / "dump.txt"
    big.parent.mkdir()
    with big.open("wb") as handle:           # sparse: 20 MB on paper, nothing to read
        handle.truncate(20 * 1024 * 1024)
    reads: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or original(self))
    started = time.monotonic()
    status, _, err = run_extract(tmp_path, {"ok.txt": GOOD}, capsys)
    assert time.monotonic() - started < 10
    line = assert_fails_naming(status, err, big, "larger than 5 MB", "20 MB")
    assert big not in reads, line
    assert "1 article file(s) could not be read" in err


def test_every_bad_file_is_reported_at_once(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"a.txt": b"", "b.txt": PNG, "c.txt": GOOD}, capsys)
    assert status == 1
    assert str(tmp_path / "seeds/a.txt") in err and str(tmp_path / "seeds/b.txt") in err
    assert "2 article file(s) could not be read" in err
    assert not (tmp_path / "briefings" / "sources").exists()   # nothing half-written


# --- encodings and line ends ------------------------------------------------------------------

def test_utf8_with_bom(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"bom.txt": codecs.BOM_UTF8 + GOOD.encode()}, capsys)
    assert status == 0, err
    sheet = source_sheet(tmp_path, "bom")
    assert sheet["title"] == "Fighters enter Tabqa"
    assert sheet["published"] == "2017-06-30"


def test_utf16_with_bom(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"wide.txt": GOOD.encode("utf-16")}, capsys)
    assert status == 0, err
    assert source_sheet(tmp_path, "wide")["title"] == "Fighters enter Tabqa"


ARABIC_TITLE = "قوات سوريا الديمقراطية تدخل الطبقة"
ARABIC_BODY = ("قالت قوات سوريا الديمقراطية يوم الجمعة إن مقاتليها دخلوا مدينة الطبقة "
               "بعد معارك عنيفة مع تنظيم الدولة الإسلامية.")


def test_windows_1256_arabic(tmp_path, capsys):
    raw = f"{ARABIC_TITLE}\n\n{ARABIC_BODY}\n".encode("cp1256")
    status, _, err = run_extract(tmp_path, {"arabic.txt": raw}, capsys)
    assert status == 0, err
    sheet = source_sheet(tmp_path, "arabic")
    assert sheet["title"] == ARABIC_TITLE
    assert sheet["body"] == [ARABIC_BODY]


LATIN = {
    "french": ("Les combattants entrent à Tabqa",
               "Les Forces démocratiques syriennes ont déclaré vendredi que leurs combattants étaient "
               "entrés à Tabqa après des combats près du barrage, à l'été 2017."),
    "german": ("Kämpfer rücken in Tabqa ein",
               "Die Straße nach Tabqa ist gesperrt, sagte ein Sprecher der Demokratischen Kräfte Syriens über Öl."),
    "spanish": ("Los combatientes entran en Tabqa",
                "Los combatientes entraron en Tabqa el viernes, según un portavoz. El año señalado, dijo el niño."),
}


@pytest.mark.parametrize("language", sorted(LATIN))
def test_latin_1(tmp_path, capsys, language):
    title, body = LATIN[language]
    status, _, err = run_extract(tmp_path, {f"{language}.txt": f"{title}\n\n{body}\n".encode("latin-1")}, capsys)
    assert status == 0, err
    sheet = source_sheet(tmp_path, language)
    assert sheet["title"] == title
    assert sheet["body"] == [body]


@pytest.mark.parametrize("encoding, title, body", [
    ("cp1254", "Savaşçılar Tabka'ya girdi", "Savaşçılar Cuma günü Tabka'ya girdi, dedi sözcü."),
    ("cp1256", "الرقة", "قالت قوات سوريا الديمقراطية إن مقاتليها دخلوا الطبقة."),
    ("cp1251", "Бойцы вошли в Табку", "Бойцы Сирийских демократических сил вошли в Табку в пятницу."),
])
def test_other_legacy_code_pages(tmp_path, capsys, encoding, title, body):
    status, _, err = run_extract(tmp_path, {"legacy.txt": f"{title}\n\n{body}\n".encode(encoding)}, capsys)
    assert status == 0, err
    sheet = source_sheet(tmp_path, "legacy")
    assert (sheet["title"], sheet["body"]) == (title, [body])


def test_windows_1252_punctuation(tmp_path, capsys):
    text = ("Fighters “liberate” Tabqa — again\n\n"
            "The SDF said its fighters had “liberated” Tabqa – a town on the Euphrates – on Friday…\n")
    status, _, err = run_extract(tmp_path, {"quotes.txt": text.encode("cp1252")}, capsys)
    assert status == 0, err
    assert source_sheet(tmp_path, "quotes")["title"] == "Fighters “liberate” Tabqa — again"


def test_crlf_and_old_mac_line_ends(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"crlf.txt": GOOD.replace("\n", "\r\n"),
                                            "cr.txt": GOOD.replace("\n", "\r")}, capsys)
    assert status == 0, err
    for stem in ("crlf", "cr"):
        sheet = source_sheet(tmp_path, stem)
        assert sheet["title"] == "Fighters enter Tabqa"
        assert sheet["author"] == "Jane Doe"
        assert sheet["published"] == "2017-06-30"
        assert not any("\r" in p for p in sheet["body"])
    text = (tmp_path / "briefings/sources/crlf.yaml").read_bytes()
    assert b"\r" not in text


def test_arabic_script_names(tmp_path, capsys):
    article = ("Abu Muhammad al-Adnani killed near al-Bab\n\nBy Jane Doe\n\nAugust 30, 2016\n\n"
               "Islamic State spokesman Abu Muhammad al-Adnani (أبو محمد العدناني) was killed near al-Bāb, "
               "the group said. The Syrian Democratic Forces said that Abū Bakr al-Baghdādī was not in "
               "Raqqa (الرقة).\n")
    status, _, err = run_extract(tmp_path, {"names.txt": article}, capsys)
    assert status == 0, err
    sheets = all_sheets(tmp_path / "briefings")
    body = sheets["sources/names.yaml"]["body"][0]
    assert "أبو محمد العدناني" in body and "al-Bāb" in body and "(الرقة)" in body
    baghdadi = sheets["actors/abu-bakr-al-baghdadi.yaml"]
    assert "Abū Bakr al-Baghdādī" in baghdadi["aliases"]           # the accented spelling joins the entity
    assert "names" in {m["source"] for m in baghdadi["mentions"]}
    for rel, data in sheets.items():
        assert re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", data["id"]), rel  # ids stay ASCII slugs
    assert main(["check", "--briefings", str(tmp_path / "briefings")]) == 0


def test_right_to_left_and_invisible_marks_do_not_split_names(tmp_path, capsys):
    article = ("Fighters enter Tab\u200fqa\n\nBy Jane Doe\n\nJune 30, 2017\n\n"
               "The \u202bSyrian Democratic Forces\u202c said on Friday that its fighters had captured "
               "\u200eTabqa\u200f and Raq\u200bqa. \u2067الرقة\u2069 was calm. \u202eevil\u202c\n")
    status, _, err = run_extract(tmp_path, {"rtl.txt": article}, capsys)
    assert status == 0, err
    sheets = all_sheets(tmp_path / "briefings")
    source = sheets["sources/rtl.yaml"]
    assert source["title"] == "Fighters enter Tabqa"
    text = yaml.safe_dump(sheets)
    for mark in "\u200f\u200e\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b":
        assert mark not in text
    assert "rtl" in {m["source"] for m in sheets["locations/tabqa.yaml"]["mentions"]}
    assert "rtl" in {m["source"] for m in sheets["locations/raqqa.yaml"]["mentions"]}
    assert "rtl" in {m["source"] for m in sheets["actors/syrian-democratic-forces.yaml"]["mentions"]}


# --- formats ----------------------------------------------------------------------------------

HTML_PAGE = """<!doctype html><html><head><title>Fighters enter Tabqa - Example Wire</title>
<meta property="og:site_name" content="Example Wire"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2017-06-30"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Fighters enter Tabqa</h1>
<p>The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa after weeks of fighting.</p>
<p>A spokesman said the town was calm and that <b>mines</b> were being cleared by engineers.</p>
<script>alert(1)</script><style>p {color: red}</style>
</article><footer>Copyright 2017 Example Wire. All rights reserved.</footer></body></html>
"""


def test_html_article_goes_through_the_extractor(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"page.html": HTML_PAGE}, capsys)
    assert status == 0, err
    sheet = source_sheet(tmp_path, "page")
    assert sheet["title"] == "Fighters enter Tabqa"
    assert sheet["publisher"] == "Example Wire" and sheet["author"] == "Jane Doe"
    assert sheet["published"] == "2017-06-30"
    assert sheet["body"] == [
        "The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa after weeks of fighting.",
        "A spokesman said the town was calm and that mines were being cleared by engineers."]
    text = yaml.safe_dump(sheet)
    assert "alert" not in text and "color: red" not in text and "Home" not in text


def test_html_without_article_text(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"nav.html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"},
                                 capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/nav.html", "no article text found in the HTML")


MARKDOWN = """---
title: 'Fighters: enter Tabqa'
publisher: Example Wire
published: 2017-06-30
url: https://example.org/tabqa
tags: [syria, raqqa]
---

# A heading that is not the title

The **Syrian Democratic Forces** said on Friday that its fighters had captured [Tabqa](https://example.org/t).

![Fighters near the dam](dam.jpg)
"""


def test_markdown_with_front_matter(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, {"story.md": MARKDOWN}, capsys)
    assert status == 0, err
    sheet = source_sheet(tmp_path, "story")
    assert sheet["title"] == "Fighters: enter Tabqa"
    assert sheet["publisher"] == "Example Wire"
    assert sheet["url"] == "https://example.org/tabqa"
    assert sheet["published"] == "2017-06-30"
    assert "The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa." in sheet["body"]
    assert {"reason": "image caption", "text": "Fighters near the dam"} in sheet["excluded"]


@pytest.mark.parametrize("front, line, phrase", [
    ("title: Fighters enter Tabqa\npublisher: [unclosed\npublished: 2017-06-30\n", 4, "invalid YAML front matter"),
    ("title: Fighters enter Tabqa\n  bad: indent: here\n", 3, "invalid YAML front matter"),
    ("title: x\n\tpublisher: tab\n", 3, "invalid YAML front matter"),
    ("- just\n- a list\n", 2, "front matter must be a mapping"),
    ("title: &a x\npublisher: *a\n!!python/object/apply:os.system ['echo pwned']: 1\n", None, "front matter"),
])
def test_broken_front_matter_names_file_and_line(tmp_path, capsys, front, line, phrase):
    status, _, err = run_extract(tmp_path, {"story.md": f"---\n{front}---\n\nThe SDF said on Friday.\n"}, capsys)
    path = tmp_path / "seeds/story.md"
    message = assert_fails_naming(status, err, path, phrase)
    if line is not None:
        assert message.startswith(f"{path}:{line}: "), message


def test_front_matter_never_runs_code(tmp_path, capsys):
    marker = tmp_path / "pwned"
    front = f"title: !!python/object/apply:os.system ['touch {marker}']\n"
    status, _, err = run_extract(tmp_path, {"story.md": f"---\n{front}---\n\nThe SDF said on Friday.\n"}, capsys)
    assert status == 1
    assert not marker.exists()
    assert_fails_naming(status, err, tmp_path / "seeds/story.md", "front matter")


def _after_listing(monkeypatch, seeds_name: str, action) -> None:
    """Run `action(entries)` right after the seeds folder is listed, before any file is read."""
    original = Path.iterdir

    def iterdir(self: Path):
        entries = list(original(self))
        if self.name == seeds_name:
            action(entries)
        return iter(entries)

    monkeypatch.setattr(Path, "iterdir", iterdir)


def test_file_disappearing_mid_run(tmp_path, capsys, monkeypatch):
    """Listed, then deleted before it is read (an editor's `git checkout` during a run)."""
    _after_listing(monkeypatch, "seeds", lambda entries: [p.unlink() for p in entries if p.name == "gone.txt"])
    status, _, err = run_extract(tmp_path, {"gone.txt": GOOD, "stays.txt": GOOD}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/gone.txt", "file not found")


def test_file_disappearing_while_being_read(tmp_path, capsys, monkeypatch):
    original = read._load_bytes

    def vanish(path: Path) -> bytes:
        if path.name == "gone.txt":
            path.unlink()
        return original(path)

    monkeypatch.setattr(read, "_load_bytes", vanish)
    status, _, err = run_extract(tmp_path, {"gone.txt": GOOD, "stays.txt": GOOD}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/gone.txt", "file not found")


def test_file_replaced_by_a_folder_mid_run(tmp_path, capsys, monkeypatch):
    def swap(entries: list[Path]) -> None:
        for path in entries:
            if path.name == "swap.txt":
                path.unlink()
                path.mkdir()

    _after_listing(monkeypatch, "seeds", swap)
    status, _, err = run_extract(tmp_path, {"swap.txt": GOOD, "stays.txt": GOOD}, capsys)
    assert status == 0, err                                  # a folder is not an article: skipped
    assert not (tmp_path / "briefings/sources/swap.yaml").exists()
    assert (tmp_path / "briefings/sources/stays.yaml").exists()


def test_file_replaced_by_a_folder_while_being_read(tmp_path, capsys, monkeypatch):
    original = read._load_bytes

    def swap(path: Path) -> bytes:
        if path.name == "swap.txt":
            path.unlink()
            path.mkdir()
        return original(path)

    monkeypatch.setattr(read, "_load_bytes", swap)
    status, _, err = run_extract(tmp_path, {"swap.txt": GOOD}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/swap.txt", "is a folder")


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    original = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    status, _, err = run_extract(tmp_path, {"secret.txt": GOOD}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/secret.txt", "permission denied")


# --- injection --------------------------------------------------------------------------------

INJECTIONS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">click</a>",
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "{{ macros }}",
    "{# hidden #}",
    "|---|",
    "!!! warning",
    "</details>",
    "</div>",
    "<!-- comment -->",
    "[[islamic-state]]",
    "--8<-- \"/etc/passwd\"",
]
YAML_NAMES = [
    "Foo: Bar",
    "#hash",
    "&anchor",
    "*alias",
    '!!python/object/apply:os.system ["echo pwned"]',
    "- dash",
    "? key",
    "'quoted' \"double\"",
    "%TAG ! tag:example.com,2000:",
    "@at `tick`",
    "yes",
    "null",
    "2017-06-30",
    "1:30",
]


def _injection_corpus() -> dict[str, str]:
    files = {}
    lines = [f"The Syrian Democratic Forces said on Friday that {text} was found in Tabqa." for text in INJECTIONS]
    body = "\n\n".join(lines + [f"{text}\n" for text in INJECTIONS])
    files["000_inject.txt"] = ("Fighters enter Tabqa <script>alert(1)</script>\n\nBy Jane Doe\n\nJune 30, 2017\n\n"
                               f"{body}\n")
    for n, name in enumerate(YAML_NAMES, 1):
        files[f"{n:03d}_yaml.txt"] = (f"{name}\n\nBy {name}\n\nJune 30, 2017\n\n"
                                      f"The commander {name} said on Friday that Tabqa was calm.\n\n{name}\n")
    files["900_front.md"] = ("---\ntitle: '<script>alert(1)</script> {{ 7*7 }}'\n"
                             "publisher: '<img src=x onerror=alert(1)>'\nurl: 'javascript:alert(1)'\n"
                             "published: 2017-06-30\n---\n\n"
                             "The SDF said [x](javascript:alert(1)) on Friday in Tabqa.\n\n"
                             "<script>alert(2)</script>\n")
    files["901_page.html"] = HTML_PAGE.replace(
        "<p>A spokesman",
        "<p>He wrote &lt;script&gt;alert(1)&lt;/script&gt; and {{ 7*7 }} on a wall.</p><p>A spokesman")
    return files


def make_site_config(tmp_path: Path, briefings: Path) -> Path:
    """A copy of the project's mkdocs.yml whose plugin reads `briefings`."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("briefings: briefings", f"briefings: {briefings}")
    text = text.replace("templates: site_templates", f"templates: {ROOT / 'site_templates'}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


class _Markup(HTMLParser):
    """Collects what a browser would act on: elements, attributes, script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.details = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag == "img" and any(k == "src" and v == "x" for k, v in attrs):
            self.problems.append("injected <img src=x>")
        if tag == "details":
            self.details += 1
        for key, value in attrs:
            if key.startswith("on"):
                self.problems.append(f"event handler attribute {key}={value!r} on <{tag}>")
            target = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if key in ("href", "src", "action", "formaction", "xlink:href") and \
                    target.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.problems.append(f"{key}={value!r} on <{tag}>")
            if key == "class" and value and "admonition" in value.split():
                self.problems.append(f"admonition <{tag} class={value!r}>")
            if key == "http-equiv" and value and value.lower() == "refresh":
                self.problems.append("meta refresh")

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self.details -= 1
            if self.details < 0:
                self.problems.append("a </details> closes nothing")
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script" and re.search(r"\balert\s*\(", data):
            self.problems.append(f"script running alert(): {data.strip()[:60]!r}")


def injected_markup(page_html: str) -> list[str]:
    parser = _Markup()
    parser.feed(page_html)
    parser.close()
    problems = parser.problems
    if parser.details:
        problems.append("unbalanced <details>")
    return problems


def visible_text(page_html: str) -> str:
    """Roughly what a reader sees: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def assert_no_injected_markup(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        problems = injected_markup(text)
        assert not problems, f"{page.relative_to(site)}: {problems}"
        raw = text.lower()
        assert "<script>alert" not in raw and "href=\"javascript:" not in raw, page


def assert_sheets_round_trip(briefings: Path) -> dict[str, dict]:
    sheets = all_sheets(briefings)
    for rel, data in sheets.items():
        # a second dump/load gives the same data: nothing in the sheet is YAML syntax
        assert yaml.safe_load(yaml.safe_dump(data, allow_unicode=True)) == data, rel
    return sheets


@pytest.mark.slow
def test_injection_strings_are_text_everywhere(tmp_path, capsys):
    status, _, err = run_extract(tmp_path, _injection_corpus(), capsys)
    assert status == 0, err
    briefings = tmp_path / "briefings"
    sheets = assert_sheets_round_trip(briefings)
    assert main(["check", "--briefings", str(briefings)]) == 0, capsys.readouterr().err

    # the strings load back exactly as written
    for n, name in enumerate(YAML_NAMES, 1):
        source = sheets[f"sources/{n:03d}-yaml.yaml"]
        sentence = f"The commander {name} said on Friday that Tabqa was calm."
        if name == "2017-06-30":  # a date alone on a line is a dateline, not a headline
            assert source["title"] == sentence
        else:
            assert source["title"] == name
            assert sentence in source["body"]
    body = sheets["sources/000-inject.yaml"]["body"]
    assert sheets["sources/000-inject.yaml"]["title"] == "Fighters enter Tabqa <script>alert(1)</script>"
    for text in INJECTIONS:
        assert any(text in paragraph for paragraph in body), text
    front = sheets["sources/900-front.yaml"]
    assert front["title"] == "<script>alert(1)</script> {{ 7*7 }}"
    assert front["publisher"] == "<img src=x onerror=alert(1)>"

    site = tmp_path / "site"
    build_site(make_site_config(tmp_path, briefings), site)
    assert_no_injected_markup(site)

    page = (site / "sources/000-inject/index.html").read_text(encoding="utf-8")
    shown = visible_text(page)
    for text in INJECTIONS:      # every fragment is shown as the text it is
        assert text in shown, text
    assert "found in Tabqa" in shown
    assert "that 49 was found" not in shown
    for name in YAML_NAMES:
        n = YAML_NAMES.index(name) + 1
        source_page = (site / f"sources/{n:03d}-yaml/index.html").read_text(encoding="utf-8")
        assert name in visible_text(source_page), name
    front_page = visible_text((site / "sources/900-front/index.html").read_text(encoding="utf-8"))
    assert "<script>alert(1)</script> {{ 7*7 }}" in front_page
    assert "<script>alert(1)</script> 49" not in front_page


# --- property: hostile fragments + normal sentences -------------------------------------------

SENTENCES = [
    "The Syrian Democratic Forces said on Friday that its fighters had captured Tabqa.",
    "Islamic State fighters withdrew from Raqqa on June 6, 2017.",
    "SDF spokesman Mustafa Bali said the coalition had struck 12 targets.",
    "Airwars said an estimated 480 civilians had been killed.",
    "The town of Ain Issa was liberated.",
]
FRAGMENTS = INJECTIONS + YAML_NAMES + ["\u202e", "\u200f", "\u00a0", "\t", "\r\n", "\x0c", "```", "    indented code",
                                       "> quote", "* item", "1. item", "# heading", "---", "===", "***", "\\", "&amp;",
                                       "&#60;script&#62;", "%", "%%", "$x", "${x}", "\ufeff", "é", "الرقة"]
pieces = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(SENTENCES),
                   st.text(alphabet=st.sampled_from("<>{}[]()!|&*#:'\"`-_=%\\/ abcXYZ\n"), max_size=12))
paragraphs = st.lists(pieces, min_size=1, max_size=4).map(" ".join)


@st.composite
def articles(draw) -> str:
    title = draw(st.one_of(st.sampled_from(SENTENCES[:2]), paragraphs))
    body = draw(st.lists(paragraphs, min_size=1, max_size=4))
    return "\n\n".join([title, *body]) + "\n"


@pytest.fixture(scope="module")
def site_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("prop")
    briefings = root / "briefings"
    return root, briefings, make_site_config(root, briefings)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(texts=st.lists(articles(), min_size=1, max_size=2), suffix=st.sampled_from([".txt", ".md"]))
def test_hostile_articles_property(site_env, texts, suffix):
    root, briefings, config = site_env
    seeds = root / "seeds"
    for folder in (seeds, briefings, root / "site"):
        shutil.rmtree(folder, ignore_errors=True)
    seeds.mkdir()
    for n, text in enumerate(texts):
        (seeds / f"{n:03d}_story{suffix}").write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        # anything but a BriefingError (exit 1 with a message) escapes main() and fails the test
        status = main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    if status != 0:
        assert status == 1 and str(seeds) in err.getvalue(), err.getvalue()
        event("refused with a message")
        return
    event("extracted and built")
    assert_sheets_round_trip(briefings)
    build_site(config, root / "site")
    assert_no_injected_markup(root / "site")


def test_the_markup_checker_sees_injections():
    """The checker above is only worth something if it catches the real thing."""
    for bad in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
                '<a href=" JaVaScRiPt:alert(1)">x</a>', '<div class="admonition warning"><p>x</p></div>',
                "<details><summary>x</summary></details></details>", "<p onmouseover=alert(1)>x</p>"]:
        assert injected_markup(f"<html><body>{bad}</body></html>"), bad
    assert not injected_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>")


def test_unreadable_or_vanishing_file_on_a_later_run(tmp_path, capsys, monkeypatch):
    """The second run has a cache and fingerprints the folder first: same messages, no traceback."""
    status, _, err = run_extract(tmp_path, {"secret.txt": GOOD, "gone.txt": GOOD, "stays.txt": GOOD}, capsys)
    assert status == 0, err
    original = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    # the fingerprint goes by file metadata (as a real chmod or edit would change it)
    os.utime(tmp_path / "seeds" / "secret.txt", ns=(1, 1))
    _after_listing(monkeypatch, "seeds", lambda entries: [p.unlink() for p in entries if p.name == "gone.txt"])
    status, _, err = run_extract(tmp_path, {}, capsys)
    assert_fails_naming(status, err, tmp_path / "seeds/secret.txt", "permission denied")


def test_20_mb_file_on_a_later_run_is_not_read(tmp_path, capsys, monkeypatch):
    status, _, err = run_extract(tmp_path, {"ok.txt": GOOD}, capsys)
    assert status == 0, err
    big = tmp_path / "seeds" / "dump.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    reads: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or original(self))
    status, _, err = run_extract(tmp_path, {}, capsys)
    assert_fails_naming(status, err, big, "larger than 5 MB")
    assert big not in reads
