"""Moved TypeScript lands in JavaScript files: the plan strips the types with splice edits."""

from __future__ import annotations

from ..splice import Edit, LegacyFile

TS_REMOVED_STATEMENTS = {"interface_declaration", "type_alias_declaration", "ambient_declaration",
                         "function_signature", "abstract_method_signature", "method_signature", "index_signature"}
TS_REMOVED_NODES = {"type_annotation", "type_arguments", "type_parameters", "implements_clause",
                    "accessibility_modifier", "override_modifier", "omitting_type_annotation",
                    "opting_type_annotation", "asserts_annotation", "type_predicate_annotation"}


def typescript_edits(file: LegacyFile) -> list[Edit]:
    """Moved TypeScript lands in JavaScript files: strip the types with splice edits.

    Type annotations, type arguments and parameters, casts (`x as T`, `<T>x`, `x!`), access modifiers,
    `readonly`, interfaces, type aliases and `declare` statements are removed; enums become frozen
    objects. Everything else keeps its bytes.
    """
    edits: list[Edit] = []
    for region in file.regions:
        if region.language not in ("typescript", "tsx"):
            continue
        stack = [region.tree.root_node]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind in TS_REMOVED_STATEMENTS or (kind == "import_statement" and
                                                 any(c.type == "type" for c in node.children[:2])):
                edits.append(Edit(node.start_byte, node.end_byte, "", why="typescript"))
                continue
            if kind in TS_REMOVED_NODES:
                edits.append(Edit(node.start_byte, node.end_byte, "", why="typescript"))
                continue
            if kind in ("as_expression", "satisfies_expression", "non_null_expression"):
                inner = node.named_children[0] if node.named_children else None
                if inner is not None:
                    edits.append(Edit(inner.end_byte, node.end_byte, "", why="typescript"))
            elif kind == "type_assertion" and node.named_children:
                inner = node.named_children[-1]
                edits.append(Edit(node.start_byte, inner.start_byte, "", why="typescript"))
            elif kind == "enum_declaration":
                edits.append(Edit(node.start_byte, node.end_byte, _enum_object(file, node), why="typescript"))
                continue
            for child in node.children:
                if child.type in ("readonly", "declare", "abstract") and not child.is_named:
                    edits.append(Edit(child.start_byte, child.end_byte, "", why="typescript"))
                elif child.type == "?" and kind in ("optional_parameter", "public_field_definition",
                                                    "property_signature"):
                    edits.append(Edit(child.start_byte, child.end_byte, "", why="typescript"))
                elif child.type == "!" and kind == "public_field_definition":
                    edits.append(Edit(child.start_byte, child.end_byte, "", why="typescript"))
            stack.extend(node.children)
    return edits


def _enum_object(file: LegacyFile, node) -> str:
    name = node.child_by_field_name("name")
    body = node.child_by_field_name("body")
    pairs, counter = [], 0
    for member in (body.named_children if body is not None else []):
        if member.type == "comment":
            continue
        key = member.child_by_field_name("name") if member.type == "enum_assignment" else member
        value = member.child_by_field_name("value") if member.type == "enum_assignment" else None
        key_text = file.text(key) if key is not None else "_"
        if value is not None:
            value_text = file.text(value)
            if value.type == "number":
                try:
                    counter = int(value_text) + 1
                except ValueError:
                    pass
        else:
            value_text = str(counter)
            counter += 1
        pairs.append(f"{key_text}: {value_text}")
    return f"const {file.text(name)} = Object.freeze({{ {', '.join(pairs)} }});"
