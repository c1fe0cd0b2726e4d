"""report.html: one self-contained page (inline styles and script, no network, readable without JavaScript)."""

from __future__ import annotations

from importlib import resources

from .. import __version__
from .migration import SAFETIES, document
from .sidebyside import to_html


def _asset(name: str) -> str:
    return resources.files("ctimod.lwc_templates").joinpath(f"report/{name}").read_text(encoding="utf-8")


def convert_report(result) -> str:
    from ..generate import environment

    doc = document(result)
    ordered = sorted(result.diffs, key=lambda cd: (cd[0].use.file, cd[0].use.line, cd[0].use.column))
    diffs = [{"title": diff.title, "table": to_html(diff, index), "reason": diff.reason,
              "safety": conversion.safety, "family": conversion.use.family}
             for index, (conversion, diff) in enumerate(ordered)]
    families = sorted({c["family"] for c in doc["conversions"]})
    seen, free = set(), []
    for item in doc["free_names"]:
        key = (item["home"], item["name"], item["line"])
        if key not in seen:
            seen.add(key)
            free.append(item)
    return environment().get_template("report/convert.html.j2").render(
        version=__version__, adapter=doc["adapter"], summary=doc["summary"], conversions=doc["conversions"],
        diffs=diffs, free_names=free, contact_center=doc["contact_center"], files=doc["files"],
        safeties=SAFETIES, families=families, css=_asset("base.css"), script=_asset("filters.js"))
