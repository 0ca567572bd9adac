"""Corpus-level identity: which entity keys name one real thing, and why.

Pure logic over per-key summaries (name, label, mention and document counts, surface forms,
the words before its mentions); no store, no TinyDB. `resolve` returns, for every key that
joins another, the key it joins, the reason and a confidence; nothing is rewritten, so the
raw extraction stays as it was and a reader applies the map. Deterministic (every choice is
broken by counts, then names), and incremental: given the previous decisions and the keys an
ingest touched, only the components those keys belong to are decided again.

The steps, in order (a later step works on the groups an earlier one made):
1. names that fold to one base (case, dots, "The", company suffixes, a person's titles) are
   one entity; its label is decided by the weight of mentions over every label the base
   carries, unless the minority's contexts say place ("in Espoo") and the majority's do not;
2. a surname alone ("Volcker", "Mr Volcker") joins the one full name that ends with it, and
   a full name with middle initials joins the same name without them;
3. a ticker written after a company ("Boeing Co <BA>") joins that company;
4. a name one edit away from a much more frequent name of its label, sharing documents or
   distinctive context words, joins it as a misspelling;
5. a nationality (NORP) is not merged but linked to its country.
"""

from __future__ import annotations

import gc
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

#: Labels whose names are resolved; the others (dates, amounts, titles, ...) stay as they are.
RESOLVED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
#: The labels that vote against each other for one name; NORP joins only a place of its name.
VOTING = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
#: Tie-break of the vote (most mentions first, then this order).
LABEL_ORDER = ("ORG", "PERSON", "GPE", "LOC", "FAC", "NORP")

#: Words before a mention that say "place".
PLACE_WORDS = frozenset("in near outside across throughout inside around".split())
#: Context words too common to say anything about identity.
COMMON_WORDS = frozenset(
    "the a an and or of to in on at for by with from as that said says is was but if "
    "when than mr mrs ms dr".split()
)
COMPANY_SUFFIXES = frozenset(
    "co cos corp corporation inc incorporated ltd limited plc company companies llc llp "
    "ag sa nv bv spa gmbh oyj asa ab".split()
)
DEFAULT_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady prof professor rev reverend president chairman "
    "chairwoman chair chancellor secretary senator sen governor gov judge justice mayor "
    "minister premier prime general gen gov. coach manager boss chief executive ceo "
    "treasury deputy vice king queen prince princess captain capt sheikh ayatollah "
    "ambassador commissioner director spokesman spokeswoman".split()
)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass
class Summary:
    """What resolution knows of one entity key, over the whole corpus."""

    key: str
    name: str
    label: str
    mentions: int = 0
    documents: int = 0
    aliases: tuple[str, ...] = ()
    ctx: Mapping[str, int] = field(default_factory=dict)  # word before a mention -> count
    tickers: Mapping[str, int] = field(default_factory=dict)  # company it is a ticker of
    #: (base, how, surname token) as `derive` gives them, when already known
    derived: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """`key` joins `canonical` (through `via`, the key it was joined to directly)."""

    key: str
    canonical: str
    via: str
    reason: str
    confidence: float

    def to_dict(self) -> dict[str, object]:
        """The decision as the store keeps it on the entity record."""
        return {
            "canonical": self.canonical,
            "via": self.via,
            "reason": self.reason,
            "confidence": self.confidence,
        }


@dataclass
class Resolution:
    """The merges (key -> Decision) and the links (a NORP key -> its country's key)."""

    merges: dict[str, Decision] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)

    def canonical(self, key: str) -> str:
        """The key `key` joins (itself when it joins none)."""
        decision = self.merges.get(key)
        return decision.canonical if decision is not None else key


@dataclass
class Tables:
    """Word lists resolution uses (the store fills them from the nlp gazetteer)."""

    titles: frozenset[str] = DEFAULT_TITLES
    demonyms: Mapping[str, str] = field(default_factory=dict)  # "Japanese" -> "Japan"
    first_names: frozenset[str] = frozenset()  # lower-case

    @cached_property
    def countries(self) -> frozenset[str]:
        """The canonical country names the demonyms lead to."""
        return frozenset(self.demonyms.values())


# ---------------------------------------------------------------- names


_DROP = str.maketrans({c: None for c in ".,'’`\"()"} | {c: " " for c in "-‐–—/\t\n"})


def fold(name: str) -> str:
    """A name as compared: accents, case, dots and hyphens do not matter."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in name if not unicodedata.combining(c))
    if "&" in name:
        name = name.replace("&", " and ")
    return " ".join(name.translate(_DROP).casefold().split())


def _strip_titles(tokens: list[str], titles: frozenset[str]) -> tuple[list[str], bool]:
    stripped = False
    while len(tokens) > 1 and tokens[0] in titles:
        tokens = tokens[1:]
        stripped = True
    return tokens, stripped


def base_of(name: str, label: str, titles: frozenset[str] = DEFAULT_TITLES) -> tuple[str, str]:
    """(base, how): the form names of one thing share, and what was taken off to reach it
    ("" for nothing but case and punctuation; "suffix"; "title")."""
    tokens = fold(name).split()
    how = ""
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
        how = "article"
    if label == "PERSON":
        tokens, stripped = _strip_titles(tokens, titles)
        if stripped:
            how = "title"
    elif label in ("ORG", "PERSON", "GPE", "NORP"):
        while len(tokens) > 1 and tokens[-1] in COMPANY_SUFFIXES:
            tokens = tokens[:-1]
            how = "suffix"
        if len(tokens) > 1 and tokens[-1] == "and":
            tokens = tokens[:-1]
    return " ".join(tokens), how


def person_tokens(base: str) -> list[str]:
    """A person's name base as words, generational suffixes ("jr", "iii") dropped after two."""
    tokens = base.split()
    while len(tokens) > 2 and tokens[-1] in _NAME_SUFFIXES:
        tokens = tokens[:-1]
    return tokens


# ---------------------------------------------------------------- the groups


class _Groups:
    """Union of keys into groups, each with a head (its canonical key)."""

    def __init__(self, summaries: Mapping[str, Summary]) -> None:
        self.s = summaries
        self.head: dict[str, str] = {}  # key -> its group's head
        self.members: dict[str, list[str]] = {}  # head -> keys
        self.edge: dict[str, tuple[str, str, float]] = {}  # key -> (via, reason, confidence)

    def head_of(self, key: str) -> str:
        return self.head.get(key, key)

    def weight(self, head: str) -> int:
        return sum(self.s[k].mentions for k in self.members.get(head, (head,)))

    def join(self, key: str, into: str, reason: str, confidence: float) -> None:
        """The group of `key` joins the group of `into` (its head stays the head)."""
        a, b = self.head_of(key), self.head_of(into)
        if a == b:
            return
        moved = self.members.pop(a, [a])
        self.members.setdefault(b, [b]).extend(moved)
        for k in moved:
            self.head[k] = b
        self.head[b] = b
        self.edge[a] = (into, reason, round(confidence, 3))

    def decisions(self, scope: Iterable[str]) -> dict[str, Decision]:
        out: dict[str, Decision] = {}
        for key in scope:
            head = self.head_of(key)
            if head == key:
                continue
            via, reason, confidence = self.edge_of(key)
            out[key] = Decision(key, head, via, reason, confidence)
        return out

    def edge_of(self, key: str) -> tuple[str, str, float]:
        # A key joined inside its first group keeps that edge; its group's head, if it later
        # joined another group, carries the edge of that join.
        if key in self.edge:
            return self.edge[key]
        return (self.head_of(key), "same group", 1.0)


# ---------------------------------------------------------------- resolve


def _vote_label(keys: list[str], s: Mapping[str, Summary], suffixed: set[str]) -> str:
    weight: dict[str, int] = defaultdict(int)
    for k in keys:
        # A name written with a company suffix is a company whatever its tag said.
        label = "ORG" if k in suffixed else s[k].label
        weight[label] += s[k].mentions * (2 if k in suffixed else 1) + 1
    return min(weight, key=lambda lab: (-weight[lab], LABEL_ORDER.index(lab)))


def _share(ctx_sum: Mapping[str, int], words: frozenset[str]) -> tuple[float, int]:
    total = sum(n for n in ctx_sum.values() if n > 0)
    hits = sum(n for w, n in ctx_sum.items() if w in words and n > 0)
    return (hits / total if total else 0.0), hits


def _merge_ctx(keys: Iterable[str], s: Mapping[str, Summary]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for k in keys:
        for w, n in s[k].ctx.items():
            out[w] += n
    return out


def _best(keys: Iterable[str], s: Mapping[str, Summary]) -> str:
    """The key that names a group: most mentions, then (a person) the longer name or (else)
    the shorter, then the name."""
    return min(
        keys,
        key=lambda k: (
            -s[k].mentions,
            -len(s[k].name) if s[k].label == "PERSON" else len(s[k].name),
            s[k].name,
            k,
        ),
    )


def _is_nationality(name: str, tables: Tables) -> bool:
    """A NORP named by a nationality word or (as nlp names nationality mentions) its country."""
    return name in tables.demonyms or name in tables.countries


def components(
    summaries: Mapping[str, Summary], tables: Tables, keys: Iterable[str] | None = None
) -> tuple[dict[str, tuple[str, str, str]], dict[str, set[str]], dict[str, set[str]]]:
    """(key -> (base, how, surname token)), base -> keys, token -> keys, for resolved keys."""
    info: dict[str, tuple[str, str, str]] = {}
    by_base: dict[str, set[str]] = defaultdict(set)
    by_token: dict[str, set[str]] = defaultdict(set)
    titles = tables.titles
    for key in summaries if keys is None else keys:
        s = summaries[key]
        if s.label not in RESOLVED:
            continue
        found = s.derived
        if found is None:
            found = s.derived = derive(s.name, s.label, titles)
        base, _how, token = found
        if not base:
            continue
        info[key] = found
        by_base[base].add(key)
        if token:
            by_token[token].add(key)
    return info, by_base, by_token


def derive(name: str, label: str, titles: frozenset[str] = DEFAULT_TITLES) -> tuple[str, str, str]:
    """(base, how, surname token) of a name: what `components` groups keys by."""
    base, how = base_of(name, label, titles)
    tokens = person_tokens(base) if label == "PERSON" else base.split()
    token = ""
    if len(tokens) == 1 and label in ("PERSON", "ORG", "NORP"):
        token = tokens[0]
    elif len(tokens) > 1 and label == "PERSON":
        token = tokens[-1]
    elif len(tokens) == 2 and len(tokens[0]) == 1 and label == "ORG":
        token = tokens[-1]  # "L Dallaglio" on a team sheet, tagged as an organisation
    elif how == "suffix" and label == "ORG" and 1 < len(tokens) <= 3:
        token = tokens[0]  # "Ford Motor Co": "Ford" may be its short form
    return (base, how, token)


def resolve(
    summaries: Mapping[str, Summary],
    tables: Tables | None = None,
    *,
    shared_docs: Callable[[list[tuple[str, str]]], dict[tuple[str, str], int]] | None = None,
    previous: Resolution | None = None,
    touched: Iterable[str] | None = None,
) -> Resolution:
    """Decide which keys of `summaries` join which; `shared_docs(pairs)` says how many
    documents each pair of keys shares. With `previous` and `touched`, only the
    components of the touched keys (keys sharing a base or a surname with them) are decided
    again; the other decisions are kept."""
    # Resolution allocates many small objects next to a large heap (a writer holds every
    # document): the cyclic collector would walk that heap again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _resolve(summaries, tables or Tables(), shared_docs, previous, touched)
    finally:
        if collecting:
            gc.enable()


def _resolve(summaries, tables, shared_docs, previous, touched) -> Resolution:
    s = summaries
    info, by_base, by_token = components(s, tables)
    if previous is not None and touched is not None:
        scope = _scope(set(touched), s, info, by_base, by_token, previous)
    else:
        scope = set(info)
    groups = _Groups(s)
    _step_names(scope, s, info, by_base, groups, tables)
    _step_company_prefix(scope, s, info, by_token, groups)
    _step_surnames(scope, s, info, by_token, groups, tables)
    _step_tickers(scope, s, groups)
    _step_typos(scope, s, info, groups, tables, shared_docs)
    result = Resolution()
    if previous is not None and touched is not None:
        for key, decision in previous.merges.items():
            if (
                key in s
                and key not in scope
                and decision.canonical in s
                and decision.canonical not in scope
            ):
                result.merges[key] = decision
        for key, country in previous.links.items():
            if key in s and key not in scope and country in s:
                result.links[key] = country
    result.merges.update(groups.decisions(scope))
    _step_links(scope, s, result, tables)
    return result


def _scope(
    touched: set[str],
    s: Mapping[str, Summary],
    info: Mapping[str, tuple[str, str, str]],
    by_base: Mapping[str, set[str]],
    by_token: Mapping[str, set[str]],
    previous: Resolution,
) -> set[str]:
    """The keys whose decisions may change when `touched` changed: their components (shared
    base or surname, two rounds), the groups they were in, and what joined those."""
    into: dict[str, list[str]] = defaultdict(list)
    for key, decision in previous.merges.items():
        into[decision.canonical].append(key)
    scope: set[str] = set()
    frontier = {k for k in touched if k in info}
    for k in touched:
        d = previous.merges.get(k)
        if d is not None and d.canonical in info:
            frontier.add(d.canonical)
        if k not in info:  # gone: what had joined it is decided again
            frontier.update(x for x in into.get(k, ()) if x in info)
    for _round in range(3):
        grown: set[str] = set()
        for k in frontier:
            base, _how, token = info[k]
            grown |= by_base.get(base, set())
            if token:
                grown |= by_token.get(token, set())
            grown.update(x for x in into.get(k, ()) if x in info)
            d = previous.merges.get(k)
            if d is not None and d.canonical in info:
                grown.add(d.canonical)
        new = grown - scope - frontier
        scope |= frontier
        frontier = new
        if not frontier:
            break
    scope |= frontier
    return scope


def _step_names(scope, s, info, by_base, groups: _Groups, tables: Tables) -> None:
    bases = sorted({info[k][0] for k in scope})
    for base in bases:
        block = by_base[base]
        if len(block) < 2:
            continue  # one key: nothing to join
        keys = sorted(k for k in block if k in scope)
        if len(keys) < 2:
            continue
        suffixed = {k for k in keys if info[k][1] == "suffix"}
        demonym = {k for k in keys if s[k].label == "NORP" and _is_nationality(s[k].name, tables)}
        voters = [k for k in keys if k not in demonym]
        if not voters:
            continue
        winner = _vote_label(voters, s, suffixed)
        by_label: dict[str, list[str]] = defaultdict(list)
        for k in voters:
            by_label["ORG" if k in suffixed else s[k].label].append(k)
        if winner not in by_label:
            continue
        head = _best(by_label[winner], s)
        win_weight = sum(s[k].mentions for k in by_label[winner])
        total = sum(s[k].mentions for k in voters) or 1
        win_place, _ = _share(_merge_ctx(by_label[winner], s), PLACE_WORDS)
        for label in sorted(by_label, key=LABEL_ORDER.index):
            members = by_label[label]
            if label != winner:
                place, hits = _share(_merge_ctx(members, s), PLACE_WORDS)
                apart = (
                    label in ("GPE", "LOC") and hits >= 2 and place >= 0.5 and win_place <= 0.15
                )  # a place that shares the name of something else ("in Espoo")
                apart = apart or (label == "NORP" and winner not in ("GPE", "LOC"))
                if apart:  # its own entity: its spellings still join each other
                    own = _best(members, s)
                    for k in sorted(members):
                        if k != own:
                            groups.join(k, own, "the same name written differently", 0.98)
                    continue
            for k in sorted(members, key=lambda k: (-s[k].mentions, k)):
                if k == head:
                    continue
                if label != winner:
                    n = sum(s[m].mentions for m in members)
                    reason = f"label vote: {winner} {win_weight} mentions against {label} {n}"
                    confidence = win_weight / total
                elif k in suffixed or info[head][1] == "suffix":
                    reason, confidence = "company name with and without its suffix", 0.95
                elif info[k][1] == "title":
                    reason, confidence = "the name with a title before it", 0.95
                elif info[k][1] == "article":
                    reason, confidence = "the name with 'The' before it", 0.95
                else:
                    reason, confidence = "the same name written differently", 0.98
                groups.join(k, head, reason, confidence)


def _step_company_prefix(scope, s, info, by_token, groups: _Groups) -> None:
    """A one-word company name ("Ford") joins the one company written with a suffix whose
    name starts with it ("Ford Motor Co")."""
    for token in sorted({info[k][2] for k in scope if k in info and info[k][2]}):
        keys = by_token.get(token, ())
        companies = sorted(
            {
                groups.head_of(k)
                for k in keys
                if info[k][1] == "suffix" and s[k].label == "ORG" and len(info[k][0].split()) > 1
            }
        )
        if len(companies) != 1:
            continue
        for k in sorted(keys):
            if s[k].label == "ORG" and info[k][0] == token and groups.head_of(k) == k:
                target = companies[0]
                groups.join(k, target, f"short form of {s[target].name}, the only match", 0.8)


def _step_surnames(scope, s, info, by_token, groups: _Groups, tables: Tables) -> None:
    # Full names (two tokens or more, a PERSON group's head) by surname and by first+last.
    heads = sorted({groups.head_of(k) for k in scope if k in info and info[k][2]})
    full_by_last: dict[str, dict[str, int]] = defaultdict(dict)
    plain: dict[tuple[str, str], list[str]] = defaultdict(list)
    tokens_of: dict[str, list[str]] = {}
    candidates = {
        groups.head_of(k)
        for t in {info[k][2] for k in scope if k in info}
        if t
        for k in by_token.get(t, ())
        if k in scope
    }
    for head in sorted(candidates | set(heads)):
        if head not in info or s[head].label != "PERSON":
            continue
        tokens = person_tokens(info[head][0])
        if len(tokens) < 2:
            continue
        tokens_of[head] = tokens
        full_by_last[tokens[-1]][head] = groups.weight(head)
        if len(tokens) == 2:
            plain[(tokens[0], tokens[1])].append(head)
    # "Paul A Volcker" joins "Paul Volcker" when the middle is initials only.
    for head, tokens in sorted(tokens_of.items()):
        if len(tokens) > 2 and all(len(t) == 1 for t in tokens[1:-1]):
            targets = [h for h in plain.get((tokens[0], tokens[-1]), ()) if h != head]
            if len(targets) == 1:
                target = targets[0]
                keep, drop = (target, head)
                groups.join(drop, keep, "the same name without its middle initial", 0.9)
                full_by_last[tokens[-1]].pop(head, None)
                full_by_last[tokens[-1]][target] = groups.weight(target)
    _step_full_names(tokens_of, full_by_last, groups, s, tables)
    # An initial and a surname ("L Dallaglio") joins the one full name it abbreviates.
    for head in heads:
        if head not in info or groups.head_of(head) != head:
            continue
        tokens = info[head][0].split()
        if len(tokens) != 2 or len(tokens[0]) != 1 or s[head].label not in ("PERSON", "ORG"):
            continue
        holders = [
            h
            for h in full_by_last.get(tokens[1], {})
            if h != head
            and groups.head_of(h) == h
            and tokens_of.get(h, [""])[0][:1] == tokens[0]
            and len(tokens_of.get(h, [""])[0]) > 1
        ]
        if len(holders) == 1:
            groups.join(
                head,
                holders[0],
                f"initial and surname of {s[holders[0]].name}, the only match",
                0.8,
            )
    # A surname alone joins the one full name that ends with it.
    if not full_by_last:
        return
    for head in heads:
        if head not in info or groups.head_of(head) != head:
            continue
        label = s[head].label
        base = info[head][0]
        tokens = base.split()
        if len(tokens) != 1 or label not in ("PERSON", "ORG", "NORP"):
            continue
        if label == "NORP" and _is_nationality(s[head].name, tables):
            continue
        weights = full_by_last.get(tokens[0], {})
        if not weights:
            continue
        ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
        top, top_w = ranked[0]
        rest = sum(w for _h, w in ranked[1:])
        if rest and top_w < 9 * rest:
            continue  # two people share the surname: not unambiguous
        mine = groups.weight(head)
        if label != "PERSON":
            has_suffix = any(info[k][1] == "suffix" for k in groups.members.get(head, [head]))
            if has_suffix or mine > 2 * top_w:
                continue  # a company that happens to be someone's surname
        full = s[top].name
        only = "the only" if not rest else "by far the most mentioned"
        confidence = (0.9 if label == "PERSON" else 0.7) * (1.0 if not rest else 0.9)
        groups.join(head, top, f"surname of {full}, {only} full name ending in it", confidence)


#: Familiar forms of first names and the formal names they stand for (lower-case): "Bernie
#: Koller" is "Bernard Koller" when he is the only Koller either could be. Forms that are a
#: prefix of their formal name ("Steve", "Chris") need no entry: the prefix rule finds them.
FAMILIAR_NAMES: dict[str, tuple[str, ...]] = {
    "abe": ("abraham",),
    "al": ("albert", "alan", "alfred"),
    "andy": ("andrew",),
    "bernie": ("bernard",),
    "bert": ("albert", "herbert", "robert"),
    "betty": ("elizabeth",),
    "bill": ("william",),
    "billy": ("william",),
    "bob": ("robert",),
    "bobby": ("robert",),
    "charlie": ("charles",),
    "chuck": ("charles",),
    "dave": ("david",),
    "dick": ("richard",),
    "drew": ("andrew",),
    "eddie": ("edward", "edmund"),
    "freddie": ("frederick",),
    "fred": ("frederick", "alfred"),
    "gene": ("eugene",),
    "hank": ("henry",),
    "jack": ("john",),
    "jim": ("james",),
    "jimmy": ("james",),
    "joe": ("joseph",),
    "johnny": ("john",),
    "kate": ("katherine", "catherine", "kathleen"),
    "kathy": ("katherine", "kathleen"),
    "larry": ("lawrence", "laurence"),
    "liz": ("elizabeth",),
    "maggie": ("margaret",),
    "mick": ("michael",),
    "mike": ("michael",),
    "ned": ("edward",),
    "peggy": ("margaret",),
    "ricky": ("richard",),
    "rick": ("richard", "frederick"),
    "sandy": ("alexander", "sandra"),
    "sue": ("susan", "suzanne"),
    "ted": ("edward", "theodore"),
    "teddy": ("edward", "theodore"),
    "terry": ("terence",),
    "tom": ("thomas",),
    "tommy": ("thomas",),
    "tony": ("anthony", "antonio"),
    "wally": ("walter",),
    "willie": ("william",),
}


def familiar_pair(a: str, b: str) -> bool:
    """Whether first names `a` and `b` (lower-case) are a familiar form and its formal name."""
    return b in FAMILIAR_NAMES.get(a, ()) or a in FAMILIAR_NAMES.get(b, ())


def spelling_variants(a: str, b: str) -> bool:
    """Whether two names differ only as transliterations do: C/K at the start ("Costas",
    "Kostas"), PH/F ("Stephan", "Stefan")."""

    def folded(word: str) -> str:
        word = word.replace("ph", "f")
        return "k" + word[1:] if word[:1] == "c" else word

    return a != b and folded(a) == folded(b)


def _step_full_names(tokens_of, full_by_last, groups: _Groups, s, tables: Tables) -> None:
    """Full names of one person written two ways: a short or familiar first name ("Steve
    Gerrard", "Bernie Koller") or without the first name of a double surname ("Kilroy
    Silk")."""
    for _last, holders in sorted(full_by_last.items()):
        if len(holders) < 2:
            continue
        names = sorted(holders, key=lambda h: (-groups.weight(h), h))
        for head in names:
            if groups.head_of(head) != head:
                continue
            mine = tokens_of[head]
            matches = []
            for other in names:
                if other == head or groups.head_of(other) != other:
                    continue
                theirs = tokens_of[other]
                if groups.weight(other) < groups.weight(head):
                    continue
                if (
                    len(mine) == 2
                    and len(theirs) == 2
                    and len(mine[0]) >= 3
                    and mine[0] != theirs[0]
                    and theirs[0].startswith(mine[0])
                ):
                    matches.append((other, f"short first name of {s[other].name}"))
                elif (
                    len(mine) == len(theirs) >= 2
                    and mine[1:] == theirs[1:]
                    and (familiar_pair(mine[0], theirs[0]) or spelling_variants(mine[0], theirs[0]))
                ):
                    matches.append((other, f"another form of the first name of {s[other].name}"))
                elif (
                    len(theirs) > len(mine) >= 2
                    and theirs[-len(mine) :] == mine
                    and mine[0] not in tables.first_names
                ):
                    matches.append((other, f"{s[other].name} without the first name"))
            if len({m for m, _r in matches}) == 1:
                other, reason = matches[0]
                groups.join(head, other, f"{reason}, the only match", 0.8)


def _step_tickers(scope, s, groups: _Groups) -> None:
    org_by_name: dict[str, str] = {}
    for key, summary in s.items():
        if summary.label == "ORG":
            org_by_name.setdefault(summary.name, key)
    for key in sorted(scope):
        tickers = s[key].tickers
        if not tickers or sum(tickers.values()) * 2 < s[key].mentions:
            continue
        company, _n = min(tickers.items(), key=lambda kv: (-kv[1], kv[0]))
        target = org_by_name.get(company)
        if target is None or groups.head_of(target) == groups.head_of(key):
            continue
        groups.join(key, target, f"ticker <{s[key].name}> written after {company}", 0.9)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _neighbours(by_base: Mapping[str, list[str]], asking: int) -> Callable[[str], set[str]]:
    """A function from a base to the keys of `by_base` whose base is one edit from it (and
    maybe some two edits away: the caller checks with `_one_edit`). With an index of every
    base's deletes when `asking` bases ask about as many as that index holds, else by
    spelling out the edits of each base asked about (a commit of a few documents: a few
    thousand lookups, not an index of every entity's deletes)."""
    alphabet = sorted(set().union(*by_base)) if by_base else []
    if asking * 2 * len(alphabet) >= len(by_base):
        frequent: dict[str, list[str]] = defaultdict(list)
        for base, keys in by_base.items():
            frequent[base].extend(keys)
            for d in _deletes(base):
                frequent[d].extend(keys)

        def indexed(base: str) -> set[str]:
            found = set(frequent.get(base, ()))
            for d in _deletes(base):
                found.update(frequent.get(d, ()))
            return found

        return indexed

    def spelled(base: str) -> set[str]:
        found: set[str] = set()
        for edit in _edits(base, alphabet):
            found.update(by_base.get(edit, ()))
        return found

    return spelled


def _edits(word: str, alphabet: list[str]) -> set[str]:
    """Every string one edit from `word` (`_one_edit`'s: a letter left out, added, changed,
    or two adjacent letters swapped), the letters added or changed taken from `alphabet`."""
    out = _deletes(word)
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        for c in alphabet:
            out.add(head + c + tail)
            if tail:
                out.add(head + c + tail[1:])
        if len(tail) > 1:
            out.add(head + tail[1] + tail[0] + tail[2:])
    out.discard(word)
    return out


def _one_edit(a: str, b: str) -> int | None:
    """Where `a` and `b` differ when they are one edit apart (None otherwise)."""
    if a == b:
        return None
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return None
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return i
        if i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]:
            return i  # two letters swapped ("Mihkail")
        return None
    if la > lb:
        return i if a[i + 1 :] == b[i:] else None
    return i if a[i:] == b[i + 1 :] else None


def _step_typos(scope, s, info, groups: _Groups, tables: Tables, shared_docs) -> None:
    labels = ("PERSON", "ORG", "GPE")
    weights: dict[str, int] = {h: groups.weight(h) for h in groups.members}

    def weight(h: str) -> int:
        w = weights.get(h)
        return s[h].mentions if w is None else w

    by_base: dict[str, list[str]] = defaultdict(list)
    heaviest = 0
    for key, (base, _how, _token) in info.items():
        if len(base) < 5 or s[key].label not in labels or groups.head_of(key) != key:
            continue
        w = weight(key)
        if w >= 5:
            heaviest = max(heaviest, w)
            by_base[base].append(key)
    heads = [
        head
        for head in sorted({groups.head_of(k) for k in scope if k in info})
        if head in info
        and s[head].label in labels
        and len(info[head][0]) >= 5
        and 5 * weight(head) <= heaviest
    ]
    near = _neighbours(by_base, len(heads))
    # Candidates first (cheap checks), then the documents they share, in one question.
    candidates: list[tuple[str, str, int]] = []
    for head in heads:
        base = info[head][0]
        mine = weight(head)
        for other in sorted(near(base)):
            if other == head or s[other].label != s[head].label:
                continue
            if groups.head_of(other) != other or weight(other) < 5 * mine:
                continue
            obase = info[other][0]
            where = _one_edit(base, obase)
            if where is None:
                continue
            changed = (base + " ")[where] + (obase + " ")[where]
            if any(c.isdigit() for c in changed) or " " in changed:
                continue
            candidates.append((head, other, mine))
    if not candidates:
        return
    shared_of: dict[tuple[str, str], int] = {}
    if shared_docs is not None:
        shared_of = shared_docs([(head, other) for head, other, _mine in candidates])
    best: dict[str, tuple] = {}
    for head, other, mine in candidates:
        base, obase = info[head][0], info[other][0]
        shared = shared_of.get((head, other), 0)
        if (
            s[head].label == "PERSON"
            and _first_names_differ(base, obase, tables)
            and not (shared and weight(other) >= 10 * mine)
        ):
            continue  # "Mark Lee" and "Mary Lee" may be two people
        if not shared:
            ctx_a = _words(_merge_ctx(groups.members.get(head, [head]), s))
            ctx_b = _words(_merge_ctx(groups.members.get(other, [other]), s))
            if not ctx_a & ctx_b:
                continue
        ratio = weight(other) / max(1, mine)
        confidence = 0.6 + (0.2 if shared else 0.1) + min(0.1, ratio / 500)
        candidate = (-weight(other), other, confidence, shared, mine)
        if head not in best or candidate < best[head]:
            best[head] = candidate
    for head in sorted(best):
        _w, other, confidence, shared, mine = best[head]
        if groups.head_of(other) != other or groups.head_of(head) != head:
            continue
        evidence = f"{shared} shared documents" if shared else "shared context words"
        groups.join(
            head,
            other,
            f"one letter from {s[other].name}, {weight(other)} mentions against {mine}, {evidence}",
            confidence,
        )


def _words(ctx: Mapping[str, int]) -> set[str]:
    return {w for w, n in ctx.items() if n > 0 and w not in COMMON_WORDS}


def _first_names_differ(a: str, b: str, tables: Tables) -> bool:
    ta, tb = a.split(), b.split()
    return (
        len(ta) > 1
        and len(tb) > 1
        and ta[0] != tb[0]
        and len(ta[0]) == len(tb[0])  # a letter changed, not one left out
        and ta[0] in tables.first_names
        and tb[0] in tables.first_names
    )


def _step_links(scope, s, result: Resolution, tables: Tables) -> None:
    gpe_by_name: dict[str, str] = {}
    for key, summary in s.items():
        if summary.label == "GPE" and key not in result.merges:
            gpe_by_name.setdefault(summary.name, key)
    for key in sorted(scope):
        summary = s[key]
        if summary.label != "NORP" or key in result.merges:
            continue
        country = tables.demonyms.get(summary.name) or (
            summary.name if summary.name in tables.countries else None
        )
        target = gpe_by_name.get(country) if country else None
        if target is not None:
            result.links[key] = result.canonical(target)
