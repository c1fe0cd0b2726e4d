"""Nodes at text positions, and their ancestors, in time that does not depend on nesting depth.

tree-sitter's ``Node.parent`` walks down from the root each time it is called, so climbing from
a node nested *d* deep costs O(d²). Near the root (the usual case) that is cheap, and a position
is found by one descent of a tree cursor in C. Past ``SHALLOW`` levels the finder instead walks
down with a tree cursor (keeping a "finger" where the previous position was, so positions in text
order share the walk) and records each node's parent as it passes; climbing from there is then a
dictionary lookup.

Nesting is bounded: a position deeper than ``MAX_DEPTH`` nodes is not analysed, and the
outermost node past the limit is remembered as a construct too deep to analyse (reported with
its line), so a hostile ``f(f(f(...)))`` costs one bounded walk, not minutes.
"""

from __future__ import annotations

from bisect import bisect_right

MAX_DEPTH = 10_000  # nodes from the root; real code stays far below (callback pyramids, else-if chains)
SHALLOW = 256  # past this depth positions are found by the walk that records parents

_UNKNOWN = object()


class Locator:
    """Finds nodes in one file's trees and remembers every parent it has seen."""

    def __init__(self, max_depth: int = MAX_DEPTH):
        self.max_depth = max_depth
        self._parents: dict[int, object] = {}
        self.too_deep: dict[tuple[int, int], object] = {}  # (start, end) -> the first node past the limit

    def parent(self, node):
        """The node's parent (None for a root)."""
        parent = self._parents.get(node.id, _UNKNOWN)
        if parent is _UNKNOWN:
            parent = self._parents[node.id] = node.parent
        return parent

    def ancestors(self, node):
        """The node's ancestors, nearest first."""
        parent = self.parent(node)
        while parent is not None:
            yield parent
            parent = self.parent(parent)

    def locate(self, root, spans, block=None):
        """For each (start, end) in ``spans`` (sorted by start), the deepest node spanning exactly that
        range, or None (no such node, or nested past the limit).

        ``block``, when given, is a node of the tree known to lie ``depth`` levels below the root, as
        (start, end, depth, children, their ends, the node): a position inside one of its children is
        found from that child (by bisection), not from the root (whose descent would scan the block's
        children one by one in tree-sitter: thousands in a call-dense function). The parents met on the
        way down from there are remembered, since asking tree-sitter for them would walk down from the
        root through the same block again.

        The names searched for are tokens (leaves), so most positions are found by one descent of a
        tree cursor in C (no node object per level); climbing from them asks tree-sitter for each
        parent, which costs little this close to the root. A position deeper than ``SHALLOW`` is found
        by the bounded walk of :meth:`_deep`, which records every parent on its way (climbing from
        deep down would otherwise cost O(depth²)).
        """
        cursor = root.walk()
        deep = None
        shallow = SHALLOW
        parents = self._parents
        for start, end in spans:
            depth = 0
            node = None  # (the node the cursor is on, when the parents on the way are recorded)
            if block is not None and block[0] <= start < block[1]:
                k = bisect_right(block[4], start)
                if k < len(block[3]) and block[3][k].start_byte <= start:
                    node = block[3][k]
                    parents[node.id] = block[5]
                    depth = block[2] + 1
            cursor.reset(root if node is None else node)
            while cursor.goto_first_child_for_byte(start) is not None:
                depth += 1  # (counted here: the cursor's own depth is counted anew at each call)
                if depth >= shallow:
                    break
                if node is not None:
                    child = cursor.node
                    parents[child.id] = node
                    node = child
            else:
                if node is None:
                    node = cursor.node
                yield node if node.start_byte == start and node.end_byte == end else None
                continue
            if deep is None:
                deep = self._deep(root)
                next(deep)
            yield deep.send((start, end))

    def _deep(self, root):
        """The walk for positions nested deep: a coroutine sent (start, end) in text order."""
        cursor = root.walk()
        stack = [root]
        parents = self._parents
        limit = self.max_depth
        found = None
        while True:
            start, end = yield found
            # Climb from the previous position to a node that holds this one...
            while len(stack) > 1:
                top = stack[-1]
                if top.start_byte <= start and end <= top.end_byte:
                    break
                stack.pop()
                cursor.goto_parent()
            # ...and walk down from there.
            while True:
                if len(stack) > limit:
                    deep = stack[limit]
                    self.too_deep.setdefault((deep.start_byte, deep.end_byte), deep)
                    break
                if cursor.goto_first_child_for_byte(start) is None:
                    break
                child = cursor.node
                if child.start_byte > start or child.end_byte < end:
                    cursor.goto_parent()
                    break
                parents[child.id] = stack[-1]
                stack.append(child)
            node = stack[-1]
            found = node if len(stack) <= limit and node.start_byte == start and node.end_byte == end else None
