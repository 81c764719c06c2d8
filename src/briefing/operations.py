"""Operations the text describes without naming them: "the battle for X", "siege of X",
"the X offensive", "besieging ... in X". Each gets a conventional name from the lexicon
("Battle of Raqqa (2017)"); one sheet per place and family (sieges apart from battles).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any

from . import geo
from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .lexicon import Lexicon
from .mentions import Match

# Battles are fought for towns and the like; "the assault for X province" is not a battle of a province.
PLACE_KINDS = {"city", "town", "village", "district", "base", "camp", "landmark", "other", "dam"}
_HYPOTHETICAL = re.compile(r"\b(?:not|if|could|would|might|plann\w*|hypothetical)\b", re.I)
# "the attacks (committed on Friday) in X": a participle and its day may stand between cue and place,
# and so may a date ("the capture, on 10 May, of the town of X", "the capture in May of X")
_WHEN = (r"(?:,?\s+(?:on|in)\s+(?:(?:\d{1,2}|early|mid|late)[\s-]+)?(?:" + "|".join(MONTH_NAMES + WEEKDAY_NAMES)
         + r")(?:\s+\d{1,2})?(?:,?\s+\d{4})?,?)?")
_BRIDGE = (r"(?:,\s+(?:backed|supported|aided|helped|covered)\s+by\s+[^,;]{1,60},)?"   # ("an offensive, backed by air strikes, on X")
           r"(?:\s+(?:carried\s+out|committed|launched|staged|mounted|waged)(?:\s+(?:on|last|this)\s+[\w ]{1,25}?)?)?"
           r"(?:\s+by\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}[\w-]+(?=\s+(?:on|in|against)\b))?"   # "attacks by IS militants on"
           + _WHEN + r"\s+(?:of|for|on|in|at|near|into|against|over|around|towards?|to\s+(?:retake|liberate|capture|recapture|seize|take|free|"
           r"reclaim|clear)|aimed\s+at\s+(?:eventually\s+)?(?:retaking|capturing|liberating)"
           r"|(?:that|which)\s+(?:took|captured|retook|recaptured|liberated|freed))\s+(?:the\s+)?"   # ("the offensive that took X")
           r"(?:[A-Z][\w-]+['’]s\s+)?"   # ("the attack on Istanbul's Atatürk airport")
           r"(?:(?:[\w-]+\s+){0,3}(?:city|town|village|province|district|area|countryside)\s+of\s+|(?:north|south|east|west)ern\s+"
           r"|(?:provincial\s+)?capital,\s+)?")   # ("the capture of the provincial capital, Deir al-Zour")
# "the operations to liberate western Anbar": a purpose clause may aim at a whole province
_PURPOSE = re.compile(r"\bto\s+(?:liberate|retake|recapture|capture|clear|free)\s+(?:the\s+)?(?:\w+ern\s+)?$", re.I)
_POSSESSOR = re.compile(r"['’]s\s+(?:(?:historic|old)\s+)?[A-Z]")   # "Baghdad's Sadr City": the city only says where its district is
_SIDE = re.compile(r"\b(?:north|south|east|west)ern\s+$", re.I)
_ANAPHOR = re.compile(r"^(?:the|that|this)\s+(provincial\s+capital|city|town)(?:['’]s)?\b(?!\s+of\b)", re.I)   # ("the town of X" names it)
# Sieges and battles of one place are one operation; attacks (bombings, massacres) are their own.
# (the destruction of a monument is an act of its own, whatever else was fought there)
_FAMILY = {"attack": "attack", "bombing": "attack", "raid": "attack", "shooting": "attack", "massacre": "attack", "airstrike": "attack",
           "destruction": "destruction", "razing": "destruction", "killing": "killing", "abduction": "abduction",
           "kidnapping": "attack", "intervention": "intervention", "relief": "relief",
           "evacuation": "evacuation", "prison break": "attack"}
SHEET_KIND = {"bombing": "attack", "raid": "attack", "shooting": "attack", "massacre": "attack", "airstrike": "attack",   # what the sheet says (the name keeps the noun)
              "destruction": "attack", "razing": "attack", "killing": "attack", "abduction": "attack", "kidnapping": "attack",
              "intervention": "campaign",
              "relief": "offensive",
              "evacuation": "operation", "prison break": "attack"}
_OWNED_KINDS = {"landmark", "base", "camp", "dam"}   # a city's airport, prison or dam is a target of its own
_BESIEGED_KINDS = {"city", "town", "village", "base", "camp"}
_SITE_KINDS = {"city", "town", "village", "landmark", "other"}   # (an ancient site may be known as any of them)
# what stands between a verb of taking and the town taken: "fully liberated" Qairawan, the provincial
# capital of Ramadi, the neighborhoods of Hasakah
_TAKEN_OBJECT = (r"[\"”’']?\s+(?:(?:the|our|their|its)\s+)?(?:(?:[\w-]+\s+){0,2}?(?:city|town|provincial\s+capital|stronghold|"
                 r"neighbou?rhoods?|districts?|outskirts|centre|center|rest|most|much|half)(?:\s+and\s+[\w-]+)?\s+of\s+"
                 r"|(?:provincial\s+)?capital,?\s+"
                 # ("took the towns of Mayadin and Albu Kamal": each town listed)
                 r"|(?:cities|towns)\s+of\s+(?:(?:al-)?[A-Z][\w'’-]*(?:\s+(?:al-)?[A-Z][\w'’-]*){0,2}(?:\s*,\s*|\s+and\s+))*)?$")
                 # ("captured the town and dam of Tabqa")
# "the base near X": X only says where the subject is
_LOCATIVE = re.compile(r"(?<!\bcity)(?<!\btown)(?<!\bvillage)(?<!\bcapital)\s+(?:near|of|outside|in|at|from|to|around|towards|by)\s+$",
                       re.I)
_TAKEN_KINDS = {"city", "town", "base", "dam", "other"}   # ("overran the Tabqa air base", "seized the Mosul Dam"; not villages)
_PRIORITY = ["siege", "battle", "offensive", "campaign", "massacre", "prison break", "bombing", "shooting", "airstrike", "raid", "attack", "destruction",
             "razing", "killing", "abduction", "kidnapping", "intervention", "relief", "evacuation"]
# ("a police raid on a flat in Saint-Denis", "a US raid on a compound in Barisha": a raid named after the place)
_ATTACK_ON_IN = re.compile(r"\b(?:an|the|a)\s+(?:(?:[\w.-]+\s+){0,2}?(?P<raid>raids?)|attacks?)\s+on\s+"
                           r"(?:(?:a|an|the|two|three|several)\s+)?(?:[a-z][\w-]*\s+){1,3}?"
                           r"(?:in|at|near)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$", re.I)
_WHERE_FROM = re.compile(r"\s+(?:from|in|at|near)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,3}?(?:of|in)\s+(?:the\s+)?)?")
# "In the village of X, south of Y, militants executed ...": Y only says where X is
_DESCRIPTOR = re.compile(r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|near|outside)\s+(?:the\s+)?$", re.I)


@dataclass
class OperationHit:
    place: str           # location entity id
    kind: str            # battle | siege | offensive | campaign | attack
    sentence: int
    phrase: str
    year: int | None
    by: str | None = None   # who struck, when the text says: "French warplanes hit X" (French strikes are not Russian ones)

    @property
    def family(self) -> str:
        family = _FAMILY.get(self.kind, "battle")
        return f"{family} by {self.by}" if self.by else family


def _cue_patterns(lex: Lexicon) -> SimpleNamespace:
    """The cue patterns of `find_operations`, compiled from the lexicon once per run (not once per article)."""
    cues = lex.operation_cues
    before = "|".join(sorted(map(re.escape, cues["before_place"]), key=len, reverse=True))
    after = "|".join(sorted(map(re.escape, cues["after_place"]), key=len, reverse=True))
    before_re = re.compile(rf"\b({before})\b{_BRIDGE}$", re.I)
    figurative = re.compile(rf"\b(?:{_words(cues.get('figurative_modifiers'))})\s+$", re.I)
    modifiers = _words(cues.get("attack_modifiers"))
    after_re = re.compile(rf"^['’]?s?\s+(?:(?:{modifiers})\s+){{0,2}}?({after})\b", re.I)
    before_anaphor = re.compile(
        rf"\b({before})\b{_BRIDGE}(?:(?:western|eastern|northern|southern|old)\s+(?:half|part|side|districts?)\s+of\s+"
        rf"(?:the\s+)?)?(?:that\s+|this\s+)?(city|town|provincial capital)(?:['’]s)?\b(?!\s+of\s+[A-Z])", re.I)
    besiege = re.compile(r"\b(" + "|".join(map(re.escape, cues["besiege_verbs"])) + r")\b", re.I)
    taken_before = re.compile(r"\b(?:" + "|".join(cues.get("taken_verbs_before") or ["(?!)"]) + r")" + _TAKEN_OBJECT, re.I)
    taken_dated = re.compile(r"\b(?:" + _words(cues.get("taken_verbs_dated")) + r")" + _TAKEN_OBJECT, re.I)
    anaphor = r"\s+(?:the|that|this)\s+(city|town)\b(?!['’]|\s+of\b)"   # ("the town of X" names it; "the town's" is a part)
    taken_anaphor = re.compile(r"\b(?:" + "|".join(cues.get("taken_verbs_before") or ["(?!)"]) + r")" + anaphor, re.I)
    taken_dated_anaphor = re.compile(r"\b(?:" + _words(cues.get("taken_verbs_dated")) + r")" + anaphor, re.I)
    # "Ramadi fell to", "Ramadi, the capital of Anbar, which fell to": an apposition may stand between
    taken_after = re.compile(r"^(?:\s+|,\s+[^,;.]{1,60}?,\s+|,\s+(?=which|that))(?:which\s+|that\s+)?(?:had\s+)?(?:"
                             + "|".join(cues.get("taken_verbs_after") or ["(?!)"]) + r")\b", re.I)
    # "Manbij, which the Islamic State seized in January 2014", "Tikrit, which the army retook": the taker between
    # (past an apposition: "Tal Saman, a hilltop village that had served as its command post, which the SDF took")
    taken_which = re.compile(r"^(?:,\s+[^,;.]{1,90}?)?(?:,|\s+[-–—])\s+(?:which|that)\s+(?:the\s+)?(?:[\w.-]+\s+){1,4}?(?:had\s+)?(?:(?:"
                             + "|".join(cues.get("taken_verbs_before") or ["(?!)"]) + r")|(?P<dated>"
                             + _words(cues.get("taken_verbs_dated")) + r"))\b", re.I)
    headline_taken = re.compile(r"\b(?:" + _words(cues.get("headline_taken_verbs")) +
                                r")\s+(?:(?:full\s+)?control\s+of\s+)?(?:the\s+)?(?:(?:city|town)\s+of\s+)?$", re.I)
    fought_before = re.compile(r"\b(?:" + _words(cues.get("fought_verbs_before")) +
                               r")\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.I)
    fighting = re.compile(r"\b(?:after|following|amid)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:"
                          + _words(cues.get("fighting_nouns")) + r")\b", re.I)
    # ("a suicide bomber killed 50 people at a wedding in X", "the man who blew himself up in X")
    # ("the gunman who killed 49 people at the Pulse nightclub": a shooting)
    verb = r"(?:who\s+)?(?:" + _words(cues.get("bomb_verbs")) + r")\s+(?:[\w,]+\s+){0,4}?"
    bomb_before = re.compile(r"\b(?:(?P<gun>" + _words(cues.get("shooter_nouns")) + r")\s+" + verb + "|(?:"
                             + _words(cues.get("bomber_nouns")) + r")\s+" + verb + "|(?:"
                             + _words(cues.get("bomb_nouns")) + r")\s+(?:" + verb + r")?|(?P<blew>"
                             + _words(cues.get("suicide_verbs")) + r")\s+)"
                             # "bombings at a peace rally in", "opened fire on two military sites in"
                             r"(?:(?:at|on|outside|of)\s+(?:a|an|two|three|several)\s+(?:[\w-]+\s+){0,3}?)?"
                             r"(?:in|at|outside|inside)\s+(?:the\s+)?(?:[\w-]+-(?:held|controlled|run)\s+)?"
                             r"(?:(?:central|downtown|historic|old|(?:south|north)?(?:east|west)ern|northern|southern)\s+)?"   # "in central Baghdad"
                             r"(?:[A-Z][\w-]+['’]s\s+(?:historic\s+|old\s+)?)?"   # "in Baghdad's Sadr City district": the district
                             r"(?:(?:[\w-]+\s+){0,2}(?:city|town|district|neighbou?rhood|market|cent(?:er|re)|heart)\s+of\s+)?$", re.I)
    # "coalition aircraft struck the village of Tokhar", "jets hit its fighters near X", "aircraft hit positions on
    # X", "a strike on a school sheltering displaced families in X", "an air strike that killed 20 people in X":
    # a strike named after where it fell
    struck = re.compile(r"\b(?:(?:" + _words(cues.get("strike_subjects")) + r")\s+(?:" + _words(cues.get("strike_verbs"))
                        + r")|(?:air\s*)?strikes?\s+(?:on|hit|hitting|struck|killing|(?:that|which)\s+(?:hit|killed)))\s+(?:(?:the\s+)?"
                        r"(?:(?:[\w-]+\s+){0,2}?(?:city|town|village|district|neighbou?rhood|market(?:\s+street)?|hospital|school|bakery)"
                        r"\s+of\s+)?|(?:(?:a|an|the|its|their)\s+)?"   # ("an airstrike on the main market street of X")
                        r"(?:[\w-]+\s+){0,5}?(?:near|in|on|outside|around)\s+(?:the\s+)?(?:(?:city|town|village|district)\s+of\s+)?)$",
                        re.I)
    massacred = re.compile(r"\b(?:" + "|".join(cues.get("massacre_verbs") or ["(?!)"]) + r")\b", re.I)
    killed_many = re.compile(r"\b(?:" + "|".join(cues.get("mass_killing_verbs") or ["(?!)"]) + r")\b", re.I)
    kidnapped = re.compile(r"\b(?:" + "|".join(cues.get("mass_abduction_verbs") or ["(?!)"]) + r")\b", re.I)
    garrison_attacked = re.compile(r"\b(?:" + "|".join(cues.get("garrison_attack_verbs") or ["(?!)"]) + r")\b", re.I)
    destroyed = re.compile(r"\b(?:" + _words(cues.get("destroy_verbs")) + r")\s+(?:the\s+)?$", re.I)
    # "the shrine of Nabi Yunus, which the militants blew up in July 2014"
    # ("whose Al Askari shrine was blown up by al-Qaeda in 2006": told in the passive)
    destroyed_after = re.compile(r"^(?:(?:,\s+[^,;.]{1,60}?)?,\s+which\s+(?:[\w-]+\s+){1,3}?(?:had\s+)?|\s+(?:was|were|had\s+been|"
                                 r"has\s+been)\s+(?:(?:later|partly|largely|also|then)\s+)?)(?:"
                                 + _words(cues.get("destroy_verbs")) + r")\b", re.I)
    monument = re.compile(r"\b(?:" + _words(cues.get("monument_words")) + r")\b", re.I)
    # "bulldozed the Assyrian capital of Nimrud", "began demolishing the ruins of Hatra": an ancient site razed
    # (the words between tell it is one: not "destroyed the city of Raqqa")
    razed_site = re.compile(r"\b(?:" + _words(cues.get("destroy_verbs")) + r")\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:"
                            + _words(cues.get("heritage_words")) + r")\s+(?:[\w-]+\s+){0,2}?(?:of\s+)?(?:the\s+)?$", re.I)
    killing_verbs, means = _words(cues.get("killing_verbs")), _words(cues.get("killing_means"))
    # "beheaded the archaeologist Khaled al-Asaad", "the murder of James Foley" (a role may stand between;
    # "the home town of executed former leader Saddam Hussein" tells who he was, not what happened)
    killed_before = re.compile(r"\b(?:(" + killing_verbs + r"|killed)|(?:" + _words(cues.get("killing_gerunds")) + r")"
                               r"|(?:the\s+)?(" + _words(cues.get("killing_nouns"))
                               + r")\s+of)\s+(?:(?!(?:as|when|while|after|before|and|but|because|since|until|if|then)\b)"
                               r"[^\s,.;:]+\s+){0,5}?(?:,\s+)?$", re.I)   # (not past a new clause: "19 killed as Putin spoke")
    # "Omar Alloush, a council member, was shot dead", "al-Adnani ... was killed in a US airstrike"
    # ("Its founder, Wahid al-Balous, was killed by a car bomb": the name may be the apposition; "was killed by
    # Iraqi forces in Mosul", "was killed in August 2014": by whom or when, a killing, not a death in battle)
    # ("was captured after his jet crashed near Raqqa and later burned alive": taken, then killed)
    # ("Alexander Prokhorenko, a special forces officer who was killed near Palmyra in March 2016", "Valery Asapov,
    # killed by shelling near Deir ez-Zor in September 2017": where and when, or the apposition of a participle)
    killed_after = re.compile(r"^(?:(?:['’]s?)?(?:,\s+[^;.]{1,160}?,|,)?\s+(?:who\s+)?(?:was|were|had\s+been|has\s+been)\s+"
                              r"(?:(?:captured|seized|kidnapped|abducted|taken\s+hostage)\b[^;.]{0,100}?\band\s+)?"
                              r"(?:(?:later|reportedly|allegedly|publicly|also|then|found)\s+)?"
                              r"|,\s+(?:[^;.,]{1,80}?\s+who\s+was\s+)?(?=killed\b))(?:(?:" + killing_verbs
                              + r")\b|killed\s+(?:in|by|when)\s+(?:(?:an?|the)\s+)?(?:[\w.-]+\s+){0,3}?(?:" + means + r")\b"
                              r"|killed\s+by\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}?(?:" + _words(cues.get("killing_agents")) + r")\b"
                              r"|killed\s+(?:by\s+(?:(?:an?|the)\s+)?(?:[\w.-]+\s+){0,2}?(?:shelling|shellfire|mortar\s+shell|mortar\s+fire|rocket\s+fire)\s+)?"
                              r"(?:(?:near|in|at|outside|around)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}?\s+)?"
                              r"(?:in|on)\s+(?:(?:early|late|mid)[\s-]+)?(?:\d{1,2}\s+)?(?:" + "|".join(MONTH_NAMES)
                              + r"|(?:19|20)\d\d)\b)", re.I)
    # "the priest Jacques Mourad was kidnapped by masked gunmen", "Paolo Dall'Oglio, abducted in July 2013", "the
    # abduction of the Jesuit Paolo Dall'Oglio": a person taken, an operation of its own (not "taken prisoner")
    abducted = _words(cues.get("abduction_verbs"))
    abducted_before = re.compile(r"\b(?:the\s+)?(?:" + _words(cues.get("abduction_nouns")) + r")\s+of\s+"
                                 r"(?:[^\s,.;:]+\s+){0,5}?(?:,\s+)?$", re.I)
    abducted_after = re.compile(r"^(?:,\s+(?:(?:who|he|she)\s+)?(?:(?:was|had\s+been)\s+)?(?:himself\s+|herself\s+)?(?:" + abducted
                                + r")\s+(?:in|on|by|from|near|at)\b|(?:,\s+[^;.]{1,160}?,)?\s+(?:who\s+)?(?:was|had\s+been|has\s+been)\s+"
                                r"(?:(?:himself|herself|reportedly|allegedly|later|also|then)\s+)?(?:" + abducted + r")\b)", re.I)
    # ("the aid worker David Haines, whose murder was shown on 13 September")
    whose_killing = re.compile(r"^,?\s+whose\s+(?:(?:brutal|public|filmed|videotaped|televised)\s+)?(?:"
                               + _words(cues.get("killing_nouns")) + r")\b", re.I)
    province_taken = re.compile(r"\b(?:" + _words(cues.get("province_taken_verbs")) + r")\s+(?:(?:most|much|all|parts|"
                                r"large\s+parts|swathes|the\s+rest)\s+of\s+)?(?:the\s+)?$", re.I)
    # ("Turkey launched an offensive into northeastern Syria", "Turkey's offensive into north-eastern Syria")
    intervened = re.compile(r"(?:\b(?:" + _words(cues.get("intervention_verbs")) + r")\s+(?:its\s+|their\s+|an?\s+)?"
                            r"|['’]s\s+)(?:first\s+)?(?:" + _words(cues.get("intervention_nouns"))
                            + r")\s+(?:in|on|over|into)\s+(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+)?$", re.I)
    relief = _words(cues.get("relief_verbs"))
    sieges = _words(cues.get("siege_nouns"))
    attempt = re.compile(r"\b(?:" + _words(cues.get("attempt_words")) + r")\s+to\s+$", re.I)
    siege_word = re.compile(r"\b(?:" + sieges + "|" + "|".join(map(re.escape, cues["besiege_verbs"])) + r")\b", re.I)
    # (what stands between the verb and the siege describes it: "broke the long ISIS siege"; not "broke into
    # houses during the siege")
    relieved = re.compile(rf"\b(?:(?:{relief})\s+(?:(?:the|a|an|its|their)\s+)?"
                          rf"(?:(?!(?:into|in|during|through|on|at|out|down|up|off|with|from|after|before|since|for)\b)"
                          rf"[\w-]+\s+){{0,6}}?(?:{sieges})\s+"
                          rf"(?:of|on)|(?:{relief})\s+through\s+to\s+(?:the\s+)?(?:besieged|(?:[\w-]+\s+){{0,2}}?"
                          rf"(?:enclave|garrison|pocket|defenders)\s+(?:in|of|at)))\s+", re.I)
    # "a convoy of buses carrying IS fighters left the besieged city of Raqqa": the fighters' evacuation (not a
    # strike on a convoy)
    convoy = re.compile(r"\b(?:" + _words(cues.get("evacuation_nouns")) + r")\b", re.I)
    evacuees = re.compile(r"\b(?:" + _words(cues.get("evacuees")) + r")\b", re.I)
    strike_words = re.compile(r"\b(?:" + _words(cues.get("strike_verbs")) + r"|(?:air\s*)?strikes?)\b", re.I)
    left = re.compile(r"\b(?:" + _words(cues.get("leave_words")) + r")\s+(?:the\s+)?(?:besieged\s+)?(?:(?:city|town)\s+of\s+)?$",
                      re.I)
    left_it = re.compile(r"\b(?:" + _words(cues.get("leave_words")) + r")\s+(?:the|that|this)\s+(?:besieged\s+)?(city|town)\b(?!\s+of)",
                         re.I)
    # "stormed Kangbayi prison and freed 1,300 inmates", "prisoners broke out of Abu Ghraib prison": a prison break
    prison = re.compile(r"\b(?:" + _words(cues.get("prison_nouns")) + r")\b", re.I)
    breakout = re.compile(r"\b(?:" + _words(cues.get("breakout_words")) + r"|(?:" + _words(cues.get("freeing_verbs"))
                          + r")\s+(?:[\w,-]+\s+){0,4}?(?:" + _words(cues.get("inmates")) + r"))\b", re.I)
    return SimpleNamespace(
        prison=prison, breakout=breakout,
        cues=cues, before_re=before_re, figurative=figurative, after_re=after_re, before_anaphor=before_anaphor, besiege=besiege,
        taken_before=taken_before, taken_dated=taken_dated, taken_anaphor=taken_anaphor,
        taken_dated_anaphor=taken_dated_anaphor, taken_after=taken_after, taken_which=taken_which,
        headline_taken=headline_taken, fought_before=fought_before, fighting=fighting, bomb_before=bomb_before,
        struck=struck, massacred=massacred, killed_many=killed_many, kidnapped=kidnapped, garrison_attacked=garrison_attacked, destroyed=destroyed,
        destroyed_after=destroyed_after, monument=monument, razed_site=razed_site, killed_before=killed_before,
        killed_after=killed_after, abducted_before=abducted_before, abducted_after=abducted_after,
        whose_killing=whose_killing, province_taken=province_taken, intervened=intervened, attempt=attempt,
        siege_word=siege_word, relieved=relieved, convoy=convoy, evacuees=evacuees, strike_words=strike_words,
        left=left, left_it=left_it)


def find_operations(lex: Lexicon, sentences: list[tuple[int, str, list[Match]]], kinds: dict[str, str],
                    years: dict[int, int | None]) -> list[OperationHit]:
    """Operation cues in one article. `sentences`: (index, text, matches); `kinds`: entity id ->
    kind (locations, and people: "person"); `years`: sentence index -> year stated in it (or the article's)."""
    c = lex.derived("operations", _cue_patterns)
    hits: list[OperationHit] = []
    reliefs: list[tuple[OperationHit, bool]] = []
    last_city: str | None = None
    told: Counter[str] = Counter()
    latest: dict[str, int] = {}
    last_province: str | None = None
    for index, text, matches in sentences:
        # (a place told in an aside, or told by one, is of the year the aside writes: "Isis, which seized Mosul
        # in June 2014, has", "In Raqqa, which the SDF took in October 2017, that battle is visible")
        # (not a year it tells a state began: "which it had made its capital since January 2014")
        asides = [(a.start(), a.end(), int(y.group())) for a in ASIDE.finditer(text)
                  if (y := next((y for y in _YEAR.finditer(a.group()) if not _SINCE.search(a.group(), 0, y.start())), None))]

        def at(start: int, end: int, index: int = index, asides: list[tuple[int, int, int]] = asides) -> int | None:
            return next((y for a, b, y in asides if a < start < b or end == a), None) or years.get(index)

        places = [m for m in matches if kinds.get(m.entity_id) in PLACE_KINDS]
        hypothetical = bool(_HYPOTHETICAL.search(text))
        purposed = [m for m in matches if kinds.get(m.entity_id) in ("province", "region")
                    and _PURPOSE.search(text[:m.start])]
        listed: tuple[str, int, int, int | None] | None = None   # (kind, start of its cue, end of the place, year) of the cue told last
        for m in places + purposed:
            lead = text[:m.start]
            b = c.before_re.search(lead)
            if b and c.figurative.search(text, 0, b.start(1)):
                b = None   # ("a legal battle in London")
            if listed and not b and (also := _LISTED.fullmatch(text, listed[2], m.start)) and (
                    also.group("of") or listed[0] in _TERRITORIAL or listed[0] in _STRUCK and "and" in also.group(0)
                    and kinds.get(m.entity_id) not in ("province", "region", "country")):
                # "the liberation of the countryside of Kobani, of Sarrin, and of Tal Abyad": each place listed
                year = _year_after(text, m.end) or listed[3]
                hits.append(OperationHit(m.entity_id, listed[0], index, text[listed[1]:m.end], year))
                listed = (listed[0], listed[1], m.end, year)
                continue
            listed = None
            if b and _SIDE.search(lead) and kinds.get(m.entity_id) not in ("province", "region"):
                b = None   # "the battle for southern Damascus" is no battle of Damascus; "western Anbar" is Anbar's
            # (from the cue's clause on: "planned attacks abroad, including the attacks in Paris" were no plan,
            # "the battle for X, officials said, could begin" is one)
            # "the attack on Istanbul's Atatürk airport" was on the airport; "the battle for Raqqa's Old City"
            # is the city's (the "'s" may be the match's own last letters: "Baghdad's" is one word to the matcher)
            possessor = _POSSESSOR.match(text, m.end) or _POSSESSOR.match(text, max(0, m.end - 2))
            owned = next((p for p in places if p.start > m.end and p.start - m.end <= 16), None) if possessor else None
            if b and re.search(r"['’]s\s+$", lead) and kinds.get(m.entity_id) not in _OWNED_KINDS:
                b = None
            if b and owned and kinds.get(owned.entity_id) in _OWNED_KINDS:
                b = None
            # ("coordinated attacks by IS militants on X": a plural before "by" or "against" is a noun)
            if b and not _clause_hypothetical(text, b.start(), len(text)) and (_is_noun(text, b.start(1)) or (
                    b.group(1).lower().endswith("s") and re.match(r"\s+(?:by|against)\b", text[b.end(1):]))):
                # ("the battles for Mosul and Raqqa in 2017", "the 2016 attack on X" told in 2019)
                year = _year_before(text, b.start(1)) or _year_after(text, m.end) or at(m.start, m.end)
                # (with the insurgents who own it: "the Islamic State's seizure of X" is a fall, see `_LOST`)
                owner = _INSURGENT_OWNER.search(text, 0, b.start())
                hits.append(OperationHit(m.entity_id, c.cues["before_place"][b.group(1).lower()], index,
                                         text[owner.start() if owner else b.start():m.end], year))
                listed = (c.cues["before_place"][b.group(1).lower()], b.start(), m.end, year)
            # (the phrase runs to its verb: "Fall of X" if it only fell; "the base near X fell" is the base's fall)
            # ("the fight at X, a village ..., which the SDF took": a relative clause tells of the place it follows)
            fell = (None if _LOCATIVE.search(lead) else c.taken_after.match(text[m.end:])) or c.taken_which.match(text[m.end:])
            fought = c.fighting.search(text)
            if fell and fell.re is c.taken_which and fell.group("dated") and not _DATED.search(text, m.end + fell.end()) \
                    and not fought:
                fell = None   # ("which IS seized in June 2014"; not "which the army took after a week")
            # (a town taken is told in its own clause: "took Manbij on 12 August, raising fears that the YPG would ...")
            # (a village too, where the sentence tells the fight: "which the SDF took after a week of street fighting")
            if (kinds.get(m.entity_id) in _TAKEN_KINDS or (fought and kinds.get(m.entity_id) == "village")) \
                    and not _clause_hypothetical(text, m.start, m.end + (
                    fell.end() if fell else 0)) and not b and \
                    ((taker := _taker(c.taken_before.search(lead), text, m.end)) or fell
                     or (c.taken_dated.search(lead) and _DATED.search(text))
                     or (c.fought_before.search(lead) and fought)
                     or (index < 0 and c.headline_taken.search(lead))):
                end = m.end + max(20, fell.end() + 30 if fell else 0)   # (and whom it fell to)
                start = min(m.start - 40, taker.start()) if taker else m.start - 40   # (from its verb: "drove ... out of")
                hits.append(OperationHit(m.entity_id, "battle", index, text[_word_start(text, start):end].strip(),
                                         _taken_year(text, m.end + (fell.end() if fell else 0), lead)
                                         or at(m.start, m.end)))
            # ("a bomb in the Sadr City district of Baghdad" went off in Sadr City: the city only holds the district)
            # ("a truck bomb in the Baghdad shopping district of Karrada" went off in Karrada)
            holder = any(p.end <= m.start and _PART_OF.fullmatch(text, p.end, m.start) for p in places) \
                or kinds.get(m.entity_id) in ("city", "town") and any(
                    p.start >= m.end and _HOLDS.fullmatch(text, m.end, p.start)
                    and kinds.get(p.entity_id) not in ("city", "town", "province", "country") for p in places)
            bomb = None if b or hypothetical or possessor or holder else c.bomb_before.search(lead)
            # ("an attack on police stations in X": an attack on something there, named after the place; not on
            # the Yazidi community, nor on a place named before it: "the attack on the Reina nightclub in Istanbul")
            on = None if bomb or b or hypothetical or possessor or holder else _ATTACK_ON_IN.search(lead)
            if on and kinds.get(m.entity_id) in _SITE_KINDS and not any(on.start() < p.start < m.start for p in places):
                hits.append(OperationHit(m.entity_id, "raid" if on.group("raid") else "attack", index,
                                         text[on.start():m.end], at(m.start, m.end)))
            # ("Truck bomb kills dozens in X", "Twin suicide bombings kill ...": a headline has no article)
            if bomb and (bomb.group("blew") or _is_noun(text, bomb.start()) or re.fullmatch(r"\s*(?:[\w-]+\s+){0,2}", text[:bomb.start()])):
                kind, year = "shooting" if bomb.group("gun") else "bombing", _year_before(text, bomb.start()) or at(m.start, m.end)
                hits.append(OperationHit(m.entity_id, kind, index, text[bomb.start():m.end], year))
                listed = (kind, bomb.start(), m.end, year)
            razed = c.destroyed.search(lead) or c.destroyed_after.match(text[m.end:])
            if kinds.get(m.entity_id) == "landmark" and not hypothetical and razed \
                    and c.monument.search(m.surface) and not any(h.kind == "destruction" and h.sentence == index for h in hits):
                # "blew up the al-Nuri mosque and its minaret": the first monument named is the act's
                # (told after the monument, its year follows: "was blown up ... in February 2006")
                year = _taken_year(text, m.end + razed.end(), "") if razed.re is c.destroyed_after else None
                hits.append(OperationHit(m.entity_id, "destruction", index, text[min(razed.start(), m.start):m.end],
                                         year or at(m.start, m.end)))
            site = c.razed_site.search(lead) if not hypothetical and kinds.get(m.entity_id) in _SITE_KINDS else None
            if site and not any(h.family == "destruction" and h.sentence == index for h in hits):
                hits.append(OperationHit(m.entity_id, "razing", index, text[site.start():m.end], at(m.start, m.end)))
            clash = None if b or hypothetical or bomb or kinds.get(m.entity_id) not in _RAID_KINDS else _CLASHED.search(lead)
            if clash:   # "forces loyal to the KDP clashed with the YBS near the town of Khanasor"
                hits.append(OperationHit(m.entity_id, "battle", index, text[clash.start():m.end], at(m.start, m.end)))
            raid = None if b or hypothetical or bomb else (
                (_RAIDED.search(lead) if kinds.get(m.entity_id) == "village" else None)
                or (_RAIDED_ANY.search(lead) if kinds.get(m.entity_id) in _RAID_KINDS else None))
            if raid:   # "Islamic State militants attacked their positions near the village of Mekeeshefa"
                hits.append(OperationHit(m.entity_id, "raid", index, text[raid.start():m.end], at(m.start, m.end)))
            strike = None if b or hypothetical or possessor or bomb or holder else c.struck.search(lead)
            if strike:   # "coalition aircraft struck the village of Tokhar"
                hits.append(OperationHit(m.entity_id, "airstrike", index, text[strike.start():m.end], at(m.start, m.end),
                                         _striker(lex, text[:strike.start()])))
            a = c.after_re.match(text[m.end:])
            # ("the Inates and Chinagodrar attacks", "the Paris, Brussels and Nice attacks": each place listed has one)
            named = [*_listed_before(places, m, text), m] if a else []
            if a and _is_noun_after(text, named[0].start):
                year = _year_before(text, named[0].start) or at(m.start, m.end)
                for p in named:
                    hits.append(OperationHit(p.entity_id, c.cues["after_place"][a.group(1).lower()], index,
                                             text[p.start:m.end + a.end()], year))
        for m in matches if not hypothetical else ():
            cue = c.intervened.search(text[:m.start]) if kinds.get(m.entity_id) == "country" else None
            by = _intervener(lex, text[:cue.start()], m.surface) if cue else None
            if by:   # "Russia began its air campaign in Syria"
                hits.append(OperationHit(m.entity_id, "intervention", index, text[cue.start():m.end], at(m.start, m.end), by))
        # "Islamic State seized most of Deir al-Zor province in 2014": the province's fall (on a date told)
        for m in matches if not hypothetical and _DATED.search(text) else ():
            taken = c.province_taken.search(text[:m.start]) if kinds.get(m.entity_id) == "province" else None
            if taken and (_LOST.search(text) or re.search(rf"\b{_INSURGENTS}\b", text[:m.start])):
                hits.append(OperationHit(m.entity_id, "battle", index, text[_word_start(text, taken.start() - 40):m.end],
                                         _taken_year(text, m.end, text[:m.start]) or at(m.start, m.end)))
        # "militants massacred hundreds of men in X", "executed cadets as they fled X", "X, the village where IS
        # executed hundreds": a massacre where it was done, or where the sentence set it before the verb (not a
        # place that only says where)
        for cue in c.massacred.finditer(text) if not hypothetical else ():
            if any(m.start <= cue.start() < m.end for m in matches):
                continue   # (a name's word: "Raqqa is Being Slaughtered Silently")
            after = next((m for m in places if m.start >= cue.end() and re.fullmatch(
                r"[\w\s'’-]{0,60}?\s", text[cue.end():m.start])), None)   # (in the same clause)
            before = [m for m in places if m.end <= cue.start() and not _DESCRIPTOR.search(text[:m.start])]
            where = after or (before[-1] if before else None)
            if where and not any(h.place == where.entity_id and h.sentence == index for h in hits):
                hits.append(OperationHit(where.entity_id, "massacre", index, text[min(where.start, cue.start()):cue.end()],
                                         at(cue.start(), cue.end())))
        # "the militants killed 52 young men in the village of X", "kidnapped 276 schoolgirls from the town of X",
        # "gunmen killed 11 gendarmes at the post in X": a massacre, a kidnapping or an attack where the words right
        # after the cue say (a town's, not a country's)
        for cue_re, kind in ((c.killed_many, "massacre"), (c.kidnapped, "kidnapping"),
                             (c.garrison_attacked, "attack")) if not hypothetical else ():
            for cue in cue_re.finditer(text):
                where = next((m for m in places if m.start >= cue.end() and _WHERE_FROM.fullmatch(text, cue.end(), m.start)), None)
                if where and kinds.get(where.entity_id) not in ("country", "province", "region") \
                        and not any(h.place == where.entity_id and h.sentence == index for h in hits):
                    hits.append(OperationHit(where.entity_id, kind, index, text[cue.start():where.end], at(where.start, where.end)))
        for m in matches:
            if kinds.get(m.entity_id) != "person":
                continue
            follower = re.match(r"(?:['’]s)?\s+(\w+)", text[m.end:])
            if follower and follower.group(1) in lex.role_nouns:
                continue   # ("the killing of Zawahiri envoy ...": whose envoy, not who was killed)
            kill = c.killed_before.search(text[:m.start])
            if kill and kill.group(1) and _ATTRIBUTIVE.search(text, 0, kill.start()):
                kill = None
            # ("the burning of X has done what months of bombing did not": a killing named is one that happened)
            if hypothetical and not (kill and kill.group(2)):
                continue
            after = None if kill else c.killed_after.match(text[m.end:]) or c.whose_killing.match(text[m.end:])
            if after and any(kinds.get(o.entity_id) == "person" and m.end < o.start < m.end + after.end() for o in matches):
                after = None   # ("Diane Foley, the mother of James Foley, who was killed": his killing)
            kind = "killing"
            if not (kill or after):   # (else taken hostage: "was kidnapped by masked gunmen", "the abduction of X")
                kind, kill = "abduction", c.abducted_before.search(text[:m.start])
                after = None if kill else c.abducted_after.match(text[m.end:])
            if (kill or after) and not any(h.place == m.entity_id and h.sentence == index for h in hits):
                end = m.end + (after.end() if after else 0)
                if kind == "killing" and after:   # ("X was killed when a car bomb struck his convoy in Y": his killing)
                    hits = [h for h in hits if not (h.sentence == index and h.kind == "bombing" and text.find(h.phrase) >= m.end)]
                hits.append(OperationHit(m.entity_id, kind, index, text[kill.start() if kill else m.start:end],
                                         _taken_year(text, end, "") or at(m.start, m.end)))
        _listed_share(hits, index, [m for m in matches if kinds.get(m.entity_id) == "person"], text)
        # "the offensive to retake the city", "the battle for the western half of the city"
        # (the anaphors' words, looked for once: most sentences name no city, town or capital)
        anaphoric = _ANAPHOR_WORD.search(text) is not None
        for cue in c.before_anaphor.finditer(text) if anaphoric else ():
            # the city named last before the cue, in this sentence or an earlier one
            # ("the capture of the town" is of a town: not of the city where a spokesman spoke)
            if any(re.fullmatch(r",\s+", text[cue.end():m.start]) for m in places):
                continue   # (an apposition names it: "the capture of the provincial capital, Deir al-Zour")
            fits = ("town",) if cue.group(2).lower() == "town" else ("city", "town")
            target = (_antecedent(text, places, kinds, fits, cue.start()) or last_city) \
                if cue.group(2).lower() != "provincial capital" else \
                _anaphor_target("the provincial capital", last_city, last_province, kinds)
            if target and not hypothetical and _is_noun(text, cue.start(1)) and \
                    not any(h.place == target and h.sentence == index for h in hits):
                hits.append(OperationHit(target, c.cues["before_place"][cue.group(1).lower()], index,
                                         cue.group(0), at(cue.start(), cue.end())))
        # "Islamic State overran the town in August 2014": the town named last, taken
        taken_it = (c.taken_anaphor.search(text) or (c.taken_dated_anaphor.search(text) if _DATED.search(text) else None)) \
            if anaphoric else None
        if taken_it and not hypothetical:
            fits = ("town",) if taken_it.group(1).lower() == "town" else ("city", "town")
            target = _antecedent(text, places, kinds, fits, taken_it.start()) \
                or (last_city if kinds.get(last_city or "") in fits else None)
            if target and not any(h.place == target and h.sentence == index for h in hits):
                hits.append(OperationHit(target, "battle", index, text[taken_it.start():taken_it.end() + 30].strip(),
                                         _taken_year(text, taken_it.end(), "") or at(taken_it.start(), taken_it.end())))
        # "besieging ... in the provincial capital", "an IS siege on that city"
        for cue in list(c.besiege.finditer(text)) + list(re.finditer(r"\b(siege|assault|battle)\s+(?:on|of|for)\s+", text, re.I)):
            rest = text[cue.end():]
            earlier = [m.entity_id for m in places if m.end <= cue.start() and kinds.get(m.entity_id) in ("city", "town")]
            target = _anaphor_target(rest, earlier[-1] if earlier else last_city, last_province, kinds)
            # "besieging ... in X", or right before a town or base: "the besieged Kuweires airport"
            # (a besieged district is a part of its city's battle)
            in_place = next((m for m in places if m.start >= cue.end() and (
                re.fullmatch(r"[\w\s’'-]{0,40}\b(?:in|of|on)\s+(?:the\s+)?", text[cue.end():m.start]) or
                (text[cue.end():m.start].isspace() and kinds.get(m.entity_id) in _BESIEGED_KINDS))), None)
            place = target or (in_place.entity_id if in_place else None)
            if place and not any(h.place == place and h.sentence == index for h in hits):
                kind = "siege" if cue.group(1).lower().startswith(("besieg", "siege", "encircl")) else "battle"
                hits.append(OperationHit(place, kind, index, text[cue.start():cue.end() + 30].strip(), at(cue.start(), cue.end())))
        leaving = c.convoy.search(text)
        if leaving and c.evacuees.search(text) and not hypothetical and not c.strike_words.search(text):
            out = next((m.entity_id for m in places if kinds.get(m.entity_id) in ("city", "town")
                        and c.left.search(text[:m.start])), None)
            it = c.left_it.search(text) if out is None else None
            if it:
                earlier = [m.entity_id for m in places if m.end <= it.start() and kinds.get(m.entity_id) in ("city", "town")]
                out = earlier[-1] if earlier else last_city
            if out:
                hits.append(OperationHit(out, "evacuation", index, leaving.group(0), at(leaving.start(), leaving.end())))
        freed = c.breakout.search(text) if not hypothetical else None
        jail = next((m for m in places if kinds.get(m.entity_id) in _SITE_KINDS and c.prison.search(m.surface)), None) \
            if freed else None
        if jail:
            hits.append(OperationHit(jail.entity_id, "prison break", index, freed.group(0),
                                     _year_before(text, freed.start()) or at(freed.start(), freed.end())))
        # "broke the three-year siege of Deir ez-Zor", "broke through to the besieged airport of X": the operation
        # that relieved a siege (not an attempt); an event of its own where the siege is told as years old
        for cue in c.relieved.finditer(text) if not hypothetical else ():
            where = next((m for m in places if m.start >= cue.end() and re.fullmatch(
                r"[\w\s'’-]{0,50}", text[cue.end():m.start])), None)
            if where and not c.attempt.search(text, 0, cue.start()):
                reliefs.append((OperationHit(where.entity_id, "relief", index, text[cue.start():where.end],
                                             at(cue.start(), cue.end())),
                                bool(_YEARS_LONG.search(cue.group(0)) or _SIEGE_OF_YEARS.search(text))))
        # "the city" of the next sentence: the last city this one named, else the story's (named most so far, the
        # latest of those named as often: "a message aimed at Damascus and Ankara. How long did it take? The SDF
        # began its assault on the city" is Raqqa's)
        cities = [m.entity_id for m in places if kinds.get(m.entity_id) in ("city", "town")]
        for city in cities:
            told[city] += 1
            latest[city] = len(latest)
        last_city = cities[-1] if cities else max(told, key=lambda c: (told[c], latest[c]), default=None)
        for m in places:
            if kinds.get(m.entity_id) == "province":
                last_province = m.entity_id
    return hits + [_relief_or_siege(hit, long, sentences, c.siege_word) for hit, long in reliefs]


# a place listed after the one a cue names: each with its own "of" ("the liberation of X, of Y and of Z" tells three;
# "the attacks in Paris and Saint-Denis" one), or after a cue of taking or fighting, which is for one place at a
# time ("the fall of Manbij and Dabiq", "the battles for Mosul and Raqqa")
_LISTED = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<of>(?:of|for)\s+)?(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?")
_TERRITORIAL = {"battle", "siege"}
# ("bombers attacked mosques in Kunduz and Kandahar": one in each; not "in Indanan, Sulu", the town's province)
_STRUCK = {"bombing", "shooting"}
# "clashed with the YBS near the town of Khanasor", "fought at Khanasor": a battle there
_CLASHED = re.compile(r"\b(?:clashed|fought)\s+(?:with\s+[^,.;]{1,90}?\s+)?(?:near|in|at|outside|around)\s+(?:the\s+)?"
                      r"(?:[\w-]+\s+){0,2}?(?:(?:town|village|city)\s+of\s+)?$", re.I)
# what stands between a town's part and the town: "the Sadr City district of Baghdad"
_HOLDS = re.compile(r"(?:['’]s)?\s+(?:[a-z][\w-]*\s+)?(?:district|neighbou?rhood|quarter|suburb|area)\s+of\s+(?:the\s+)?")
# (the noun may end the district's own name: "the Sadr City district of Baghdad", its alias "Sadr City district")
_PART_OF = re.compile(r"(?:(?<=district)|\s+(?:city|town|district|neighbou?rhood|quarter|suburb|area))\s+of\s+(?:the\s+)?", re.I)


def _word_start(text: str, at: int) -> int:
    """`at`, moved back to the start of its word (a phrase cut mid-word, "tants seized", reads as no one's)."""
    at = max(0, at)
    while at > 0 and text[at - 1].isalnum():
        at -= 1
    return at


# "ending a siege that ISIS had imposed for almost three years"
_SIEGE_OF_YEARS = re.compile(r"\b(?:siege|blockade)\b[^.;]{0,60}?\b(?:for|of)\s+(?:(?:almost|nearly|more\s+than|over|about)\s+)?"
                             r"(?:two|three|four|five|\d+)\s+years\b", re.I)
_YEARS_LONG = re.compile(r"(?<![\w-])(?:long|years?-long|[\w-]+-year)\b", re.I)   # (not "months-long")


def _relief_or_siege(hit: OperationHit, long: bool, sentences: list[tuple[int, str, list[Match]]],
                     siege_word: re.Pattern[str]) -> OperationHit:
    """A relief is an operation of its own where the siege had lasted ("broke the three-year siege", or a
    sentence on the siege dated a year before); a siege of a season and its relief are one ("broke the
    siege of Amerli" ends the Siege of Amerli)."""
    older = hit.year and any(siege_word.search(text) and any(m.entity_id == hit.place for m in matches)
                             and any(int(y) < hit.year for y in _YEAR.findall(text)) for _, text, matches in sentences)
    return hit if long or older else replace(hit, kind="siege")


_CLAUSE_END = re.compile(r"[,;:—–()]")
# "named after executed poet X", "the home town of executed former leader Y": a participle that tells who, not what happened
_ATTRIBUTIVE = re.compile(r"\b(?:of|the|a|an|after|for|by|to|with|from|his|her|their|its)\s+$", re.I)


def _clause_hypothetical(text: str, start: int, end: int) -> bool:
    """Whether the clause that holds text[start:end] is told as what could, would or did not happen."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    return bool(_HYPOTHETICAL.search(text[left:right]))


def _words(phrases: list[str] | None) -> str:
    """An alternation of phrases from the lexicon, longest first ("street fighting" before "fighting")."""
    return "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases or ()), key=len, reverse=True)) or "(?!)"


_NOUN_AFTER = {"in", "after", "by", "since", "during", "following"}
_DETERMINERS = {"the", "a", "an", "its", "their", "this", "that", "his", "her", "our", "whose"}


def _is_noun(text: str, start: int) -> bool:
    """'the battle for', 'its offensive on', 'the full liberation of', 'military operations in', 'the July 20
    attack in': a determiner or possessive at most three words before the cue word, with only modifiers between."""
    lead = text[:start].rstrip().split()[-5:]
    lead = lead[-3:] if not any(_YEAR.fullmatch(w) for w in lead) else lead   # ("the August 2015 gas attack on")

    def modifier(i: int) -> bool:   # (a day is one beside its month: "the 13 November attacks")
        word = lead[i]
        return word.isalpha() or "-" in word or bool(_YEAR.fullmatch(word)) or bool(_DAY.fullmatch(word)) and any(
            0 <= j < len(lead) and lead[j].strip(",") in MONTH_NAMES for j in (i - 1, i + 1))
    for i in range(len(lead) - 1, -1, -1):
        word = lead[i].lower().strip("“”\"'")
        # ("the Syrian Democratic Forces' capture of X": a plural's possessive too)
        if word in _DETERMINERS or lead[i].lower().endswith(("’s", "'s", "s'", "s’")):
            return all(modifier(j) for j in range(i + 1, len(lead)))
        if word in _NOUN_AFTER and i < len(lead) - 1:   # "killed in twin suicide bombings at ...": a noun after "in"
            return all(modifier(j) for j in range(i + 1, len(lead)))
        # ("And last Saturday, twin suicide bombings at a rally in X": modifiers opening a clause; not "the jets
        # returned, bombing targets in X", where no modifier stands between)
        if lead[i].endswith(",") and i < len(lead) - 1 and all(modifier(j) for j in range(i + 1, len(lead))):
            return True
        if not modifier(i) or word in {"and", "or", "to", "of", "in", "on", "was", "were", "is"}:
            break
    return bool(lead) and lead[-1].lower() in {"military", "ground", "final", "renewed", "fresh", "major"}


_DAY = re.compile(r"\d{1,2},?")
_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d\d)\s+$")


def _year_before(text: str, start: int) -> int | None:
    """The year that names an operation: "the 2005 Amman bombings" (whatever else the sentence dates)."""
    m = _YEAR_BEFORE.search(text[max(0, start - 6):start])
    return int(m.group(1)) if m else None


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEAR_AFTER = re.compile(r"[^,;:.—–()]{0,30}?\b((?:19|20)\d\d)\b")   # in the same clause, a few words on
_FELL = re.compile(r"\b(?:fall|fell|fallen|overran|overrun)\b", re.I)
_RETAKEN = re.compile(r"\b(?:re-?(?:took|take|taken|takes|captured?|capturing)|recapture|liberat\w*|freed|free|fell\s+to\s+"   # (taken back by the state)
                      r"(?:the\s+)?(?:Iraqi|Syrian|Kurdish|government|pro-government|regime|army|Peshmerga|SDF|YPG))\b", re.I)
# a sentence that tells when: a year, a month, a day, or a time reckoned from the day of writing
_DATED = re.compile(r"\b(?:(?:19|20)\d\d|" + "|".join(MONTH_NAMES + WEEKDAY_NAMES) + r"|(?i:yesterday|"
                    r"(?:last|this|earlier\s+this)\s+(?:week|month|year|spring|summer|autumn|winter)))\b")


# "French warplanes", "U.S.-led coalition jets", "Syrian government aircraft": who the strikers are
_STRIKER = re.compile(r"\b(U\.S\.|US|American|[Cc]oalition|[A-Z][a-z]+)(?:[\s-]+(?:led|government|regime|military|"
                      r"air\s+force|coalition|long-range))*(?:\s+[A-Z][A-Za-z]?/?[A-Z]*-\d+[A-Z]?)?\s+$")   # ("Iraqi F-16 warplanes")
_STRIKER_NAMES = {"U.S.": "US", "American": "US"}


def _striker(lex: Lexicon, lead: str) -> str | None:
    m = _STRIKER.search(lead)
    if not m:
        return None
    if re.search(r"(?i)coalition", m.group(0)):
        return "Coalition"   # ("US-led coalition jets": the coalition's)
    word = _STRIKER_NAMES.get(m.group(1), m.group(1))
    return word if word == "US" or lex.is_demonym(word) else None


def _intervener(lex: Lexicon, lead: str, place: str) -> str | None:
    """The demonym of the country (or its capital) that is the subject right before a verb: "since
    Moscow launched" -> "Russian"; None for anyone else, or for the country the war is waged in."""
    m = re.search(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)(?:\s+(?:(?:has|had|have)\s+)?)?$", lead)   # (or its own: "Turkey's")
    if not m:
        return None
    for country, info in (lex.raw.get("countries") or {}).items():
        names = {country, *(info.get("aliases") or ()), *([info["capital"]] if info.get("capital") else ())}
        if m.group(1) in names and place not in names and info.get("demonyms"):
            return str(info["demonyms"][0])
    return None


def _year_after(text: str, end: int) -> int | None:
    """The year told a few words after `end`, in the same clause."""
    after = _YEAR_AFTER.match(text, end)
    return int(after.group(1)) if after else None


def _taken_year(text: str, end: int, lead: str) -> int | None:
    """The year a place was taken: told right after it in its clause ("the 2003-2011 war ..., was
    captured when they overran Mosul in June 2014"), else told last before it ("the massacre of 1933
    and the summer of 2014, when IS drove them out of Mosul")."""
    found = _YEAR.findall(lead)
    return _year_after(text, end) or (int(found[-1]) if found else None)


_PEOPLE_LISTED = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


def _listed_share(hits: list[OperationHit], index: int, people: list[Match], text: str) -> None:
    """People named in one list share what the sentence says was done to one of them: "beheading the journalists
    James Foley and Steven Sotloff", "Kenji Goto and Haruna Yukawa were killed" (each a killing of their own)."""
    groups: list[list[Match]] = []
    for m in people:
        if groups and _PEOPLE_LISTED.fullmatch(text, groups[-1][-1].end, m.start):
            groups[-1].append(m)
        else:
            groups.append([m])
    for group in groups:
        # (a list ends with "and": "Abu Khalid al-Suri, Ayman al-Zawahiri's envoy" is one man and whose he was)
        if len(group) < 2 or "and" not in text[group[-2].end:group[-1].start] or _POSSESSIVE_AFTER.match(text, group[-1].end):
            continue
        done = {h.place: h for h in hits if h.sentence == index and h.kind in ("killing", "abduction")}
        told = next((done[m.entity_id] for m in group if m.entity_id in done), None)
        for m in group if told else ():
            if m.entity_id not in done:
                hits.append(OperationHit(m.entity_id, told.kind, index, told.phrase, told.year))


def _listed_before(places: list[Match], m: Match, text: str) -> list[Match]:
    """The places listed right before `m`, each joined to the next as `_LISTED` joins them, first first."""
    out: list[Match] = []
    first = m
    for p in sorted((p for p in places if p.end <= m.start), key=lambda p: p.start, reverse=True):
        if not _LISTED.fullmatch(text, p.end, first.start):
            break
        out.insert(0, p)
        first = p
    return out


def _is_noun_after(text: str, start: int) -> bool:
    lead = text[:start].rstrip().split()
    if len(lead) > 1 and _year_before(text, start):
        lead = lead[:-1]   # "the 2005 Amman bombings"
        if len(lead) > 1 and lead[-1] in MONTH_NAMES:
            lead = lead[:-1]   # "the November 2015 Paris attacks"
    return bool(lead) and lead[-1].lower() in {"the", "a", "an", "its", "their", "this", "infamous", "deadly", "recent"}


_ANAPHOR_WORD = re.compile(r"(?i:city|town|capital)")   # what every anaphor of `_cue_patterns` holds


# ("a volunteer who drives food from Kostiantynivka into the town": a road travelled, no one driven out)
_ROUTE_ON = re.compile(r"\s+(?:on\s+)?(?:to|into|towards?)\b")


def _taker(cue: re.Match[str] | None, text: str, end: int) -> re.Match[str] | None:
    """The verb that took the place ending at `end`, unless it drove something from there to elsewhere."""
    return None if cue and cue.group(0).rstrip().endswith("from") and _ROUTE_ON.match(text, end) else cue


# ("Kirkuk, an oil-rich city claimed by both Baghdad and the Kurdistan Region, ... pushed them out of the city")
_CALLED = re.compile(r",\s+(?:an?|the|its)\s+(?:[\w'’-]+\s+){0,4}?(city|town)\b", re.I)


def _antecedent(text: str, places: list[Match], kinds: dict[str, str], fits: tuple[str, ...], end: int) -> str | None:
    """What "the city" (or "the town") before `end` stands for: the place the sentence calls so in an apposition,
    else the one it named last."""
    earlier = [m for m in places if m.end <= end and kinds.get(m.entity_id) in fits]
    called = [m for m in earlier if (c := _CALLED.match(text, m.end)) and c.group(1).lower() in fits]
    return (called or earlier)[-1].entity_id if earlier else None


def _anaphor_target(rest: str, last_city: str | None, last_province: str | None, kinds: dict[str, str]) -> str | None:
    m = _ANAPHOR.match(rest)
    if not m:
        return None
    if m.group(1).lower().startswith("provincial") and last_province:
        base = last_province[: -len("-province")] if last_province.endswith("-province") else None
        return base if base in kinds else last_city
    return last_city


def group_operations(hits: list[tuple[str, OperationHit]], lex: Lexicon, place_names: dict[str, str],
                     kinds: dict[str, str]) -> dict[tuple[str, str, int | None], dict]:
    """(place id, family, era) -> {name, kind, hits}; hits carry their source id. Battles for one
    place years apart are two operations (Mosul fell in 2014 and was retaken in 2016-2017): the
    years told split where two in a row are two or more apart; `era` is the first year of each
    part, None when there is one. A town's air base fought for within a year of the town is the
    town's battle (`kinds`: place id -> kind)."""
    owner = _bases_of_towns(hits, kinds, place_names)
    grouped: dict[tuple[str, str], list[tuple[str, OperationHit]]] = defaultdict(list)
    for source, hit in hits:
        place = owner.get((hit.place, hit.year), hit.place) if hit.family == "battle" else hit.place
        grouped[(place, hit.family)].append((source, hit))
    templates = lex.operation_cues["conventional_names"]
    out = {}
    for (place, family), everyone in sorted(grouped.items()):
        for era, members in _eras(everyone) if family != "battle" else _phases(_eras(everyone)):
            kinds = Counter(h.kind for _, h in members)
            kind = min(kinds, key=lambda k: (-kinds[k] if k != "siege" else -kinds[k] - 0.5, _PRIORITY.index(k)))
            if kind == "siege" and kinds.get("siege", 0) < max(kinds.values()):
                kind = next(k for k in _PRIORITY if k in kinds and k != "siege")
            phase = era[1] if isinstance(era, tuple) else None   # (a town lost, then retaken: `_phases`)
            years = Counter(h.year for _, h in members if h.year)
            year = min(y for y, n in years.items() if n == max(years.values())) if years else None
            by = next((h.by for _, h in members if h.by), None)
            template = _template(templates, kind, phase, " ".join(h.phrase for _, h in members), by)
            name = template.format(place=place_names[place], year=year or "undated", by=by)
            name = name.replace(" (undated)", "")
            if era is not None and "{year}" not in templates[kind]:
                name = f"{name} ({year})"   # "Siege of X" twice: each part is told by its year
            out[(place, family, era)] = {"name": name, "kind": kind, "hits": members, "year": year,
                                        "place_name": place_names[place]}
    return out


def _bases_of_towns(hits: list[tuple[str, OperationHit]], kinds: dict[str, str],
                    place_names: dict[str, str]) -> dict[tuple[str, int | None], str]:
    """(base id, year) -> the town whose name opens the base's or dam's ("Tabqa air base", "the Tabqa Dam":
    Tabqa), where the town's battle is told within a year and the map puts the base beside the town: the
    battle for the base was the town's. (Not a base the map puts far away or does not know: Mosul Dam fell
    two months after Mosul and 40 km from it, in a battle of its own.)"""
    years: dict[str, set[int]] = defaultdict(set)
    for _, hit in hits:
        if hit.family == "battle":
            years[hit.place].add(hit.year or 0)
    towns = {place_names[p].lower(): p for p in years if kinds.get(p) in ("city", "town")}
    out: dict[tuple[str, int | None], str] = {}
    for base in (p for p in years if kinds.get(p) in ("base", "dam")):
        words = place_names[base].lower().split()
        town = next((towns[" ".join(words[:k])] for k in range(len(words) - 1, 0, -1) if " ".join(words[:k]) in towns), None)
        if town and not _beside(place_names[base], kinds[base], place_names[town]):
            continue
        told = {y for y in years[base] if y and town and any(t and abs(t - y) <= 1 for t in years[town])}
        for year in told:
            out[(base, year)] = town
        if told and told == years[base] - {0}:
            out[(base, None)] = town   # (its undated hits go where its dated ones went)
    return out


_BESIDE_KM = 15


def _beside(base: str, kind: str, town: str) -> bool:
    """Whether our data file places both and within `_BESIDE_KM` of each other. (Not the gazetteer: this
    runs in the main process, which would load its whole index for it, 25 MB at any size of briefing.)"""
    base_at, town_at = geo.data_point(base, kind), geo.data_point(town, "city")
    return bool(base_at and town_at) and geo.distance_km(base_at, town_at) <= _BESIDE_KM


def _template(templates: dict[str, str], kind: str, phase: str | None, told: str, by: str | None) -> str:
    """How the group is named: a phase of a town lost and retaken by its phase ("Recapture of X"); a
    town that only fell, to whoever took it, by its fall ("Fall of Jalawla (2014)"); strikes whose
    strikers the text tells by them ("French airstrikes on X"); anything else by its kind."""
    if kind == "battle" and phase in templates:
        return templates[phase]
    if kind == "battle" and "fall" in templates and (_FELL.search(told) or _LOST.search(told)) and not _RETAKEN.search(told):
        return templates["fall"]
    if kind == "airstrike" and by and "airstrike_by" in templates:
        return templates["airstrike_by"]
    return templates[kind]


def _eras(members: list[tuple[str, OperationHit]]) -> list[tuple[int | None, list[tuple[str, OperationHit]]]]:
    """The hits split where the years run two or more apart; undated hits go with the largest part."""
    runs: list[list[int]] = []
    for year in sorted({h.year for _, h in members if h.year}):
        if runs and year - runs[-1][-1] < 2:
            runs[-1].append(year)
        else:
            runs.append([year])
    if len(runs) <= 1:
        return [(None, members)]
    parts: dict[int, list[tuple[str, OperationHit]]] = {run[0]: [] for run in runs}
    first_of = {year: run[0] for run in runs for year in run}
    undated = []
    for source, hit in members:
        (parts[first_of[hit.year]] if hit.year else undated).append((source, hit))
    largest = max(parts, key=lambda era: (len(parts[era]), era))
    parts[largest].extend(undated)
    return sorted(parts.items())


# a town lost to the insurgents ("fell to the militants", "IS overran"); not "the fall of X", which
# as often tells the insurgents' loss ("the fall of the town marked the end of Daesh")
_INSURGENTS = r"(?:militants?|jihadists?|insurgents?|extremists?|Islamic\s+State|IS|ISIS|ISIL|Daesh|Daech)"
# insurgents who attacked a village, or people and posts near one: a raid named after the village (a town's
# attackers are more often told of a battle: "IS attacked Kobani")
_RAIDED = re.compile(rf"\b(?:{_INSURGENTS}(?:\s+(?:fighters|militants|gunmen|cells?))?|[Ff]ighters|[Gg]unmen|[Aa]ttackers|[Aa]ssailants|"
                     r"[Aa]rmed\s+men)\s+(?:attacked|stormed|raided|ambushed)\s+"
                     r"(?:(?!(?:and|but|while|after|before)\b)[\w'’-]+\s+){0,5}?(?:(?:near|in|at|outside|around)\s+)?"
                     r"(?:the\s+)?(?:(?:village|commune)\s+of\s+)?$")
# anyone who raided a place, or people and buildings in it ("special forces raided a compound at al-Amr"), and a raid
# told near a place ("a joint US-Iraqi raid near Tikrit"), or the place raided itself: a raid named after the place (not a
# province or country)
_RAIDED_ANY = re.compile(r"\b(?:raided\s+(?:(?!(?:and|but|while|after|before)\b)[\w'’-]+,?\s+){0,8}?(?:near|in|at|outside|around)"
                         r"|\braids?\s+(?:(?:took\s+place|happened|was\s+carried\s+out)\s+(?:\w+\s+)?)?(?:near|outside)"
                         r"|\braided)"   # ("the insurgents raided Macomia")
                         r"\s+(?:the\s+)?(?:(?:village|town)\s+of\s+)?$", re.I)
# a relative clause set off by commas: it tells of the name it follows ("The Kremlin, which began its air
# campaign last September, has presented the battle for X as proof"), and its dates are of that name
ASIDE = re.compile(r",\s*(?:which|who|whose)\b[^,;:()]*,")
_SINCE = re.compile(r"\bsince\s+(?:[\w-]+\s+){0,3}$", re.I)
_INSURGENT_OWNER = re.compile(rf"\b(?:the\s+)?{_INSURGENTS}['’]s?\s+$", re.I)
_RAID_KINDS = {"city", "town", "village", "other", "landmark", "camp", "base", "district"}
_LOST = re.compile(rf"\b(?:(?:fell|falls|fall)\s+to|(?:captured|seized|taken|occupied)\s+by)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
                   rf"{_INSURGENTS}\b|\boverr(?:an|un)\b|^(?:the\s+)?{_INSURGENTS}['’]s?\s+(?:seizure|capture|takeover|conquest)\b"
                   rf"|\b{_INSURGENTS}\W+(?:[\w-]+\s+){{0,3}}?"
                   r"(?:seized|seizes|captured|captures|took|takes|stormed|storms|occupied|swept\s+into|sweeps\s+into)\b"
                   # ("drove the last Iraqi troops out of Ramadi": whoever drove the town's defenders out took it)
                   rf"|\bdr[io]ve\s+(?:the\s+)?(?:last\s+)?(?:(?!{_INSURGENTS}\b)[\w-]+\s+){{0,2}}?"
                   r"(?:troops|soldiers|forces|army|garrison|defenders|policemen)\s+(?:out\s+of|from)\b", re.I)


def _phases(eras: list[tuple[Any, list[tuple[str, OperationHit]]]]) -> list[tuple[Any, list[tuple[str, OperationHit]]]]:
    """Within one run of years, a town that fell and was retaken had two battles: the one it fell in
    ("Ramadi fell to IS in May") and the one that took it back ("retook Ramadi in December"). Hits
    that tell neither (the battle for X) are of the fight to take it back."""
    out: list[tuple[Any, list[tuple[str, OperationHit]]]] = []
    for era, members in eras:
        lost = {id(h) for _, h in members if _LOST.search(h.phrase) and not _RETAKEN.search(h.phrase)}
        retook = {s for s, h in members if _RETAKEN.search(h.phrase)}
        # (an article that tells the town's loss and not its recapture tells of the loss throughout: "the
        # fall of Ramadi" in a story of how it fell)
        losing = {s for s, h in members if id(h) in lost} - retook
        fell = [(s, h) for s, h in members if id(h) in lost or s in losing]
        if not fell or len(fell) == len(members) or not retook:
            out.append((era, members))
            continue
        first = min((h.year for _, h in members if h.year), default=0)
        out += [((first, "fall"), fell), ((first, "retaken"), [m for m in members if m not in fell])]
    return out


def named_as(lex: Lexicon, groups: dict[tuple, dict], namings: list[tuple[str, str, int, int, str]],
             sentence_of: dict[tuple[str, int], str]) -> dict[tuple, str]:
    """Described battle (group key) -> the named operation the text says it is. `namings`: (operation
    id, source, sentence, offset, surface) where an operation's name was found. Either the name
    carries the place's name ("Last November the Peshmerga retook Sinjar. ... Operation Free Sinjar was
    planned well": the battle of that place told nearest to it in the article), or the sentence of
    the description or one of the two after it says so ("in an offensive the authorities called
    Operation Free Sinjar", "The push is part of what the Hashd calls Operation X"), bringing in no
    other operation first ("It followed a campaign in May, which the YPG called ..."). Attacks are
    their own events, never phases of a named operation."""
    cues = lex.operation_cues
    naming = re.compile(r"\b(?:" + _words(cues.get("naming_verbs")) + r")\s+(?:it\s+|them\s+)?(?:the\s+)?[\"“‘']?$",
                        re.I)
    another = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:"
                         + _words([*cues["before_place"], *cues["after_place"], "operation"]) + r")\b", re.I)
    at: dict[tuple[str, int], set[tuple]] = defaultdict(set)   # (source, sentence) -> battles described there
    told: dict[str, set[tuple[int, tuple]]] = defaultdict(set)   # source -> (sentence, battle)
    for key, group in groups.items():
        if key[1] == "battle":
            for source, hit in group["hits"]:
                told[source].add((hit.sentence, key))
                # ("the campaign for Raqqa, which the SDF named ...": the campaign's name, not its battle's)
                if hit.kind != "campaign" or group["kind"] == "campaign":
                    at[(source, hit.sentence)].add(key)
    claims: dict[tuple, list[tuple[bool, int, str]]] = defaultdict(list)   # battle -> (not carried, distance, op)
    for op_id, source, index, start, surface in namings:
        # (not a battle of other years than the naming sentence tells: Sinjar overrun in 2014 is no
        # "Operation Free Sinjar" of November 2015)
        stated = {int(y) for y in _YEAR.findall(sentence_of[(source, index)])}
        carried = sorted((abs(index - n), key) for n, key in told.get(source, ())
                         if re.search(rf"\b{re.escape(groups[key]['place_name'])}\b", surface, re.I)
                         and not (stated and groups[key]["year"] and groups[key]["year"] not in stated))
        if carried:
            claims[carried[0][1]].append((False, carried[0][0], op_id))
            continue
        lead = sentence_of[(source, index)][:start]
        if not naming.search(lead):
            continue
        for back in (0, 1, 2):
            if back and another.search(lead):
                break
            described = at.get((source, index - back))
            if described:
                if len(described) == 1:
                    claims[next(iter(described))].append((True, back, op_id))
                break
    return {key: min(found)[2] for key, found in claims.items()}
