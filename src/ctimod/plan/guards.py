"""Feature checks on the Open CTI objects (``if (sforce.interaction) {...} if (sforce.opencti) {...}``).

An adapter written for both families tests which API its page loaded. Voice corresponds to one of
them: the Lightning family when the adapter has Lightning code (Classic-only adapters keep their
Classic code). A check on the kept family is true, a check on the other family is false, and the
branch a check rules out is removed with the calls in it (reported as removed, never converted into
code that would run twice). A check this module cannot evaluate keeps ctimod's reading: the API
object is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog import Disposition
from ..escape import js_comment
from ..legacy import line_indent, parent_of
from ..splice import Edit, LegacyFile

FAMILY_WORDS = [("lightning", re.compile(r"\bopencti\b")), ("classic", re.compile(r"\binteraction\b")),
                ("console", re.compile(r"\bconsole\b"))]
LABEL = {"lightning": "Lightning (sforce.opencti)", "classic": "Classic (sforce.interaction)",
         "console": "Classic console (sforce.console)"}


@dataclass
class Check:
    """A feature check ctimod evaluated."""

    file: LegacyFile
    node: object  # the whole test, after negations and typeof comparisons
    family: str
    value: bool


def kept_family(files) -> str:
    """The family Voice corresponds to for this adapter."""
    return "lightning" if any(u.family == "lightning" for f in files for u in f.uses) else "classic"


def _family(text: str) -> str | None:
    for family, pattern in FAMILY_WORDS:
        if pattern.search(text):
            return family
    return None


def _undefined_literal(file: LegacyFile, node) -> bool:
    return node is not None and file.text(node).strip("'\"") == "undefined"


def _evaluate(file: LegacyFile, node, value: bool):
    """Climb from the API object through what only negates or tests its presence: (test node, value)."""
    while parent_of(node) is not None:
        parent = parent_of(node)
        kind = parent.type
        if kind == "parenthesized_expression":
            node = parent
            continue
        if kind == "unary_expression":
            operator = file.text(parent.children[0]) if parent.children else ""
            if operator == "!":
                node, value = parent, not value
                continue
            if operator == "typeof":
                comparison = parent_of(parent)
                if comparison is None or comparison.type != "binary_expression":
                    break
                op = file.text(comparison.child_by_field_name("operator"))
                other = (comparison.child_by_field_name("right") if comparison.child_by_field_name("left") == parent
                         else comparison.child_by_field_name("left"))
                if op in ("!==", "!=", "===", "==") and _undefined_literal(file, other):
                    node, value = comparison, value if op in ("!==", "!=") else not value
                    continue
            break
        break
    return node, value


def _block_text(file: LegacyFile, node) -> tuple[int, int] | None:
    """The byte range to keep of an if branch (a block's inside, or the single statement)."""
    if node is None:
        return None
    if node.type == "statement_block":
        return node.start_byte + 1, node.end_byte - 1
    return node.start_byte, node.end_byte


def plan_checks(plan) -> tuple[set, list]:
    """Edits for the feature checks on the family Voice does not correspond to: (the sites handled,
    the removed ranges with a label)."""
    keep = kept_family(plan.files.values())
    handled: set[tuple[str, int, int]] = set()
    dead: list[tuple] = []  # (file, start, end, label[, why a call there is removed])
    replaced: dict = {}  # the `if` statements replaced by a branch: (file, start, end) -> the branch's range
    for file in plan.files.values():
        for start, end, _ in file.sites:
            node = file.node(start, end)
            if node is None:
                continue
            family = _family(file.text(node))
            if family is None or family == keep or (family == "console" and keep != "lightning"):
                # the kept family and the bare `sforce`: present, as ctimod reads them (the Console
                # Integration Toolkit is never there beside Lightning Open CTI)
                edit = _present_edit(file, node, dead, replaced)
                if edit is not None:
                    plan.add(file, edit)
                    handled.add((file.display, start, end))
                continue
            why = f"ctimod: Voice corresponds to the {LABEL[keep]} branch of this adapter, not the {LABEL[family]} one"
            test, value = _evaluate(file, node, False)
            label = f"`{js_comment(file.text(test))[:60]}`"
            if test.type == "parenthesized_expression" and test.named_children:
                label = f"`{js_comment(file.text(test.named_children[0]))[:60]}`"
            parent = parent_of(test)
            edit = None
            if test.type == "parenthesized_expression" and parent is not None and parent.type == "if_statement" \
                    and parent.child_by_field_name("condition") == test:
                edit = _if_edit(file, parent, value, why, label, dead, replaced)
            elif parent is not None and parent.type == "binary_expression" and parent.child_by_field_name("left") == test \
                    and file.text(parent.child_by_field_name("operator")) == "&&" and not value:
                right = parent.child_by_field_name("right")
                dead.append((file, right.start_byte, right.end_byte, label))
                holder = parent_of(parent)
                statement = parent_of(holder) if holder is not None and holder.type == "parenthesized_expression" \
                    else None
                if statement is not None and statement.type == "if_statement" and \
                        statement.child_by_field_name("condition") == holder:
                    # `if (check && more) {A} else {B}`: the whole condition is false, so B is what ran.
                    whole = f"`{js_comment(file.text(parent))[:60]}`"
                    edit = _if_edit(file, statement, False, why, whole, dead, replaced)
                elif holder is not None and holder.type == "expression_statement":
                    edit = Edit(holder.start_byte, holder.end_byte, f"/* {why}: removed {js_comment(file.text(parent))[:60]} */",
                                why="feature-check")
                else:
                    edit = Edit(parent.start_byte, parent.end_byte, f"false /* {why} */", why="feature-check")
            elif parent is not None and parent.type == "ternary_expression" and \
                    parent.child_by_field_name("condition") == test:
                taken = parent.child_by_field_name("consequence" if value else "alternative")
                skipped = parent.child_by_field_name("alternative" if value else "consequence")
                dead.append((file, skipped.start_byte, skipped.end_byte, label))

                def produce(renderer, home, needs, file=file, taken=taken, why=why):
                    return f"(/* {why} */ " + renderer.node(file, taken, home, needs) + ")"

                edit = Edit(parent.start_byte, parent.end_byte, produce, why="feature-check")
            if edit is not None:
                plan.add(file, edit)
                handled.add((file.display, start, end))
    _constant_tests(plan, dead, replaced)
    return handled, dead


# Why a call in the branch of an `if` on a constant that never ran is removed (drop_dead_calls).
CONSTANT_REASON = ("the {what} is in {label}: its test is a constant, so the legacy code never ran this branch "
                   "(nothing to convert)")


def _constant(file: LegacyFile, node) -> bool | None:
    """The value of a literal test (``true``, ``false``, ``!0``, ``!1``, a number), else None."""
    negated = False
    if node.type == "unary_expression" and node.children and file.text(node.children[0]) == "!":
        operand = node.child_by_field_name("argument")
        if operand is None or operand.type != "number":
            return None
        node, negated = operand, True
    if node.type in ("true", "false") and not negated:
        return node.type == "true"
    if node.type != "number":
        return None
    text = file.text(node).replace("_", "").lower()
    try:
        value = int(text, 0) if text[:2] in ("0x", "0o", "0b") else float(text)
    except ValueError:
        return None
    return (value != 0) != negated


def _constant_tests(plan, dead: list, replaced: dict) -> None:
    """`if (true) {A} else {B}` (or a literal false, !0, !1, a number) with an Open CTI call in the branch that
    never ran: the branch that ran stands in place of the statement and the calls in the other are removed,
    reported as never run (not as converted)."""
    for file in plan.files.values():
        done = set()
        for use in file.uses:
            if use.kind != "call":
                continue
            for parent, inner, value in _never_ran(file, file.node(use.start_byte, use.end_byte)):
                if parent.start_byte not in done and (file.display, parent.start_byte, parent.end_byte) not in replaced:
                    done.add(parent.start_byte)
                    label = f"`{js_comment(file.text(inner))[:60]}`"
                    why = f"ctimod: `if ({label[1:-1]})` tests a constant: only this branch ever ran"
                    plan.add(file, _if_edit(file, parent, value, why, label, dead, replaced,
                                            reason=CONSTANT_REASON))


def _never_ran(file: LegacyFile, node):
    """Each ``if`` on a constant around ``node``, innermost first, whose branch that never ran holds it:
    (the if statement, its test, the test's value)."""
    while node is not None:
        parent = parent_of(node)
        if parent is not None and parent.type == "else_clause":
            node, parent = parent, parent_of(parent)
        if parent is None:
            return
        if parent.type == "if_statement" and node != parent.child_by_field_name("condition"):
            condition = parent.child_by_field_name("condition")
            # (the test without the comments around it: `if (/* always */ true)`)
            tested = [c for c in condition.named_children if c.type != "comment"] \
                if condition is not None and condition.type == "parenthesized_expression" else ()
            inner = tested[0] if len(tested) == 1 else None
            value = _constant(file, inner) if inner is not None else None
            if value is not None and (node.type == "else_clause" if value else
                                      node == parent.child_by_field_name("consequence")):
                yield parent, inner, value
        node = parent


def never_ran_reason(file: LegacyFile, node, what: str = "call") -> str | None:
    """Why the use at ``node`` (a ``what``: call, constant, reference) never ran (convert removes it with its
    branch): in the branch of an ``if`` on a constant that is not taken, the reason convert's row gives
    (CONSTANT_REASON); else None."""
    for _statement, inner, _value in _never_ran(file, node):
        label = f"`{js_comment(file.text(inner))[:60]}`"
        return CONSTANT_REASON.format(label=f"the branch of `if ({label[1:-1]})` that never ran", what=what)
    return None


def _present_edit(file: LegacyFile, node, dead: list, replaced: dict) -> Edit | None:
    """A check of an API object Voice always has (its replacement is there) that decides an ``if``, a
    ternary or the left of ``||``: the code that runs, with a comment naming what was removed, instead
    of a constant condition (``if (true /* was sforce.opencti */)``). Other uses read ``true``
    (reference_edit)."""
    test, value = _evaluate(file, node, True)
    original = js_comment(file.text(node))[:60]
    why = f"ctimod: `{original}` reads true in Voice (what it checks for is always there)"
    label = f"`{js_comment(file.text(test))[:60]}`"
    if test.type == "parenthesized_expression" and test.named_children:
        label = f"`{js_comment(file.text(test.named_children[0]))[:60]}`"
    parent = parent_of(test)
    if parent is None:
        return None
    if test.type == "parenthesized_expression" and parent.type == "if_statement" and \
            parent.child_by_field_name("condition") == test:
        return _if_edit(file, parent, value, why, label, dead, replaced, present=True)
    if parent.type == "ternary_expression" and parent.child_by_field_name("condition") == test:
        taken = parent.child_by_field_name("consequence" if value else "alternative")
        skipped = parent.child_by_field_name("alternative" if value else "consequence")
        dead.append((file, skipped.start_byte, skipped.end_byte, f"the branch of {label} ? : that never ran",
                     PRESENT_REASON))

        def produce(renderer, home, needs, file=file, taken=taken, why=why):
            return f"(/* {why} */ " + renderer.node(file, taken, home, needs) + ")"

        return Edit(parent.start_byte, parent.end_byte, produce, why="feature-check")
    if parent.type == "binary_expression" and parent.child_by_field_name("left") == test and not value and \
            file.text(parent.child_by_field_name("operator")) == "||":
        right = parent.child_by_field_name("right")  # `false || x` is x
        return Edit(parent.start_byte, right.start_byte, f"/* {why}: removed {label} || */ ", why="feature-check")
    return None


# Why a call in a branch a present check rules out is removed (drop_dead_calls).
PRESENT_REASON = ("the call is in {label}: the check tests for an API object whose Voice replacement is always "
                  "there, so this branch never runs")


def absent_family_sites(plan) -> set:
    """Uses of an API object Voice never has beside the kept family (``sforce.console`` in a Lightning
    adapter) outside a check: left as written (``sforce`` is then a name the new home does not define,
    with a stand-in and a TODO), never read as an object that is there."""
    keep = kept_family(plan.files.values())
    out = set()
    if keep != "lightning":
        return out
    for file in plan.files.values():
        for start, end, _ in file.sites:
            node = file.node(start, end)
            if node is not None and _family(file.text(node)) == "console":
                out.add((file.display, start, end))
    return out


# Where a statement sits among others (its text may stand there without braces).
STATEMENT_LISTS = ("statement_block", "program", "switch_case", "switch_default", "class_static_block")
# What a block declares that braces keep local (``var`` is the function's either way).
SCOPED = ("lexical_declaration", "class_declaration", "function_declaration", "generator_function_declaration")


# Statements that end where their text ends, whatever follows (no semicolon to miss).
CLOSED = ("function_declaration", "generator_function_declaration", "class_declaration", "if_statement",
          "for_statement", "for_in_statement", "while_statement", "try_statement", "switch_statement",
          "statement_block", "empty_statement")
# A line starting with one of these continues a statement left without its semicolon.
CONTINUES = tuple("([`+-/*,.?:<>=!&|%^")
COMMENT = re.compile(r"\s*(?:/\*.*?\*/|//[^\n]*)", re.S)


def _ends_closed(file: LegacyFile, node, replaced: dict) -> bool:
    """Whether what ``node`` becomes ends its statement (a semicolon, a block): the text after it may
    start a line with ``(`` or ``[`` without joining it."""
    while True:  # (a loop: replaced checks nest as deep as the legacy code does)
        if node.type == "comment":
            return True
        taken = replaced.get((file.display, node.start_byte, node.end_byte))
        if node.type != "if_statement" or taken is None:
            return node.type in CLOSED or file.text(node).rstrip().endswith(";")
        inner = taken[2]  # it becomes its branch's statements
        if inner.type != "statement_block":
            node = inner
            continue
        kept = [c for c in inner.named_children if c.type != "comment"]
        if not kept:
            return False
        node = kept[-1]


def _siblings(statement) -> tuple:
    """The statements before and after ``statement`` in its list (comments skipped; None at either end)."""
    before = statement.prev_named_sibling
    while before is not None and before.type == "comment":
        before = before.prev_named_sibling
    after = statement.next_named_sibling
    while after is not None and after.type == "comment":
        after = after.next_named_sibling
    return before, after


def _joins(file: LegacyFile, statement, replaced: dict, text: str | None, last) -> bool:
    """Whether statements standing without braces in place of ``statement`` (``text``, whose last legacy
    statement is ``last``; None: nothing stands there) would join a neighbour left without its semicolon
    (automatic semicolon insertion does not end ``a = b`` before a line starting with ``(`` or ``[``)."""
    parent = parent_of(statement)
    if parent is not None and parent.type == "else_clause":
        return False  # its replaced check stands in the list: that check asks
    before, after = _siblings(statement)
    open_before = before is not None and not _ends_closed(file, before, replaced)
    if text is None:  # the statement before meets the one after
        return open_before and after is not None
    code = text
    while True:
        match = COMMENT.match(code)
        if not match or not match.group(0).strip():
            break
        code = code[match.end():]
    starts = code.lstrip()[:1]
    if open_before and (not starts or starts in CONTINUES):
        return True
    return after is not None and (last is None or not _ends_closed(file, last, replaced))


def _in_statement_list(file: LegacyFile, statement, replaced: dict) -> bool:
    """Whether ``statement`` stands among other statements once the checks around it are replaced: it
    does in a block, and as the branch a replaced check keeps (``} else if (sforce.opencti) {``: that
    check's replacement is statements, or a block when it is itself the body of an ``else``)."""
    parent = parent_of(statement)
    if parent is None or parent.type in STATEMENT_LISTS:
        return True
    holder = parent_of(parent) if parent.type == "else_clause" else parent
    return holder is not None and holder.type == "if_statement" and \
        replaced.get((file.display, holder.start_byte, holder.end_byte), ())[:2] == (statement.start_byte,
                                                                                    statement.end_byte)


def _shift(text: str, indent: str, base: int) -> str:
    """Legacy lines (the first one the text after ``{``) with ``base`` columns of their indentation
    replaced by ``indent``; blank lines at either end dropped."""
    lines = text.split("\n")
    first = lines[0].strip()
    rest = lines[1:]
    while rest and not rest[-1].strip():
        rest.pop()
    widths = [len(line) - len(line.lstrip(" \t")) for line in rest if line.strip()]
    cut = min([base] + widths)
    out = ([indent + first] if first else []) + [indent + line[cut:] if line.strip() else "" for line in rest]
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out)


def _step(file: LegacyFile, statement, indent: str) -> str:
    """One indentation level of the legacy file, as the check's first branch shows it (else four spaces)."""
    branch = statement.child_by_field_name("consequence")
    first = next((c for c in branch.named_children if c.type != "comment"), None) \
        if branch is not None and branch.type == "statement_block" else None
    if first is not None:
        deeper = line_indent(file.source, first.start_byte)
        if len(deeper) > len(indent) and deeper.startswith(indent) and \
                not file.source[file.source.rfind(b"\n", 0, first.start_byte) + 1:first.start_byte].strip():
            return deeper[len(indent):]
    return "\t" if indent.startswith("\t") else "    "


def _author_comments(file: LegacyFile, statement, taken, skipped) -> list[str]:
    """The comments of an ``if`` outside both its branches (in its test, ``if (/* always */ true)``, or between
    its parts), as written: the replacement keeps them, since they say why the author wrote the test."""
    out, stack = [], [statement]
    while stack:
        node = stack.pop()
        if any(b is not None and b.start_byte <= node.start_byte and node.end_byte <= b.end_byte
               for b in (taken, skipped)):
            continue
        if node.type == "comment":
            out.append(node)
            continue
        stack.extend(node.children)
    return [file.text(c) for c in sorted(out, key=lambda c: c.start_byte)]


def _if_edit(file: LegacyFile, statement, value: bool, why: str, label: str, dead: list, replaced: dict,
             present: bool = False, reason: str | None = None) -> Edit:
    """`if (check) {A} else {B}` with a known check: the branch that ran, in place of the statement.

    Among other statements the branch's statements stand at the statement's own indentation below a
    comment line, without braces unless the block declares block-scoped names (then the braces stay,
    to keep those names local). Elsewhere (the body of an ``else`` ctimod keeps) it is a block."""
    taken = statement.child_by_field_name("consequence" if value else "alternative")
    skipped = statement.child_by_field_name("alternative" if value else "consequence")
    if taken is not None and taken.type == "else_clause":
        taken = taken.named_children[-1] if taken.named_children else None
    if skipped is not None:
        dead.append((file, skipped.start_byte, skipped.end_byte, f"the branch of `if ({label[1:-1]})` that never ran")
                    + ((reason,) if reason else (PRESENT_REASON,) if present else ()))
    indent = line_indent(file.source, statement.start_byte)
    step = _step(file, statement, indent)
    notes = _author_comments(file, statement, taken, skipped)

    def said(at: str) -> str:
        """ctimod's comment, then the author's comments of the test, each on a line at ``at``."""
        return f"/* {why} */" + "".join(f"\n{at}{note}" for note in notes)

    if taken is None:
        removed = f"/* {why}: removed `if ({label[1:-1]}) ...` */"

        def produce_removed(renderer, home, needs) -> str:
            if _in_statement_list(file, statement, replaced):
                # (a line comment last ends its line: code after the statement on that line starts the next)
                rest = file.source[statement.end_byte:file.source.find(b"\n", statement.end_byte) % (len(file.source) + 1)]
                return removed + (";" if _joins(file, statement, replaced, None, None) else "") + \
                    "".join(f"\n{indent}{note}" for note in notes) + \
                    (f"\n{indent}" if notes and notes[-1].startswith("//") and rest.strip() else "")
            return "{\n" + indent + step + removed + "".join(f"\n{indent}{step}{note}" for note in notes) + \
                "\n" + indent + "}"  # `else` needs a statement

        return Edit(statement.start_byte, statement.end_byte, produce_removed, why="feature-check")
    replaced[(file.display, statement.start_byte, statement.end_byte)] = (taken.start_byte, taken.end_byte, taken)
    lo, hi = _block_text(file, taken)
    block = taken.type == "statement_block"
    first = next((c for c in taken.named_children if c.type != "comment"), None) if block else taken
    starts_line = first is not None and not file.source[file.source.rfind(b"\n", 0, first.start_byte) + 1:
                                                         first.start_byte].strip()
    inner_indent = line_indent(file.source, first.start_byte) if starts_line else indent
    base = len(inner_indent)
    declares = block and any(c.type in SCOPED for c in taken.named_children)
    kept = [c for c in taken.named_children if c.type != "comment"] if block else [taken]
    templated = b"`" in file.source[lo:hi]  # a template literal's lines are data: left where they are

    def produce(renderer, home, needs) -> str:
        inner = renderer.render(file, lo, hi, home, needs)
        listed = _in_statement_list(file, statement, replaced)
        if templated:  # the lines stay as written, in braces
            inner = inner.strip()
            if not listed:
                return f"{{\n{indent}{step}{said(indent + step)}\n{indent}{step}{inner}\n{indent}}}"
            return f"{said(indent)}\n{indent}{{\n{indent}{step}{inner}\n{indent}}}" if block else \
                said(indent) + (f"\n{indent}" if notes else " ") + inner
        if listed and not declares and not _joins(file, statement, replaced, inner, kept[-1] if kept else None):
            return said(indent) + "\n" + _shift(inner, indent, base)
        if listed:
            return said(indent) + f"\n{indent}{{\n" + _shift(inner, indent + step, base) + f"\n{indent}}}"
        return f"{{\n{indent}{step}{said(indent + step)}\n" + _shift(inner, indent + step, base) + f"\n{indent}}}"

    return Edit(statement.start_byte, statement.end_byte, produce, why="feature-check")


def _removed_with(label: str, present: list, what: str) -> tuple[str, str, str]:
    """Why a use in a removed branch is removed: (left out as, the summary, the reason)."""
    constant = bool(present) and present[0] == CONSTANT_REASON
    summary = ("removed with a branch that never ran (its `if` tests a constant)" if constant else
               "removed with the branch a feature check rules out" if present else
               "removed with the other API family's branch of a feature check")
    reason = (present[0].format(label=label, what=what) if present else
              f"the {what} is in {label}, a check on the API family Voice does not correspond "
              "to for this adapter; the branch of the kept family is converted")
    return ("dead-code" if constant else "feature-check"), summary, reason


def drop_dead_calls(plan, dead) -> None:
    """Calls inside a removed branch are removed with it (and are not moved anywhere); so are the other uses
    there (a member read, ``sforce.interaction.SCREENPOP_TYPE``): plan.left_out_uses says why, for their rows."""
    for conversion in plan.conversions:
        node = conversion.site.node
        for file, start, end, label, *present in dead:
            if file is conversion.site.file and start <= node.start_byte and node.end_byte <= end:
                conversion.safety = Disposition.DROP
                conversion.left_out, conversion.summary, conversion.reason = _removed_with(label, present, "call")
                conversion.todo = None
                conversion.superseded = conversion.reason
                break
    for file, start, end, label, *present in dead:
        for use in file.uses:
            if use.kind != "call" and start <= use.start_byte and use.end_byte <= end \
                    and id(use) not in plan.left_out_uses:
                plan.left_out_uses[id(use)] = (use, *_removed_with(label, present, use.kind))
