"""Fact quality on sentences written for the purpose: deals scored over (acquirer, target,
price) on tests/nlp/test_deals.py's sets (issue 11: precision >= 90%, recall >= 85%)."""

from __future__ import annotations

import importlib.util
import time

from benchmarks.common import REPO, figure, heading


def _cases():
    path = REPO / "tests" / "nlp" / "test_deals.py"
    spec = importlib.util.spec_from_file_location("deal_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    known = [(text, gold) for text, gold, _why in module.KNOWN_MISSES]
    return [*module.DEALS, *known], module.NOT_DEALS


def _triples(text: str) -> set[tuple]:
    from explorer.nlp import extract

    out = set()
    for f in extract(text, {"date": "1987-03-02"}).facts:
        if f.predicate == "deal":
            price = (f.qualifiers.get("price") or {}).get("value")
            out.add((f.subject.rstrip("."), f.object.rstrip("."), price))
    return out


def _deals() -> None:
    deals, not_deals = _cases()
    started = time.perf_counter()
    found = correct = expected = 0
    fields = {"acquirer": 0, "target": 0, "price": 0}
    gold_prices = 0
    misses: list[str] = []
    for text, gold in [*deals, *((t, []) for t in not_deals)]:
        want = {(a, t, p) for a, t, p, *_ in gold}
        got = _triples(text)
        found += len(got)
        expected += len(want)
        correct += len(got & want)
        gold_prices += sum(1 for _, _, p in want if p is not None)
        for g in want:
            match = next((x for x in got if x[:2] == g[:2]), None)
            fields["acquirer"] += any(x[0] == g[0] for x in got)
            fields["target"] += any(x[1] == g[1] for x in got)
            fields["price"] += bool(match and g[2] is not None and match[2] == g[2])
        if got != want:
            misses.append(text[:70])
    seconds = time.perf_counter() - started
    n = len(deals) + len(not_deals)
    figure("sentences (deal forms / look-alikes)", f"{len(deals)} / {len(not_deals)}")
    figure("deals stated", f"{expected}")
    figure("deal precision (acquirer, target, price)", f"{correct / max(found, 1):.1%}", ">= 90%")
    figure("deal recall (acquirer, target, price)", f"{correct / max(expected, 1):.1%}", ">= 85%")
    for name, hits in fields.items():
        total = gold_prices if name == "price" else expected
        figure(f"  {name} right (of those stated)", f"{hits} / {total}")
    figure("seconds for the set (whole pipeline)", f"{seconds:.2f} s ({n} sentences)")
    for text in misses:
        print(f"  differs: {text}")


def main() -> None:
    heading("facts: deals on the written test set (tests/nlp/test_deals.py)")
    _deals()


if __name__ == "__main__":
    main()
