"""The build tokenises a batch of texts at once, mostly as bytes (`build._WordIds`); whatever
script, accents, ligatures or invisible characters a text holds, and whatever texts share
its batch, its words are the words a query of the same text is made of (`analysis.tokens`),
so that typing any word of a text finds it."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.search import SearchIndex, build
from explorer.search.analysis import tokens

# One sentence each (no `.`, `!` or `?` inside): plain ASCII, characters that fold to ASCII,
# punctuation that is not ASCII, and characters that fold to a word character or mark that
# is not ASCII (Cyrillic, ß, ø, Greek with its final sigma, decomposed accents, ligatures,
# soft hyphens, zero-width characters, Devanagari vowel signs, fullwidth forms).
TEXTS = {
    "ascii": "Plain words and numbers like 2026 or A4 stay as they are",
    "latin": "Søren Kierkegaard’s café in Zürich — £5 for “naïve” crème brûlée",
    "dotted": "İstanbul and IŞIK are written with a dotted capital",
    "german": "Die Straße in Köln heißt STRASSE im Großen",
    "greek": "ΣΟΦΟΣ και σοφος ΟΔΥΣΣΕΑΣ",
    "cyrillic": "Москва и Київ, Moscow and Kyiv",
    "russian": "Президент посетил Москву и Київ в понедельник утром",  # mostly not ASCII
    "decomposed": "Cafe\u0301 nai\u0308ve Franc\u0327ois Zu\u0308rich",
    "ligatures": "\ufb01nance and o\ufb03ce \ufb02ows",
    "invisible": "co\u00adoperate with zero\u200bwidth and word\u2060joiner",
    "hindi": "\u092d\u093e\u0937\u093e \u092e\u0930\u093e\u0920\u0940 and English",
    "fullwidth": "\uff21\uff42\uff43\uff11\uff12\uff13 and \u2163 and x\u00b2",
    "stray": "a mark \u0301 alone, under_score and hy-phen, 東京 and emoji 😀 ok",
    "nul": "a NUL\x00inside a text",
}


def _record_words(index: SearchIndex) -> dict[str, list[str]]:
    part = index.parts
    a, vocab = part.arrays, part.vocab
    doc_ids = [row[0] for row in part.tables.docs]
    fwd, off = np.asarray(a.fwd), np.asarray(a.fwd_off)
    return {
        doc_ids[int(a.doc[r])]: [vocab[w] for w in fwd[off[r] : off[r + 1]].tolist()]
        for r in range(a.records)
    }


@pytest.mark.parametrize("batch", [1, 4, 5, 1000])
@pytest.mark.parametrize("plain", [0, 3, 40])
def test_every_text_is_indexed_with_the_words_its_query_has(index_of, monkeypatch, batch, plain):
    # `plain` ASCII texts around the others: batches mostly of either kind, or mixed.
    monkeypatch.setattr(build, "_BUILD_CHUNK", batch)
    docs = {f"p{i}": f"Filler sentence number {i} of plain text" for i in range(plain)}
    for k, (name, text) in enumerate(TEXTS.items()):
        docs[name] = text
        docs[f"q{k}"] = f"More filler after {name}"
    index = index_of(docs)
    words = _record_words(index)
    for name, text in TEXTS.items():
        assert words[name] == tokens(text.replace("\x00", " ")), name
    for name in ("latin", "german", "greek", "russian", "decomposed", "ligatures", "hindi"):
        for word in tokens(TEXTS[name]):
            assert any(h.doc == name for h in index.search(word, limit=50)), (name, word)
