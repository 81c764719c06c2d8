"""The starter dictionary and cue words, loaded once from `data/lexicon.yaml`."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, TypeVar

import yaml

from .names import fold


@dataclass(frozen=True)
class Known:
    """A dictionary entity: becomes a sheet only when an article names it."""

    name: str
    folder: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None


T = TypeVar("T")


@dataclass
class Lexicon:
    entities: list[Known]
    demonyms: dict[str, str | None]           # folded demonym -> country name (None: a people)
    titles: list[str]                          # longest first
    role_nouns: set[str]
    org_heads: dict[str, str]                  # last word -> actor kind
    place_nouns: dict[str, dict[str, Any]]     # lowercase noun phrase -> {kind, keep}
    place_heads: dict[str, str]                # capitalised last word -> location kind
    place_of_cues: dict[str, str | None]
    operation_cues: dict[str, Any]
    stopwords: set[str]
    connectors: set[str]
    name_prefixes: set[str]
    given_names: frozenset[str] = frozenset()              # data/given_names.yaml
    raw: dict[str, Any] = field(default_factory=dict)      # the whole file, for rules with their own keys
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: str, build: Callable[[Lexicon], T]) -> T:
        """What a rule module compiles from the lexicon (its patterns): built on first use, then kept with it."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]

    @property
    def landmark_heads(self) -> frozenset[str]:
        """The nouns a landmark is named by, before or after what it is of ("Temple of Bel", "Bel temple"), lower case."""
        return frozenset(w.lower() for w, kind in self.place_heads.items() if kind == "landmark") | \
            frozenset(self.raw.get("landmark_appositives") or ())

    def is_demonym(self, word: str) -> bool:
        return fold(word) in self.demonyms

    def exact_words(self) -> frozenset[str]:
        """Words a name matches only as it is spelled: demonyms ("Briton" is no Britain) and one-word
        titles ("Mullah" is no Mali, though vowel folding spells both alike)."""
        return frozenset(self.demonyms) | {fold(t) for t in self.titles if " " not in t}


def _load(data: dict[str, Any], given_names: Any = None) -> Lexicon:
    entities = [
        Known(e["name"], e["folder"], e["kind"], tuple(e.get("aliases") or ()), e.get("country"))
        for e in data["entities"]
    ]
    demonyms: dict[str, str | None] = {fold(d): None for d in data["demonyms"]}
    for country, info in data["countries"].items():
        entities.append(Known(country, "locations", "country", tuple(info.get("aliases") or ())))
        for demonym in info.get("demonyms") or ():
            demonyms[fold(demonym)] = country
    org_heads = {word: kind for kind, words in data["org_heads"].items() for word in words}
    place_heads = {word: kind for kind, words in data["place_heads"].items() for word in words}
    return Lexicon(
        entities=entities,
        demonyms=demonyms,
        titles=sorted(data["titles"], key=len, reverse=True),
        role_nouns=set(data["role_nouns"]),
        org_heads=org_heads,
        place_nouns=data["place_nouns"],
        place_heads=place_heads,
        place_of_cues=data["place_of_cues"],
        operation_cues=data["operation_cues"],
        stopwords=set(data["stopwords"]),
        connectors=set(data["connectors"]),
        name_prefixes=set(data["name_prefixes"]),
        given_names=frozenset(name for group in (given_names or {}).get("given_names") or () for name in group),
        raw=data,
    )


def data_file(name: str) -> Any:
    """A YAML file of the package's `data/`, parsed by libyaml where PyYAML has it (the pure-Python
    parser took 0.6 s of every run over `lexicon.yaml`)."""
    text = resources.files("briefing").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return _load(data_file("lexicon.yaml"), data_file("given_names.yaml"))
