"""Whether a rule may fill a field the module declares right after the record is inserted.

A create override that puts a value into the values (a sequence number, a position) saves
the record with it; the rule on create that replaces it writes the value once the record is
saved, with the value the caller gave or the field's default first. The end is the same
unless something checks the field at the insert: a SQL constraint or index naming it (a
unique number: two new records both holding the default '/' collide), an
`@api.constrains` on it, or `required=True` without a default (nothing to insert).

Only the module's own declarations can be read so; a core field's constraints are not
known here (the caller treats those as checked).
"""

from __future__ import annotations

import ast
import re

from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import dotted_name


def fill_after_insert(facts: ModuleFacts, model: str) -> dict[str, str | None]:
    """Each field the module declares on `model` -> None when a rule may fill it after the
    insert, else why not (a sentence naming the constraint and its line)."""
    declared: list[str] = []
    checked: dict[str, str] = {}
    for cls in facts.model_classes:
        if cls.model != model:
            continue
        declared += [decl.name for decl in cls.fields if not decl.redefines]
        node = _class_node(facts, cls.file, cls.name, cls.span.line_start)
        for stmt in node.body if node is not None else ():
            for name, why in _checks(stmt, cls.file):
                checked.setdefault(name, why)
    return {name: checked.get(name) for name in dict.fromkeys(declared)}


def _class_node(facts: ModuleFacts, file: str, name: str, line: int) -> ast.ClassDef | None:
    py = facts.file_facts(file)
    tree = py.tree if py is not None else None
    return next((n for n in getattr(tree, "body", ()) if isinstance(n, ast.ClassDef) and n.name == name
                 and min([d.lineno for d in n.decorator_list] + [n.lineno]) == line), None)


def _checks(stmt: ast.stmt, file: str) -> list[tuple[str, str]]:
    """(field, why) for what checks a field at the insert in one statement of the class."""
    where = f"{file}:{stmt.lineno}"
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return [(name, f"`@api.constrains` of {stmt.name}() checks it ({where})")
                for dec in stmt.decorator_list if isinstance(dec, ast.Call)
                and (dotted_name(dec.func) or "").endswith("constrains")
                for name in _strings(dec)]
    value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
    target = targets[0].id if len(targets) == 1 and isinstance(targets[0], ast.Name) else None
    if value is None or target is None:
        return []
    if target == "_sql_constraints" or _is_constraint(value):
        words = {w for text in _strings(value) for w in re.findall(r"\w+", text)}
        return [(name, f"the SQL constraint `{target}` names it ({where})") for name in words]
    if isinstance(value, ast.Call) and _keyword_true(value, "required") and not any(
            kw.arg in ("default", "compute", "related") for kw in value.keywords):
        return [(target, f"it is required and has no default ({where})")]
    return []


def _is_constraint(value: ast.expr) -> bool:
    """19.0's `models.Constraint(...)`, `models.Index(...)`, `models.UniqueIndex(...)`."""
    return isinstance(value, ast.Call) and (dotted_name(value.func) or "").rpartition(".")[2] in (
        "Constraint", "Index", "UniqueIndex")


def _keyword_true(call: ast.Call, name: str) -> bool:
    return any(kw.arg == name and isinstance(kw.value, ast.Constant) and kw.value.value is True
               for kw in call.keywords)


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
