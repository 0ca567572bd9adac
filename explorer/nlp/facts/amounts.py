"""`amount` facts: who reported, paid, raised or lost how much, of what, and for which
period ("Acme's net profit rose to 5 mln dlrs in the first quarter")."""

from __future__ import annotations

import re

from ...model import Fact, Mention
from .. import regexes
from ..earnings import QUARTERS as _QUARTERS
from .quotations import _strip_span
from .text import _fact, _last_match, _Text

# typing is for the type checker: importing it at run time costs each start ~16 M instructions
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_AMOUNT_VERB = regexes.compile(
    r"(?:(?:has|have|had|will|would|could|is|was|were|are|now|already|also|be)\s+)*"
    r"\b(?P<verb>reached|reach|reaches|rose|rise|rises|risen|fell|fall|falls|fallen|increased"
    r"|increase|decreased|grew|grow|grown|jumped|climbed|dropped|declined|slipped|slumped"
    r"|soared|surged|stood|stands|totalled|totaled|totals|amounted|amounts|hit|exceeded|topped"
    r"|was|were|is|are|cost|costs|valued|worth|came|comes|raised|earned|made|posted|reported"
    r"|paid|pays|pay|spent|spends|spend|invested|invests|invest|lost|loses|borrowed|owes|owed"
    r"|received|receives|offered|offers|bid)"
    r"(?:\s+(?:by\s+)?[\d.,]+\s?(?:%|per\s?cent|pct))?"
    r"(?:\s+(?:to|at|by|of|about|around|some|in\s+at))?\s+$"
)
_CLAUSE_START = regexes.compile(
    r"^.*(?:[,;:]|\b(?:that|while|which|whereas|where|when|after|because|since|but)\b)\s*",
    re.S,
)
_MEASURE = regexes.compile(
    r"^(?:the\s+)?(?:total\s+)?(?P<measure>volume|value|level|amount|total|cost|price|number|size"
    r"|turnover|sum|worth)\s+of\s+(?:the\s+)?",
    re.I,
)
# Words that make the text before them a clause, not the thing measured.
_VERBAL = regexes.compile(
    r"\b(?:was|were|is|are|be|been|being|has|have|had|will|would|could|should|may|might|said"
    r"|saw|sees|see"
    r"|says|(?:expected|estimated|forecast|likely|set|due|aims?|plans?|hopes?|wants?|seeks?"
    r"|needs?|aimed|planned|hoped|wanted|expects?)\s+to"
    # "it expects first quarter profit to rise to ...": the verb takes the thing measured as
    # its object, and the "to" before the amount's verb is left off (`_TO_END`).
    r"|expects?|predicts?|expecting|predicting"
    # "X told analysts the company's shipments rose 12 pct": what rose follows the listener.
    r"|told\s+(?:reporters|analysts|journalists|investors|shareholders|Reuters|MPs|delegates"
    r"|(?:a|the)\s+(?:news\s+|press\s+)?(?:conference|briefing|meeting)))\b"
)
# "... NP to" before the amount's verb: "expects profit to rise to" (the NP is measured) or,
# after a verb that takes "to" ("agreed to pay", "is planning to spend", "can afford to
# pay"), the one who pays is the phrase before that verb.
_TO_END = regexes.compile(r"\s+to$")
_ASIDE_END = regexes.compile(r"\s([-–—])\s*$")
_NOT_A_PAYER_END = frozenset(
    "already also can could will would may might must shall should thought still just now then "
    "not never ever once even only so".split()
)
_TO_VERB_END = regexes.compile(
    r"\s*\b(?:\w+(?:ed|ing)|afford|agrees?|wants?|plans?|offers?|promises?|hopes?|needs?"
    r"|seeks?|tries|try|intends?|aims?|pledges?|vows?|threatens?)\s+to$"
)
_CONJUNCTION = regexes.compile(r"\b(?:and|but)\s+")
_LEADING_PREPOSITION = regexes.compile(
    r"(?:with|for|in|on|at|as|of|by|from|while|whereas|then|so|and|but|or)(?:\s+|$)", re.I
)
# "at a reported cost of": the "verb" was a noun.
_NOT_A_SUBJECT_END = frozenset("a an the reported estimated total its their his her our of".split())
_LAST_DETERMINER = regexes.compile(r"\b(?:a|an|the|its|their|his|her)\s+", re.I)
_PRONOUNS = frozenset("that this it which these those they he she we i you there what who".split())
_DETERMINER = regexes.compile(r"^(?:the|a|an|its|their|his|her|our)\s+", re.I)


_AMOUNT_THING = regexes.compile(
    r"[ -]((?:(?!(?:in|of|on|for|to|at|by|with|from|and|or|a|an|the|its|their)\s)[a-z][\w-]*\s)"
    r"{0,2}(?:deal|contract|loan|investment|fund|package|bid|offer|fine"
    r"|budget|project|programme|program|plan|takeover|acquisition|merger|bail-?out|bonus|fee"
    r"|grant|subsidy|stake|settlement|pipeline|plant|factory|stadium|scheme|purchase|order"
    r"|debt|payment|transfer|prize|salary|tax|tariff|pay|rise|cut|cuts|increase)s?)\b"
)


# What was measured, in the words of business news: the phrase's kind, most specific first.
_METRICS = (
    ("net loss", r"net\s+loss(?:es)?"),
    ("pre-tax loss", r"pre-?tax\s+loss(?:es)?"),
    ("operating loss", r"operating\s+loss(?:es)?"),
    ("pre-tax profit", r"pre-?tax\s+(?:profits?|earnings|income)"),
    ("operating profit", r"operating\s+(?:profits?|income|earnings)"),
    ("net profit", r"net\s+(?:profits?|income|earnings)"),
    ("loss", r"loss(?:es)?"),
    ("profit", r"profits?|earnings|income"),
    ("revenue", r"revenues?|turnover"),
    ("sales", r"sales"),
    ("dividend", r"dividends?|payout"),
    ("trade", r"trade(?:\s+volume)?|(?:trade\s+)?surplus|(?:trade\s+)?deficit"),
    ("exports", r"exports"),
    ("imports", r"imports"),
    ("price", r"prices?"),
    ("stake", r"stake|holding|shareholding"),
    ("debt", r"debts?|borrowings?"),
    ("investment", r"investments?"),
    ("budget", r"budget"),
    ("output", r"output|production"),
)
_METRIC = regexes.compile(
    "|".join(rf"(?P<m{i}>\b(?:{p})\b)" for i, (_, p) in enumerate(_METRICS)), re.I
)
# "a net loss of 5 mln dlrs", "sales of 40 mln stg": the thing measured, then "of".
_METRIC_OF = regexes.compile(
    r"(?P<phrase>(?:\b(?!(?:a|an|the|its|their|his|her|reported|posted|declared|announced"
    r"|had|has|have|made|recorded|against|with|and|or|of|for|in|on|to|from|was|is|as|after"
    r"|before|by|at|than|but|will|would|could|may|might|can|require|requires|report|reports"
    r"|be|been|were|are)\b|[\w-]*ing\b)[\w-]+\s+){0,2}(?:"
    + "|".join(p for _, p in _METRICS)
    + r"))\s+of\s+$",
    re.I,
)
# The period a figure covers: "first-quarter", "in the six months to June", "full-year".
_PERIOD = regexes.compile(
    r"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
    r"|\b(?P<h>first|second)[- ]half|\bhalf[- ]year(?:ly)?\b|\binterim\b"
    r"|\b(?:full[- ]year|annual|yearly|year[- ]end)\b"
    r"|\b(?:three|six|nine|twelve)[- ]months?\b(?:\s+to\s+(?:\d{1,2}\s+)?\w+)?"
    r"|\b(?:fiscal|financial)\s+(?:year\s+)?\d{4}(?:/\d\d)?",
    re.I,
)
_YEAR_NORM = regexes.compile(r"\d{4}(?:-Q\d)?$")
# "to 310 mln dlrs from 290 mln": the figure before, for the same period a year or a
# quarter earlier.
_FROM_VALUE = regexes.compile(r"[ \t]*,?[ \t]*(?:up|down)?[ \t]*from[ \t]+")


def _metric(phrase: str) -> str | None:
    m = _METRIC.search(phrase)
    if m is None or m.lastgroup is None:
        return None
    return _METRICS[int(m.lastgroup[1:])][0]


def _period(doc: _Text, index: int, phrase_start: int, value: Mention) -> dict[str, Any]:
    """The period a figure covers, with a norm ("1987-Q1", "Q1", "1986") where the text gives
    one: a year or quarter right after the figure ("in 1985"), else a period word in the
    phrase or sentence ("first-quarter"), with the sentence's year when no other figure owns
    it."""
    text = doc.text
    s_start, s_end = doc.sentence_span(index)
    own = loose = None
    for m in doc.by_sentence.get(index, ()):
        if m.label != "DATE" or not isinstance(m.norm, str) or not _YEAR_NORM.match(m.norm):
            continue
        if m.start >= value.end and _DATE_AFTER.fullmatch(text, value.end, m.start):
            own = m
            break
        before = doc.before(m.start, _DATE_AFTER_GAP)
        if loose is None and (before is None or before.label not in _VALUE_LABELS):
            loose = m
    if own is not None:
        return {"period": own.text, "period_norm": own.norm}
    found = _PERIOD.search(text, phrase_start, value.end) or _PERIOD.search(text, s_start, s_end)
    year = loose.norm[:4] if loose is not None else None
    if found is None:
        return {"period": loose.text, "period_norm": loose.norm} if loose is not None else {}
    out: dict[str, Any] = {"period": found.group().lower().replace("-", " ")}
    if found.group("q"):
        q = f"Q{_QUARTERS[found.group('q').lower()]}"
        out["period_norm"] = f"{year}-{q}" if year else q
    elif found.group("h"):
        h = "H1" if found.group("h").lower() == "first" else "H2"
        out["period_norm"] = f"{year}-{h}" if year else h
    elif year:
        out["period_norm"] = year
    return out


_DATE_AFTER = regexes.compile(r"[ \t]*,?[ \t]*(?:in|for|during)[ \t]+(?:the[ \t]+)?(?:year[ \t]+)?")
_DATE_AFTER_GAP = regexes.compile(r"[ \t]*,?[ \t]*(?:in|for|during)[ \t]+(?:the[ \t]+)?")
_VALUE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})


def _earlier(period: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """The period of the figure before ("from 290 mln"): its own year if the text gives one
    ("from 290 mln in 1986"), else the same period a year before."""
    if own.get("period_norm") != period.get("period_norm") and own:
        return {**own, "earlier": True}
    out = dict(period)
    norm = out.get("period_norm")
    if isinstance(norm, str) and norm[:4].isdigit():
        out["period_norm"] = f"{int(norm[:4]) - 1}{norm[4:]}"
    else:
        out.pop("period_norm", None)
    out["earlier"] = True
    return out


def _amounts(doc: _Text) -> list[Fact]:
    text = doc.text
    facts: list[Fact] = []
    for v in doc.mentions:
        if v.label not in ("MONEY", "PERCENT", "QUANTITY") or not isinstance(v.norm, dict):
            continue
        index = doc.sentence_of(v.start)
        s_start, _ = doc.sentence_span(index)
        window_start = max(s_start, v.start - 160)
        verb = _AMOUNT_VERB.search(text, window_start, v.start)
        if verb is None:
            of = (
                _METRIC_OF.search(text, max(window_start, v.start - 60), v.start)
                if text.endswith("of ", window_start, v.start)
                else None
            )
            if of is not None:
                # "a net loss of 5 mln dlrs": the phrase before "of" is what was measured.
                phrase = _DETERMINER.sub("", of.group("phrase"))
                facts.append(
                    _fact(
                        doc,
                        "amount",
                        phrase,
                        v.text,
                        of.start("phrase"),
                        v.end,
                        metric=_metric(phrase),
                        **_period(doc, index, of.start("phrase"), v),
                        **dict(v.norm),
                    )
                )
                continue
            thing = _AMOUNT_THING.match(text, v.end)
            if thing is not None:
                # "a $500m deal": the amount names the thing after it.
                facts.append(
                    _fact(
                        doc, "amount", thing.group(1), v.text, v.start, thing.end(1), **dict(v.norm)
                    )
                )
            continue
        pre_end = verb.start()
        aside = _ASIDE_END.search(text, window_start, pre_end)
        if aside is not None:
            # "the estimate for the province - flattened by the tsunami - was 20 trillion
            # rupiah": what was measured is before the aside.
            opening = max(text.rfind(f" {aside.group(1)} ", window_start, aside.start()), -1)
            if opening > window_start:
                pre_end = opening
        pre = text[window_start:pre_end]
        clause = _CLAUSE_START.match(pre)
        np_start = window_start + (clause.end() if clause else 0)
        np_start, np_end = _strip_span(text, np_start, pre_end, ' \t\n,;:"“”(')
        if np_end - np_start < 2:
            continue
        subject_start = _subject_start(text, np_start, np_end)
        if subject_start is None:
            continue
        np_start = subject_start
        to = _TO_END.search(text, np_start, np_end)
        if to is not None:
            to_verb = _TO_VERB_END.search(text, np_start, np_end)
            np_end = to_verb.start() if to_verb is not None else to.start()
            np_start, np_end = _strip_span(text, np_start, np_end)
            last = text[max(text.rfind(" ", np_start, np_end), np_start - 1) + 1 : np_end]
            if (
                _subject_start(text, np_start, np_end) is None
                or last.lower() in _NOT_A_PAYER_END
                or last.endswith(("'s", "’s"))
            ):
                continue  # "it is thought to be worth", "already offered to pay"
        if verb.group("verb") in ("worth", "valued", "cost", "costs"):
            # "rejected a takeover offer worth $3bn": the thing is the last noun phrase.
            det = _last_match(_LAST_DETERMINER, text, np_start, np_end)
            if det is not None:
                np_start = det.start()
        phrase = text[np_start:np_end]
        measure = _MEASURE.match(phrase)
        subject = phrase[measure.end() :] if measure else _DETERMINER.sub("", phrase)
        if not subject or not any(c.isalpha() for c in subject):
            continue
        quals = dict(v.norm)
        metric = _metric(subject)
        period = _period(doc, index, np_start, v) if metric else {}
        facts.append(
            _fact(
                doc,
                "amount",
                subject,
                v.text,
                np_start,
                v.end,
                measure=measure.group("measure").lower() if measure else None,
                verb=verb.group("verb"),
                metric=metric,
                **period,
                **quals,
            )
        )
        before = _value_before(doc, v) if metric else None
        if before is not None:
            facts.append(
                _fact(
                    doc,
                    "amount",
                    subject,
                    before[0].text,
                    np_start,
                    before[0].end,
                    measure=measure.group("measure").lower() if measure else None,
                    verb=verb.group("verb"),
                    metric=metric,
                    **_earlier(period, _period(doc, index, np_start, before[0])),
                    **before[1],
                )
            )
    return facts


def _value_before(doc: _Text, v: Mention) -> tuple[Mention, dict[str, Any]] | None:
    """ "rose to 310 mln dlrs from 290 mln": the earlier figure, in the first one's currency."""
    gap = _FROM_VALUE.match(doc.text, v.end)
    w = doc.by_start.get(gap.end()) if gap else None
    if w is None or not isinstance(w.norm, dict) or "value" not in w.norm:
        return None
    if w.label == v.label:
        return w, dict(w.norm)
    if w.label == "CARDINAL":
        norm = dict(w.norm)
        for key in ("currency", "unit"):
            if key in v.norm:
                norm[key] = v.norm[key]
        return w, norm
    return None


def _subject_start(text: str, start: int, end: int) -> int | None:
    """Where the thing measured starts in text[start:end], or None if there is none."""
    last_space = max(text.rfind(" ", start, end), start - 1)
    if text[last_space + 1 : end].lower() in _NOT_A_SUBJECT_END:
        return None
    verbal = _last_match(_VERBAL, text, start, end)
    if verbal is not None:
        start = verbal.end()
        conj = _last_match(_CONJUNCTION, text, start, end)
        if conj is not None:
            start = conj.end()
    while start < end and text[start].isspace():
        start += 1
    lead = _LEADING_PREPOSITION.match(text, start, end)
    if lead is not None:
        start = lead.end()
    if end - start < 2 or text.count(" ", start, end) > 12:
        return None
    if end - start == 2 and not text[start:end].isupper():
        return None  # two letters: only an acronym ("BT") names a thing
    if text[start:end].lower() in _PRONOUNS:
        return None
    return start
