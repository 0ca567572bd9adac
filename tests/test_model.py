"""The rules every layer shares, written once in model.py: labels and fact predicates."""

from __future__ import annotations

from pathlib import Path

from explorer.model import (
    LABEL_GROUPS,
    LABEL_INFO,
    LABEL_TABLE,
    LABELS,
    NAME_LABELS,
    PREDICATES,
)

SEED = Path(__file__).resolve().parents[1] / "explorer" / "seeds"


def test_the_labels_keep_their_order_because_the_search_index_stores_them_as_bits() -> None:
    # A new label goes at the end; moving one would misread every saved index.
    assert LABELS[:19] == (
        "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
        "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL",
        "CARDINAL", "TITLE",
    )  # fmt: skip


def test_every_label_has_a_tag_a_meaning_a_group_and_a_place_in_the_legend() -> None:
    assert len(LABEL_INFO) == len(LABEL_TABLE)
    for info in LABEL_TABLE:
        assert 0 < len(info.short) <= 6, info
        assert info.meaning, info
        assert info.group in LABEL_GROUPS, info
    assert sorted(info.legend for info in LABEL_TABLE) == list(range(len(LABEL_TABLE)))


def test_names_are_the_labels_that_are_not_values() -> None:
    values = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
    assert set(LABELS) - values == NAME_LABELS


def test_the_extractor_writes_only_the_predicates_and_labels_the_model_lists() -> None:
    from explorer.nlp import extract

    text = next(SEED.glob("*.txt")).read_text(encoding="utf-8")
    extraction = extract(text, None)
    predicates = {fact.predicate for fact in extraction.facts}
    assert {"title", "said", "met", "amount"} <= predicates <= set(PREDICATES)
    assert {m.label for m in extraction.mentions} <= set(LABELS)
