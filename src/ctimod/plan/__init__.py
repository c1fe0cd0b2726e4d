"""Plan conversions: run the codemods over one adapter and decide where each piece of code goes.

Input: the adapter's analysed legacy code (:mod:`ctimod.analysis`). Output: a :class:`Plan` —
every Open CTI call with its :class:`~ctimod.codemod.Conversion`, the legacy code that moves into
the LWC (methods) and into the connector (the parts its codemods own), the edits spliced into legacy
text, and (:func:`carry`) what the moved code takes along. Nothing is rendered or written here
except by the module builder :func:`carry` is handed.
"""

from __future__ import annotations

from collections.abc import Callable

from ..analysis import AdapterSource
from ..catalog import Disposition
from ..codemod import LWC, CallSite, Conversion, ConvertContext, Unsupported, codemod_for
from . import carry as _carry
from .guards import absent_family_sites, drop_dead_calls, plan_checks
from .variants import excluded_files, supersede
from .edits import arrow_edits, call_edits, constant_edit, moved_reference_edits, reference_edit
from .model import Carried, ConvertOptions, HomePlan, MissingName, MovedCode, Plan
from .moves import connector_slots, locate, lwc_methods, mark_blocked
from .naming import adapter_name, class_name_for, lwc_name_for
from .typescript import typescript_edits


def make_plan(paths: list[str], source: AdapterSource, options: ConvertOptions) -> Plan:
    name = options.name or lwc_name_for(adapter_name(paths))
    plan = Plan(adapter=adapter_name(paths), lwc_name=name, class_name=class_name_for(name), options=options,
                files=source.files, reports=source.reports, call_centers=source.call_centers,
                diagnostics=source.diagnostics, scan_paths=source.scan_paths, others=source.others)
    context = ConvertContext(utility_bar=options.utility_bar, connector_api=options.connector_api,
                             apex_sources=lambda cls: source.apex.get(cls.lower(), []), apex_import=_apex_imports())
    for file in plan.files.values():
        for use in file.uses:
            if use.kind == "call":
                _convert_call(plan, file, use, context)
            elif use.kind == "constant" and use.via != "string-literal":
                plan.add(file, constant_edit(use))
    checked, removed = plan_checks(plan)
    absent = absent_family_sites(plan)
    for file in plan.files.values():
        for start, end, kind in file.sites:
            key = (file.display, start, end)
            edit = reference_edit(file, start, end, kind) if key not in checked and key not in absent else None
            if edit is not None:
                plan.add(file, edit)
    drop_dead_calls(plan, removed)
    plan.excluded = excluded_files(plan.files)
    supersede(plan, plan.excluded)
    for file in plan.files.values():
        if any(region.language in ("typescript", "tsx") for region in file.regions):
            for edit in typescript_edits(file):
                plan.add(file, edit)
    _vendor(plan)
    connector_slots(plan)
    for moved in plan.moved:
        if moved.slot is not None:
            moved.slot_plan = codemod_for(moved.conversions[0].use.api).plan_slot(moved, context)
            for edit in moved.slot_plan.edits:
                plan.add(moved.file, edit)
    lwc_methods(plan)
    in_lwc = [m for m in plan.moved if m.slot is None]
    for file, edit in moved_reference_edits(in_lwc) + arrow_edits(in_lwc):
        plan.add(file, edit)
    return plan


def carry(plan: Plan, build: Callable[[str], str]) -> None:
    """Decide what the moved code takes along (``build(home)`` renders a home's module), then where
    every call landed."""
    modules = _carry.carry(plan, build)
    mark_blocked(plan, modules.get(LWC))
    locate(plan)


def _vendor(plan: Plan) -> None:
    """The vendor telephony the legacy code drives: its event registrations publish to Salesforce where
    their legacy code runs in the connector, and the legacy code its parts use anchors name lookups."""
    from ..vendors import anchors, plan_edits, recognise

    failures: list = []
    plan.vendor = recognise(plan.files, getattr(plan, "excluded", None) or (), failures)
    for recogniser, exc in failures:
        from ..inventory import Diagnostic  # noqa: PLC0415

        plan.diagnostics.append((".", Diagnostic(
            "warning", "vendor-recogniser-failed",
            f"the {recogniser.name} recogniser ({recogniser.id}) failed on this adapter ({type(exc).__name__}: "
            f"{str(exc)[:200]}); the connector does not wire that vendor's code: its call control stays TODOs")))
    if plan.vendor is not None:
        for file, edit in plan_edits(plan.vendor):
            plan.add(file, edit)
        plan.anchors += anchors(plan.vendor)


def _apex_imports() -> Callable[[str, str], str]:
    """Local names of '@salesforce/apex/<Class>.<method>' imports, unique across the component."""
    names: dict[str, str] = {}

    def local_name(cls: str, method: str) -> str:
        key = f"{cls}.{method}"
        if key not in names:
            local = method if method not in ("default", "import") else method + "Apex"
            candidate, n = local, 2
            while candidate in names.values():
                candidate, n = f"{local}{n}", n + 1
            names[key] = candidate
        return names[key]

    return local_name


def _convert_call(plan: Plan, file, use, context: ConvertContext) -> None:
    node = file.call_node(use)
    if node is None:
        return
    site = CallSite(use, file, node)
    codemod = codemod_for(use.api)
    try:
        conversion = codemod.convert(site, context)
    except Exception as exc:  # a codemod bug is a failed conversion, never a crash
        reason = f"ctimod could not convert this call ({type(exc).__name__}: {exc}); port it by hand"
        conversion = Conversion(use=use, codemod=codemod.id, safety=Disposition.MANUAL,
                                summary="conversion failed", status="failed", todo=reason,
                                lwc=Unsupported(reason), connector=Unsupported(reason))
    conversion.site = site
    base = site.options_base
    if base is not None and conversion.status != "failed":
        note = (f"Its options come from `{file.text(base)}`, an object built before the call: the converted code "
                f"reads each option from `{file.text(base)}` when it runs; check that it holds what this call needs.")
        conversion.todo = f"{conversion.todo} {note}" if conversion.todo else note
        if conversion.safety == Disposition.AUTO:
            conversion.safety = Disposition.REVIEW
    plan.conversions.append(conversion)
    spliced, own = call_edits(file, conversion)
    plan.add(file, spliced)
    plan.call_edits[id(conversion)] = own


__all__ = ["ConvertOptions", "Plan", "MovedCode", "Carried", "MissingName", "HomePlan", "make_plan", "carry",
           "lwc_name_for"]
