"""Letters after a person's name that are no part of it: "Anna Cartwright KC", "Peter Lang
MP", "Sarah Finch OBE" are Anna Cartwright, Peter Lang and Sarah Finch, so that "Ms
Cartwright" later in the story is the same person."""

from __future__ import annotations

from explorer.nlp.names.lists import W

#: Honours, ranks at the bar and seats written after a name. Written by hand.
POST_NOMINALS = frozenset(
    "KC QC MP MEP MSP MLA MS OBE MBE CBE KBE DBE GBE CH OM VC GC KCMG CMG JP FRS FRSE PC".split()
)


#: Of those, the ones that are nothing else alone: "a QC" is a title, no organisation.
_ONLY_LETTERS = frozenset("KC QC OBE MBE CBE KBE DBE GBE KCMG CMG MSP".split())


def without_post_nominals(toks, i: int, j: int) -> int:
    """Where the name toks[i:j] ends without the letters after it: only after a given name
    or an honorific ("Anna Cartwright KC", "Mr Lang MP"), not "Labour MP" or "the UK MEP";
    `i` for letters alone that are only a title ("a QC")."""
    if j - i == 1:
        return i if toks[i].text in _ONLY_LETTERS else j
    k = j
    while k - i > 1 and toks[k - 1].text in POST_NOMINALS:
        k -= 1
    if k == j:
        return j
    first_names, honorifics = W.first_names, W.honorifics
    if k - i >= 2 and any(t.text in first_names or t.text in honorifics for t in toks[i : k - 1]):
        return k
    return j
