"""The read stage: fixture articles (invented outlets and places), encodings, bad files, seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing import read
from briefing.errors import InputError
from briefing.read import Article, Excluded, read_article, read_corpus

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "articles"
SEEDS = HERE.parent / "seeds"


def reasons(article: Article) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for item in article.excluded:
        grouped.setdefault(item.reason, []).append(item.text)
    return grouped


def evidence_text(article: Article) -> str:
    return "\n".join(article.evidence())


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- a plain-text article with every kind of clutter -------------------------------------------
@pytest.fixture(scope="module")
def wire() -> Article:
    return read_article(FIXTURES / "010_harbor_wire.txt", HERE)


def test_identity_fields(wire: Article) -> None:
    assert wire.source_id == "010-harbor-wire"
    assert wire.file == "fixtures/articles/010_harbor_wire.txt"
    assert len(wire.sha256) == 64


def test_masthead_headline_and_byline(wire: Article) -> None:
    assert wire.title == "Militia pushes into the port district of Qasr al-Nur"
    assert wire.publisher == "Harbor Wire"
    assert wire.author == "Lina Farouk"
    assert wire.url is None


def test_stand_alone_date_line_is_the_dateline(wire: Article) -> None:
    assert (wire.published, wire.published_precision) == ("2019-03-12", "day")
    assert wire.published_basis == "dateline (12 March, 2019)"
    assert "12 March, 2019" not in evidence_text(wire)


def test_every_exclusion_rule(wire: Article) -> None:
    found = reasons(wire)
    assert found["reading time"] == ["3 min read"]
    assert found["image caption"] == ["Fighters gather at a checkpoint outside the port [Reuters]",
                                      "Screen Shot 2019-03-11 at 09.14.22 AM"]
    assert found["advertisement"] == ["Advertisement"]
    assert found["share line"] == ["Share this article"]
    assert found["tag list"] == ["Tags: , , ,", "Qasr al-Nur", "Northern Shield", "Crescent Front"]
    assert found["boilerplate"] == [
        "QASR AL-NUR: The Northern Shield Brigades say they have pushed […]"]  # the teaser
    assert found["reader comments"][0] == "4 Comments"
    assert "• Velmar says:" in found["reader comments"]


def test_body_keeps_the_dateline_place_and_nothing_else(wire: Article) -> None:
    assert wire.paragraphs[0].startswith("QASR AL-NUR: The Northern Shield Brigades say")
    assert len(wire.paragraphs) == 3
    text = evidence_text(wire)
    for clutter in ("says:", "Tamsin", "Velmar", "Advertisement", "Share this", "[Reuters]",
                    "min read", "Screen Shot", "[…]", "Tags:"):
        assert clutter not in text


def test_evidence_is_title_then_body(wire: Article) -> None:
    assert wire.evidence() == [wire.title, *wire.paragraphs]


def test_author_bio_names_author_and_outlet_and_dates_are_inferred() -> None:
    article = read_article(FIXTURES / "011_ledger_bio.txt")
    assert article.author == "Omar Haddad"
    assert article.publisher == "Harbor Ledger"
    # no dateline: May 3 (2021 from "April 2021") was a Monday; "on Thursday" is May 6
    assert (article.published, article.published_precision) == ("2021-05-06", "day")
    assert "May 3" in article.published_basis and "Thursday" in article.published_basis
    assert article.paragraphs[-1].startswith("Omar Haddad is")  # the bio is still text


def test_section_label_and_old_story_banner() -> None:
    article = read_article(FIXTURES / "014_old_story.txt")
    assert article.title == "Drone strike hits depot near Bir Sabha"
    assert reasons(article)["boilerplate"] == ["FYI.", "This story is over 3 years old.", "News"]
    assert reasons(article)["reader comments"] == ["Comments",
                                                   "Ravel Dunmore: no way this was the Front."]
    assert article.publisher is None  # "News" is a label, not a masthead
    assert (article.published, article.published_precision) == (None, "unknown")
    assert article.published_basis.startswith("unknown")


def test_byline_fields_and_a_masthead_in_capitals(tmp_path: Path) -> None:
    text = ("THE VELO LEDGER · Dispatches\n\nDam breached at Velo as militia retreats\n\n"
            "Words: Lena Orsk with Ama Brent in Tarvin | 3rd Mar. 2019 | Reading time: 4 mins\n\n"
            "Share this article: Facebook | Twitter | WhatsApp | Email\n\n"
            "The Velo dam was breached overnight, officials said.\n\n"
            "Topics: Velo, dams, Tarvin\n")
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert article.title == "Dam breached at Velo as militia retreats"
    assert (article.publisher, article.author) == ("The Velo Ledger", "Lena Orsk, Ama Brent")
    assert (article.published, article.published_basis.split(" (")[0]) == ("2019-03-03", "dateline")
    assert article.paragraphs == ["The Velo dam was breached overnight, officials said."]
    assert reasons(article)["share line"] == ["Share this article: Facebook | Twitter | WhatsApp | Email"]
    assert reasons(article)["tag list"] == ["Topics: Velo, dams, Tarvin"]


def test_a_share_line_naming_what_it_shares_in_two_words(tmp_path: Path) -> None:
    text = ("Velo falls to the militia - live\n\n3 March 2019\n\nThe city fell overnight.\n\n"
            "Share this live blog: Facebook | Twitter | WhatsApp\n")
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert article.paragraphs == ["The city fell overnight."]
    assert reasons(article)["share line"] == ["Share this live blog: Facebook | Twitter | WhatsApp"]


def test_an_interview_by_an_author(tmp_path: Path) -> None:
    text = "Holding the dam at Velo\n\nInterview by Ama Brent | 7 March 2016\n\nQ: How did it start?\n"
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert (article.author, article.published, article.paragraphs) == ("Ama Brent", "2016-03-07", ["Q: How did it start?"])


def test_a_liveblogs_reporters_by_shift_above_the_date_are_its_byline(tmp_path: Path) -> None:
    text = ("Velo falls to the militia - live\n\nThe army has fled the city\n\n"
            "Ama Brent (now) and Lena Orsk (earlier)\nTuesday 10 June 2014 19.02 BST\n\nThe city fell.\n")
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert (article.author, article.published) == ("Ama Brent, Lena Orsk", "2014-06-10")
    assert not any("Brent" in p for p in article.paragraphs), article.paragraphs


def test_posted_on_a_date_by_an_author(tmp_path: Path) -> None:
    text = "Dam breached at Velo\n\nPosted on March 14, 2019 by Ama Brent · 8 min read · 9 Comments\n\nThe dam broke.\n"
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert (article.author, article.published, article.paragraphs) == ("Ama Brent", "2019-03-14", ["The dam broke."])


def test_lists_of_links_to_other_stories_are_boilerplate(tmp_path: Path) -> None:
    text = ("Dam breached at Velo\n\nBy Lena Orsk\nTarvin Wire Service\nMar 3, 2019 | 06:20 GMT\n\n"
            "The Velo dam was breached overnight, officials said.\n\n"
            "Related: Brenna militia claims the bridge at Oskar\n\n"
            "Engineers from Brenna arrived on Monday.\n\n"
            "Read more from our Tarvin series:\n\n- Oskar's last winter\n\n2. Who runs Brenna now?\n\n"
            "Kalmar Front: the men who hold the pass\n\n"
            "Share: Facebook | Viber | Print\n\n"
            "Most popular\n\n1. Elections in Norland: a million vote\n\n"
            "142 comments · Sort by: Newest\n\nIvo_K · 3 days ago\n\nThe Kalmar Front warned about this.\n")
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert (article.author, article.publisher, article.published) == ("Lena Orsk", "Tarvin Wire Service", "2019-03-03")
    # a link on the line of its label is one link: the paragraph after it is reporting
    assert article.paragraphs == ["The Velo dam was breached overnight, officials said.",
                                  "Engineers from Brenna arrived on Monday."]
    assert reasons(article)["boilerplate"] == [
        "Related: Brenna militia claims the bridge at Oskar", "Read more from our Tarvin series:", "- Oskar's last winter",
        "2. Who runs Brenna now?", "Kalmar Front: the men who hold the pass", "Most popular",
        "1. Elections in Norland: a million vote"]
    assert reasons(article)["share line"] == ["Share: Facebook | Viber | Print"]
    assert reasons(article)["reader comments"] == ["142 comments · Sort by: Newest", "Ivo_K · 3 days ago",
                                                   "The Kalmar Front warned about this."]


def test_a_list_of_other_news_with_dated_titles_is_boilerplate(tmp_path: Path) -> None:
    text = ("Statement on Velo\n\nTarvin Ministry\n22 October 2017\n\nThe ministry rejects the report on Velo.\n\n"
            "Press Service of the Ministry\n\nOther news\n\n21.10.2017 Ministry delivers aid to residents of Brenna\n\n"
            "17.10.2017 Minister Ivo Laske holds talks in Norland\n")
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert not [p for p in article.paragraphs if "Laske" in p or "Brenna" in p]
    assert "17.10.2017 Minister Ivo Laske holds talks in Norland" in reasons(article)["boilerplate"]


def test_press_release_header_and_everything_after_ends(tmp_path: Path) -> None:
    text = ("Tarvin Relief Council\nPRESS RELEASE – FOR IMMEDIATE RELEASE\n\nRelease No. 20190307-01\n\n"
            "Clinics reopen in Velo\n\nTARVIN, 7 March 2019 – Two clinics reopened in Velo today.\n\n"
            "ENDS\n\nNotes to editors\nThe council has offices in Brenna and Oskar.\n"
            "Media contact: Ivo Dane – press@relief.example.org\n"
            "Follow the council on Twitter and Facebook: @TarvinRelief\n")
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert (article.title, article.publisher) == ("Clinics reopen in Velo", "Tarvin Relief Council")
    assert article.paragraphs == ["TARVIN, 7 March 2019 – Two clinics reopened in Velo today."]
    assert "Brenna" not in evidence_text(article) and "Ivo Dane" not in evidence_text(article)
    assert [e.text for e in article.excluded if e.reason == "boilerplate"][-3:] == [
        "The council has offices in Brenna and Oskar.", "Media contact: Ivo Dane – press@relief.example.org",
        "Follow the council on Twitter and Facebook: @TarvinRelief"]


def test_a_line_in_capitals_is_never_joined_to_the_line_above(tmp_path: Path) -> None:
    text = "Northern Shield Brigades of the Upper Tarvin Valley Council\nNEWS RELEASE\n\nBrigades cross river\n\nThey crossed.\n"
    article = read_article(write(tmp_path, "a.txt", text.encode()))
    assert (article.title, article.publisher) == ("Brigades cross river",
                                                  "Northern Shield Brigades of the Upper Tarvin Valley Council")


def test_quote_introduction_is_not_a_comment(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Council statement on the dam\n\nThe statement says:\n\n"
                 b"\"The dam is safe.\"\n\nEngineers disagree.\n")
    article = read_article(path)
    assert article.paragraphs == ["The statement says:", '"The dam is safe."',
                                  "Engineers disagree."]


def test_two_word_headline_is_not_a_masthead(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Dam breached\n\nThe Velo dam was breached overnight.\n")
    article = read_article(path)
    assert article.title == "Dam breached" and article.publisher is None


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    body = ("Fighters of the Northern Shield Brigades crossed the river\n"
            "at dawn and reached the outskirts of the town by noon, a\n"
            "spokesman said.\n")
    article = read_article(write(tmp_path, "a.txt", f"Brigades cross river\n\n{body}".encode()))
    assert article.paragraphs == [" ".join(body.split())]


def test_long_paragraphs_on_single_lines_stay_apart(tmp_path: Path) -> None:
    first = "The Northern Shield Brigades said on Monday that they had taken the grain silos " \
            "after a week of fighting with the Crescent Front."
    second = "Residents of the port district said they had heard shelling through the night " \
             "and that many families had left towards the river crossing."
    article = read_article(write(tmp_path, "a.txt", f"Silos taken\n{first}\n{second}\n".encode()))
    assert article.paragraphs == [first, second]


def test_short_article_is_not_a_tag_list_or_a_masthead(tmp_path: Path) -> None:
    data = b"Dam breached\n\nWater rising\n\nNo casualties\n"
    article = read_article(write(tmp_path, "a.txt", data))
    assert (article.title, article.publisher) == ("Dam breached", None)
    assert article.paragraphs == ["Water rising", "No casualties"]
    assert article.excluded == []


# --- encodings and invisible characters ---------------------------------------------------------
ARABIC = ("قوات المجلس العسكري تسيطر على بلدة تل النور\n\n"
          "قالت قوات المجلس العسكري يوم الثلاثاء إنها سيطرت على بلدة تل النور بعد ثلاثة أيام من "
          "المعارك مع جبهة الهلال.\n\n"
          "وأضاف المتحدث باسم المجلس أن مئات العائلات نزحت نحو معبر بئر السبع قبل وصول المعارك.\n")
FRENCH = ("Les rebelles prennent Qasr al-Nûr\n\n"
          "Les combattants de la Brigade du Bouclier ont déclaré jeudi avoir pris la ville après "
          "trois jours de combats acharnés.\n\n"
          "Selon un porte-parole, les familles ont fui à l'aube.\n")


@pytest.mark.parametrize("text, encoding", [
    (ARABIC, "cp1256"), (FRENCH, "latin-1"), (FRENCH, "utf-8-sig"), (ARABIC, "utf-8"),
    (FRENCH, "utf-16")])
def test_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    article = read_article(write(tmp_path, "a.txt", text.encode(encoding)))
    expected = text.split("\n\n")
    assert article.title == expected[0]
    assert article.paragraphs == [p.strip() for p in expected[1:]]


def test_crlf_and_cr_line_ends(tmp_path: Path) -> None:
    for newline in (b"\r\n", b"\r"):
        data = newline.join([b"Brigades cross river", b"", b"They crossed.", b"", b"At dawn."])
        article = read_article(write(tmp_path, "a.txt", data))
        assert article.title == "Brigades cross river"
        assert article.paragraphs == ["They crossed.", "At dawn."]


def test_direction_marks_and_zero_width_characters_are_removed(tmp_path: Path) -> None:
    text = ("\u200fBrigades take Tal\u200b Verran\u200e\n\n"
            "The town of Tal\u200b Verran fell, said\u00a0the \u202bمجلس\u202c council.\n")
    article = read_article(write(tmp_path, "a.txt", text.encode("utf-8")))
    assert article.title == "Brigades take Tal Verran"
    assert article.paragraphs == ["The town of Tal Verran fell, said the مجلس council."]


def test_text_is_nfc(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", "Qasr al-Nu\u0302r falls\n\nIt fell.".encode()))
    assert article.title == "Qasr al-N\u00fbr falls"


# --- files that cannot be read ------------------------------------------------------------------
@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"   \n\t\n  ", "empty"),
    (b"\xef\xbb\xbf  \n ", "whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
])
def test_unusable_files_name_the_file(tmp_path: Path, data: bytes, words: str) -> None:
    path = write(tmp_path, "broken_article.txt", data)
    with pytest.raises(InputError) as info:
        read_article(path)
    message = str(info.value)
    assert "broken_article.txt" in message and words in message


def test_vanished_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gone_article.txt.*not found"):
        read_article(tmp_path / "gone_article.txt")


def test_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", b"Headline\n\n" + b"word " * (read.MAX_BYTES // 5 + 1))
    with pytest.raises(InputError, match=r"huge.txt: larger than 5 MB \(5.0 MB\) \(split it or "
                                         r"raise the limit"):
        read_article(path)


def test_size_limit_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    path = write(tmp_path, "big.txt", b"Headline\n\n" + b"word " * 30)
    with pytest.raises(InputError, match=r"big.txt: larger than 100 bytes \(160 bytes\)"):
        read_article(path)


def test_unsupported_suffix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="notes.docx"):
        read_article(write(tmp_path, "notes.docx", b"Headline"))


def test_file_with_only_boilerplate_has_no_headline(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="a.txt.*no headline"):
        read_article(write(tmp_path, "a.txt", b"Advertisement\n\nShare this article\n"))


# --- Markdown -----------------------------------------------------------------------------------
def test_markdown_front_matter_and_syntax() -> None:
    article = read_article(FIXTURES / "012_dispatch.md")
    assert article.title == "Aid convoy reaches Tel Verran"
    assert (article.publisher, article.author) == ("The Eastern Dispatch", "Mira Solberg")
    assert article.url == "https://dispatch.example/tel-verran"
    assert (article.published, article.published_precision) == ("2020-11-05", "day")
    assert article.published_basis == "front matter (2020-11-05)"
    assert article.paragraphs[0] == (
        "A twelve-truck convoy organised by the Relief Coalition reached the besieged town of "
        "Tel Verran on Wednesday, the first delivery in three months, according to the town's "
        "council.")
    assert article.paragraphs[1:4] == ["What was delivered", "flour and rice for 4,000 families",
                                       "medical kits for the field clinic"]
    assert article.paragraphs[4].startswith('"We had run out of insulin,"')
    assert Excluded("image caption", "A truck at the checkpoint") in article.excluded
    assert not any(c in evidence_text(article) for c in "*#`>[]")


def test_markdown_heading_is_the_title_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"# Brigades cross the river\n\nThey crossed at **dawn**.\n")
    article = read_article(path)
    assert article.title == "Brigades cross the river"
    assert article.paragraphs == ["They crossed at dawn."]


def test_markdown_keeps_snake_case_and_inner_asterisks(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"# T\n\nThe file_name_here and 2*3*4 stay.\n")
    assert read_article(path).paragraphs == ["The file_name_here and 2*3*4 stay."]


def test_markdown_author_list_rules_and_lists_of_links(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", """---
title: Convoys leave the enclave
authors:
  - Mira Talbot
  - Yann Brisset
date: 2019-03-02
---
Buses left the town of Harran at dawn, officials said.

---

Read the [council's resolution](https://example.org/S/RES/99(2019)) in full.

*More explainers: [Who runs Harran?](/x/harran) · [The Qarnous front, in maps](/x/maps)*

*The Desk is supported by readers. [Become a member](/join).*
""".encode())
    article = read_article(path)
    assert article.author == "Mira Talbot, Yann Brisset"   # a list of authors, not its Python repr
    assert article.paragraphs == ["Buses left the town of Harran at dawn, officials said.",
                                  "Read the council's resolution in full."]   # a link with brackets in its address
    assert "Qarnous" not in evidence_text(article) and "member" not in evidence_text(article)


def test_furniture_of_reports_and_podcasts(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", """THE NIGHT DESK | Episode 9: the dam
Released 4 June 2016 · 41 min

[Photo: Trucks queue at the Qarnous crossing. © Press/Omar Haddad]

Fighters crossed the dam on Tuesday, the commander said.

-- End of excerpt --

Archive of the Front | Catalogue no. 12-B | Related documents in this collection:
* Human Rights Monitor: "Nine days at the dam" (2016)
* Field notes: Qarnous, May 2016

CREDITS: Produced by Tom Reyes. Theme music by Holloway Drift.
SHOW NOTES: Mentioned in this episode: the Qarnous Relief Committee.
Subscribe on Apple Podcasts, Spotify or wherever you get your podcasts.
""".encode())
    article = read_article(path)
    assert article.published == "2016-06-04"
    assert article.paragraphs == ["Fighters crossed the dam on Tuesday, the commander said."]
    for name in ("Omar Haddad", "Human Rights Monitor", "Tom Reyes", "Qarnous Relief", "Apple Podcasts"):
        assert name not in evidence_text(article)


def test_a_masthead_above_its_section_label_and_a_desk_under_the_byline(tmp_path: Path) -> None:
    page = ("The Harbourside Gazette\n\nWORLD\n\nMilitia fighters take the river port of Velo\n\n"
            "The capture cuts the last road between the two rebel strongholds\n\nBy Lina Farouk\n\n"
            "Gazette Foreign Staff\n\nSaturday, November 14, 2015\n\nPrint | Email | Share\n\n"
            "Militia fighters have driven the rebels out of the river port of Velo, officials said on Friday, "
            "cutting the last road between the two strongholds.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()), tmp_path)
    assert article.title == "Militia fighters take the river port of Velo"
    assert article.publisher == "The Harbourside Gazette" and article.author == "Lina Farouk"
    assert article.published == "2015-11-14"
    assert article.paragraphs[0].startswith("The capture cuts")
    assert not [p for p in article.paragraphs if "Staff" in p or "Saturday" in p]


def test_an_official_sites_footer_is_furniture(tmp_path: Path) -> None:
    page = ("Coalition strikes continue near Velo\n\nMarch 3, 2016\n\nCoalition aircraft struck fighters near "
            "the town of Velo on Thursday, officials said.\n\nBack to Top\n\nStay Connected: Facebook | Twitter | "
            "YouTube | Flickr\n\nFollow the Command: Facebook | Twitter\n\nThe Office of Website Management, "
            "Bureau of Public Affairs, manages this site as a portal for information.\n\nExternal links to other "
            "Internet sites should not be construed as an endorsement.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()), tmp_path)
    assert article.paragraphs == ["Coalition aircraft struck fighters near the town of Velo on Thursday, officials said."]


def test_bad_front_matter_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", b"---\ntitle: ok\nurl: [unclosed\n---\n\nBody.\n")
    with pytest.raises(InputError) as info:
        read_article(path)
    message = str(info.value)
    assert message.startswith(f"{path}:")
    assert "front matter" in message
    line = int(message[len(str(path)) + 1:].split(":")[0])
    assert line in (3, 4)  # the broken value, or where the parser noticed it


def test_front_matter_must_be_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "list.md", b"---\n- a\n- b\n---\n\nBody.\n")
    with pytest.raises(InputError, match="list.md:2: front matter must be a mapping"):
        read_article(path)


# --- HTML ---------------------------------------------------------------------------------------
def test_html_through_trafilatura() -> None:
    article = read_article(FIXTURES / "013_dispatch.html")
    assert article.title == "Rebels take Qasr al-Nur"
    assert article.publisher == "The Meridian Post"
    assert article.author == "Lina Farouk"
    assert article.url == "https://meridian.example/qasr"
    assert (article.published, article.published_precision) == ("2019-03-14", "day")
    assert article.published_basis == "HTML metadata (2019-03-14)"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("The Northern Shield Brigades said on Thursday")
    comments = reasons(article)["reader comments"]
    assert any("Tamsin Ore" in c for c in comments)
    text = evidence_text(article)
    assert "Tamsin" not in text and "Copyright" not in text and "Home" not in text


def test_html_author_field_with_an_outlet_in_it(tmp_path: Path) -> None:
    page = """<html><head><title>Blast in Harran</title></head><body><article>
<h1>Blast in Harran kills dozens</h1>
<div class="byline">By Noor Halabi and Piet Vandam, Northern Relay Wire</div>
<p>A truck bomb exploded outside a security compound in the city of Harran on Wednesday, officials said.</p>
<p>Rescue teams searched the rubble through the night, a civil defence official told reporters, and the
hospitals of the city asked residents to give blood as the number of wounded rose through the morning.</p>
<p>No group said at once that it had carried out the attack, the second in the city this year, which
left a crater several metres wide and flattened the buildings on both sides of the main road.</p>
<p>Shops in the old market stayed closed on Thursday and the local council declared three days of mourning
for the dead, most of them civilians who had been queueing for bread when the truck exploded.</p>
</article></body></html>"""
    article = read_article(write(tmp_path, "a.html", page.encode()))
    assert article.author == "Noor Halabi, Piet Vandam"
    assert article.publisher == "Northern Relay Wire"


def test_html_without_an_article(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty.html.*no article text"):
        read_article(write(tmp_path, "empty.html", b"<html><body><nav>Home</nav></body></html>"))


# --- corpus -------------------------------------------------------------------------------------
def test_corpus_is_sorted_and_filtered(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("b.txt", "a.md", "notes.docx", ".hidden.txt", "d.markdown"):
        (folder / name).write_text("Headline\n\nBody text.\n")
    html = (FIXTURES / "013_dispatch.html").read_bytes()
    (folder / "c.HTML").write_bytes(html)
    (folder / "e.htm").write_bytes(html)
    (folder / "sub.txt").mkdir()
    articles = read_corpus(folder)
    assert [a.file for a in articles] == [
        "seeds/a.md", "seeds/b.txt", "seeds/c.HTML", "seeds/d.markdown", "seeds/e.htm"]
    assert read_corpus(folder, root=folder)[0].file == "a.md"


def test_corpus_reports_every_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "ok.txt").write_text("Headline\n\nBody.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError) as info:
        read_corpus(folder)
    report = info.value.report()
    assert "empty.txt" in report and "binary.txt" in report and "ok.txt" not in report
    assert len(info.value.problems) == 2


def test_corpus_folder_must_exist(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nowhere"):
        read_corpus(tmp_path / "nowhere")


# --- the real seeds -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {a.source_id[:3]: a for a in read_corpus(SEEDS)}


def test_seed_titles(seeds: dict[str, Article]) -> None:
    # each title is a line of its own file; which line is the point
    lines = {key: [ln.strip() for ln in (SEEDS / Path(a.file).name).read_text().splitlines()]
             for key, a in seeds.items()}
    assert seeds["000"].title == lines["000"][0]
    assert seeds["001"].title == lines["001"][2]   # under the masthead
    assert seeds["002"].title == lines["002"][0]
    assert seeds["003"].title == lines["003"][2]   # under "4 min read"
    assert seeds["004"].title == lines["004"][6]   # under "FYI.", the age banner and "News"
    assert seeds["001"].publisher == lines["001"][0]


def test_seed_files_and_ids(seeds: dict[str, Article]) -> None:
    assert seeds["000"].source_id == "000-3154c1f1bc35dac4"
    assert seeds["000"].file == "seeds/000_3154c1f1bc35dac4.txt"


def test_seed_000_comments_and_author(seeds: dict[str, Article]) -> None:
    article = seeds["000"]
    text = evidence_text(article)
    for word in ("Oberron", "says:", "Mabroukah", "Comments"):
        assert word not in text
    assert "reader comments" in reasons(article)
    assert "tag list" in reasons(article)
    assert len(reasons(article)["image caption"]) == 2
    assert article.author == "Thomas Joscelyn"
    assert article.publisher == "FDD's Long War Journal"
    assert (article.published, article.published_precision) == ("2015-06-24", "day")
    assert article.published_basis.startswith("image caption")


def test_seed_002_dateline_and_caption(seeds: dict[str, Article]) -> None:
    article = seeds["002"]
    assert (article.published, article.published_precision) == ("2017-02-04", "day")
    assert article.published_basis == "dateline (04 February, 2017)"
    captions = reasons(article)["image caption"]
    assert len(captions) == 1 and captions[0].endswith("[AFP]")
    assert "[AFP]" not in evidence_text(article)
    assert "4 min read" in reasons(article)["reading time"]


def test_seed_003_share_line_reading_time_and_undated_year(seeds: dict[str, Article]) -> None:
    article = seeds["003"]
    assert reasons(article)["share line"] == ["Share this article"]
    assert reasons(article)["reading time"] == ["4 min read"]
    assert "[…]" not in evidence_text(article)
    assert article.paragraphs[0].startswith("AMMAN:")
    # the text names July 28 and weekdays after it but no year: honest, not hard-coded
    if article.published is None:
        assert article.published_precision == "unknown"
        assert "no year" in article.published_basis
    else:
        assert article.published.startswith("2017")


def test_seed_004_banners(seeds: dict[str, Article]) -> None:
    found = reasons(seeds["004"])
    assert found["advertisement"] == ["Advertisement"]
    assert {"FYI.", "This story is over 5 years old.", "News"} <= set(found["boilerplate"])
    text = evidence_text(seeds["004"])
    assert "Advertisement" not in text and "FYI." not in text and "years old" not in text


def test_seeds_have_a_basis_for_every_date(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        assert article.published_basis
        assert article.published_precision in ("day", "month", "year", "unknown")
        assert (article.published is None) == (article.published_precision == "unknown")
        assert article.paragraphs


def test_a_saved_page_keeps_its_menus_share_bars_and_comments_out_of_the_body(tmp_path: Path) -> None:
    page = (
        "Skip to main content\n"
        "THE CEDAR LEDGER - ONLINE EDITION\n"
        "Home | World | Middle East | Analysis\n\n"
        "World News | Tue Jul 28, 2015 | 4:12pm EDT\n\n"
        "Militia says rebels driven out of Harbel city\n\n"
        "Clare Whitcombe, Middle East Correspondent\n"
        "Tuesday 28 July 2015 07:00 BST\n\n"
        "Share this article  (Facebook) (Twitter) (Email)  |  1,204 shares\n"
        "Text size: A A A\n"
        "[Download full report (PDF, 1.4 MB)]   [Arabic version]\n\n"
        "Fighters said on Tuesday they had taken the last districts of Harbel after a month of fighting.\n\n"
        "Related stories\n"
        "> Ostrava strikes positions near the capital, monitor says\n"
        "> Velmar says troops will leave 'very soon'\n\n"
        "Follow us: @CedarLedger on Twitter | Facebook\n\n"
        "Comments (87)  |  Sign in to join the discussion.\n"
        "Hadrian_W: So Brenko's planes bomb hospitals in the morning.\n"
    )
    article = read_article(write(tmp_path, "page.txt", page.encode()), tmp_path)
    assert article.title == "Militia says rebels driven out of Harbel city"
    assert article.publisher == "The Cedar Ledger"
    assert article.author == "Clare Whitcombe"
    assert article.published == "2015-07-28"
    body = "\n".join(article.paragraphs)
    assert body == "Fighters said on Tuesday they had taken the last districts of Harbel after a month of fighting."
    excluded = "\n".join(e.text for e in article.excluded)
    for clutter in ("Skip to main content", "Ostrava", "Velmar", "@CedarLedger", "Brenko", "Arabic version", "1,204 shares"):
        assert clutter in excluded


def test_an_encyclopedia_page_keeps_its_hatnote_contents_and_references_out_of_the_body(tmp_path: Path) -> None:
    page = (
        "Battle of Harbel (2017)\n"
        "From Warpedia, the free encyclopedia\n"
        "Jump to navigation Jump to search\n"
        "For the town, see Harbel. For the 2005 operations, see Operation Velmar Curtain.\n\n"
        "The Battle of Harbel was fought in September 2017.\n\n"
        "Contents\n1 Background\n2 Battle\n3 See also\n\n"
        "Background[edit]\n"
        "Harbel lies on the river.\n\n"
        "See also[edit]\n- Siege of Ostrava\n\n"
        "References[edit]\n1. ^ \"Forces retake Harbel\". Brenko News. 19 September 2017.\n\n"
        "Text is available under the Creative Commons Attribution-ShareAlike License.\n"
        "Privacy policy | About Warpedia | Disclaimers | Mobile view\n"
    )
    article = read_article(write(tmp_path, "wiki.txt", page.encode()), tmp_path)
    assert article.title == "Battle of Harbel (2017)"
    assert article.paragraphs == ["The Battle of Harbel was fought in September 2017.", "Harbel lies on the river."]
    excluded = "\n".join(e.text for e in article.excluded)
    for furniture in ("Warpedia, the free", "Velmar Curtain", "Siege of Ostrava", "Brenko News", "Creative Commons"):
        assert furniture in excluded


def test_a_news_page_header_with_kickers_account_links_and_a_byline_with_its_outlet(tmp_path: Path) -> None:
    page = (
        "TRANS-SEA PRESS\n"
        "Top News | World | Middle East | Africa | Business\n"
        "Search  |  Sign in\n\n"
        "AFRICA / LIBYA\n\n"
        "Forces declare Harbel free of militants after 7-month battle\n\n"
        "By YOUSEF HAMDAR and CLAIRE DUBAIS | Trans-Sea Press\n"
        "HARBEL, Ostrava – 04-05-2016 – 11:22 (GMT+3)\n\n"
        "A- | A | A+    Print    Share\n\n"
        "Fighters said on Monday they had taken the last districts of Harbel.\n"
    )
    article = read_article(write(tmp_path, "news.txt", page.encode()), tmp_path)
    assert article.title == "Forces declare Harbel free of militants after 7-month battle"
    assert article.author == "Yousef Hamdar and Claire Dubais"
    assert article.published == "2016-05-04"
    assert article.paragraphs == ["Fighters said on Monday they had taken the last districts of Harbel."]


def test_a_newsletter_email_reads_its_subject_date_and_body_and_leaves_its_footer(tmp_path: Path) -> None:
    mail = (
        "From: The Harbel Brief <brief@harbelbrief.net>\n"
        "To: subscribers@harbelbrief.net\n"
        "Date: Fri, 29 May 2015 07:02:11 +0300\n"
        "Subject: The Harbel Brief #112: militias rename their offensive\n\n"
        "View in browser | Add brief@harbelbrief.net to your address book\n\n"
        "THE HARBEL BRIEF\nIssue 112 | Friday, May 29, 2015\n"
        "Edited by Roisin Kavanagh in Erbil, with Dilan Sherwani\n\n"
        "Good morning. Militias renamed their new offensive within two days.\n\n"
        "FROM OUR SPONSOR\n"
        "Ostrava Risk Advisory: daily security briefings for NGOs in Velmar and Kefr. Ask for a trial.\n\n"
        "Reading list\n- \"Who was Abu Sayyar?\" - Brenko Journal\n\n"
        "You are receiving this e-mail because you signed up for The Harbel Brief at harbelbrief.net.\n"
        "Forwarded by a friend? Subscribe here. | Update your preferences | Unsubscribe\n"
        "The Harbel Brief is published with support from the Tarvan Media Fund.\n"
        "The Harbel Brief, PO Box 118, Ankawa, Erbil, Kurdistan Region, Iraq\n\n"
        "Replies (selected)\n@kefr_local: my family is from Kefr\n"
    )
    article = read_article(write(tmp_path, "mail.txt", mail.encode()), tmp_path)
    assert article.title == "The Harbel Brief #112: militias rename their offensive"
    assert article.publisher == "The Harbel Brief"
    assert article.published == "2015-05-29"
    assert article.author == "Roisin Kavanagh"
    assert article.paragraphs == ["Good morning. Militias renamed their new offensive within two days."]


def test_a_list_of_sources_is_left_out_item_by_item(tmp_path: Path) -> None:
    post = ("Harbel, 2014: the town that changed hands twice\n\nBy Gareth Pryde\n\n"
            "Forces retook Harbel in November 2014.\n\n**Sources**\n\n"
            "1. Brenko, \"Forces retake Harbel\", 23 November 2014.\n"
            "2. Institute for the Study of Velmar, \"Situation Report\".\n")
    article = read_article(write(tmp_path, "post.md", post.encode()), tmp_path)
    assert article.paragraphs == ["Forces retook Harbel in November 2014."]


def test_a_caption_that_ends_with_its_photographer_and_agency_is_left_out(tmp_path: Path) -> None:
    page = ("Abadi declares victory in Harbel\n\nMonday 10 July 2017\n\n"
            "Soldiers celebrate in Harbel's Old City on Sunday. Ahmad Karimo / Gulf Ledger Photo Service\n\n"
            "The prime minister arrived in Harbel on Sunday.\n")
    article = read_article(write(tmp_path, "cap.txt", page.encode()), tmp_path)
    assert article.paragraphs == ["The prime minister arrived in Harbel on Sunday."]


def test_labels_and_notices_above_a_headline_are_page_furniture(tmp_path: Path) -> None:
    page = ("Velo Today\n"
            "We use cookies to improve your experience. By continuing you agree. Accept | More info\n"
            "LIVE TV\n"
            "News / Middle East\n"
            "Harbel militia takes Qarabel after a week of fighting\n"
            "Last update: 20-03-2016  13:45\n\n"
            "Fighters of the Harbel militia said on Sunday that they had taken the town of Qarabel after a week "
            "of fighting with the rebels.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert article.title == "Harbel militia takes Qarabel after a week of fighting"
    assert article.published == "2016-03-20"
    assert article.paragraphs[0].startswith("Fighters of the Harbel militia")
    assert {"LIVE TV", "News / Middle East"} <= {e.text for e in article.excluded}


def test_a_sites_motto_under_its_name_is_no_headline(tmp_path: Path) -> None:
    page = ("VELO WATCH\n"
            "A project of the Centre for Harbel Studies\n"
            "Home | Analysis | Maps | Donate\n"
            "Iraqi forces retake Qarabel from the militants\n"
            "By Jane Doe | May 19, 2016 | jane@velowatch.org | @janedoe\n\n"
            "Iraqi forces have recaptured the town of Qarabel, three days after launching an operation to "
            "clear the militants from the highway.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert article.title == "Iraqi forces retake Qarabel from the militants"
    assert (article.author, article.published) == ("Jane Doe", "2016-05-19")


def test_a_motto_above_a_section_and_a_headline_signed_on_lines_of_their_own(tmp_path: Path) -> None:
    page = ("VELO DISPATCHES\n"
            "briefings from inside and across Harbel\n"
            "Home | Politics | Security | About us\n\n"
            "Security\n\n"
            "No way home: who will return to Qarabel?\n\n"
            "Karim Jaber\n"
            "Kessel\n"
            "13.11.2014\n\n"
            "The volunteer militias and the army say they have freed the area of Qarabel from the militants, "
            "but the families who lived there are still camping in schools.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert article.title == "No way home: who will return to Qarabel?"


def test_a_short_headline_stays_and_columns_copied_apart_are_fields(tmp_path: Path) -> None:
    page = ("Qarabel falls\n"
            "Written by Jane Doe   Published on Aug. 3, 2017   Read time: 6 minutes\n\n"
            "The town fell on Tuesday.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert (article.title, article.author, article.published) == ("Qarabel falls", "Jane Doe", "2017-08-03")
    assert article.paragraphs == ["The town fell on Tuesday."]


def test_a_releases_place_and_date_line_dates_it(tmp_path: Path) -> None:
    page = ("MINISTRY OF DEFENCE\n"
            "PRESS RELEASE\n"
            "Velo, 16 November 2015:\n"
            "Operation Steel Gate: aircraft strike a command post in Qarabel\n\n"
            "The Ministry of Defence announces that on Sunday its aircraft struck a command post in Qarabel.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert (article.title, article.published) == ("Operation Steel Gate: aircraft strike a command post in Qarabel",
                                                  "2015-11-16")


def test_a_caption_with_its_credit_and_readers_comments_with_a_count_are_furniture(tmp_path: Path) -> None:
    page = ("Harbel militia takes Qarabel\n"
            "By Jane Doe\n"
            "March 3, 2017\n"
            "Share: Facebook | Twitter | Email | More | Save\n"
            "Fighters near the old fort in Qarabel, in a photograph released on Thursday. Credit Velo Agency, via Kessel Press\n\n"
            "Fighters of the Harbel militia said on Sunday that they had taken the town of Qarabel after a week "
            "of fighting with the rebels.\n\n"
            "Readers' Comments 3\n"
            "Oldest | Newest | Readers' Picks\n\n"
            "Hannah L., Marun  March 3\n"
            "The militia will not hold it.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert article.paragraphs == ["Fighters of the Harbel militia said on Sunday that they had taken the town of "
                                  "Qarabel after a week of fighting with the rebels."]
    reasons = {e.text[:20]: e.reason for e in article.excluded}
    assert reasons["Fighters near the ol"] == "image caption" and reasons["Readers' Comments 3"] == "reader comments"


def test_a_date_line_below_a_long_page_top_is_read_as_the_date(tmp_path: Path) -> None:
    page = ("Velo Times\n" "Sections | Search | Subscribe | Log In\n" "Middle East\n" "Supported by\n" "Advertisement\n"
            "News Analysis\n" "Harbel, Retaken Again, Shows How Fragile the Truce Is\n" "By JANE DOE and JOHN ROE\n"
            "Share: Facebook | Twitter | Email\n" "MARCH 3, 2017\n\n"
            "Fighters of the Harbel militia said on Sunday that they had taken the town of Qarabel after a week "
            "of fighting with the rebels.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert (article.title, article.published) == ("Harbel, Retaken Again, Shows How Fragile the Truce Is", "2017-03-03")
    assert article.paragraphs[0].startswith("Fighters of the Harbel militia")


def test_a_byline_and_date_line_are_never_unwrapped_into_prose(tmp_path: Path) -> None:
    page = ("Twin bombings kill dozens in central Velo\n\n"
            "Attack on day labourers in Qarabel Square is deadliest in the capital since the truce\n"
            "Owen Dunne Middle East correspondent, and agencies\n"
            "Mon 15 Jan 2018 12.40 GMT  Last modified on Mon 15 Jan 2018 19.02 GMT\n\n"
            "At least 38 people have been killed after two suicide bombers blew themselves up in Velo.\n\n"
            "Şanlıurfa / Kessel, 19 June 2015\n\n"
            "Aid groups said on Friday the border was closed.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert article.published == "2018-01-15"
    assert "Şanlıurfa / Kessel, 19 June 2015" in article.paragraphs   # its places are the story's
    assert read_article(write(tmp_path, "b.txt", "Rebels enter Velo\nVelo24 | 19/02/2016 - 18:40\n\nThe rebels "
                                                 "entered the town on Friday.\n".encode())).published == "2016-02-19"


def test_a_broadcasters_picture_lines_a_share_bar_a_line_a_button_and_a_credit_in_brackets(tmp_path: Path) -> None:
    page = ("Fighters seize Velo and its dam\n\n"
            "10 May 2017\n\n"
            "Share this with\nFacebook\nTwitter\nEmail\n\n"
            "Image copyright Harbel Wire\n"
            "Image caption Fighters flash victory signs in Velo after the town's capture\n\n"
            "Fighters celebrate at the stadium in Velo on Friday. (Ivo Laske/Frontline Images)\n\n"
            "Share: Facebook  Twitter  Telegram  WhatsApp\n\n"
            "Read on Twitter\n\n"
            "An alliance of fighters says it has captured the town of Velo and the nearby dam, removing "
            "a major obstacle on the road to Kessel.\n\n"
            "Turkey calls the two groups one organisation (YPG/PKK).\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    body = " ".join(article.paragraphs)
    for furniture in ("Share this", "Facebook", "Twitter", "Email", "Image copyright", "Image caption",
                      "Ivo Laske", "Telegram", "Read on"):
        assert furniture not in body, furniture
    assert body.startswith("An alliance of fighters") and "(YPG/PKK)" in body


def test_captions_with_a_file_photo_label_an_agency_photo_credit_and_a_copyright_holder(tmp_path: Path) -> None:
    page = ("Fighters take Velo\n\n"
            "10 May 2017\n\n"
            "FILE PHOTO: Fighters gather near Kessel before the offensive, September 9, 2017. HARBEL WIRE/Ivo Laske\n\n"
            "A picture taken on Feb. 11, 2018 shows the gas plant east of the river. (ELP PHOTO/Mara Velitt)\n\n"
            "Women who left Velo wait at a screening point in the desert, March 2019. © Tarsin Qasim, ELP\n\n"
            "An alliance of fighters says it has captured the town of Velo and the nearby dam.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    body = " ".join(article.paragraphs)
    assert not [n for n in ("Ivo Laske", "Mara Velitt", "Tarsin Qasim", "Kessel") if n in body]
    assert body.startswith("An alliance of fighters")


def test_reporters_each_with_the_place_they_filed_from_are_the_byline(tmp_path: Path) -> None:
    page = ("The Lakeshore Chronicle\n\nFields burn in the east as the militants go underground\n\n"
            "Marta Kell in Harbel and Yusuf Daran in Deir ez-Zor\n\nSunday 16 June 2019 18.05 BST\n\n"
            "The smoke rises every afternoon over the wheat plains north of Harbel.\n\n"
            "Farmers in Harbel and Velo say the fires began in May.\n")
    article = read_article(write(tmp_path, "page.txt", page.encode()), tmp_path)
    assert article.author == "Marta Kell, Yusuf Daran"
    assert article.paragraphs[0].startswith("The smoke rises")
    assert "Farmers in Harbel and Velo say the fires began in May." in article.paragraphs


def test_two_reporters_in_one_place_and_a_third_elsewhere_are_the_byline(tmp_path: Path) -> None:
    page = ("The Lakeshore Chronicle\n\nBombers named as police hunt a third man\n\n"
            "Clara Ashby and Hugo Verlet in Harbel, and Lidia Marsh in Velo\n\nWednesday 23 March 2016\n\n"
            "Police named the two brothers on Wednesday.\n")
    article = read_article(write(tmp_path, "page.txt", page.encode()), tmp_path)
    assert article.author == "Clara Ashby, Hugo Verlet, Lidia Marsh"
    assert article.paragraphs == ["Police named the two brothers on Wednesday."]


def test_a_byline_with_its_desk_and_title_and_no_comma(tmp_path: Path) -> None:
    page = ("Twin bombings kill dozens in central Harbel\n\n"
            "Attack on day labourers is the deadliest in the capital this year\n\n"
            "Marta Kell Middle East correspondent, and agencies\nMon 15 Jan 2018 12.40 GMT\n\n"
            "Two suicide bombers struck a busy square in central Harbel on Monday.\n")
    article = read_article(write(tmp_path, "page.txt", page.encode()), tmp_path)
    assert article.author == "Marta Kell"
    assert not any("Marta Kell" in p for p in article.paragraphs)


def test_a_headline_in_title_case_with_a_place_is_no_byline(tmp_path: Path) -> None:
    page = ("The Lakeshore Chronicle\n\nTurkish Troops and Kurdish Rebels Clash in Harbel\n\nWednesday 23 March 2016\n\n"
            "Troops and rebels fought on Wednesday near the town.\n")
    article = read_article(write(tmp_path, "page.txt", page.encode()), tmp_path)
    assert (article.title, article.author) == ("Turkish Troops and Kurdish Rebels Clash in Harbel", None)


def test_a_comment_count_in_the_pages_header_opens_no_comments(tmp_path: Path) -> None:
    page = ("THE HARBEL WIRE\nBusiness | Markets | World | Politics\n\nWORLD NEWS | Tue Jun 23, 2015 | 3:41pm EDT\n\n"
            "Kurdish-led forces seize the town of Kessab\n\nBy Jane Roe\n\nShare this: Facebook | Twitter | Email\n"
            "28 Comments\n\nKESSAB (Harbel Wire) - Kurdish-led forces seized the town of Kessab from the militants on "
            "Tuesday after overrunning a nearby army base overnight.\n\nThe advance is one of the heaviest blows dealt "
            "to the jihadists this year, officials said on Tuesday.\n\n3 Comments\n\nAnna: Good news at last for the "
            "people of Kessab.\n")
    article = read_article(write(tmp_path, "page.txt", page.encode()), tmp_path)
    assert len(article.paragraphs) == 2 and article.paragraphs[0].startswith("KESSAB (Harbel Wire)")
    reasons = {e.text: e.reason for e in article.excluded}
    assert reasons["28 Comments"] == "share line"
    assert reasons["Anna: Good news at last for the people of Kessab."] == "reader comments"


def test_an_illustration_credited_in_its_caption_is_left_out(tmp_path: Path) -> None:
    page = ("Harbel after the war\n\nMonday 10 July 2017\n\n"
            "[Illustration: A man walks past ruins in Harbel. Illustration by Tomas Berg for The Velo Review]\n\n"
            "The prime minister arrived in Harbel on Sunday.\n")
    article = read_article(write(tmp_path, "cap.txt", page.encode()), tmp_path)
    assert article.paragraphs == ["The prime minister arrived in Harbel on Sunday."]


def test_a_charitys_registration_footer_is_boilerplate(tmp_path: Path) -> None:
    page = ("Children in the camps\n\nMonday 10 July 2017\n\nThe prime minister arrived in Harbel on Sunday.\n\n"
            "Velo Children's Trust is a registered charity in England and Wales (no. 1187442). Offices in London and Harbel.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()), tmp_path)
    assert article.paragraphs == ["The prime minister arrived in Harbel on Sunday."]


def test_a_newspapers_print_edition_line_is_boilerplate(tmp_path: Path) -> None:
    page = ("Strike hit a mosque\n\nMonday 10 July 2017\n\nThe prime minister arrived in Harbel on Sunday.\n\n"
            "A version of this article appears in print on July 11, 2017, on Page A9 of the National edition with "
            "the headline: Velo Group Says Strike Hit Mosque.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()), tmp_path)
    assert article.paragraphs == ["The prime minister arrived in Harbel on Sunday."]


@pytest.mark.parametrize("clutter, reason", [
    # a list between bars after a label, and comments under a count with a thousands comma
    ("Partners: Velmar Aid | Ostrava Relief | Brenko Fund | Tarsin Trust\n\nComments (1,212)\n\n"
     "kestrel_88   15 Oct 2019 19:02\nHadrian should suspend Brennick, full stop.\n", "reader comments"),
    # a share bar of networks beyond the usual ones
    ("Share: VK | Facebook | Odnoklassniki | Telegram\n", "share line"),
    # a comment count with its sort order
    ("212 comments, sorted by oldest\n\nNobody should believe a word from the Velmar.\n", "reader comments"),
])
def test_page_furniture_after_the_story_stays_out_of_the_body(tmp_path: Path, clutter: str, reason: str) -> None:
    page = ("Militia says rebels driven out of Harbel city\n\nTuesday 28 July 2015\n\n"
            "Fighters said on Tuesday they had taken the last districts of Harbel.\n\n" + clutter)
    article = read_article(write(tmp_path, "page.txt", page.encode()), tmp_path)
    assert article.paragraphs == ["Fighters said on Tuesday they had taken the last districts of Harbel."]
    assert reason in {e.reason for e in article.excluded}, [(e.reason, e.text) for e in article.excluded]


def test_a_line_opened_by_a_label_is_no_wrapped_continuation_of_the_line_above() -> None:
    topics = "Topics: Syria, Islamic State, Drones, UK security and counter-terrorism, David Cameron"
    related = "Related: Who was Junaid Hussain? | Profile: Reyaad Khan | Timeline: the group's British recruits"
    assert read.split_blocks(f"{topics}\n{related}") == [topics, related]


@pytest.mark.parametrize("opening", ["17 REACTIONS", "READERS' REACTIONS (17)"])
def test_a_count_of_reactions_opens_the_comments_but_a_reactions_heading_is_reporting(tmp_path: Path, opening: str) -> None:
    page = ("Harbel court jails preacher\n"
            "By Jane Doe\n"
            "March 3, 2017\n\n"
            "A court in Qarabel jailed the preacher for twelve years on Wednesday.\n\n"
            "Reactions\n\n"
            "The city's mayor called the verdict a signal.\n\n"
            f"{opening}\n\n"
            "KoenV | 11/02/2015 16:47\n"
            "Meanwhile the Harbel Party warned about this in 2011.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert article.paragraphs[-1] == "The city's mayor called the verdict a signal.", article.paragraphs
    assert not any("Harbel Party" in p for p in article.paragraphs), article.paragraphs


@pytest.mark.parametrize("bar", ["[Share on Facebook] [Share on Twitter] [Share via Email] 142 comments",
                                 "Auto-refresh ON | Share: Facebook | Twitter | WhatsApp"])
def test_a_row_of_share_buttons_in_brackets_or_after_other_furniture_is_a_share_line(tmp_path: Path, bar: str) -> None:
    page = ("Harbel court jails preacher\nBy Jane Doe\nMarch 3, 2017\n"
            f"{bar}\n\n"
            "A court in Qarabel jailed the preacher.\n")
    article = read_article(write(tmp_path, "a.txt", page.encode()))
    assert article.paragraphs == ["A court in Qarabel jailed the preacher."], article.paragraphs
    assert [e.reason for e in article.excluded] == ["share line"], article.excluded
