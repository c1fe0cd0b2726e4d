"""Small facts about tree-sitter JavaScript/TypeScript nodes that every part of the finder needs."""

from __future__ import annotations

GLOBAL_OBJECTS = {"window", "globalThis", "self", "top", "parent", "frames", "$wnd"}
PASS_THROUGH = {"parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression",
                "type_assertion", "await_expression"}
FUNCTIONS = {"function_declaration", "function_expression", "function", "arrow_function", "method_definition",
             "generator_function_declaration", "generator_function"}
FUNCTION_VALUES = ("function_expression", "function", "arrow_function")
BLOCKS = {"statement_block", "for_statement", "for_in_statement", "class_static_block", "switch_body"}


def text(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8", "replace")


def key_name(data: bytes, key) -> str:
    """The name an object key or property denotes (quotes of a string key removed)."""
    name = text(data, key)
    if key.type == "string":
        return name[1:-1]
    return name


def arguments_of(args_node) -> list:
    """A call's argument nodes, comments left out."""
    return [c for c in args_node.named_children if c.type != "comment"] if args_node is not None else []
