"""The rule catalogue (docs/rules.md), written from the rules themselves.

Regenerate with `python -m migrator.classify.catalogue > docs/rules.md`; a test keeps the
committed file in step with the code.
"""

from __future__ import annotations

from textwrap import dedent

from migrator.blockers import BLOCKERS
from migrator.classify.registry import all_rules


def render_catalogue() -> str:
    out = [
        "# Rule catalogue",
        "",
        "Each rule looks at one candidate method (see docs/classification.md) and yields effects",
        "(what an action can do) or blockers (why it cannot). Disable a rule with",
        "`migrator audit --disable NAME`. The examples below are the rules' own tests.",
        "",
        "| rule | yields | what it recognises |",
        "|---|---|---|",
    ]
    rules = all_rules()
    out += [f"| [`{r.name}`](#{r.name}) | {r.produces} | {r.summary} |" for r in rules]
    out += [
        "",
        "## Blocker codes",
        "",
        "Every reason a unit does not convert, with where it is decided: a rule of the same name",
        "(on every unit the audit finds), the rewrite into action code (units that need code), or",
        "the planning step that writes the records. The audit and `migrator convert` run the same",
        "planning step, so both give the same code for the same unit.",
        "",
        "| code | decided by | meaning |",
        "|---|---|---|",
    ]
    out += [f"| `{b.code}` | {b.decided_by} | {b.meaning} |" for b in BLOCKERS.values()]
    for r in rules:
        out += ["", f"## {r.name}", "", r.summary, ""]
        for title, examples in (("Matches", r.match), ("Does not match", r.no_match)):
            for example in examples:
                out += [f"{title}:", "", "```python", dedent(example).strip(), "```", ""]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(render_catalogue(), end="")
