"""The addons_path of an odoo.conf file."""

from __future__ import annotations

import configparser
import os

from migrator.errors import UsageError


def addons_path_from_conf(conf_path: str) -> list[str]:
    """Absolute folders of the conf's `[options] addons_path`, in order.

    `~` and `$VARS` are expanded as Odoo does; relative entries are taken relative to the
    conf file's folder (the server's working directory is unknown to an audit).
    """
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(conf_path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except OSError as exc:
        raise UsageError(f"{conf_path}: cannot read odoo.conf: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{conf_path}: odoo.conf is not UTF-8 text") from None
    except configparser.Error as exc:
        raise UsageError(f"{conf_path}:{_describe(exc)}") from None
    raw = parser.get("options", "addons_path", fallback="").strip()
    if not raw:
        raise UsageError(f"{conf_path}: no addons_path in its [options] section")
    base = os.path.dirname(os.path.abspath(conf_path))
    return [
        os.path.normpath(os.path.join(base, os.path.expanduser(os.path.expandvars(entry.strip()))))
        for entry in raw.split(",") if entry.strip()
    ]


def _describe(exc: configparser.Error) -> str:
    """'line: problem' for a configparser error, on one line."""
    if isinstance(exc, configparser.MissingSectionHeaderError):
        return f"{exc.lineno}: invalid odoo.conf: no [section] header before this line"
    if isinstance(exc, configparser.ParsingError):
        return f"{exc.errors[0][0]}: invalid odoo.conf: this line is not 'key = value'"
    if isinstance(exc, configparser.DuplicateOptionError):
        return f"{exc.lineno}: invalid odoo.conf: {exc.option!r} is set twice in [{exc.section}]"
    if isinstance(exc, configparser.DuplicateSectionError):
        return f"{exc.lineno}: invalid odoo.conf: section [{exc.section}] appears twice"
    return f" invalid odoo.conf: {exc.message.splitlines()[0]}"
