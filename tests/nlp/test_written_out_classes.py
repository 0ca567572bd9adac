"""The recognizer's Token and Guess are `@dataclass(slots=True)` classes written out (the
decorator compiled their methods at every start of `explorer extract`): each must behave as
what the decorator makes of the same fields."""

from __future__ import annotations

import dataclasses

import pytest

from explorer.nlp.names.guesses import Guess
from explorer.nlp.names.tokens import Token


def _as_dataclass(cls: type) -> type:
    return dataclasses.make_dataclass(cls.__name__, list(cls.__slots__), slots=True)


@pytest.mark.parametrize(
    "cls, values",
    [
        (Token, (3, 8, "Smith")),
        (Guess, (3, 14, "PERSON", "John Smith", 3, 0, 2)),
    ],
)
def test_a_written_out_class_behaves_as_its_dataclass(cls, values) -> None:
    made = _as_dataclass(cls)
    one, same, other = cls(*values), cls(*values), cls(*values[:-1], "x")
    assert repr(one) == repr(made(*values))
    assert one == same and one != other and (one == made(*values)) is False
    assert [getattr(one, name) for name in cls.__slots__] == list(values)
    assert cls.__match_args__ == made.__match_args__
    with pytest.raises(TypeError):
        hash(one)
    with pytest.raises(AttributeError):
        one.other = 1  # slots: no other attribute
