"""Stage 4, find API uses: every live call of an Open CTI member, however it is reached.

* :mod:`.aliases` follows the API object from ``sforce`` and every alias of it to its calls;
* :mod:`.scopes` says which declaration a name refers to;
* :mod:`.paths` says what an attribute path from ``sforce`` denotes;
* :mod:`.modules` handles AMD/RequireJS factories and ES module exports and imports;
* :mod:`.arguments` checks what each call passes;
* :mod:`.recover` reads the literal uses in code tree-sitter could not parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..inventory import ApiUse
from ..parse import ParsedSource, add_handlers
from .aliases import UseFinder
from .locate import MAX_DEPTH
from .modules import ModuleInterface, module_interface
from .recover import RECOVERED, needs_recovery, recover_uses

__all__ = ["MAX_DEPTH", "RECOVERED", "FoundInFile", "ModuleInterface", "UseFinder", "find_uses"]


HANDLER_ROUNDS = 4


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
    # An event handler naming an alias the page's scripts set is read as well, and the page again: again
    # while handlers join (a handler may set an alias another reads), a bounded number of times (a chain of
    # handlers each setting the next one's alias would otherwise read the page once per handler).
    for _ in range(HANDLER_ROUNDS):
        if not parsed.handlers or not add_handlers(
                parsed, {n.encode() for n in finder.names | set(finder.members)} - {b"sforce"}):
            break
        finder = UseFinder(parsed, imported)
        uses = finder.run()
    sites = sorted(finder.sites)
    loose = [(r.start_byte, r.end_byte) for r in parsed.regions if r.kind == "text"]
    if loose:
        # Script-like text outside <script>: reported as recovered (never converted), no API sites.
        for use in uses:
            if any(start <= use.start_byte < end for start, end in loose):
                use.status = RECOVERED
        sites = [site for site in sites if not any(start <= site[0] < end for start, end in loose)]
    if needs_recovery(parsed):
        recovered = recover_uses(parsed, uses, UseFinder, parsed.source.display)
        if recovered:
            uses = sorted(uses + recovered, key=lambda u: (u.start_byte, u.kind != "call", u.api))
    return FoundInFile(uses, module_interface(finder), sites, finder.too_deep)
