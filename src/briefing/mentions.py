"""Find known names in text: every alias of every sheet, in any of its spellings.

Token n-gram lookup (not one giant regex), so matching stays linear in the text and in the
number of aliases: ten thousand sheets cost a dictionary, not a slower scan.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from .names import fold, is_acronym, is_article, surname_form, token_key, tokens


@dataclass(frozen=True, order=True)
class Match:
    start: int
    end: int
    entity_id: str
    surface: str


@dataclass(frozen=True)
class _Alias:
    entity_id: str
    name: str
    acronym: bool
    cased: bool  # the alias has a capital letter, so the text must have one too
    spelled: bool = False   # matched only as spelled (a person's surname: Abedi is not Abadi)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


class Matcher:
    """Matches aliases (surface name -> entity id) in text, longest match first."""

    def __init__(self, names: Mapping[str, str] | Iterable[tuple[str, str]],
                 exact_only: Iterable[str] = (), spelled: Iterable[str] = ()) -> None:
        # words matched only as an alias spells them: a demonym's key may be a name's ("Briton" is
        # spelled like "Britain" once vowels fold), but a Briton is no mention of Britain
        self._exact_only = frozenset(fold(w) for w in exact_only)
        # aliases matched only as spelled, up to case, accents and an article: one-word names of people,
        # whose spellings vowel folding joins though they name different men ("Abedi", "Abadi")
        spelled = frozenset(spelled)
        pairs = names.items() if isinstance(names, Mapping) else names
        self._table: dict[tuple[str, ...], list[_Alias]] = {}
        self._lengths: dict[str, set[int]] = {}
        self.max_len = 0
        for name, entity_id in sorted(pairs, key=lambda p: (p[1], p[0])):
            keys = self.keys_of(name)
            if not keys:
                continue
            alias = _Alias(entity_id, name, is_acronym(name), any(c.isupper() for c in name), name in spelled)
            self._table.setdefault(keys, []).append(alias)
            self._lengths.setdefault(keys[0], set()).add(len(keys))
            self.max_len = max(self.max_len, len(keys))
        # per first word, the alias lengths to try, longest first: most words start no alias
        self._tries = {first: sorted(lengths, reverse=True) for first, lengths in self._lengths.items()}
        # each alias under its rarest word ("Battle of Tabqa" under "tabqa", not "battle"): see `could_match`
        counts = Counter(k for keys in self._table for k in set(keys))
        self._by_rarest: dict[str, list[tuple[str, ...]]] = {}
        for keys in self._table:
            self._by_rarest.setdefault(min(keys, key=lambda k: (counts[k], k)), []).append(keys)

    @staticmethod
    def keys_of(text: str) -> tuple[str, ...]:
        toks = tokens(text)
        out = []
        for i, (start, end, tok) in enumerate(toks):
            if is_article(tok, text[end:end + 4]) and i + 1 < len(toks):
                continue
            if i == 0 and fold(tok) == "the" and len(toks) > 1:
                continue
            key = token_key(tok)
            if key:
                out.append(key)
        return tuple(out)

    def __len__(self) -> int:
        return len(self._table)

    def could_match(self, keys: set[str]) -> bool:
        """Whether some alias has all its words among `keys` (the keys of a text's words, `words`):
        if none has, `find` finds nothing anywhere in that text."""
        return any(all(k in keys for k in names) for rarest in keys & self._by_rarest.keys()
                   for names in self._by_rarest[rarest])

    def digests(self) -> dict[str, str]:
        """Each alias key sequence (space-joined) -> a digest of the aliases it stands for. Compared
        with last run's, it tells which names were added, removed or moved to another sheet."""
        return {" ".join(keys): hashlib.sha1(repr(aliases).encode()).hexdigest()[:16]
                for keys, aliases in sorted(self._table.items())}

    @staticmethod
    def words(text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of the words `find` looks up; an Arabic article folds into the word after it."""
        toks = tokens(text)
        words: list[tuple[int, int, str]] = []
        pending_start: int | None = None
        for i, (start, end, tok) in enumerate(toks):
            if is_article(tok, text[end:end + 4]) and i + 1 < len(toks):
                pending_start = start if pending_start is None else pending_start
                continue
            key = token_key(tok)
            if key:
                words.append((start if pending_start is None else pending_start, end, key))
            pending_start = None
        return words

    def find(self, text: str, words: list[tuple[int, int, str]] | None = None) -> list[Match]:
        """Non-overlapping matches, left to right, the longest alias winning at each place."""
        words = self.words(text) if words is None else words
        found: list[Match] = []
        i = 0
        keys = [w[2] for w in words]
        while i < len(words):
            hit = None
            for n in self._tries.get(keys[i], ()):
                if i + n > len(words):
                    continue
                candidates = self._table.get(tuple(keys[i:i + n]))
                if not candidates:
                    continue
                start, end = words[i][0], words[i + n - 1][1]
                surface = text[start:end]
                alias = self._pick(candidates, surface, fold(surface) in self._exact_only)
                if alias:
                    hit = (n, Match(start, end, alias.entity_id, surface))
                    break
            if hit:
                found.append(hit[1])
                i += hit[0]
            else:
                i += 1
        return found

    @staticmethod
    def _pick(candidates: list[_Alias], surface: str, exact_only: bool = False) -> _Alias | None:
        letters = _letters(surface)
        exact = [a for a in candidates if a.name == surface]
        if exact or exact_only:
            return exact[0] if exact else None
        for alias in candidates:
            if abs(len(_letters(alias.name)) - len(letters)) > max(2, len(letters) // 3):
                continue  # a spelling key shared by words of very different length (Qayyarah/Kerry)
            if alias.acronym:
                if _letters(alias.name) == letters or _letters(alias.name) + "s" == letters.rstrip("'"):
                    return alias
                continue
            if alias.cased and not any(c.isupper() for c in surface):
                continue
            if alias.spelled and surname_form(alias.name) != surname_form(surface):
                continue
            return alias
        return None
