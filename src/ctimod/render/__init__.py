"""Render a plan into the files of a migration bundle (nothing is written here).

The LWC and the connector are assembled from jinja2 templates (``lwc_templates/``), the moved legacy
code rendered with the plan's edits spliced in, and the legacy declarations the plan carried. What
the converted code needs (imports, helpers, Apex classes, message channels) is collected while it is
rendered and applied once per module. What the moved code still uses without a definition gets a
stand-in and a ``TODO(ctimod)`` above every statement that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..codemod import CONNECTOR, LWC, Needs
from ..splice import Renderer
from . import connector, lwc, metadata
from .common import STANDIN
from .dial_guards import mark_dial_guards
from .lint import LintNote, tidy_carried
from .prune import drop_unused
from .unset_state import mark_unset_reads
from .marks import (FreeName, PlatformFlag, flag_missing_names, mark_merge_fields, mark_missing_elements,
                    mark_platform_restrictions, mark_write_only_stand_ins)


@dataclass
class GeneratedFile:
    path: str  # inside OUTDIR, '/'-separated
    content: str
    kind: str  # js | html | xml | json | apex | md


@dataclass
class Generated:
    files: list[GeneratedFile] = field(default_factory=list)
    free_names: list[FreeName] = field(default_factory=list)
    carried: dict[str, list[str]] = field(default_factory=dict)  # home -> 'name (file:line)'
    contact_center: dict = field(default_factory=dict)  # retired/carried items for the report
    platform_flags: list[PlatformFlag] = field(default_factory=list)
    lint_notes: list[LintNote] = field(default_factory=list)  # carried legacy code vs the lint rules
    failures: dict[int, str] = field(default_factory=dict)  # id(conversion) -> why rendering it failed
    cautions: dict[int, str] = field(default_factory=dict)  # id(conversion) -> what a person must finish
    # id(conversion) -> the home where a copy of it is only a TODO, standing in for a callback never called
    unanswered: dict[int, str] = field(default_factory=dict)


def new_renderer(plan) -> Renderer:
    return Renderer(plan.files, plan.edits, Needs)


def build_module(plan, renderer: Renderer, home: str, needs: Needs | None = None) -> str:
    """The module of one home as the plan stands (what ``plan.carry`` decides on)."""
    needs = needs if needs is not None else Needs()
    if plan.homes[home].missing:
        needs.helpers.add(STANDIN)
    if home == LWC:
        return lwc.module(plan, renderer, needs)
    return connector.module(plan, renderer, needs)[0]


def _tidy(out: Generated, target: str, home: str, module: str) -> str:
    """Carried legacy code against the lint rules (render.lint); the lines of what was already listed
    for this file follow the lines it inserted."""
    module, moved = tidy_carried(target, home, module, out.lint_notes)
    if moved.inserts:
        for item in [*out.free_names, *out.platform_flags]:
            if item.file == target:
                item.line = moved(item.line)
    return module


def _legacy_text(renderer: Renderer, home: str):
    """The text a legacy span has in ``home``'s module: its edits as they were produced there (one not produced
    there is left as the legacy text: nothing is produced, or fails, for the sake of this lookup)."""
    import bisect

    def render(file, start: int, end: int) -> str:
        ordered, starts = renderer.by_start(file)
        out, cursor = [], start
        index, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end + 1)
        while index < stop:
            edit = ordered[index]
            text = edit.produce if isinstance(edit.produce, str) else renderer.produced(edit, home)
            if edit.end > end or text is None or (edit.homes is not None and home not in edit.homes):
                index += 1
                continue
            out.append(file.source[cursor:edit.start].decode("utf-8", "replace"))
            out.append(text)
            cursor = edit.end
            index = bisect.bisect_left(starts, cursor, index + 1, stop)
        out.append(file.source[cursor:end].decode("utf-8", "replace"))
        return "".join(out)

    return render


def _visualforce(plan) -> bool:
    """Did code move from Visualforce (whose merge fields Salesforce filled in when it served the page)?"""
    return any(display.lower().endswith((".page", ".component")) for display in plan.files)


def generate(plan, renderer: Renderer) -> Generated:
    out = Generated()
    lwc_needs, connector_needs = Needs(), Needs()
    lwc_target = f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}.js"
    lwc_js = build_module(plan, renderer, LWC, lwc_needs)
    lwc_js = drop_unused(lwc_js, lambda name: not name.startswith("ctimod"), imports=True)
    lwc_js = mark_write_only_stand_ins(lwc_js)
    lwc_js = flag_missing_names(lwc_target, LWC, lwc_js, plan.homes[LWC].missing, out.free_names,
                                _legacy_text(renderer, LWC))
    lwc_js = mark_platform_restrictions(lwc_target, lwc_js, out.platform_flags,
                                        [f for f in out.free_names if f.file == lwc_target])
    if _visualforce(plan):
        lwc_js = mark_merge_fields(lwc_target, LWC, lwc_js, out.free_names)
    lwc_js = _tidy(out, lwc_target, LWC, lwc_js)
    if plan.homes[CONNECTOR].missing:
        connector_needs.helpers.add(STANDIN)
    # connector/index.html: the legacy pages are parsed once; their vendor scripts (which define globals the
    # connector's code uses) are known before the connector is written
    markup = connector.legacy_markup(plan)
    scripts = connector.page_scripts(connector.page(plan, "", markup))
    connector_js, failures, cautions = connector.module(plan, renderer, connector_needs, scripts)
    connector_js = drop_unused(connector_js, connector.legacy_name,
                               imports=lambda source: source == "@salesforce/scv-connector-base")
    sources = [(display, file.data.decode("utf-8", "replace")) for display, file in sorted(plan.files.items())]
    dial = mark_dial_guards(connector_js, sources)
    connector_js = drop_unused(dial.module, connector.legacy_name)  # (its helper, if unused now)
    connector_js = mark_write_only_stand_ins(connector_js)
    if dial.never_set:
        cautions = [(c, "dial() cannot dial: " + dial.never_set) for c in plan.conversions
                    if c.handler_slot == "dial" and c.home == CONNECTOR and not c.superseded] + cautions
    from ..vendors import explain_missing  # noqa: PLC0415 - the vendor set-up may give a missing name its value

    # and the elements the connector's own code looks up (read before ctimod's flags and TODO comments join it)
    page = connector.page(plan, connector_js, markup)
    def explain(missing: list) -> list:
        return explain_missing(getattr(plan, "vendor", None), missing, scripts, list(plan.files.values()))

    connector_js = flag_missing_names("connector/src/connector.js", CONNECTOR, connector_js,
                                      [replace(m, pieces=tuple(zip(explain([v for v, _ in m.pieces]),
                                                                   (spans for _, spans in m.pieces))))
                                       if m.pieces else m for m in explain(plan.homes[CONNECTOR].missing)],
                                      out.free_names, _legacy_text(renderer, CONNECTOR))
    if _visualforce(plan):
        connector_js = mark_merge_fields("connector/src/connector.js", CONNECTOR, connector_js, out.free_names)
    from ..vendors.page import all_ids  # noqa: PLC0415 - as connector.page does

    page_ids = all_ids(page.elements)
    placeholders: list[str] = []
    connector_js = mark_missing_elements("connector/src/connector.js", CONNECTOR, connector_js, page_ids, out.free_names,
                                         placeholders)
    page = connector.with_placeholders(page, placeholders)
    connector_js = mark_unset_reads("connector/src/connector.js", CONNECTOR, connector_js, sources, out.free_names)
    connector_js = _tidy(out, "connector/src/connector.js", CONNECTOR, connector_js)
    for home in (LWC, CONNECTOR):
        out.carried[home] = sorted(f"{c.declaration.name} ({c.file.display}:{c.file.line(c.declaration.node.start_byte)})"
                                   for c in plan.homes[home].carried)
    files = metadata.project_files(plan)
    files.insert(1, (lwc_target, lwc_js, "js"))
    files += connector.package_files(plan, connector_js, page)
    needs = Needs()
    needs.merge(lwc_needs)
    needs.merge(connector_needs)
    files += metadata.apex_files(needs)
    files += metadata.channel_files(plan, needs)
    center, out.contact_center = metadata.contact_centers(plan)
    files += center
    out.files = [GeneratedFile(path, content, kind) for path, content, kind in files]
    out.failures = dict(renderer.failures)
    for conversion, why in failures:
        out.failures.setdefault(id(conversion), why)
    for conversion, why in cautions:
        out.cautions.setdefault(id(conversion), why)
    _answered_copies(plan, renderer, out)
    return out


HOME_LABELS = {LWC: "the Voice LWC", CONNECTOR: "the connector"}


def _answered_copies(plan, renderer: Renderer, out: Generated) -> None:
    """A call converted in its home (or unwired there) whose copy in the other home (inside a declaration carried
    there because code there uses it) can run: converted or removed there (:func:`_running_copy`), or unable to
    run the call, answering its callback with Open CTI's failure response (``Unsupported.produce``), only a TODO
    that never calls the callback it was given (``Unsupported.unanswered``), or a TODO for a call given no
    callback: the report says which copy that is and what runs there."""
    from ..codemod import ANSWERED, Unsupported  # noqa: PLC0415

    for conversion in plan.conversions:
        if conversion.home not in HOME_LABELS:
            continue
        other = CONNECTOR if conversion.home == LWC else LWC
        replacement = conversion.replacement(other)
        edit = plan.call_edits.get(id(conversion))
        if edit is None or renderer.produced(edit, other) is None:
            continue
        if not isinstance(replacement, Unsupported):
            if conversion.status in ("unwired", "converted"):
                same = renderer.produced(edit, conversion.home) == renderer.produced(edit, other)
                _running_copy(plan, conversion, other, replacement, out, same)
            continue
        holder = _holder(plan, conversion, other)
        if holder is None:
            continue
        where = _where(holder)
        if replacement.produce is None and not replacement.unanswered:
            # only a TODO stands in for the call there (it was given no callback): the copy runs without it
            if conversion.status in ("unwired", "converted"):
                why = (f"Its copy in {HOME_LABELS[other]}, inside {where} (carried there because code there uses it), "
                       f"can run, without the call: {replacement.reason}.")
                known = out.cautions.get(id(conversion))
                out.cautions[id(conversion)] = f"{known} {why}" if known else why
            continue
        there = ANSWERED if replacement.produce is not None else f"only a TODO stands in for it; {replacement.unanswered}"
        why = (f"Its copy in {HOME_LABELS[other]}, inside {where} (carried there because code there uses it), does "
               f"not run the call: {replacement.reason}. There {there}.")
        if replacement.produce is None:
            out.unanswered[id(conversion)] = other
        known = out.cautions.get(id(conversion))
        out.cautions[id(conversion)] = f"{known} {why}" if known else why


def _running_copy(plan, conversion, other: str, replacement, out: Generated, same: bool) -> None:
    """A call converted in its home (or there, unwired: nothing calls its copy yet) whose copy in the other home
    sits inside a declaration carried there because code there uses it: that copy can run too (as the Amazon
    Connect adapter's cbInConsole runs in the connector's init()), removed or converted. The row says so, with
    what runs there."""
    from ..codemod import Removed  # noqa: PLC0415

    holder = _holder(plan, conversion, other)
    if holder is None:
        return
    lead = (f"Its copy in {HOME_LABELS[other]}, inside {_where(holder)} (carried there because code there uses it), "
            "can run")
    if isinstance(replacement, Removed):
        why = f"{lead}, without the call: {replacement.note}."
        if replacement.produce is not None:
            why += (" There the callback is still called, with Open CTI's success response, though the call's own "
                    "effect does not happen.")
    elif same:
        why = f"{lead}, converted there as here."
    else:
        why = (f"{lead}, converted there for {HOME_LABELS[other]}, not as this row says (read it in "
               f"{holder.declaration.name} there).")
    known = out.cautions.get(id(conversion))
    out.cautions[id(conversion)] = f"{known} {why}" if known else why


def _where(holder) -> str:
    return f"{holder.declaration.name} ({holder.file.display}:{holder.file.line(holder.declaration.node.start_byte)})"


def _holder(plan, conversion, other: str):
    node = conversion.site.node
    return next((c for c in plan.homes[other].carried if c.file is conversion.site.file and
                 c.declaration.node.start_byte <= node.start_byte and node.end_byte <= c.declaration.node.end_byte),
                None)


__all__ = ["generate", "build_module", "new_renderer", "Generated", "GeneratedFile", "FreeName", "PlatformFlag", "LintNote"]
