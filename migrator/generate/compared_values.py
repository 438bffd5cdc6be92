"""What CONVERSION.md says about a write override that compared values before and after the
write (migrator/classify/before_after.py), once a rule does it.

Checked in Odoo 16.0-19.0 (base_automation): the write patch evaluates `filter_pre_domain`
on the records before the write and `filter_domain` after it, and keeps the written fields'
old values in the context (16.0 as `read()` returns them, 17.0+ the stored ones as records
hold them). It also runs on-write rules when Odoo recomputes a stored computed field of the
records, outside any write of theirs. In 17.0 and 18.0 both domains are computed from the
trigger fields: editing those in the form empties them (a value written with them is kept).
"""

from __future__ import annotations

import ast

from migrator.catalogue import load_catalogue
from migrator.generate.plan import MethodPlan

_NEGATE = {"=": "!=", "!=": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<", "in": "not in", "not in": "in"}


def compared_differences(plan: MethodPlan, series: str) -> list[str]:
    """Sentences for the plan's rule, empty when the method compared nothing."""
    if plan.pre_condition:
        return [_domains(plan, series)]
    if plan.old_values:
        fields = ", ".join(f"`{f}`" for f in plan.old_values)
        form = "as `read()` returns them" if series == "16.0" else "as the records hold them"
        return [f"reads the values of {fields} before the write from `env.context['old_values']`, where Odoo "
                f"keeps those of the fields the write sets ({form}); where the write does not set one, the "
                "code reads the record's value, which the write left as it was. A value another override "
                "changes inside the same write is compared in that inner write, where Odoo runs the rule first"]
    return []


def _domains(plan: MethodPlan, series: str) -> str:
    pre, post = _leaves(plan.pre_condition), _leaves(plan.condition)
    text = (f"the comparison of the values before and after the write is the rule's filter_pre_domain "
            f"`{plan.pre_condition}`, evaluated on the records before the write, and "
            + (f"filter_domain `{plan.condition}`, after it" if plan.condition else "no filter after it")
            + ", record by record as the module's loop did")
    catalogue = load_catalogue(series)
    computed = sorted({name.split(".")[0] for name, _, _ in pre + post
                       if (info := catalogue.field(plan.model, name.split(".")[0])) is not None
                       and (info.compute or info.related)})
    transition = len(pre) == 1 and len(post) == 1 and (pre[0][0], _NEGATE.get(pre[0][1]), pre[0][2]) == post[0]
    if computed:
        text += (f". Odoo also runs on-write rules when it recomputes a stored field of the record, and "
                 f"{', '.join(f'`{n}`' for n in computed)} {'is' if len(computed) == 1 else 'are'} computed: the "
                 "rule may also act when a change elsewhere (a line, a related record) moves the value across the "
                 "test, where the module acted only on a write of the record itself")
    elif not transition:
        text += (". Odoo also runs on-write rules when it recomputes a stored field of the record outside a write "
                 "of it; a record whose values match both filters then gets the action again, where the module "
                 "acted only on writes")
    return text + (f". {edit_caveat(series)}" if edit_caveat(series) else "")


def edit_caveat(series: str) -> str | None:
    """17.0 and 18.0 compute a rule's two domains from its trigger fields."""
    if series in ("17.0", "18.0"):
        return ("Editing the rule's trigger fields in Odoo empties its Before Update Domain and Apply on "
                "(Odoo computes both from them): set them again after such an edit")
    return None


def _leaves(domain: str | None) -> list[tuple]:
    if not domain:
        return []
    return [tuple(t) for t in ast.literal_eval(domain) if isinstance(t, (list, tuple))]
