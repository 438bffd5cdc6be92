"""What CONVERSION.md says about a create override that read the values given to `create`,
once a rule reads them on the created records (migrator/generate/transforms/create_values.py).
"""

from __future__ import annotations

from migrator.generate.plan import MethodPlan


def given_differences(plan: MethodPlan) -> list[str]:
    """One sentence for the plan's rule, empty when the method read no values given to create."""
    if not plan.given:
        return []
    fields = ", ".join(f"`{f}`" for f in plan.given)
    return [f"reads {fields} on the record once created, where the module read or filled the values given to "
            "create: a field the caller did not give holds its default or computed value there (the module saw it "
            "missing), "
            "and one given empty reads as not given. What the module put into the values is written after "
            "the record is created: the record is first saved with the values as given (a unique or required "
            "constraint on such a field sees them), then written again, which runs other rules and tracking"]
