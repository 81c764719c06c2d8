"""Extraction quality as the project measures it: cold runs scored against hand annotations.

The seeds' gold is in ../shared/eval (the evaluation kit beside the repository); the sets in
tests/fixtures/heldout* were written for this project by someone who never saw the rules, each
scored blind once before any rule was tuned on it (heldout2: 0.76; heldout3: 0.72; heldout4: 0.73,
then 0.76 with the rules tuned on heldout3; heldout5: 0.74; heldout6, saved web pages, Markdown and
transcripts: 0.75; heldout7, pages copied whole with menus and comments, a briefing transcript and an NGO
report: 0.84; heldout8, an encyclopedia page, a situation report, an interview and wires: 0.83; heldout9, a
newsletter e-mail, a thread digest, a press release, an op-ed and a court report: 0.76; heldout10,
ordinary wires, news pages and a brief, scored after every rule of session 7: 0.79; heldout11, pages
of real outlets' kinds copied from the browser: 0.77; heldout12, the Raqqa campaign in eight outlets'
manners: 0.80; heldout13, Syria, Iraq, Libya and the Philippines: 0.76; heldout14 and heldout15, plain
articles in the seeds' manner on Syria and on Iraq: 0.81 and 0.85; heldout16, the Turkish-Syrian border in
eight outlets' manners: 0.82; heldout17, Iraq in 2014-2015: 0.80; heldout18, northern Aleppo 2015-2017: 0.78;
heldout19, the Raqqa campaign in plain articles like the seeds: 0.87; heldout20 and heldout21, the battle for
Mosul and the Euphrates valley 2017-2019 in the same manner: 0.75 and 0.87; heldout22 to heldout24, the SDF's
campaigns of 2015-2016, life in Raqqa under the Islamic State and the government's desert war, in plain articles:
0.83, 0.75 and 0.80; heldout25, the coalition's releases and briefing transcripts: 0.84; heldout26, how the Islamic
State took Raqqa in 2013-2014: 0.74; heldout27 and heldout28, the siege of Kobani and its aftermath in 2015, and the
years after the territorial defeat, 2018-2020, in eight outlets' manners: 0.82 and 0.80; heldout29 and heldout30,
the Islamic State's attacks abroad and its war in southern Syria: 0.70 and 0.76; heldout31 and heldout32, the
countryside around Raqqa and Anbar in plain articles: 0.75 and 0.80; heldout33 and heldout34, the battle for Raqqa
city in 2017 and the war's people, in eight outlets' manners: 0.84 and 0.77; heldout35 and heldout36, the Wrath of the
Euphrates campaign and Iraq in 2016-2017 beyond Mosul: 0.81 and 0.84; heldout37 to heldout39, the last battles of
2018-2019, the air campaigns' civilian dead and the years after the caliphate, in eight outlets' manners: 0.83, 0.73
and 0.70; heldout40 to heldout42, the Islamic State's rise in Iraq in 2012-2014, its economy and the campaign against
it, and Iraq's last campaigns of 2017 with the Kurdish crisis, in eight outlets' manners: 0.81, 0.77 and 0.86;
heldout43 to heldout45, the rebels' war on ISIS in 2014, the coalition partners' air war and its mistakes, and the
minorities of the Nineveh Plains and Tal Afar, in eight outlets' manners: 0.83, 0.81 and 0.85; heldout46 to heldout48,
the Lebanese and Jordanian fronts, the war around Baghdad, in Diyala and the south, and Deir ez-Zor province under the
Islamic State, in eight outlets' manners: 0.74, 0.81 and 0.80; heldout49 to heldout51, the Islamic State's attacks in
Turkey, the eastern Aleppo countryside and the mass graves and the missing, in eight outlets' manners: 0.79, 0.85 and
0.82; heldout52 and heldout53, the Khabur valley and Hasakah province in 2015-2016 and the Western and Japanese
hostages and their killers, in eight outlets' manners: 0.84 and 0.78; heldout54 and heldout55, the deserts of
eastern Hama and Homs in 2015-2018 and Salahuddin and the Tigris valley in 2014-2016: 0.79 and 0.86; heldout56 and
heldout57, the Islamic State's media war and its chemical weapons, in eight outlets' manners: 0.76 and 0.77;
heldout58 and heldout59, Iran's and Russia's wars against the Islamic State: 0.79 and 0.72; heldout60 to heldout62,
the Islamic State's mosque bombings in the Gulf and Yemen, southern Damascus and the Yarmouk camp, and its Sinai
Province in Egypt: 0.75, 0.82 and 0.66; heldout63 to heldout65, the Islamic State in Libya, Sinjar after the
Islamic State and the group's weapons and drones: 0.76, 0.80 and 0.75; heldout66 and heldout67, Iraq's trials of
foreign Islamic State members and the coalition's soldiers killed in the ground war: 0.87 and 0.84; heldout68 to
heldout71, the Islamic State's Khorasan Province, the siege of Marawi, its West Africa Province and Boko Haram, and
its bombings in Baghdad and southern Iraq: 0.69, 0.78, 0.82 and 0.84; heldout72 to heldout75, the attacks it
claimed in Nice, Normandy, Berlin, Manchester and Catalonia, jihadism in Tunisia, its Central Africa Province in
Mozambique and Congo and its insurgency in Iraq after 2017: 0.70, 0.77, 0.72 and 0.81; heldout76 and heldout77,
its oil and money and life under it in Raqqa and Mosul: 0.81 and 0.84; heldout78 to heldout81, the prisons and camps of
north-east Syria, Operation Olive Branch in Afrin, the Dhaka cafe siege and the Sri Lanka Easter bombings, and the
Islamic State with Russia and Central Asia: 0.76, 0.80, 0.76 and 0.73; heldout82 to heldout85, the Greater Sahara,
Deir ez-Zor east of the Euphrates and its tribes, the southern Philippines after Marawi and the Peshmerga front with
the Kirkuk raid: 0.75, 0.77, 0.78 and 0.81; heldout86 to heldout89, the Islamic State and HTS in Idlib, southern Yemen,
mainland Egypt and Sinai, and Mosul after the battle: 0.80, 0.73, 0.75 and 0.67; heldout90 to heldout93, the battle for
Manbij, the Yazidi captives, the battle of Fallujah and Jordan's war with the Islamic State: 0.88, 0.78, 0.78 and 0.86;
heldout94 to heldout97, the Islamic State in Afghanistan and Pakistan, ISWAP around Lake Chad, the Paris and Brussels
attacks and the Western hostages: 0.72, 0.81, 0.78 and 0.73; heldout98 to heldout101, Tabqa and its dam, the Ramadi
campaign, the Islamic State in Somalia and the attacks in Britain in 2017: 0.80, 0.88, 0.82 and 0.75; heldout102 to
heldout105, Palmyra, Operation Euphrates Shield, Operation Peace Spring and Cabo Delgado: 0.68, 0.86, 0.79 and 0.64;
heldout106 to heldout109, Indonesia, the attacks inside Iran, the ADF in Uganda and Congo, and Algeria and Morocco:
0.72, 0.86, 0.73 and 0.71; heldout110 to heldout113, the attacks in Australia and in the United States, the leaders
killed in north-west Syria and Belgium's networks: 0.77, 0.77, 0.86 and 0.79; heldout114 to heldout117, Kashmir,
the fall of Assad's government, the attacks in Bangladesh and Pakistan and the North Caucasus: 0.74, 0.87, 0.71 and
0.76; heldout118 to heldout121, the chemical attacks of 2017-2018 and the strikes that answered them, northern Mali,
Boko Haram around Lake Chad and the war for Tripoli: 0.77, 0.72, 0.79 and 0.82; heldout122 to heldout125, Raqqa after its
capture, Yemen in 2015, al-Shabaab in Somalia and Kenya and the government's offensive in south-west Syria in 2018: 0.76,
0.80, 0.76 and 0.73; heldout126 to heldout129, Operation Olive Branch, the Easter bombings in Sri Lanka, the end of the
battle of Aleppo and the government's push to Deir ez-Zor in 2017: 0.84, 0.68, 0.88 and 0.86; heldout130 to heldout133,
the Idlib crisis of 2020, al-Tanf and Rukban, Iraq's autumn 2017 campaigns and the Manchester and London Bridge attacks:
0.81, 0.80, 0.85 and 0.76; heldout134 to heldout137, the Houthis' attacks on Red Sea shipping, Bakhmut, the 2020
Nagorno-Karabakh war and the killing of Soleimani: 0.67, 0.68, 0.77 and 0.79; heldout138 to heldout141, Turkey's
urban war with the PKK, Sirte in 2016, the Kurdistan referendum and Kirkuk, and Khasham: 0.71, 0.77, 0.89 and 0.78).
Runs must also be stable: a second extract changes nothing.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from briefing import merge
from briefing.pipeline import extract_corpus

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _scorer():
    if not SCORER.is_file():
        pytest.skip("the evaluation kit (../shared/eval) is not beside this checkout")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cold(seeds: Path, out: Path) -> Path:
    merge.apply(out, extract_corpus(seeds, out).sheets)
    return out


FIXTURES = ROOT / "tests" / "fixtures"


@pytest.mark.parametrize("seeds, gold, floor, clean", [
    (ROOT / "seeds", ROOT.parent / "shared" / "eval" / "gold", 0.95, True),
    (FIXTURES / "heldout", FIXTURES / "heldout" / "gold", 0.90, True),
    # later sets: what the rules cannot do yet (a name only in a caption, a person and a tribe
    # with one spelling key) still leaks or merges once; the floors hold the ground gained
    (FIXTURES / "heldout2", FIXTURES / "heldout2" / "gold", 0.87, False),
    (FIXTURES / "heldout3", FIXTURES / "heldout3" / "gold", 0.82, False),
    (FIXTURES / "heldout4", FIXTURES / "heldout4" / "gold", 0.88, False),
    (FIXTURES / "heldout5", FIXTURES / "heldout5" / "gold", 0.78, False),
    (FIXTURES / "heldout6", FIXTURES / "heldout6" / "gold", 0.88, False),
    (FIXTURES / "heldout7", FIXTURES / "heldout7" / "gold", 0.87, False),
    (FIXTURES / "heldout8", FIXTURES / "heldout8" / "gold", 0.86, False),
    (FIXTURES / "heldout9", FIXTURES / "heldout9" / "gold", 0.83, False),
    (FIXTURES / "heldout10", FIXTURES / "heldout10" / "gold", 0.79, False),
    (FIXTURES / "heldout11", FIXTURES / "heldout11" / "gold", 0.87, False),
    (FIXTURES / "heldout12", FIXTURES / "heldout12" / "gold", 0.86, False),
    (FIXTURES / "heldout13", FIXTURES / "heldout13" / "gold", 0.81, False),
    (FIXTURES / "heldout14", FIXTURES / "heldout14" / "gold", 0.85, False),
    (FIXTURES / "heldout15", FIXTURES / "heldout15" / "gold", 0.90, False),
    (FIXTURES / "heldout16", FIXTURES / "heldout16" / "gold", 0.83, False),
    (FIXTURES / "heldout17", FIXTURES / "heldout17" / "gold", 0.82, False),
    (FIXTURES / "heldout18", FIXTURES / "heldout18" / "gold", 0.80, False),
    (FIXTURES / "heldout19", FIXTURES / "heldout19" / "gold", 0.87, False),
    (FIXTURES / "heldout20", FIXTURES / "heldout20" / "gold", 0.81, False),
    (FIXTURES / "heldout21", FIXTURES / "heldout21" / "gold", 0.87, False),
    (FIXTURES / "heldout22", FIXTURES / "heldout22" / "gold", 0.84, False),
    (FIXTURES / "heldout23", FIXTURES / "heldout23" / "gold", 0.80, False),
    (FIXTURES / "heldout24", FIXTURES / "heldout24" / "gold", 0.80, False),
    (FIXTURES / "heldout25", FIXTURES / "heldout25" / "gold", 0.85, False),
    (FIXTURES / "heldout26", FIXTURES / "heldout26" / "gold", 0.79, False),
    (FIXTURES / "heldout27", FIXTURES / "heldout27" / "gold", 0.81, False),
    (FIXTURES / "heldout28", FIXTURES / "heldout28" / "gold", 0.82, False),
    (FIXTURES / "heldout29", FIXTURES / "heldout29" / "gold", 0.79, False),
    (FIXTURES / "heldout30", FIXTURES / "heldout30" / "gold", 0.77, False),
    (FIXTURES / "heldout31", FIXTURES / "heldout31" / "gold", 0.81, False),
    (FIXTURES / "heldout32", FIXTURES / "heldout32" / "gold", 0.82, False),
    (FIXTURES / "heldout33", FIXTURES / "heldout33" / "gold", 0.87, False),
    (FIXTURES / "heldout34", FIXTURES / "heldout34" / "gold", 0.79, False),
    (FIXTURES / "heldout35", FIXTURES / "heldout35" / "gold", 0.82, False),
    (FIXTURES / "heldout36", FIXTURES / "heldout36" / "gold", 0.84, False),
    (FIXTURES / "heldout37", FIXTURES / "heldout37" / "gold", 0.85, False),
    (FIXTURES / "heldout38", FIXTURES / "heldout38" / "gold", 0.75, False),
    (FIXTURES / "heldout39", FIXTURES / "heldout39" / "gold", 0.73, False),
    (FIXTURES / "heldout40", FIXTURES / "heldout40" / "gold", 0.83, False),
    (FIXTURES / "heldout41", FIXTURES / "heldout41" / "gold", 0.79, False),
    (FIXTURES / "heldout42", FIXTURES / "heldout42" / "gold", 0.86, False),
    (FIXTURES / "heldout43", FIXTURES / "heldout43" / "gold", 0.84, False),
    (FIXTURES / "heldout44", FIXTURES / "heldout44" / "gold", 0.83, False),
    (FIXTURES / "heldout45", FIXTURES / "heldout45" / "gold", 0.84, False),
    (FIXTURES / "heldout46", FIXTURES / "heldout46" / "gold", 0.82, False),
    (FIXTURES / "heldout47", FIXTURES / "heldout47" / "gold", 0.83, False),
    (FIXTURES / "heldout48", FIXTURES / "heldout48" / "gold", 0.78, False),
    (FIXTURES / "heldout49", FIXTURES / "heldout49" / "gold", 0.78, False),
    (FIXTURES / "heldout50", FIXTURES / "heldout50" / "gold", 0.83, False),
    (FIXTURES / "heldout51", FIXTURES / "heldout51" / "gold", 0.80, False),
    (FIXTURES / "heldout52", FIXTURES / "heldout52" / "gold", 0.87, False),
    (FIXTURES / "heldout53", FIXTURES / "heldout53" / "gold", 0.79, False),
    (FIXTURES / "heldout54", FIXTURES / "heldout54" / "gold", 0.79, False),
    (FIXTURES / "heldout55", FIXTURES / "heldout55" / "gold", 0.85, False),
    (FIXTURES / "heldout56", FIXTURES / "heldout56" / "gold", 0.76, False),
    (FIXTURES / "heldout57", FIXTURES / "heldout57" / "gold", 0.76, False),
    (FIXTURES / "heldout58", FIXTURES / "heldout58" / "gold", 0.79, False),
    (FIXTURES / "heldout59", FIXTURES / "heldout59" / "gold", 0.73, False),
    (FIXTURES / "heldout60", FIXTURES / "heldout60" / "gold", 0.75, False),
    (FIXTURES / "heldout61", FIXTURES / "heldout61" / "gold", 0.81, False),
    (FIXTURES / "heldout62", FIXTURES / "heldout62" / "gold", 0.71, False),
    (FIXTURES / "heldout63", FIXTURES / "heldout63" / "gold", 0.75, False),
    (FIXTURES / "heldout64", FIXTURES / "heldout64" / "gold", 0.81, False),
    (FIXTURES / "heldout65", FIXTURES / "heldout65" / "gold", 0.73, False),
    (FIXTURES / "heldout66", FIXTURES / "heldout66" / "gold", 0.85, False),
    (FIXTURES / "heldout67", FIXTURES / "heldout67" / "gold", 0.85, False),
    (FIXTURES / "heldout68", FIXTURES / "heldout68" / "gold", 0.73, False),
    (FIXTURES / "heldout69", FIXTURES / "heldout69" / "gold", 0.82, False),
    (FIXTURES / "heldout70", FIXTURES / "heldout70" / "gold", 0.84, False),
    (FIXTURES / "heldout71", FIXTURES / "heldout71" / "gold", 0.82, False),
    (FIXTURES / "heldout72", FIXTURES / "heldout72" / "gold", 0.72, False),
    (FIXTURES / "heldout73", FIXTURES / "heldout73" / "gold", 0.76, False),
    (FIXTURES / "heldout74", FIXTURES / "heldout74" / "gold", 0.81, False),
    (FIXTURES / "heldout75", FIXTURES / "heldout75" / "gold", 0.79, False),
    (FIXTURES / "heldout76", FIXTURES / "heldout76" / "gold", 0.80, False),
    (FIXTURES / "heldout77", FIXTURES / "heldout77" / "gold", 0.82, False),
    (FIXTURES / "heldout78", FIXTURES / "heldout78" / "gold", 0.75, False),
    (FIXTURES / "heldout79", FIXTURES / "heldout79" / "gold", 0.79, False),
    (FIXTURES / "heldout80", FIXTURES / "heldout80" / "gold", 0.75, False),
    (FIXTURES / "heldout81", FIXTURES / "heldout81" / "gold", 0.75, False),
    (FIXTURES / "heldout82", FIXTURES / "heldout82" / "gold", 0.78, False),
    (FIXTURES / "heldout83", FIXTURES / "heldout83" / "gold", 0.75, False),
    (FIXTURES / "heldout84", FIXTURES / "heldout84" / "gold", 0.76, False),
    (FIXTURES / "heldout85", FIXTURES / "heldout85" / "gold", 0.79, False),
    (FIXTURES / "heldout86", FIXTURES / "heldout86" / "gold", 0.78, False),
    (FIXTURES / "heldout87", FIXTURES / "heldout87" / "gold", 0.71, False),
    (FIXTURES / "heldout88", FIXTURES / "heldout88" / "gold", 0.73, False),
    (FIXTURES / "heldout89", FIXTURES / "heldout89" / "gold", 0.65, False),
    (FIXTURES / "heldout90", FIXTURES / "heldout90" / "gold", 0.87, False),
    (FIXTURES / "heldout91", FIXTURES / "heldout91" / "gold", 0.76, False),
    (FIXTURES / "heldout92", FIXTURES / "heldout92" / "gold", 0.76, False),
    (FIXTURES / "heldout93", FIXTURES / "heldout93" / "gold", 0.84, False),
    (FIXTURES / "heldout94", FIXTURES / "heldout94" / "gold", 0.74, False),
    (FIXTURES / "heldout95", FIXTURES / "heldout95" / "gold", 0.84, False),
    (FIXTURES / "heldout96", FIXTURES / "heldout96" / "gold", 0.79, False),
    (FIXTURES / "heldout97", FIXTURES / "heldout97" / "gold", 0.75, False),
    (FIXTURES / "heldout98", FIXTURES / "heldout98" / "gold", 0.78, False),
    (FIXTURES / "heldout99", FIXTURES / "heldout99" / "gold", 0.86, False),
    (FIXTURES / "heldout100", FIXTURES / "heldout100" / "gold", 0.82, False),
    (FIXTURES / "heldout101", FIXTURES / "heldout101" / "gold", 0.76, False),
    (FIXTURES / "heldout102", FIXTURES / "heldout102" / "gold", 0.67, False),
    (FIXTURES / "heldout103", FIXTURES / "heldout103" / "gold", 0.84, False),
    (FIXTURES / "heldout104", FIXTURES / "heldout104" / "gold", 0.77, False),
    (FIXTURES / "heldout105", FIXTURES / "heldout105" / "gold", 0.62, False),
    (FIXTURES / "heldout106", FIXTURES / "heldout106" / "gold", 0.75, False),
    (FIXTURES / "heldout107", FIXTURES / "heldout107" / "gold", 0.84, False),
    (FIXTURES / "heldout108", FIXTURES / "heldout108" / "gold", 0.74, False),
    (FIXTURES / "heldout109", FIXTURES / "heldout109" / "gold", 0.70, False),
    (FIXTURES / "heldout110", FIXTURES / "heldout110" / "gold", 0.78, False),
    (FIXTURES / "heldout111", FIXTURES / "heldout111" / "gold", 0.75, False),
    (FIXTURES / "heldout112", FIXTURES / "heldout112" / "gold", 0.84, False),
    (FIXTURES / "heldout113", FIXTURES / "heldout113" / "gold", 0.79, False),
    (FIXTURES / "heldout114", FIXTURES / "heldout114" / "gold", 0.75, False),
    (FIXTURES / "heldout115", FIXTURES / "heldout115" / "gold", 0.86, False),
    (FIXTURES / "heldout116", FIXTURES / "heldout116" / "gold", 0.70, False),
    (FIXTURES / "heldout117", FIXTURES / "heldout117" / "gold", 0.77, False),
    (FIXTURES / "heldout118", FIXTURES / "heldout118" / "gold", 0.81, False),
    (FIXTURES / "heldout119", FIXTURES / "heldout119" / "gold", 0.71, False),
    (FIXTURES / "heldout120", FIXTURES / "heldout120" / "gold", 0.79, False),
    (FIXTURES / "heldout121", FIXTURES / "heldout121" / "gold", 0.80, False),
    (FIXTURES / "heldout122", FIXTURES / "heldout122" / "gold", 0.74, False),
    (FIXTURES / "heldout123", FIXTURES / "heldout123" / "gold", 0.78, False),
    (FIXTURES / "heldout124", FIXTURES / "heldout124" / "gold", 0.74, False),
    (FIXTURES / "heldout125", FIXTURES / "heldout125" / "gold", 0.72, False),
    (FIXTURES / "heldout126", FIXTURES / "heldout126" / "gold", 0.82, False),
    (FIXTURES / "heldout127", FIXTURES / "heldout127" / "gold", 0.67, False),
    (FIXTURES / "heldout128", FIXTURES / "heldout128" / "gold", 0.86, False),
    (FIXTURES / "heldout129", FIXTURES / "heldout129" / "gold", 0.84, False),
    (FIXTURES / "heldout130", FIXTURES / "heldout130" / "gold", 0.79, False),
    (FIXTURES / "heldout131", FIXTURES / "heldout131" / "gold", 0.78, False),
    (FIXTURES / "heldout132", FIXTURES / "heldout132" / "gold", 0.83, False),
    (FIXTURES / "heldout133", FIXTURES / "heldout133" / "gold", 0.75, False),
    (FIXTURES / "heldout134", FIXTURES / "heldout134" / "gold", 0.68, False),
    (FIXTURES / "heldout135", FIXTURES / "heldout135" / "gold", 0.71, False),
    (FIXTURES / "heldout136", FIXTURES / "heldout136" / "gold", 0.76, False),
    (FIXTURES / "heldout137", FIXTURES / "heldout137" / "gold", 0.80, False),
    (FIXTURES / "heldout138", FIXTURES / "heldout138" / "gold", 0.69, False),
    (FIXTURES / "heldout139", FIXTURES / "heldout139" / "gold", 0.74, False),
    (FIXTURES / "heldout140", FIXTURES / "heldout140" / "gold", 0.86, False),
    (FIXTURES / "heldout141", FIXTURES / "heldout141" / "gold", 0.75, False),
])
def test_cold_extraction_scores(tmp_path, seeds, gold, floor, clean):
    score = _scorer()
    report = score.score(score.load_sheets(_cold(seeds, tmp_path)), *score.load_gold(gold))
    assert report["macro_f1"] >= floor, report
    if clean:
        assert not report["leaked"]
        assert sum(len(report[f]["overmerged"]) for f in ("actors", "locations", "operations")) == 0


def test_second_run_changes_nothing_on_unseen_text(tmp_path):
    seeds = ROOT / "tests" / "fixtures" / "heldout"
    _cold(seeds, tmp_path)
    before = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    report = merge.apply(tmp_path, extract_corpus(seeds, tmp_path).sheets)
    assert not report.created and not report.updated
    assert {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()} == before


def test_a_held_out_folder_holds_only_its_articles_and_their_gold():
    # (anything else there is read as one more article: a list of sheet names a writer kept to try the
    # gold's regexes on once made operation sheets that matched them, and inflated a score)
    for folder in sorted(FIXTURES.glob("heldout*")):
        strays = [p.name for p in folder.iterdir()
                  if not (p.name == "gold" or (p.name[:3].isdigit() and p.suffix in {".txt", ".md", ".html"}))]
        assert not strays, f"{folder.name}: {strays}"
    for gold in sorted(FIXTURES.glob("heldout*/gold")):
        assert {p.suffix for p in gold.iterdir()} <= {".yaml", ".md"}, gold
