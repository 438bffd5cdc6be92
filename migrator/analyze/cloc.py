"""Count lines of code the way Odoo's own counter (`odoo/tools/cloc.py`, `odoo-bin cloc`) does.

Savings are only credible if they match the number a client gets from Odoo itself, so the
counting rules below mirror Odoo's, quirks included:

- Python: the number of distinct line numbers carried by AST nodes of the stripped text
  (a multi-line docstring or call counts once per line that starts a node; comments and blank
  lines never count). The result depends on the Python version's AST, as Odoo's does.
- XML: lines left non-blank once `<!-- ... -->` comments are removed (a regex, so a comment
  inside CDATA is still a comment).
- JS/CSS/SCSS: lines left non-blank once comments are removed; a file with a line longer than
  MAX_LINE_SIZE (minified code) is not counted at all (None).

Odoo reads every file as latin-1 text; callers that want the exact figure pass text decoded so.
"""

from __future__ import annotations

import ast
import fnmatch
import os
import re
import warnings
from collections.abc import Iterable

from migrator.analyze.tree_index import index_tree

DEFAULT_EXCLUDE: tuple[str, ...] = (
    "__manifest__.py",
    "__openerp__.py",
    "tests/**/*",
    "static/lib/**/*",
    "static/tests/**/*",
    "migrations/**/*",
    "upgrades/**/*",
)
MANIFEST_EXCLUDE_KEYS: tuple[str, ...] = ("cloc_exclude", "demo", "demo_xml")
COUNTED_EXTENSIONS: frozenset[str] = frozenset({".py", ".js", ".xml", ".css", ".scss"})
MAX_FILE_SIZE = 25 * 2**20  # bytes; Odoo reports bigger files as errors instead of counting
MAX_LINE_SIZE = 100_000

_XML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLANK_AROUND_NEWLINE = re.compile(r"\s*\n\s*")
_JS_COMMENTS = re.compile(
    r'//.*?$|(?<!\\)/\*.*?\*/|\'(\\.|[^\\\'])*\'|"(\\.|[^\\"])*"', re.DOTALL | re.MULTILINE)
_SCSS_COMMENTS = re.compile(
    r'//.*?$|/\*.*?\*/|\'(?:\\.|[^\\\'])*\'|"(?:\\.|[^\\"])*"', re.DOTALL | re.MULTILINE)
_CSS_COMMENTS = re.compile(
    r'/\*.*?\*/|\'(?:\\.|[^\\\'])*\'|"(?:\\.|[^\\"])*"', re.DOTALL | re.MULTILINE)


# ------------------------------------------------------------------------- Python

def python_line_numbers(tree: ast.AST) -> frozenset[int]:
    """Line numbers Odoo counts in `tree`: those of every node that has one.

    For a tree parsed from the unstripped text the numbers are the file's own, so the lines of
    a span are `{n for n in numbers if start <= n <= end}`; their total equals count_python.
    """
    return index_tree(tree).lines


def count_python(text: str) -> int | None:
    """Odoo's count for a Python file, or None when it does not parse (Odoo reports an error)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes etc. in audited code
            tree = ast.parse(text.strip() + "\n")
    except Exception:  # SyntaxError, NUL bytes (ValueError), absurd nesting: Odoo gives up too
        return None
    return len(python_line_numbers(tree))


# ---------------------------------------------------------------------------- XML

def count_xml(text: str) -> int:
    """Odoo's count for an XML file: non-blank lines once comments are removed."""
    s = _XML_COMMENT.sub("", text.strip() + "\n")
    return _BLANK_AROUND_NEWLINE.sub("\n", s).lstrip().count("\n")


def xml_line_numbers(text: str) -> set[int]:
    """The 1-based lines of `text` holding something other than whitespace and comments.

    Its size equals count_xml except where a comment spanning lines has content both before
    it on its first line and after it on its last line: Odoo's regex joins the two into one
    line (`<a/><!-- x\\n y --><b/>` counts 1), here each keeps its own line (2).
    """
    # Blank each comment out but keep its newlines, so line numbers stay the file's own.
    cleaned = _XML_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    return {number for number, line in enumerate(cleaned.split("\n"), 1) if line.strip()}


# -------------------------------------------------------------------- JS, CSS, SCSS

def _count_c_like(text: str, comments: re.Pattern[str]) -> int | None:
    s = text.strip() + "\n"
    # Odoo skips files with a huge line (minified code) rather than run its regex over them.
    if len(s) > MAX_LINE_SIZE and max(len(line) for line in s.split("\n")) > MAX_LINE_SIZE:
        return None
    # Comments become a space; string literals are matched only so that a '//' or '/*'
    # inside one is not taken for a comment, and are kept.
    s = comments.sub(lambda m: " " if m.group().startswith("/") else m.group(), s)
    return _BLANK_AROUND_NEWLINE.sub("\n", s).lstrip().count("\n")


def count_js(text: str) -> int | None:
    return _count_c_like(text, _JS_COMMENTS)


def count_scss(text: str) -> int | None:
    return _count_c_like(text, _SCSS_COMMENTS)


def count_css(text: str) -> int | None:
    return _count_c_like(text, _CSS_COMMENTS)


# ---------------------------------------------------------------------- exclusions

def exclusion_patterns(manifest: dict) -> tuple[str, ...]:
    """Odoo's default globs plus the manifest's `cloc_exclude`, `demo` and `demo_xml` entries.

    Entries that are not non-empty strings in a list are ignored (Odoo would crash on some,
    or glob each character of a bare string).
    """
    patterns = list(DEFAULT_EXCLUDE)
    for key in MANIFEST_EXCLUDE_KEYS:
        value = manifest.get(key)
        if isinstance(value, (list, tuple)):
            patterns.extend(p for p in value if isinstance(p, str) and p)
    return tuple(patterns)


def _segments(pattern: str) -> list[str] | None:
    """Pattern split like pathlib does ('.' and empty parts dropped); None if absolute."""
    if pattern.startswith("/"):
        return None
    return [part for part in pattern.split("/") if part not in ("", ".")]


def _match(parts: list[str], pattern: list[str]) -> bool:
    """pathlib.Path.glob semantics of Python 3.10-3.12, the versions Odoo runs on, for files:
    `**` matches zero or more folders and, last in a pattern, folders only (so no file)."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        if not rest:
            return False
        return any(_match(parts[i:], rest) for i in range(len(parts)))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _match(parts[1:], rest)


def is_excluded(rel: str, patterns: Iterable[str]) -> bool:
    """Whether the file `rel` ('/' separated, relative to the addon) matches one of the globs.

    A glob naming a folder does not exclude the files in it, as in Odoo, which compares
    file paths with the glob's matches.
    """
    parts = rel.split("/")
    for pattern in patterns:
        segments = _segments(pattern)
        if segments is not None and _match(parts, segments):
            return True
    return False


def excluded_paths(addon_path: str, manifest: dict) -> set[str]:
    """Relative '/' paths of the addon's files that Odoo's counter leaves out.

    Only the folders a pattern can reach are walked (its part before the first wildcard),
    so the common case touches `tests/`, `static/lib/`, ... and a few named files.
    """
    root = os.path.abspath(addon_path)
    patterns = exclusion_patterns(manifest)
    found: set[str] = set()
    starts: set[str] = set()
    for pattern in patterns:
        segments = _segments(pattern)
        if not segments:
            continue
        literal: list[str] = []
        for part in segments:
            if any(c in part for c in "*?["):
                break
            literal.append(part)
        if len(literal) == len(segments):  # a plain file name
            if os.path.isfile(os.path.join(root, *literal)):
                found.add("/".join(literal))
        else:
            starts.add("/".join(literal))
    # Walk each folder once: drop those inside another folder to walk.
    tops = {s for s in starts
            if not any(t != s and (not t or s.startswith(t + "/")) for t in starts)}
    for start in tops:
        base = os.path.join(root, *start.split("/")) if start else root
        for dirpath, _dirnames, filenames in os.walk(base):
            rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
            for name in filenames:
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                if is_excluded(rel, patterns):
                    found.add(rel)
    return found
