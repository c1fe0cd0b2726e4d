"""Which files are the adapter: copies of one adapter (Classic / Console / Lightning variants,
successive versions of a page) and samples files are recognised, so that one copy is converted and
the others, and the samples, are reported instead of merged.

Variants: files that define mostly the same functions (by name). The copy kept is the one with
Lightning code, then the newest (the highest version in its path), then the last by path. Samples:
a file named like samples or snippets, or one whose Open CTI calls are nearly all top-level
statements calling many different members once each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..legacy import nodes_of_kinds, parent_of, unwrap

SAMPLE_NAME = re.compile(r"(^|[/_.-])(samples?|snippets?|examples?|demo-?calls?)([/_.-]|$)", re.I)
VERSION = re.compile(r"(?<![\d.])(\d+(?:[._]\d+)+|v\d+|_\d+(?=\.))", re.I)
SIMILAR = 0.6
MIN_FUNCTIONS = 3


@dataclass
class Excluded:
    """A legacy file that is not converted, and why (reported with every call in it)."""

    file: str
    kind: str  # variant | samples
    why: str
    kept: str | None = None  # the copy converted instead (variants)


def _function_names(file) -> set[str]:
    names = set()
    for region in file.regions:
        for node in nodes_of_kinds(region.tree.root_node, region.tree.language,
                                   ["function_declaration", "method_definition", "pair", "variable_declarator"],
                                   any_order=True):  # (a set of names)
            name = node.child_by_field_name("name") or node.child_by_field_name("key")
            if name is None:
                continue
            if node.type in ("pair", "variable_declarator"):
                value = unwrap(node.child_by_field_name("value"))
                if value is None or value.type not in ("function_expression", "function", "arrow_function"):
                    continue
            names.add(file.text(name).strip("'\""))
    return names


def version_of(display: str) -> tuple:
    found = VERSION.findall(display)
    if not found:
        return ()
    return tuple(int(part) for part in re.findall(r"\d+", found[-1]))


def _is_samples(file) -> bool:
    calls = [u for u in file.uses if u.kind == "call"]
    if not calls:
        return False
    members = {u.api for u in calls}
    if SAMPLE_NAME.search(file.display) and len(members) >= 3:
        return True
    top = 0
    for use in calls:
        node = file.call_node(use)
        statement = parent_of(node) if node is not None else None
        if statement is not None and statement.type == "expression_statement" and parent_of(statement) is not None \
                and parent_of(statement).type == "program":
            top += 1
    return len(members) >= 6 and top >= 0.8 * len(calls) and len(calls) <= len(members) + 2


def excluded_files(files) -> dict[str, Excluded]:
    """Files of the adapter that are not converted: samples, and variants of a kept copy."""
    out: dict[str, Excluded] = {}
    with_calls = [f for f in files.values() if any(u.kind == "call" for u in f.uses)]
    for file in with_calls:
        if _is_samples(file):
            out[file.display] = Excluded(file.display, "samples",
                                         "a samples file: it demonstrates Open CTI calls, nothing in the adapter "
                                         "runs it; port what it shows by hand if the adapter needs it")
    candidates = [f for f in with_calls if f.display not in out]
    names = {f.display: _function_names(f) for f in candidates}
    groups: list[list] = []
    for file in candidates:
        mine = names[file.display]
        if len(mine) < MIN_FUNCTIONS:
            continue
        for group in groups:
            if any(len(mine & names[g.display]) / len(mine | names[g.display]) >= SIMILAR for g in group):
                group.append(file)
                break
        else:
            groups.append([file])
    by_name: dict[str, list] = {}
    for file in candidates:
        if not any(file in group for group in groups if len(group) > 1):
            by_name.setdefault(file.display.rsplit("/", 1)[-1].lower(), []).append(file)
    for same in by_name.values():
        members = [{u.api for u in f.uses if u.kind == "call"} for f in same]
        if len(same) > 1 and all(len(m & members[0]) * 2 >= max(len(m | members[0]), 1) for m in members):
            groups.append(same)  # one page kept in several versions (0.2.0/RCPhone.vfp, 1.0.0/RCPhone.vfp)
    # Successive versions of one page named by tutorial step, in one folder (demo-0.3.1_inbound-screen-pop_Phone.vfp,
    # demo-1.0.0_Phone.vfp): the same name after the version and the step label; an older version whose Open CTI
    # calls are all in the newest is a fragment of that page, not more adapter.
    group_of = {f.display: group for group in groups if len(group) > 1 for f in group}
    fragment_of: dict[str, str] = {}
    by_stem: dict[tuple, list] = {}
    for file in candidates:
        if version_of(file.display):
            folder, _, base = file.display.rpartition("/")
            by_stem.setdefault((folder, base.rsplit("_", 1)[-1].lower()), []).append(file)
    for same in by_stem.values():
        if len(same) < 2:
            continue
        newest = max(same, key=lambda f: (version_of(f.display), f.display))
        shown = {u.api for u in newest.uses if u.kind == "call"}
        fragments = [f for f in same if f is not newest and f.display not in group_of and
                     {u.api for u in f.uses if u.kind == "call"} <= shown]
        if not fragments:
            continue
        fragment_of.update({f.display: newest.display for f in fragments})
        if newest.display in group_of:
            group_of[newest.display].extend(fragments)  # the newest is itself a copy kept with others
        else:
            groups.append([newest, *fragments])
    for group in groups:
        if len(group) < 2:
            continue
        kept = max(group, key=lambda f: (any(u.family == "lightning" for u in f.uses), version_of(f.display), f.display))
        for file in group:
            if file is not kept:
                families = sorted({u.family for u in file.uses if u.kind == "call"})
                if file.display in fragment_of:
                    out[file.display] = Excluded(
                        file.display, "variant",
                        f"an earlier version of the page {fragment_of[file.display]} (a step of it: every Open CTI call "
                        f"it makes is in that version); {kept.display} is the copy converted", kept=kept.display)
                    continue
                out[file.display] = Excluded(
                    file.display, "variant",
                    f"a copy of the adapter ({', '.join(families)} code, the same functions as {kept.display}); "
                    f"{kept.display} is the copy converted", kept=kept.display)
    _quiet_steps(files, candidates, out)
    return out


def _quiet_steps(files, candidates, out: dict[str, Excluded]) -> None:
    """An earlier step of a versioned page that makes no Open CTI call (demo-0.1.1_config_Phone.vfp beside
    demo-1.0.0_Phone.vfp: only the vendor's frame) is not the adapter either: its markup must not reach the
    connector page, where a superseded frame would be one more phone, and the first one the legacy code's
    getElementsByTagName('iframe')[0] reaches."""
    from ..vendors.page import PAGE_SUFFIXES  # noqa: PLC0415

    newest: dict[tuple, object] = {}
    for file in candidates:
        if version_of(file.display):
            folder, _, base = file.display.rpartition("/")
            key = (folder, base.rsplit("_", 1)[-1].lower())
            if key not in newest or version_of(file.display) > version_of(newest[key].display):
                newest[key] = file
    for display, file in sorted(files.items()):
        if display in out or any(u.kind == "call" for u in file.uses) or not display.lower().endswith(PAGE_SUFFIXES):
            continue
        folder, _, base = display.rpartition("/")
        page = newest.get((folder, base.rsplit("_", 1)[-1].lower()))
        if page is None or not version_of(display) or version_of(display) >= version_of(page.display):
            continue
        kept = out[page.display].kept if page.display in out else page.display
        out[display] = Excluded(display, "variant",
                                f"an earlier version of the page {page.display} (a step of it that makes no Open CTI "
                                f"call); {kept} is the copy converted", kept=kept)


def supersede(plan, excluded: dict[str, Excluded]) -> None:
    """Calls in files that are not converted are reported with why, and not moved anywhere."""
    from ..catalog import Disposition

    for conversion in plan.conversions:
        reason = excluded.get(conversion.site.file.display)
        if reason is None:
            continue
        conversion.safety, conversion.status = Disposition.DROP, "not-converted"
        conversion.summary = ("not converted: part of a samples file" if reason.kind == "samples"
                              else f"not converted: superseded by {reason.kept}")
        conversion.reason = f"{conversion.site.file.display} is {reason.why}"
        conversion.todo = None
        conversion.superseded = conversion.reason
        conversion.left_out = reason.kind  # samples | variant
