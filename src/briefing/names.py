"""Pure helpers for names: comparison keys that fold transliteration variants, and slugs.

`name_key` makes Raqqa/Raqqah/Raqaa, Tal/Tel Abyad, Deir az-Zour/Deir Ezzor, Kobane/Kobani
and Nusra/Nusrah compare equal, while Iran and Oran stay apart (a word's first letter is kept).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

APOSTROPHES = "\u2019\u2018\u02bc\u02bf\u02be`\u00b4"
# Arabic article forms that are written attached with a hyphen (az-Zour, ash-Sham) or, for
# al/el, also as a separate word (al Qaeda).
_HYPHEN_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "ath", "az", "an", "ad", "adh",
                    "ed", "er", "es", "ez", "en", "et", "ud", "ul", "ur", "us", "uz", "un"}
_FREE_ARTICLES = {"al", "el", "ar", "az"}   # "Ar Raqqah", "Dayr Az Zawr" (not as, at, an: English words)
# separate only before a word opening with the letter they assimilated to ("Deir Ez Zor", "Ad Dawr")
_SUN_ARTICLES = {"ez", "es", "ad", "adh", "ash", "ath", "et"}
# a name opening with an article written with a hyphen ("al-Bab", "ash-Sham"): an Arabic name, whatever else it spells
ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez|ud|ul|wal)-(?=[A-Z])")   # ("wal-Ansar": "and the Ansar")
KUNYA = ("Abu", "Umm")   # "Abu Khaled al-Suri": a name that opens with "father of" (or "mother of")
PROVINCE_WORD = re.compile(r"\b(?:province|governorate)s?$", re.I)   # "Salah al-Din governorate", "the Hama province"
_FUSED_ARTICLE = re.compile(r"^[ae]([dnrstz])(?=\1[a-z]{2})")  # Ezzor, Assad -> zor, sad
_VOWELS = re.compile(r"[aeiouy]+")
_GENERATION = {"jr", "sr"}   # the keys of a generational suffix closing a person's name
_FINAL_I = re.compile(r"(?<=[^aeiouy])[eiy]+$")
_ISATION = re.compile(r"is(ations?|ers?)$")   # British -isation spellings, as American -ization
_SAME_WORD = {"governorate": "province", "governorates": "provinces",   # Iraq's and Syria's provinces, either way
              # British and American spellings the vowel folding does not join (Armoured/Armored it does)
              "defence": "defense", "offence": "offense", "centre": "center", "centres": "centers",
              "theatre": "theater", "programme": "program", "kilometre": "kilometer", "kilometres": "kilometers",
              # names the vowel folding would join that are two names: Hussein is not Hassan (a capital Y
              # is kept apart from the vowels that fold)
              **{v: "husaYn" for v in "hussein husein hussain husain husayn hussayn hossein hosein".split()},
              **{v: "husaYni" for v in "husseini huseini hussaini husaini husayni".split()},
              "un": "united nations",   # (the UN's agencies and forces are named either way: "UN Disengagement Observer Force")
              "st": "saint", "ste": "sainte",   # (St Denis is Saint-Denis)
              # ordinals in words and in figures: "Ninth Armored Division", "9th Armoured Division"
              **dict(zip("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
                         "1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th 11th 12th".split()))}
# a prefix written apart, hyphenated or joined is one word: Counter Terrorism, Counter-Terrorism, Counterterrorism
_JOINED_PREFIXES = {"counter", "anti"}
# one kind of place, written several ways: "Kuweires air base", "Kuweires airbase", "Kuweires military airport"
_AIRBASE = re.compile(r"\b(?:military\s+air(?:port|base|field)|air\s*base|air\s*field)\b", re.I)
# U.S. and U.N. are one word; otherwise letters/digits with inner apostrophes (Raqqa's)
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)


# letters Unicode does not decompose into a base letter and an accent (Turkish dotless i: Ceylanpınar)
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase ASCII-ish form: accents off, typographic apostrophes straightened."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_UNDECOMPOSED)
    for ch in APOSTROPHES:
        text = text.replace(ch, "'")
    return text.lower()


@lru_cache(maxsize=1 << 18)   # words repeat across a corpus: each is keyed once
def token_key(token: str) -> str:
    """The comparison key of one word (already split off its neighbours)."""
    word = fold(token)
    word = re.sub(r"'s$", "", word).replace("'", "").replace(".", "")
    if not word:
        return ""
    if word.isdigit():
        return word
    word = _ISATION.sub(r"iz\1", word)         # Mobilisation/Mobilization, Organisation/Organization
    word = _SAME_WORD.get(word, word)
    word = _FUSED_ARTICLE.sub("", word)
    word = re.sub(r"(.)\1+", r"\1", word)       # Raqqa -> Raqa, Issa -> Isa
    word = word.replace("q", "k").replace("x", "kh")   # (Kurdish x is kh: Xelil, Khalil)
    ending_h = len(word) > 3 and word.endswith("h") and word[-2] in "aeiou"
    if ending_h:
        word = word[:-1]                        # Raqqah -> Raqqa, Nusrah -> Nusra, Qatraneh -> Qatrana
    # consonantal y (Qayyarah) is not a vowel; a last "yi" is one vowel ("Zelenskyi" is Zelenskiy, Zelensky)
    word = re.sub(r"(?<=.)y(?=[aeiou])(?!i$)", "Y", word)
    if word.startswith("ye") and len(word) > 5 and word[2] not in "aeiouy":
        word = word[1:]                         # Yevgeny/Evgeny, Yerevan/Erevan: a Russian e written with its y
    head, tail = word[0], word[1:]
    if head in "aeiouy":
        head_run = re.match(r"[aeiouy]+", word)
        tail = word[head_run.end():] if head_run else tail
    # Kobane/Kobani, Tal/Tel, Zour/Zor; but a last vowel i or e is not a: "al-Qaidi" is a man, not al-Qaeda
    # (an ending "eh" is one "ah" is too: Hasakeh, Hasakah)
    end = None if ending_h else _FINAL_I.search(tail)
    tail = _VOWELS.sub("a", tail[:end.start()]) + "i" if end else _VOWELS.sub("a", tail)
    return (head + tail).lower()


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with their spans; hyphens and punctuation separate words."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def is_article(token: str, after: str) -> bool:
    """True for an Arabic article token (`after`: the next few characters of the text): al/el
    anywhere, a sun letter's before a word opening with that letter, the others before a hyphen."""
    if len(token) > 3 or (len(token) > 1 and token.isupper()):   # (articles are short: most words stop here)
        return False  # US-backed, AN-94: capitals make it an acronym, not an article
    low = fold(token)
    if low in _FREE_ARTICLES:
        return True
    if low in _SUN_ARTICLES and after[:1] == " ":
        return after[1:len(low)].lower() == low[1:] and after[1:2].isupper()
    return low in _HYPHEN_ARTICLES and after[:1] == "-"


_CODE = re.compile(r"\b([A-Z]{1,2})-(\d+)\b")   # a base's or a road's code: a capital or two, a hyphen, a number
_MINISTRY_OF = re.compile(r"^(?:[Tt]he\s+)?(?:([A-Z][\w-]*)\s+)?Ministry\s+of\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)$")


@lru_cache(maxsize=1 << 18)   # names repeat across a corpus too: a hub's name in every article
def name_key(name: str) -> str:
    """Key under which two spellings of one name compare equal ('' when nothing is left)."""
    text = name.strip()
    if "Ministry of " in text:
        # "the Ministry of Interior" is the Interior Ministry, "the Russian Ministry of Defence" the Russian Defence Ministry
        text = _MINISTRY_OF.sub(lambda m: " ".join(filter(None, (m[1], m[2], "Ministry"))), text)
    if "-" in text:
        text = _CODE.sub(r"\1\2", text)   # "K-1" is K1, "T-0513" T0513
    if "ir" in text or "IR" in text:   # (most names have no air base: skip the search)
        text = _AIRBASE.sub("airbase", text)
    parts = []
    prefix = ""
    toks = tokens(text)
    for i, (start, end, tok) in enumerate(toks):
        if is_article(tok, text[end:end + 4]) and i + 1 < len(toks):
            continue
        if i == 0 and fold(tok) == "the" and len(toks) > 1:
            continue
        if prefix:
            tok, prefix = prefix + tok, ""
        elif fold(tok) in _JOINED_PREFIXES and i + 1 < len(toks):
            prefix = tok
            continue
        key = token_key(tok)
        if key:
            parts.append(key)
    if len(parts) > 2 and parts[-1] in _GENERATION:
        parts.pop()   # "Kenneth F. McKenzie Jr." is Kenneth F. McKenzie
    return " ".join(parts)


def from_capitals(text: str) -> list[str]:
    """The words of a name written in capitals, as a name is written: "AL-BAB" -> ["al-Bab"]."""
    return [w[:3].lower() + w[3:].capitalize() if re.match(r"(?i)(?:al|el)-", w) else w.capitalize()
            for w in text.split()]


def surname_form(name: str) -> str:
    """A person's last word as written, folded and without an Arabic article or a possessive: 'al-Baghdadi',
    'Baghdadi' and "Baghdadi's" agree; 'Jughaifa' (a tribe) and 'al-Jughaifi' (one of them) share a `name_key`
    but not this."""
    return re.sub(r"^(?:al|el|ad|ar|as|ash|at|az|an)-|'s?$", "", fold(name.split()[-1]))


def one_word_names(names: Iterable[str]) -> set[str]:
    """The one-word names among `names`, acronyms aside (a person's surname alone)."""
    return {n for n in names if len(n.split()) == 1 and not is_acronym(n)}


_MOUNTAIN = re.compile(r"^(?:jabal|jebel|jabel|mount|mt\.?)\s+(.+)$|^(.+?)\s+(?:mountains?|mts?\.?|range|hills)$", re.I)


def mountain_core(name: str) -> str | None:
    """What a mountain is called without the word for mountain: "Tharda" of Jabal Tharda, Mount
    Tharda and the Tharda mountains; None for a name that is no mountain's."""
    m = _MOUNTAIN.match(name.strip())
    return (m.group(1) or m.group(2)) if m else None


def slugify(text: str, max_length: int = 80) -> str:
    """A stable, URL- and file-safe id: lowercase ASCII words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", fold(text).replace("'", ""))
    slug = "-".join(words)[:max_length].strip("-")
    return slug or "unnamed"


def is_acronym(name: str) -> bool:
    """IS, SDF, YPG/YPJ, CJTF – OIR, U.S.: short and written in capitals."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(letters) <= 8 and all(c.isupper() for c in letters)
