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


def test_words_of_every_length_and_thousands_of_new_ones_keep_their_ids(monkeypatch):
    # The bytes path reads a word of up to 16 bytes as two 64-bit keys in a hash table that
    # grows as words are met, longer ones through a dict: words either side of 8 and 16
    # bytes, words that share their first 8 or 16 bytes, and enough new words, batch after
    # batch, to grow the table several times, each get the one id of that word.
    rng = np.random.default_rng(7)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz0123456789"))
    stems = ["".join(rng.choice(letters, 24)) for _ in range(40)]
    vocab = [s[:n] for s in stems for n in (1, 7, 8, 9, 15, 16, 17, 24)]
    vocab += ["".join(rng.choice(letters, int(n))) for n in rng.integers(1, 30, 6000)]
    texts = [
        " ".join(rng.choice(vocab, int(k))) + (" Q" if i % 3 else " Über")
        for i, k in enumerate(rng.integers(0, 30, 3000))
    ]
    ids = build._WordIds()
    got: list[list[str]] = []
    for lo in range(0, len(texts), 500):
        flat = ids.ids(texts[lo : lo + 500])
        words = list(ids.words)
        record: list[str] = []
        for i in flat.tolist():
            if i == 0:
                got.append(record)
                record = []
            else:
                record.append(words[i])
    assert got == [tokens(t) for t in texts]
    assert len(ids.words) == len(set(ids.words))
