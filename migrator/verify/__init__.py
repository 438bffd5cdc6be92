"""Verification: the same scenarios through the addon and through its generated actions, in
PostgreSQL, compared (docs/verify.md, docs/scenarios.md).

    result = verify_addon(Path("addons/acme"), "18.0")   # raises CannotVerify (exit 2)
    result.equivalent; to_text(result); to_json(result)
"""

from migrator.verify.errors import CannotVerify
from migrator.verify.report import to_json, to_text
from migrator.verify.verifier import VerifyResult, verify_addon

__all__ = ["CannotVerify", "VerifyResult", "to_json", "to_text", "verify_addon"]
