"""A compute method of the module -> the `compute` code of a custom field.

Odoo runs a custom field's compute code with `self` (the records) and `datetime`, `dateutil`
and `time` (ir_model.py, `make_compute`), under the same sandbox as action code. The method
must pass the audit's compute rules (migrator/readiness.py), then the libcst rewrite with the
`compute` target (assignments become `record['field'] = value`), then the field renaming.
"""

from __future__ import annotations

from migrator.analyze.excerpt import method_excerpt
from migrator.analyze.files import read_text, source_file
from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import MethodFacts
from migrator.classify.registry import all_rules
from migrator.readiness import compute_blockers


def compute_code(facts: ModuleFacts, method: MethodFacts, series: str) -> tuple[str | None, str | None]:
    """(code, None), or (None, why it cannot be compute code)."""
    reasons = compute_blockers(facts, method, all_rules())
    if reasons:
        return None, reasons[0]
    from migrator.generate.transform import transform_method  # libcst

    text, _ = read_text(source_file(facts.addon.path, method.file))
    tree = facts.file_facts(method.file).tree  # type: ignore[union-attr]
    source = method_excerpt(text or "", tree, method.class_name, method.name)
    result = transform_method(source, method.class_name, method.name, "compute", series)
    if result.code is None:
        first = result.blockers[0]
        return None, f"{first.code}: {first.message}"
    return result.code, None
