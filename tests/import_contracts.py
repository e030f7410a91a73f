"""A custom import-linter contract type: no module imports another module's private (underscore) name.

import-linter's own contracts see modules only; this one reads the source of every module in the
graph and reports `from .x import _name` and `x._name` where `x` is another module of the package.
Registered in pyproject.toml (`contract_types`); tests/ must be on `sys.path` (pytest puts it there;
by hand: `PYTHONPATH=tests lint-imports`).
"""

from __future__ import annotations

import ast
import importlib.util

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _absolute(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute module name of `from <level dots><target> import …` inside `module`."""
    if level == 0:
        return target or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def private_name_imports(module: str, source: str, is_package: bool, modules: set[str]) -> list[tuple[int, str]]:
    """(line, text) for every use of another module's private name in `source`."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    module_aliases: dict[str, str] = {}  # local name → imported module of the package
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            origin = _absolute(module, is_package, node.level, node.module)
            for alias in node.names:
                as_module = f"{origin}.{alias.name}"
                if as_module in modules:
                    module_aliases[alias.asname or alias.name] = as_module
                elif origin in modules and origin != module and _is_private(alias.name):
                    found.append((node.lineno, f"{origin}.{alias.name}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules and alias.asname:
                    module_aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in module_aliases and _is_private(node.attr)
                and module_aliases[node.value.id] != module):
            found.append((node.lineno, f"{module_aliases[node.value.id]}.{node.attr}"))
    return sorted(set(found))


class PrivateNamesContract(Contract):
    """No module of `root_package` uses a private name (`_x`) of another of its modules."""

    root_package = fields.StringField()

    def check(self, graph, verbose: bool) -> ContractCheck:  # noqa: ARG002 (import-linter's signature)
        modules = {m for m in graph.modules if m == self.root_package or m.startswith(self.root_package + ".")}
        violations = []
        for module in sorted(modules):
            spec = importlib.util.find_spec(module)
            if spec is None or not spec.origin or not spec.origin.endswith(".py"):
                continue
            with open(spec.origin, encoding="utf-8") as handle:
                source = handle.read()
            is_package = spec.submodule_search_locations is not None
            for line, name in private_name_imports(module, source, is_package, modules):
                violations.append(f"{module}:{line} uses {name}")
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(f"- {violation}")
            output.new_line()
