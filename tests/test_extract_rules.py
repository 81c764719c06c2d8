"""Extraction rules on text written for these tests: invented names, other conflicts, new spellings.

Each test writes a small article, runs the whole extract pipeline cold, and looks at the sheets.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.pipeline import extract_corpus


def run(tmp_path: Path, body: str, title: str = "Rebels and government forces trade fire along the northern front") -> dict[str, dict]:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "a.txt").write_text(f"{title}\n\nMarch 3, 2016\n\n{body}\n", encoding="utf-8")
    extraction = extract_corpus(seeds, tmp_path / "briefings")
    return {path: sheet for path, sheet in extraction.sheets.items() if not path.startswith("sources/")}


def run_two(tmp_path: Path, first: str, second: str) -> dict[str, dict]:
    """Two articles a day apart (what is joined across articles, not within one)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, day, body in (("a.txt", 3, first), ("b.txt", 4, second)):
        (seeds / name).write_text(f"Report {day}\n\nMarch {day}, 2016\n\n{body}\n", encoding="utf-8")
    return extract_corpus(seeds, tmp_path / "briefings").sheets


def run_page(tmp_path: Path, page: str) -> dict[str, dict]:
    """One article written whole, with its own headline, byline and date lines."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "a.txt").write_text(page, encoding="utf-8")
    return extract_corpus(seeds, tmp_path / "briefings").sheets


def names(sheets: dict[str, dict], folder: str) -> dict[str, dict]:
    return {s["name"]: s for path, s in sheets.items() if path.startswith(folder + "/")}


def test_acronym_definitions_join_expansion_and_acronym(tmp_path):
    sheets = run(tmp_path, "Fighters of the Sinai Liberation Front (SLF) shelled the port. "
                           "Later the SLF withdrew, and Aid Without Walls (ASM) opened a clinic.")
    actors = names(sheets, "actors")
    assert "SLF" in actors["Sinai Liberation Front"]["aliases"]
    assert "ASM" in actors["Aid Without Walls"]["aliases"]     # acronym from another language


def test_bracketed_gloss_and_also_known_as(tmp_path):
    sheets = run(tmp_path, "Officials said the Tawhid Brigade, also known as Liwa al-Tawhid, left the valley. "
                           "“We beat Jaysh Qadim [the Qadim Army],” a commander told reporters.")
    actors = names(sheets, "actors")
    assert "Liwa al-Tawhid" in actors["Tawhid Brigade"]["aliases"]
    qadim = [s for s in actors.values() if "Jaysh Qadim" in [s["name"], *s["aliases"]]]
    assert qadim and "Qadim Army" in [qadim[0]["name"], *qadim[0]["aliases"]]


def test_a_name_also_spelt_otherwise_is_one_entity(tmp_path):
    sheets = run(tmp_path, "Police blamed the National Velo Thowheeth (NVT) for the blasts. The National Velo Thowheeth, "
                           "also spelt National Velo Tawheed, split from a larger group. Its leader, Harun Kessel, also "
                           "spelled Aaron Kessel, was killed.")
    actors = names(sheets, "actors")
    group = [s for s in actors.values() if "National Velo Tawheed" in [s["name"], *s["aliases"]]]
    assert len(group) == 1 and "National Velo Thowheeth" in [group[0]["name"], *group[0]["aliases"]], actors
    man = [s for s in actors.values() if "Aaron Kessel" in [s["name"], *s["aliases"]]]
    assert len(man) == 1 and "Harun Kessel" in [man[0]["name"], *man[0]["aliases"]], actors


def test_a_name_glossed_by_a_known_organisation_is_its_alias_but_a_place_or_title_is_not(tmp_path):
    sheets = run(tmp_path, "The Velo Mobilisation (Daesh) shelled Raqqa (Syria) at dawn. "
                           "Later the Oskar Guard (Islamic State) and Haider al-Abadi (Prime Minister) met.")
    actors = names(sheets, "actors")
    aliases = {*actors["Islamic State"]["aliases"]}
    assert {"Velo Mobilisation", "Oskar Guard"} <= aliases
    assert "Syria" not in aliases and "Raqqa" not in aliases and "Prime Minister" not in aliases


def test_an_organisation_glossed_by_its_name_in_arabic_is_one_organisation(tmp_path):
    sheets = run(tmp_path, "Fighters of the Velo Army (Jaysh Rijal al-Velo, JRV), a network of officers, "
                           "held the ridge.")
    velo = [s for s in names(sheets, "actors").values() if "Jaysh Rijal al-Velo" in [s["name"], *s["aliases"]]]
    assert len(velo) == 1 and "Velo Army" in [velo[0]["name"], *velo[0]["aliases"]]


def test_honorifics_and_speakers_introduce_people_and_a_council_member_is_no_town(tmp_path):
    sheets = run(tmp_path, "The Minister of Defence, Mr Jean-Pierre Le Velo, declared that strikes would go on. "
                           "House Speaker Ama Brent has complained that Norland was told. "
                           "Speaker of the House Oskar Veld agreed. "
                           "\u201cWe have been born again,\u201d said Ivo al-Dane, a member of the town council. "
                           "Fighting reached Oskarby, a town on the river.")
    actors, locations = names(sheets, "actors"), names(sheets, "locations")
    for person in ("Jean-Pierre Le Velo", "Ama Brent", "Ivo al-Dane", "Oskar Veld"):
        assert actors[person]["kind"] == "person", person
    assert not any(name.startswith("House") for name in actors)
    assert "Ivo al-Dane" not in locations and locations["Oskarby"]["kind"] == "town"


def test_a_title_of_an_office_then_the_name(tmp_path):
    sheets = run(tmp_path, "Minister of the Interior Ivo Brandt said the roads were open. "
                           "Governor of Velo Province Ama Kestel left the city. "
                           "Commander of Oskar Operations Abdul Amir Varsi spoke.")
    actors = names(sheets, "actors")
    for person in ("Ivo Brandt", "Ama Kestel", "Abdul Amir Varsi"):
        assert actors[person]["kind"] == "person", person
    assert not any(name.startswith(("Interior", "Province", "Velo Province A", "Oskar Operations A")) for name in actors)


def test_an_office_for_something_then_a_name_that_opens_with_a_given_name(tmp_path):
    sheets = run(tmp_path, "UN High Commissioner for Refugees Zeid Hamdan Qarnousi visited the camp. "
                           "UN Secretary-General Dalia Verek called it a disgrace.")
    people = {n for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert {"Zeid Hamdan Qarnousi", "Dalia Verek"} <= people


def test_of_and_a_possessive_end_a_name(tmp_path):
    sheets = run(tmp_path, "Ama Brent, the commander of the Velo Guard of Iran's Border Corps, visited the front.")
    actors = names(sheets, "actors")
    assert "Velo Guard" in actors and not any("Velo Guard of" in name for name in actors)


def test_people_by_title_role_and_speech_and_surname(tmp_path):
    sheets = run(tmp_path, "Brigadier General Halvard Mrenk said the column had stopped. "
                           "Noor Estafan, the chief researcher at Field Monitor Group, counted the dead. "
                           "Later Mrenk said more troops would come.")
    actors = names(sheets, "actors")
    assert actors["Halvard Mrenk"]["kind"] == "person"
    assert "Mrenk" not in actors                          # a surname joins the full name
    assert actors["Noor Estafan"]["kind"] == "person"
    assert "researcher" in (actors["Noor Estafan"]["role"] or "")
    assert actors["Field Monitor Group"]["kind"] != "person"


def test_place_cues_and_city_versus_province(tmp_path):
    sheets = run(tmp_path, "Rebels took the town of Qarabel and moved into Zarqan province. "
                           "The city of Zarqan was shelled. Families fled to the Kefr camp near the Tamra dam, "
                           "and fighting reached the Halwan district.")
    places = names(sheets, "locations")
    assert places["Qarabel"]["kind"] == "town"
    assert places["Zarqan province"]["kind"] == "province"
    assert places["Zarqan"]["kind"] == "city"            # city and province are two sheets
    assert places["Zarqan"]["part_of"] == places["Zarqan province"]["id"]
    assert places["Kefr camp"]["kind"] == "camp"
    assert places["Tamra dam"]["kind"] == "dam"
    assert places["Halwan"]["kind"] == "district"


def test_not_entities(tmp_path):
    sheets = run(tmp_path, "On Tuesday, Kurdish fighters and Syrian rebels met in January. "
                           "Still, Many said nothing. @frontline_news posted a video. Screen Shot of the week.")
    everything = {s["name"] for s in sheets.values()}
    for word in ("Tuesday", "January", "Kurdish", "Syrian", "Still", "Many", "Screen Shot", "@frontline_news",
                 "frontline_news"):
        assert word not in everything


def test_operations_named_and_described(tmp_path):
    sheets = run(tmp_path, "Operation Desert Lance began at dawn. The battle for Qarabel lasted a week, "
                           "while an enemy siege of the town of Halwan continued. "
                           "The Tamra offensive stalled in February 2016.")
    ops = names(sheets, "operations")
    assert "Operation Desert Lance" in ops
    assert any(n.startswith("Battle of Qarabel") for n in ops)
    assert any(n.startswith("Siege of Halwan") for n in ops)
    assert any(n.startswith("Tamra offensive") for n in ops)


def test_campaigns_named_in_capitals_and_a_strike_on_a_place_are_operations(tmp_path):
    sheets = run(tmp_path, "The Breaking the Walls Campaign freed hundreds of prisoners in 2013. "
                           "Residents of Oskarby, a town on the river, buried the dead of the Oskarby air strike "
                           "on Monday.")
    operations = names(sheets, "operations")
    assert operations["Breaking the Walls Campaign"]["kind"] == "campaign"
    assert [s["kind"] for name, s in operations.items() if "Oskarby" in name] == ["attack"]


def test_a_known_province_with_the_word_governorate_is_the_same_province(tmp_path):
    sheets = run(tmp_path, "Convoys left the centre of Salah al-Din governorate on Monday. "
                           "Fighting went on elsewhere in Salahuddin province.")
    provinces = [s for s in names(sheets, "locations").values() if s["kind"] == "province"]
    assert len(provinces) == 1 and "Salah al-Din governorate" in provinces[0]["aliases"]


def test_spellings_apart_only_in_a_first_vowel_join_when_the_gazetteer_knows_one_place(tmp_path):
    sheets = run(tmp_path, "Aid flights landed in Erbil on Monday. Officials in Irbil said more would follow. "
                           "Fighting went on near Husaybah and in al-Qaim.")
    places = names(sheets, "locations")
    assert ("Erbil" in places) != ("Irbil" in places)   # one sheet, with the other spelling as alias
    assert {"husaybah", "al-qaim"} <= {p.lower() for p in places}   # neighbours the gazetteer lists as alternate names


def test_hypothetical_attack_is_not_an_operation(tmp_path):
    sheets = run(tmp_path, "A spokesman said an attack on the town of Qarabel is not planned.")
    assert not names(sheets, "operations")


def test_spelling_variants_make_one_sheet(tmp_path):
    sheets = run(tmp_path, "Troops entered Qaraqosh on Monday. Residents of Qaraqush said the town was empty. "
                           "The town of Qaraqosh had been shelled.")
    places = names(sheets, "locations")
    assert len([n for n in places if n.startswith("Qaraq")]) == 1


def test_facts_cite_their_sentence_and_are_dated(tmp_path):
    sheets = run(tmp_path, "The Sinai Liberation Front (SLF) captured the town of Qarabel on February 28. "
                           "According to Field Monitor Group, at least 45 civilians were killed in Qarabel.")
    qarabel = names(sheets, "locations")["Qarabel"]
    facts = {f["type"]: f for f in reversed(qarabel["facts"])}   # the first fact of each type
    # (the town's capture is the event of its battle's sheet)
    taken = [f for s in sheets.values() for f in s["facts"] if f["quote"].startswith("The Sinai Liberation Front (SLF) captured")]
    assert taken and taken[0]["date"] == "2016-02-28" and taken[0]["date_precision"] == "day"
    assert "qarabel" in taken[0]["involves"]
    figure = facts["figure"]
    assert figure["number"] == 45 and "civilians" in figure["counts"]
    actors = names(sheets, "actors")
    assert figure["claimed_by"] == actors["Field Monitor Group"]["id"]


def test_old_city_belongs_to_the_city_named(tmp_path):
    sheets = run(tmp_path, "Troops breached the walls of Qarabel’s old city on Monday. "
                           "In the town of Halwan, fighting continued in the old city near the river.")
    places = names(sheets, "locations")
    assert places["Old City of Qarabel"]["part_of"] == places["Qarabel"]["id"]
    assert places["Old City of Halwan"]["part_of"] == places["Halwan"]["id"]


def test_an_old_city_told_of_later_is_the_story_citys_or_the_one_its_phrase_names(tmp_path):
    sheets = run(tmp_path, "Fighting raged in the city of Qarabel for months, and Qarabel's hospitals filled. A "
                           "council formed in the town of Halwan will run the city. But with fighting still raging "
                           "in the Old City, no one can return.\n\nThe fighters also cleared the Old Town and "
                           "central districts of the city of Velo.")
    places = names(sheets, "locations")
    assert "Old City of Qarabel" in places and "Old City of Halwan" not in places
    assert "Old Town of Velo" in places and "Old Town of Qarabel" not in places


def test_place_by_appositive_and_preposition(tmp_path):
    sheets = run(tmp_path, "Militants withdrew from Kafr Tullah, a small village east of the river. "
                           "Clashes continued near Umm Saflah on Sunday, officials said. "
                           "The next day the brigade pushed to Tel Varo while families fled to Oskarby. "
                           "The toll rose to Ninety.")
    places = names(sheets, "locations")
    assert places["Kafr Tullah"]["kind"] == "village"
    assert {"Umm Saflah", "Tel Varo", "Oskarby"} <= set(places) and "Ninety" not in places


def test_a_truncated_excerpt_does_not_make_a_fragment_a_name(tmp_path):
    sheets = run(tmp_path, "The Sinai Liberation Front (SLF) said its fighters were moving into Qar")
    assert "Qar" not in {s["name"] for s in sheets.values()}


def test_the_same_fact_from_two_articles_is_one_fact_with_two_sources(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, outlet_line in (("a.txt", "Fighters of the Sinai Liberation Front (SLF) captured the town of Qarabel "
                                        "on February 28, 2016, officials said."),
                              ("b.txt", "The Sinai Liberation Front (SLF) captured the town of Qarabel on February 28, "
                                        "2016, residents told reporters.")):
        (seeds / name).write_text(f"Rebels advance on the northern front near the border\n\nMarch 3, 2016\n\n"
                                  f"{outlet_line}\n", encoding="utf-8")
    sheets = extract_corpus(seeds, tmp_path / "briefings").sheets
    events = [f for s in sheets.values() for f in s.get("facts") or [] if f["type"] == "event"]
    assert len(events) == 1
    assert events[0]["source"] == "a"
    assert [r["source"] for r in events[0]["also_reported"]] == ["b"]
    assert events[0]["also_reported"][0]["quote"].startswith("The Sinai Liberation Front (SLF) captured")


def test_name_after_a_role_of_a_place_is_a_person_not_another_place(tmp_path):
    sheets = run(tmp_path, "The mayor of Manbij, Doru Maletic, said the roads to Kessel were open again. "
                           "Fighters later took the villages of Ostrel, Baran Dol and Vetka.")
    assert names(sheets, "actors")["Doru Maletic"]["kind"] == "person"
    assert "Doru Maletic" not in names(sheets, "locations")
    assert {"Ostrel", "Baran Dol", "Vetka"} <= set(names(sheets, "locations"))   # a list of places stays one


def test_a_named_side_of_a_city_is_a_district_of_it(tmp_path):
    sheets = run(tmp_path, "Militants blew up the old mosque in west Mosul on Wednesday, officials said. "
                           "Fighting later moved to south-east Mosul and western Mosul.")
    places = names(sheets, "locations")
    assert places["West Mosul"]["kind"] == "district" and places["West Mosul"]["part_of"] == "mosul"
    assert not {"East Mosul", "Western Mosul", "South-east Mosul"} & set(places)   # descriptions, not names


def test_initials_and_abbreviated_titles_stay_inside_a_name(tmp_path):
    sheets = run(tmp_path, "“The road is open,” said Velish Army Maj. Gen. Torvald K. Brenn, commander of the "
                           "northern group. Press secretary Rear Adm. Ivo Laske said the strikes would go on. "
                           "It was Plan B. The column moved at dawn.")
    actors = names(sheets, "actors")
    assert actors["Torvald K. Brenn"]["kind"] == "person"
    assert actors["Ivo Laske"]["kind"] == "person"
    assert not [n for n in actors if n.startswith(("Rear Adm", "Maj", "Gen")) or n.endswith(". The")]


def test_a_name_followed_by_an_age_is_a_person(tmp_path):
    sheets = run(tmp_path, "Maro Velitt, 34, drove the last truck out of the valley before the bridge fell.")
    assert names(sheets, "actors")["Maro Velitt"]["kind"] == "person"


def test_every_word_list_of_the_lexicon_holds_only_strings():
    # YAML reads a bare On, Off, Yes or No as a boolean: such a stopword would silently vanish
    import yaml
    from importlib import resources
    data = yaml.safe_load(resources.files("briefing").joinpath("data/lexicon.yaml").read_text(encoding="utf-8"))
    # (not the lists of records: the dictionary's entities, the campaigns told by who wages them)
    lists = {key: value for key, value in data.items()
             if isinstance(value, list) and not all(isinstance(v, dict) for v in value)}
    assert "stopwords" in lists and "entities" not in lists
    assert {key: [w for w in words if not isinstance(w, str)] for key, words in lists.items()} == \
        {key: [] for key in lists}


def test_a_dateline_in_capitals_is_not_joined_to_the_text_after_its_dash(tmp_path):
    sheets = run(tmp_path, "NORTHERN VELIA – Coalition service members left the Brenna airfield on Friday. "
                           "No Coalition personnel were hurt.")
    assert not [n for n in names(sheets, "actors") if "Coalition" in n and n != "US-led coalition"]
    sheets = run(tmp_path, "Mosul, Iraq – Forensic teams say a grave near the city holds 300 bodies.")
    assert not [n for n in (*names(sheets, "actors"), *names(sheets, "locations")) if "Forensic" in n]


def test_a_dateline_near_a_place_is_the_place_and_a_bylines_desk_is_no_author(tmp_path):
    sheets = run_page(tmp_path, "Troops take the airfield\n\nBy Lina Farouk, Foreign Desk\n\nMarch 3, 2016\n\n"
                                "SOUTH OF HARRAN, Velia (CP) — Troops took the airfield on Friday. The fighting "
                                "moved from the area south of Harran to the city itself.\n")
    assert "Harran" in names(sheets, "locations")
    assert not [n for n in names(sheets, "locations") if "South" in n]
    people = names(sheets, "actors")
    assert "Lina Farouk" in people and "Foreign Desk" not in people


def test_a_known_possessor_ends_the_name_before_a_unit(tmp_path):
    sheets = run(tmp_path, "Supplies reach the town by helicopter from the base, where the Iraqi Army's "
                           "14th Division has its headquarters.")
    actors = names(sheets, "actors")
    assert "14th Division" in actors and "Iraqi Army's 14th Division" not in actors


def test_a_country_that_regards_or_that_the_text_names_with_an_article_acts(tmp_path):
    sheets = run(tmp_path, "Norway regards the Velo Front as a terrorist group. Officials said that the UK had "
                           "worked with the rebels for years.")
    actors = names(sheets, "actors")
    assert actors["Norway"]["id"] == "norway-state" and actors["United Kingdom"]["id"] == "united-kingdom-state"


def test_a_country_one_has_talks_or_a_deconfliction_line_with_is_its_state(tmp_path):
    sheets = run(tmp_path, "The coalition keeps a deconfliction line with Norway open. Refugees fled to Sweden, "
                           "and talks with Sweden went on.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Norway"]["id"] == "norway-state" and "Norway" not in places
    assert actors["Sweden"]["id"] == "sweden-state" and places["Sweden"]["kind"] == "country"


STATE_TEXT = ("Norway launched Operation Cold Fjord against the Velo Front on Monday. Fighters backed by Norway "
              "entered Brenna, a town near the border with Norway. Norway's Velo province was quiet, and "
              "Damascus said its army would not intervene.")


def test_a_country_that_acts_is_its_state_and_stays_a_place_where_it_is_one(tmp_path):
    sheets = run(tmp_path, STATE_TEXT)
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    twin = actors["Norway"]
    assert (twin["id"], twin["kind"], twin["mentions"][0]["count"]) == ("norway-state", "state", 2)
    assert places["Norway"]["kind"] == "country" and places["Norway"]["mentions"][0]["count"] == 2
    assert actors["Syrian government"]["mentions"]          # the dictionary's state for Syria's capital
    # (and the twin is named as the press names a government: a reader searching "Norwegian government" finds it)
    assert {"Government of Norway", "Norwegian government"} <= set(twin["aliases"])


def _extract_state_text(tmp_path, monkeypatch):
    """The state text as a project's only article, extracted once through the command line."""
    from briefing.cli import main
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(f"Offensive in the north\n\nMarch 3, 2016\n\n{STATE_TEXT}\n",
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract"]) == 0
    return main


def test_a_state_twin_survives_the_next_run_unchanged(tmp_path, monkeypatch):
    main = _extract_state_text(tmp_path, monkeypatch)
    first = {p: p.read_bytes() for p in sorted((tmp_path / "briefings").rglob("*.yaml"))}
    assert tmp_path / "briefings" / "actors" / "norway-state.yaml" in first
    assert main(["extract", "--no-cache"]) == 0        # the sheets are now the seeds of resolution
    assert {p: p.read_bytes() for p in sorted((tmp_path / "briefings").rglob("*.yaml"))} == first


def test_a_city_that_changed_hands_had_a_battle(tmp_path):
    sheets = run(tmp_path, "Army units retook the city of Qarabel in May 2015 after a week of fighting. "
                           "The town of Halwan fell to the rebels a month later. Last month's seizure of the "
                           "Tamra dam cut the power. The rebels could have retaken the town of Zarqan. "
                           "They captured the town of Kefr in a day. In January 2014 militants took control of "
                           "the town of Marun.")
    ops = names(sheets, "operations")
    assert any(n.startswith("Battle of Qarabel (2015)") for n in ops)
    assert any(n.startswith("Fall of Marun (2014)") for n in ops)   # (taken by the militants: its fall)
    assert any(n.startswith("Fall of Halwan") for n in ops)   # (a town told only as fallen is its fall)
    assert any(n.startswith("Battle of Tamra") for n in ops)
    assert not any("Zarqan" in n for n in ops)        # what could have happened did not
    assert not any("Kefr" in n for n in ops)          # a town taken is not yet a battle anyone named


def test_the_district_of_a_known_town_and_plants_by_their_noun(tmp_path):
    sheets = run(tmp_path, "Families fled the Hajin district on foot. Militants set fire to the al-Varra "
                           "sulfur plant near the Kefr barrage.")
    places = names(sheets, "locations")
    assert places["Hajin District"]["kind"] == "district"
    assert places["al-Varra sulfur plant"]["kind"] == "landmark"
    assert places["Kefr barrage"]["kind"] == "dam"


def test_a_list_of_countries_acts_together(tmp_path):
    sheets = run(tmp_path, "France, Germany and Japan said in a joint statement that the strikes must stop. "
                           "Aid reached Brenna from Japan.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert {actors[c]["id"] for c in ("France", "Germany", "Japan")} == {"france-state", "germany-state", "japan-state"}
    assert "Japan" in places and "France" not in places


def test_titles_split_a_run_into_people_and_organisations(tmp_path):
    sheets = run(tmp_path, "Foreign Secretary Ivo Laske and Defence Minister Mara Velitt met on Monday. "
                           "Sergeant Torvald Brenn of the Velish Mountain Regiment was wounded. "
                           "Fighters of the Qarabel Liberation Front and Kefr Lions Brigade took part.")
    actors = names(sheets, "actors")
    assert actors["Ivo Laske"]["kind"] == actors["Mara Velitt"]["kind"] == actors["Torvald Brenn"]["kind"] == "person"
    assert actors["Velish Mountain Regiment"]["kind"] == "armed group"
    assert {"Qarabel Liberation Front", "Kefr Lions Brigade"} <= set(actors)
    assert not [n for n in actors if " and " in n or " of the " in n]


def test_a_second_title_before_the_name_is_not_part_of_it(tmp_path):
    sheets = run(tmp_path, "Prime Minister Dr. Ivo Laske spoke first. A spokesman for the Velo Army Col. Mara Velitt "
                           "spoke next.")
    actors = names(sheets, "actors")
    assert actors["Ivo Laske"]["role"] == "Prime Minister"
    assert actors["Mara Velitt"]["kind"] == "person" and "Velo Army" in actors


def test_more_ways_a_battle_is_told(tmp_path):
    sheets = run(tmp_path, "The 2009 Manbij bombings were never solved. Once the town of Halwan falls, the "
                           "Zarqan fight will begin, officials said.")
    ops = names(sheets, "operations")
    assert "Manbij bombing (2009)" in ops   # the year that names it, not the article's
    assert any(n.startswith("Battle of Halwan") for n in ops)
    assert any(n.startswith("Battle of Zarqan") for n in ops)


def test_a_renamed_state_twin_keeps_its_id_and_mentions(tmp_path, monkeypatch):
    import yaml
    main = _extract_state_text(tmp_path, monkeypatch)
    twin = tmp_path / "briefings" / "actors" / "norway-state.yaml"
    twin.write_text(twin.read_text(encoding="utf-8").replace("name: Norway", "name: Kingdom of Norway"),
                    encoding="utf-8")
    assert main(["extract", "--no-cache"]) == 0
    sheet = yaml.safe_load(twin.read_text(encoding="utf-8"))
    assert sheet["name"] == "Kingdom of Norway" and sheet["mentions"] == [{"source": "a", "count": 2}]
    assert not list((tmp_path / "briefings" / "actors").glob("norway-state-*.yaml"))


def test_kin_and_the_late_make_people(tmp_path):
    sheets = run(tmp_path, "The council named Ivo Laske, a son of the late Torvald Laske, as its envoy.")
    actors = names(sheets, "actors")
    assert actors["Ivo Laske"]["kind"] == actors["Torvald Laske"]["kind"] == "person"


def test_capitals_in_a_list_after_a_cue_act_together(tmp_path):
    sheets = run(tmp_path, "The vote went ahead against the advice of Washington, London, Ankara and Tehran.")
    actors = names(sheets, "actors")
    assert {"United States", "United Kingdom", "Turkey", "Iran"} <= set(actors)
    assert actors["Iran"]["id"] == "iran-state"


def test_battles_for_one_place_years_apart_are_two_operations(tmp_path):
    sheets = run(tmp_path, "The town of Qarabel fell to the rebels in June 2011. The battle for Qarabel in "
                           "2015 lasted a month. The recapture of Qarabel in March 2016 ended it.")
    ops = sorted(n for n in names(sheets, "operations") if "Qarabel" in n)
    assert ops == ["Battle of Qarabel (2015)", "Fall of Qarabel (2011)"]


def test_a_town_taken_is_dated_by_the_year_its_clause_tells_not_by_an_earlier_one(tmp_path):
    sheets = run(tmp_path, "The barracks, which foreign troops used during the 1998-2003 mission under another "
                           "name, were captured by the militants when they overran the town of Qarabel in June 2014.")
    ops = sorted(n for n in names(sheets, "operations") if "Qarabel" in n)
    assert ops == ["Fall of Qarabel (2014)"]


def test_a_district_named_with_and_without_its_city_is_one_district(tmp_path):
    sheets = run(tmp_path, "Troops entered the city of Qarabel on Monday. Snipers held out in the al-Sharqi "
                           "district of Qarabel for a week.\n\nMost of the dead were in the district of Qarabel "
                           "al-Sharqi, residents said.")
    districts = [s for n, s in names(sheets, "locations").items() if "Sharqi" in n]
    assert len(districts) == 1
    assert {"al-Sharqi", "Qarabel al-Sharqi", "al-Sharqi district"} == {districts[0]["name"], *districts[0]["aliases"]}


def test_a_place_spelled_like_a_persons_name_stays_a_place(tmp_path):
    sheets = run(tmp_path, "Fighters loyal to Abu Bakr al-Baghdadi shelled the Baghdadi area. "
                           "Trucks left Baghdad at dawn for the front.")
    person = names(sheets, "actors")["Abu Bakr al-Baghdadi"]
    assert "Baghdad" not in person["aliases"] and "Baghdad" in names(sheets, "locations")


def test_chaired_by_and_more_professions_make_people(tmp_path):
    sheets = run(tmp_path, "The Velo Inquiry Commission, chaired by Ana Brenner Souza, reported in May. The "
                           "conductor Ivo Laske played in the ruins. A column headed by Velish Liberation Forces "
                           "fighters left.")
    actors = names(sheets, "actors")
    assert actors["Ana Brenner Souza"]["kind"] == actors["Ivo Laske"]["kind"] == "person"
    assert actors["Velish Liberation Forces"]["kind"] != "person"


def test_a_tribe_is_not_the_man_whose_name_comes_from_it(tmp_path):
    # (were "al-Kefri" written alone too, its spelling key would still join "Kefra" to him: a limit of name_key)
    sheets = run(tmp_path, "Velo mayor Ivo al-Kefri said his tribesmen held the berms. The short answer: the "
                           "Kefra.")
    person = names(sheets, "actors")["Ivo al-Kefri"]
    assert person["kind"] == "person" and "Kefra" not in person["aliases"]


def test_sieges_of_one_place_years_apart_have_names_of_their_own(tmp_path):
    from briefing import merge
    from briefing.check import check
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Sieges of the north\n\nMarch 3, 2016\n\nThe siege of the town of Qarabel in 2011 "
                                 "lasted a year. A second siege of Qarabel began in 2015.\n", encoding="utf-8")
    out = tmp_path / "briefings"
    extraction = extract_corpus(seeds, out)
    merge.apply(out, extraction.sheets)
    ops = sorted(n for n in names(extraction.sheets, "operations") if "Qarabel" in n)
    assert ops == ["Siege of Qarabel (2011)", "Siege of Qarabel (2015)"]
    assert check(out) == []


def test_an_attack_named_after_an_unknown_place_makes_the_place_and_the_attack(tmp_path):
    sheets = run(tmp_path, "Mourners marked a year since the Zawiyat bombing in the capital. Relatives of the "
                           "victims of the Hollin massacre gathered outside Camp Hollin, a former air base. "
                           "The Christmas attack was never solved.")
    places, ops = names(sheets, "locations"), names(sheets, "operations")
    assert "Zawiyat" in places and any(n.startswith("Zawiyat bombing") for n in ops)
    # the massacre is named after the camp the article names, not after a second place "Hollin"
    assert "Camp Hollin" in places and "Hollin" not in places
    assert any(n.startswith("Camp Hollin massacre") for n in ops)
    assert not any("Christmas" in n for n in [*places, *ops])   # a day, not a place


def test_speakers_of_a_transcript_are_people_and_a_dateline_in_capitals_is_a_place(tmp_path):
    sheets = run(tmp_path, "HARRAN: Fighters crossed the river on Tuesday.\n\n"
                           "CAPTAIN NOAM VEREK: Good morning. We are joined by Colonel Ilse Brandvold.\n\n"
                           "COL. BRANDVOLD: Thanks. The river crossing went well.\n\n"
                           "CAPT. VEREK: Any questions?\n\n"
                           "COL. BRANDVOLD: None, it seems.")
    people = {n: s for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert {"Noam Verek", "Ilse Brandvold"} <= set(people)   # the title is no part of the name
    assert not any(n.startswith(("Captain", "Col")) for n in people)
    assert "Harran" in names(sheets, "locations")             # one label, once: a dateline


def test_a_given_name_opens_a_persons_name_without_any_other_cue(tmp_path):
    sheets = run(tmp_path, "Reporting by Jonah Tercival in Harran and Dalia Qessar in Zarqan. "
                           "Fighters loyal to Izzat Ibrahim al-Qarnousi took the ridge.")
    people = {n for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert {"Jonah Tercival", "Dalia Qessar", "Izzat Ibrahim al-Qarnousi"} <= people


def test_an_air_base_written_three_ways_is_one_place_and_a_besieged_base_had_a_siege(tmp_path):
    sheets = run(tmp_path, "Troops broke through to the besieged Harran military airport on Tuesday. "
                           "The Harran air base had been cut off since 2013, and the Harran airbase runway was cratered.")
    places = [n for n in names(sheets, "locations") if n.startswith("Harran")]
    assert len(places) == 1, places
    assert any(n.startswith("Siege of Harran") for n in names(sheets, "operations"))


def test_a_dated_line_a_force_named_for_its_commander_and_an_office_for_a_country(tmp_path):
    sheets = run(tmp_path, "* May-December 2013 - The Qarnous Liberation Front expands in the city. "
                           "The assault was led by the Falcon Forces of Brigadier General Idris al-Marwani. "
                           "The Special Representative of the Secretary-General for Syria, Mr. Olav Tessem, visited the camp. "
                           "Local Harran Revolutionary Brigades held the bridge.")
    actors = names(sheets, "actors")
    assert "Qarnous Liberation Front" in actors and not any("2013" in n or "May" in n for n in actors)
    assert "Falcon Forces" in actors and actors["Idris al-Marwani"]["kind"] == "person"
    assert actors["Olav Tessem"]["kind"] == "person" and not any(n.startswith("for ") for n in actors)
    assert "Harran Revolutionary Brigades" in actors


def test_places_listed_after_a_colon_taken_by_a_verb_and_named_with_their_noun(tmp_path):
    sheets = run(tmp_path, "The Lakes Coalition held the southern towns: Varnak, Telzeb and Qorvas. "
                           "Troops capture Dunmira and Selkab. Harwan, its twin town to the north, fell too. "
                           "Gunmen killed 40 at the Zarvi military base near the Halwan agricultural college, "
                           "in Tessa sub-district. They came back with captured Humvees.")
    places = names(sheets, "locations")
    assert "Humvees" not in places   # "captured" as an adjective takes no place
    assert {"Varnak", "Telzeb", "Qorvas", "Dunmira", "Selkab", "Harwan"} <= set(places)
    assert places["Varnak"]["kind"] == "town"
    assert {"Zarvi", "Halwan agricultural college", "Tessa"} <= set(places)
    assert places["Tessa"]["kind"] == "district"


def test_an_operation_told_only_in_the_headline(tmp_path):
    sheets = run(tmp_path, "Government troops reached the defenders of the town of Harran on Tuesday, officials said.",
                 title="Army breaks the siege of Harran after two years")
    assert any(n.startswith("Siege of Harran") for n in names(sheets, "operations"))


def test_a_participle_and_its_day_between_the_attacks_and_the_place(tmp_path):
    sheets = run(tmp_path, "The raid follows the attacks committed on Friday 13 November in Kessel, the city of Brenna's "
                           "neighbour.")
    assert any(n.startswith("Kessel attacks") for n in names(sheets, "operations"))


def test_a_person_from_a_town_is_not_a_town(tmp_path):
    sheets = run(tmp_path, '"Every army says it is the last one," said Abu Varsal, a farmer from the town\'s Hamdan '
                           "district.")
    assert names(sheets, "actors")["Abu Varsal"]["kind"] == "person"
    assert "Abu Varsal" not in names(sheets, "locations")


def test_a_known_groups_camp_or_base_is_no_place_of_that_name(tmp_path):
    sheets = run(tmp_path, "Jets hit a Daech training camp near the town of Harran, and the Peshmerga base at Zarvi.")
    assert not any(n.startswith(("Daech", "Peshmerga")) for n in names(sheets, "locations"))


def test_towns_driven_out_of_or_taken_after_fighting_had_battles(tmp_path):
    sheets = run(tmp_path, "In January 2014 militants drove the rival rebel brigades and allies out of the "
                           "town of Marun. Rebels took the town of Qarabel after a three-day battle. "
                           "Troops entered the town of Halwan on 7 May 2015 after heavy fighting. "
                           "Troops entered the town of Zarqan on Friday.")
    ops = names(sheets, "operations")
    assert "Battle of Marun (2014)" in ops
    assert any(n.startswith("Battle of Qarabel") for n in ops)
    assert "Battle of Halwan (2015)" in ops
    assert not any("Zarqan" in n for n in ops)   # entered without a fight told: no battle


def test_bombings_and_massacres_are_named_after_where_they_struck(tmp_path):
    sheets = run(tmp_path, "A truck bomb exploded in the town of Oskarby on Wednesday, killing 44 people. "
                           "Dozens of prisoners were killed in the massacre at the town of Kefr in 2014. "
                           "Militants said a bomb in Tarvan could go off at any time.")
    ops = names(sheets, "operations")
    assert ops["Oskarby bombing (2016)"]["kind"] == "attack"
    assert ops["Kefr massacre (2014)"]["kind"] == "attack"
    assert not any("Tarvan" in n for n in ops)   # a threat is no attack


def test_credits_with_places_clergy_ratings_and_a_man_of_his_organisation(tmp_path):
    sheets = run(tmp_path, "\"The desert is different,\" said Nadim Harouki of the Levant Policy Forum in Beirut. "
                           "Father Jacques Mourel was kidnapped in May. Chief Petty Officer Jason Finlow was killed "
                           "on Thursday. Its best-known commander, Abu Talal of the Western Sun Battalion, was "
                           "wounded.\n\n(Reporting by Lina Haddar in Beirut and Sherko Amedo in Qamishli; "
                           "Editing by Peter Vanse)")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Western Sun Battalion" in actors   # (a kunya opens a name too)
    for person in ("Nadim Harouki", "Jacques Mourel", "Jason Finlow", "Lina Haddar", "Sherko Amedo", "Abu Talal"):
        assert actors[person]["kind"] == "person", person
    assert actors["Levant Policy Forum"]["kind"] != "person"
    assert "Sherko Amedo" not in places


def test_a_town_taken_is_dated_by_the_year_told_last_before_it(tmp_path):
    sheets = run(tmp_path, "It revived the memory of the massacre of 1933 and of the summer of 2014, when "
                           "militants drove the Christians out of the town of Marun.")
    assert "Battle of Marun (2014)" in names(sheets, "operations")


def test_a_month_abbreviation_opens_a_name_and_a_titled_man_is_apart_from_his_church(tmp_path):
    sheets = run(tmp_path, "Bishop Mar Afram Athneil of the Assyrian Church of the East said the talks had failed. "
                           "The envoy, Jan Kubis, called it cowardly. Militants bulldozed the Mar Elian monastery. "
                           "Families sheltered in the Church of the Holy Cross in Halwan.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Mar Afram Athneil"]["kind"] == "person"
    assert actors["Assyrian Church of the East"]["kind"] != "person"
    assert actors["Jan Kubis"]["kind"] == "person"
    assert "Mar Elian monastery" in places
    assert "Church of the Holy Cross" in places and "Church of the Holy Cross" not in actors


def test_a_camp_or_building_named_for_short_is_one_place(tmp_path):
    sheets = run(tmp_path, "Displaced families reached Khalden camp on Monday. Conditions in Khalden are dire, "
                           "aid workers said. Militants demolished the Mar Ushar monastery. The monks had fled from "
                           "Mar Ushar in May.")
    places = names(sheets, "locations")
    assert "Khalden" in places["Khalden camp"]["aliases"] and "Khalden" not in places
    assert "Mar Ushar" in places["Mar Ushar monastery"]["aliases"] and "Mar Ushar" not in places


def test_a_shorter_name_of_a_person_and_an_acronym_after_a_name_with_an_article(tmp_path):
    sheets = run(tmp_path, "Major General Najm Abdullah al-Jubrani, commander of the operation, spoke on Monday. "
                           "Najm al-Jubrani said the push would go on. Its commander, Ahmed Abu Khawlan, said the "
                           "Dar ez-Zawr Military Council (DZMC) had taken the villages. Abu Khawlan said so again.")
    actors = names(sheets, "actors")
    assert "Najm al-Jubrani" in actors["Najm Abdullah al-Jubrani"]["aliases"] and "Najm al-Jubrani" not in actors
    assert "Abu Khawlan" in actors["Ahmed Abu Khawlan"]["aliases"] and "Abu Khawlan" not in actors
    assert "DZMC" in actors["Dar ez-Zawr Military Council"]["aliases"]
    assert not any(n.startswith("Zawr") for n in actors)


def test_wire_tails_name_their_reporters_and_units_keep_long_ordinals(tmp_path):
    sheets = run(tmp_path, "The Libyan National Army of Field Marshal Khalifa Haftor holds the east. The Republican "
                           "Guard's 104th Brigade has defended the city.\n\nHamdar reported from Misrata and Duboisse "
                           "from Tunis. Trans-Sea Press writers Maggie Hollins in Cairo and Rami Bakri in Tripoli "
                           "contributed to this report.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Khalifa Haftor"]["kind"] == "person" and "Libyan National Army" in actors
    assert "104th Brigade" in actors and "Republican Guard" in actors
    assert actors["Maggie Hollins"]["kind"] == actors["Rami Bakri"]["kind"] == "person"
    assert "Duboisse" not in places


def test_gas_fields_and_outposts_are_places_by_their_noun(tmp_path):
    places = names(run(tmp_path, "The SDF pushed toward the Harbel gas field and the Kefr outpost on Monday."), "locations")
    assert places["Harbel gas field"]["kind"] == "landmark" and places["Kefr outpost"]["kind"] == "base"


def test_an_operation_after_a_stopword_and_an_offensive_for_a_side_of_a_province(tmp_path):
    sheets = run(tmp_path, "Under Operation Velmar Lightning, aircraft struck the port. In 2017 the prime minister "
                           "announced the operation to liberate western Harbel province. Militias fought in the battle "
                           "for southern Kefr, a city on the river.")
    ops = names(sheets, "operations")
    assert "Operation Velmar Lightning" in ops
    assert any(n.startswith("Harbel province offensive") for n in ops)
    assert not any("Kefr" in n for n in ops)   # a side of a city is no battle of the city


def test_a_word_spelled_like_an_acronym_is_never_its_alias(tmp_path):
    sheets = run(tmp_path, "In 2012 the group, then called the Islamic State of Iraq (ISI), grew. Relatives said "
                           "Issa had fled before the fighting reached the village.")
    actors = names(sheets, "actors")
    assert "Issa" not in actors["Islamic State of Iraq"]["aliases"]
    assert "Issa" not in actors


def test_clashes_for_a_town_and_an_operation_on_a_named_front(tmp_path):
    sheets = run(tmp_path, "The November clashes in the town of Harbel left dozens dead. The Peshmerga launched a "
                           "large-scale operation on the Kefr front on Sunday.")
    ops, places = names(sheets, "operations"), names(sheets, "locations")
    assert any(n.startswith("Battle of Harbel") for n in ops)
    assert "Kefr" in places and any(n.startswith("Kefr offensive") for n in ops)


def test_a_known_name_keeps_its_first_word_and_a_statement_is_of_its_organisation(tmp_path):
    sheets = run(tmp_path, "Human Rights Watch said the strikes were unlawful. Statement of the General Command of "
                           "the Harbel Defence Forces on the operation. The Islamic State of Iraq and the Levant "
                           "(ISIL) claimed it.")
    actors = names(sheets, "actors")
    assert "Human Rights Watch" in actors and "Rights Watch" not in actors
    assert "General Command of the Harbel Defence Forces" in actors
    assert not any(n.startswith("Statement") for n in actors)
    assert "Islamic State of Iraq" not in actors


def test_a_headline_in_the_present_tense_tells_a_battle(tmp_path):
    sheets = run(tmp_path, "Soldiers raised the flag over the town of Harbel on Saturday.",
                 title="Syrian army takes Harbel as militants flee into the desert")
    assert any(n.startswith("Battle of Harbel") for n in names(sheets, "operations"))
    (tmp_path / "b").mkdir()
    sheets = run(tmp_path / "b", "Soldiers raised the flag over the town of Harbel on Saturday.",
                 title="Syrian army visits Harbel as residents return")
    assert not names(sheets, "operations")


def test_the_countries_a_statement_thanks_are_states(tmp_path):
    sheets = run(tmp_path, "The ministry thanks the International Coalition, and especially the United States, "
                           "Germany and France, for their support.")
    actors = names(sheets, "actors")
    assert actors["Germany"]["kind"] == actors["France"]["kind"] == "state"


def test_an_operation_the_text_describes_is_mentioned_where_it_is_described(tmp_path):
    sheets = run(tmp_path, "The Peshmerga launched a large-scale operation on the Kefr front on Sunday.")
    (op,) = [s for name, s in names(sheets, "operations").items() if name.startswith("Kefr offensive")]
    assert [m["source"] for m in op["mentions"]] == ["a"]


def test_a_bomb_in_a_district_of_a_city_is_named_for_the_district(tmp_path):
    sheets = run(tmp_path, "A car bomb tore through a crowded market in Baghdad's Kefr Jadid district on Wednesday.")
    ops = names(sheets, "operations")
    assert any(n.startswith("Kefr Jadid bombing") for n in ops) and not any(n.startswith("Baghdad") for n in ops)


def test_an_acronym_after_a_year_and_the_is_still_the_acronym(tmp_path):
    sheets = run(tmp_path, "IS is attempting to gain new ground. 4 min read 04 May, 2014 The IS group has suffered "
                           "huge losses in Ostrava. IS said it would return.")
    actors = names(sheets, "actors")
    assert "The IS" not in actors and "The IS" not in actors["Islamic State"]["aliases"]


def test_a_battle_the_text_gives_a_name_is_one_operation_under_that_name(tmp_path):
    sheets = run(tmp_path, "The town of Marun was retaken in November 2015 by Harbel fighters, in an offensive the "
                           "regional authorities called Operation Steel Gate. Militias said on Sunday that they had "
                           "\"fully liberated\" the town of Qarabel after a week of fighting. The push is part of what the militias "
                           "call Operation Blue Lance, which began in April.")
    ops = names(sheets, "operations")
    assert not [n for n in ops if n.startswith(("Battle of Marun", "Battle of Qarabel"))]
    assert any(a.startswith("Battle of Marun") for a in ops["Operation Steel Gate"]["aliases"])
    assert "marun" in ops["Operation Steel Gate"]["locations"]
    assert any(a.startswith("Battle of Qarabel") for a in ops["Operation Blue Lance"]["aliases"])


def test_a_name_carrying_the_place_names_its_battle_but_another_campaign_keeps_its_own(tmp_path):
    sheets = run(tmp_path, "Last November the Harbel forces retook the town of Marun. Were you there? No, I stayed here. "
                           "But I was glad. Operation Free Marun was planned well.\n\n"
                           "The offensive on the town of Qarabel was a reply to the loss of Kessel. It also followed a campaign "
                           "in May, which the rebels called Operation Red Dawn, that pushed the militants out of "
                           "200 villages.")
    ops = names(sheets, "operations")
    assert any(a.startswith("Battle of Marun") for a in ops["Operation Free Marun"]["aliases"])
    assert any("Qarabel" in n for n in ops)
    assert not any("Qarabel" in a for a in ops["Operation Red Dawn"]["aliases"])


def test_a_town_seized_on_a_date_told_had_a_battle(tmp_path):
    sheets = run(tmp_path, "The militants seized the town of Marun in June 2014, and the army captured the "
                           "provincial capital of Qarabel on February 28. They captured the town of Kefr in a day.")
    ops = names(sheets, "operations")
    assert any(n.startswith("Fall of Marun (2014)") for n in ops)   # (seized by the militants: its fall)
    assert any(n.startswith("Battle of Qarabel") for n in ops)
    assert not any("Kefr" in n for n in ops)


def test_a_known_name_ends_at_the_and_a_middle_initial_is_the_same_person(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Velo talks\n\nMarch 3, 2016\n\nHis office said, while in Moscow the Kremlin said "
                                 "President Ivo Karlovic had sent a message. The Breaking the Walls Campaign "
                                 "ended in 2013.\n", encoding="utf-8")
    (seeds / "b.txt").write_text("Velo talks again\n\nMarch 4, 2016\n\nPresident Ivo K. Karlovic spoke to "
                                 "reporters on Friday.\n", encoding="utf-8")
    sheets = extract_corpus(seeds, tmp_path / "briefings").sheets
    actors = names(sheets, "actors")
    assert not [n for n in actors if "Kremlin" in n and "Moscow" in n]
    people = [s for s in actors.values() if "Karlovic" in s["name"]]
    assert len(people) == 1 and {"Ivo Karlovic", "Ivo K. Karlovic"} <= {people[0]["name"], *people[0]["aliases"]}
    assert any("Breaking the Walls" in n for n in names(sheets, "operations"))


def test_stray_words_make_no_sheets_and_a_known_name_keeps_its_first_word_in_a_list(tmp_path):
    sheets = run(tmp_path, "Our findings match those of Amnesty International, Human Rights Watch and the UN. "
                           "On Sunday the rebels captured the Marun Dam, 22km (14 miles) upstream from the city. "
                           "Survivors described crossing minefields at night. Inside Qarabel city, the militants "
                           "dug trenches. Inside Qarabel, the streets were empty.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Human Rights Watch" in actors and "Rights Watch" not in actors
    assert not [n for n in places if n.startswith(("22", "Survivors", "Inside"))]
    assert "Qarabel" in places


def test_a_capture_with_its_date_between_and_an_air_base_overrun_are_battles(tmp_path):
    sheets = run(tmp_path, "That push led to the capture, on 10 May, of the town of Marun and its dam. "
                           "In August 2014 the militants overran the Kefr air base and executed scores of soldiers. "
                           "Since the rebels took the town of Halwan in May, the markets have opened again.")
    ops = names(sheets, "operations")
    assert any(n.startswith("Battle of Marun") for n in ops)
    assert any(n.startswith("Fall of Kefr") for n in ops)
    assert any(n.startswith("Battle of Halwan") for n in ops)


def test_an_owner_before_an_organisation_and_credit_lines_name_people(tmp_path):
    sheets = run(tmp_path, "Forces of Khalifa Marun's Harbel National Army (HNA) advanced.\n\nUnits of the Ministry "
                           "of Interior's Rapid Response Division (RRD) entered Qarabel. The town was calm.\n\n"
                           "Dalia Kessel contributed reporting from Qarabel. – with reports from Carmela Velo/Sandigan.")
    actors = names(sheets, "actors")
    assert actors["Khalifa Marun"]["kind"] == "person"
    assert "HNA" in actors["Harbel National Army"]["aliases"]
    assert "RRD" in actors["Rapid Response Division"]["aliases"] and "Ministry of Interior" in actors
    assert not [n for n in actors if "'s" in n or "’s" in n]
    assert actors["Dalia Kessel"]["kind"] == "person" and actors["Carmela Velo"]["kind"] == "person"
    assert "Carmela Velo" not in names(sheets, "locations")


def test_washington_is_a_city_unless_it_acts_and_the_town_is_no_city(tmp_path):
    sheets = run(tmp_path, "Rebels took the town of Marun on Monday. In Washington, a Pentagon spokesman said the "
                           "capture of the town meant the militants were under pressure. Rami Kessel, a fellow at a "
                           "think tank in Washington, agreed. Washington blamed the rebels for the shelling.")
    places, actors, ops = names(sheets, "locations"), names(sheets, "actors"), names(sheets, "operations")
    assert places["Washington"]["kind"] == "city"
    assert actors["United States"]["mentions"]           # "Washington blamed": the state acts
    assert not [n for n in ops if "Washington" in n] and any("Marun" in n for n in ops)


def test_countries_listed_with_a_state_are_states(tmp_path):
    sheets = run(tmp_path, "To coalition members, including the United States, the United Kingdom and France: "
                           "investigate every strike. Flights left Jordan for Qatar on Monday.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["United Kingdom"]["kind"] == "state" and actors["France"]["kind"] == "state"
    assert "Jordan" in places and "Jordan" not in actors


def test_a_headline_of_bombings_in_the_centre_of_a_city(tmp_path):
    sheets = run(tmp_path, "Officials in the city of Velo counted the dead on Monday.",
                 title="Twin suicide bombings kill dozens in central Velo")
    assert any(n.startswith("Velo bombing") for n in names(sheets, "operations"))


def test_a_timelines_dates_year_its_events_and_a_town_that_only_fell_is_its_fall(tmp_path):
    sheets = run(tmp_path, "Five years ago the army retook the town of Marun.\n\n"
                           "- **10-11 August 2014.** Militants launch a coordinated assault on Marun. The fall of "
                           "Marun comes a week after the collapse of the lines at Kefr.\n\n"
                           "- **22-23 November 2014.** The counter-attack. The army enters Marun again.",
                 title="Marun, 2014: the town that changed hands twice")
    ops = names(sheets, "operations")
    assert "Fall of Marun (2014)" in ops


def test_an_operation_sheet_nothing_tells_any_more_is_retired_as_a_cold_run_would_not_make_it(tmp_path):
    from briefing import merge
    seeds, out = tmp_path / "seeds", tmp_path / "briefings"
    seeds.mkdir()
    article = seeds / "a.txt"
    article.write_text("Army retakes Marun\n\nMarch 3, 2016\n\nThe army retook the town of Marun on Monday.\n",
                       encoding="utf-8")
    merge.apply(out, extract_corpus(seeds, out).sheets)
    assert any(p.name.startswith("battle-of-marun") for p in (out / "operations").iterdir())
    article.write_text("Army visits Marun\n\nMarch 3, 2016\n\nThe army visited the town of Marun on Monday.\n",
                       encoding="utf-8")
    report = merge.apply(out, extract_corpus(seeds, out).sheets)
    assert [r for r in report.retired if r.startswith("operations/battle-of-marun")]
    assert not [p for p in (out / "operations").iterdir() if p.name.startswith("battle-of-marun")]


def test_known_names_with_words_in_lower_case_and_an_organisations_shorter_name(tmp_path):
    sheets = run(tmp_path, "Activists of Raqqa is Being Slaughtered Silently said so. Rami Kessel is an analyst at "
                           "the Velo Institute for Security Studies. Dana Marun is a research associate at the Velo "
                           "Institute. Troops cleared the area around the al Fatah Mosque near Dayr Az Zawr.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Raqqa is Being Slaughtered Silently" in actors and not [n for n in actors if n.startswith("Slaughtered")]
    assert "Velo Institute" in actors["Velo Institute for Security Studies"]["aliases"]
    assert "Velo Institute" not in places
    assert "al Fatah Mosque" in places and "Dayr Az Zawr" in places["Deir ez-Zor"]["aliases"]


def test_an_airstrike_on_a_village_a_dated_attack_abroad_and_a_city_cleared_district_by_district(tmp_path):
    sheets = run(tmp_path, "On 19 July, coalition aircraft struck the village of Marun, north of the city of Velo. "
                           "Officials in the town of Kessel recall the November 2015 Kessel attacks. That summer the militia drove the "
                           "jihadists out of the neighborhoods of Halwan city. Two suicide bombers struck the town "
                           "of Zarqan.")
    ops = names(sheets, "operations")
    assert any(n.startswith("Coalition airstrikes on Marun") for n in ops)
    assert "Kessel attacks (2015)" in ops
    assert any(n.startswith("Battle of Halwan") for n in ops)
    assert not [n for n in ops if "airstrike" in n and "Zarqan" in n]


def test_an_operations_name_cut_short_at_a_word_in_lower_case_is_the_whole_name(tmp_path):
    sheets = run(tmp_path, 'The assault, which the government has dubbed Operation Velo ya Harbel ("At your service"), '
                           "was launched on Monday.")
    ops = names(sheets, "operations")
    assert "Operation Velo ya Harbel" in ops and "Operation Velo" not in ops


def test_a_mountain_written_two_ways_is_one_place_but_not_the_village_below(tmp_path):
    sheets = run(tmp_path, "Jets struck positions on Jabal Marun on Saturday. Troops on the Marun mountains "
                           "withdrew. Residents of the village of Marun fled.")
    places = names(sheets, "locations")
    mountain = [s for s in places.values() if {"Jabal Marun", "Marun mountains"} <= {s["name"], *s["aliases"]}]
    assert len(mountain) == 1 and "Marun" in places and mountain[0]["name"] != "Marun"


def test_more_ways_a_town_is_told_taken(tmp_path):
    sheets = run(tmp_path, "Velo, a city in Harbel province, which fell to the militants in May 2015, is quiet. "
                           "Schools in the city of Kessel are open. Troops retook the provincial capital Kessel in "
                           "December. The town of Zarqan, 50 km (30 miles) west of Marun, was the first town to fall "
                           "to the group, in January 2014. Rebels took the town "
                           "of Halwan last week. The August 2015 gas attack on Velo is remembered. The Brigade 9 base "
                           "near Tarsin, north of Velo, falls after a day of fighting.")
    ops = names(sheets, "operations")
    assert "Fall of Velo (2015)" in ops and "Fall of Zarqan (2014)" in ops
    assert any(n.startswith("Battle of Kessel") for n in ops) and any(n.startswith("Battle of Halwan") for n in ops)
    assert "Velo attacks (2015)" in ops
    assert not [n for n in ops if "Marun" in n or "Tarsin" in n]


def test_massacres_told_by_their_verb_and_a_monument_destroyed(tmp_path):
    sheets = run(tmp_path, "In the village of Marun, south of Velo, militants executed hundreds of men on Aug. 15, 2014. "
                           "Shortly after Kessel fell, the fighters executed dozens of cadets as they fled Camp Harbel. "
                           "In June 2017 the militants blew up the al-Zarqan mosque and its minaret. "
                           "A car bomb killed dozens of people in the town of Halwan on Friday. "
                           "It shot 42 civilians from Tarsin village, in Velo district.")
    ops = names(sheets, "operations")
    assert "Marun massacre (2014)" in ops and "Camp Harbel massacre (2016)" in ops
    assert "Destruction of the al-Zarqan mosque (2017)" in ops
    assert not [n for n in ops if "massacre" in n and ("Velo" in n or "Kessel" in n or "Halwan" in n)]


def test_a_bombing_at_a_gathering_in_a_city(tmp_path):
    sheets = run(tmp_path, "Two suicide bombers killed 102 people in twin suicide bombings at a peace rally in Velo. "
                           "It came after a suicide bombing at a Kurdish wedding in the southeastern city of Kessel.")
    ops = names(sheets, "operations")
    assert any(n.startswith("Velo bombing") for n in ops) and any(n.startswith("Kessel bombing") for n in ops)


def test_a_town_lost_and_retaken_within_a_year_had_two_battles(tmp_path):
    sheets = run(tmp_path, "The town of Velo fell to the militants in June 2014. Soldiers retook Velo in March 2015 "
                           "after a month of fighting. Troops recaptured the city of Kessel in 2015. Officials said "
                           "the fall of Kessel ended the group's rule there.")
    ops = names(sheets, "operations")
    assert "Fall of Velo (2014)" in ops and "Recapture of Velo (2015)" in ops
    assert [n for n in ops if "Kessel" in n] == ["Battle of Kessel (2015)"]


def test_tribes_named_together_an_envoy_to_a_country_and_a_home_town(tmp_path):
    sheets = run(tmp_path, "Fighters from the Albu Velo and Albu Kessel tribes were left without ammunition. The "
                           "Harbel tribal fighters played a marginal role. The United Nations' envoy to Iraq, "
                           "Ivo Laske, warned of a massacre. Zarqan is the home town of Mara Velitt Al Tarsi, a "
                           "former deputy. Units of the Qarabel and Halwan Operations Command held the road.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert {"Albu Velo tribe", "Albu Kessel tribe", "Harbel tribe"} <= set(actors)
    assert actors["Ivo Laske"]["kind"] == "person" and actors["Mara Velitt Al Tarsi"]["kind"] == "person"
    assert not {"Albu Velo", "Ivo Laske", "Mara Velitt Al Tarsi", "Halwan Operations Command"} & set(places)


def test_a_name_ends_before_a_number_after_a_connector_a_dash_after_a_dateline_and_a_preposition(tmp_path):
    sheets = run(tmp_path, "VELO, Harbel – Kessel People's Protection Units (KPU) on Saturday ended the assault. "
                           "He has reported from Zarqan and Marun for 15 years. The fighters spent the night in the "
                           "village of Tarsin on the bank of the Euphrates before crossing.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Kessel People's Protection Units" in actors
    assert {"Marun", "Euphrates River"} <= set(places)
    assert not [n for n in [*actors, *places] if "–" in n or " for " in n or "before" in n]


def test_an_operation_named_in_lower_case_words_and_places_listed_after_provinces_of(tmp_path):
    sheets = run(tmp_path, "The campaign began with an operation named Wrath of Harbel to isolate the city. The "
                           "militias launched an offensive they called Labaik ya Velo. Jets struck targets in the "
                           "provinces of Kessel, Marun and Zarqan.")
    ops, places = names(sheets, "operations"), names(sheets, "locations")
    assert "Wrath of Harbel" in ops and "Labaik ya Velo" in ops
    assert not [n for n in ops if "isolate" in n]
    assert {"Kessel province", "Marun province", "Zarqan province"} <= set(places)


def test_a_demonym_before_a_known_group_a_gerund_a_speaker_after_a_place_and_sheikh_inside_a_name(tmp_path):
    sheets = run(tmp_path, "A convoy carried Syrian Islamic State fighters out of the city. Reading a statement in "
                           "the town of Velo, SDF spokeswoman Cihan Sheikh Ehmed said the fighters had left. "
                           "Speaking in Bahrain, Laske said the war was not over.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Islamic State" in actors and "Syrian Islamic State" not in actors
    assert actors["Cihan Sheikh Ehmed"]["kind"] == "person"
    assert not {"Reading", "Laske"} & set(places)


def test_a_landmark_named_with_its_city_and_without_is_one_landmark(tmp_path):
    sheets = run(tmp_path, "The Great Mosque of Velo stands at the centre of the old city. Fighters captured the "
                           "Great Mosque on Sunday.")
    places = names(sheets, "locations")
    mosques = [s for s in places.values() if "Mosque" in s["name"]]
    assert len(mosques) == 1 and mosques[0]["name"] == "Great Mosque of Velo"


def test_a_town_taken_in_a_clause_of_its_own_and_a_town_that_has_fallen(tmp_path):
    sheets = run(tmp_path, "The alliance took the city of Velo from the militants on 12 August 2015, raising fears "
                           "that it would link its cantons. The town of Kessel has fallen. The Harbel air base fell "
                           "in mid-May after a day of fighting. Prices in the city of Marun fell sharply. The rebels "
                           "could have retaken the town of Zarqan.")
    ops = names(sheets, "operations")
    assert any(n.startswith("Battle of Velo") for n in ops) and any(n.startswith("Fall of Kessel") for n in ops)
    assert any(n.startswith("Fall of Harbel") for n in ops)
    assert not [n for n in ops if "Marun" in n or "Zarqan" in n]


def test_a_plan_told_in_another_clause_does_not_make_an_attack_hypothetical(tmp_path):
    sheets = run(tmp_path, "Velo is where the group held hostages and planned attacks abroad, including the November "
                           "2015 attacks in Kessel that killed 130 people. The battle for Marun, officials said, could "
                           "begin in May.")
    ops = names(sheets, "operations")
    assert "Kessel attacks (2015)" in ops and not [n for n in ops if "Marun" in n]


def test_a_persons_last_two_words_are_the_fuller_name_named_in_another_article(tmp_path):
    actors = names(run_two(tmp_path, "President Recep Tayyip Velitt spoke on Monday. Minister Ivo Amir Laske and "
                                     "Minister Mara Amir Laske met.",
                           "Tayyip Velitt said the army would stay. Amir Laske said nothing."), "actors")
    assert "Tayyip Velitt" in actors["Recep Tayyip Velitt"]["aliases"] and "Tayyip Velitt" not in actors
    assert "Amir Laske" in actors   # (the last words of two fuller names: neither's)


def test_a_force_owned_by_a_tribe_is_the_force_and_the_tribe(tmp_path):
    sheets = run(tmp_path, "Washington must put money into the Arab tribes, starting with the Harbeli's al-Velo "
                           "Forces. Kessel People's Protection Units advanced.")
    actors = names(sheets, "actors")
    assert "al-Velo Forces" in actors and actors["Harbeli"]["kind"] == "other"
    assert not [n for n in actors if "'s al-" in n]


def test_a_place_spelled_like_a_dictionary_acronym_is_listed_with_its_places(tmp_path):
    sheets = run(tmp_path, "The fighters have seized the neighborhoods of al-Velo, al-Sinaa and Kessel on the edges "
                           "of the city. SANA reported the advance.")
    places, actors = names(sheets, "locations"), names(sheets, "actors")
    assert {"al-Velo", "al-Sinaa", "Kessel"} <= set(places)
    assert "al-Sinaa" not in actors.get("Syrian Arab News Agency", {}).get("aliases", [])


def test_strikes_on_a_building_in_a_place_and_a_monument_blown_up_in_a_relative_clause(tmp_path):
    sheets = run(tmp_path, "In March 2017 a U.S. strike hit a mosque complex in the village of Marun. Days later came a "
                           "strike on a school sheltering displaced families in the town of Velo. Jets hit its "
                           "fighters near the city of Kessel on Saturday. They prayed at the Harbel shrine, which the "
                           "militants blew up in July 2014.")
    ops = names(sheets, "operations")
    assert "US airstrikes on Marun (2017)" in ops and any(n.startswith("Velo airstrike") for n in ops)
    assert any(n.startswith("Kessel airstrike") for n in ops)
    assert "Destruction of the Harbel shrine (2014)" in ops


def test_villages_named_after_among_them_and_reporters_from_south_of_a_city(tmp_path):
    sheets = run(tmp_path, "The fighters cordoned off eight villages covering about 100 square kilometres, among them "
                           "Marun and Tarsin, and took a road. Laske reported from south of Velo and Velitt from Kessel.")
    places, actors = names(sheets, "locations"), names(sheets, "actors")
    assert places["Marun"]["kind"] == places["Tarsin"]["kind"] == "village"
    assert not {"Laske", "Velitt"} & set(places) and not [n for n in places if "South" in n]


def test_a_language_after_in_is_no_place(tmp_path):
    sheets = run(tmp_path, "The fighters of the Velo Brigade are known in English as the Harbel Guards. Residents "
                           "of the town of Kessel speak in Kurdish. The speaker said, in Hausa and Arabic, that "
                           "he remained. It broadcast sermons in Pashto on an FM station.")
    places = names(sheets, "locations")
    assert "Kessel" in places and not {"English", "Kurdish", "Hausa", "Pashto"} & set(places), sorted(places)


def test_an_organisation_named_with_its_countrys_adjective_and_without_is_one(tmp_path):
    actors = names(run_two(tmp_path, "The Turkish General Staff said jets struck 20 targets. The Russian Defence "
                                     "Ministry and the Iranian Defence Ministry both denied it.",
                           "The General Staff said two soldiers were killed. The Defence Ministry said nothing."), "actors")
    assert "General Staff" in actors["Turkish General Staff"]["aliases"] and "General Staff" not in actors
    assert "Defence Ministry" not in actors.get("Russian Defence Ministry", {}).get("aliases", [])


def test_a_name_another_organisations_name_also_ends_with_is_not_the_national_ones(tmp_path):
    actors = names(run_two(tmp_path, "The Turkish Velo Service set up a camp near the border. Aid came from the "
                                     "Syrian Arab Velo Service as well.",
                           "Velo Service volunteers handed out blankets."), "actors")
    assert "Velo Service" not in actors.get("Turkish Velo Service", {}).get("aliases", []), actors


def test_the_killing_of_a_person_named_in_full_is_an_operation_a_death_in_battle_is_not(tmp_path):
    sheets = run(tmp_path, "Karim Dawali, a member of the town council, was shot dead by gunmen in his home in "
                           "March 2015. In April 2015 a drone strike killed the group's spokesman Fadel Marouni. "
                           "Their commander Hamid Sallouf was killed in the fighting, and the militants threatened "
                           "to behead the mayor, Ilyas Tannous. The square is named after executed poet Nabil Qassar.")
    ops = sorted(names(sheets, "operations"))
    assert ops == ["Killing of Fadel Marouni (2015)", "Killing of Karim Dawali (2015)"]


def test_strikes_by_two_countries_on_one_city_are_two_operations_named_for_their_strikers(tmp_path):
    sheets = run(tmp_path, "French warplanes hit the town of Qarabel for a third night on Tuesday. Russian jets struck Qarabel "
                           "on Wednesday, and U.S.-led coalition aircraft struck the village of Tellaz on Monday. "
                           "Aircraft struck the town of Kessab on Friday.")
    ops = sorted(names(sheets, "operations"))
    assert ops == ["Coalition airstrikes on Tellaz (2016)", "French airstrikes on Qarabel (2016)",
                   "Kessab airstrike (2016)", "Russian airstrikes on Qarabel (2016)"]


def test_a_modifier_of_several_words_an_office_of_two_things_and_a_unit_beside_a_known_group(tmp_path):
    sheets = run(tmp_path, "The United States-backed Velian Democratic Forces advanced. Velia's Director-General of "
                           "Antiquities and Museums, Karim Dawali, said the ruins had survived. Units of the Desert "
                           "Falcons Brigade and Hezbollah fighters took the town.")
    actors = names(sheets, "actors")
    assert "Velian Democratic Forces" in actors and not [n for n in actors if "backed" in n]
    assert "Karim Dawali" in actors and not [n for n in actors if n.startswith("and ")]
    assert "Desert Falcons Brigade" in actors and "Hezbollah" in actors
    assert not [n for n in actors if n.startswith("Units")]


def test_a_town_taken_told_as_the_town_and_a_name_given_years_later_is_not_its_name(tmp_path):
    sheets = run(tmp_path, "Five years ago this weekend, militants swept into the town of Qarabel. The army "
                           "recaptured Qarabel in November 2015, in an offensive the authorities called Operation "
                           "Free Qarabel.\n\nPeshmerga fighters reached the town of Velo on Monday. The militants "
                           "overran the town in August 2014.")
    ops = sorted(names(sheets, "operations"))
    assert "Fall of Qarabel (2011)" in ops and "Operation Free Qarabel" in ops   # (the article is of 2016)
    assert "Fall of Qarabel (2011)" not in names(sheets, "operations")["Operation Free Qarabel"]["aliases"]
    assert "Fall of Velo (2014)" in ops


def test_a_base_named_with_and_without_its_kind_word_is_one_base(tmp_path):
    sheets = run(tmp_path, "The jets are flying out of Harrash, the air base near the port city of Velo. "
                           "Later that week more aircraft landed at Harrash air base.")
    bases = [s for n, s in names(sheets, "locations").items() if "Harrash" in n]
    assert len(bases) == 1 and {"Harrash", "Harrash air base"} == {bases[0]["name"], *bases[0]["aliases"]}


def test_campaigns_the_press_names_by_what_they_were_are_found_by_those_names(tmp_path):
    sheets = run(tmp_path, "Officials said Russia's air campaign had saved the government. France's Chammal "
                           "jets flew from Jordan.")
    ops = names(sheets, "operations")
    assert "Russian military intervention in Syria" in ops and "Operation Chammal" in ops


def test_reporters_at_a_briefing_who_say_who_they_are_are_people(tmp_path):
    sheets = run(tmp_path, "Q: Hi, Colonel. Kesra Dumond with the Harbour Gazette. Are there troops in Velo?\n\n"
                           "Q: Colonel, Vardo Ilerin from Levant Radio. What happens next?\n\n"
                           "Q: General Marrick, what is next?")
    actors = names(sheets, "actors")
    assert actors["Kesra Dumond"]["kind"] == "person" and actors["Vardo Ilerin"]["kind"] == "person"


def test_an_operation_is_known_with_the_word_operation_before_any_of_its_names(tmp_path):
    sheets = run(tmp_path, "The SDF launched Operation Euphrates Wrath in November.")
    assert list(names(sheets, "operations")) == ["Operation Wrath of Euphrates"]


def test_a_known_name_that_goes_on_after_and_is_one_name_and_a_town_the_militants_seized_fell(tmp_path):
    sheets = run(tmp_path, "The jihadists of the Islamic State of Iraq and al-Sham rule the region. Their "
                           "militants seized the town of Qarabel in June 2014.")
    assert list(names(sheets, "actors")) == ["Islamic State"]
    assert list(names(sheets, "locations")) == ["Qarabel"]
    assert list(names(sheets, "operations")) == ["Fall of Qarabel (2014)"]


def test_a_kunya_alone_is_the_man_its_article_names_in_full_and_a_real_name_is_his_too(tmp_path):
    sheets = run(tmp_path, "Rebels accused the militants of killing Abu Talal al-Harrani, a veteran commander. "
                           "Abu Talal, whose real name was Karim Dawali, had fought for years. Abu Talal had tried "
                           "to mediate.")
    people = [s for s in names(sheets, "actors").values() if s["kind"] == "person"]
    assert len(people) == 1 and {"Abu Talal al-Harrani", "Abu Talal", "Karim Dawali"} <= {people[0]["name"], *people[0]["aliases"]}
    assert [n for n in names(sheets, "operations") if n.startswith("Killing of Abu Talal")]


def test_a_common_kunya_in_another_article_is_not_the_man_named_in_full_elsewhere(tmp_path):
    sheets = run_two(tmp_path, "Abu Talal al-Harrani, a veteran commander, spoke on Monday.",
                     "Abu Talal, a baker in the town of Velo, said bread was scarce.")
    people = names(sheets, "actors")
    assert "Abu Talal" in people and "Abu Talal al-Harrani" in people


def test_a_role_held_at_an_organisation_names_the_organisation(tmp_path):
    sheets = run(tmp_path, "Kesra Dumond is a Senior Fellow at the Levant Policy Forum and the Senior Editor for "
                           "Harbour Observer.")
    actors = names(sheets, "actors")
    assert "Harbour Observer" in actors and not [n for n in actors if n.startswith("Editor")]


def test_a_martyr_is_named_without_the_honorific(tmp_path):
    sheets = run(tmp_path, "The council mourned Martyr Kesra Dumond, who led its fighters at Velo.")
    actors = names(sheets, "actors")
    assert actors["Kesra Dumond"]["kind"] == "person" and not [n for n in actors if n.startswith("Martyr")]


def test_a_country_that_begins_its_air_campaign_in_another_wages_an_intervention_named_for_it(tmp_path):
    sheets = run(tmp_path, "Iran began its air campaign in Iraq in August. Since Tehran launched air strikes in Iraq, "
                           "the militants have fallen back. Russia started its air campaign in Syria on 30 September. "
                           "The rebels began their campaign in Syria in 2011, and Syria began air strikes in Syria.")
    ops = sorted(names(sheets, "operations"))
    # (the dictionary knows Russia's by its name: the sheet is the dictionary's)
    assert ops == ["Iranian military intervention in Iraq", "Russian military intervention in Syria"]


def test_a_border_crossing_is_told_by_the_place_it_is_at(tmp_path):
    sheets = run(tmp_path, "Refugees waited at the Karsan border crossing for days. Trucks used the Karsan gate and "
                           "the Telmar crossing, and a car bomb struck near the Karsan border post.")
    places = sorted(names(sheets, "locations"))
    assert places == ["Karsan", "Telmar"]


def test_a_name_the_text_says_was_given_is_a_persons_even_one_word_alone(tmp_path):
    sheets = run(tmp_path, "A camp official who asked to be identified only as Narine said the tents were full. A commander "
                           "who gave his name as Heval Dersim said the cells were active. The man, whom the court identified "
                           "as Tarek Hallaf, denied it. Hallaf appealed. Men identified as Yazidis were freed. Among them was Selma "
                           "Oran, who left Kessab at 15. Officials named the raid after Dana Kirby, the American aid "
                           "worker from Ohio.")
    people = sorted(n for n, s in names(sheets, "actors").items() if s["kind"] == "person")
    assert people == ["Dana Kirby", "Heval Dersim", "Narine", "Selma Oran", "Tarek Hallaf"]


def test_a_leader_of_a_country_and_a_party_in_lower_case_are_named_whole(tmp_path):
    sheets = run(tmp_path, "President Varga of Turkey said the town would fall. Salih Demir, co-chairman of the Free Valley "
                           "party (FVP), disagreed. The Free Valley party has ruled the town since 2012, and Ali Varga since 2014.")
    actors = names(sheets, "actors")
    assert actors["Ali Varga"]["kind"] == "person" and "Varga" in actors["Ali Varga"]["aliases"]
    assert not [n for n in actors if "of Turkey" in n or n == "Free Valley"]
    assert actors["Free Valley Party"]["kind"] == "political party" and "FVP" in actors["Free Valley Party"]["aliases"]


def test_a_power_at_war_from_afar_named_alone_is_the_state_and_a_place_only_after_a_preposition(tmp_path):
    sheets = run(tmp_path, "We do not seek to fight the regime or Russia. The third problem is Iran. Bombers flew from "
                           "airfields in Russia to hit Raqqa. Fighters came from Iran, Tunisia and Morocco. The Paris "
                           "attacks shocked Europe.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Russia"]["kind"] == "state" and actors["Iran"]["kind"] == "state"
    assert places["Russia"]["kind"] == "country" and places["Iran"]["kind"] == "country"
    assert "Paris" in places and "France" not in actors   # (a capital named is a place: its power is not named)
    # each sheet counts only its own sentence: the state where it is fought, the country where bombers flew from
    assert actors["Russia"]["mentions"] == [{"source": "a", "count": 1}]


def test_a_province_the_insurgents_took_on_a_date_told_is_its_fall(tmp_path):
    sheets = run(tmp_path, "Islamic State seized most of Kessab province in 2014. The group overran Velo province in "
                           "June 2014. Fighters swept through Harbel province in 2014. The army captured Marun province.")
    ops = sorted(names(sheets, "operations"))
    assert ops == ["Fall of Kessab province (2014)", "Fall of Velo province (2014)"]


def test_a_sheikh_or_an_elder_of_a_tribe_is_a_person_and_his_killing_an_operation(tmp_path):
    sheets = run(tmp_path, "In November 2015 gunmen shot dead Fadil Nasser al-Harbi, a sheikh of the Albu Kessab tribe. "
                           "Omar Dalli, an elder of the tribe, blamed the militants.")
    people = sorted(n for n, s in names(sheets, "actors").items() if s["kind"] == "person")
    assert people == ["Fadil Nasser al-Harbi", "Omar Dalli"]
    assert "Killing of Fadil Nasser al-Harbi (2015)" in names(sheets, "operations")


def test_two_men_after_a_plural_role_and_a_full_name_with_its_alias(tmp_path):
    sheets = run(tmp_path, "The army took custody of two British IS members, Adam Corvel and Samir Halloum, members of a cell "
                           "of guards. Officials announced the death of Abd al-Karim Yusuf al-Tabbani, also known as Hajji "
                           "Nur, one of the group's most senior leaders. Fadi Issa, the commander of Liwa al-Nasr known "
                           "to everyone as \"Hajji Harbel\", came from the town.")
    actors = names(sheets, "actors")
    people = sorted(n for n, s in actors.items() if s["kind"] == "person")
    assert people == ["Abd al-Karim Yusuf al-Tabbani", "Adam Corvel", "Fadi Issa", "Samir Halloum"]
    assert "Hajji Nur" in actors["Abd al-Karim Yusuf al-Tabbani"]["aliases"]
    assert "Hajji Harbel" not in actors["Liwa al-Nasr"]["aliases"]


def test_a_tribe_is_named_without_its_noun_too_unless_that_name_is_a_places(tmp_path):
    sheets = run(tmp_path, "Fighters of the Arab Kessabi tribe joined the defence. Officials point to the Kessabi as an "
                           "example. Fighters of the Harbeli tribe were killed in the assault on the Harbeli district.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Kessabi tribe"]["aliases"] == ["Kessabi"]
    assert actors["Harbeli tribe"]["aliases"] == [] and "Harbeli" in places


def test_a_unit_named_before_a_lower_case_noun_is_an_armed_group_known_by_its_name_alone(tmp_path):
    sheets = run(tmp_path, "Car bombs struck the headquarters of the Liwa Kessab brigade. Groups such as the Liwa Kessab "
                           "brigades fled, and a Palestinian militia and a Homs brigade joined the defence of the town.")
    actors = names(sheets, "actors")
    assert sorted(actors) == ["Liwa Kessab brigade"]
    assert actors["Liwa Kessab brigade"]["kind"] == "armed group" and actors["Liwa Kessab brigade"]["aliases"] == ["Liwa Kessab"]


def test_a_siege_broken_after_years_is_relieved_by_an_operation_of_its_own_but_a_short_one_ends(tmp_path):
    sheets = run(tmp_path, "In September 2015 government troops broke the three-year siege of the town of Kessab. "
                           "On 31 August 2014 militiamen broke the siege of the town of Harbel. "
                           "The army failed to break the siege of the town of Velo in 2015.")
    ops = sorted(names(sheets, "operations"))
    assert ops == ["Relief of the siege of Kessab (2015)", "Siege of Harbel", "Siege of Kessab", "Siege of Velo"]
    assert names(sheets, "operations")["Relief of the siege of Kessab (2015)"]["kind"] == "offensive"


def test_attacks_told_by_their_day_their_bombers_and_raids_are_named_for_where_they_struck(tmp_path):
    sheets = run(tmp_path, "He was behind the July 20 attack in Kessab that killed 33 activists. In June a suicide bomber "
                           "killed more than 50 people at a wedding in Harbel. The man who blew himself up in the border "
                           "town of Velo in May was his brother. The suspect was killed in a police raid in Marun days later. "
                           "The bomber was born in Tarso.")
    assert sorted(names(sheets, "operations")) == ["Harbel bombing (2015)", "Kessab attacks (2015)", "Marun raid (2016)",
                                                   "Velo bombing (2015)"]


def test_strikers_are_told_with_their_aircraft_and_targets_without_an_article(tmp_path):
    sheets = run(tmp_path, "On 19 April Iraqi F-16 warplanes struck IS positions near the town of Kessab. "
                           "French jets struck targets in the town of Harbel.")
    assert sorted(names(sheets, "operations")) == ["French airstrikes on Harbel (2016)", "Iraqi airstrikes on Kessab (2015)"]


def test_an_age_after_a_name_makes_a_person_and_a_former_name_is_an_alias(tmp_path):
    sheets = run(tmp_path, "A drone killed Rayan Kessabi, a 21-year-old from Harbel. The Velo Liberation Front, known "
                           "until last year as Ansar al-Marun, claimed the attack.")
    actors = names(sheets, "actors")
    assert actors["Rayan Kessabi"]["kind"] == "person"
    assert "Ansar al-Marun" in actors["Velo Liberation Front"]["aliases"]


def test_attacks_by_a_group_on_a_place_are_the_places_attacks(tmp_path):
    sheets = run(tmp_path, "On 25 July 2015, coordinated attacks by Islamic State militants on the city of Kessab killed 200. "
                           "There were clashes on Sunday near the village of Harbel.")
    assert sorted(names(sheets, "operations")) == ["Kessab attacks (2015)"]


def test_places_named_like_a_title_on_an_island_or_before_where(tmp_path):
    sheets = run(tmp_path, "Fighters attacked checkpoints around the town of Sheikh Kessab, near the border. The men "
                           "reached Europe through the island of Velo. He killed 130 people at the Stade de Harbel, where "
                           "three suicide bombers blew themselves up.")
    places, actors = names(sheets, "locations"), names(sheets, "actors")
    assert {"Sheikh Kessab", "Velo", "Stade de Harbel"} <= set(places)
    assert not {"Kessab", "Stade de Harbel"} & set(actors)


def test_a_list_of_countries_after_a_preposition_of_place_is_of_places_whatever_verb_follows(tmp_path):
    sheets = run(tmp_path, "Warplanes flying from Jordan and the United Arab Emirates dropped 20 bombs on the town of Kessab. "
                           "Egypt and Lebanon condemned the raid.")
    places, actors = names(sheets, "locations"), names(sheets, "actors")
    assert {"Jordan", "United Arab Emirates"} <= set(places) and not {"Jordan", "United Arab Emirates"} & set(actors)
    assert {"Egypt", "Lebanon"} <= set(actors)


def test_a_name_reached_is_a_place(tmp_path):
    sheets = run(tmp_path, "Government forces advanced across the desert, reaching al-Kessabiya in August.")
    assert "al-Kessabiya" in names(sheets, "locations")


def test_a_suspect_or_a_recruiter_set_off_by_commas_is_a_person(tmp_path):
    sheets = run(tmp_path, "The suspect in that attack, Orhan Kessabi, is also from Harbel. Its chief recruiter, Marun "
                           "Velani, fled.")
    people = sorted(n for n, s in names(sheets, "actors").items() if s["kind"] == "person")
    assert people == ["Marun Velani", "Orhan Kessabi"]


def test_a_nightclub_a_station_or_a_concert_hall_is_a_place_but_a_restaurant_in_a_known_town_is_none(tmp_path):
    sheets = run(tmp_path, "A gunman killed 49 people at the Kessab nightclub in Orlando. Others struck the Velo concert "
                           "hall and Harbel metro station. Later a bomb hit a Manbij restaurant. The claim was read by "
                           "Marun Tellani, a French jihadist from Toulouse.")
    places = names(sheets, "locations")
    assert {"Kessab", "Velo", "Harbel metro station", "Manbij"} <= set(places)
    assert "Kessab nightclub" in places["Kessab"]["aliases"]
    assert "Manbij restaurant" not in places and "Manbij restaurant" not in places["Manbij"]["aliases"]
    assert names(sheets, "actors")["Marun Tellani"]["kind"] == "person"


def test_a_shooting_a_target_owned_by_a_city_and_a_bombing_in_its_historic_square(tmp_path):
    sheets = run(tmp_path, "The gunman who killed 49 people at the Kessab nightclub in Orlando in June 2016 pledged "
                           "allegiance. Police were hunting the remaining gunmen in the Velo district. They recalled the "
                           "suicide attack on Istanbul's Harbel airport in June 2016. In January 2016 a suicide bomber "
                           "killed 12 tourists in Istanbul's historic Marun square. The battle for Raqqa's Old City went "
                           "on in 2017.")
    assert sorted(names(sheets, "operations")) == ["Battle of Raqqa (2017)", "Harbel airport attacks (2016)",
                                                   "Kessab shooting (2016)", "Marun square bombing (2016)"]


def test_tribes_listed_after_their_plural_are_each_a_tribe(tmp_path):
    sheets = run(tmp_path, "The larger tribes on the river, among them the Kessabi, the Harbeli and the Veloni, have "
                           "divided loyalties.")
    tribes = sorted(n for n, s in names(sheets, "actors").items() if s["kind"] == "other")
    assert tribes == ["Harbeli tribe", "Kessabi tribe", "Veloni tribe"]


def test_a_town_told_taken_in_the_passive_had_its_battle(tmp_path):
    sheets = run(tmp_path, "Government troops pushed west. The town of Kessab was taken within days in 2017.")
    assert "Battle of Kessab (2017)" in names(sheets, "operations")


def test_countries_listed_as_a_coalitions_members_are_states_but_countries_of_origin_are_places(tmp_path):
    sheets = run(tmp_path, "Coalition nations which have conducted strikes in Iraq include Australia, Belgium and the "
                           "Netherlands. Refugees arrived from neighbouring nations such as Lebanon and Cyprus.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert {"Australia", "Belgium", "Netherlands"} <= set(actors) and not {"Australia", "Belgium"} & set(places)
    assert {"Lebanon", "Cyprus"} <= set(places) and not {"Lebanon", "Cyprus"} & set(actors)


def test_fighters_leaving_a_town_in_a_convoy_are_its_evacuation_but_a_convoy_struck_is_not(tmp_path):
    sheets = run(tmp_path, "In October 2017 a convoy of buses carrying the militants' fighters and their families left "
                           "the besieged city of Kessab under a deal. Jets struck fighters who tried to join a convoy "
                           "leaving the town of Harbel in 2017.")
    assert "Kessab evacuation convoy (2017)" in names(sheets, "operations")
    assert not any("Harbel" in n for n in names(sheets, "operations"))


def test_lists_ages_sieges_and_passives_that_are_none_of_the_rules(tmp_path):
    # (cases a review of the session's rules found: each once made a wrong sheet, or crashed)
    sheets = run(tmp_path, "Members of the ruling party, notably Harbel Kessabi, resigned on Monday. Local tribal leaders, "
                           "including Ahmad Velani and Omar Tellani, met the governor. Fighters blew up the Marun Tellani, "
                           "a 40-year-old bridge over the river. In 2016 soldiers broke into houses during the three-year "
                           "siege of the town of Kessab. In 2016 the army broke the months-long siege of the town of Velo. "
                           "In 2017 the town of Harbel was taken off the list of towns under curfew. In 2015 one of the "
                           "bombers in Tarso had been released from prison.")
    actors = names(sheets, "actors")
    assert actors["Ahmad Velani"]["kind"] == "person" and actors["Omar Tellani"]["kind"] == "person"
    assert not any(n.endswith(" tribe") for n in actors) and "Marun Tellani" not in actors
    assert sorted(names(sheets, "operations")) == ["Siege of Kessab", "Siege of Velo"]


def test_a_story_of_a_towns_loss_tells_its_fall_throughout_and_a_relative_clause_names_the_taker(tmp_path):
    sheets = run_two(tmp_path, "In May 2015 the militants drove the last army troops out of the city of Velo. The fall "
                               "of Velo shocked the capital. The city of Kessel, which the Islamic State seized in "
                               "June 2014, lies to the north.",
                     "Soldiers completed the recapture of the city of Velo in December 2015. In June 2014 the militants seized "
                     "the northern Iraqi city of Marun in a lightning offensive.")
    ops = names(sheets, "operations")
    assert "Fall of Velo (2015)" in ops and "Recapture of Velo (2015)" in ops
    assert ops["Fall of Velo (2015)"]["mentions"] == [{"source": "a", "count": 2}]
    assert "Fall of Kessel (2014)" in ops and "Fall of Marun (2014)" in ops


def test_what_is_captured_is_a_place_when_its_name_is_one_word(tmp_path):
    places = names(run(tmp_path, "Troops advanced after the capture of As-Velo on 12 August."), "locations")
    assert "As-Velo" in places


def test_a_person_killed_by_a_force_or_on_a_date_and_a_surname_alone(tmp_path):
    sheets = run(tmp_path, "Its founder, Sheikh Ivo Laske, was killed in a car bombing in Velo in September 2015. The "
                           "head of the council, Mara Velitt, was killed by Iraqi forces in Kessel in early June 2014. "
                           "Anna Harbel, the mother of Tomas Harbel, who was killed in August 2014, spoke. IS commander Karl Zarqan "
                           "led the cell. Zarqan, who grew up in Marun, was killed by a US drone strike in 2015. The "
                           "killing of Zarqan envoy Piet Tarsin went unpunished.")
    ops = names(sheets, "operations")
    assert {"Killing of Ivo Laske (2015)", "Killing of Mara Velitt (2014)", "Killing of Tomas Harbel (2014)",
            "Killing of Karl Zarqan (2015)"} <= set(ops)
    assert not [n for n in ops if "Anna" in n]


def test_the_city_two_sentences_on_is_the_storys_and_an_apposition_names_the_capital(tmp_path):
    sheets = run(tmp_path, "Aid reached the city of Harbel. The alliance declared victory in the city of Velo. Fighters in Velo celebrated, and Velo's "
                           "council met. Its message was aimed at both the city of Kessel and the city of Marun.\n\n"
                           "How long did it take?\n\nThe alliance began its assault on the city on 6 June.\n\n"
                           "In the east, government forces completed their capture of the provincial capital, Harbel, "
                           "on 3 November.")
    ops = names(sheets, "operations")
    assert any(n.startswith("Battle of Velo") for n in ops) and any(n.startswith("Battle of Harbel") for n in ops)
    assert not [n for n in ops if "Marun" in n or "Kessel" in n]


def test_troops_who_broke_through_to_an_enclave_relieved_a_siege_of_years_and_a_town_and_its_dam_taken(tmp_path):
    ops = names(run(tmp_path, "Aid reached the town of Kessel. On Tuesday, regime troops broke through to the government enclave in the city of Velo, "
                              "ending a siege that the militants had imposed for almost three years. In May the "
                              "alliance had captured the town and dam of Kessel."), "operations")
    assert any(n.startswith("Relief of the siege of Velo") for n in ops)
    assert any(n.startswith("Battle of Kessel") for n in ops)


def test_a_politician_a_physician_and_a_father_are_people(tmp_path):
    actors = names(run(tmp_path, "The prize went jointly to Ivo Laske, a Congolese gynecologist who treated survivors. "
                                 "The sheikh governs alongside the Kurdish politician Mara Velitt. Anna Harbel, whose "
                                 "father Tomas Harbel was taken hostage, spoke."), "actors")
    assert {"Ivo Laske", "Mara Velitt", "Tomas Harbel"} <= set(actors)
    assert all(actors[n]["kind"] == "person" for n in ("Ivo Laske", "Mara Velitt", "Tomas Harbel"))


def test_a_name_goes_on_through_wal_and_a_justice_is_a_title(tmp_path):
    actors = names(run(tmp_path, "He led the volunteers into a unit that became Jaish al-Velo wal-Ansar, the Army of "
                                 "Emigrants and Helpers. She clerked for Chief Justice Ivo Laske."), "actors")
    assert "Jaish al-Velo wal-Ansar" in actors and "Jaish al-Velo" not in actors
    assert "Ivo Laske" in actors and not [n for n in actors if "Justice" in n]


def test_a_council_of_a_named_man_and_a_gerund_opening_the_sentence(tmp_path):
    actors = names(run(tmp_path, "Units of the Velo Military Council of Ahmed Abu Laske joined the assault. Addressing "
                                 "the Kessel Human Rights Council in Geneva on Wednesday, the envoy spoke."), "actors")
    assert {"Velo Military Council", "Ahmed Abu Laske", "Kessel Human Rights Council"} <= set(actors)
    assert actors["Ahmed Abu Laske"]["kind"] == "person"
    assert not [n for n in actors if " of Ahmed" in n or n.startswith("Addressing")]


def test_the_old_city_is_not_the_datelines_and_a_landmark_tells_its_city(tmp_path):
    sheets = run(tmp_path, "Aid reached the city of Kessel on Sunday.\n\nVELO, Syria - The alliance has taken the "
                           "Great Mosque of Kessel, the oldest in the city, and cleared the last fighters from the "
                           "walled Old City, officials said on Monday.")
    places = names(sheets, "locations")
    assert "Old City of Kessel" in places and "Old City of Velo" not in places


def test_a_short_name_spelled_otherwise_and_a_kunyas_son_are_other_people(tmp_path):
    sheets = run_two(tmp_path, "\"The smoke never ends,\" said Saad al-Kessoury, a teacher who returned in September. "
                               "\"We have nothing,\" said Umm Marun, a 38-year-old mother of five.",
                     "Abadi named his deputy, the Arab politician Rakan Saeed al-Kassoury, as acting governor. Marun "
                     "said the shop had been looted.")
    actors = names(sheets, "actors")
    assert "Saad al-Kessoury" in actors and "Rakan Saeed al-Kassoury" in actors
    assert "Marun" not in actors.get("Umm Marun", {}).get("aliases", [])


def test_a_country_one_calls_on_accuses_or_answers_to_is_its_state(tmp_path):
    sheets = run(tmp_path, "The council called on Norway to open the border. Hezbollah accused Sweden of endangering "
                           "civilians. Some units answer to Tehran. Refugees fled to Denmark.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert {"Norway", "Sweden"} <= set(actors) and not {"Norway", "Sweden", "Tehran"} & set(places)
    assert places["Denmark"]["kind"] == "country"


def test_places_listed_each_with_its_of_and_an_offensive_that_took_a_town(tmp_path):
    sheets = run(tmp_path, "He fought in the liberation of the countryside of the city of Velo, of the town of Kessel, "
                           "and of the town of Marun. Later he led the offensive that took the town of Harbel. In 2015 "
                           "the alliance drove the militants from the town of Zarqan. The attacks in the city of "
                           "Tarsin and the town of Brenna killed 130 people.")
    ops = names(sheets, "operations")
    for town in ("Velo", "Kessel", "Marun", "Harbel", "Zarqan"):
        assert [n for n in ops if town in n], town
    assert not [n for n in ops if "Brenna" in n]


def test_the_kurdish_led_administration_is_a_description_not_a_name(tmp_path):
    actors = names(run(tmp_path, "Families fled to Ain Issa, where the Kurdish-led administration that runs much of the "
                                 "north opened a camp. The Autonomous Administration of North and East Syria said so."),
                   "actors")
    sheet = actors["Autonomous Administration of North and East Syria"]
    assert sheet["mentions"] == [{"source": "a", "count": 1}]


def test_a_village_taken_after_street_fighting_told_past_an_apposition(tmp_path):
    ops = names(run(tmp_path, "The alliance took dozens of villages. Its hardest fight was at Kessel, a hilltop village "
                              "that had served as the militants' command post, which the alliance took after a week of "
                              "street fighting. It took Marun, a village to the east, in a day."), "operations")
    assert any(n.startswith("Battle of Kessel") for n in ops)
    assert not [n for n in ops if "Marun" in n]


def test_a_dash_after_a_city_within_a_sentence_is_no_dateline(tmp_path):
    places = names(run(tmp_path, "Aid reached the city of Kessel on Sunday. Fighters entered the city of Velo - the "
                                 "group's last stronghold - and cleared the walled Old City on Monday."), "locations")
    assert "Old City of Velo" in places and "Old City of Kessel" not in places


def test_a_demonym_before_a_name_is_no_place_and_a_name_ends_before_of_a_country_or_for_a_publisher(tmp_path):
    sheets = run(tmp_path, "Two volunteers were killed, the Briton Tomas Quillfeather and Naomi Harrowgate of Australia. "
                           "Translation by Gareth Pennock for the Velo Wire.")
    people = {n for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert {"Tomas Quillfeather", "Naomi Harrowgate", "Gareth Pennock"} <= people, people
    assert "United Kingdom" not in names(sheets, "locations")     # "Briton" is no mention of Britain
    assert "Australia" in names(sheets, "locations")


def test_a_nom_de_guerre_and_a_real_name_in_brackets_are_one_man(tmp_path):
    sheets = run(tmp_path, "The commander Abu Hamza al-Qarnousi (Ruslan Tereshvili) was killed near Harran.")
    person = names(sheets, "actors")["Abu Hamza al-Qarnousi"]
    assert "Ruslan Tereshvili" in person["aliases"]


def test_a_far_capital_named_alone_is_its_government_and_a_city_only_where_the_text_places_it(tmp_path):
    sheets = run(tmp_path, "The Velo Front took Brenna. Moscow had long been wary of the front, and Moscow's envoy "
                           "said so. Third, Tehran should press the front. The Velo Front has friends in Ankara, "
                           "where the Ankara bombings killed dozens outside Ankara's main railway station.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Russia"]["mentions"][0]["count"] == 2 and "Moscow" not in places
    assert "Iran" in actors and "Tehran" not in places
    assert "Ankara" in places and "Turkey" not in actors     # each time a place or an attribute


def test_a_first_name_alone_with_its_role_or_kin_is_a_person_and_a_holy_month_is_no_place(tmp_path):
    # the gazetteer knows towns named Layla and Hamid: the text says they are people
    sheets = run(tmp_path, "\"They hate us,\" said Layla, a teacher in one of the camp's schools in Harran. "
                           "I walked with a teacher named Hamid, who came back in 2018. Attacks rose during "
                           "the holy month of Ramadan. Velko Darran, 27, blew himself up in the metro. His brother "
                           "Brakim died at the airport, and their mother said her son Velko had changed.")
    places, actors = names(sheets, "locations"), names(sheets, "actors")
    assert not {"Layla", "Hamid", "Ramadan", "Brakim"} & set(places), sorted(places)
    assert "Harran" in places and "Ramadan" not in actors
    assert all(actors.get(n, {}).get("kind") == "person" for n in ("Layla", "Hamid", "Brakim")), sorted(actors)
    assert "Velko" not in actors and "Velko" in actors["Velko Darran"]["aliases"], sorted(actors)


def test_a_title_is_no_part_of_the_name_a_person_is_also_known_by(tmp_path):
    actors = names(run(tmp_path, "Police named a retired army officer, Major Jahidul Tarsin, known as Murad, who was "
                                 "accused of training the attackers."), "actors")
    assert "Murad" in actors["Jahidul Tarsin"]["aliases"] and "Major Jahidul Tarsin" not in actors, sorted(actors)


def test_towns_taken_in_a_list_and_a_city_occupied_on_a_date_are_battles(tmp_path):
    sheets = run(tmp_path, "The army took the towns of Qarabel and Harran from the militants in late 2015. "
                           "The Velo Front occupied our city of Brenna in March 2016.")
    ops = set(names(sheets, "operations"))
    assert {"Battle of Qarabel (2015)", "Battle of Harran (2015)", "Battle of Brenna (2016)"} <= ops, ops


def test_a_town_freed_and_a_strike_on_a_towns_market_are_operations(tmp_path):
    sheets = run(tmp_path, "In August 2015 the Velo Front freed the city of Qarabel. Residents fled to the town of "
                           "Harran. On Monday an airstrike on the market of Harran killed 12 people.")
    ops = set(names(sheets, "operations"))
    assert "Battle of Qarabel (2015)" in ops and any(n.startswith("Harran airstrike") for n in ops), ops


def test_a_known_groups_branch_is_one_armed_group_and_a_cell_or_commission_is_a_body(tmp_path):
    sheets = run(tmp_path, "Islamic State Velo Province claimed the attack. A spokesman for the Qarnous Security Media "
                           "Cell said so, and the Harran Appeals Commission ruled on Monday.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Islamic State Velo Province"]["kind"] == "armed group"
    assert not any("Province" in n for n in places), set(places)
    assert actors["Qarnous Security Media Cell"]["kind"] == "government body"
    assert actors["Harran Appeals Commission"]["kind"] == "government body"


def test_a_towns_air_base_beside_it_fought_for_the_same_year_is_the_towns_battle(tmp_path):
    # (the map puts Tabqa's air base beside the town; a base it does not know keeps a battle of its own)
    sheets = run(tmp_path, "In March 2017 the Velo Front captured the Tabqa air base after heavy fighting. In May "
                           "2017 the Velo Front retook Tabqa. In June 2016 the army captured the Qarabel air base, "
                           "and in July 2016 it liberated the city of Qarabel.")
    ops = sorted(names(sheets, "operations"))
    assert [n for n in ops if "Tabqa" in n] == ["Battle of Tabqa (2017)"], ops
    assert len([n for n in ops if "Qarabel" in n]) == 2, ops


def test_a_verb_without_ed_between_a_name_and_a_place_noun_makes_no_place(tmp_path):
    sheets = run(tmp_path, "Kerry said Washington would object if Norway struck areas where the Velo Front was not "
                           "operating. Families left the Qarnous and Harran areas.")
    places = names(sheets, "locations")
    assert not any("struck" in n for n in places) and {"Qarnous", "Harran"} <= set(places), set(places)


def test_british_and_hyphenated_ranks_are_titles_not_part_of_the_name(tmp_path):
    sheets = run(tmp_path, "The head of civil defence, Brigadier Yahya al-Qarnousi, told reporters. Major-General "
                           "Tomas Quillfeather said so, and Lieutenant-General Abdul Amir Harrani agreed.")
    people = {n for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert {"Yahya al-Qarnousi", "Tomas Quillfeather", "Abdul Amir Harrani"} <= people, people


def test_an_apposition_that_says_what_an_unknown_name_is_makes_an_organisation(tmp_path):
    sheets = run(tmp_path, "The report drew on Velocast, an open-source research collective, on Harran Watchers, "
                           "a London-based monitor, and on Qarnous Aid, an NGO. Jaish al-Qarnous, a small rebel "
                           "faction, joined the attack.")
    actors = names(sheets, "actors")
    assert actors["Velocast"]["kind"] == "ngo" and actors["Harran Watchers"]["kind"] == "ngo"
    assert actors["Qarnous Aid"]["kind"] == "ngo"     # (the data's "NGO", written in capitals)
    assert actors["Jaish al-Qarnous"]["kind"] == "armed group"


def test_friends_listed_are_people_and_a_bylines_desk_is_no_part_of_the_name(tmp_path):
    sheets = run_page(tmp_path, "THE VELO DAILY\nNews | Opinion | Sport\n\nWorld news > Law\n\n"
                                "Woman who left to join the Velo Front may not return, court rules\n\n"
                                "Judges say the case can be heard from abroad. Her lawyers will appeal\n\n"
                                "Tomas Harrowgate Legal affairs correspondent\nThu 3 Mar 2016 12.47 GMT\n\n"
                                "She left with two school friends, Kadiza Quillfeather and Amira Harrani, in 2015.\n")
    people = {s["name"] for p, s in sheets.items() if p.startswith("actors/") and s.get("kind") == "person"}
    assert {"Tomas Harrowgate", "Kadiza Quillfeather", "Amira Harrani"} <= people, people


def test_a_country_launching_an_offensive_into_another_is_its_intervention_there(tmp_path):
    sheets = run(tmp_path, "In 2016 Norway launched an incursion into northern Syria. In 2019 Norway launched an "
                           "offensive into north-eastern Syria, and the army launched an offensive on Raqqa.")
    ops = set(names(sheets, "operations"))
    assert {"Norwegian military intervention in Syria (2016)", "Norwegian military intervention in Syria (2019)"} <= ops, ops


def test_insurgents_attacking_near_a_village_and_a_suicide_bomber_attacking_in_a_city_are_attacks(tmp_path):
    sheets = run(tmp_path, "Ten men were killed when Islamic State militants attacked their posts near the village of "
                           "Qarabel on Saturday. On Tuesday a suicide bomber attacked the police headquarters in Harran, "
                           "a city of 80,000 people. Islamic State attacked the town of Brenna in 2014.")
    ops = set(names(sheets, "operations"))
    assert any(n.startswith("Qarabel raid") for n in ops) and any(n.startswith("Harran bombing") for n in ops), ops
    assert not any(n.startswith("Brenna raid") for n in ops), ops     # a town's attackers: no raid


def test_a_region_before_a_role_or_after_in_the_is_no_person(tmp_path):
    sheets = run(tmp_path, "Lama Qessar, the deputy Velo Arc director at the Harran Rights Forum, said so. "
                           "The command, which oversees operations in the Qarnous Arc, said it would investigate.")
    people = {n for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert "Lama Qessar" in people and not {"Velo Arc", "Qarnous Arc"} & people, people


def test_a_dam_seized_on_a_date_is_a_battle_of_its_own_unless_it_stands_beside_its_town(tmp_path):
    # (the map puts the Tabqa Dam beside Tabqa; Qarabel's, which it does not know, keeps its own battle)
    sheets = run(tmp_path, "On 7 August 2014 the militants seized the Qarabel Dam, the largest in the country. "
                           "In March 2017 the Velo Front captured the Tabqa Dam after heavy fighting. In May 2017 "
                           "the Velo Front retook Tabqa.")
    ops = sorted(names(sheets, "operations"))
    assert any(n.startswith(("Fall of Qarabel Dam", "Battle of Qarabel Dam")) and "2014" in n for n in ops), ops
    assert [n for n in ops if "Tabqa" in n] == ["Battle of Tabqa (2017)"], ops


def test_defenders_pushed_out_of_a_town_and_a_plurals_capture_of_it_are_battles(tmp_path):
    sheets = run(tmp_path, "In August 2014 the militants pushed the Peshmerga out of the town of Qarabel. "
                           "The Velo Democratic Forces' capture of the town of Harran in February 2016 cut the road.")
    ops = set(names(sheets, "operations"))
    assert any("Qarabel (2014)" in n for n in ops) and any("Harran (2016)" in n for n in ops), ops


def test_an_ancient_site_razed_is_its_destruction_and_a_city_bombed_flat_is_not(tmp_path):
    sheets = run(tmp_path, "In March 2015 the militants bulldozed the Assyrian capital of Qarabel. In April 2015 they "
                           "began demolishing the ruins of Harran, a Parthian city. In 2017 the jets destroyed the "
                           "city of Brenna.")
    ops = set(names(sheets, "operations"))
    assert {"Destruction of Qarabel (2015)", "Destruction of Harran (2015)"} <= ops, ops
    assert not any("Brenna" in n for n in ops), ops


def test_a_name_told_after_an_institutions_possessive_a_human_opener_and_a_sentences_adverb(tmp_path):
    sheets = run(tmp_path, "The raid was carried out by soldiers from the Army's Velo Force, officials said, and "
                           "about 700 recruits were killed, Human Freedom Monitor said. Mostly Yazidis, the "
                           "displaced reached Qarabel. Tomas Harrowgate is an analyst at the Institute.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Velo Force" in actors and not any("Army" in n for n in actors), set(actors)
    assert "Human Freedom Monitor" in actors and "Freedom Monitor" not in actors, set(actors)
    assert not any("Mostly" in n for n in {*actors, *places}), set(actors) | set(places)
    assert "Institute" not in places, set(places)


def test_a_name_set_off_after_an_official_from_a_place_is_a_person_and_said_is_no_role(tmp_path):
    sheets = run(tmp_path, "Fighters came from Harran, Tal Qarabel and Brenna. A Kurdish official from Harran, "
                           "Said Velomi, said residents had heard explosions.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Said Velomi" in actors and "Said Velomi" not in places, (set(actors), set(places))
    assert "Tal Qarabel" in places, set(places)
    assert "residents" not in str(actors["Said Velomi"].get("role")), actors["Said Velomi"]


def test_an_offensive_or_counteroffensive_towards_a_town_is_its_offensive_and_fleeing_towards_it_is_not(tmp_path):
    sheets = run(tmp_path, "In late June 2014 government forces launched a counteroffensive towards Qarabel. In May "
                           "2015 the army began an advance toward the town of Harran. Families fled towards Brenna.")
    ops = set(names(sheets, "operations"))
    assert {"Qarabel offensive (2014)", "Harran offensive (2015)"} <= ops, ops
    assert not any("Brenna" in n for n in ops), ops


def test_eras_and_empires_are_adjectives_not_places(tmp_path):
    sheets = run(tmp_path, "Its temples blend Hellenistic, Roman and eastern styles. An orchestra played in the Roman "
                           "theatre of Qarabel, a caravan city of the Roman era.")
    places = names(sheets, "locations")
    assert not {"Roman", "Hellenistic"} & set(places), set(places)


def test_a_plural_after_a_name_is_no_apposition_and_one_name_after_provinces_of_holds_them(tmp_path):
    sheets = run(tmp_path, "In Tal Velo, Kurdish residents said militiamen had burned homes. Hamid Qarabeli, one of the "
                           "residents, agreed. The forces will not enter the three provinces of the Velo Region. "
                           "Families fled the provinces of Harran, Brenna and Kessab.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Tal Velo" not in actors and "Hamid Qarabeli" in actors, set(actors)
    assert "Velo Region province" not in places and {"Harran province", "Kessab province"} <= set(places), set(places)


def test_a_river_is_known_by_its_name_without_the_word_river(tmp_path):
    sheets = run(tmp_path, "The town lies on the Qarabel Zab river, 40km south of Harran. Later the Qarabel Zab flooded.")
    rivers = [s for s in names(sheets, "locations").values() if s.get("kind") == "river"]
    assert len(rivers) == 1 and "Qarabel Zab" in rivers[0]["aliases"], rivers


def test_a_date_after_since_is_not_the_year_of_the_sentences_event(tmp_path):
    sheets = run(tmp_path, "Government forces are pressing an offensive on Qarabel, a town the militants have held "
                           "since June 2014.")
    ops = set(names(sheets, "operations"))
    assert any(n.startswith("Qarabel offensive") for n in ops) and not any("2014" in n for n in ops), ops


def test_a_town_retaken_in_a_clause_set_off_by_dashes_is_its_battle(tmp_path):
    sheets = run(tmp_path, "The Kurds gave up the town of Qarabel - which Yazidi fighters had recaptured from the "
                           "militants in November 2015 - without a fight.")
    ops = set(names(sheets, "operations"))
    assert any("Qarabel (2015)" in n for n in ops), ops


def test_a_name_after_a_noun_that_says_what_it_is_makes_an_organisation(tmp_path):
    sheets = run(tmp_path, "The militants stormed Qarabel, fighting the Palestinian rebel group Velo Bayt al-Harran. "
                           "The figures came from the monitoring group Velowatch.")
    actors = names(sheets, "actors")
    assert actors["Velo Bayt al-Harran"]["kind"] == "armed group" and actors["Velowatch"]["kind"] == "ngo", set(actors)


def test_a_place_raided_by_anyone_and_a_raid_told_near_it_are_raids_and_air_raids_on_towns_near_it_are_not(tmp_path):
    sheets = run(tmp_path, "In May 2015 special forces raided a compound at Qarabel. Both leaders were killed in a "
                           "joint raid near Harran in April 2010. The raid took place overnight near the village of "
                           "Kessab in 2019. Russian air raids struck rebel-held towns near Brenna.")
    ops = set(names(sheets, "operations"))
    assert {"Qarabel raid (2015)", "Harran raid (2010)", "Kessab raid (2019)"} <= ops, ops
    assert not any("Brenna" in n for n in ops), ops


def test_modifiers_opening_a_clause_make_the_cue_a_noun_and_a_bare_gerund_after_a_comma_does_not(tmp_path):
    sheets = run(tmp_path, "And last Saturday, twin suicide bombings at a peace rally in Qarabel killed more than 100 "
                           "people. The jets returned, bombing targets in Harran.")
    ops = set(names(sheets, "operations"))
    assert any(n.startswith("Qarabel bombing") for n in ops) and not any("Harran" in n for n in ops), ops


def test_god_named_in_a_quote_is_no_place_and_a_group_named_for_him_keeps_its_name(tmp_path):
    sheets = run(tmp_path, "\"These are idols people worshipped instead of Allah,\" one man says. Saraya Ansar Allah fighters "
                           "attacked the town of Qarabel.")
    places, actors = names(sheets, "locations"), names(sheets, "actors")
    assert "Allah" not in places and "Saraya Ansar Allah" in actors and "Qarabel" in places, (set(places), set(actors))


def test_a_strike_on_positions_on_a_hill_or_that_killed_people_in_a_town_and_no_place_from_an_adverb(tmp_path):
    sheets = run(tmp_path, "On 17 September 2016 coalition aircraft hit army positions on Jabal Marun, and the "
                           "jihadists stormed the hill. In May 2017 an air strike that killed 20 civilians in the "
                           "town of Velo drew protests. Unusually, the city's Kessel district stayed calm. "
                           "Shelterline repaired houses in the towns of Tarsin and Harbel this quarter.")
    ops, places = names(sheets, "operations"), names(sheets, "locations")
    assert any("Jabal Marun" in n and "airstrike" in n for n in ops), ops
    assert any(n.startswith("Velo airstrike") for n in ops), ops
    assert "Unusually" not in places and not [n for n in places if "this" in n.split()], places
    assert {"Tarsin", "Harbel"} <= set(places)


def test_a_country_acts_in_a_clause_after_that_or_which_and_past_a_relative_clause_and_not(tmp_path):
    sheets = run(tmp_path, "The minister admitted that the Netherlands had known for years. Jets left the base "
                           "from which Belgium flew its missions. Denmark, whose jets shared the base with "
                           "others, has still not published its figures. Families fled to Norway.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert {"Netherlands", "Belgium", "Denmark"} <= set(actors), sorted(actors)
    assert "Norway" in places and "Norway" not in actors


def test_a_capital_listed_with_a_country_is_its_government_and_an_honourable_is_a_title(tmp_path):
    sheets = run(tmp_path, "Russia and Damascus say 62 soldiers died in the strike. Today, the Honourable Marta K. "
                           "Vellin, Minister of Defence, confirmed the last strikes, and the Right Honourable Tomas "
                           "Brandt said the jets would return.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Syrian government"]["mentions"] and places.get("Damascus", {}).get("kind") != "country"
    assert {"Marta K. Vellin", "Tomas Brandt"} <= set(actors), sorted(actors)
    assert not [n for n in actors if "Honourable" in n]


def test_a_person_captured_and_later_burned_alive_or_hanged_was_killed(tmp_path):
    ops = names(run(tmp_path, "Its pilot, Karim Tannous, was captured after his jet crashed near Velo in December "
                              "2014 and later burned alive. The engineer Nabil Qassar was hanged in the square in "
                              "2015."), "operations")
    assert {"Killing of Karim Tannous (2014)", "Killing of Nabil Qassar (2015)"} <= set(ops), sorted(ops)


def test_a_name_taken_is_a_place_unless_a_hostage_or_a_noun_follows_and_places_such_as_are_places(tmp_path):
    places = names(run(tmp_path, "Iraqi forces took Dar Kella, the last pocket north of the city. Gunmen took Omar "
                                 "Sallouf hostage. The Tigers took the Velo silos and the villages north of the town. "
                                 "Families fled to the villages near Kessel such as Marun and Tarsin."), "locations")
    assert {"Dar Kella", "Marun", "Tarsin"} <= set(places), sorted(places)
    assert not {"Omar Sallouf", "Velo"} & set(places)


def test_a_compass_word_opening_a_unit_named_before_its_noun_stays_in_its_name(tmp_path):
    sheets = run(tmp_path, "Rebels fought the Northern Storm brigade near the town of Velo. Fighting spread to the "
                           "Eastern tribes.")
    actors = names(sheets, "actors")
    assert "Northern Storm brigade" in actors and "Storm brigade" not in actors, sorted(actors)


def test_a_burning_is_a_killing_but_a_commanders_death_by_a_landmine_is_a_death_in_battle(tmp_path):
    # (a killing named is one that happened, whatever the sentence says did not)
    ops = names(run(tmp_path, "The burning of Karim Tannous has done what months of bombing did not: it has united "
                              "the country against the militants. Colonel "
                              "Omar Sallouf was killed by a landmine near Kessel in June 2015. The hanging of Nabil "
                              "Qassar followed in July."), "operations")
    assert {"Karim Tannous", "Nabil Qassar"} <= {n[len("Killing of "):].split(" (")[0] for n in ops}, sorted(ops)
    assert not [n for n in ops if "Sallouf" in n], sorted(ops)


def test_the_killing_of_dozens_in_a_village_is_a_massacre_there(tmp_path):
    ops = names(run(tmp_path, "The army cleared the orchards of the valley in January 2015. The killing of some 70 "
                              "men in the village of Tarsin at the end of that campaign still haunts the province."),
                "operations")
    assert [n for n in ops if n.startswith("Tarsin massacre")], sorted(ops)
    (tmp_path / "b").mkdir()
    ops = names(run(tmp_path / "b", "Many families of Tarsin found refuge here after the massacres of 1915."), "operations")
    assert not [n for n in ops if "massacre" in n], sorted(ops)   # a year, not a count


def test_better_known_as_names_one_person(tmp_path):
    actors = names(run(tmp_path, "Its effective commander is Karim Dawali, better known as Abu Talal al-Vessi, a "
                                 "founder of the Velo Brigade. Abu Talal al-Vessi spoke to reporters on Monday."),
                   "actors")
    people = [n for n, sheet in actors.items() if sheet.get("kind") == "person"]
    assert len(people) == 1 and {"Karim Dawali", "Abu Talal al-Vessi"} <= {people[0], *actors[people[0]]["aliases"]}, actors


def test_an_agency_named_with_its_parent_body_and_without_is_one(tmp_path):
    actors = names(run(tmp_path, "The United Nations Kessel Relief Agency said it had suspended its airdrops. The "
                                 "Kessel Relief Agency resumed them in May."), "actors")
    agencies = [n for n in actors if "Relief Agency" in n]
    assert len(agencies) == 1, agencies
    assert {"Kessel Relief Agency", "United Nations Kessel Relief Agency"} <= {agencies[0], *actors[agencies[0]]["aliases"]}


def test_a_place_named_with_its_kind_or_by_its_first_word_is_one_place(tmp_path):
    places = names(run(tmp_path, "The militants seized the al-Vessi oil field east of Velo in July. They held al-Vessi "
                                 "for three years. Militias retook the town of Jurf al-Tarsin in October. \"We fought "
                                 "at Jurf,\" a commander said."), "locations")
    assert "al-Vessi oil field" in places and "al-Vessi" not in places, sorted(places)
    assert "Jurf al-Tarsin" in places and "Jurf" not in places, sorted(places)
    (tmp_path / "b").mkdir()
    places = names(run(tmp_path / "b", "Villages between Velo and the Kessel hills were cleared. The Kessel mountains "
                                       "are now quiet. Refugees reached the Tarsin camp outside the town of Tarsin."),
                   "locations")
    assert {"Kessel hills", "Tarsin camp", "Tarsin"} <= set(places) and "Kessel mountains" not in places, sorted(places)


def test_a_country_whose_king_acts_or_that_a_which_clause_describes_is_the_state(tmp_path):
    sheets = run(tmp_path, "Qatar's emir has pledged $1 billion to the army. Denmark, which had withdrawn its jets "
                           "after the dispute over the strikes near Velo, is expected to return.")
    actors = names(sheets, "actors")
    assert {"Qatar", "Denmark"} <= {n for n, sheet in actors.items() if sheet.get("kind") == "state"}, sorted(actors)


def test_a_peoples_name_opens_no_name_and_a_known_towns_checkpoints_are_its_own(tmp_path):
    sheets = run(tmp_path, "The militants took the oil field after rival Islamists of the Velo Front pulled out. The "
                           "detectors used at hundreds of Mosul checkpoints were withdrawn.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert "Velo Front" in actors and not [n for n in actors if n.startswith("Islamists")], sorted(actors)
    assert not [n for n in places if "checkpoint" in n], sorted(places)


def test_strikes_a_government_named_are_a_named_operation(tmp_path):
    ops = names(run(tmp_path, "A government spokesman said the air strikes on Velo were named \"Martyr Karim\" and "
                              "would continue."), "operations")
    assert [n for n in ops if "Martyr Karim" in n], sorted(ops)


def test_a_shrine_blown_up_told_in_the_passive_is_destroyed_in_the_year_told(tmp_path):
    ops = names(run(tmp_path, "Pilgrims returned to Velo, whose Tarsin shrine was blown up by the militants in March "
                              "2006, on Friday."), "operations")
    assert [n for n in ops if n.startswith("Destruction of") and "Tarsin shrine" in n and "(2006)" in n], sorted(ops)


def test_a_place_of_no_known_kind_taken_is_a_battle_for_it(tmp_path):
    sheets = run(tmp_path, "Islamic State militants swept through the valley. They seized Tarsin and Marun in August "
                           "2014, and the families fled north.")
    assert names(sheets, "locations")["Tarsin"]["kind"] == "other"
    assert [n for n in names(sheets, "operations") if "Tarsin" in n and "2014" in n], sorted(names(sheets, "operations"))


def test_whose_a_group_is_comes_before_its_name(tmp_path):
    actors = names(run(tmp_path, "The army fought the al-Qaeda-linked Velo Front near Kessel. The Iran-backed Tarsin "
                                 "Brigades joined them."), "actors")
    assert {"Velo Front", "Tarsin Brigades"} <= set(actors) and not [n for n in actors if "-linked" in n or "-backed" in n]


def test_a_person_called_by_the_first_and_last_of_his_names_is_one(tmp_path):
    sheets = run_two(tmp_path, "The prosecutor Karim Asad Tarsini Velo arrived in the capital on Monday to open the "
                               "inquiry.", "The team is led by Karim Velo, who said the work would take years.")
    people = [n for n, sheet in names(sheets, "actors").items() if sheet.get("kind") == "person"]
    assert people == ["Karim Asad Tarsini Velo"], people


def test_a_full_name_is_a_persons_where_its_last_word_is_told_of_as_someone(tmp_path):
    people = {n for n, s in names(run(tmp_path, "A jury convicted Ossandi Velosi of the murders on Monday. Velosi, 33, grew up "
                                                "in Kessel. Velosi's mother spoke to reporters. Closing Velosi would take "
                                                "years."), "actors").items() if s.get("kind") == "person"}
    assert people == {"Ossandi Velosi"}, people


def test_a_name_before_a_machine_is_its_make_not_a_place(tmp_path):
    sheets = run(tmp_path, "Commandos flew from Kessel in Tarsin Hawk helicopters to a compound at Marun.")
    assert "Tarsin Hawk" not in names(sheets, "locations") and "Marun" in names(sheets, "locations")


def test_a_caption_of_a_figure_is_set_aside(tmp_path):
    sheets = run(tmp_path, "The raid took place at Marun on Friday.\n\n[Figure 1: Map of the Velo oil field and the "
                           "valley east of Marun. Source: Tarsin Institute]")
    assert not [n for n in names(sheets, "locations") if "Map" in n]


def test_the_area_of_a_mountain_named_here_is_the_mountain(tmp_path):
    locations = names(run(tmp_path, "The fighters came from Mount Tarsoz to the south. The hostages were taken to the "
                                    "Tarsoz area."), "locations")
    assert "Tarsoz" not in locations and "Mount Tarsoz" in locations, sorted(locations)


def test_a_force_of_a_tribe_is_two_actors_and_the_tribe_named_bare_is_one(tmp_path):
    actors = names(run(tmp_path, "The offensive joined the Kessel Forces of the Tarsoz tribe and the pro-government "
                                 "Marun Defence Forces militia. The Tarsoz's Kessel Forces took the village."), "actors")
    assert {"Kessel Forces", "Tarsoz tribe", "Marun Defence Forces"} <= set(actors), sorted(actors)
    assert not {"Tarsoz", "Kessel Forces of the Tarsoz tribe", "Marun Defence Forces militia"} & set(actors)


def test_a_name_set_off_as_a_force_is_an_armed_group(tmp_path):
    actors = names(run(tmp_path, "The Tarsoro, a Syriac security force allied to the Kurds, manned the checkpoints in "
                                 "Kessel."), "actors")
    assert actors["Tarsoro"]["kind"] == "armed group"


def test_an_offensive_with_its_backing_set_off_by_commas_is_on_the_town_after(tmp_path):
    ops = names(run(tmp_path, "The fighters launched an offensive, backed by U.S.-led coalition air strikes, on the "
                              "militant-held town of Tarsin in February 2015."), "operations")
    assert [n for n in ops if "Tarsin" in n and "offensive" in n.lower()], sorted(ops)


def test_a_town_lost_to_an_enemy_on_a_date_is_a_battle(tmp_path):
    ops = names(run(tmp_path, "The group lost the border town of Tarsin to the Kurdish fighters in mid-June 2015."),
                "operations")
    assert [n for n in ops if "Tarsin" in n and "2015" in n], sorted(ops)


def test_a_person_whose_murder_is_told_was_killed(tmp_path):
    ops = names(run(tmp_path, "He was the second aid worker killed in a month, after Tarek Velosi, whose murder was "
                              "shown on 13 September 2014."), "operations")
    assert [n for n in ops if "Tarek Velosi" in n], sorted(ops)


def test_a_country_said_to_do_something_after_a_modal_acts(tmp_path):
    actors = names(run(tmp_path, "The prime minister said Japan would not give in to terrorism."), "actors")
    assert actors.get("Japan", {}).get("kind") == "state", sorted(actors)


def test_a_word_that_makes_a_place_noun_with_the_noun_after_it_is_no_place(tmp_path):
    locations = names(run(tmp_path, "Militants shelled the Kessel air base on Monday.\n\nAir base under fire\n\nThe "
                                    "garrison held."), "locations")
    assert "Kessel air base" in locations and "Air" not in locations, sorted(locations)


def test_a_faiths_adjective_opens_no_place_name(tmp_path):
    locations = names(run(tmp_path, "The militants have blown up Shia mosques and Sufi shrines near Kessel."), "locations")
    assert not [n for n in locations if "Sufi" in n], sorted(locations)


def test_an_order_before_a_name_is_no_part_of_it(tmp_path):
    actors = names(run(tmp_path, "The Italian Jesuit Ossandi Velosi was abducted in Kessel in 2013."), "actors")
    assert "Ossandi Velosi" in actors and not [n for n in actors if "Jesuit" in n], sorted(actors)


def test_a_person_kidnapped_is_an_abduction_of_its_own(tmp_path):
    ops = names(run(tmp_path, "Its prior, the priest Ossandi Velosi, was kidnapped by masked gunmen in May 2015. The "
                              "Jesuit Tarek Marunsi, abducted in Kessel in July 2013, is still missing."), "operations")
    assert {"Abduction of Ossandi Velosi (2015)", "Abduction of Tarek Marunsi (2013)"} <= set(ops), sorted(ops)


def test_a_byline_names_the_person_without_title_or_role(tmp_path):
    sheets = run_page(tmp_path, "Disruption is not defeat\n\nAuthor: Dr. Ossandi Velosi, Senior Fellow\n\n9 December 2019\n\n"
                                "The group's channels survived the takedowns in Kessel.\n")
    people = {n for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert people == {"Ossandi Velosi"}, people


def test_a_byline_role_after_the_name_and_a_label_line_under_a_tag_line_are_no_names(tmp_path):
    sheets = run_page(tmp_path, "Commandos tried to free the hostages\n\nBy Gretchen Alvaro, SBN Pentagon Producer\n\n"
                                "9 December 2019\n\nThe raid on Kessel failed, officials said.\n\n"
                                "Topics: Syria, Islamic State, Drones, UK security and counter-terrorism, David Cameron\n"
                                "Related: Who was Junaid Hussain? | Profile: Reyaad Khan\n")
    people = {n for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert people == {"Gretchen Alvaro"}, people


def test_a_military_body_keeps_its_first_word(tmp_path):
    actors = names(run(tmp_path, "He worked at the regime's Military Industrialisation Authority in Kessel."), "actors")
    assert "Military Industrialisation Authority" in actors, sorted(actors)


def test_a_known_body_owning_a_unit_is_two_actors(tmp_path):
    actors = names(run(tmp_path, "In April 2018 Europol's Kessel Referral Unit led the takedown."), "actors")
    assert {"Europol", "Kessel Referral Unit"} <= set(actors), sorted(actors)


def test_an_operation_named_with_and_without_the_word_operation_is_one(tmp_path):
    ops = names(run_two(tmp_path, "The command launched Operation Velvet Harbor against the network in 2016.",
                        "In late 2016 the command launched a campaign called Velvet Harbor to break into the network."),
                "operations")
    assert list(ops) == ["Operation Velvet Harbor"] and ops["Operation Velvet Harbor"]["aliases"] == ["Velvet Harbor"]


def test_a_verb_opening_a_list_item_is_no_part_of_the_known_name_after_it(tmp_path):
    actors = names(run(tmp_path, "The brief ends with three requests.\n\n3. Support the Organisation for the Prohibition "
                                 "of Chemical Weapons in collecting samples."), "actors")
    assert "OPCW" in actors and not [n for n in actors if n.startswith("Support")], sorted(actors)


def test_a_place_described_in_lower_case_words_is_the_place_named_without_them(tmp_path):
    locations = names(run_two(tmp_path, "The militants set fire to the al-Kessel sulphur plant in October.",
                              "Smoke from the al-Kessel plant reached the villages."), "locations")
    assert [n for n in locations if "Kessel" in n] == ["al-Kessel sulphur plant"] or \
        [n for n in locations if "Kessel" in n] == ["al-Kessel plant"], sorted(locations)


def test_a_person_killed_somewhere_on_a_date_or_in_a_participle_apposition_is_a_killing(tmp_path):
    ops = names(run(tmp_path, "The loss recalled Ossandi Velosi, a special forces officer who was killed near Kessel in "
                              "March 2016 after calling in strikes. It contrasts with Tarek Marunsi, killed by shelling "
                              "near Tarsin in September 2017."), "operations")
    assert {"Killing of Ossandi Velosi (2016)", "Killing of Tarek Marunsi (2017)"} <= set(ops), sorted(ops)


def test_an_operation_for_a_place_is_not_at_another_place_its_one_sentence_names(tmp_path):
    sheets = run(tmp_path, "When they lost the city of Tarsin to the Kessel Forces in November 2015 they launched the "
                           "attacks in Marun the same month. The Kessel Forces then cleared Tarsin's Velo district.")
    battle = next(s for n, s in names(sheets, "operations").items() if "Tarsin" in n)
    assert battle["locations"][0] == "tarsin" and "marun" not in battle["locations"], battle["locations"]


def test_places_taken_or_fought_for_in_one_phrase_are_one_operation_each_in_the_year_told_after(tmp_path):
    ops = names(run(tmp_path, "From the fall of Manbij and Jarabulus in 2014 to the battles for Mosul and Tal Afar "
                              "in 2017, the group lost its cities one by one."), "operations")
    assert {"Fall of Manbij (2014)", "Fall of Jarabulus (2014)", "Battle of Mosul (2017)",
            "Battle of Tal Afar (2017)"} <= set(ops), sorted(ops)


def test_a_person_killed_by_someones_shelling_or_when_a_bomb_struck_is_a_killing_and_no_bombing_of_the_place(tmp_path):
    sheets = run(tmp_path, "General Tarek Marunsi was killed by Daesh mortar fire near Raqqa on 3 March 2016. The "
                           "prosecutor Ossandi Velosi was killed when a car bomb struck his convoy in the Sadr City "
                           "district of Baghdad in June 2015.")
    ops, places = names(sheets, "operations"), names(sheets, "locations")
    assert {"Killing of Tarek Marunsi (2016)", "Killing of Ossandi Velosi (2015)"} <= set(ops), sorted(ops)
    assert not [n for n in ops if "bombing" in n], sorted(ops)
    assert places["Baghdad"]["kind"] == "city" and places["Sadr City"]["kind"] == "district"


def test_a_bombing_in_a_named_district_of_a_city_is_the_districts(tmp_path):
    sheets = run(tmp_path, "A car bomb exploded in the Sadr City district of Baghdad on Monday, killing 20 people.")
    assert [n for n in names(sheets, "operations") if "bombing" in n] == ["Sadr City bombing (2016)"]


def test_a_sovereign_or_pope_named_by_one_name_keeps_the_title_in_the_name(tmp_path):
    sheets = run(tmp_path, "King Tarmun of Jordan condemned the attack. Pope Velosius II, the head of the Kessel "
                           "church, called it terrorism. King Abdullah bin Tarmun was not present.")
    actors = names(sheets, "actors")
    assert {"King Tarmun", "Pope Velosius II", "Abdullah bin Tarmun"} <= set(actors), sorted(actors)
    assert actors["Pope Velosius II"]["aliases"] == ["Pope Velosius", "Velosius II"]   # (the number is often left out)


def test_a_place_named_for_a_titled_person_is_a_place(tmp_path):
    sheets = run(tmp_path, "The bomber struck the Imam Velosi mosque in the village of Tarsin during Friday prayers.")
    assert "Imam Velosi mosque" in names(sheets, "locations")
    assert not [n for n in names(sheets, "actors") if "Velosi" in n], sorted(names(sheets, "actors"))


def test_a_named_operation_with_a_word_before_operation_and_a_quoted_year(tmp_path):
    ops = names(run(tmp_path, "Seven months into 'Decisive Operation Kessel 2018', the army says it is winning."),
                "operations")
    assert list(ops) == ["Decisive Operation Kessel 2018"], sorted(ops)


def test_an_airline_told_of_as_a_carrier_is_an_actor_and_a_gloss_ends_before_a_dash(tmp_path):
    sheets = run(tmp_path, "The aircraft was operated by Velojet, a small Russian charter carrier based in Siberia. "
                           "A statement by the Kessel Front, formerly known as Ansar Tarsin - a name it dropped in "
                           "2014 - said so.")
    actors = names(sheets, "actors")
    assert "Velojet" in actors, sorted(actors)
    assert actors["Kessel Front"]["aliases"] == ["Ansar Tarsin"]


def test_a_church_named_for_a_saint_is_one_place_with_its_possessive(tmp_path):
    places = names(run(tmp_path, "A bomber blew himself up at the gate of St Velo's Cathedral in Alexandria. Police "
                                 "guarded St. Marun's Church and the St Tarsin Church."), "locations")
    assert {"St Velo's Cathedral", "St. Marun's Church", "St Tarsin Church"} <= set(places), sorted(places)
    assert all(places[n]["kind"] == "landmark" for n in ("St Velo's Cathedral", "St. Marun's Church", "St Tarsin Church"))


def test_forces_that_clashed_near_a_town_fought_a_battle_there(tmp_path):
    ops = names(run(tmp_path, "Five fighters were killed when forces loyal to the Kessel Front clashed with the Velo "
                              "Brigade near the town of Tarsin on Friday."), "operations")
    assert [n for n in ops if "Tarsin" in n] == ["Battle of Tarsin (2016)"], sorted(ops)


def test_a_verb_opening_a_list_item_before_the_and_an_organisation_is_no_part_of_its_name(tmp_path):
    actors = names(run(tmp_path, "The brief ends with two requests.\n\n- Train the Kessel Internal Security Forces "
                                 "before the city is handed over."), "actors")
    assert "Kessel Internal Security Forces" in actors and not [n for n in actors if n.startswith("Train")], sorted(actors)


def test_a_protection_force_keeps_its_first_word(tmp_path):
    actors = names(run(tmp_path, "The Protection Force of Velokhan, a local militia, holds the northern slopes."), "actors")
    assert "Protection Force of Velokhan" in actors, sorted(actors)


def test_a_camp_described_with_a_people_and_lower_case_words_is_the_camp_named_without_them(tmp_path):
    places = names(run_two(tmp_path, "Residents of the Tarsin Palestinian refugee camp fled the shelling.",
                           "The Tarsin camp was besieged for years."), "locations")
    assert [n for n in places if "Tarsin" in n] in (["Tarsin Palestinian refugee camp"], ["Tarsin camp"]), sorted(places)


def test_a_states_air_force_or_navy_told_in_lower_case_is_an_actor(tmp_path):
    actors = names(run(tmp_path, "Tribal fighters, supported by the Iraqi air force, retook the village. The Russian "
                                 "navy fired missiles from the Caspian. Jets took off from a Syrian air force base."),
                   "actors")
    assert {"Iraqi Air Force", "Russian Navy"} <= set(actors), sorted(actors)
    assert "Syrian Air Force" not in actors, sorted(actors)


def test_a_places_provincial_council_is_a_government_body(tmp_path):
    actors = names(run(tmp_path, "The Anbar provincial council asked the government to arm the tribes."), "actors")
    assert actors["Anbar Provincial Council"]["kind"] == "government body", sorted(actors)


def test_ranks_with_a_grade_number_and_navy_ratings_are_titles(tmp_path):
    actors = names(run(tmp_path, "The bomber killed Chief Warrant Officer 2 Tarek Velosi and Chief Cryptologic "
                                 "Technician Maren Kessel. Navy SEAL Ossandi Marun was wounded."), "actors")
    assert {"Tarek Velosi", "Maren Kessel", "Ossandi Marun"} <= set(actors), sorted(actors)
    assert all(actors[n]["kind"] == "person" for n in ("Tarek Velosi", "Maren Kessel", "Ossandi Marun"))


def test_a_person_described_by_whose_district_is_no_place(tmp_path):
    sheets = run(tmp_path, "Tarek Velosi, a Democrat whose district includes much of the county, demanded answers.")
    assert "Tarek Velosi" in names(sheets, "actors") and "Tarek Velosi" not in names(sheets, "locations")


def test_a_hometown_told_with_its_us_state_is_a_town(tmp_path):
    places = names(run(tmp_path, "Sgt. Tarek Velosi, 29, of Brennick, Oklahoma, was killed in the blast."), "locations")
    assert places["Brennick"]["kind"] == "city" and places["Oklahoma"]["kind"] == "province", sorted(places)


def test_two_given_names_before_one_surname_are_two_people(tmp_path):
    actors = names(run(tmp_path, "The militia was founded by the brothers Omar and Abdullah Velosi in their home town. "
                                 "Reporting by Tom Barrow in Brennick and Selim Kaya in Ankara."), "actors")
    assert {"Omar Velosi", "Abdullah Velosi"} <= set(actors), sorted(actors)
    assert "Brennick Kaya" not in actors
    assert all(actors[n]["kind"] == "person" for n in ("Omar Velosi", "Abdullah Velosi"))


def test_a_spanish_connector_is_inside_a_place_name(tmp_path):
    places = names(run(tmp_path, "His wife was detained on Friday in Brennick, Velokhan del Norte, the army said."),
                   "locations")
    assert "Velokhan del Norte" in places, sorted(places)


def test_a_city_named_with_the_word_city_and_without_is_one_place(tmp_path):
    places = names(run(tmp_path, "Troops entered Brennick City on Tuesday. By Friday the army said Brennick was quiet, "
                                 "and aid reached Brennick."), "locations")
    assert [n for n in places if "Brennick" in n] in (["Brennick City"], ["Brennick"]), sorted(places)


def test_a_chief_of_staffs_title_is_no_part_of_the_force_he_serves(tmp_path):
    actors = names(run(tmp_path, "He was joined by the Chief of Staff of the Armed Forces of Velokhan, General Tarek "
                                 "Velosi, who said the fighting was over."), "actors")
    assert "Armed Forces of Velokhan" in actors and not [n for n in actors if n.startswith("Staff")], sorted(actors)


def test_a_faiths_adjective_opens_a_movement_named_of_a_place(tmp_path):
    actors = names(run(tmp_path, "In the south, the Islamic Movement of Velokhan sided with the rebels."), "actors")
    assert "Islamic Movement of Velokhan" in actors, sorted(actors)


def test_a_clerics_honorific_stays_with_one_name_and_a_chief_executive_is_a_title(tmp_path):
    actors = names(run(tmp_path, "Mullah Velosi was chosen as leader. Chief Executive Tarek Marun called the bombing "
                                 "an attempt to divide the country."), "actors")
    assert {"Mullah Velosi", "Tarek Marun"} <= set(actors), sorted(actors)


def test_a_clerics_full_name_is_known_with_his_honorific_and_without(tmp_path):
    actors = names(run(tmp_path, "The letter was signed by Mullah Zarnon Velosi, the movement's deputy."), "actors")
    (sheet,) = [s for n, s in actors.items() if "Velosi" in n]
    assert {sheet["name"], *sheet["aliases"]} >= {"Mullah Zarnon Velosi", "Zarnon Velosi"}, sheet


def test_a_title_word_is_no_mention_of_a_place_spelled_alike_once_vowels_fold(tmp_path):
    # ("Mullah" and "Mali" share a spelling key)
    places = names(run(tmp_path, "Mullah Tarek Velosi, the deputy leader of the group, was killed in a drone strike."),
                   "locations")
    assert "Mali" not in places, sorted(places)


def test_a_name_said_to_be_killed_is_a_person(tmp_path):
    actors = names(run(tmp_path, "The leadership passed to his deputy after Zarnon Velosi was killed in the mountains. "
                                 "One American was wounded."), "actors")
    assert actors["Zarnon Velosi"]["kind"] == "person", sorted(actors)
    assert "One American" not in actors


def test_a_compass_word_before_an_unknown_place_is_its_name(tmp_path):
    places = names(run(tmp_path, "He was killed in a drone strike in North Velokhan last year."), "locations")
    assert "North Velokhan" in places, sorted(places)


def test_a_person_killed_by_a_drone_is_a_killing(tmp_path):
    ops = names(run(tmp_path, "The rebel leader Tarek Velosi was killed by a US drone in Brennick in May 2016."),
                "operations")
    assert "Killing of Tarek Velosi (2016)" in ops, sorted(ops)


def test_a_units_number_is_part_of_its_name(tmp_path):
    actors = names(run(tmp_path, "The insurgents attacked the 157 Velokhan Battalion at Brennick. Some 132 rebel "
                                 "fighters died."), "actors")
    assert "157 Velokhan Battalion" in actors, sorted(actors)


def test_a_province_named_with_the_word_and_without_is_one_place(tmp_path):
    places = names(run(tmp_path, "A health official in Velokhan province said the toll would rise. Velokhan, a mostly "
                                 "rural province on the river, has been hit repeatedly. Police must act in "
                                 "Baghdad, Velokhan and Karbala."), "locations")
    (name,) = [n for n in places if "Velokhan" in n]
    assert places[name]["kind"] == "province" and {name, *places[name]["aliases"]} >= {"Velokhan", "Velokhan province"}


def test_a_casino_complex_is_a_landmark_and_an_assault_on_a_town_is_a_battle(tmp_path):
    sheets = run(tmp_path, "Police are investigating the attack on the Brennick casino complex. The militants were "
                           "responsible for the assault on Velokhan, when fighters overran a military post.")
    assert names(sheets, "locations")["Brennick"]["kind"] == "landmark"
    assert [n for n in names(sheets, "operations") if "Velokhan" in n], sorted(names(sheets, "operations"))


def test_a_federal_states_name_is_a_province(tmp_path):
    places = names(run(tmp_path, "Gwaleni, the town in southern Velokhan State, was retaken by the army. Troops in "
                                 "Velokhan pushed on."), "locations")
    assert places["Velokhan State"]["kind"] == "province", sorted(places)
    assert "Velokhan" not in places and "Velokhan" in places["Velokhan State"]["aliases"], sorted(places)


def test_a_known_name_opened_by_a_faiths_adjective_keeps_it(tmp_path):
    sheets = run(tmp_path, "The armed group that calls itself Islamic State-Khorasan Province (ISKP) struck again.")
    assert not [n for n in names(sheets, "locations") if "Khorasan" in n], sorted(names(sheets, "locations"))


def test_many_people_kidnapped_from_a_town_is_a_kidnapping_named_after_it(tmp_path):
    ops = names(run(tmp_path, "The group drew attention last April by kidnapping 276 schoolgirls from the town of "
                              "Velokhan. Some 15 hostages were freed in Brennick."), "operations")
    assert "Velokhan kidnapping (2015)" in ops and not [n for n in ops if "Brennick" in n], sorted(ops)


def test_an_ambush_named_after_a_place_is_an_attack(tmp_path):
    ops = names(run(tmp_path, "The Velokhan ambush forced the ministry to explain why its soldiers were there."),
                "operations")
    assert [n for n in ops if "Velokhan" in n], sorted(ops)


def test_a_surname_spelled_like_a_known_persons_once_vowels_fold_is_not_his(tmp_path):
    # (the dictionary knows Haider al-Abadi as "Abadi"; "Abedi" folds to the same key)
    actors = names(run(tmp_path, "Tarek Abedi, 22, blew himself up at the stadium. Abedi's brother was arrested in "
                                 "Brennick."), "actors")
    abadi = actors.get("Haider al-Abadi")
    assert "Tarek Abedi" in actors and (abadi is None or ("Abedi" not in abadi["aliases"] and not abadi["mentions"]))


def test_a_hyphenated_place_with_a_lowercase_word_inside_is_no_modifier(tmp_path):
    places = names(run(tmp_path, "Two men attacked the church in Velok-sur-Brennick, in the north, during mass."),
                   "locations")
    assert "Velok-sur-Brennick" in places, sorted(places)


def test_a_three_word_place_whose_whereabouts_follow_is_a_place(tmp_path):
    places = names(run(tmp_path, "The fugitive was shot dead in Sesto Velok Brennick, near Milan, at dawn. The truck "
                                 "stopped at the Promenade des Velok in Nice."), "locations")
    assert {"Sesto Velok Brennick", "Promenade des Velok"} <= set(places), sorted(places)


def test_an_attack_on_something_in_a_town_is_an_attack_named_after_it(tmp_path):
    ops = names(run(tmp_path, "The uprising began in October 2015 with an attack on police stations in Brennick. "
                              "The group also claimed the attack on the Tarsin nightclub in Velokhan."), "operations")
    assert "Brennick attacks (2015)" in ops and not [n for n in ops if n.startswith("Velokhan")], sorted(ops)


def test_armed_men_killing_many_civilians_in_a_village_is_a_massacre(tmp_path):
    ops = names(run(tmp_path, "BRENNICK (Tidewater) - In April the militants killed 52 young men in the village of "
                              "Velokhan. Fighters killed 20 soldiers near Tarsin."), "operations")
    assert "Velokhan massacre (2015)" in ops and not [n for n in ops if "Brennick" in n or "Tarsin" in n], sorted(ops)


def test_a_known_persons_surname_with_a_possessive_is_still_his(tmp_path):
    sheets = run(tmp_path, "Rebel tweets showed a fighter killed near Brennick and arms captured from Baghdadi’s "
                           "organization.")
    facts = names(sheets, "locations")["Brennick"]["facts"]
    assert any("abu-bakr-al-baghdadi" in f["involves"] for f in facts), facts


def test_a_massacre_verb_inside_a_known_name_is_no_massacre(tmp_path):
    ops = names(run(tmp_path, "The citizen journalists of Raqqa is Being Slaughtered Silently did the same for Raqqa."),
                "operations")
    assert not ops, sorted(ops)


def test_what_was_struck_may_stand_between_a_place_and_its_attack(tmp_path):
    ops = names(run(tmp_path, "Twelve people died in the Brennick lorry attack in December 2016. Police said the "
                              "Velokhan residents attack claim was false."), "operations")
    assert [n for n in ops if n.startswith("Brennick")] and not [n for n in ops if "Velokhan" in n], sorted(ops)


def test_an_unknown_name_before_what_was_struck_and_a_siege_or_clash_is_a_place(tmp_path):
    sheets = run(tmp_path, "Officials recalled the Dravosk school siege in 2004. Police still speak of the Tarsin "
                           "clash of January 2015, when 44 commandos were killed.")
    ops = names(sheets, "operations")
    assert {"Dravosk", "Tarsin"} <= set(names(sheets, "locations")), sorted(names(sheets, "locations"))
    assert [n for n in ops if "Dravosk" in n] and [n for n in ops if "Tarsin" in n], sorted(ops)


def test_armed_men_who_kill_many_soldiers_at_a_post_or_overrun_it_attack_the_place(tmp_path):
    ops = names(run(tmp_path, "Families fled the village of Dravosk. In June, gunmen killed 11 gendarmes at the gendarmerie post in Dravosk. "
                              "In July, militants overran an army post at the village of Tarsin, killing 49 soldiers. "
                              "Aid reached the town of Velokhan. A car bomb exploded in the heart of Velokhan on "
                              "Tuesday. Families fled the village of Kessel. In May the fighters overran a base at "
                              "Kessel. Aid reached the village of Marun. In March the rebels attacked a PDF base at "
                              "Marun."), "operations")
    for place in ("Dravosk", "Tarsin", "Velokhan", "Kessel", "Marun"):
        assert [n for n in ops if n.startswith(place)], (place, sorted(ops))


def test_a_valley_is_a_region_of_its_own_even_when_a_river_names_it(tmp_path):
    places = names(run(tmp_path, "Its headquarters was in the Dravosk valley. Families fled along the Velokhan River "
                                 "valley and crossed the Velokhan River."), "locations")
    assert {"Dravosk valley", "Velokhan valley", "Velokhan River"} <= set(places), sorted(places)
    assert places["Dravosk valley"]["kind"] == "region" and places["Velokhan River"]["kind"] == "river"


def test_a_congregational_mosque_and_a_bazaar_are_places_and_a_bomber_inside_one_bombed_it(tmp_path):
    sheets = run(tmp_path, "At least 56 people were killed when the attacker blew himself up inside the Jamia Masjid "
                           "Dravosk Tarsin, near the historic Velokhan Bazaar, as worshippers gathered.")
    places = names(sheets, "locations")
    assert places.get("Jamia Masjid Dravosk Tarsin", {}).get("kind") == "landmark", sorted(places)
    assert places.get("Velokhan Bazaar", {}).get("kind") == "landmark", sorted(places)
    assert [n for n in names(sheets, "operations") if n.startswith("Jamia Masjid Dravosk Tarsin bombing")]


def test_a_club_stadium_or_hotel_is_named_with_and_without_its_noun_but_a_citys_hotel_is_the_citys(tmp_path):
    places = names(run(tmp_path, "Gunmen attacked the Tarsin nightclub. Twin bombs went off outside the Velokhan "
                                 "football stadium. Fans left the Stade de Kessel and walked down the Rue de la Harbel. "
                                 "She was jailed for the 2005 Amman hotel bombings."), "locations")
    assert "Tarsin nightclub" in places["Tarsin"]["aliases"], sorted(places)
    assert "Velokhan football stadium" in places["Velokhan"]["aliases"], sorted(places)
    assert {"Stade de Kessel", "Rue de la Harbel"} <= set(places), sorted(places)
    assert "Amman hotel" not in places.get("Amman", {}).get("aliases", []) and "Amman hotel" not in places


def test_a_country_opened_by_a_compass_word_and_a_city_with_a_lowercase_particle_are_named_whole(tmp_path):
    sheets = run(tmp_path, "She had worked in South Sudan and Libya. They never left the airport in Dar es Salaam. "
                           "The transfer was delayed for a year by a legal battle in London.")
    places = names(sheets, "locations")
    assert {"South Sudan", "Dar es Salaam"} <= set(places) and not {"Sudan", "Dar"} & set(places), sorted(places)
    assert not names(sheets, "operations"), sorted(names(sheets, "operations"))


def test_people_listed_together_share_what_was_done_to_them_but_an_apposition_does_not(tmp_path):
    ops = names(run(tmp_path, "The cell is accused of beheading the journalists James Darran and Steven Tarsin. The "
                              "hostages Peter Kessel and David Velokhan were killed in January. The killing of Abu "
                              "Khalid al-Harbeli, Marun Dessa's envoy, was blamed on the group."), "operations")
    killed = {n.split(" (")[0].removeprefix("Killing of ") for n in ops}
    assert {"James Darran", "Steven Tarsin", "Peter Kessel", "David Velokhan", "Abu Khalid al-Harbeli"} <= killed, sorted(ops)
    assert "Marun Dessa" not in killed, sorted(ops)


def test_police_ranks_are_titles_and_an_age_may_end_a_sentence(tmp_path):
    sheets = run(tmp_path, "Besides Harbel, those killed were Aysha Tarsin, 43. Assistant Commissioner Neil Velokhan "
                           "said Superintendent Russ Dravosk had left. Kurt Kessel, 54, a tourist, died.")
    actors = names(sheets, "actors")
    assert {"Aysha Tarsin", "Neil Velokhan", "Russ Dravosk", "Kurt Kessel"} <= set(actors), sorted(actors)
    assert not [n for n in actors if n.startswith(("Besides", "Assistant", "Superintendent"))], sorted(actors)


def test_a_verb_of_speech_between_a_name_and_a_place_noun_is_no_part_of_a_place(tmp_path):
    places = names(run(tmp_path, "Engineers say dams are hard to destroy with bombs. Officials fear dam failure."),
                   "locations")
    assert not places, sorted(places)


def test_britains_emergency_committee_and_security_service_are_bodies_not_places(tmp_path):
    sheets = run(tmp_path, "The prime minister spoke after chairing a meeting of Cobra, the government's emergency "
                           "committee. MI5 had known the attacker.")
    assert {"COBRA", "MI5"} <= set(names(sheets, "actors")) and not names(sheets, "locations")


def test_the_middle_east_is_too_loose_for_a_sheet_but_europe_is_where_attacks_were_plotted(tmp_path):
    sheets = run(tmp_path, "Fighters came from across the Middle East to plot attacks in Europe, the Middle East "
                           "Security Programme said.")
    assert "Middle East" not in names(sheets, "locations") and "Europe" in names(sheets, "locations")
    assert "Middle East Security Programme" in names(sheets, "actors")


def test_a_bomb_in_a_citys_district_went_off_in_the_district_whichever_is_named_first(tmp_path):
    ops = names(run(tmp_path, "A truck bomb in the Mosul shopping district of Tarsin killed 250 people. A bomb in the "
                              "Marun district of Mosul killed 30."), "operations")
    assert [n for n in ops if n.startswith("Tarsin")] and [n for n in ops if n.startswith("Marun")], sorted(ops)
    assert not [n for n in ops if n.startswith("Mosul")], sorted(ops)


def test_bombers_who_struck_places_listed_with_and_bombed_each_but_not_a_towns_province(tmp_path):
    ops = names(run(tmp_path, "Families fled the towns of Dravosk and Tarsin. In October, suicide bombers attacked "
                              "mosques in Dravosk and Tarsin during Friday prayers. Two men blew themselves up at an "
                              "army camp in Velokhan, Harbel province, in June."), "operations")
    assert [n for n in ops if n.startswith("Dravosk")] and [n for n in ops if n.startswith("Tarsin")], sorted(ops)
    assert not [n for n in ops if n.startswith("Harbel")], sorted(ops)


def test_a_region_after_a_place_is_in_its_alias(tmp_path):
    places = names(run(tmp_path, "The car was stopped near the village of Tarsin in Brennick region, on the border."),
                   "locations")
    assert "Brennick region" in places["Brennick"]["aliases"], sorted(places)


def test_a_particle_inside_a_hyphenated_name_keeps_it_a_name(tmp_path):
    actors = names(run(tmp_path, "The bombing was claimed by Jamaat-ul-Brennick, a banned militant group. The "
                                 "Commander-in-Chief of the Tarsin Army, Velok Haran, denied it."), "actors")
    assert "Jamaat-ul-Brennick" in actors and not [n for n in actors if "Commander" in n], sorted(actors)


def test_a_year_right_before_the_cue_dates_the_attack(tmp_path):
    ops = names(run(tmp_path, "A court jailed seven men for the 2013 attack on the Brennick cafe in Velokhan. The 2014 "
                              "bombings in Tarsin were recalled."), "operations")
    assert {"Brennick attacks (2013)", "Tarsin bombing (2014)"} <= set(ops), sorted(ops)


def test_an_apposition_naming_a_building_makes_a_landmark(tmp_path):
    places = names(run(tmp_path, "Gunmen walked into the lobby of Brennick Velok Hall, a 6,200-seat music venue in "
                                 "Tarsin, on Friday."), "locations")
    assert places.get("Brennick Velok Hall", {}).get("kind") == "landmark", sorted(places)


def test_places_listed_before_one_cue_each_have_the_operation(tmp_path):
    ops = names(run(tmp_path, "Fighters entered the towns of Brennick and Velokhan in May. Islamic State claimed both "
                              "the Brennick and Velokhan attacks through its news agency."), "operations")
    assert {"Brennick attacks (2016)", "Velokhan attacks (2016)"} <= set(ops), sorted(ops)


def test_an_ambush_near_a_village_is_named_after_it(tmp_path):
    ops = names(run(tmp_path, "Ten soldiers died in an ambush near the village of Tarsin on Tuesday."), "operations")
    assert [n for n in ops if n.startswith("Tarsin")], sorted(ops)


def test_fighters_who_attacked_a_commune_raided_it(tmp_path):
    ops = names(run(tmp_path, "Armed men attacked the commune of Brennick overnight, the government said."), "operations")
    assert [n for n in ops if n.startswith("Brennick")], sorted(ops)


def test_the_ministry_of_x_is_the_x_ministry(tmp_path):
    sheets = run_two(tmp_path, "The Brennick Ministry said the road was open.", "The Ministry of Brennick denied it.")
    actors = [s["name"] for path, s in sheets.items() if path.startswith("actors/") and "Brennick" in s["name"]]
    assert len(actors) == 1, actors


def test_a_sovereigns_name_without_its_number_is_still_his(tmp_path):
    actors = names(run(tmp_path, "Pope Velok II cut short a visit to Brennick. Pope Velok had been there before."), "actors")
    assert [n for n in actors if n.startswith("Pope Velok")] == ["Pope Velok II"], sorted(actors)


def test_may_beside_a_day_or_a_year_is_the_month(tmp_path):
    actors = names(run(tmp_path, "On 31 May 2015 the Brennick Liberation Forces crossed the river at Tarsin."), "actors")
    assert "Brennick Liberation Forces" in actors and not [n for n in actors if "May" in n], sorted(actors)


def test_a_man_of_a_known_body_is_a_man_and_the_body(tmp_path):
    actors = names(run(tmp_path, "\"The town is free,\" Velok Haran of the Manbij Military Council told reporters."), "actors")
    assert "Manbij Military Council" in actors and not [n for n in actors if "Haran of" in n], sorted(actors)


def test_new_york_is_the_city_and_a_great_city_opened_by_new_is_named_whole(tmp_path):
    sheets = run(tmp_path, "The suspect was arrested in New York on Monday. He had flown there from New Delhi.")
    places = names(sheets, "locations")
    assert {"New York", "New Delhi"} <= set(places) and not {"York", "Delhi"} & set(places), sorted(places)
    assert places["New York"]["kind"] == "city", places["New York"]


def test_a_states_formal_name_is_its_country_but_an_armed_groups_is_not(tmp_path):
    sheets = run(tmp_path, "The troops flew from the Republic of Malawi and the Democratic Republic of Congo to Pemba, "
                           "in the Republic of Mozambique. Mozambique thanked them. The Islamic State of Iraq was named.")
    places = names(sheets, "locations")
    assert {"Malawi", "Democratic Republic of the Congo", "Mozambique"} <= set(places), sorted(places)
    assert "Republic of Mozambique" in places["Mozambique"]["aliases"], places["Mozambique"]
    assert not {p for p in places if p.startswith("Republic")}, sorted(places)
    assert "Iraq" not in places and "Islamic State of Iraq" in names(sheets, "actors")


def test_a_town_raided_shelled_or_stormed_as_a_district_seat_is_a_place(tmp_path):
    sheets = run(tmp_path, "At the end of May the insurgents raided Macomia, burning the market. Two days later they "
                           "stormed the district seat of Quissanga. Artillery shelled Nangade overnight.")
    assert {"Macomia", "Quissanga", "Nangade"} <= set(names(sheets, "locations")), sorted(names(sheets, "locations"))


def test_a_landmark_named_by_its_noun_before_or_after_what_it_is_of_is_one_place(tmp_path):
    sheets = run(tmp_path, "Militants blew up the Temple of Baalshamin in August. The Baal Shamin temple had stood "
                           "since the first century. The Temple of Bel survived until later that month.")
    places = names(sheets, "locations")
    assert "Baal Shamin temple" in places["Temple of Baalshamin"]["aliases"], sorted(places)
    assert not {"Baal Shamin temple", "Bel"} & set(places), sorted(places)


def test_a_compass_word_opens_an_unknown_places_name_after_a_preposition_or_in_a_list_of_places(tmp_path):
    sheets = run(tmp_path, "Police raided a house in Central Java. Arrests were made in Central Sulawesi, East Kalimantan "
                           "and West Nusa Tenggara. The bomb went off on Jalan Arjuno near the church.")
    places = set(names(sheets, "locations"))
    assert {"Central Java", "Central Sulawesi", "East Kalimantan", "West Nusa Tenggara", "Jalan Arjuno"} <= places, \
        sorted(places)
    assert not {"Java", "Sulawesi", "Kalimantan", "Nusa Tenggara"} & places, sorted(places)


def test_the_capital_of_a_place_names_its_province_but_a_provincial_capital_is_a_city(tmp_path):
    sheets = run(tmp_path, "Ahvaz is the capital of Khuzestan, a province on the border with Iraq. Arabs in Khuzestan "
                           "province protested. Troops entered the provincial capital of Ramadi.")
    places = names(sheets, "locations")
    assert "Khuzestan province" not in places and "Khuzestan province" in places["Khuzestan"]["aliases"], sorted(places)
    assert places["Ramadi"]["kind"] == "city", places["Ramadi"]


def test_the_districts_of_a_place_make_it_no_district_but_the_towns_of_a_list_are_towns(tmp_path):
    sheets = run(tmp_path, "Insurgents have attacked the northern districts of Cabo Delgado since 2017. Thousands in "
                           "Cabo Delgado fled. Cabo Delgado province is poor. They took the towns of Quissanga and Macomia.")
    places = names(sheets, "locations")
    held = [p for p in places.values() if {"Cabo Delgado", "Cabo Delgado province"} <= {p["name"], *p["aliases"]}]
    assert len(held) == 1 and held[0]["kind"] == "province", sorted(places)
    assert places["Quissanga"]["kind"] == places["Macomia"]["kind"] == "town", sorted(places)


def test_a_person_of_an_organisation_is_a_person_and_the_organisation_but_a_title_of_one_is_neither(tmp_path):
    sheets = run(tmp_path, "\"The cell was small,\" said Rizal Hakim of the Nusantara Centre for Security Studies. "
                           "The Secretary General of the Arab League said nothing.")
    actors = names(sheets, "actors")
    assert actors["Rizal Hakim"]["kind"] == "person", sorted(actors)
    assert "Nusantara Centre for Security Studies" in actors, sorted(actors)
    assert not [a for a in actors if " of the " in a and "Secretary" not in a and "League" not in a], sorted(actors)
    assert "Secretary General" not in actors, sorted(actors)


def test_a_prison_stormed_to_free_its_inmates_is_a_prison_break_but_a_demand_for_their_release_is_not(tmp_path):
    sheets = run(tmp_path, "In October 2020 fighters stormed Kangbayi prison in Beni and freed more than 1,300 inmates. "
                           "The militants were demanding the release of Islamist prisoners held in Roumieh prison.")
    assert set(names(sheets, "operations")) == {"Kangbayi prison break (2020)"}, sorted(names(sheets, "operations"))


def test_an_office_named_without_its_holder_is_no_person_but_a_named_holder_is(tmp_path):
    sheets = run(tmp_path, "The National Police Chief said the cell was small. Police Chief Tito Karnavian said so too. "
                           "Julie Bishop said Australia would help.")
    actors = names(sheets, "actors")
    assert {"Tito Karnavian", "Julie Bishop"} <= set(actors), sorted(actors)
    assert "National Police Chief" not in actors, sorted(actors)


def test_a_raid_on_a_building_in_a_place_is_named_after_the_place(tmp_path):
    sheets = run(tmp_path, "US special forces killed the leader in a raid on a compound in Barisha, in Idlib province. "
                           "Abaaoud died in a police raid on a flat in Saint-Denis in November 2015.")
    ops = set(names(sheets, "operations"))
    assert {"Barisha raid (2016)", "Saint-Denis raid (2015)"} <= ops, sorted(ops)


def test_two_words_joined_by_and_before_an_organisations_word_are_one_name(tmp_path):
    sheets = run(tmp_path, "Erdogan's Justice and Development Party (AKP) won the vote. The Justice and Equality "
                           "Movement fought on. Russia and Iran agreed.")
    actors = names(sheets, "actors")
    assert "AKP" in actors["Justice and Development Party"]["aliases"], sorted(actors)
    assert "Justice and Equality Movement" in actors, sorted(actors)
    assert not {"Development Party", "Equality Movement", "Justice"} & set(actors), sorted(actors)


def test_a_pair_joined_by_and_is_one_name_after_more_words_or_a_word_only_the_gazetteer_knows(tmp_path):
    sheets = run(tmp_path, "Greater Velo Fire and Rescue Service crews arrived. The Foreign and Commonwealth Office "
                           "advised against travel. Since the Orlando and Ohio State attacks, the Iraqi Army and "
                           "Popular Mobilization Forces have advanced. The United Nations Food and Agriculture "
                           "Organization (FAO) warned of hunger.")
    actors = names(sheets, "actors")
    assert {"Greater Velo Fire and Rescue Service", "Foreign and Commonwealth Office"} <= set(actors), sorted(actors)
    assert not {"Rescue Service", "Commonwealth Office", "Orlando and Ohio State"} & set(actors), sorted(actors)
    assert {"Iraqi Army", "Popular Mobilization Forces"} <= set(actors), sorted(actors)
    # (the acronym's initials spell the words after "United Nations", not the words after "and")
    fao = [s for s in actors.values() if "FAO" in s["aliases"] or s["name"] == "FAO"]
    assert len(fao) == 1 and "Agriculture Organization" not in [fao[0]["name"], *fao[0]["aliases"]], sorted(actors)
    assert "Food and Agriculture Organization" in [fao[0]["name"], *fao[0]["aliases"]], fao


def test_an_age_before_a_name_set_off_by_commas_makes_it_a_persons(tmp_path):
    sheets = run(tmp_path, "An eight-year-old girl, Velora Kessmann, was among the dead. A 22-year-old British man, "
                           "Tarek Oskarsson, was held.")
    actors = names(sheets, "actors")
    assert actors["Velora Kessmann"]["kind"] == "person" and actors["Tarek Oskarsson"]["kind"] == "person", sorted(actors)


def test_a_premier_is_a_title_a_street_a_place_and_abu_dhabi_and_new_jersey_are_places(tmp_path):
    sheets = run(tmp_path, "Premier Daniel Andrews said the attacker was known to police. Police closed Phillip Street. "
                           "He flew to Abu Dhabi. He was arrested in New Jersey.")
    assert "Daniel Andrews" in names(sheets, "actors"), sorted(names(sheets, "actors"))
    places = set(names(sheets, "locations"))
    assert {"Phillip Street", "Abu Dhabi", "New Jersey"} <= places and "Jersey" not in places, sorted(places)


def test_his_excellency_is_a_title_and_tell_abiad_is_tal_abyad(tmp_path):
    sheets = run(tmp_path, "His Excellency Filipe Jacinto Nyusi opened the summit. Fighting went on in Tell Abiad.")
    assert "Filipe Jacinto Nyusi" in names(sheets, "actors"), sorted(names(sheets, "actors"))
    assert "Tell Abiad" in names(sheets, "locations")["Tal Abyad"]["aliases"], sorted(names(sheets, "locations"))


def test_a_town_raided_is_a_raid_named_after_it(tmp_path):
    sheets = run(tmp_path, "In May 2020 the insurgents raided Macomia, burning the market.")
    assert "Macomia raid (2020)" in names(sheets, "operations"), sorted(names(sheets, "operations"))


def test_a_gunman_who_opened_fire_on_sites_in_a_town_is_its_shooting(tmp_path):
    sheets = run(tmp_path, "In July 2015 a gunman opened fire on two military sites in Chattanooga, killing five.")
    assert "Chattanooga shooting (2015)" in names(sheets, "operations"), sorted(names(sheets, "operations"))


def test_an_air_campaign_told_by_who_wages_it_is_that_campaign_where_and_when_it_was_fought(tmp_path):
    sheets = run(tmp_path, "The US-led coalition, which has been bombing the militants in Syria since 2014, said its "
                           "jets hit a depot near Qadimah. Moscow began its air campaign a year later, and Russian "
                           "warplanes struck the hills east of the town on Sunday.")
    operations = names(sheets, "operations")
    assert {"Operation Inherent Resolve", "Russian military intervention in Syria"} <= set(operations), sorted(operations)
    # another coalition's war, and jets only made in Russia, are neither
    (tmp_path / "yemen").mkdir()
    other = run(tmp_path / "yemen", "The Saudi-led coalition has been bombing the rebels in Yemen since March. "
                                    "Russian-made jets of the Yemeni air force struck the port of Hudaydah.")
    assert not {"Operation Inherent Resolve", "Russian military intervention in Syria"} & set(names(other, "operations"))


def test_an_air_campaign_is_not_told_in_an_article_from_before_it_began(tmp_path):
    sheets = run_page(tmp_path, "Rebels hold the northern towns\n\nMarch 3, 2013\n\nRussian warplanes have not flown "
                                "over Syria, but US jets patrol the border with Iraq, officials in Aleppo said.\n")
    assert not {"Operation Inherent Resolve", "Russian military intervention in Syria"} & set(names(sheets, "operations"))


def test_forces_fighting_to_retake_a_town_or_battling_for_it_are_in_its_battle(tmp_path):
    sheets = run(tmp_path, "Government troops have been fighting to retake the city of Qadimah since October. Rebel units are "
                           "now battling for the town of Tarso, officials said. Residents of Kefrin are fighting "
                           "for their lives, and the exiles fought for Syria.")
    assert {"Battle of Qadimah (2016)", "Battle of Tarso (2016)"} <= set(names(sheets, "operations")), \
        sorted(names(sheets, "operations"))
    assert not any("Kefrin" in name or "Syria" in name for name in names(sheets, "operations"))


def test_south_asian_west_african_and_indonesian_given_names_open_a_persons_name(tmp_path):
    sheets = run(tmp_path, "Syed Tariq Mirzapuri called a general strike across the valley. Amadou Keita Ouologuem "
                           "left the town the next day, and Budi Santikarno Wirayuda stayed.")
    people = {n for n, s in names(sheets, "actors").items() if s.get("kind") == "person"}
    assert {"Syed Tariq Mirzapuri", "Amadou Keita Ouologuem", "Budi Santikarno Wirayuda"} <= people, sorted(people)


def test_an_emirate_is_an_armed_group_and_a_district_keeps_its_noun_as_an_alias(tmp_path):
    sheets = run(tmp_path, "The Velian Emirate, which wants to carve a state out of the mountains, has lost its "
                           "founder. Police sealed off Tarsovsky district for a month. A car bomb ripped through a "
                           "market in the Hassaniya district of Velgrad, killing 20 people.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Velian Emirate"]["kind"] == "armed group"
    assert "Tarsovsky district" in places["Tarsovsky"]["aliases"]
    # (the district's own name ending in its noun still says the city only holds it)
    assert "Hassaniya bombing (2016)" in names(sheets, "operations") and \
        not [n for n in names(sheets, "operations") if "Velgrad" in n], sorted(names(sheets, "operations"))


def test_a_name_after_killed_in_another_clause_is_no_killing(tmp_path):
    sheets = run_page(tmp_path, "Gunmen storm the capital, 19 killed as Farid Haddad addresses the nation\n\n"
                                "March 3, 2016\n\nFarid Haddad, the president, spoke on television while gunmen "
                                "held the press house.\n")
    assert not [n for n in names(sheets, "operations") if "Haddad" in n]


def test_a_body_named_after_a_lake_is_no_place_and_a_demonym_in_a_list_is_no_town(tmp_path):
    sheets = run(tmp_path, "The Lake Velia Basin Commission met in the capital. Nigerian, Chadian and Cameroonian "
                           "troops retook the town of Qadimah, and Senegalese officers flew in.")
    assert names(sheets, "actors")["Lake Velia Basin Commission"]["kind"] == "government body"
    assert not {"Lake Velia Basin Commission", "Cameroonian", "Senegalese"} & set(names(sheets, "locations"))


def test_the_kremlin_the_white_house_and_congress_are_government_bodies(tmp_path):
    sheets = run(tmp_path, "The Kremlin denied that its jets had struck the market in Qadimah. The White House "
                           "sought to soften the warning, and some members of Congress demanded a vote.")
    actors = names(sheets, "actors")
    assert actors["Kremlin"]["kind"] == actors["White House"]["kind"] == "government body"
    assert "Congress" in actors["United States Congress"]["aliases"]
    assert not {"Kremlin", "White House"} & set(names(sheets, "locations"))


def test_where_a_writers_or_a_scholars_role_is_held_is_an_organisation(tmp_path):
    sheets = run(tmp_path, "Nora Haldane is a contributing editor at Parallax. Karim Nasser, a researcher at Velian "
                           "House, said the strikes were lawful. Yusuf Darwish is a research analyst at the Institute.")
    assert {"Parallax", "Velian House"} <= set(names(sheets, "actors"))
    assert not {"Parallax", "Velian House", "Institute"} & set(names(sheets, "locations"))
    assert "Institute" not in names(sheets, "actors")


def test_a_compass_word_opens_a_regions_own_name(tmp_path):
    sheets = run(tmp_path, "The group's affiliates are active across West Africa, and it recruited in Southeast Asia.")
    places = names(sheets, "locations")
    assert {"West Africa", "Southeast Asia"} <= set(places) and "Africa" not in places and "Asia" not in places


def test_missiles_fired_at_or_striking_a_base_are_a_strike_named_after_it(tmp_path):
    sheets = run(tmp_path, "The president ordered 59 cruise missiles fired at the Qadimah air base. A week later "
                           "missiles struck the Tarso air base in the desert, killing 14 people.")
    operations = set(names(sheets, "operations"))
    assert {"Qadimah air base airstrike (2016)", "Tarso air base airstrike (2016)"} <= operations, sorted(operations)


def test_an_office_named_without_its_holder_is_no_body(tmp_path):
    sheets = run(tmp_path, "The Chief of the Defence Staff said the army would hold Qadimah. Chief of Army Staff "
                           "General Tarek Haddad visited the front.")
    actors = names(sheets, "actors")
    assert not [n for n in actors if n.startswith("Chief of")], sorted(actors)
    assert actors["Tarek Haddad"]["kind"] == "person"


def test_a_ship_named_after_its_kind_is_no_person(tmp_path):
    sheets = run(tmp_path, "French jets took off from the aircraft carrier Marcel Dassault off the coast. The frigate "
                           "Louis Renard escorted it, and Marcel Haddad, a pilot, flew the first sortie.")
    actors = names(sheets, "actors")
    assert "Marcel Dassault" not in actors and "Louis Renard" not in actors and "Marcel Haddad" in actors


def test_a_church_told_only_by_its_faith_is_no_place_of_its_own(tmp_path):
    sheets = run(tmp_path, "Gunmen attacked a Catholic church in Qadimah, and the Pentecostal church in Tarso was "
                           "hit a week later.")
    places = names(sheets, "locations")
    assert {"Qadimah", "Tarso"} <= set(places)
    assert not [n for n in places if "church" in n.lower()], sorted(places)


def test_a_killing_by_a_strike_written_with_dotted_initials_is_a_killing(tmp_path):
    sheets = run(tmp_path, "Farid Haddad was killed by a U.S. drone strike in Qadimah in August 2015.")
    assert "Killing of Farid Haddad (2015)" in names(sheets, "operations"), sorted(names(sheets, "operations"))


def test_the_name_a_strike_killed_is_a_persons(tmp_path):
    sheets = run(tmp_path, "An American drone killed Boulos Ferhani near Qadimah. Jets killed Islamic State "
                           "fighters near Tarso.")
    assert names(sheets, "actors")["Boulos Ferhani"]["kind"] == "person"
    assert "Killing of Boulos Ferhani (2016)" in names(sheets, "operations"), sorted(names(sheets, "operations"))


def test_a_date_in_an_aside_dates_only_what_the_aside_tells(tmp_path):
    # (the article is of March 2016: "last September" in the aside is 2015, and not the battle's year)
    sheets = run(tmp_path, "The Kremlin, which began its air campaign last September, has presented the battle for "
                           "Velo as proof of its aims. Militants, which overran Kessel in June 2014, have lost ground "
                           "since. In the town of Marun, which the SDF took from the jihadists in October 2015 after four months of "
                           "street fighting, shops reopened.")
    ops = names(sheets, "operations")
    assert "Battle of Velo (2016)" in ops, ops
    assert "Fall of Kessel (2014)" in ops and any(n.startswith("Battle of Marun (2015)") for n in ops), ops


def test_the_insurgents_seizure_of_a_town_is_its_fall_and_the_recapture_a_battle_of_its_own(tmp_path):
    sheets = run(tmp_path, "Soldiers recaptured Velo on Sunday, state television said. The Islamic State's seizure "
                           "of Velo in August 2015 had emptied it of its Christians. Analysts called the battle for "
                           "Velo a test of the army.")
    ops = names(sheets, "operations")
    assert "Fall of Velo (2015)" in ops and "Recapture of Velo (2016)" in ops, ops


def test_a_birth_name_a_name_a_group_calls_itself_and_a_town_then_called_otherwise_are_aliases(tmp_path):
    sheets = run(tmp_path, "Abu Harith al-Tamimi, whose nom de guerre means “the doctor”, was born Tamer Haddad Kessel in "
                           "Marun in 1961. The Velo Front, who call themselves Ansar al-Velo, shelled the port. Rebels "
                           "fought in Dervan, then still called Kessinovo, for a month. Officials were born Catholic.")
    actors, places = names(sheets, "actors"), names(sheets, "locations")
    assert actors["Abu Harith al-Tamimi"]["aliases"] == ["Tamer Haddad Kessel"], actors
    assert "Ansar al-Velo" in actors["Velo Front"]["aliases"], actors
    assert "Kessinovo" in places["Dervan"]["aliases"], places
    assert "Catholic" not in actors and not any("Catholic" in s["aliases"] for s in actors.values()), actors


def test_the_city_a_sentence_calls_a_city_is_the_city_it_was_pushed_out_of_then(tmp_path):
    # ("the city" is Marun, which the sentence calls a city, not Kessel, named last; and its year is the "when" clause's)
    sheets = run(tmp_path, "Troops entered the town of Kessel on Friday. Marun, a trading city claimed by both Kessel and "
                           "the Velo Region, has been held by soldiers since October 2014, when troops pushed the rebels "
                           "out of the city after a vote.")
    assert list(names(sheets, "operations")) == ["Battle of Marun (2014)"], names(sheets, "operations")


def test_a_firm_named_after_its_peoples_word(tmp_path):
    # (the last capitalised word before the firm's noun opens it: "Reporters" is no people's word)
    sheets = run(tmp_path, "Reporters said Danish shipping company Velmar paused its voyages. Marun Reporters said "
                           "security firm Kessinar would not.")
    actors = names(sheets, "actors")
    assert actors["Velmar"]["kind"] == "other", actors
    assert "Kessinar" not in actors, actors


def test_driving_goods_from_a_town_to_another_takes_neither(tmp_path):
    sheets = run(tmp_path, "Tetiana, a volunteer who drives food and medicine from Kessel into the town, told us about "
                           "the road. Troops drove the militants from Marun on Friday.")
    assert list(names(sheets, "operations")) == ["Battle of Marun (2016)"], names(sheets, "operations")


def test_the_people_two_roles_of_two_countries_name_are_no_places(tmp_path):
    sheets = run(tmp_path, "The foreign ministers of Armenia and Azerbaijan, Zorab Velikyan and Jeyan Bayrakov, were "
                           "traveling to Moscow on Friday for talks.")
    places = names(sheets, "locations")
    assert "Zorab Velikyan" not in places and "Jeyan Bayrakov" not in places, places
    assert names(sheets, "actors")["Zorab Velikyan"]["kind"] == "person", names(sheets, "actors")


def test_a_city_the_gazetteer_knows_is_no_stray_word_spelled_like_an_acronym(tmp_path):
    # (Sanaa's spelling key is SANA's, the Syrian news agency's)
    sheets = run(tmp_path, "Air strikes hit Sanaa on Friday, state news agency SANA reported from Damascus.")
    assert names(sheets, "locations")["Sanaa"]["kind"] == "city", names(sheets, "locations")
    assert "Sanaa" not in names(sheets, "actors")["SANA"]["aliases"]


def test_a_strait_and_its_name_alone_are_one_place(tmp_path):
    sheets = run(tmp_path, "Ships avoided the Velo Kessel strait on Monday. By Friday two tankers had crossed the Velo "
                           "Kessel again.")
    places = names(sheets, "locations")
    assert list(places) == ["Velo Kessel strait"] and "Velo Kessel" in places["Velo Kessel strait"]["aliases"], places


def test_a_place_named_for_a_titled_man_is_a_place_and_a_titled_man_named_like_one_is_a_man(tmp_path):
    sheets = run(tmp_path, "The plane took off from Tehran's Imam Harun Kessel International Airport on Wednesday. "
                           "Colonel Marek Camp told reporters the crash was under investigation.")
    assert names(sheets, "locations")["Imam Harun Kessel International Airport"]["kind"] == "landmark", \
        names(sheets, "locations")
    assert names(sheets, "actors")["Marek Camp"]["kind"] == "person", names(sheets, "actors")


def test_an_office_named_alone_is_no_entity(tmp_path):
    sheets = run(tmp_path, "In the town of Kessel, Supreme Leader Ayatollah Harun Velo declared three days of mourning. "
                           "The Supreme Leader later met the Foreign Minister in the capital.")
    everything = {n for folder in ("actors", "locations") for n in names(sheets, folder)}
    assert "Harun Velo" in names(sheets, "actors") and not everything & {"Supreme Leader", "Foreign Minister"}, everything


def test_the_battles_for_two_towns_and_a_failed_attempt_to_take_a_city_are_battles(tmp_path):
    sheets = run(tmp_path, "The battles for Velodonetsk and Kessinovo in the summer were costly. After failing to take "
                           "Kyiv, the invaders withdrew from the north in late March. If the army tried to take "
                           "Dervan, the town would burn.")
    ops = set(names(sheets, "operations"))
    assert {"Battle of Velodonetsk (2016)", "Battle of Kessinovo (2016)", "Battle of Kyiv (2016)"} <= ops, ops
    assert not any("Dervan" in n for n in ops), ops


def test_a_city_fought_over_is_still_a_city(tmp_path):
    # (what is fought over is a place of the kind the gazetteer knows: not "other", which outvoted the city)
    sheets = run(tmp_path, "The battle for Mosul was long. People in Mosul fled.")
    assert names(sheets, "locations")["Mosul"]["kind"] == "city", names(sheets, "locations")
