"""Source lines behind a unit, read at render time so the HTML report shows its evidence.

Read-only and defensive: the audited folders are untrusted, so a path that leaves the addon,
a file that is not a regular file, or one that is too big is shown as its location only.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 2_000_000
MAX_LINES = 60  # per unit
MAX_LINE_CHARS = 240


@dataclass(frozen=True)
class Excerpt:
    lines: tuple[tuple[int, str], ...]  # (line number, text)
    omitted: int  # lines of the span left out by the cap


def _read_lines(addon_path: str, file: str) -> list[str] | None:
    try:
        root = Path(addon_path).resolve()
        target = (root / file).resolve()
        if not target.is_relative_to(root):
            return None
        # stat first: opening a FIFO or a device would block or read forever.
        if not stat.S_ISREG(target.stat().st_mode):
            return None
        with target.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except (OSError, RuntimeError, ValueError):  # RuntimeError: symlink loop on older Pythons
        return None
    if len(raw) > MAX_FILE_BYTES:
        return None
    return raw.decode("utf-8", errors="replace").splitlines()


class SourceReader:
    """Reads each file once per report; the same file backs many units."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, str], list[str] | None] = {}

    def excerpt(self, addon_path: str, file: str, line_start: int, line_end: int) -> Excerpt | None:
        key = (addon_path, file)
        if key not in self._files:
            self._files[key] = _read_lines(addon_path, file)
        lines = self._files[key]
        if lines is None or line_start < 1 or line_start > len(lines):
            return None
        end = min(max(line_end, line_start), len(lines))
        shown_end = min(end, line_start + MAX_LINES - 1)
        shown = tuple(
            (number, _clip(lines[number - 1])) for number in range(line_start, shown_end + 1)
        )
        return Excerpt(lines=shown, omitted=end - shown_end)


def _clip(text: str) -> str:
    text = text.expandtabs(4)
    return text if len(text) <= MAX_LINE_CHARS else text[: MAX_LINE_CHARS - 1] + "…"
