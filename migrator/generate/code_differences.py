"""What a code action does differently from the method it came from, read off its code.

The action runs the method's own statements, but not where the method ran: an automation
rule's actions run as superuser (Odoo 16-19 run them through `sudo()`), after the operation,
in the context of whatever triggered it. For code that reaches beyond its own records, sets
context keys or catches errors, that can matter; CONVERSION.md says so for each such action
("What behaves differently"), so no conversion is presented as equivalent without it.
"""

from __future__ import annotations

import ast

from migrator.catalogue import Catalogue, load_catalogue
from migrator.generate.plan import MethodPlan

_FETCH = ("search", "browse", "search_read", "search_count")
_CHANGE = ("write", "unlink", "create", "copy")


def code_differences(plan: MethodPlan, series: str) -> list[str]:
    """One sentence per kind of difference, for the plan's code (empty without code)."""
    trees = [ast.parse(code) for code in plan.codes]
    if not trees:
        return []
    nodes = [n for tree in trees for n in ast.walk(tree)]
    found = []
    if plan.trigger not in ("cron", "manual") and _fetches_others(nodes):
        found.append("finds other records with search()/browse() and acts on them: the rule's actions run as "
                     "superuser, so record rules and company restrictions that limited what the user who made the "
                     "change could find and change no longer apply")
    keys = _context_keys(nodes)
    if keys:
        found.append(f"passes context keys ({', '.join(keys)}) to what it calls: they are passed the same way, but "
                     "on top of the context the action runs in, which is no longer the caller's (a rule's holds "
                     "Odoo's `__action_done` and `old_values`; a scheduled action's, the cron user's)")
    read = _trigger_reads(plan, nodes)
    if read:
        found.append(f"reads the written {', '.join(read)} on the record the rule runs for, where the module read "
                     "the values of the write: all the records of one write got the same value, and Odoo runs a "
                     "rule's actions one record at a time, so what the module did once for all of them (a search, a "
                     "write of other records) is done once per record")
    if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "log" for n in nodes):
        found.append("writes its log messages with `log()`: each is an ir.logging record (Settings > Technical > "
                     "Logging) in the database, where the module wrote a line in the server's log")
    assigned = assigns_others(plan, series)
    if assigned:
        which = " and ".join(f"`{m}` records" for m in assigned if m) or "other records"
        known = all(assigned)
        found.append(f"writes `user_id` on {which}" + ("" if known else " (where their `user_id` is tracked, as "
                     "on res.partner, crm.lead and the orders)") + ": Odoo notifies the user it assigns at every such "
                     "write (mail's assignment notification, unless that user made the change), and a rule's actions "
                     "run one record at a time, so a record written for several records of one operation (a partner "
                     "they share) is written, and its user notified, once per record; the module's one write for all "
                     "of them notified once")
    if any(isinstance(n, ast.Try) for n in nodes):
        found.append("catches errors (try/except): the except runs as written, but around what now runs after the "
                     "operation" + (" and as superuser" if plan.trigger not in ("cron", "manual") else "")
                     + "; an error it was written to catch may no longer arise, or arise elsewhere")
    return found


def _trigger_reads(plan: MethodPlan, nodes: list[ast.AST]) -> list[str]:
    """The trigger fields an on-write rule's code reads on `records` itself (the written value,
    outside a loop: transforms/super_write.py)."""
    if plan.trigger != "on_write":
        return []
    return list(dict.fromkeys(f"`{n.attr}`" for n in nodes if isinstance(n, ast.Attribute)
                              and isinstance(n.value, ast.Name) and n.value.id == "records"
                              and n.attr in plan.trigger_fields))


def _fetches_others(nodes: list[ast.AST]) -> bool:
    """`env['x'].search(...)` / `.browse(...)` (also through a name bound to `env['x']`) and a
    write, unlink or create on what is not the action's own `records` / `record`."""
    models = {t.id for n in nodes if isinstance(n, ast.Assign) and _rooted_at_env(n.value)
              for t in n.targets if isinstance(t, ast.Name)}
    fetches = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _FETCH
                  and _rooted_at_env(n.func.value, models) for n in nodes)
    changes = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _CHANGE
                  and not (isinstance(n.func.value, ast.Name) and n.func.value.id in ("records", "record"))
                  for n in nodes)
    return fetches and changes


def _rooted_at_env(node: ast.AST, names: set[str] | frozenset[str] = frozenset()) -> bool:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return isinstance(node, ast.Name) and (node.id == "env" or node.id in names)


def _context_keys(nodes: list[ast.AST]) -> list[str]:
    """The keys given to `with_context(...)`, in order."""
    keys: list[str] = []
    for n in nodes:
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "with_context":
            keys += [f"`{kw.arg}`" for kw in n.keywords if kw.arg]
            keys += [f"`{k.value}`" for a in n.args if isinstance(a, ast.Dict) for k in a.keys
                     if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return list(dict.fromkeys(keys))


def assigns_others(plan: MethodPlan, series: str) -> list[str]:
    """The models (or "" where unknown) of the records other than its own that an automation
    rule's code writes `user_id` on, where Odoo tracks it: each write notifies the user
    assigned (mail.thread `_message_auto_subscribe_followers`, 16.0-19.0)."""
    if plan.trigger in ("cron", "manual"):  # they act on all their records at once, as the method did
        return []
    catalogue = load_catalogue(series)
    found = []
    for tree in (ast.parse(code) for code in plan.codes):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "write"
                    and node.args and isinstance(node.args[0], ast.Dict)
                    and any(isinstance(k, ast.Constant) and k.value == "user_id" for k in node.args[0].keys)):
                continue
            target = node.func.value
            if isinstance(target, ast.Name) and target.id in ("records", "record"):
                continue
            model = _model_of(target, plan.model, catalogue)
            if model is None or "user_id" in catalogue.tracked(model):
                found.append(model or "")
    return list(dict.fromkeys(found))


def _model_of(node: ast.AST, model: str, catalogue: Catalogue) -> str | None:
    """The model of the records an expression of the action's code holds, where it says:
    `records.partner_id`, `records.mapped("partner_id")`, `env["res.partner"].search(...)`,
    through sudo()/with_context()/filtered()...; None otherwise."""
    if isinstance(node, ast.Name):
        return model if node.id in ("records", "record") else None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "env" \
            and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        return node.slice.value
    if isinstance(node, ast.Attribute):
        base = _model_of(node.value, model, catalogue)
        return _follow(base, [node.attr], catalogue)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        base = _model_of(node.func.value, model, catalogue)
        if node.func.attr == "mapped" and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            return _follow(base, node.args[0].value.split("."), catalogue)
        if node.func.attr in ("sudo", "with_context", "with_user", "with_company", "filtered", "filtered_domain",
                              "exists", "search", "browse", "sorted"):
            return base
    return None


def _follow(model: str | None, path: list[str], catalogue: Catalogue) -> str | None:
    for name in path:
        info = catalogue.field(model, name) if model else None
        model = info.relation if info and info.relation else None
    return model
