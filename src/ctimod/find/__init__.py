"""Stage 4, find API uses: every live call of an Open CTI member, however it is reached.

* :mod:`.aliases` follows the API object from ``sforce`` and every alias of it to its calls;
* :mod:`.scopes` says which declaration a name refers to;
* :mod:`.paths` says what an attribute path from ``sforce`` denotes;
* :mod:`.modules` handles AMD/RequireJS factories and ES module exports and imports;
* :mod:`.arguments` checks what each call passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..inventory import ApiUse
from ..parse import ParsedSource
from .aliases import UseFinder
from .locate import MAX_DEPTH
from .modules import ModuleInterface, module_interface

__all__ = ["MAX_DEPTH", "FoundInFile", "ModuleInterface", "UseFinder", "find_uses"]


@dataclass
class FoundInFile:
    uses: list[ApiUse]
    interface: ModuleInterface
    sites: list[tuple[int, int, str]]  # API objects that are not member calls (see UseFinder.sites)
    too_deep: list[tuple[int, int]] = field(default_factory=list)  # constructs nested past the depth limit


def find_uses(parsed: ParsedSource, imported: dict | None = None) -> FoundInFile:
    """All Open CTI uses in a parsed file, in source order, with the file's module interface."""
    if not parsed.regions:
        return FoundInFile([], ModuleInterface(), [])
    finder = UseFinder(parsed, imported)
    uses = finder.run()
    return FoundInFile(uses, module_interface(finder), sorted(finder.sites), finder.too_deep)
