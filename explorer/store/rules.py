"""The user's rules over entity identity (merge, split, rename, relabel), and the map a reader
applies: the automatic decisions stored on the entity records, then every rule in order.

Pure logic: records and rules in, the map out. The store keeps rules in its `rules` table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from explorer.model import LABELS

#: What a rule does, and the arguments it takes besides the name it acts on.
OPS = {
    "merge": "merge NAME into TARGET (every entity named NAME joins the one named TARGET)",
    "split": "split NAME off the entity it was merged into",
    "rename": "rename the entity named NAME to TARGET",
    "relabel": "relabel the entity named NAME as TARGET (a label)",
}


class RuleError(ValueError):
    """A rule that cannot be kept; str() says what is wrong in the user's words."""


def check_rule(rule: Mapping[str, Any]) -> dict[str, Any]:
    """A rule as stored ({"op", "name", "target", "label", "target_label"}); RuleError when
    it is not one."""
    if not isinstance(rule, Mapping):
        raise RuleError("a rule is a JSON object with op, name and (but for split) target")
    op = rule.get("op")
    if op not in OPS:
        raise RuleError(f"unknown rule {op!r}: use one of {', '.join(OPS)}")
    name = rule.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuleError(f"{op}: the name of the entity it acts on is missing")
    target = rule.get("target")
    if op == "split":
        target = None
    elif not isinstance(target, str) or not target.strip():
        raise RuleError(f"{op} {name!r}: the target is missing ({OPS[op]})")
    out: dict[str, Any] = {"op": op, "name": name.strip()}
    if target is not None:
        out["target"] = target.strip()
        if op == "relabel":
            out["target"] = out["target"].upper()
            if out["target"] not in LABELS:
                raise RuleError(
                    f"relabel {name!r}: {target!r} is not a label ({', '.join(LABELS)})"
                )
    for field_name in ("label", "target_label"):
        value = rule.get(field_name)
        if value in (None, ""):
            continue
        if not isinstance(value, str) or value.upper() not in LABELS:
            raise RuleError(f"{op} {name!r}: {value!r} is not a label ({', '.join(LABELS)})")
        out[field_name] = value.upper()
    if op == "merge" and "target_label" not in out and "label" in out:
        out["target_label"] = out["label"]
    return out


def describe(rule: Mapping[str, Any]) -> str:
    """A rule in one line, as `rules list` shows it."""
    op, name = rule.get("op"), rule.get("name")
    label = f" ({rule['label']})" if rule.get("label") else ""
    target_label = f" ({rule['target_label']})" if rule.get("target_label") else ""
    if op == "merge":
        return f"merge {name!r}{label} into {rule.get('target')!r}{target_label}"
    if op == "split":
        return f"split {name!r}{label} off"
    if op == "rename":
        return f"rename {name!r}{label} to {rule.get('target')!r}"
    return f"relabel {name!r}{label} as {rule.get('target')}"


@dataclass
class IdentityMap:
    """Raw entity key -> the key of the entity it belongs to, with why."""

    head: dict[str, str] = field(default_factory=dict)  # raw key -> group head (raw key)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # head -> (name, label)
    why: dict[str, dict[str, Any]] = field(default_factory=dict)  # raw key -> reason, ...
    country: dict[str, str] = field(default_factory=dict)  # raw NORP key -> raw country key
    #: raw key -> the key readers see (f"{label}:{name}" of its group), for changed keys only
    canon: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)  # shown key -> raw keys
    auto_groups: dict[str, frozenset[str]] = field(default_factory=dict)  # head -> members
    unmatched: list[int] = field(default_factory=list)  # ids of rules that matched nothing

    def shown(self, key: str) -> str:
        """The key readers see for `key`: its group's, when it was merged into one."""
        return self.canon.get(key, key)


def _automatic(m: IdentityMap, records: Mapping[str, Mapping[str, Any]]) -> None:
    """The decisions identity resolution stored on `records`, into `m` (head, why, country)."""
    head = m.head
    for key, rec in records.items():
        canonical = rec.get("canonical")
        if not (isinstance(canonical, str) and canonical in records):
            head[key] = key
        else:
            head[key] = canonical
            m.why[key] = {
                "reason": rec.get("reason", ""),
                "confidence": rec.get("confidence", 1.0),
                "via": rec.get("via", canonical),
            }
        if rec.get("country") in records:
            m.country[key] = rec["country"]


def build_map(
    records: Mapping[str, Mapping[str, Any]], rules: Iterable[Mapping[str, Any]]
) -> IdentityMap:
    """The automatic decisions of `records` (key -> entity record), then `rules` in order."""
    m = IdentityMap()
    _automatic(m, records)
    head = m.head
    auto: dict[str, set[str]] = defaultdict(set)
    for key, h in head.items():
        auto[h].add(key)
    m.auto_groups = {h: frozenset(keys) for h, keys in auto.items() if len(keys) > 1}
    names = m.names
    groups: dict[str, set[str]] = {h: set(keys) for h, keys in auto.items()}

    def shown_name(h: str) -> tuple[str, str]:
        return names.get(h) or (records[h]["name"], records[h]["label"])

    def groups_named(name: str, label: str | None) -> list[str]:
        found = [
            h
            for h in groups
            if shown_name(h)[0] == name and (label is None or shown_name(h)[1] == label)
        ]
        if not found:  # a name that is an alias inside a group: that group
            found = sorted(
                {
                    head[k]
                    for k, rec in records.items()
                    if rec["name"] == name and (label is None or rec["label"] == label)
                }
            )
        return sorted(found, key=lambda h: (-sum(records[k]["mentions"] for k in groups[h]), h))

    def detach(key: str) -> None:
        h = head[key]
        group = groups.pop(h)
        group.discard(key)
        if group:
            new = h if h != key else min(group, key=lambda k: (-records[k]["mentions"], k))
            if new != h and h in names:
                names[new] = names.pop(h)
            for k in group:
                head[k] = new
            groups[new] = group
        head[key] = key
        groups[key] = {key}
        m.why.pop(key, None)

    for number, rule in enumerate(rules, start=1):
        rule_id = rule.get("id", number)
        op, name, label = rule.get("op"), rule.get("name", ""), rule.get("label")
        matched = False
        if op == "merge":
            targets = groups_named(rule.get("target", ""), rule.get("target_label"))
            sources = [h for h in groups_named(name, label) if not targets or h != targets[0]]
            if targets and sources:
                target = targets[0]
                for h in sources:
                    for k in sorted(groups.pop(h)):
                        head[k] = target
                        groups[target].add(k)
                        m.why[k] = {
                            "reason": f"rule {rule_id}: {describe(rule)}",
                            "confidence": 1.0,
                            "via": target,
                            "rule": rule_id,
                        }
                    names.pop(h, None)
                matched = True
        elif op == "split":
            keys = sorted(
                k
                for k, rec in records.items()
                if rec["name"] == name and (label is None or rec["label"] == label)
            )
            for k in keys:
                if len(groups[head[k]]) > 1:
                    detach(k)
                    m.why[k] = {"reason": f"rule {rule_id}: {describe(rule)}", "rule": rule_id}
                    matched = True
        elif op in ("rename", "relabel"):
            for h in groups_named(name, label):
                was_name, was_label = shown_name(h)
                names[h] = (
                    (rule["target"], was_label) if op == "rename" else (was_name, rule["target"])
                )
                matched = True
        if not matched:
            m.unmatched.append(rule_id)
    # The key readers see, and the raw keys behind each.
    for h, group in groups.items():
        name_label = shown_name(h)
        shown = f"{name_label[1]}:{name_label[0]}"
        names[h] = name_label
        for k in group:
            if k != shown:
                m.canon[k] = shown
        m.members.setdefault(shown, []).extend(sorted(group))
    for keys in m.members.values():
        keys.sort(key=lambda k: (-records[k]["mentions"], k))
    return m
