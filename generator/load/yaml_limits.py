"""Nesting depth and alias expansion of a composed YAML document, checked before anything walks or copies it.

A composed document is a graph: an anchor's references (`*name`) share one node. Walking it as a tree
would repeat shared nodes, and an alias bomb ("billion laughs": lists of references to lists of
references) repeats 10^9 values from a file of ten lines; a reference inside its own anchor (`&a [*a]`)
repeats without end. `graph_problem` visits every node once (iteratively: no recursion), with the height
and expanded size of every node kept, and stops at the first cap that is exceeded.
"""

from __future__ import annotations

import yaml

from ..core.formatting import fmt_number
from .limits import Limits, cap_hint


class LimitExceeded(Exception):
    """A cap was exceeded while composing (pure-Python composer); carries the line and the German message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def depth_message(cap: int) -> str:
    return (
        f"Die Daten sind tiefer als {fmt_number(cap)} Ebenen verschachtelt ({cap_hint('yaml_depth')}); "
        "stimmen die Einrückung und die Klammern [ ] { }?"
    )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def graph_problem(root: yaml.Node, limits: Limits) -> LimitExceeded | None:
    """The first cap the document exceeds (depth, values repeated by aliases, an alias inside its own anchor), else None."""
    done: dict[int, tuple[int, int]] = {}  # id(node) → (height, expanded size)
    on_path: set[int] = set()
    repeated = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]

    def reuse(node: yaml.Node, at: yaml.Node, depth: int) -> LimitExceeded | None:
        """`node` (composed already) appears again below `at`, at `depth`: an alias use."""
        nonlocal repeated
        height, size = done[id(node)]
        repeated += size
        line = at.start_mark.line + 1
        if depth + height - 1 > limits.yaml_depth:
            return LimitExceeded(line, depth_message(limits.yaml_depth))
        if repeated > limits.yaml_alias_values:
            return LimitExceeded(
                line,
                f"Die Anker-Verweise (*name) dieser Datei wiederholen mehr als {fmt_number(limits.yaml_alias_values)} Werte "
                f"({cap_hint('yaml_alias_values')}); bitte die Werte ausschreiben statt Verweise auf Verweise zu verschachteln",
            )
        return None

    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            kids = [done[id(k)] for k in _children(node)]
            done[key] = (1 + max((h for h, _ in kids), default=0), 1 + sum(s for _, s in kids))
            continue
        depth = len(on_path) + 1
        if key in done:  # listed twice below one node before it was composed
            problem = reuse(node, node, depth)
            if problem is not None:
                return problem
            continue
        if depth > limits.yaml_depth:
            return LimitExceeded(node.start_mark.line + 1, depth_message(limits.yaml_depth))
        on_path.add(key)
        stack.append((node, True))
        for child in reversed(_children(node)):
            if type(child) is yaml.ScalarNode and id(child) not in done:  # most nodes: no need to stack them
                if depth + 1 > limits.yaml_depth:
                    return LimitExceeded(child.start_mark.line + 1, depth_message(limits.yaml_depth))
                done[id(child)] = (1, 1)
                continue
            if id(child) in on_path:
                return LimitExceeded(
                    node.start_mark.line + 1,
                    "Ein Anker-Verweis (*name) steht in dem Eintrag, auf den er verweist; das ergäbe eine endlose Wiederholung",
                )
            if id(child) in done:
                problem = reuse(child, node, depth + 1)
                if problem is not None:
                    return problem
            else:
                stack.append((child, False))
    return None
