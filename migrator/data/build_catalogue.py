"""Build the packaged schema catalogues from schema files read off real Odoo databases.

Developer script, not used at run time. Usage:

    python -m migrator.data.build_catalogue /path/to/schema/folder

The folder holds `schema-<series>.json` files (keys: installed_modules, models, series,
source, xmlids): each read off a database of that series with the modules of its
`installed_modules` installed (a module added later is read off a database where it was
installed beside the others: its models, the fields it adds, the selection values it adds and
its records' xml ids; `source` names them). For each one this writes `catalogue-<series>.json.gz` next to this script,
keeping only what the toolkit reads (see migrator/catalogue.py):

    {"series", "source", "installed_modules": [...], "xmlids": {xmlid: {"model", "res_name"}},
     "models": {model: {"xmlid", "modules", "inherits", "fields": {name: FIELD}}}}

FIELD always has "type"; the other keys appear only when they differ from the default
(store true, everything else false/empty): relation, store, required, selection (the
values), related (the path), compute, inverse_name, relation_table, column1, column2,
xmlid, modules. The schema files' xml id table leaves out the records every database
gets from base's own data (users, partners, company); `_BASE_RECORDS` adds them. The output is deterministic (sorted keys, fixed gzip mtime) so rebuilding
from the same input gives byte-identical files.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent
# Field attributes kept when they are set (falsy values are the default and dropped).
_KEPT = ("relation", "required", "related", "compute", "inverse_name",
         "relation_table", "column1", "column2", "xmlid", "modules")

# Created by base in every database of 16.0-19.0 (base_data.sql, res_users_data.xml,
# res_partner_data.xml), but absent from the schema files' xml id table.
_BASE_RECORDS = {
    "base.main_company": "res.company",
    "base.main_partner": "res.partner",
    "base.partner_root": "res.partner",
    "base.partner_admin": "res.partner",
    "base.public_partner": "res.partner",
    "base.user_root": "res.users",
    "base.user_admin": "res.users",
    "base.public_user": "res.users",
    "base.group_user": "res.groups",
}


def compact_field(spec: dict) -> dict:
    out: dict = {"type": spec["type"]}
    if spec.get("store") is False:
        out["store"] = False
    if spec.get("selection"):
        out["selection"] = [value for value, _label in spec["selection"]]
    for key in _KEPT:
        value = spec.get(key)
        if value:
            out[key] = True if key == "compute" else value
    return out


def compact_schema(schema: dict) -> dict:
    models = {
        name: {
            "xmlid": spec.get("xmlid"),
            "modules": spec.get("modules", []),
            "inherits": spec.get("inherits", {}),
            "fields": {f: compact_field(fs) for f, fs in spec["fields"].items()},
        }
        for name, spec in schema["models"].items()
    }
    return {
        "series": schema["series"],
        "source": schema["source"],
        "installed_modules": sorted(schema["installed_modules"]),
        "xmlids": {
            **{xmlid: {"model": model, "res_name": None} for xmlid, model in _BASE_RECORDS.items()},
            **schema["xmlids"],
        },
        "models": models,
    }


def write_catalogue(schema_file: Path, out_dir: Path = OUT_DIR) -> Path:
    catalogue = compact_schema(json.loads(schema_file.read_text(encoding="utf-8")))
    target = out_dir / f"catalogue-{catalogue['series']}.json.gz"
    payload = json.dumps(catalogue, sort_keys=True, separators=(",", ":")).encode()
    with open(target, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as gz:
        gz.write(payload)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m migrator.data.build_catalogue SCHEMA_FOLDER", file=sys.stderr)
        return 2
    files = sorted(Path(argv[0]).glob("schema-*.json"))
    if not files:
        print(f"{argv[0]}: no schema-*.json files", file=sys.stderr)
        return 1
    for schema_file in files:
        target = write_catalogue(schema_file)
        print(f"{schema_file.name} -> {target.name} ({target.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
