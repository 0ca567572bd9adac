"""identity.resolve on summaries: the rules of evidence, one case each."""

from __future__ import annotations

from explorer.store.identity import Summary, Tables, resolve


def _s(name: str, label: str, mentions: int, **kw) -> Summary:
    return Summary(f"{label}:{name}", name, label, mentions, kw.pop("documents", mentions), **kw)


def _one_each(pairs):
    return dict.fromkeys(pairs, 1)


def _table(*items: Summary) -> dict[str, Summary]:
    return {s.key: s for s in items}


def test_label_vote_weighs_mentions_and_says_so() -> None:
    s = _table(_s("Google", "ORG", 80), _s("Google", "GPE", 8), _s("Google", "PERSON", 4))
    result = resolve(s)
    assert result.canonical("GPE:Google") == "ORG:Google"
    assert result.canonical("PERSON:Google") == "ORG:Google"
    decision = result.merges["GPE:Google"]
    assert decision.reason == "label vote: ORG 80 mentions against GPE 8"
    assert 0.8 < decision.confidence < 0.9


def test_place_contexts_keep_a_town_apart() -> None:
    s = _table(
        _s("Espoo", "ORG", 30, ctx={"said": 10, "the": 5}),
        _s("Espoo", "GPE", 8, ctx={"in": 6, "the": 2}),
    )
    assert resolve(s).merges == {}
    # Without the contexts, the town would be outvoted.
    s["GPE:Espoo"].ctx = {"said": 3}
    assert resolve(s).canonical("GPE:Espoo") == "ORG:Espoo"


def test_a_surname_shared_by_two_people_joins_neither() -> None:
    s = _table(
        _s("Lawson", "PERSON", 20),
        _s("Nigel Lawson", "PERSON", 30),
        _s("Mary Lawson", "PERSON", 25),
    )
    assert resolve(s).merges == {}
    s["PERSON:Mary Lawson"].mentions = 2  # one of them dominates: the surname is his
    assert resolve(s).canonical("PERSON:Lawson") == "PERSON:Nigel Lawson"


def test_a_company_that_is_also_a_surname_stays_a_company() -> None:
    s = _table(_s("Ford", "ORG", 500), _s("Gerald Ford", "PERSON", 20))
    assert resolve(s).merges == {}


def test_a_misspelling_needs_frequency_and_shared_evidence() -> None:
    s = _table(_s("Paul Volcker", "PERSON", 280), _s("Paul Vocker", "PERSON", 2))
    assert resolve(s).merges == {}  # nothing shared: two names for all we know
    shared = resolve(s, shared_docs=_one_each)
    assert shared.canonical("PERSON:Paul Vocker") == "PERSON:Paul Volcker"
    s["PERSON:Paul Volcker"].mentions = 6  # not much more frequent
    assert resolve(s, shared_docs=_one_each).merges == {}


def test_a_changed_first_name_is_another_person() -> None:
    tables = Tables(first_names=frozenset({"mark", "mary"}))
    s = _table(_s("Mark Lee", "PERSON", 40), _s("Mary Lee", "PERSON", 5))
    assert resolve(s, tables, shared_docs=_one_each).merges == {}


def test_nationality_links_to_its_country_and_stays() -> None:
    tables = Tables(demonyms={"Japanese": "Japan"})
    s = _table(_s("Japan", "GPE", 50), _s("Japan", "NORP", 30), _s("Japanese", "NORP", 3))
    result = resolve(s, tables)
    assert result.merges == {}
    assert result.links == {"NORP:Japan": "GPE:Japan", "NORP:Japanese": "GPE:Japan"}


def test_resolution_is_deterministic_whatever_the_order() -> None:
    items = [
        _s("Boeing", "ORG", 41),
        _s("Boeing Co", "ORG", 41),
        _s("Boeing", "PERSON", 5),
        _s("The Boeing Company", "ORG", 3),
        _s("Volcker", "ORG", 71),
        _s("Paul Volcker", "PERSON", 280),
        _s("Mr Volcker", "PERSON", 9),
    ]
    one = resolve(_table(*items)).merges
    two = resolve(_table(*reversed(items))).merges
    assert one == two
    assert {d.canonical for d in one.values()} == {"ORG:Boeing", "PERSON:Paul Volcker"}


def test_incremental_keeps_what_it_did_not_touch() -> None:
    s = _table(_s("Volcker", "ORG", 71), _s("Paul Volcker", "PERSON", 280), _s("Nokia", "ORG", 9))
    first = resolve(s)
    s["PERSON:Mary Volcker"] = _s("Mary Volcker", "PERSON", 200)
    again = resolve(s, previous=first, touched={"PERSON:Mary Volcker"})
    assert again.merges == resolve(s).merges == {}  # "Volcker" is ambiguous now


def test_a_name_gone_frees_what_had_joined_it() -> None:
    s = _table(_s("Volcker", "ORG", 71), _s("Paul Volcker", "PERSON", 280))
    first = resolve(s)
    assert first.canonical("ORG:Volcker") == "PERSON:Paul Volcker"
    del s["PERSON:Paul Volcker"]
    s["PERSON:Joan Volcker"] = _s("Joan Volcker", "PERSON", 90)
    touched = {"PERSON:Paul Volcker", "PERSON:Joan Volcker"}
    again = resolve(s, previous=first, touched=touched)
    assert again.merges == resolve(s).merges
    assert again.canonical("ORG:Volcker") == "PERSON:Joan Volcker"


def test_when_a_groups_head_is_gone_the_rest_still_join() -> None:
    s = _table(_s("Boeing Co", "ORG", 50), _s("Boeing", "ORG", 20), _s("BOEING", "ORG", 3))
    first = resolve(s)
    assert first.canonical("ORG:BOEING") == "ORG:Boeing Co"
    del s["ORG:Boeing Co"]
    again = resolve(s, previous=first, touched={"ORG:Boeing Co"})
    assert again.canonical("ORG:BOEING") == "ORG:Boeing" == resolve(s).canonical("ORG:BOEING")


def test_a_familiar_first_name_joins_the_only_formal_one() -> None:
    tables = Tables(first_names=frozenset({"bernie", "bernard", "andy", "andrew", "mark"}))
    s = _table(_s("Bernie Koller", "PERSON", 51), _s("Bernard Koller", "PERSON", 12))
    decision = resolve(s, tables).merges["PERSON:Bernard Koller"]
    assert decision.canonical == "PERSON:Bernie Koller"  # the more mentioned form leads
    assert decision.reason.startswith("another form of the first name of Bernie Koller")
    # two formal names it could stand for: neither
    s = _table(
        _s("Andy Cole", "PERSON", 3), _s("Andrew Cole", "PERSON", 20), _s("Mark Cole", "PERSON", 9)
    )
    assert resolve(s, tables).canonical("PERSON:Andy Cole") == "PERSON:Andrew Cole"
    assert resolve(s, tables).canonical("PERSON:Mark Cole") == "PERSON:Mark Cole"
    # a different first name is another person, familiar forms or not
    s = _table(_s("Bill Murray", "PERSON", 5), _s("Bob Murray", "PERSON", 7))
    assert resolve(s, tables).merges == {}


def test_a_transliterated_first_name_is_the_same_person() -> None:
    tables = Tables(first_names=frozenset({"costas", "kostas", "stefan", "stephan"}))
    s = _table(_s("Kostas Marinos", "PERSON", 61), _s("Costas Marinos", "PERSON", 2))
    assert resolve(s, tables).canonical("PERSON:Costas Marinos") == "PERSON:Kostas Marinos"
    # only the start's C/K and PH/F: "Carla" and "Karla" one letter later are not folded
    s = _table(_s("Mark Lee", "PERSON", 40), _s("Marc Lee", "PERSON", 5))
    assert resolve(s, Tables(first_names=frozenset({"mark", "marc"}))).merges == {}


def test_misspellings_found_in_a_small_commit_are_those_a_full_resolution_finds(
    monkeypatch,
) -> None:
    import itertools

    import explorer.store.identity as identity

    # Many frequent names, so that a commit touching a few looks up each one's edits
    # instead of indexing every name's deletes; both must find the same misspellings.
    fillers = [
        _s(f"Filler {a}{b}{c}{d}ngton", "PERSON", 60)
        for a, b, c, d in itertools.product("bdfgk", "aeiou", "lmnrst", "aeiou")
    ]
    right = [_s(n, "PERSON", 280) for n in ("Paul Volcker", "Mikhail Khodorkovsky")]
    right += [_s("Gazprombank", "ORG", 300), _s("Reykjavik", "GPE", 90)]
    s = _table(*fillers, *right)
    first = resolve(s, shared_docs=_one_each)
    typos = [
        _s("Paul Vocker", "PERSON", 2),  # a letter left out
        _s("Mihkail Khodorkovsky", "PERSON", 3),  # two letters swapped
        _s("Gazpromnbank", "ORG", 2),  # a letter added
        _s("Reykjavek", "GPE", 1),  # a letter changed
        _s("Paul Volcker Ji", "PERSON", 1),  # more than one edit: no join
    ]
    for item in typos:
        s[item.key] = item
    spelled: list[str] = []
    real = identity._edits
    monkeypatch.setattr(identity, "_edits", lambda w, a: spelled.append(w) or real(w, a))
    touched = {item.key for item in typos}
    again = resolve(s, shared_docs=_one_each, previous=first, touched=touched)
    assert spelled  # the small commit's way
    spelled.clear()
    full = resolve(s, shared_docs=_one_each)
    assert not spelled  # the index, for all
    assert again.merges == full.merges
    assert {k: d.canonical for k, d in full.merges.items() if k in touched} == {
        "PERSON:Paul Vocker": "PERSON:Paul Volcker",
        "PERSON:Mihkail Khodorkovsky": "PERSON:Mikhail Khodorkovsky",
        "ORG:Gazpromnbank": "ORG:Gazprombank",
        "GPE:Reykjavek": "GPE:Reykjavik",
    }
