"""The corpus's Python parsed by libcst, for tests holding a walk against libcst's own."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_modules(*sources: str) -> list[cst.Module]:
    """`sources`, then every corpus file libcst parses (the corpus's broken files, on purpose, left out)."""
    modules = [cst.parse_module(source) for source in sources]
    for path in sorted(CORPUS.rglob("*.py")):
        try:
            modules.append(cst.parse_module(path.read_bytes()))
        except cst.ParserSyntaxError:
            continue
    return modules
