"""The matcher finds every alias in every spelling, longest first, respecting case for acronyms."""
from briefing.mentions import Matcher


def found(matcher, text):
    return [(m.surface, m.entity_id) for m in matcher.find(text)]


def test_longest_alias_wins_and_variants_match():
    m = Matcher({"Qaraqosh": "qaraqosh", "Nineveh Plains": "nineveh-plains", "Nineveh": "nineveh"})
    assert found(m, "Troops left Qaraqush for the Nineveh Plains.") == [
        ("Qaraqush", "qaraqosh"), ("Nineveh Plains", "nineveh-plains")]


def test_acronyms_need_capitals():
    m = Matcher({"IS": "islamic-state", "US": "united-states"})
    assert found(m, "This is the US-backed force IS fought; U.S. jets.") == [
        ("US", "united-states"), ("IS", "islamic-state"), ("U.S.", "united-states")]


def test_possessives_and_articles():
    m = Matcher({"Jarabulus": "jarabulus", "al-Shaddadi": "shaddadi"})
    assert found(m, "Jarabulus’s mayor fled to Shaddadi.") == [
        ("Jarabulus’s", "jarabulus"), ("Shaddadi", "shaddadi")]


def test_lowercase_alias_only_when_alias_is_lowercase():
    m = Matcher({"coalition": "coalition", "Manbij": "manbij"})
    assert found(m, "The coalition struck manbij and Manbij.") == [("coalition", "coalition"), ("Manbij", "manbij")]


def test_digests_change_only_for_the_names_that_changed():
    base = Matcher({"Qaraqosh": "qaraqosh", "Nineveh Plains": "nineveh-plains"})
    added = Matcher({"Qaraqosh": "qaraqosh", "Nineveh Plains": "nineveh-plains", "Brenna": "brenna"})
    moved = Matcher({"Qaraqosh": "bakhdida", "Nineveh Plains": "nineveh-plains"})
    changed = lambda a, b: {k for k in set(a.digests()) | set(b.digests()) if a.digests().get(k) != b.digests().get(k)}
    assert changed(base, added) == {"brana"}
    assert changed(base, moved) == {"karakash"}


def test_a_word_matched_only_as_written_is_no_spelling_of_an_alias():
    # "Briton" and "Britain" share a key once vowels fold; a Briton is no mention of Britain
    m = Matcher({"Britain": "united-kingdom", "Briton": "a-sheet-so-named"}, exact_only={"Briton", "Britons"})
    assert found(m, "The Briton left Britain; two Britons stayed.") == [
        ("Briton", "a-sheet-so-named"), ("Britain", "united-kingdom")]
    assert found(Matcher({"Britain": "united-kingdom"}), "The Briton left.") == [("Briton", "united-kingdom")]


def test_could_match_is_false_only_where_find_finds_nothing():
    # (an article is matched again only where some name has all its words among the article's words)
    m = Matcher({"Battle of Tabqa": "battle-of-tabqa", "Battle of Mosul": "battle-of-mosul",
                 "Operation Inherent Resolve": "oir"})
    texts = ["The battle for Tabqa began.", "The Battle of Tabqa began.", "A battle near Mosul, of course.",
             "Operation Inherent Resolve struck.", "Inherent resolve, said the operation's head."]
    for text in texts:
        keys = {w[2] for w in Matcher.words(text)}
        assert m.could_match(keys) == (text != "The battle for Tabqa began."), text
        if not m.could_match(keys):
            assert found(m, text) == []
    assert found(m, "The Battle of Tabqa began.") == [("Battle of Tabqa", "battle-of-tabqa")]
