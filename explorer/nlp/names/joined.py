"""Names that go on past "and", a comma or "of" where a reporter writes one body so: a firm
of two partners ("the law firm Carlyle and Webb", "Minerals and Metals Trading Corp"), a
police force or council of two places ("Avon and Somerset Police"), a ministry's list of
portfolios ("Ministry of Housing, Communities and Local Government") and a company's
national arm ("Ford of Britain"). Each helper says where the name ends, 0 if it does not go
on; `scan_sentence` asks them at the joiner."""

from __future__ import annotations

from explorer.nlp.names.guesses import Doc
from explorer.nlp.names.lists import COMPANY_FORMS, ENGINE_MAKERS, W, gazetteer_label, org_suffix

#: Lower-case nouns of a trade before a firm's name: "the law firm Carlyle and Webb",
#: "brokers Dalton and Greer", "the accountants Price and Ward" (not "firms": "cable firms
#: NTL and Telewest" are two).
_FIRM_NOUNS = frozenset(
    "firm brokers broker brokerage accountants accountancy solicitors lawyers "
    "auditors consultants consultancy architects agency agents publishers "
    "partnership practice stockbrokers".split()
)

#: A partner's title after a firm's name: "Carlyle and Webb partner Tom Hale".
_PARTNER_AFTER = frozenset({"partner", "partners"})

#: Who is "at" a firm of partners: "a partner at Harwood and Pryce".
_MEMBERS = frozenset({"partner", "solicitor", "solicitors", "lawyer", "accountant", "broker"})

#: The words before a body's name that are no part of it: "The Ministry of ...", "A
#: Department for ... spokesman".
_ARTICLES = frozenset({"The", "the", "A", "An"})


def _surname(w: str) -> bool:
    """A word written as a partner's surname: "Pryce", "McCabe"; not "NTL" or "DJ"."""
    return w[:1].isupper() and not w.isupper() and w.isalpha()


def _plain(w: str, given: bool = False) -> bool:
    """A capitalised word that may be a partner's name: no place, person's given name
    (unless `given`: "Dalton", a surname too) or organisation the lists know."""
    return (
        w[:1].isupper()
        and (given or w not in W.first_names)
        and w not in W.known_orgs
        and w not in COMPANY_FORMS
        and not gazetteer_label([w])
    )


def _place(w: str) -> bool:
    """A town's, region's or country's name alone ("Hongkong", "Scottish" is no place)."""
    hit = gazetteer_label([w])
    return hit is not None and hit[0] in ("GPE", "LOC")


def _initials(w: str) -> bool:
    """ "E.D.", "F.": a person's initials."""
    return len(w) >= 2 and w.endswith(".") and w.replace(".", "").isalpha() and w[0].isupper()


def firm_of_two(doc: Doc, toks, i: int, j: int, n: int) -> int:
    """Where the firm's name "A and B" that toks[i:j] ("A") begins ends, when the words say
    it is one firm: a trade noun before it ("the law firm", "brokers"), a partner's title
    after it, the document naming it so before, or the lists knowing it with "&" ("Marks
    and Spencer"); 0 otherwise. A and B are one word each."""
    if j - i > 2 or j + 1 >= n:
        return 0
    first = i + 1 if j - i == 2 and toks[i].text.lower() in _FIRM_NOUNS else i
    if j - first != 1:
        return 0
    a, b = toks[first].text, toks[j + 1].text
    if (j + 2 < n and toks[j + 2].text[:1].isupper()) or not (
        _surname(a) and _surname(b) and _plain(a, True) and _plain(b, True)
    ):
        return 0
    name = f"{a} and {b}"
    if name in doc.firms or f"{a} & {b}" in W.companies:  # "Marks and Spencer"
        return _mark(doc, toks, first, j + 2)
    before = toks[first - 1].text.lower() if first else ""
    after = toks[j + 2].text if j + 2 < n else ""
    if (
        before in _FIRM_NOUNS
        or first > i
        or after in _PARTNER_AFTER
        # "Sullivan and Cromwell, the New York law firm"
        or (after == "," and _firm_in_apposition(toks, j + 3, n))
        # "a partner at Harwood and Pryce", "a solicitor with ..."
        or (before in ("at", "with", "of") and first > 1 and toks[first - 2].text in _MEMBERS)
    ):
        doc.firms.add(name)
        return _mark(doc, toks, first, j + 2)
    return 0


#: Words near a list of surnames that make it a firm of partners: "the law firm of
#: Wachtell, Lipton, Rosen and Katz", "... and Katz, which acted as counsel".
_FIRM_CONTEXT = frozenset(
    "firm law lawyers attorneys counsel advised advising adviser advisers advisor advisors "
    "represented representing accountants auditors".split()
)


def firm_of_partners(doc: Doc, toks, i: int, j: int, n: int) -> int:
    """Where a firm named by three or more partners' surnames ends, from the comma at `j`
    after the first ("Wachtell, Lipton, Rosen and Katz"): each a surname no list knows as
    anything else, the last after "and" or "&", and a word of law or advice within eight words
    (or the story naming the firm so before); 0 otherwise."""
    if j - i != 1 or not (_surname(toks[i].text) and _plain(toks[i].text, True)):
        return 0
    k = j
    while k + 1 < n and toks[k].text == "," and k - j < 10:
        if not _partner(toks[k + 1].text):
            return 0
        k += 2
    if k == j or k + 1 >= n or toks[k].text not in ("and", "&"):
        return 0
    end = k + 2
    if not _partner(toks[k + 1].text) or (end < n and toks[end].text[:1].isupper()):
        return 0
    name = " ".join(t.text for t in toks[i:end]).replace(" ,", ",")
    near = (t.text.lower() for t in toks[max(0, i - 8) : i] + toks[end : end + 8])
    if name in doc.firms or not _FIRM_CONTEXT.isdisjoint(near):
        doc.firms.add(name)
        return _mark(doc, toks, i, end)
    return 0


def _partner(w: str) -> bool:
    """A partner's surname after the first of a firm's: a town's name too ("Cleary, Gottlieb,
    Steen and Hamilton"), but no country, nationality or organisation the lists know."""
    return (
        _surname(w)
        and w not in W.known_orgs
        and w not in COMPANY_FORMS
        and w not in W.countries
        and w not in W.demonyms
        and w not in W.norp_words
    )


def _firm_in_apposition(toks, k: int, n: int) -> bool:
    """Whether the words from `k` (after a comma) say what the name before is a firm: "the
    New York law firm", "a Chicago accounting firm" (a firm's noun within five words, after
    "the" or "a")."""
    if k >= n or toks[k].text not in ("the", "a", "an"):
        return False
    return any(t.text in _FIRM_NOUNS for t in toks[k + 1 : k + 6])


def _mark(doc: Doc, toks, start: int, k: int) -> int:
    """Note toks[start:k] as one organisation's name, for its label; and return `k`."""
    if toks[start].text in _ARTICLES and k - start > 2:
        start += 1
    doc.joined[toks[start].start] = toks[k - 1].end
    return k


def partners_with_form(toks, i: int, j: int, k: int, names: list[str]) -> bool:
    """Whether "A and B C Form" (toks[i:j] is A, `names` the words after "and" before the
    form, `k` past the form) is one company: B is an initial and a surname ("E.D. and F.
    Man Ltd") or a word and its trade ("Minerals and Metals Trading Corp"), and A is a word
    or initials no list knows as a name of its own; or A and B are places and C a trade
    ("Hongkong and Shanghai Banking Corp")."""
    if j - i == 2 and toks[i].text in _ARTICLES:
        i += 1  # "The Hongkong and Shanghai Banking Corp"
    if j - i != 1 or len(names) != 2 or k - j > 5:
        return False
    a = toks[i].text
    if org_suffix(names[1]) and _place(names[0]) and (_place(a) or _plain(a)):
        return True  # "Hongkong and Shanghai Banking Corp"
    if not (_initials(a) or _plain(a)):
        return False
    b, c = names
    if _initials(b):
        return c[:1].isupper() and c not in W.known_orgs
    return _plain(b) and org_suffix(c) and f"{b} {c}" not in W.known_orgs


#: The last words of a public service named after the places it serves: "Avon and Somerset
#: Police", "Devon and Cornwall Constabulary", "Bedfordshire and Luton Fire Service",
#: "Brighton and Hove City Council", "Cardiff and Vale University Health Board".
_SERVICE_ENDS = (
    ("Police",),
    ("Constabulary",),
    ("Council",),
    ("Police", "Service"),
    ("Fire", "Service"),
    ("Fire", "Brigade"),
    ("Ambulance", "Service"),
    ("Fire", "and", "Rescue", "Service"),
    ("Fire", "and", "Rescue"),
    ("Health", "Board"),
    ("NHS", "Trust"),
    ("Crime", "Commissioner"),
)
_SERVICE_LAST = frozenset(e[-1] for e in _SERVICE_ENDS)


def service_of_places(doc: Doc, toks, i: int, j: int, n: int) -> int:
    """Where a public service named after two places that toks[i:j] begins ends: one or
    two words, "and", up to four more (places or not) and the service's words; 0 if the
    words after "and" end in no such service."""
    if j - i > 2 or any(not t.text[:1].isupper() for t in toks[i:j]):
        return 0
    k = j + 1
    while k < n and k - j <= 7 and (toks[k].text[:1].isupper() or toks[k].text == "and"):
        k += 1
        if toks[k - 1].text in _SERVICE_LAST:
            words = tuple(t.text for t in toks[j + 1 : k])
            if any(words[-len(e) :] == e and len(words) > len(e) for e in _SERVICE_ENDS):
                if k < n and toks[k].text == "and" and k + 1 < n and toks[k + 1].text == "Rescue":
                    continue  # "Fire and Rescue Service": read on
                return _mark(doc, toks, i, k)
    return 0


def body_of_places(doc: Doc, toks, i: int, j: int, n: int) -> int:
    """Where a body named after two places that toks[i:j] (one place) begins ends: "and",
    a place, one or two words of what it runs and an organisation's last word ("England and
    Wales Cricket Board", "Scotland and Northern Ireland Plumbing Employers Federation"); 0 if
    the words after "and" are no such name (a plain list: "England and Wales", "Britain
    and France Telecom" is not read as one, France being no word of a trade)."""
    if toks[i].text in _ARTICLES:
        i += 1
    if j - i > 2 or j <= i or j + 2 >= n:
        return 0
    first = gazetteer_label([t.text for t in toks[i:j]])
    if first is None or first[0] not in ("GPE", "LOC"):
        return 0
    k = j + 1
    m = k + 2 if k + 2 < n and gazetteer_label([toks[k].text, toks[k + 1].text]) else k + 1
    if gazetteer_label([t.text for t in toks[k:m]]) is None:
        return 0
    end = m
    while end < n and end - m < 4 and toks[end].text[:1].isupper():
        end += 1
    if end - m < 2 or not org_suffix(toks[end - 1].text):
        return 0  # at least a word of a trade before the body's word: "Cricket Board"
    if any(gazetteer_label([t.text]) or t.text in W.first_names for t in toks[m : end - 1]):
        return 0
    return _mark(doc, toks, i, end)


#: The heads of a ministry whose portfolios may be listed with commas.
_MINISTRY_HEADS = frozenset({"Ministry", "Department", "Secretary", "Minister", "Committee"})


def portfolios_listed(doc: Doc, toks, i: int, j: int, n: int) -> int:
    """Where a ministry's name that lists its portfolios ends, from the comma at `j`:
    "Ministry of Housing, Communities and Local Government", "Department for Digital,
    Culture, Media and Sport"; 0 if what follows the comma is no such list (a place, a
    person, a known organisation, or no "and" before the last)."""
    head = i + 1 if toks[i].text in _ARTICLES else i
    if toks[head].text not in _MINISTRY_HEADS or not any(
        t.text in ("of", "for") for t in toks[head + 1 : j]
    ):
        return 0
    k = j
    while k < n and toks[k].text in (",", "and"):
        joiner = toks[k].text
        start = k = k + 1
        while k < n and k - start < 3 and toks[k].text[:1].isupper():
            if not _portfolio(toks[k].text):
                return 0
            k += 1
        if k == start:
            return 0
        if joiner == "and":
            return _mark(doc, toks, head, k) if k >= n or not toks[k].text[:1].isupper() else 0
    return 0


def _portfolio(w: str) -> bool:
    """A word of a ministry's portfolio: "Communities", "Rivers" (a region of that name is
    far less likely there than the word); not a nation, a city, a given name or a known
    organisation: "the Ministry of Defence, Britain and France"."""
    return (
        w not in W.first_names
        and w not in W.known_orgs
        and w not in W.nations
        and w not in W.cities
        and w not in W.demonyms
    )


#: The countries a company's national arm is named for: "Ford of Britain", "General Motors
#: of Canada", "Ford of Europe".
ARM_PLACES = frozenset({"Britain", "Canada", "Europe", "America", "Australia"})


def national_arm(doc: Doc, toks, i: int, j: int, n: int) -> int:
    """Where a company's national arm ("Ford of Britain") that toks[i:j] begins ends: a
    company the lists know, written without its legal form (with one, "Hoechst AG of West
    Germany" says where the company is), "of" and a country it has an arm in; 0 if not."""
    if j - i > 3 or j + 1 >= n or toks[j + 1].text not in ARM_PLACES:
        return 0
    if j + 2 < n and toks[j + 2].text[:1].isupper():
        return 0
    name = " ".join(t.text for t in toks[i:j])
    if name in W.companies or name in W.known_orgs or name in ENGINE_MAKERS:
        # (a carmaker: "Ford" alone may be a surname, "Ford of Britain" is not)
        return _mark(doc, toks, i, j + 2)
    return 0
