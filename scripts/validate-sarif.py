#!/usr/bin/env python3
"""Validate JSON documents against a JSON Schema (by default SARIF 2.1.0).

Used by Tests/ReportingTests (ReportSARIFTests, ReportJSONTests): there is no Swift JSON Schema
validator, so the tests run this with the `jsonschema` package (Debian: python3-jsonschema,
installed by scripts/setup.sh). Prints every violation with its JSON path; exit status 0 when
all files are valid, 1 when any is not, 2 on usage or I/O errors.

    scripts/validate-sarif.py report.sarif
    scripts/validate-sarif.py --schema docs/report.schema.json report.json
"""
import argparse
import json
import pathlib
import sys

import jsonschema

DEFAULT_SCHEMA = pathlib.Path(__file__).resolve().parent.parent / "Tests/ReportingTests/Schemas/sarif-schema-2.1.0.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", type=pathlib.Path, default=DEFAULT_SCHEMA)
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    try:
        schema = json.loads(args.schema.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"error: {args.schema}: {error}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in args.files:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"error: {path}: {error}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message}")
        if errors:
            failed = True
        else:
            print(f"{path}: valid against {schema.get('title', args.schema.name)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
