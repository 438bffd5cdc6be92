"""Enumerate and read an addon's files without trusting them.

Audited folders may hold symlink loops, huge or binary files posing as sources, and text in
legacy encodings. Each of these becomes a Finding; nothing here raises on bad input.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from typing import Iterator

from migrator.model import Finding

MAX_FILE_SIZE = 5 * 1024 * 1024
SOURCE_EXTENSIONS = frozenset({".py", ".xml", ".csv", ".js", ".css", ".scss"})
SKIPPED_DIRS = frozenset({"__pycache__"})
BINARY_PROBE = 8192  # bytes inspected for NUL, as git and grep do
# Python there is not installed with the addon: tests, upgrade scripts, web assets.
NOT_LOADED = ("tests/", "migrations/", "upgrades/", "static/")


@dataclass(frozen=True)
class SourceFile:
    rel: str  # relative to the addon folder, '/' separated
    abs: str
    size: int
    ext: str  # lower-case, with the dot: ".py"


def source_file(root: str, rel: str) -> SourceFile:
    """Describe the file `rel` ('/' separated) of the folder `root`; raises OSError."""
    path = os.path.join(os.path.abspath(root), *rel.split("/"))
    return SourceFile(rel, path, os.stat(path).st_size, os.path.splitext(rel)[1].lower())


def iter_source_files(addon_path: str) -> Iterator[SourceFile | Finding]:
    """Yield the addon's source files sorted by relative path, then walking problems.

    Symlinked folders are not descended into: one pointing inside the addon is walked at its
    real place, one pointing to a folder that contains it is a loop, and one pointing
    elsewhere is not the addon's own content. File symlinks are read through.
    """
    root = os.path.abspath(addon_path)
    real_root = os.path.realpath(root)
    files: list[SourceFile] = []
    findings: list[Finding] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = _rel(root, dirpath)
        kept = []
        for name in sorted(dirnames):
            if name.startswith(".") or name in SKIPPED_DIRS:
                continue
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                kept.append(name)
                continue
            target = os.path.realpath(path)
            rel = _join(rel_dir, name)
            if _is_within(os.path.realpath(dirpath), target):
                findings.append(Finding(
                    "symlink-loop", f"symlink {rel} points back to its own folder {target}", rel))
            elif not _is_within(target, real_root):
                findings.append(Finding(
                    "symlink-outside-addon",
                    f"symlink {rel} points outside the addon to {target}; not audited", rel))
        dirnames[:] = kept
        for name in filenames:
            ext = os.path.splitext(name)[1].lower()
            if ext not in SOURCE_EXTENSIONS:
                continue
            rel = _join(rel_dir, name)
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError as exc:
                findings.append(Finding(
                    "unreadable-file", f"{rel} cannot be read: {exc.strerror}", rel))
                continue
            if stat.S_ISREG(st.st_mode):
                files.append(SourceFile(rel, path, st.st_size, ext))
    yield from sorted(files, key=lambda f: f.rel)
    yield from sorted(findings, key=lambda f: (f.file or "", f.code))


def read_text(file: SourceFile, max_size: int = MAX_FILE_SIZE) -> tuple[str | None, Finding | None]:
    """Return the file's text, or None with the reason it cannot be used.

    Non-UTF-8 text is returned decoded as latin-1 (every byte maps to one character, so lines
    still count) together with a `not-utf8` finding.
    """
    try:
        # O_NONBLOCK: a FIFO named like a source must not block the audit.
        fd = os.open(file.abs, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                return None, Finding(
                    "unreadable-file", f"{file.rel} is not a regular file", file.rel)
            size = st.st_size
            if size > max_size:
                return None, Finding(
                    "file-too-large",
                    f"{file.rel} is {size:,} bytes, over the {max_size:,} byte limit; not read",
                    file.rel)
            data = handle.read(max_size + 1)
    except OSError as exc:
        return None, Finding(
            "unreadable-file", f"{file.rel} cannot be read: {exc.strerror}", file.rel)
    nul = data.find(b"\0", 0, BINARY_PROBE)
    if nul >= 0:
        return None, Finding(
            "binary-file", f"{file.rel} is binary content, not text", file.rel, _line_at(data, nul))
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start)
        return data.decode("latin-1"), Finding(
            "not-utf8", f"{file.rel} is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
            "read as latin-1", file.rel, line)


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _rel(root: str, path: str) -> str:
    rel = os.path.relpath(path, root)
    return "" if rel == "." else rel.replace(os.sep, "/")


def _join(rel_dir: str, name: str) -> str:
    return f"{rel_dir}/{name}" if rel_dir else name


def _is_within(path: str, folder: str) -> bool:
    """True when `path` is `folder` or inside it (both real paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
