"""What one document knows while its names are found: the label guesses and their strengths."""

from __future__ import annotations

from explorer.nlp import regexes
from explorer.nlp.names.lists import COMPANY_FORMS, SPORT_NAMES, SPORTS_WORDS, SPORTS_WORDS_WEAK, W
from explorer.nlp.names.tokens import words_of

# Each look-behind below follows the first character it guards rather than leading the pattern:
# a pattern that opens with a character class lets the regex engine skip straight to the
# candidates (twice as fast over a sentence), and matches exactly the same spans.
_MID_CAPS = regexes.compile(r"[A-Z](?<=[a-z,] [A-Z])[\w'-]*")


# Strength of a label guess; the document pass lets strong guesses override weak ones.
STRONG, MEDIUM, WEAK, UNCONFIRMED = 3, 2, 1, 0


class Guess:
    """A label guessed for a span of the document, and how sure the guess is (`STRONG`...).

    What `@dataclass(slots=True)` makes, written out (the decorator compiled its methods at
    every start of `explorer extract`): the same init, repr, equality, no hash."""

    __slots__ = ("start", "end", "label", "entity", "strength", "sentence", "ntokens")
    __match_args__ = ("start", "end", "label", "entity", "strength", "sentence", "ntokens")
    start: int
    end: int
    label: str
    entity: str  # the canonical name
    strength: int
    sentence: int
    ntokens: int

    def __init__(
        self,
        start: int,
        end: int,
        label: str,
        entity: str,
        strength: int,
        sentence: int,
        ntokens: int,
    ) -> None:
        self.start = start
        self.end = end
        self.label = label
        self.entity = entity
        self.strength = strength
        self.sentence = sentence
        self.ntokens = ntokens

    def _fields(self) -> tuple:
        return (
            self.start,
            self.end,
            self.label,
            self.entity,
            self.strength,
            self.sentence,
            self.ntokens,
        )

    def __repr__(self) -> str:
        values = ", ".join(
            f"{name}={value!r}" for name, value in zip(self.__slots__, self._fields(), strict=True)
        )
        return f"Guess({values})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Guess)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]


class Doc:
    """What one document knows while its names are found."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Guess] = []
        self.lower_words: set[str] | None = None
        self.mid_caps_words: set[str] | None = None
        self.clubs: set[str] = set()  # cities the document names as sports teams
        self.table_clubs: set[str] = set()  # ... of them, those in its tables and results lines
        self.sports: bool | None = None  # whether it reads as a sports story (computed once)
        self.sport_slug: bool | None = None  # whether its slug names a sport (computed once)
        self.long_runs: list = []  # runs of capitalised words too long to be one name
        self.nicknames: dict[str, str] = {}  # "Indians" -> "Cleveland Indians", in sports
        self.firms: set[str] = set()  # "Carlyle and Webb": firms of two the story names
        # Where a body joined past "and", a comma or "of" starts -> where it ends ("Avon and
        # Somerset Police", "Ford of Britain"): an organisation, whatever its words.
        self.joined: dict[int, int] = {}
        # Set by the document pass: a part of a person's name -> the full name; a surface
        # -> the (label, entity) it was given with confidence.
        self.people: dict[str, str] = {}
        self.strong: dict[str, tuple[str, str]] = {}

    def mid_caps(self) -> set[str]:
        """Capitalised words the document writes after a lower-case word or a comma."""
        if self.mid_caps_words is None:
            self.mid_caps_words = set(_MID_CAPS.findall(self.text))
        return self.mid_caps_words

    def lower_vocab(self) -> set[str]:
        """The words the document writes in lower case (found once, on first use)."""
        if self.lower_words is None:
            self.lower_words = set(_LOWER_VOCAB.findall(self.text))
        return self.lower_words


_LOWER_VOCAB = regexes.compile(r"[a-z](?<!\w[a-z])[a-z'-]+\b")  # \b[a-z][a-z'-]+\b


def emit(doc: Doc, s_i: int, toks, i: int, j: int, label: str, canon: str, strength: int):
    """Record a guess: tokens [i, j) of sentence `s_i` are `canon`, a `label`, at `strength`."""
    if " 's" in canon or " ’s" in canon:
        canon = canon.replace(" 's", "'s").replace(" ’s", "’s")  # "Standard and Poor's Corp"
    if " ' " in canon or " ’ " in canon:
        canon = canon.replace(" ' ", "' ").replace(" ’ ", "’ ")  # "Kurdistan Workers' Party"
    if label == "ORG":
        if canon[-1:] == "." and canon.rpartition(" ")[2] in COMPANY_FORMS:
            canon = canon[:-1]  # "Acme Corp." at a sentence's end is "Acme Corp"
        if " ," in canon:
            canon = canon.replace(" ,", ",")  # "Kidder, Peabody and Co"
        canon = W.org_aliases.get(canon, canon)  # "EU" and "European Union": one entity
    doc.found.append(Guess(toks[i].start, toks[j - 1].end, label, canon, strength, s_i, j - i))


def emit_title(doc: Doc, s_i: int, toks, i: int, j: int) -> None:
    """Record tokens [i, j) of sentence `s_i` as a TITLE (a role or office), strongly; an
    abbreviated one under its full name ("Sen." is Senator, "Lt. Gen." Lieutenant General),
    its span the words as written."""
    words = words_of(toks, i, j)
    canon = " ".join(_TITLE_ABBREVIATIONS.get(w, w) for w in words)
    emit(doc, s_i, toks, i, j, "TITLE", canon, STRONG)


_TITLE_ABBREVIATIONS = {
    **{
        abbr + dot: full
        for abbr, full in (
            ("Sen", "Senator"), ("Rep", "Representative"), ("Gov", "Governor"),
            ("Gen", "General"), ("Adm", "Admiral"), ("Lt", "Lieutenant"), ("Col", "Colonel"),
            ("Sgt", "Sergeant"), ("Capt", "Captain"), ("Cmdr", "Commander"),
            ("Prof", "Professor"), ("Maj", "Major"), ("Lieut", "Lieutenant"),
            ("Det", "Detective"), ("Insp", "Inspector"),
            ("Ch", "Chief"), ("Con", "Constable"), ("Const", "Constable"),
        )
        for dot in (".", "")
        if not (abbr == "Maj" and dot == "")  # "Maj" alone may be a name
    },
    "DCI": "Detective Chief Inspector",
    "Cllr": "Councillor", "Cllr.": "Councillor",
    "Co-ordinator": "Coordinator", "Co-Ordinator": "Coordinator",  # as a broken line reads
}  # fmt: skip


def is_sports_story(doc: Doc) -> bool:
    """True when the document reads as a sports story (decided once, on first use)."""
    if doc.sports is None:
        words = doc.lower_vocab() & SPORTS_WORDS
        weak = words & SPORTS_WORDS_WEAK
        # "semi-finals" and "semifinals" (a line broke at its hyphen) are one word
        words = {w.replace("-", "") for w in words}
        weak = {w.replace("-", "") for w in weak}
        doc.sports = len(words) - len(weak) / 2 >= 2
    return doc.sports


def is_about_sport(doc: Doc) -> bool:
    """True when the document is a sports story or its slug names a sport ("SOCCER - ..."):
    enough to read "side Nice" as a team, not to make every town named alone a team."""
    if is_sports_story(doc):
        return True
    if doc.sport_slug is None:
        doc.sport_slug = _sport_slug(doc.text)
    return doc.sport_slug


#: A wire story's slug naming its sport: "SOCCER - ...", "Tennis: ...", "SOCCER-DONCASTER ...".
_SLUG = regexes.compile(r"\s*([A-Za-z]+(?: [A-Za-z]+)?)\s*(?: - |: |-(?=[A-Z]))")


def _sport_slug(text: str) -> bool:
    """True when the document opens with a sport's name as its slug ("SOCCER - ...", "NBA
    BASKETBALL - ...")."""
    m = _SLUG.match(text, 0, 40)
    if m is None:
        return False
    slug = m.group(1).lower()  # "NBA BASKETBALL", "NHL ICE HOCKEY": a league and its sport
    return slug in SPORT_NAMES or any(w in SPORT_NAMES for w in slug.split())
