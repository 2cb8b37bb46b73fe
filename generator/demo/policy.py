"""The demo company's policy: generator/demo/policy.yaml, with the demo's first day as
due.start, written as records/policy.yaml. The generator takes the documents a new
customer hands in and the survey items from it too, so they are stated once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib.resources import files

import yaml

from generator.demo.files import dump

HEADER = "# 本团队的规则：改这里的数字即可，不需要改程序 / the team's rules\n"


@dataclass(frozen=True)
class DemoPolicy:
    data: dict[str, object]

    @property
    def required_documents(self) -> tuple[str, ...]:
        return _texts(self.data, "completeness", "customer_documents", "required")

    @property
    def survey_items(self) -> tuple[str, ...]:
        return _texts(self.data, "surveys", "items")


def demo_policy(start: date) -> DemoPolicy:
    """The policy of a demo whose data begins on `start`."""
    text = files("generator.demo").joinpath("policy.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    due = data["due"]
    due["start"] = start.isoformat()
    return DemoPolicy(data)


def policy_file(policy: DemoPolicy) -> str:
    return HEADER + dump(policy.data)


def _texts(data: object, *path: str) -> tuple[str, ...]:
    node = data
    for key in path:
        if not isinstance(node, dict):
            raise TypeError(f"demo policy.yaml: {'.'.join(path)} is not a mapping")
        node = node[key]
    if not isinstance(node, list) or not all(isinstance(item, str) for item in node):
        raise TypeError(f"demo policy.yaml: {'.'.join(path)} is not a list of texts")
    return tuple(node)
