"""The zip Odoo's base_import_module reads: every file under `<module>/`, as `odoo-bin deploy`
makes it, written whole to a private temporary file (never into the user's folder)."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Fixed entry times: the same folder always gives the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)
_SKIP_DIRS = frozenset({"__pycache__"})


def module_files(folder: Path) -> list[Path]:
    """The files to send, relative to `folder`, sorted: hidden files, caches and links to
    folders left out (Odoo extracts only the manifest, the data files, static/ and i18n/)."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in names:
            path = Path(root, name)
            if not name.startswith(".") and not name.endswith(".pyc") and path.is_file():
                files.append(path.relative_to(folder))
    return sorted(files)


@contextmanager
def zipped(folder: Path, name: str) -> Iterator[Path]:
    """A zip of `folder` with its files under `name/`, deleted when the block ends."""
    fd, tmp = tempfile.mkstemp(prefix=f"{name}-", suffix=".zip")
    path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            for rel in module_files(folder):
                info = zipfile.ZipInfo(f"{name}/{rel.as_posix()}", _EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, (folder / rel).read_bytes())
        yield path
    finally:
        path.unlink(missing_ok=True)
