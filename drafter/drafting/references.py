"""Find the dotted references ({{ 行政复议.审结 }}) a Jinja source needs, before rendering."""

from __future__ import annotations

from jinja2 import nodes
from jinja2.meta import find_undeclared_variables


def dotted_references(env, source: str) -> list[tuple[str, ...]]:
    """Every chain like ('行政复议', '审结') rooted at a variable the caller must supply."""
    ast = env.parse(source)
    free = find_undeclared_variables(ast)
    chains: list[tuple[str, ...]] = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        chain = _chain(node)
        if chain and chain[0] in free and not _is_prefix_of_any(chain, chains):
            chains = [c for c in chains if not _is_prefix(c, chain)] + [chain]
    return chains


def missing_references(env, source: str, context: dict) -> list[tuple[str, ...]]:
    """The dotted references of a source that the context cannot resolve."""
    return [chain for chain in dotted_references(env, source) if not _resolves(chain, context)]


def _chain(node) -> tuple[str, ...] | None:
    parts: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            parts.append(str(node.arg.value))
            node = node.node
        elif isinstance(node, nodes.Name):
            return (node.name, *reversed(parts))
        else:
            return None


def _is_prefix(short, long) -> bool:
    return len(short) <= len(long) and long[: len(short)] == short


def _is_prefix_of_any(chain, chains) -> bool:
    return any(_is_prefix(chain, c) for c in chains)


def _resolves(chain: tuple[str, ...], context: dict) -> bool:
    value = context
    for i, part in enumerate(chain):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif i and hasattr(value, part) and not part.startswith("_"):
            value = getattr(value, part)
        else:
            return False
    return True
