"""The code of the rule replacing a `_track_template` override (classify/track_template.py).

mail.thread's `_message_track_post_template` posts each template on the one record, in a context
without `default_*` keys (`clean_context`) and in the user's language when the context has none
(`_fallback_lang`), with the method and default arguments of the series (migrator/series.py).
The rule's code does the same for each record the rule runs on, under the override's other
tests: `self`, `self[0]` and the names given it become `record`, `self.env` becomes `env`.
"""

from __future__ import annotations

import ast
import copy

from migrator.classify.method_context import const_str
from migrator.classify.track_template import TemplatePost
from migrator.series import series_facts

_CLEAN = "context = {key: value for key, value in env.context.items() if not key.startswith('default_')}"


def track_template_code(post: TemplatePost, records: frozenset[str], series: str) -> tuple[str | None, str | None]:
    """(code, None), or (None, why no code says it)."""
    facts = series_facts(series)
    on_record = _OnRecord(records | {"self"})
    # classify/track_template.py reads only literal string keys
    options = {const_str(key) or "": on_record.rewrite(value) for key, value in zip(post.options.keys,
                                                                                    post.options.values)}
    method = facts.track_post_method
    if method == "message_post_with_template":  # 16.0 hands every option to the composer
        source = "template.id"
    else:  # 17.0+: a comment on the record, or a mail (`mass_mail`) sent from the template
        source = "template"
        mode = options.pop("composition_mode", None)
        if mode is not None and const_str(mode) not in ("comment", "mass_mail"):
            return None, "it posts in a composition mode read from code"
        if mode is not None and const_str(mode) == "mass_mail":
            method = "message_mail_with_source"
    for key, default in facts.track_post_defaults:
        options.setdefault(key, ast.Constant(default))
    template = ast.unparse(on_record.rewrite(post.template))
    arguments = ", ".join([source] + [f"{key}={ast.unparse(value)}" for key, value in options.items()])
    post_line = f"record.with_context(context)._fallback_lang().{method}({arguments})"
    lines = [_CLEAN, "for record in records:"]
    indent = "    "
    if post.tests:
        test = ast.unparse(on_record.rewrite(ast.BoolOp(ast.And(), list(post.tests)) if len(post.tests) > 1
                                           else post.tests[0]))
        lines.append(f"{indent}if {test}:")
        indent += "    "
    lines += [f"{indent}template = {template}", f"{indent}if template:", f"{indent}    {post_line}"]
    return "\n".join(lines) + "\n", None


class _OnRecord(ast.NodeTransformer):
    """The override's names for its one record -> `record`; `self.env` -> `env`."""

    def __init__(self, names: frozenset[str]):
        self.names = names

    def _is_record(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == 0:
            node = node.value
        return isinstance(node, ast.Name) and node.id in self.names

    def rewrite(self, node: ast.AST) -> ast.AST:
        """A rewritten copy: the method's own tree is the audit's, left as read."""
        return self.visit(copy.deepcopy(node))

    def visit(self, node: ast.AST) -> ast.AST:  # type: ignore[override]
        if isinstance(node, ast.Attribute) and node.attr == "env" and self._is_record(node.value):
            return ast.Name("env", ast.Load())
        if self._is_record(node):
            return ast.Name("record", ast.Load())
        return super().visit(node)

    def generic_visit(self, node: ast.AST) -> ast.AST:
        for name, value in ast.iter_fields(node):
            if isinstance(value, list):
                setattr(node, name, [self.visit(v) if isinstance(v, ast.AST) else v for v in value])
            elif isinstance(value, ast.AST):
                setattr(node, name, self.visit(value))
        return node
