"""The rules every layer shares, written once in model.py: labels and fact predicates."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from pathlib import Path

import pytest

from explorer import model
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


# The model's classes are frozen dataclasses written out (model._frozen): each must behave as
# what `@dataclass(frozen=True, slots=True)` makes of the same fields and defaults.
_SAMPLES = {
    "LabelInfo": ("PERSON", "PERSON", "person", "person", 0),
    "Document": ("bbc/001.txt", "Text.", "A title", "2005-01-01", "Jo Bloggs", "001.txt"),
    "Mention": (0, 7, "Iranian", "NORP", "Iran", 2, {"value": 5e8, "currency": "USD"}),
    "Entity": ("Iran", "GPE", ("Persia",), 3, 1),
    "Fact": ("said", "PERSON:Jo", "", 0, 3, 9, {"quote": "Hi"}, "d"),
    "Extraction": (((0, 5),), (), (), ()),
    "DocumentSummary": ("d", "T", None, None, None, 1, 2, 3),
    "IngestError": ("a.pdf", "encrypted"),
    "Hit": ("sentence", "d", "T", 0, "Text.", 1.5, ((0, 4),)),
    "SentenceRecord": ("d", "T", 0, 0, 5, "Text."),
}


def _reference(cls):
    """The dataclass the decorator makes of `cls`'s fields, types and defaults."""
    specs = []
    for spec in dataclasses.fields(cls):
        if spec.default_factory is not dataclasses.MISSING:
            made = dataclasses.field(default_factory=spec.default_factory)
        else:
            made = dataclasses.field(default=spec.default)
        specs.append((spec.name, spec.type, made))
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


def _hash(obj) -> object:
    """The object's hash, or the error hashing it raises (a dict field: TypeError)."""
    try:
        return hash(obj)
    except TypeError as exc:
        return str(exc)


def _parameters(cls) -> list[str]:
    return [str(p) for p in inspect.signature(cls).parameters.values()]


@pytest.mark.parametrize("name", sorted(_SAMPLES))
def test_each_class_behaves_as_the_frozen_dataclass_of_its_fields(name) -> None:
    cls = getattr(model, name)
    ref = _reference(cls)
    args = _SAMPLES[name]
    ours, theirs = cls(*args), ref(*args)
    assert dataclasses.is_dataclass(cls)
    assert cls.__slots__ == ref.__slots__ and cls.__match_args__ == ref.__match_args__
    # the same parameters, defaults and annotations (a factory's default shows as <factory>)
    assert _parameters(cls) == _parameters(ref)
    assert repr(ours) == repr(theirs)
    assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
    assert ours.__getstate__() == theirs.__getstate__()
    assert ours == cls(*args) and _hash(ours) == _hash(theirs) == _hash(cls(*args))
    assert ours != theirs and ours != object()  # another class: never equal, as theirs
    other = dataclasses.replace(ours, **{cls.__slots__[0]: 99})
    assert other != ours and getattr(other, cls.__slots__[0]) == 99
    assert pickle.loads(pickle.dumps(ours)) == ours
    for field in cls.__slots__:
        for act in (lambda o, f=field: setattr(o, f, 1), lambda o, f=field: delattr(o, f)):
            with pytest.raises(dataclasses.FrozenInstanceError) as ours_raised:
                act(ours)
            with pytest.raises(dataclasses.FrozenInstanceError) as theirs_raised:
                act(theirs)
            assert str(ours_raised.value) == str(theirs_raised.value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ours.not_a_field = 1
    # Defaults: a field left out gets the dataclass's default, a dict field a dict of its own.
    required = sum(
        p.default is inspect.Parameter.empty for p in inspect.signature(cls).parameters.values()
    )
    short, short_ref = cls(*args[:required]), ref(*args[:required])
    assert repr(short) == repr(short_ref)
    for field in cls.__slots__:
        if isinstance(getattr(short, field), dict):
            assert getattr(short, field) is not getattr(cls(*args[:required]), field)


def test_a_written_out_class_refuses_fields_its_init_does_not_set_in_order() -> None:
    with pytest.raises(AssertionError):

        @model._frozen
        class Wrong:
            __slots__ = ("a", "b")
            a: int
            b: int

            def __init__(self, b: int, a: int) -> None:
                pass
