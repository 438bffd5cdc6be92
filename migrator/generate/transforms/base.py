"""What every check and rewrite shares: the context of one method and small CST helpers."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.model import Blocker

if TYPE_CHECKING:
    from migrator.catalogue import FieldInfo
    from migrator.classify.before_after import BeforeAfter
    from migrator.generate.transforms.names import MethodNames

_EMPTY = cst.Module(body=[])


@dataclass(frozen=True)
class HoistedGuard:
    """A top-level `if` of a write override removed because the rule's filter_domain says it."""

    line: int  # source line of the `if`
    test: str  # its test, as written
    domain: str  # the domain the caller gave for it


@dataclass
class Context:
    """One method being turned into action code; checks and rewrites report into it."""

    module: cst.Module
    method: str
    target: str  # "automation" | "cron" | "manual"
    series: int  # 16 .. 19
    params: tuple[str, ...]  # ("self", "vals") ...
    names: MethodNames
    def_line: int
    lines: Mapping[cst.CSTNode, int] = field(default_factory=dict)  # source node -> its file line
    domain_guards: Mapping[int, str] = field(default_factory=dict)  # `if` line -> its domain
    before_after: BeforeAfter | None = None  # write: values kept before super() and compared after
    field_types: Mapping[str, str] = field(default_factory=dict)  # the model's fields -> type (schema)
    model: str = ""  # the method's model
    # (model, field) -> the field, when it is there wherever the data module installs
    fields_of: Callable[[str, str], FieldInfo | None] | None = None
    required: Collection[str] = ()  # the model's required fields (catalogue): the insert needs them
    unit_triggers: tuple[str, ...] = ()  # write: the trigger fields the audit read off the guards
    # create: the module's own fields -> None when a rule may fill them after the insert, else why not
    fill_after: Mapping[str, str | None] = field(default_factory=dict)
    blockers: list[Blocker] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    trigger_fields: list[str] = field(default_factory=list)
    hoisted: list[HoistedGuard] = field(default_factory=list)
    pre_domain: str | None = None  # write: the rule's filter_pre_domain (before_after.py)
    old_values: list[str] = field(default_factory=list)  # write: fields read from Odoo's old values
    given: list[str] = field(default_factory=list)  # create: fields of the values read on the created records
    loggers: set[str] = field(default_factory=set)  # local names of loggers the method made (local_logger.py)
    # nodes a rewrite built in place of a source statement -> that statement's line
    origins: dict[cst.CSTNode, int] = field(default_factory=dict)

    @property
    def self_name(self) -> str:
        return self.params[0] if self.params else "self"

    @property
    def vals_name(self) -> str | None:
        return self.params[1] if len(self.params) > 1 else None

    @property
    def records_name(self) -> str:
        """What `self` becomes: cron code has only the model."""
        return "model" if self.target == "cron" else "records"

    def source_line(self, node: cst.CSTNode | None) -> int | None:
        """The line of a source node, or of the statement a rewrite built `node` for."""
        if node is None:
            return None
        line = self.lines.get(node)
        return line if line is not None else self.origins.get(node)

    def stands_for(self, new: cst.CSTNode, old: cst.CSTNode) -> cst.CSTNode:
        """`new`, built where `old` was, reports `old`'s source line (for the checks that follow)."""
        if new is not old:
            line = self.source_line(old)
            if line is not None:
                self.origins[new] = line
        return new

    def line(self, node: cst.CSTNode | None) -> int:
        # Other nodes built by an earlier rewrite have no source position: fall back to the def.
        line = self.source_line(node)
        return line if line is not None else self.def_line

    def block(self, code: str, message: str, node: cst.CSTNode | None, rule: str) -> None:
        blocker = Blocker(code=code, message=message, rule=rule, line=self.line(node))
        if blocker not in self.blockers:
            self.blockers.append(blocker)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def trigger(self, field_name: str) -> None:
        if field_name not in self.trigger_fields:
            self.trigger_fields.append(field_name)


def code_of(node: cst.CSTNode) -> str:
    return _EMPTY.code_for_node(node)



def is_docstring(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def string_value(node: cst.BaseExpression) -> str | None:
    """The text of a plain (non f-) string literal."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def expr(text: str) -> cst.BaseExpression:
    return cst.parse_expression(text)


def field_key(name: str) -> cst.SimpleString:
    return cst.SimpleString(f"'{name}'")


def write_call(target: cst.BaseExpression, items: list[tuple[str, cst.BaseExpression]]) -> cst.Call:
    """`target.write({'f': v, ...})`."""
    values = cst.Dict([cst.DictElement(field_key(k), v) for k, v in items])
    return cst.Call(cst.Attribute(target, cst.Name("write")), [cst.Arg(values)])


def uses_name(node: cst.CSTNode, names: set[str] | frozenset[str]) -> cst.Name | None:
    """The first Name node of `node` among `names` (attribute names excluded)."""
    found: list[cst.Name] = []

    class Finder(cst.CSTVisitor):
        def visit_Attribute(self, attr: cst.Attribute) -> bool:
            walk(attr.value, self)
            return False

        def visit_Name(self, name: cst.Name) -> None:
            if name.value in names and not found:
                found.append(name)

    walk(node, Finder())
    return found[0] if found else None


def is_literal(node: cst.BaseExpression) -> bool:
    """Constants and containers of constants: safe to copy anywhere."""
    if isinstance(node, (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return string_value(node) is not None
    if isinstance(node, cst.Name):
        return node.value in ("True", "False", "None")
    if isinstance(node, cst.UnaryOperation):
        return isinstance(node.operator, (cst.Minus, cst.Plus)) and is_literal(node.expression)
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return all(isinstance(e, cst.Element) and is_literal(e.value) for e in node.elements)
    if isinstance(node, cst.Dict):
        return all(
            isinstance(e, cst.DictElement) and is_literal(e.key) and is_literal(e.value)
            for e in node.elements
        )
    return False
