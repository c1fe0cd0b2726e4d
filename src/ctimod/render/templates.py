"""The jinja2 environment every generated file is rendered with (templates in ``lwc_templates/``)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources

from .. import __version__
from ..escape import js_comment, js_string, xml_comment, xml_text


def _bytecode_cache():
    """Compiled templates kept between runs (like .pyc files) in the user's cache folder: compiling
    them is a tenth of a second per run. Jinja checks each entry against the template source; any
    problem with the folder just means no cache."""
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable or corrupt entry: compile again
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except Exception:  # read-only or full disk: no cache
                pass

    base = os.environ.get("CTIMOD_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ctimod")
    folder = os.path.join(base, f"templates-{__version__}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return QuietCache(folder)


def template_source(name: str) -> str:
    return resources.files("ctimod.lwc_templates").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment():
    """The jinja2 environment for every generated file (one per process: templates compile once)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(template_source),
        autoescape=jinja2.select_autoescape(["xml", "html", "xml.j2", "html.j2"], default_for_string=False),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        bytecode_cache=_bytecode_cache())
    env.filters["js_comment"] = js_comment
    env.filters["js_string"] = js_string
    env.filters["xml_text"] = xml_text
    env.filters["xml_comment"] = xml_comment
    env.filters["constructed"] = lambda code: list(dict.fromkeys(re.findall(r"\bnew ([A-Za-z_$][\w$]*)\(", code)))
    return env


@lru_cache(maxsize=None)
def macro_names(name: str) -> tuple[str, ...]:
    """The macros of a template, in the order they are defined (the order their output appears in)."""
    import re

    return tuple(re.findall(r"{%-?\s*macro\s+(\w+)\s*\(", template_source(name)))
