"""Read YAML the way the VS Code YAML extension does (YAML 1.2 core schema), for the schema tests.

PyYAML implements YAML 1.1 (dates become date objects, `no` becomes false, `0331` octal); the editor
extension does not, so the schema is checked against what the editor sees.
"""

from __future__ import annotations

import re

import yaml


class Yaml12Loader(yaml.SafeLoader):
    yaml_implicit_resolvers: dict = {}


Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"), list("-+.0123456789")
)


def _int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    return int(loader.construct_scalar(node))


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)


def load12(text: str):
    return yaml.load(text, Loader=Yaml12Loader)
