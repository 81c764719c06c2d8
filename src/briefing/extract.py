"""Extract stage, part one: discover names in article text and type them by cues.

Everything here is rules plus the lexicon (data/lexicon.yaml): capitalised runs, acronym
definitions and glosses, titles and roles for people, head nouns for organisations, cue nouns and
the gazetteer for places. Nothing knows about particular articles.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from . import gazetteer
from .lexicon import Lexicon
from .names import ARTICLE_PREFIX, KUNYA, PROVINCE_WORD, from_capitals, is_acronym, mountain_core, name_key, surname_form
from .text import split_sentences

# One word: a dotted acronym (U.S.), or letters/digits joined by inner hyphens and apostrophes.
WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}(?:-[^\W_]+)*|[^\W_]+(?:['\u2019\-][^\W_]+)*['\u2019]?", re.UNICODE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# particles inside a hyphenated name: French places' and the Arabic, Persian and Urdu links of a group's name
# ("Lashkar-e-Taiba", "Tehrik-i-Taliban", "Hizb-ut-Tahrir", "Jamaat-ul-Ahrar")
_NAME_PARTICLES = frozenset({"du", "de", "des", "les", "la", "le", "sur", "sous", "en", "lès", "del", "di", "da",
                             "e", "i", "ul", "ut", "ud", "ur", "us", "al", "el", "wal", "bin", "ibn"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")   # "the 104th Brigade"
_CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
             "March", "April", "June", "July", "August", "September", "October", "November", "December"}
_NUMBER_AFTER = re.compile(r"\s+\d{1,4}\b")   # ("May 2016", "May 12": the month, not the verb nor Theresa May)
_DAY_BEFORE = re.compile(r"\b\d{1,2}\s+$")
# "Mar Elian", "Jan Kubis": before another capitalised word these are names, not months
_MONTH_ABBREVIATIONS = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
_FUNCTION_WORDS = {"where", "their", "its", "his", "her", "the", "a", "an", "and", "said", "by", "from", "of", "to",
                   "that", "which", "who", "when", "as", "with", "says", "told"}
_SPEECH = r"(?:said|says|told|added|noted|claimed|denied|stated|wrote|tweeted|announced|explained|warned|confirmed)"
# "who gave his name as X", "asked to be identified only as X", "who called himself X": what follows is a person's name
_GIVEN_AS = "a name given as"
# what may stand before the first word of a sentence: a list's number or bullet, an opening quote or bracket
_LIST_MARK = re.compile(r"^\s*(?:(?:\d{1,2}|[a-z])[.)]\s+|[-•*–]\s+)?[\s“\"‘'(\[]*$")
# a lone word the text tells of as someone ("Elsheikh, 33, grew up", "Elsheikh's mother"): where the article
# also has a longer name ending in it ("El Shafee Elsheikh") and no cue for that, the longer name is a person's
_TOLD_OF_AS_SOMEONE = "single word told of as someone"
_DETERMINERS = {"The", "A", "An", "This", "That", "Its", "Their", "His", "Her", "Our", "Each", "Every", "In", "Of"}
_SERVICE_AFTER = re.compile(r"^\s+(air\s+force|navy)\b(?!\s+bases?\b)")   # (an air force base is a place)
# a hometown told with its state ("of Roland, Oklahoma, was killed"); not a senator's party line ("Arizona Republican")
_STATE_AFTER = re.compile(r"^,\s+((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+)(?=\s*[,.;)]|\s+[a-z])")
# two given names sharing the surname after them ("Omar and Abdullah Maute")
_SHARED_SURNAME = re.compile(r"^\s+and\s+([A-Z][a-z]+)\s+((?:(?:al|el)-)?[A-Z][\w'’-]+)\b(?!\s+[A-Z])")
# a chief of staff's title ends at its second "of": what follows is the force or state he serves
_STAFF_OF = re.compile(r"(?:Deputy\s+|Vice\s+)?Chiefs?\s+of\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?Staff\s+of\s+(?:the\s+)?")
# what befalls a person, not a place: "X was killed", "X had been arrested"
_HARMED_AFTER = re.compile(r"^\s+(?:was|had\s+been|has\s+been|is\s+believed\s+to\s+have\s+been)\s+(?:killed|assassinated|executed|"
                           r"arrested|detained|wounded|injured|kidnapped|abducted|beheaded|sentenced|jailed|hanged|shot)\b")
# ("an American drone killed Boubaker el-Hakim", "gunmen assassinated Naji Jerf")
_HARMED_BEFORE = re.compile(r"\b(?:killed|assassinated|executed|beheaded|murdered|kidnapped|abducted)\s+$")
# "An eight-year-old girl, Saffie-Rose Roussos, from Leyland": an age before the name, set off by commas
_AGE_BEFORE = re.compile(r"\b(?:an?|the)\s+(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old(?:\s+[\w-]+){0,3}?\s*,\s*$", re.I)
# a unit's number is its name's ("the 157 Task Force Battalion", "the 81 Division Forward Brigade")
_UNIT_HEADS = frozenset({"Battalion", "Brigade", "Division", "Regiment", "Corps", "Squadron"})
LISTED_WITH_A_PLACE = "listed with a place"   # (the cue resolve tells a list's guess of a kind by)
_WHEREABOUTS = re.compile(r"^(?:,\s+(?:near|outside|in|just\s+(?:north|south|east|west))\b|\s+(?:in|near)\s+[A-Z])")
_NUMBER_WORD = re.compile(r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Dozens|Hundreds|Some|Many|Several)$")
_PLACE_BODY = re.compile(r"^\s+((?:provincial|city|municipal|local|civil|town|governorate)\s+council)\b")
_REGNAL_NUMBER = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XV?I{0,3})")   # "Tawadros II", "Benedict XVI"
_AGE_AFTER = re.compile(r"^\s*,\s+(?:aged\s+)?\d{1,3}\s*(?:[,;)]|\.(?!\d))")   # ("Aysha Frade, 43, a teacher"; "... Aysha Frade, 43.")
# a word that tells whose a thing is before its name: "the al-Qaeda-linked Nusra Front", "Iran-backed militias"
_AFFILIATION = re.compile(r"\w-(?:linked|backed|affiliated|aligned|allied|led|inspired|funded|sponsored|supported|trained|"
                          r"controlled|run|held|based)$", re.I)
# the words of an apposition that make an organisation an armed group ("Jaish al-Thuwar, a small rebel faction")
_ARMED = re.compile(r"\b(?:armed|rebel|jihadist|militant|insurgent|Islamist|extremist|paramilitary|militia|terrorist)\b", re.I)
# after a verb of taking, a noun the name only qualifies ("took the Maskanah silos", "took Omar hostage")
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|on|in|from|after|before|with|by|at|to|as|which|where|when|while|for|during|but|"
                         r"then|itself|last|this|early|late|overnight|yesterday|today|within|without|under|near|amid)\b)[a-z]")
_NOT_IN_A_PLACE_NAME = {"the", "and", "of", "or", "to", "in", "a", "at", "for", "from", "with", "on", "by", "as",
                        "this", "that", "these", "those", "each", "every", "last", "next", "his", "her", "our",
                        # (speech: "Engineers say dams are hard to destroy")
                        "say", "says", "said", "warn", "warns", "fear", "fears", "believe", "believes", "think", "thinks"}
# verbs whose past is no "-ed": between a name and a place noun they are the sentence's verb, no part of a name
_IRREGULAR_PAST = {"struck", "took", "hit", "held", "left", "won", "lost", "fought", "ran", "began", "sent", "shot",
                   "kept", "fell", "overran", "led", "fled", "set", "put", "cut", "hid", "made", "saw"}
_INTRODUCED = re.compile(r"\b(?:gave\s+only\s+(?:his|her)\s+first\s+name,?|gave\s+(?:his|her|their)\s+(?:first\s+)?name\s+as|"
                         r"(?:identified\s+only|asked\s+to\s+be\s+identified|identified\s+by\s+(?:his|her)\s+(?:first\s+)?name)"
                         r"\s+as|call(?:s|ed)?\s+(?:himself|herself)|known\s+only\s+as|(?:goes|went)\s+by|(?P<weak>identified\s+as))\s+[“\"‘']?$")


@dataclass
class Sentence:
    index: int        # position among the body's sentences (-1: the title)
    paragraph: int
    text: str


@dataclass
class Candidate:
    """A name found in one sentence, with what the text says it is."""

    name: str
    folder: str | None         # actors | locations | operations | None (untyped)
    kind: str | None
    source: str
    sentence: int
    cue: str                   # why it was typed: a short human-readable reason
    strength: int = 1          # 3 dictionary/definition, 2 explicit cue, 1 weak
    role: str | None = None    # people: the role phrase as written
    org_hint: str | None = None  # people: an organisation named in the role phrase
    short_form: bool = False   # a short form of a name given in full elsewhere (a surname; "Speicher"
                               # for Camp Speicher): it joins that name, never names the sheet
    start: int = -1            # offset in the sentence (-1: not from running text)


@dataclass
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)   # (name, alias, reason)


def sentences_of(title: str, paragraphs: list[str]) -> list[Sentence]:
    out = [Sentence(-1, -1, title)] if title else []
    n = 0
    for p, paragraph in enumerate(paragraphs):
        for text in split_sentences(paragraph):
            out.append(Sentence(n, p, text))
            n += 1
    if len(out) > 1 and not re.search(r"[.!?…\"”’')\]]\s*$", out[-1].text):
        # an excerpt cut mid-word: the last word may be a fragment ("fighting in Raq")
        out[-1].text = re.sub(r"\s*\S+\s*$", "", out[-1].text)
    return out


class _Word:
    """A word of a sentence, with what the run rules ask of it many times, worked out once."""

    __slots__ = ("start", "end", "text", "possessive", "bare", "capital")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.possessive = len(text) > 2 and _POSSESSIVE.search(text) is not None
        self.bare = _POSSESSIVE.sub("", text) if self.possessive else text
        core = ARTICLE_PREFIX.sub("", self.bare) if "-" in self.bare else self.bare   # ("'Operation Sinai 2018'": the quote closes no word)
        self.capital = bool(core) and (core[0].isupper() or (core[0].isdigit() and (len(core) <= 4 or _ORDINAL.fullmatch(core) is not None)))

    def __repr__(self) -> str:
        return f"_Word({self.start}, {self.end}, {self.text!r})"


def _month_named(run: list[_Word]) -> bool:
    """"Mar Elian", "Jan Kubis": a month's abbreviation before a word in capitals is a name."""
    return len(run) > 1 and run[0].text in _MONTH_ABBREVIATIONS and run[1].text[:1].isupper()


def _words(text: str) -> list[_Word]:
    return [_Word(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def fold_title(title: str) -> str:
    """'COL.', 'Col' and 'col.' are one title."""
    return title.replace(".", "").casefold()


def found_source(found: Discovery) -> str | None:
    return found.candidates[-1].source if found.candidates else None


_FAMILY_TITLES = {"Sheikh", "Shaikh", "Sheik"}   # also family names between a given name and a surname
_COMPASS = ("North", "South", "East", "West", "Central")
_PAIRED = re.compile(r"\s+([A-Z][a-z]+)\s+([A-Z][a-z]+)\b")   # ("Justice and| Development Party")
_LIST_JOINER = re.compile(r"['’]?s?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")   # between two names of a list
_BACKED = re.compile(r"\w-(?:backed|led|based|linked|allied|affiliated|aligned|run|held|controlled|funded|supported|"
                     r"trained|sponsored|dominated)$")
_DATELINE_HEAD = re.compile(r"^\s*[A-Z][A-Z .'’-]+,\s*$")   # "KOBANI, " before a dateline's region
_PLACE_HEAD = re.compile(r"^\s*[A-Z][a-z][\w .'’-]*,\s*$")   # "Raqqa, " before "Syria – Forensic teams ..." 


_NOT_ONES_KIN = {"parents", "family", "relatives", "lawyer", "lawyers", "attorney", "attorneys"}   # (no one person)
_CITY_SIZE = 50_000   # people: a place this large before "hotel" or "stadium" says where the building is


class Discoverer:
    """Finds candidate names in sentences. One instance per run; it holds the lexicon view."""

    def __init__(self, lex: Lexicon, known_keys: dict[str, tuple[str, str]]) -> None:
        self.lex = lex
        self.known = known_keys          # name_key -> (folder, kind) of dictionary and sheet names
        self._languages = set(lex.raw.get("languages") or ())
        # ("flew in Black Hawk helicopters", "struck from Reaper drones": a make of machine, no place)
        self._machine_after = re.compile(r"^\s+(?:" + "|".join(map(re.escape, lex.raw.get("machine_nouns") or ["(?!)"])) + r")\b")
        self._openers = set(lex.raw.get("org_openers") or ())
        self._national = {d for info in (lex.raw.get("countries") or {}).values() for d in info.get("demonyms") or ()}
        self._honorifics = set(lex.raw.get("honorific_titles") or ())
        self._regnal = set(lex.raw.get("regnal_titles") or ()) | self._honorifics
        self._saints = set(lex.raw.get("saint_words") or ())
        self._saint_buildings = set(lex.raw.get("saint_buildings") or ())
        self._roles = set(lex.raw.get("roles_at") or ())
        # keys only an acronym has ("SANA"): a word spelled like it ("al-Sinaa", a district) is not it
        worded = {name_key(n) for k in lex.entities for n in (k.name, *k.aliases) if not is_acronym(n)}
        self._acronym_only = {name_key(n) for k in lex.entities for n in (k.name, *k.aliases) if is_acronym(n)} - worded
        self._titles_by_first: dict[str, list[tuple[str, list[str]]]] = {}
        self._abbreviated_titles = {w for title in lex.titles for w in title.split() if w.endswith(".")}
        self._office_titles = frozenset(t for t in lex.titles if " " in t)   # ("the Supreme Leader said": an office)
        self._vessel_before = re.compile(r"\b(?:" + "|".join(map(re.escape, lex.raw.get("vessel_nouns") or ["(?!)"]))
                                         + r")\s+$", re.I)
        for title in lex.titles:   # longest first, as the lexicon sorts them
            clean = [p.rstrip(".") for p in title.split()]
            self._titles_by_first.setdefault(clean[0], []).append((title, clean))
        role = "|".join(sorted(map(re.escape, lex.role_nouns), key=len, reverse=True))
        self._role_after = re.compile(
            rf"^\s*,\s+(?!{_SPEECH}\b)(?:who\s+(?:is|was)\s+|also\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
            rf"(?:[\w.’'\-]+\s+){{0,5}}?({role})s?\b", re.I)
        self._role_is = re.compile(rf"^\s+(?:is|was)\s+(?:the\s+|a\s+|an\s+)(?:[\w.’'\-]+\s+){{0,4}}?({role})\b", re.I)
        self._role_next = re.compile(rf"^\s+(?-i:{role})s?\b")   # ("the deputy Middle East director": the role's region)
        self._role_before = re.compile(rf"\b({role})\s+$", re.I)
        self._role_at_before = re.compile(r"\b(?:" + "|".join(map(re.escape, lex.raw.get("roles_at") or ["(?!)"]))
                                          + r")\s+(?:at|with)\s+(?:the\s+)?$", re.I)   # (not "reporters at Camp X": where they were)
        self._kin_after = re.compile(r"^\s+(?:" + "|".join(map(re.escape, lex.raw.get("kin_nouns") or ["(?!)"])) + r")\b")
        # "his brother Brahim", "Salah's older brother, Brahim,": someone's kin, named by a first name
        kin = [n for n in lex.raw.get("kin_nouns") or () if n not in _NOT_ONES_KIN]
        self._kin_before = re.compile(r"(?:\b(?:his|her|their|my|our|whose)|['’]s)\s+(?:[\w-]+\s+){0,2}?(?:"
                                      + "|".join(map(re.escape, kin)) + r"),?\s+$", re.I) if kin else None
        self._role_comma_before = re.compile(rf"\b({role})s?\b[^,.;“”\"]{{0,50}},\s*$", re.I)
        # "the governor of Salahuddin, Raed al-Jabouri, said": the name after the place is the governor's
        self._role_of_place_comma = re.compile(rf"\b(?:{role})\s+(?:of|for|in|to|from)\s+(?:the\s+)?[^,.;]{{1,40}},\s*$", re.I)
        # ("the foreign ministers of Armenia and Azerbaijan, Zohrab Mnatsakanyan and Jeyhun Bayramov": two people; not
        # "suspects in Makassar and Bima, West Nusa Tenggara")
        self._roles_of_places_comma = re.compile(rf"\b(?:{role})s\s+(?:of|for)\s+(?:the\s+)?[^,.;]{{1,40}},\s*$", re.I)
        self._place_of = re.compile(   # ("the home town of X" is a person's)
            r"(?<!\bhome\s)\b(" + "|".join(map(re.escape, lex.place_of_cues)) + r")\s+of\s+(?:the\s+)?$", re.I)
        self._landmark_appositives = {n.lower() for n in lex.raw.get("landmark_appositives") or ()}
        self._place_appositive = re.compile(
            r"^,\s+(?:(?:a|an|the|its|their)\s+(?:(?!(?:of|from|in|at|near|to|with|for|by|whose|who|which|that)\b)(?:\d[\d,.]*-)?[\w-]+\s+){0,3}?(village|town|city|district|neighbou?rhood|suburb|province|"
            r"region|quarter|hill|ridge|area|camp|base|border town|border crossing|"
            + "|".join(map(re.escape, lex.raw.get("landmark_appositives") or ())) + r")\b(?!\s+(?:council|hall|mayor|official))"
            r"|(?:about\s+|some\s+|around\s+)?\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\(\d+\s*\w+\)\s+)?"
            r"(?:[\w-]+\s+)?(?:of|from)\b)")
        # (keyed in lower case: the text's "an NGO" is the data's "NGO")
        self._org_nouns = {noun.lower(): kind for noun, kind in (lex.raw.get("org_appositives") or {}).items()}
        nouns = "|".join(map(re.escape, sorted(self._org_nouns, key=len, reverse=True))) or "(?!)"
        modifier = r"(?!(?:of|from|in|at|near|to|with|for|by|who|which|that)\b)[\w'’-]+\s+"
        self._org_appositive = re.compile(rf"^,\s+(?:a|an)\s+(?:{modifier}){{0,4}}?({nouns})\b"
                                          r"(?!\s+(?:member|leader|founder|official|commander|spokesman)s?\b)", re.I)
        # "the Palestinian rebel group Aknaf ...", "the monitoring group Airwars": the noun before the name (as written)
        self._org_before = re.compile(rf"\b(?:the|a|an)\s+(?:{modifier}){{0,3}}?(?-i:(?P<noun>{nouns}))\s+$", re.I)
        # (or after a people's word without an article, the last capitalised word that can open it: "Reuters said
        # British security firm Ambrey")
        self._org_after_people = re.compile(rf"^.*\b(?-i:(?P<people>[A-Z][\w-]+))\s+(?:{modifier}){{0,2}}?(?-i:(?P<noun>{nouns}))\s+$",
                                            re.I | re.S)
        self._branch_heads = frozenset(lex.raw.get("branch_heads") or ())
        # "fighting in Hajin", "advanced towards Shaddadi": only these prepositions, which take places
        self._place_preposition = re.compile(
            r"\b(?:in|near|outside|around|towards?|into|from|at|through|via|across|beyond|north|south|east|west|northeast|northwest|southeast|"
            r"southwest|(?:push|advanc|mov|march|return|withdr[ae]w|retreat|head|fl[eo]d?|deploy)\w*\s+(?:back\s+)?to|"
            # "troops capture Mesraba", "entered Bashiqa", "reaching al-Sukhnah": what is taken, entered or reached is a place
            r"(?<!\bwith\s)(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)"   # (not "with captured Humvees": an adjective)
            r"(?P<taking>(?:re)?captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|retak(?:e|es|en|ing)|(?:re)?took|overr[au]n(?:s|ning)?|"
            r"liberat(?:e|es|ed|ing)|storm(?:s|ed|ing)?|enter(?:s|ed|ing)?|reach(?:es|ed|ing)?|"
            # ("raided Macomia", "shelled Ain Issa", "besieged Deir ez-Zor"; not "occupied": "the Israeli-occupied Golan")
            r"raid(?:s|ed|ing)|shell(?:s|ed|ing)|besieg(?:e|es|ed|ing)))\s+"
            # ("stormed the district seat of Quissanga", "entered the provincial capital of ...")
            r"(?:of\s+)?(?:the\s+)?(?:(?:(?:district|provincial|regional|port)\s+)?"
            r"(?:town|village|city|area|countryside|seat|capital)\s+of\s+)?$")
        plural = "|".join(map(re.escape, (n for n in lex.place_of_cues if n.endswith("s"))))
        # "the southern towns: Arbin, ...", "eight villages covering 100 square kilometres, among them Faziliya"
        self._places_colon = re.compile(rf"\b({plural})(?:\s*:|\b[^.;:]{{0,60}}?,\s+(?:among\s+them|including)|\b[^.;:,]{{0,40}}?,?\s+such\s+as)\s*$",
                                        re.I)
        fought = lex.raw.get("fought_over_nouns") or {}
        # ("the assault on Bosso": a one-word place attacked)
        self._battle_of = re.compile(r"\b(?:(?:(" + "|".join(fought.get("any") or ["(?!)"]) + ")|(" + "|".join(
            fought.get("one_word") or ["(?!)"]) + r"))\s+(?:of|for)|(?:" + "|".join(fought.get("attacked_on") or ["(?!)"])
                                     + r")\s+on)\s+(?:the\s+)?$", re.I)
        # "the Karrada bombing", "the 2005 Amman bombings": an attack is named after where it happened
        # ("the Beslan school siege": what was struck may stand between)
        events = "|".join(map(re.escape, lex.operation_cues.get("named_after_place") or ["(?!)"]))
        modifiers = "|".join(map(re.escape, lex.operation_cues.get("attack_modifiers") or ["(?!)"]))
        self._event_after = re.compile(rf"^\s+(?:(?:{modifiers})\s+){{0,2}}?(?:{events})\b")
        self._the_before = re.compile(r"\bthe\s+(?:(?:19|20)\d\d\s+)?$", re.I)
        self._occasions = set(lex.raw.get("occasions") or ())
        self._vague_places = {name_key(n) for n in lex.raw.get("vague_places") or ()}
        self._titles_alone = {t for t in lex.titles if " " not in t}   # ("Minister", "Chief", "Governor")
        self._state_form = re.compile(
            r"^(?:(?:" + "|".join(map(re.escape, lex.raw.get("state_form_words") or ["(?!)"])) + r")\s+)*(?:"
            + "|".join(map(re.escape, lex.raw.get("state_forms") or ["(?!)"])) + r")\s+of\s+(?:the\s+)?(?P<country>.+)$")
        self._folded_titles = {fold_title(t): t for t in lex.titles}   # "COL." is Col.
        self._place_first_words = lex.raw.get("place_first_words") or {}
        nouns = sorted(lex.place_nouns, key=len, reverse=True)
        self._place_after = re.compile(
            r"^((?:\s+(?!(?:before|after|and|or|in|on|at|to|for|from|with|by|of|the|a|an|its|their|was|is)\b)"
            r"[a-z][a-z\-]+){0,2}?)\s+(" + "|".join(map(re.escape, nouns)) + r")(s?)\b")   # ("the Euphrates before crossing")
        # known names with a word in lower case inside ("Raqqa is Being Slaughtered Silently")
        self._lowercase_kinds = {n: (k.folder, k.kind) for k in lex.entities if k.folder == "actors"
                                 for n in (k.name, *k.aliases) if len(n.split()) > 2 and any(
                                     w.islower() and w not in lex.connectors and w != "and" for w in n.split()[1:-1])}
        lowercase = sorted(self._lowercase_kinds, key=len, reverse=True)
        nouns_of_actors = lex.raw.get("actor_nouns") or {}
        # "the Albu Fahd tribe"; "the Albu Fahd and Albu Soda tribes": both names share the plural
        self._actor_noun = re.compile(r"^(?:\s+(?:and|or)(?:\s+[A-Z][\w’'-]*){1,3}?(?=\s+\w+s\b))?\s+("
                                      + "|".join(map(re.escape, nouns_of_actors)) + r")\b") if nouns_of_actors else None
        # "the larger tribes, among them the Walda, the Afadla and the Sabkha": each is a tribe
        # (a plural, then a phrase closed by a comma: "the tribes sided with factions such as X" lists factions)
        plural_actors = [n for n, one in (lex.raw.get("actor_noun_forms") or {}).items() if n == one + "s"]
        self._actors_listed = re.compile(r"\b(" + "|".join(map(re.escape, plural_actors)) + r")\b(?:[^.;:,]{0,60})?,\s+"
                                         r"(?:among\s+them|including|such\s+as|notably)\s+(?:the\s+)?$") if plural_actors else None
        self._last_listed: tuple[str, int, int, str] | None = None
        city_parts = lex.raw.get("city_parts") or {}
        self._city_part = re.compile(r"^\s+(?:" + "|".join(map(re.escape, city_parts)) + r")\b") if city_parts else None
        self._lowercase_names = re.compile(r"\b(?:" + "|".join(map(re.escape, lowercase)) + r")\b") if lowercase else None
        self._shared_noun = re.compile(
            r"^\s+(?:and|or)\s+(?:[A-Z][\w'’-]*\s+){1,3}(" + "|".join(map(re.escape, nouns)) + r")s\b")

    # -- public --------------------------------------------------------------------------
    def discover(self, source: str, sentences: list[Sentence]) -> Discovery:
        found = Discovery()
        self._last_place: tuple[str, int, int, str] | None = None
        self._speakers = self._transcript_speakers(source, sentences, found)
        self._questioners(source, sentences, found)
        for sentence in sentences:
            if sentence.index < 0:
                continue  # headlines are Title Case: names there must be known or found in the body
            self._credits(source, sentence, found)
            self._dateline(source, sentence, found)
            # known names with a word in lower case ("Raqqa is Being Slaughtered Silently") are found
            # whole; their words make no names of their own
            spans = [m.span() for m in self._lowercase_names.finditer(sentence.text)] if self._lowercase_names else []
            for start, end in spans:
                name = sentence.text[start:end]
                folder, kind = self._lowercase_kinds[name]
                found.candidates.append(Candidate(name, folder, kind, source, sentence.index, "known name", 3, start=start))
            for run in self._runs(sentence.text):
                run = [w for w in run if not any(start <= w.start < end for start, end in spans)]
                if run:
                    self._classify(source, sentence, run, found)
            self._definitions(source, sentence, found)
            self._nom_de_guerre(sentence, found)
            for m in self._DUBBED.finditer(sentence.text):
                name = re.sub(r"\s+(?:of|the)$", "", m.group(1)).strip()
                if name[:1].isupper() and len(name.split()) >= 2:
                    found.candidates.append(Candidate(name, "operations", "operation", source, sentence.index,
                                                      "an operation 'named …'", 3, start=m.start(1)))
        reporters = {(c.sentence, c.name) for c in found.candidates if c.cue == "a reporter's surname"}
        if reporters:   # ("and Dubois from Tunis" is no list of places)
            found.candidates = [c for c in found.candidates
                                if c.folder != "locations" or (c.sentence, c.name) not in reporters]
        self._whole_operation_names(found)
        self._surnames(found)
        self._short_organisation_names(found)
        self._named_after(found)
        self._short_places(found)
        return found

    # -- capitalised runs -----------------------------------------------------------------
    def _runs(self, text: str) -> Iterable[list[_Word]]:
        words = _words(text)
        run: list[_Word] = []
        pending: list[_Word] = []   # connectors waiting for a capital word after them
        for word in words:
            gap = text[(pending[-1] if pending else run[-1]).end:word.start] if run else ""
            # "Maj. Gen. Gary J. Volesky": the period of an initial or a title's abbreviation joins
            # a spaced dash joins like to like ("CJTF – OIR"), never a dateline to the text ("KOBANI, Rojava – Kurdish ...")
            # ("SOUTHWEST ASIA – Coalition forces")
            # (nor a date to what follows: "May-December 2013 - The Islamic State ...")
            dash = gap.strip() in ("–", "-") and (gap == gap.strip() or (word.text.isupper() == run[-1].text.isupper()
                                                                 and not _DATELINE_HEAD.match(text[:run[0].start])
                                                                 and not (not word.text.isupper()
                                                                          and _PLACE_HEAD.match(text[:run[0].start])))) \
                and not run[-1].text[:1].isdigit() and word.text not in ("The", "A", "An")
            joined = not run or gap.strip() == "" or dash or (
                gap.strip() == "." and not pending and self._abbreviation(run[-1].text)
                and word.text not in self.lex.stopwords)
            # ("May" alone may be the verb; "May-December" is a span of months)
            # ("May" is a month beside a day or a year: "31 May 2016 the Syrian Democratic Forces")
            if word.text in _CALENDAR or ("-" in word.text and all(p in _CALENDAR or p == "May" for p in word.text.split("-"))) \
                    or (word.text == "May" and (_NUMBER_AFTER.match(text, word.end) or _DAY_BEFORE.search(text, 0, word.start))):
                if run:
                    yield run
                run, pending = [], []
                continue
            # a possessive ends a name before a unit's number too: "the Republican Guard's 104th Brigade"
            # (nor a number after a connector: "Diyarbakir for 15 years")
            if word.capital and joined and not (run and run[-1].possessive
                                                and (word.text[:1].isdigit() or self._ends_run(run))) \
                    and not (pending and word.text[:1].isdigit()):
                run.extend(pending)
                pending = []
                run.append(word)
                continue
            # ("Breaking the Walls", but "in Moscow the Kremlin said" is two names: a known name ends at "the";
            # nor does a people's name alone open one: "rival Islamists of the Nusra Front")
            if run and joined and word.text in self.lex.connectors and not (pending and pending[-1].text == "and") \
                    and (word.text != "the" or pending or not self._known_name(" ".join(w.text for w in run))) \
                    and not (len(run) == 1 and self.lex.is_demonym(run[0].bare)):
                pending.append(word)
                continue
            # "Ministry of Migration and Displacement" (not "Units of the Desert Hawks Brigade and Hezbollah":
            # a unit's name ends with its head word)
            # (a known name goes on: "the Islamic State of Iraq and al-Sham")
            if run and joined and word.text == "and" and not pending and (self._longer_known(text, run) or (
                    self.lex.org_heads.get(run[-1].bare) != "armed group" and
                    any(w.text in ("of", "for") and run[k - 1].text not in self.lex.stopwords
                        for k, w in enumerate(run[1:], 1))) or self._paired_body(text, run, word.end)):
                pending.append(word)
                continue
            if run:
                yield run
            # ("the al Fatah Mosque", "al Qaim": the article written apart opens the name)
            run, pending = ([word], []) if word.capital else ([], [word] if word.text in ("al", "el") else [])
        if run:
            yield run

    def _paired_body(self, text: str, run: list[_Word], at: int) -> bool:
        """"Justice and Development Party", "the Foreign and Commonwealth Office", "Greater Manchester Fire and Rescue
        Service": two words the dictionary does not know, joined by "and", then an organisation's word, are one name
        (not "the Iraqi Army and Popular Mobilisation Forces": a run that already ends with its head is whole)."""
        pair = _PAIRED.match(text, at)
        return bool(pair and not self.lex.org_heads.get(run[-1].bare)
                    and self._pair_named(run[-1].bare, pair.group(1), pair.group(2)))

    def _pair_named(self, first: str, second: str, head: str) -> bool:
        """(words only the gazetteer knows may make a pair: "Commonwealth" is a town of the Philippines, "Perth and
        Kinross Council"; but "State" after two places ends a list of them: "the Orlando and Ohio State attacks")"""
        return bool(self.lex.org_heads.get(head)) and head != "State" and not any(
            name_key(w) in self.known or self.lex.is_demonym(w) or w in self.lex.stopwords for w in (first, second))

    def _without_connectors(self, words: list[_Word]) -> list[_Word]:
        """`words` without the connectors in front ("the", "of"): "of the Levant Policy Forum"."""
        start = next((j for j, w in enumerate(words) if w.text not in self.lex.connectors), len(words))
        return words[start:]

    def _is_known(self, key: str, name: str) -> bool:
        """A dictionary name, unless only an acronym is spelled so and the name is a word."""
        return key in self.known and (key not in self._acronym_only or is_acronym(name))

    def _abbreviation(self, word: str) -> bool:
        return (len(word) == 1 and word.isupper()) or f"{word}." in self._abbreviated_titles or word in self._saints

    def _longer_known(self, text: str, run: list[_Word]) -> bool:
        """Whether the run and "and the X" after it are one known name ("the Islamic State of Iraq and the Levant")."""
        longer = re.match(r"\s+and\s+(?:the\s+)?(?:(?:al|el|ash|as|ar|an)-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", text[run[-1].end:])
        return bool(longer) and name_key(text[run[0].start:run[-1].end] + longer.group(0)) in self.known

    def _affiliate(self, run: list[_Word]) -> bool:
        """A known armed group's name, then a region and a branch word ("Islamic State Khorasan Province")."""
        if len(run) < 3 or run[-1].bare not in self._branch_heads:
            return False
        return any(self.known.get(name_key(" ".join(w.text for w in run[:k])), ("", ""))[1] == "armed group"
                   for k in range(len(run) - 2, 0, -1))

    def _place_named(self, run: list[_Word]) -> bool:
        """Whether the run is a place the dictionary or the gazetteer knows."""
        name = " ".join(w.text for w in run)
        known = self.known.get(name_key(name))
        return (known[0] == "locations") if known else gazetteer.find(name) is not None

    @staticmethod
    def _gazetteer_whole(run: list[_Word]) -> bool:
        hit = gazetteer.find(" ".join(w.text for w in run))
        # (a city as large as any the gazetteer lists beyond the briefing's countries: "New Delhi"; a province only after
        # "New": "New Jersey", not "North Carolina" before a list, which would make provinces of the names after it)
        return hit is not None and (hit.kind in ("country", "region")
                                    or hit.kind == "city" and hit.population >= gazetteer.MIN_POPULATION_ELSEWHERE
                                    or hit.kind == "province" and run[0].text == "New")

    def _named_like_a_person(self, words: list[_Word], before: str, after: str) -> bool:
        """Two or three words that can only be a person's name: none a known name, a place, a people or an organisation's
        word; with a given name first, or a speech verb before them or a comma or speech verb after the phrase."""
        if any(not w.capital or is_acronym(w.bare) or w.bare in self.lex.stopwords or self.lex.org_heads.get(w.bare)
               or self.lex.place_heads.get(w.bare) or self.lex.is_demonym(w.bare) or name_key(w.bare) in self.known
               or w.bare.lower() in self.lex.role_nouns or w.bare in self._roles
               for w in words) or self._title_in(words) is not None:   # (not the gazetteer's every word: "Rizal" is a town)
            return False   # ("the Secretary General of the Arab League said")
        return words[0].bare in self.lex.given_names or re.match(rf"^\s*(?:,|{_SPEECH}\b)", after) is not None \
            or re.search(rf"\b{_SPEECH}\s+$", before) is not None

    def _listed_after_place(self, source: str, sentence: Sentence, start: int) -> bool:
        """The name at `start` follows a place of the same sentence in a list ("Aleppo, Idlib and ...")."""
        last = self._last_place
        return bool(last and last[:2] == (source, sentence.index) and last[2] <= start
                    and _LIST_JOINER.fullmatch(sentence.text, last[2], start))

    def _formal_country(self, name: str) -> str | None:
        """The country a state's formal name is ("Republic of Angola": Angola; "Democratic Republic of Congo": the
        gazetteer's "Democratic Republic of the Congo"), or None."""
        form = self._state_form.match(name)
        if form is None:
            return None
        whole = gazetteer.find(name) or gazetteer.find(name[:form.start("country")] + "the " + form.group("country"))
        if whole is not None and whole.kind == "country":
            return whole.name
        country = form.group("country")
        known = self.known.get(name_key(country))
        hit = gazetteer.find(country)
        return country if (known and known[1] in ("country", "state")) or (hit and hit.kind == "country") else None

    def _known_name(self, name: str) -> bool:
        return name_key(name) in self.known or gazetteer.find(name) is not None

    def _ends_run(self, run: list[_Word]) -> bool:
        """A possessive ends a name when it belongs to a known name or acronym (FSA's Burkan, the
        Iraqi Army's 7th Division)."""
        bare = run[-1].bare
        if run[0].text in self._saints:
            return False   # "St Mark's Cathedral"
        whole = " ".join([w.text for w in run[:-1]] + [bare])
        # (and a person's: "Khalifa Hafter's Libyan National Army"; and a body's named by its noun alone: "the
        # Army's Delta Force")
        return (is_acronym(bare) or name_key(bare) in self.known or gazetteer.find(bare) is not None
                or (len(run) == 1 and bare in self.lex.org_heads)
                or name_key(whole) in self.known or (2 <= len(run) <= 3 and run[0].bare in self.lex.given_names))

    def _classify(self, source: str, sentence: Sentence, run: list[_Word], found: Discovery) -> None:
        text = sentence.text
        run = list(run)
        if run[0].text == "Operation" and len(run) > 1:   # "Operation X" before the stopword rule
            return found.candidates.append(Candidate(self._name(text, run), "operations", "operation", source,
                                                     sentence.index, "named 'Operation …'", 3))
        if len(run) > 1 and run[0].text in self._saints and run[-1].bare in self._saint_buildings:
            return found.candidates.append(Candidate(self._name(text, run), "locations", "landmark", source,
                                                     sentence.index, f"a saint's '{run[-1].bare}'", 2, start=run[0].start))
        # "United States-backed Syrian Democratic Forces": the words before such a modifier are its own
        cut = next((j for j in (2, 1) if j < len(run) - 1 and _BACKED.search(run[j].text)), None)
        if cut is not None:
            run = run[cut + 1:]
        if self._affiliate(run):   # "Islamic State West Africa Province": the group's branch, named whole
            return found.candidates.append(Candidate(self._name(text, run), "actors", "armed group", source,
                                                     sentence.index, "a branch of a known group", 3, start=run[0].start))
        staff = _STAFF_OF.search(text, run[0].start, run[-1].end) if len(run) > 4 else None
        if staff and staff.start() <= run[1].start:   # (after an article: "The Chief of Staff of ...")
            # "the Chief of Staff of the Armed Forces of the Philippines": the title, then whose staff
            return self._classify(source, sentence, [w for w in run if w.start >= staff.end()], found)
        openers = self._openers
        while run and (run[0].text in self.lex.stopwords or run[0].text in self.lex.connectors
                       or self._is_modifier(run[0].text) or self._adverb_opener(run)):
            if run[0].text in openers and len(run) > 2 and self._org_kind(run[1:]):
                break   # "Central Criminal Court of Iraq"
            if run[0].text in openers and len(run) > 1 and self._actor_noun and self._actor_noun.match(text[run[-1].end:]):
                break   # "the Northern Storm brigade"
            if run[0].text == "Operation" and len(run) > 1:
                break   # "Under Operation Odyssey Lightning": the stopword goes, the operation stays
            if 2 <= len(run) <= 3 and run[0].text in _COMPASS and not self._known_name(" ".join(w.text for w in run[1:])) \
                    and not self.lex.is_demonym(run[1].bare) and not self.lex.is_demonym(run[1].bare + "s") \
                    and (self._place_preposition.search(text[:run[0].start])
                         or self._listed_after_place(source, sentence, run[0].start)):
                # "in North Waziristan", "in Central Sulawesi, East Kalimantan and West Nusa Tenggara": a compass
                # word is the name's where the rest is no place known alone
                break
            if len(run) > 3 and self.lex.is_demonym(run[0].bare) and self.lex.org_heads.get(run[1].bare) and run[2].text == "of" \
                    and run[1].text != "State":   # (the Islamic State is known by its own names)
                break   # "the Islamic Movement of Uzbekistan": a faith's or people's word opens a body's name "of" somewhere
            if run[0].text in ("al", "el") and len(run) > 1:
                break   # "the al Fatah Mosque": the article is the name's
            if run[0].text in openers and len(run) > 1 and run[1].text in self._place_first_words:
                break   # "the Great Mosque of Raqqa", "the Old Citadel"
            whole = name_key(" ".join(w.text for w in run)) if len(run) > 1 else ""
            if whole in self.known and whole != name_key(" ".join(w.text for w in run[1:])) \
                    and not self._longer_known(text, run):
                # "Human Rights Watch": a known name keeps its first word (not "the YPG" its "the"; and
                # "the Islamic State of Iraq and the Levant" is no "Islamic State of Iraq")
                break
            if len(run) > 1 and run[0].text in openers and self._gazetteer_whole(run):
                break   # "South Sudan", "North America": a country, region or great city named whole
            if len(run) > 1 and self._title_in(run[:2]) is not None:
                break   # "Mr Jean-Yves Le Drian": an honorific is a stopword alone, a title before a name
            if len(run) > 1 and run[0].text in self._place_first_words:
                break   # "Camp Speicher": "Camp" alone is no name, but it opens this one
            if _month_named(run) and run[1].text not in self.lex.stopwords:
                break
            run.pop(0)
        if len(run) > 2 and run[0].start == 0 and run[0].text.endswith("ing") and run[1].text in self.lex.connectors \
                and name_key(run[0].text) not in self.known:
            # "Addressing the U.N. Human Rights Council in Geneva, ...": the sentence's verb, then the name
            return self._classify(source, sentence, self._without_connectors(run[1:]), found)
        rest = self._without_connectors(run[1:]) if len(run) > 2 and run[1].text in self.lex.connectors else []
        if rest and not _LIST_MARK.sub("", sentence.text[:run[0].start]) and (
                name_key(" ".join(w.text for w in rest)) in self.known or (run[1].text == "the" and self._org_kind(rest))):
            # "3. Support the Organisation for the Prohibition of Chemical Weapons in ...": a verb opening the
            # sentence (or a list's item), then a known name or an organisation's ("- Support the Government of ...")
            return self._classify(source, sentence, rest, found)
        while run and (run[0].text.isdigit() or run[0].text.replace(",", "").isdigit()) \
                and not (run[0].text.isdigit() and len(run) > 1 and run[-1].bare in _UNIT_HEADS
                         and re.search(r"\bthe\s+$", text[:run[0].start], re.I)):
            run.pop(0)   # "132 Islamic State fighters", "10,000 square kilometres" (not "the 157 Task Force Battalion")
        while len(run) > 1 and run[0].text in ("The", "A", "An", "the"):
            run.pop(0)   # ("04 May, 2014 The IS group", "31 May 2016 the SDF": the year went, its article goes too)
        while run and run[-1].text in self.lex.connectors:
            run.pop()
        if len(run) > 2 and run[0].bare in self._roles and run[1].text in ("for", "at", "with", "of"):
            # "the Senior Editor for Belhik Observer", "a Fellow at the Levant Institute": the role is the
            # person's, the name what follows
            return self._classify(source, sentence, self._without_connectors(run[1:]), found)
        owner = next((j for j in range(1, len(run) - 2) if run[j].possessive), None)
        if owner is None and len(run) > 2 and run[0].possessive and self._org_kind(run[1:]) \
                and (ARTICLE_PREFIX.match(run[1].text) or self.known.get(name_key(run[0].bare), ("",))[0] == "actors"):
            # "the Shammar's al-Sanadid Forces", "Europol's Internet Referral Unit": a force or body, and the
            # group that owns it (not "People's Protection Units", one name)
            bare = run[0]
            if name_key(bare.bare) not in self.known:
                found.candidates.append(Candidate(bare.bare, "actors", "other", source, sentence.index,
                                                  "owner of an organisation", 2, start=bare.start))
            else:
                self._classify(source, sentence, [_Word(bare.start, bare.start + len(bare.bare), bare.bare)], found)
            return self._classify(source, sentence, run[1:], found)
        if owner is not None and self._org_kind(run[owner + 1:]):
            # "the Ministry of Interior's Emergency Response Division": the ministry, and its division
            bare = run[owner]
            self._classify(source, sentence, [*run[:owner], _Word(bare.start, bare.start + len(bare.bare), bare.bare)], found)
            return self._classify(source, sentence, run[owner + 1:], found)
        if len(run) > 2 and run[-1].possessive and run[-2].text == "of":
            run = run[:-2]   # "the Quds Force of Iran's Revolutionary Guard": Iran's belongs to what follows
        if not run or not any(c.isalpha() for w in run for c in w.text) or (len(run) == 1 and run[0].text[:1].isdigit()):
            return   # (nor a measure alone: "the Baath Dam, 22km upstream")
        # a title inside the run splits it: "United States Army Colonel Ryan Dillon", but not a
        # place that only starts like one ("Sheikh Maqsoud, the Kurdish quarter")
        # ("the town of Sheikh Zuweid": a place named like a title)
        # (nor a place named for someone: "the Imam Ali mosque", "the Sheikh Zayed hospital")
        named_for = self._place_after.match(text[run[-1].end:])
        title_at = None if (self._place_appositive.match(text[run[-1].end:]) or self._org_kind(run)
                            or self._place_of.search(text[:run[0].start])
                            or (named_for and not named_for.group(1) and not named_for.group(3))
                            # ("Imam Khomeini International Airport", "the Sheikh Zayed Grand Mosque": its own word; not
                            # "Colonel John Camp", a man)
                            or (len(run) > 3 and run[-1].bare.lower() in self.lex.place_nouns)) else self._title_in(run)
        if title_at and title_at[0] == 1 and len(run) == 3 and run[1].text in _FAMILY_TITLES and \
                not self._title_in(run[:1]) and not self.lex.is_demonym(run[0].bare) and \
                name_key(run[0].text) not in self.known:
            title_at = None   # "Cihan Sheikh Ehmed": Sheikh is a part of the family's name
        # "Sergeant Andrew Doiron of the Canadian Special Operations Regiment": a titled person of an organisation
        titled = self._title_in(run) if title_at is None and self._org_kind(run) else None
        of_at = next((j for j, w in enumerate(run) if w.text == "of"), None)
        if titled and of_at is not None and titled[0] == of_at + 1 and self._org_kind(run[:of_at]):
            # "the Tiger Forces of Brigadier General Suheil al-Hassan": a force, and the titled man it is named for
            self._classify(source, sentence, run[:of_at], found)
            return self._classify(source, sentence, run[of_at + 1:], found)
        after_of = self._without_connectors(run[of_at + 1:]) if of_at is not None else []
        if titled and titled[0] == 0 and of_at is not None and of_at > titled[1] + 1 and self._org_kind(run[of_at + 1:]):
            self._classify(source, sentence, run[:of_at], found)
            if after_of:
                self._classify(source, sentence, after_of, found)
            return
        if of_at and len(after_of) >= 2 and after_of[0].bare in self.lex.given_names and self._org_kind(run[:of_at]) \
                and not self._org_kind(after_of):
            # "the Deir ez-Zor Military Council of Ahmed Abu Khawla": a force, and the man who leads it
            self._classify(source, sentence, run[:of_at], found)
            return self._classify(source, sentence, after_of, found)
        if of_at and 2 <= of_at <= 3 and len(after_of) >= 2 and self._org_kind(after_of) \
                and self._named_like_a_person(run[:of_at], text[:run[0].start], text[run[-1].end:]):
            # "Rizal Hakim of the Nusantara Centre for Security Studies said": a person, and the body he speaks for
            self._person(source, sentence, run[:of_at], found, cue="a person of an organisation", strength=2)
            return self._classify(source, sentence, after_of, found)
        if of_at == 1 and run[0].start == 0 and run[0].text.endswith("s") and len(after_of) >= 2 \
                and (self._org_kind(after_of) or name_key(" ".join(w.text for w in after_of)) in self.known):
            # "Units of the Federal Police entered ...": the plural opens the sentence, the name follows
            return self._classify(source, sentence, after_of, found)
        if title_at is None and self._org_kind(after_of):
            if of_at == 1 and len(after_of) > 2 and after_of[0].text[:1].isupper() \
                    and not self.lex.org_heads.get(run[0].bare) and run[0].bare not in self.lex.given_names \
                    and name_key(run[0].bare) not in self.known:
                # "Statement of the General Command of the Peshmerga Forces": the organisation is what follows
                return self._classify(source, sentence, after_of, found)
            if of_at in (2, 3) and (run[0].bare in self.lex.given_names or run[0].bare in self.lex.name_prefixes or (
                    self.known.get(name_key(self._name(text, after_of)), ("",))[0] == "actors"
                    and not self._org_kind(run[:of_at]) and not self._known_name(self._name(text, run[:of_at])))):
                # "Nadim Hourani of the Levant Policy Forum", "Abu Layla of the Northern Sun Battalion" (a
                # kunya), "Sharfan Darwish of the Manbij Military Council" (a known body): a man, and where he works
                self._classify(source, sentence, run[:of_at], found)
                return self._classify(source, sentence, after_of, found)
        if len(run) >= 3 and run[0].bare in self.lex.given_names and title_at is None \
                and re.match(r"^\s+(?:affairs\s+)?(?:correspondent|editor|reporter)\b", text[run[-1].end:]):
            # a byline's name and desk: "Helen Marsh Legal affairs correspondent"
            return self._classify(source, sentence, run[:2], found)
        for_at = next((j for j, w in enumerate(run) if w.text == "for"), None)
        if title_at is None and for_at in (2, 3) and run[0].bare in self.lex.given_names:
            # "Translation by Shilan Mustafa for KurdWire": no man's name holds "for"
            self._classify(source, sentence, run[:for_at], found)
            return self._classify(source, sentence, self._without_connectors(run[for_at + 1:]), found)
        if title_at is None and of_at in (2, 3) and run[0].bare in self.lex.given_names and after_of \
                and self._place_named(after_of):
            # "Luke Rutter of Britain", "Hassan Hassan of Deir ez-Zor": a man, and where he is from
            self._classify(source, sentence, run[:of_at], found)
            return self._classify(source, sentence, after_of, found)
        if title_at is not None:
            i, n, title = title_at
            left, right = run[:i], run[i + n:]
            if left:
                self._classify(source, sentence, left, found)
            office = bool(right) and right[0].text in ("of", "for")   # "Governor of Nineveh Atheel al-Nujaifi"
            right = self._without_connectors(right)
            if office and not any(w.bare in self.lex.org_heads for w in right[:-1]) and len(right) > 2:
                # what the office is of, then the person: the name opens with a given name, else it is
                # the last two words (with a particle before them: "Abdul Amir Yarallah")
                particles = self.lex.raw.get("name_particles") or ()
                given = next((j for j in range(1, len(right) - 1) if right[j].bare in self.lex.given_names), None)
                if given and right[given - 1].text in particles:
                    given -= 1   # "Abdul Amir ..."
                keep = len(right) - given if given else 3 if len(right) > 3 and right[-3].text in particles else 2
                if any(w.text in self.lex.connectors or w.text[:1].islower() for w in right[-keep:]):
                    # "Director-General of Antiquities and Museums": what the office is of, and no one after it
                    return self._classify(source, sentence, right, found)
                self._classify(source, sentence, right[:-keep], found)
                right = right[-keep:]
            # "Bishop Mar Afram Athneil of the Assyrian Church of the East": the man, then what he is of
            # (one word is a name before a country: "President Erdoğan of Turkey")
            of_at = next((j for j, w in enumerate(right) if w.text == "of" and (j >= 2 or (j == 1 and self.known.get(
                name_key(self._name(text, right[2:])) if len(right) > 2 else "", ("",))[0] == "locations"))
                          and not any(v.bare in self.lex.org_heads for v in right[:j])), None)
            if of_at is not None:
                if rest := self._without_connectors(right[of_at + 1:]):
                    self._classify(source, sentence, rest, found)
                right = right[:of_at]
            # "Commander in Chief of the Armed Forces Haider al-Abadi": the office, then the person
            heads = [j for j, w in enumerate(right) if w.bare in self.lex.org_heads]
            if heads and heads[-1] < len(right) - 1:
                self._classify(source, sentence, right[:heads[-1] + 1], found)
                right = right[heads[-1] + 1:]
            # a second title or honorific right before the name: "Prime Minister Dr. X", "... Army Col. X"
            inner = self._title_in(right)
            while right and ((right[0].text in self.lex.stopwords and not _month_named(right))
                             or right[0].text in self.lex.connectors or (inner and inner[0] == 0)
                             or (right[0].text.isdigit() and len(right) > 1)):   # ("Chief Warrant Officer 2 X")
                if inner and inner[0] == 0:
                    right = right[inner[1]:]
                else:
                    right = right[1:]
                inner = self._title_in(right)
            rest = name_key(self._name(text, right)) if right else ""
            if rest in self.known and self.known[rest][1] != "person":
                # "Special Representative of the Secretary-General for Iraq, Mr. Ján Kubiš": what the
                # office is for, and the name comes later
                return self._classify(source, sentence, right, found)
            # "Secretary of State John Kerry and Foreign Minister Sergei Lavrov": two people
            and_at = next((j for j, w in enumerate(right) if w.text == "and"), None)
            if and_at is not None and self._title_in(right[and_at + 1:] + right[-1:]):
                self._classify(source, sentence, right[and_at + 1:], found)
                right = right[:and_at]
            if right and title in self._regnal and right[0] is run[i + n] and (
                    len(right) == 1 or (len(right) == 2 and _REGNAL_NUMBER.fullmatch(right[1].text))):
                # "Pope Francis", "King Salman": a sovereign's name holds the title ("Tawadros II" is known without it too)
                if len(right) == 2:   # (and "Pope Tawadros", the number left out)
                    full = self._name(text, run[i:i + n] + right)
                    found.links.append((full, self._name(text, right), f"title '{title}'"))
                    found.links.append((full, self._name(text, run[i:i + n] + right[:1]), f"title '{title}'"))
                right = run[i:i + n] + right
            elif right and title in self._honorifics and right[0] is run[i + n]:
                # "Mullah Mohammad Omar": a cleric's full name is told with his honorific as often as without
                found.links.append((self._name(text, run[i:i + n] + right), self._name(text, right), f"title '{title}'"))
            if right:
                self._person(source, sentence, right, found, role=title, cue=f"title '{title}'", strength=2)
            return
        if len(run) > 1 and self.lex.is_demonym(run[0].bare) and name_key(self._name(text, run)) not in self.known and (
                not self._org_kind(run) or ARTICLE_PREFIX.match(run[1].text) or (
                    name_key(self._name(text, run[1:])) in self.known)):
            run = run[1:]   # "Kurdish Peshmerga", "the Arab al-Sanadid Forces", "Syrian Islamic State fighters"; not "Syrian Army"
        if len(run) == 1 and run[0].bare in self._national and (service := _SERVICE_AFTER.match(text[run[-1].end:])):
            # "the Iraqi air force", "the Russian navy": a state's armed service (its army is the dictionary's, by country)
            name = f"{run[0].bare} {service.group(1).title()}"
            if name_key(name) not in self.known:
                return found.candidates.append(Candidate(name, "actors", "government body", source, sentence.index,
                                                         f"'{run[0].bare} {service.group(1)}'", 2, start=run[0].start))
        if len(run) == 1 and self.lex.is_demonym(run[0].bare):
            return
        if len(run) > 1 and _AFFILIATION.search(run[0].bare):
            run = run[1:]   # "the al-Qaeda-linked Nusra Front", "the Iran-backed Badr Organization": whose, then the name
        name = self._name(text, run)
        if not name or name.startswith("@"):
            return
        start, end = run[0].start, run[-1].end
        before, after = text[:start], text[end:]
        initial = not text[:start].strip(" “\"‘'([")
        key = name_key(name)
        def add(folder: str, kind: str, cue: str, strength: int = 2, nm: str = name) -> None:
            found.candidates.append(Candidate(nm, folder, kind, source, sentence.index, cue, strength, start=start))
            if folder == "locations":
                self._last_place = (source, sentence.index, end, kind)

        if key in self._vague_places and not re.match(r"^\s+[A-Z]", after):
            return   # ("in the Middle East": no place a briefing has a sheet for)
        if name in self._office_titles:
            return   # ("the Chief of the Defence Staff said": an office, its holder unnamed; no body)
        if self._vessel_before.search(before):
            return   # ("the aircraft carrier Charles de Gaulle": a ship, no person)
        if key not in self.known and self._role_at_before.search(before) and not gazetteer.find(name) \
                and not (len(run) == 1 and run[0].bare in self.lex.org_heads):   # ("an analyst at the Institute")
            # "a researcher at Chatham House", "a contributing editor at Parallax": where a writer's or a scholar's
            # role is held, no place (a commander's or a doctor's may be: "a commander at al-Asad")
            return add("actors", self._org_kind(run) or "other", "a role held at it", 2)
        country = self._formal_country(name) if key not in self.known else None
        if country:   # "the Republic of Angola" is Angola
            found.links.append((name, country, "a country's formal name"))
            return add("locations", "country", "a country's formal name", 2, country)
        shared = _SHARED_SURNAME.match(after) if len(run) == 1 else None
        if shared and run[0].bare in self.lex.given_names and shared.group(2) not in self.lex.given_names \
                and shared.group(2) not in self.lex.place_heads \
                and self.known.get(name_key(shared.group(2)), ("",))[0] != "locations" and not gazetteer.find(shared.group(2)):
            # "the brothers Omar and Abdullah Maute": the first brother's name is his given name and the surname after
            # both (a clan's name may be its group's: the Maute group)
            return add("actors", "person", "'X and Y Surname'", 2, f"{name} {shared.group(2)}")
        if run[0].text == "Operation" and len(run) > 1:
            return add("operations", "operation", "named 'Operation …'", 3)
        if 1 <= (op_at := next((j for j, w in enumerate(run) if w.text == "Operation"), 0)) <= 2 and op_at < len(run) - 1 \
                and not self._org_kind(run) and not any(self.lex.is_demonym(w.bare) or name_key(w.bare) in self.known
                                                        or w.text in self.lex.titles for w in run[:op_at]):
            return add("operations", "operation", "named '… Operation …'", 3)   # "Comprehensive Operation Sinai 2018"
        if run[0].text in ("Battle", "Siege") and len(run) > 2 and run[1].text == "of":
            return add("operations", run[0].text.lower(), f"named '{run[0].text} of …'", 3)
        op_head = (self.lex.raw.get("operation_heads") or {}).get(run[-1].bare)
        if op_head and len(run) > 1 and key not in self.known:
            return add("operations", op_head, f"named '… {run[-1].bare}'", 3)   # "the Anfal Campaign"
        listed_as = self._listed_actor(source, sentence.index, text, before, start) \
            if len(run) <= 3 and not self._org_kind(run) and not self._given_name(run) else None
        if listed_as and key not in self.known:
            self._last_listed = (source, sentence.index, end, listed_as)
            one = self.lex.raw["actor_noun_forms"][listed_as]
            return add("actors", self.lex.raw["actor_nouns"][listed_as], f"'{listed_as}, among them {name}'", 2,
                       f"{name} {one}")
        if len(run) == 2 and run[1].text == "State" and key not in self.known and not self.lex.is_demonym(run[0].bare) \
                and not self._org_kind(run[:1]) and not self._given_name(run) \
                and re.search(r"\b(?:in|of|from|across|near|northern|southern|eastern|western|central)\s+$", before):
            # "Borno State", "Rakhine State": a federal state's name (the Islamic State's first word is a faith's)
            return add("locations", "province", "'… State'", 2)
        body = _PLACE_BODY.match(after)
        if body and len(run) <= 3 and self._place_named(run):
            # "the Anbar provincial council", "the Raqqa civil council": the place's own body
            return add("actors", "government body", f"'{name} {body.group(1)}'", 2, f"{name} {body.group(1).title()}")
        actor_noun = self._actor_noun.match(after) if self._actor_noun else None
        # (not a people's or a place's: "the Palestinian militia", "a Misrata brigade" only say whose)
        if actor_noun and key not in self.known and not self.lex.is_demonym(name) and not gazetteer.find(name):
            noun = actor_noun.group(1)
            of_at = next((j for j, w in enumerate(run) if w.text == "of"), None)
            if of_at and self._org_kind(run[:of_at]):
                # "the Sanadid Forces of the Shammar tribe": a force, and the tribe it belongs to
                self._classify(source, sentence, run[:of_at], found)
                return self._classify(source, sentence, self._without_connectors(run[of_at + 1:]), found)
            one = (self.lex.raw.get("actor_noun_forms") or {}).get(noun, noun)   # ("tribes", "tribal": the tribe)
            if len(run) > 1 and self.lex.org_heads.get(run[-1].bare) and one.islower():
                # "the National Defence Forces militia": named in full already (not "the Democratic Union Party")
                return add("actors", self.lex.raw["actor_nouns"][noun], f"'{name} {noun}'", 2)
            return add("actors", self.lex.raw["actor_nouns"][noun], f"'{name} {noun}'", 2, f"{name} {one}")
        told = self._org_appositive.match(after) if key not in self.known else None
        if told and len(run) <= 5 and not gazetteer.find(name):
            # "Bellingcat, an open-source research collective", "Airwars, a London-based monitor"
            kind = "armed group" if _ARMED.search(told.group(0)) else self._org_nouns[told.group(1).lower()]
            return add("actors", kind, f"'{name}, a {told.group(1).lower()}'", 2)
        told = self._org_before.search(before) if key not in self.known else None
        if told is None and key not in self.known:
            people = self._org_after_people.match(before)
            told = people if people and self.lex.is_demonym(people["people"]) else None
        if told and len(run) <= 5 and not gazetteer.find(name):
            kind = "armed group" if _ARMED.search(told.group(0)) else self._org_nouns[told["noun"]]
            return add("actors", kind, f"'the {told['noun']} {name}'", 2)
        # (the place word may follow an opener: "Great Mosque of Raqqa")
        head = run[1] if len(run) > 2 and run[0].text in self._openers and run[1].text in self._place_first_words else run[0]
        first_place = self._place_first_words.get(head.text)
        # (not a body named after its place: "the Lake Chad Basin Commission"; "the Church of the Holy Cross" is
        # the church's, whatever ends it)
        named_body = len(run) > 2 and run[-1].bare in self.lex.org_heads and not any(w.text == "of" for w in run)
        if first_place and len(run) > 1 and key not in self.known and not named_body:
            return add("locations", first_place, f"place word '{head.text}'", 2)
        place = self._place_by_noun(name, run, after)
        if place and (place[0] != name or place[3]) and re.search(r"\b(?:a|an)\s+$", before, re.I) \
                and (self.known.get(key, ("", ""))[1] in ("city", "town", "country") or gazetteer.find(name)):
            place = None   # "a Manbij restaurant", "an Amman hotel": somewhere in a known town, no place's name
        if place:
            if place[3]:
                found.links.append((place[0], place[3], place[2]))
            return add("locations", place[1], place[2], 2, place[0])
        # "the towns of Anah, Rawa and al-Qaim", "camps in Amriyat al-Fallujah and Habbaniyah"
        last = self._last_place
        appositive_of_role = len(run) > 1 and (
            (re.match(r"^\s*(?:,|\.\s*$)", after) and self._role_of_place_comma.search(before))
            or (re.match(r"^\s+and\s", after) and self._roles_of_places_comma.search(before)))
        if (last and last[:2] == (source, sentence.index) and not self._is_known(key, name) and len(run) <= 3
                and not appositive_of_role and not self._given_name(run) and not self._org_kind(run)
                and not (len(run) == 1 and run[0].bare in self.lex.given_names and not gazetteer.find(name))   # ("Egypt and Jordan, Abdullah in Jordan")
                and not re.match(rf"^\s+{_SPEECH}\b", after)   # ("in Bahrain, Carter said")
                and _LIST_JOINER.fullmatch(text, last[2], start)):
            # ("the provinces of Aleppo, Idlib and Hama": each is a province, named as one)
            province = last[3] == "province" and not PROVINCE_WORD.search(name)
            kind = last[3]
            hit = gazetteer.find(name)
            if kind == "country" and hit and hit.kind == "city":
                kind = "city"   # ("Russia and Damascus say": a capital named for its government is still no country)
            elif hit and hit.kind == "province" and kind in ("city", "town"):
                kind = "province"   # ("Roland, Oklahoma": the state a town is in)
            return add("locations", kind, LISTED_WITH_A_PLACE, 1, f"{name} province" if province else name)

        if self._city_part and key not in self.known and run[-1].possessive and self._city_part.match(after):
            return add("locations", "city", "'…’s old city'", 1)
        fought = self._battle_of.search(before)
        if fought and len(run) <= (3 if fought.group(1) else 1) and key not in self.known and not self.lex.is_demonym(name):
            hit = gazetteer.find(name)   # (what is fought over is a place; the gazetteer may know which: "the battle for Mosul")
            return add("locations", hit.kind if hit else "other", "'battle/siege of …'", 1)
        if len(run) <= 3 and key not in self.known and self._event_after.match(after) and self._the_before.search(before) \
                and run[0].bare not in self._occasions:   # not "the Christmas attack"
            return add("locations", "other", self._NAMED_AFTER, 1)
        listed = self._places_colon.search(before)
        if listed and len(run) <= 3 and key not in self.known:   # "the southern towns: Arbin, Zamalka and ..."
            noun = listed.group(1).lower()
            return add("locations", self.lex.place_of_cues.get(noun) or "other", f"'{noun}: {name}'", 2)
        of_cue = self._place_of.search(before)
        named = re.search(r"\b([A-Z][\w'’-]*)\s+$", before[:of_cue.start()]) if of_cue else None
        if named and named.group(1) not in _DETERMINERS and not self._is_modifier(named.group(1)) \
                and not self.lex.is_demonym(named.group(1)) and self._place_named(run):
            of_cue = None   # "the Sadr City district of Baghdad": the city that holds the district (not "the Aleppo district of Furqan")
        if of_cue and len(run) <= 4:
            kind = self.lex.place_of_cues.get(of_cue.group(1).lower())
            # ("the three provinces of the Kurdistan Region", "the northern districts of Cabo Delgado": a plural before
            # one name is what holds them; before a list, what each is: "the towns of Anah, Rawa and al-Qaim")
            if of_cue.group(1).lower().endswith("s") and not re.match(r"\s*(?:,|and\b|or\b)", after):
                kind = None
            if kind == "province":
                return add("locations", "province", f"'province of {name}'", 2, f"{name} province")
            if kind:
                return add("locations", kind, f"'{of_cue.group(1).lower()} of {name}'", 2)
        appositive = self._place_appositive.match(after)
        if appositive and key not in self.known and len(run) <= 4:
            noun = (appositive.group(1) or "place").lower()
            kind = self.lex.place_of_cues.get(noun) or (self.lex.place_nouns.get(noun) or {}).get("kind") \
                or ("landmark" if noun in self._landmark_appositives else "other")
            return add("locations", kind, f"'{name}, a {noun}'", 2)
        if re.match(r"^,\s+where\b", after) and key not in self.known and len(run) <= 4 and not self._org_kind(run) \
                and re.search(r"\b(?:at|in|near|outside|inside|from|for|into|across|off)\s+(?:the\s+)?"
                              r"(?:(?:north|south|east|west)ern\s+|central\s+)?$", before):
            place_hit = gazetteer.find(name)   # "the Stade de France, where three bombers blew themselves up"
            return add("locations", place_hit.kind if place_hit else "other", "', where' after the name", 2)
        state = _STATE_AFTER.match(after) if key not in self.known and len(run) <= 3 else None
        if state and re.search(r"\b(?:of|from|in|near|outside)\s+$", before) \
                and getattr(gazetteer.find(state.group(1)), "kind", "") == "province":
            return add("locations", "city", f"'{name}, {state.group(1)}'", 2)
        if self._is_known(key, name):
            folder, kind = self.known[key]
            if kind == "person" and len(run) > 1:  # known people still get the role this sentence gives
                return self._person(source, sentence, run, found, cue="known name", strength=3)
            return add(folder, kind, "known name", 3)
        # (three words where a place's whereabouts follow: "in Sesto San Giovanni, near Milan", "at the Promenade
        # des Anglais in Nice")
        if (not initial and (len(run) <= 2 or (len(run) == 3 and _WHEREABOUTS.match(after)))
                and key not in self.known and not run[-1].possessive
                and not any(c.isdigit() for c in name) and not is_acronym(name) and not self.lex.is_demonym(name)
                and name not in self._languages   # ("known in English as")
                and (prep := self._place_preposition.search(before)) and not re.match(r"^\s*[A-Z(]", after)
                and not (prep.group("taking") and _NOUN_AFTER.match(after))   # ("took the Maskanah silos")
                and not self._machine_after.match(after)
                and not self._org_kind(run)   # ("a research associate at the Halberd Institute")
                and not (len(run) == 1 and run[0].bare in self.lex.org_heads)):   # (", an analyst at the Institute")
            place_hit = gazetteer.find(name)
            # (its last word may say what kind of place: "seized the Qarabel Dam")
            head = self.lex.place_heads.get(run[-1].bare) if len(run) > 1 else None
            return add("locations", place_hit.kind if place_hit else head or "other", "a preposition of place", 1)
        if self._is_person(run, before, after):
            return self._person(source, sentence, run, found, cue=self._person_cue, strength=2)
        if len(run) == 1 and not run[0].possessive and (self._kin_before and self._kin_before.search(before) or (
                run[0].bare in self.lex.given_names and (self._role_after.match(after)
                                                         or re.search(r"\b(?:named|called)\s+$", before)))):
            # a first name alone, where the text says who it is ("said Layla, a teacher in the camp", "a teacher
            # named Hamid", "his brother Brahim"): a person, though the gazetteer knows towns so named
            return self._person(source, sentence, run, found, cue=_GIVEN_AS, strength=2)
        org = self._org_kind(run) or ((self.lex.raw.get("org_first_words") or {}).get(run[0].bare)
                                       if len(run) > 1 else None)
        if org:
            return add("actors", org, f"organisation word '{self._head(run)}'", 2)
        head_place = self.lex.place_heads.get(run[-1].bare)
        if head_place and len(run) > 1:
            return add("locations", head_place, f"place word '{run[-1].bare}'", 2)
        place_hit = gazetteer.find(name)
        gerund = initial and len(run) == 1 and name.endswith("ing") and re.match(r"^\s+[a-z]", after)   # "Reading a statement"
        if place_hit and not gerund and name not in self._occasions and \
                not (initial and len(run) == 1 and place_hit.kind == "city" and place_hit.population < 100_000):
            return add("locations", place_hit.kind, "gazetteer", 1)
        if len(run) == 1 and not is_acronym(name):
            someone = _AGE_AFTER.match(after) or re.match(r"^\s*,\s+who\b", after) \
                or (run[0].possessive and self._kin_after.match(after))
            found.candidates.append(Candidate(name, None, None, source, sentence.index,
                                              _TOLD_OF_AS_SOMEONE if someone else "single word", 0, short_form=True))
            return
        if not initial or len(run) > 1:
            found.candidates.append(Candidate(name, None, None, source, sentence.index, "capitalised name", 0))

    def _adverb_opener(self, run: list[_Word]) -> bool:
        """An adverb that opens the sentence ("Mostly Yazidis, ...", "Reportedly Kurdish forces", "Unusually, the city's"):
        a capitalised word in -ly that no name, place or known word explains (not Italy, Kelly or Beverly)."""
        word = run[0].text
        return (run[0].start == 0 and len(word) > 4 and word.endswith("ly") and word[1:].islower()
                and word not in self.lex.given_names and name_key(word) not in self.known and gazetteer.find(word) is None)

    def _is_modifier(self, word: str) -> bool:
        """Britain-based, Arab-Kurdish, US-led: a hyphenated modifier before a name, not part of it."""
        parts = word.split("-")
        if len(parts) < 2 or ARTICLE_PREFIX.match(word):
            return False
        # (not "Saint-Étienne-du-Rouvray" nor "Jamaat-ul-Mujahideen": a particle inside is the name's; but
        # "Commander-in-Chief" is no name)
        return (parts[-1].islower() or any(p.islower() and p not in _NAME_PARTICLES for p in parts[1:-1])) \
            or all(self.lex.is_demonym(p) for p in parts)

    def _name(self, text: str, run: list[_Word]) -> str:
        name = text[run[0].start:run[-1].end]
        if run[-1].possessive:
            name = _POSSESSIVE.sub("", name)
        return name.strip(" -–’'")

    def _title_in(self, run: list[_Word]) -> tuple[int, int, str] | None:
        texts = [w.bare.rstrip(".") for w in run]
        for i, word in enumerate(texts):
            for title, clean in self._titles_by_first.get(word, ()):   # longest first
                if texts[i:i + len(clean)] == clean and i + len(clean) < len(run):
                    return i, len(clean), title
        return None

    def _head(self, run: list[_Word]) -> str:
        words = [w.bare for w in run]
        for i, word in enumerate(words):
            if word in ("of", "for") and i > 0:
                return words[i - 1]
        return words[-1]

    def _org_kind(self, run: list[_Word]) -> str | None:
        if len(run) < 2:
            return None
        return self.lex.org_heads.get(self._head(run)) or self.lex.org_heads.get(run[-1].bare)

    def _listed_actor(self, source: str, index: int, text: str, before: str, start: int) -> str | None:
        """The noun of a list of actors this name opens or goes on ("tribes, among them the Walda, the Afadla")."""
        opened = self._actors_listed.search(before) if self._actors_listed else None
        if opened:
            return opened.group(1).lower()
        last = self._last_listed
        if last and last[:2] == (source, index) and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?",
                                                                 text[last[2]:start]):
            return last[3]
        return None

    def _place_by_noun(self, name: str, run: list[_Word], after: str) -> tuple[str, str, str, str | None] | None:
        """(name, kind, cue, alias) of a place a lowercase noun after it types. With `keep: alias` the noun is in an
        alias only: outlets write "the Kaluga region" and "Tarn region" for what others call Kaluga Oblast and Tarn."""
        if run[-1].possessive:
            return None   # "Mosul's bridges" are not a place called "Mosul bridge"
        if self.known.get(name_key(name), ("",))[0] == "actors":
            return None   # "a Daech training camp", "the Peshmerga base": whose place, not its name
        m = self._place_after.match(after)
        shared = None if m else self._shared_noun.match(after)
        if shared:   # "the Khazir and Hasansham camps": Khazir camp
            spec = self.lex.place_nouns[shared.group(1)]
            full = f"{name} {shared.group(1)}" if spec.get("keep") is True else name
            return full, spec["kind"], f"'{name} … {shared.group(1)}s'", None
        if not m:
            return None
        middle, noun = m.group(1).strip(), m.group(2)
        # ("Survivors described crossing minefields": a verb between is no part of a place's name)
        if middle and any(w in _NOT_IN_A_PLACE_NAME or (w.islower() and w.endswith("ed")) or w in _IRREGULAR_PAST
                          for w in middle.split()):
            return None   # (nor "if Russia struck areas where ...", nor "in Karamles this quarter")
        spec = self.lex.place_nouns[noun]
        if noun in ("city", "town", "village") and middle:
            return None
        if not middle and f"{name} {noun}".lower() in self.lex.place_nouns:
            return None   # ("Air base under fire": the noun "air base", no place called Air)
        town = self.known.get(name_key(name), ("", ""))[1] in ("city", "town")
        if m.group(3) and (town or gazetteer.find(name)):
            return None   # "hundreds of Baghdad checkpoints": the city's, not a place of that name
        if noun == "district" and not middle and town:
            return f"{name} District", "district", f"'{name} district' of a known town", None   # Sinjar District
        city = town or _CITY_SIZE <= getattr(gazetteer.find(name), "population", 0)
        if middle and spec["kind"] == "district" and city:
            return None   # ("the Baghdad shopping district of Karrada": a district of the city, not the city)
        # (the words before "district" describe it: "the Karrada shopping district" is Karrada; those before
        # "area" may name it: "the Edkhar military housing area")
        if noun == "valley" and run[-1].bare == "River":
            name = name.rsplit(" ", 1)[0]   # ("the Euphrates River valley" is the Euphrates valley)
        described = "" if noun.startswith("district") else middle
        if spec.get("keep") == "alias" and spec["kind"] == "landmark" and city:
            return None   # ("the 2005 Amman hotel bombings": hotels in the city, not the city; but "the Reina nightclub")
        if spec.get("keep") == "alias":   # ("the Beşiktaş football stadium" is also Beşiktaş)
            return name, spec["kind"], f"'{name} {noun}'", " ".join(p for p in (name, described, noun) if p)
        full = " ".join(p for p in (name, described, noun if spec.get("keep") is True else "") if p)
        return full, spec["kind"], f"'{name} {noun}'", None

    _person_cue = ""

    def _is_person(self, run: list[_Word], before: str, after: str) -> bool:
        words = [w.bare for w in run]
        if any(w.isupper() and len(w) > 1 for w in words) or any(c.isdigit() for w in words for c in w):
            return False
        if self._org_kind(run) or self.lex.place_heads.get(words[-1]):
            return False
        head = self._head(run)
        if (head in self._titles_alone or head.lower() in self.lex.role_nouns) and words[0] not in self.lex.given_names:
            # "the Interior Minister said", "the National Police Chief", "Head of Mission": an office, no name (but
            # "Julie Bishop")
            return False
        if re.search(r"\b(?:in|across|throughout|around)\s+the\s+$", before, re.I) or self._role_next.match(after):
            # ("operations in the Middle East, said ...": no one is in the X; "the deputy Middle East director at
            # Human Rights Watch": the words before a role say what it covers)
            return False
        if words[0] in self.lex.name_prefixes and len(words) > 1 and gazetteer.find(" ".join(words)) is None:   # (Abu Dhabi)
            self._person_cue = f"name prefix '{words[0]}'"
            return True
        # "who gave his name as Heval Zagros", "identified only as Jihan"; a word alone only where the text says
        # it is all the name given (not "men identified as Shi'a")
        given = _INTRODUCED.search(before)
        if given and len(words) <= 4 and (len(words) > 1 or not given.group("weak")):
            self._person_cue = _GIVEN_AS
            return True
        if len(words) < 2 or len(words) > 4:
            return False
        if re.match(r"^\s*,\s+who\b", after):
            self._person_cue = "'who' after the name"   # "among them Shamima Begum, who left London at 15"
            return True
        if re.match(r"^\s*,\s+(?:a|an|the)\s+\d{1,2}-year-old(?:\s*[,.;]|\s+(?:from|of|who|man|woman|boy|girl)\b)", after):
            self._person_cue = "age after the name"   # "Reyaad Khan, a 21-year-old from Cardiff"
            return True
        if _AGE_BEFORE.search(before) and re.match(r"^\s*[,.;]", after):
            self._person_cue = "age before the name"
            return True
        # ("two British members, Alexanda Kotey and El Shafee Elsheikh, ...": a pair after a plural)
        if re.match(r"^\s*(?:,|\.\s*$|and\s+[A-Z])", after) and self._role_comma_before.search(before):
            self._person_cue = "role before the name, set off by commas"
            return True
        if self._role_before.search(before):
            self._person_cue = f"role '{self._role_before.search(before).group(1)}' before the name"
            return True
        if re.search(r"\b(?:chaired|headed|founded|commanded)\s+by\s+$", before) and not self._org_kind(run):
            self._person_cue = "'chaired by' before the name"   # "chaired by Paulo Sérgio Pinheiro"
            return True
        if re.search(r"\b(?:the\s+)?late\s+$", before):
            self._person_cue = "'the late' before the name"   # "a son of the late Jalal Talabani"
            return True
        if _AGE_AFTER.match(after):
            self._person_cue = "age after the name"   # "Fadi Haddad, 29, a volunteer"
            return True
        for pattern in (self._role_after, self._role_is):
            m = pattern.match(after)
            # (a plural is no one's apposition, unless one of them: "In Tuz Khurmatu, Kurdish residents said",
            # but "Hamid Kasem, one of the residents")
            if m and m.group(0).endswith("s") and not m.group(0).endswith(m.group(1)) and " of " not in m.group(0) \
                    and not re.search(r"\band\s+$", before):   # (but "A and B, two British members")
                m = None
            if m:
                self._person_cue = f"role '{m.group(1)}' after the name"
                return True
        if re.search(rf"\b{_SPEECH}\s+$", before) or re.match(rf"^\s*,?\s+{_SPEECH}\b", after):
            self._person_cue = "speech verb"
            return True
        harmed = "'was killed' after the name" if _HARMED_AFTER.match(after) else \
            "'killed' before the name" if _HARMED_BEFORE.search(before) else None
        if harmed and not any(self.lex.is_demonym(w) or w in self.lex.stopwords for w in words) \
                and not _NUMBER_WORD.match(words[0]):
            self._person_cue = harmed   # "after Hakimullah Mehsud was killed in a drone strike"
            return True
        if self._given_name(run):
            self._person_cue = f"given name '{words[0]}'"   # "Dalia Mansour in Beirut"
            return True
        return False

    def _given_name(self, run: list[_Word]) -> bool:
        """A run of two words or more opened by a given name, and no place the gazetteer knows."""
        return len(run) > 1 and run[0].bare in self.lex.given_names and not gazetteer.find(" ".join(w.text for w in run))

    def _person(self, source: str, sentence: Sentence, run: list[_Word], found: Discovery, *,
                role: str | None = None, cue: str = "", strength: int = 2) -> None:
        name = self._name(sentence.text, run)
        after = sentence.text[run[-1].end:]
        m = self._role_after.match(after) or self._role_is.match(after)
        role_text = role
        if m:
            tail = after[m.start(1):]
            role_text = re.split(r"[,;.]\s|\s(?:said|says|told)\b", tail, maxsplit=1)[0].strip()
            role_text = (after[:m.start(1)].split(",", 1)[-1].strip() + " " + role_text).strip()
            role_text = re.sub(r"^(?:who\s+(?:is|was)\s+|is\s+|was\s+)", "", role_text).rstrip(".")
        elif role is None:
            b = self._role_before.search(sentence.text[:run[0].start])
            if b:
                prefix = sentence.text[:run[0].start].rstrip()
                words = prefix.split()[-3:]
                while words and words[0].lower() in _FUNCTION_WORDS:
                    words.pop(0)
                role_text = " ".join(words) or None
        found.candidates.append(Candidate(name, "actors", "person", source, sentence.index, cue, strength,
                                          role=role_text, short_form=len(run) == 1 and cue != _GIVEN_AS,
                                          start=run[0].start))

    def _surnames(self, found: Discovery) -> None:
        """Within one article, a lone surname after the full name is the same person."""
        told = {surname_form(c.name) for c in found.candidates if c.cue == _TOLD_OF_AS_SOMEONE}
        for cand in found.candidates if told else ():
            words = cand.name.split()
            if cand.folder is None and 2 <= len(words) <= 4 and surname_form(cand.name) in told \
                    and not any(w.isupper() for w in words) and not words[0].endswith("ing"):   # (not "Killing Emwazi")
                cand.folder, cand.kind, cand.strength = "actors", "person", 2
                cand.cue = f"its last word '{words[-1]}' is told of as someone"
        people = [c for c in found.candidates if c.kind == "person" and not c.short_form]
        by_last: dict[str, set[str]] = {}
        by_first: dict[str, set[str]] = {}
        for person in people:
            if " " in person.name:
                by_last.setdefault(name_key(person.name.split()[-1]), set()).add(person.name)
                by_first.setdefault(name_key(person.name.split()[0]), set()).add(person.name)
        for cand in found.candidates:
            # (a name given alone, "identified only as Emwazi", is still the surname of a man named in full here)
            if len(cand.name.split()) != 1 or (cand.kind == "person" and not cand.short_form and cand.cue != _GIVEN_AS) \
                    or cand.strength >= 3:
                continue
            if cand.folder == "locations" and cand.cue != "gazetteer":
                continue  # "arrived from Afrin": the text says it is a place  # a one-word name; the person named in full here beats the gazetteer
            full = {p for p in by_last.get(name_key(cand.name), ()) if surname_form(p) == surname_form(cand.name)}
            first = by_first.get(name_key(cand.name), set()) if cand.cue == _GIVEN_AS else set()
            if len(full) == 1:
                (person,) = full
                found.links.append((person, cand.name, "surname of a person named in the article"))
                cand.folder, cand.kind, cand.strength, cand.short_form = "actors", "person", 2, True
                cand.cue = f"surname of {person}"
            elif len(first) == 1:   # ("Khalid el-Bakraoui ... his brother Khalid"; "said Tara, a reporter")
                found.links.append((first.pop(), cand.name, "first name of a person named in the article"))
                cand.short_form = True
        # "Najm al-Jubouri" after "Najm Abdullah al-Jubouri", "Abu Khawla" after "Ahmed Abu Khawla":
        # a two-word name inside the one longer name of a person here is that person
        longer = [p.name for p in people if len(p.name.split()) >= 3]
        for cand in people:
            words = cand.name.split()
            if len(words) != 2 or cand.short_form:
                continue
            key = name_key(cand.name)
            fuller = {p for p in longer if (p.split()[0] == words[0] and surname_form(p) == surname_form(cand.name))
                      or name_key(p).endswith(" " + key)}
            if len(fuller) == 1:
                found.links.append((fuller.pop(), cand.name, "a shorter name of a person named in the article"))
                cand.short_form = True

    @staticmethod
    def _whole_operation_names(found: Discovery) -> None:
        """"Operation Labeik", cut short at a word in lower case, where the sentence names the whole
        "Operation Labeik ya Rasool Allah": one name, the whole one."""
        ops = {(c.sentence, c.name) for c in found.candidates if c.folder == "operations"}
        if len(ops) > 1:
            found.candidates = [c for c in found.candidates if c.folder != "operations" or not any(
                sentence == c.sentence and name.startswith(c.name + " ") for sentence, name in ops)]

    def _short_organisation_names(self, found: Discovery) -> None:
        """"the Halberd Institute" after "the Halberd Institute for Security Studies": an organisation's
        name without what it is for or of, where the article names one such organisation."""
        orgs = {c.name for c in found.candidates if c.folder == "actors" and c.kind != "person"}
        fuller: dict[str, set[str]] = defaultdict(set)   # "Halberd Institute" -> {"Halberd Institute for ..."}
        for org in orgs:
            for m in re.finditer(r"\s+(?:for|of)\s+(?=[A-Z])", org):
                fuller[org[:m.start()]].add(org)
        for name in sorted(n for n in orgs if len(fuller.get(n, ())) == 1):
            if len(name.split()) >= 2 and self._org_kind([_Word(0, 0, w) for w in name.split()]) \
                    and name_key(name) not in self.known:
                found.links.append((next(iter(fuller[name])), name, "a shorter name of an organisation named in the article"))

    _NAMED_AFTER = "'the … bombing'"

    def _named_after(self, found: Discovery) -> None:
        """"The Speicher massacre" in an article that names Camp Speicher (or "Speicher base") is
        named after that place: the only one here whose name is this one and a word or two more
        (unless the name is a town of its own)."""
        places = {c.name for c in found.candidates if c.folder == "locations" and c.cue != self._NAMED_AFTER}
        for cand in found.candidates:
            if cand.cue != self._NAMED_AFTER or gazetteer.find(cand.name):
                continue   # (the Brussels attacks were in Brussels, not at Brussels airport)
            key = name_key(cand.name)
            fuller = {p for p in places if (k := name_key(p)) != key and
                      (k.startswith(key + " ") or k.endswith(" " + key)) and len(k.split()) - len(key.split()) <= 2}
            if len(fuller) == 1:
                found.links.append((fuller.pop(), cand.name, "an attack named after the place"))
                cand.short_form = True

    _BUILT = {"camp", "landmark", "base", "dam", "prison"}

    def _short_places(self, found: Discovery) -> None:
        """"Mar Elian" in an article about the Mar Elian monastery is the monastery: a place the text
        gives no kind of its own, that no gazetteer knows, beside the one camp, base or building here
        whose name is its name and one word more; "the Abdulaziz area" beside the one Mount Abdulaziz here."""
        built = [c for c in found.candidates if c.folder == "locations" and c.kind in self._BUILT]
        mountains: dict[str, set[str]] = defaultdict(set)
        for c in found.candidates:
            if c.folder == "locations" and (core := mountain_core(c.name)):
                mountains[name_key(core)].add(c.name)
        for cand in found.candidates:
            if cand.folder != "locations" or cand.kind not in ("other", "district") or cand.short_form \
                    or name_key(cand.name) in self.known or gazetteer.find(cand.name):
                continue
            key = name_key(cand.name)
            fuller = {c.name for c in built if (k := name_key(c.name)).startswith(key + " ") and len(k.split()) == len(key.split()) + 1} \
                if cand.kind == "other" else set()
            fuller = fuller or mountains.get(key, set())
            if len(fuller) == 1:
                found.links.append((fuller.pop(), cand.name, "a place named for short"))
                cand.short_form = True

    # -- definitions: acronyms, glosses, "also known as" -------------------------------------
    _ACRONYM_AFTER = re.compile(r"([A-Z][\w’'.\-]*(?:\s+(?:of|for|the|and|in|al|–|-|[A-Z][\w’'.\-]*|(?:a[dlnrstz]|e[dlnrsz]|ash)-[A-Z][\w’'.\-]*))*(?:\s+party)?)\s+\(\s*([A-Z][A-Z.]{1,9}(?:\s*[–-]\s*[A-Z]{2,6})?)\s*\)")
    _SLASH_PAIR = re.compile(r"\b([A-Z][\w]*)['’]s/([A-Z][\w]*)['’]s\s+((?:[A-Z][\w]*\s?)+)\(([A-Z]{2,6})/([A-Z]{2,6})\)")
    _OR_GLOSS = re.compile(r"\b([A-Z][\w’'.\-]*(?:\s+(?:al|of|the|[A-Z][\w’'.\-]*))*)\s+\((?:or|also|aka|also known as|formerly)\s+[“\"]?([^()”\"]{2,60}?)[”\"]?\)")
    _DASH_GLOSS = re.compile(r"\b([A-Z][\w’'.\-]*(?:\s+(?:al|of|the|[A-Z][\w’'.\-]*))*)\s+\(([A-Z][^()–]{2,50}?)\s+[–-]\s+[^()]{1,20}\)")
    _BRACKET_GLOSS = re.compile(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*)\s+\[(?:the\s+)?([A-Z][^\[\]]{1,60}?)\]")
    _AKA = re.compile(r"([A-Z][\w’'.\-]*(?:\s+(?:(?:al|el|an|ar|as|ash|az|ad)-[\w’'.\-]+|al|of|the|[A-Z][\w’'.\-]*))*(?:\s+(?:air\s+base|base|camp|dam|"
                      r"district|airport|prison|bridge))?),?\s+(?:(?:better|best|widely|commonly|popularly|locally)\s+)?(?:also known as|formerly known as|known(?:\s+(?:to|until|till|before)\s+[\w.\s]{1,30}?)?\s+as|formerly|under the nom de guerre|nom de guerre|alias|(?:also\s+)?(?:spelt|spelled|written|transliterated)(?:\s+as)?|(?:who|which)\s+calls?\s+(?:themselves|itself)|(?:then\s+(?:still\s+)?|once\s+|now\s+|previously\s+)called)\s+(?:the\s+)?[“\"]?([A-Z][\w’'.\- ]{1,60}?)[”\"]?(?=[,.;)]|\s+(?!(?:al|el|ad|ar|as|ash|az|an)-|bin\b|ibn\b|of\b)[a-z])")

    _WORD = r"(?:(?:al|el|an|ar|as|ash|az|ad)-[\w’'.\-]+|[A-Z][\w’'.\-]*)"
    _PAREN_NAME = re.compile(rf"([A-Z][\w’'.\-]*(?:\s+(?:of|the|for|and|{_WORD}))*)\s+\(\s*({_WORD}(?:\s+(?:of|the|{_WORD})){{0,5}})"
                             rf"\s*(?:,\s*[A-Z]{{2,6}}\s*)?\)")   # "(Jaysh Rijal al-Tariqa al-Naqshbandiya, JRTN)"

    def _gloss_names_one(self, left: str, right: str) -> bool:
        """Whether a name and its gloss in brackets name one organisation: one side a known
        organisation and the other a name that is no place, title, demonym or number ("the Popular
        Mobilisation (al-Hashd al-Shaabi)", not "Raqqa (Syria)", "the army (9th Division)",
        "al-Abadi (Prime Minister)"), or, neither known, a translation ("the Naqshbandi Army (Jaysh
        Rijal al-Tariqa al-Naqshbandiya)")."""
        known = [self.known.get(name_key(n)) for n in (left, right)]
        if self._kunya_and_name(left, right) or self._kunya_and_name(right, left):
            return all(k is None or k[1] == "person" for k in known)   # "Abu Omar al-Shishani (Tarkhan Batirashvili)"
        if not any(known):
            firsts = self.lex.raw.get("org_first_words") or {}
            return any(a.split()[0] in firsts and self._org_kind(_words(b)) is not None
                       for a, b in ((left, right), (right, left)))
        if sum(k is not None for k in known) != 1:
            return False
        folder, kind = next(k for k in known if k is not None)
        other = right if known[0] is not None else left
        return (folder == "actors" and kind != "person" and not any(c.isdigit() for c in other)
                and not self.lex.is_demonym(other) and other not in self.lex.titles
                and not self._title_in(_words(other)) and gazetteer.find(other) is None)

    def _kunya_and_name(self, kunya: str, name: str) -> bool:
        """A nom de guerre ("Abu ...") and a name opened by a given name: one man's two names."""
        first, words = kunya.split()[0], name.split()
        return first in KUNYA and 2 <= len(words) <= 4 and words[0] in self.lex.given_names

    def _definitions(self, source: str, sentence: Sentence, found: Discovery) -> None:
        text = sentence.text
        for m in self._PAREN_NAME.finditer(text):
            left, right = self._trim_expansion(m.group(1), keep_possessive=True), m.group(2)
            if is_acronym(right) or is_acronym(left):
                continue   # "Syrian Democratic Forces (SDF)": an acronym's definition (above)
            if left and left != right and self._gloss_names_one(left, right):
                found.links.append((left, right, "gloss in brackets"))
        for m in self._SLASH_PAIR.finditer(text):
            tail = m.group(3).strip()
            for word, acronym in ((m.group(1), m.group(4)), (m.group(2), m.group(5))):
                found.links.append((f"{word}’s {tail}", acronym, "slash-paired acronym definition"))
        for m in self._ACRONYM_AFTER.finditer(text):
            expansion, acronym = self._trim_expansion(m.group(1)), m.group(2)
            if not re.search(r"[–-]", acronym):   # "KOBANI, Rojava – Kurdish People's Protection Units (YPG)"
                expansion = self._trim_expansion(re.split(r"\s+[–-]\s+", expansion)[-1])
            paired = re.fullmatch(r"(?:[Tt]he\s+)?([A-Z][a-z]+)\s+and\s+([A-Z][a-z]+)\s+([A-Z][a-z]+)", expansion)
            if " and " in expansion and not self._initials_fit(expansion, acronym) \
                    and not (paired and self._pair_named(*paired.groups())):   # ("Justice and Development Party (AKP)")
                # "the United Nations Food and Agriculture Organization (FAO)": the words the initials spell;
                # else, "the al-Sanadid Forces and the Syriac Military Council (MFS)": the last name only
                words = expansion.split()
                fits = next((" ".join(words[k:]) for k in range(1, len(words) - 2)
                             if words[k][:1].isupper() and self._initials_fit(" ".join(words[k:]), acronym)), None)
                expansion = fits or self._trim_expansion(re.split(r"\s+and\s+", expansion)[-1])
            owned = re.split(r"\S+['’]s\s+", expansion)[-1]
            if owned != expansion and len(owned.split()) >= 2 and self._initials_fit(owned, acronym):
                expansion = owned   # "Khalifa Hafter's Libyan National Army (LNA)": the army, not its owner
            if expansion and self._acronym_fits(expansion, acronym):
                found.links.append((expansion, acronym, "acronym definition"))
                if len(expansion.split()) >= 2 and name_key(expansion) not in self.known:
                    # a defined acronym names an organisation unless a stronger cue says otherwise
                    found.candidates.append(Candidate(expansion, "actors", "other", source, sentence.index,
                                                      f"acronym definition ({acronym})", 1))
        for pattern, reason in ((self._OR_GLOSS, "gloss in brackets"), (self._DASH_GLOSS, "gloss in brackets"),
                                (self._BRACKET_GLOSS, "bracketed gloss"), (self._AKA, "'also known as'")):
            for m in pattern.finditer(text):
                left, right = self._trim_expansion(m.group(1)), m.group(2).strip(" “”\"'-–—")   # ("X - said")
                right = _POSSESSIVE.sub("", right).strip()
                left = _POSSESSIVE.sub("", left).strip()
                if pattern is self._AKA and text[m.end(1):m.end(1) + 1] != "," and re.search(r"\bof\s+$", text[:m.start(1)]):
                    continue   # "the commander of Liwa al-Tawhid known to everyone as 'Hajji Marea'": the commander is so known
                if pattern is self._AKA:
                    left = self._without_title(left)   # ("Major Jahidul Islam, known as Murad": the man, not his rank)
                if left and right and right[0].isupper() and left != right:
                    found.links.append((left, right, reason))

    def _without_title(self, name: str) -> str:
        for title in self.lex.titles:   # (longest first)
            if name.startswith(title + " ") and len(name.split()) - len(title.split()) >= 2:
                return name[len(title) + 1:]
        return name

    def _trim_expansion(self, text: str, keep_possessive: bool = False) -> str:
        """The name in front of a bracket: without the words before it (the, a demonym, US-led) and,
        unless `keep_possessive` (a gloss: "People's Protection Units"), a possessor ("the KRG's
        Joint Crisis Coordination Centre")."""
        words = text.split()
        if len(words) > 1 and re.search(r"['’]s$", words[0]) and not keep_possessive:
            words = words[1:]
        while words and (words[0] in self.lex.stopwords or words[0][:1].islower() or self._is_modifier(words[0])
                         or self.lex.is_demonym(words[0].rstrip("’'s"))):
            if len(words) > 1 and self.lex.is_demonym(words[0]) and (
                    name_key(" ".join(words)) in self.known or words[-1] in self.lex.org_heads):
                break   # "Norwegian Refugee Council": the demonym is part of the name
            words.pop(0)
        return " ".join(words)

    def _initials_fit(self, expansion: str, acronym: str) -> bool:
        letters = "".join(c for c in acronym if c.isalpha())
        words = [w for w in re.split(r"[\s\-–/]+", expansion) if w and w[0].isupper()]
        return letters == "".join(w[0] for w in words)

    def _acronym_fits(self, expansion: str, acronym: str) -> bool:
        letters = [c for c in acronym if c.isalpha()]
        words = [w for w in re.split(r"[\s\-–/]+", expansion) if w and w[0].isupper()]
        initials = "".join(w[0] for w in words)
        if "".join(letters) == initials or "".join(letters) in initials:
            return True
        # an acronym from another language (Doctors Without Borders (MSF)): accept when the
        # expansion reads as an organisation's name and the acronym is not a known other thing
        key = name_key(acronym)
        known = self.known.get(key)
        heads = self.lex.org_heads
        return len(words) >= 2 and (words[-1] in heads or known is None) and len(letters) >= 2 and \
            not gazetteer.find(expansion)

    _CREDIT = re.compile(r"\b(Reporting|Writing|Additional reporting|Editing|Compiled|Written|Reported)\s+by\s+"
                         r"([A-Z][^;()]*?)(?=;|\)|$)")

    # "Associated Press writers A in Cairo and B in Tripoli contributed to this report."
    _CONTRIBUTED = re.compile(r"\b(writers?|reporters?|correspondents?|journalists?)\s+([A-Z][^;()]*?)\s+contributed\b")

    # "Hamdan reported from Misrata and Dubois from Tunis.", "Khalil reported from south of Mosul and Parrish
    # from Baghdad.": the byline's reporters, by surname
    _REPORTED_FROM = re.compile(r"\b([A-Z][\w'’-]+)\s+reported\s+from\s+(?:(?:north|south|east|west)\w*\s+of\s+)?"
                                r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
                                r"(?:,?\s+and\s+([A-Z][\w'’-]+)\s+from\b)?")

    # "Jane Doe contributed reporting from Beirut.", "– with reports from Jane Doe/Outlet"
    _CONTRIBUTOR = re.compile(r"(?:^|[.;]\s+)([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+contributed\s+"
                              r"(?:reporting|research|to\s+this)\b"
                              r"|\bwith\s+(?:additional\s+)?reports?\s+from\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
                              r"(?=\s*(?:/|,|;|\)|\.?$)|\s+(?:and|in)\b)")

    def _credits(self, source: str, sentence: Sentence, found: Discovery) -> None:
        """Wire credit lines: "(Reporting by A and B in Beirut; Editing by C)" name the authors."""
        for m in self._CONTRIBUTOR.finditer(sentence.text):
            found.candidates.append(Candidate(m.group(1) or m.group(2), "actors", "person", source, sentence.index,
                                              "credit line", 2, role="author"))
        for m in self._REPORTED_FROM.finditer(sentence.text):
            for name in filter(None, m.groups()):
                found.candidates.append(Candidate(name, "actors", "person", source, sentence.index,
                                                  "a reporter's surname", 2, role="author", short_form=True))
        for m in [*self._CREDIT.finditer(sentence.text), *self._CONTRIBUTED.finditer(sentence.text)]:
            role = "editor" if m.group(1).lower() == "editing" else "author"
            for name in re.split(r",\s*|\s+and\s+", m.group(2)):
                name = re.sub(r"\s+in\s+[A-Z].*$", "", name.strip())   # "A in Beirut and B in Qamishli"
                if 2 <= len(name.split()) <= 4 and all(w[:1].isupper() for w in name.split()):
                    found.candidates.append(Candidate(name, "actors", "person", source, sentence.index,
                                                      "credit line", 2, role=role))

    _NOM = re.compile(r"\b(?:(?:under|by|with|uses|used|using)\s+the\s+(?:nom de guerre|alias|pseudonym|code name|name)|"
                      r"(?:whose|his|her)\s+real\s+name\s+(?:was|is))\s+"   # ("Abu Khaled, whose real name was ...")
                      r"[“\"]?([A-Z][\w’'\-]*(?:\s+(?:al-|bin\s+)?[A-Z][\w’'\-]*){0,3})"
                      # ("al-Muhandis ... was born Jamal Jaafar Ibrahim in Basra": a birth name is two words or more)
                      r"|\b(?:was|were)\s+born\s+([A-Z][\w’'\-]*(?:\s+(?:al-|bin\s+)?[A-Z][\w’'\-]*){1,3})")

    def _nom_de_guerre(self, sentence: Sentence, found: Discovery) -> None:
        """"X, the commander who led ... under the nom de guerre Y": Y is another name of X."""
        for m in self._NOM.finditer(sentence.text):
            people = [c for c in found.candidates if c.sentence == sentence.index and c.kind == "person"
                      and 0 <= c.start < m.start() and c.source == found_source(found)]
            name = m.group(1) or m.group(2)
            if people:
                found.links.append((people[-1].name, name, "nom de guerre"))
                found.candidates = [c for c in found.candidates
                                    if not (c.sentence == sentence.index and c.name == name)]

    # (the name's words in capitals: "an operation named Wrath of Euphrates to isolate the city")
    # ("a wave of strikes on targets in Syria that Amman called "Martyr Muath"": strikes in the same clause, and
    # named, not "known as": "an air strike killed X, known as Abu Y")
    _DUBBED = re.compile(r"\b(?:(?i:operation|offensive|campaign|assault|battle)s?\b[^.;]{0,40}?\b(?i:named|dubbed|called|"
                         r"code-?named|known\s+as)|(?i:(?:air\s*)?strikes?|raids?)\b[^.;,]{0,60}?\b(?i:named|dubbed|called|code-?named))"
                         r"\s+[“\"‘']?((?:[A-Z][\w’'-]*|of|the|al-\w+)"
                         r"(?:\s+(?:[A-Z][\w’'-]*|of|the|ya|wa|[ae]l-[\w’'-]+)){1,5})")   # ("Labaik ya Hussein", "Fajr al-Jurud")

    _DATELINE = re.compile(r"^([A-Z][A-Z .'\-]{2,30})(?:,\s*[A-Z][A-Za-z ]+)?\s*(?:\([^)]*\))?\s*[:—–-]\s")

    _NEAR_PLACE = re.compile(r"^(?:NEAR|OUTSIDE|(?:NORTH|SOUTH|EAST|WEST)(?:-?(?:EAST|WEST))?\s+OF)\s+(?=\S)")

    _SPEAKER = re.compile(r"^([A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){1,3}):\s")

    def _transcript_speakers(self, source: str, sentences: list[Sentence], found: Discovery) -> set[str]:
        """A transcript's speaker labels ("DANA WHITFIELD: ..." opening two turns or more) are people,
        not datelines ("BEIRUT: ..." opens one paragraph)."""
        labels = Counter(m.group(1) for s in sentences if s.index >= 0 and (m := self._SPEAKER.match(s.text)))
        turns = Counter()   # by surname: "CAPTAIN JEFF DAVIS" once, then "CAPT. DAVIS" is one speaker
        for label, n in labels.items():
            turns[label.split()[-1]] += n
        speakers = {label for label in labels if turns[label.split()[-1]] >= 2}
        titles = self._folded_titles
        for sentence in sentences:
            m = self._SPEAKER.match(sentence.text) if sentence.index >= 0 else None
            if not m or m.group(1) not in speakers:
                continue
            words = from_capitals(m.group(1))
            # "CAPTAIN JEFF DAVIS:", "COL. WARREN:": the title is the role; a surname alone joins the full name
            title = next((titles[t] for n in range(len(words) - 1, 0, -1) if (t := fold_title(" ".join(words[:n]))) in titles), None)
            name = words[len(title.split()):] if title else words
            found.candidates.append(Candidate(" ".join(name), "actors", "person", source, sentence.index,
                                              "speaker in a transcript", 2, role=title, short_form=len(name) == 1,
                                              start=0))
        return speakers

    # "Q: Colonel, Kasim Ileri with Anadolu Agency.", "Q: Hi, Colonel. Tara Copp with Stars and Stripes. ...": a
    # reporter at a briefing says who she is and for whom she writes before she asks
    _QUESTION = re.compile(r"^(?:Q|QUESTION)\s*:")
    _QUESTIONER = re.compile(r"^(?:(?:Q|QUESTION)\s*:\s*)?(?:[A-Z][a-z]+,\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
                             r"(?:\s+(?:with|from|of)\s+|,\s+)(?:the\s+)?[A-Z]")

    def _questioners(self, source: str, sentences: list[Sentence], found: Discovery) -> None:
        asked = {s.paragraph for s in sentences if s.index >= 0 and self._QUESTION.match(s.text)}
        seen: dict[int, int] = {}   # paragraph -> sentences of it read (a reporter names herself first)
        for sentence in sentences:
            if sentence.index < 0 or sentence.paragraph not in asked:
                continue
            seen[sentence.paragraph] = seen.get(sentence.paragraph, 0) + 1
            m = self._QUESTIONER.match(sentence.text) if seen[sentence.paragraph] <= 2 else None
            if m and not self._known_name(m.group(1)):
                found.candidates.append(Candidate(m.group(1), "actors", "person", source, sentence.index,
                                                  "a reporter at a briefing", 2, start=m.start(1)))

    def _dateline(self, source: str, sentence: Sentence, found: Discovery) -> None:
        m = self._DATELINE.match(sentence.text)
        if not m or sentence.index > 3 or m.group(1).strip() in self._speakers:
            return
        raw = m.group(1).strip()
        if raw in ("FYI", "UPDATE", "BREAKING", "ANALYSIS", "EXCLUSIVE", "WATCH", "NEWS"):
            return
        # "SOUTH OF MOSUL, Iraq (CP) -": the reporter was near the place, which is the place named
        name = " ".join(from_capitals(self._NEAR_PLACE.sub("", raw)))
        place = gazetteer.find(name)
        found.candidates.append(Candidate(name, "locations", place.kind if place else "city", source,
                                          sentence.index, "dateline", 2))
