#!/usr/bin/python3
"""Validates SARIF files against the OASIS SARIF 2.1.0 JSON schema, plus the cross-references the schema
cannot express and GitHub code scanning relies on (ruleIndex/ruleId agree, artifact indexes and URIs
agree, level only on kind "fail", relative URIs carry a base and no raw spaces).

Usage: validate_sarif.py [--schema SCHEMA] [--github] [--expect-invalid] FILE...
  With no FILE: the golden SARIF next to this script. --github adds GitHub code scanning's ingestion
  rules that reject a whole upload (every result needs a location with physicalLocation.artifactLocation.uri).
  --expect-invalid inverts the verdict: exits 0 only when every FILE is rejected (so the test proves the
  validator can fail).
Exit codes: 0 ok, 1 invalid, 77 skipped (Debian's python3-jsonschema or the schema file is missing).
Run it with /usr/bin/python3: the jsonschema module is the Debian package's.
"""
import argparse
import json
import os
import sys

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "..", "..", "shared", "testdata", "sarif", "sarif-schema-2.1.0.json")
DEFAULT_FILES = [os.path.join(HERE, "golden", "report.sarif")]


def github_problems(log):
    """GitHub rejects the whole file when a result has no location or one without a physical location
    ("locationFromSarifResult: expected at least one location" / "expected a physical location")."""
    problems = []
    for r, run in enumerate(log.get("runs", [])):
        for i, result in enumerate(run.get("results", [])):
            locations = result.get("locations") or []
            if not locations:
                problems.append(f"runs[{r}].results[{i}]: GitHub needs at least one location")
            for l, location in enumerate(locations):
                if not location.get("physicalLocation", {}).get("artifactLocation", {}).get("uri"):
                    problems.append(f"runs[{r}].results[{i}].locations[{l}]: GitHub needs a physical location")
    return problems


def cross_reference_problems(log):
    """What the schema cannot check: internal indexes and GitHub's expectations."""
    problems = []
    for r, run in enumerate(log.get("runs", [])):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        artifacts = run.get("artifacts", [])
        rule_ids = [rule["id"] for rule in rules]
        if len(set(rule_ids)) != len(rule_ids):
            problems.append(f"runs[{r}]: duplicate rule ids {rule_ids}")

        def check_artifact_location(where, loc):
            uri = loc.get("uri", "")
            if " " in uri or any(ord(c) > 0x7E for c in uri):
                problems.append(f"{where}: uri {uri!r} is not percent-encoded")
            if "://" not in uri and not uri.startswith("file:") and loc.get("uriBaseId") != "%SRCROOT%":
                problems.append(f"{where}: relative uri {uri!r} without uriBaseId %SRCROOT%")
            if "index" in loc:
                i = loc["index"]
                if i >= len(artifacts) or artifacts[i]["location"]["uri"] != uri:
                    problems.append(f"{where}: artifact index {i} does not name {uri!r}")

        def check_locations(where, locations):
            for l, location in enumerate(locations or []):
                physical = location.get("physicalLocation")
                if physical:
                    check_artifact_location(f"{where}.locations[{l}]", physical["artifactLocation"])

        for i, result in enumerate(run.get("results", [])):
            where = f"runs[{r}].results[{i}]"
            index = result.get("ruleIndex")
            if index is None or index >= len(rules) or rules[index]["id"] != result.get("ruleId"):
                problems.append(f"{where}: ruleIndex {index} does not name ruleId {result.get('ruleId')!r}")
            kind, level = result.get("kind", "fail"), result.get("level", "warning")
            if kind != "fail" and level != "none":
                problems.append(f"{where}: kind {kind!r} with level {level!r} (only 'fail' has a level)")
            if not result.get("message", {}).get("text"):
                problems.append(f"{where}: empty message")
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            check_locations(where, result.get("locations"))
            for s, suppression in enumerate(result.get("suppressions", [])):
                if "location" in suppression:
                    check_locations(f"{where}.suppressions[{s}]", [suppression["location"]])
        for inv, invocation in enumerate(run.get("invocations", [])):
            for n, note in enumerate(invocation.get("toolExecutionNotifications", [])):
                where = f"runs[{r}].invocations[{inv}].toolExecutionNotifications[{n}]"
                check_locations(where, note.get("locations"))
                rule = note.get("associatedRule")
                if rule and (rule.get("index", -1) >= len(rules) or rules[rule["index"]]["id"] != rule["id"]):
                    problems.append(f"{where}: associatedRule {rule} does not match the rules")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", default=DEFAULT_SCHEMA)
    parser.add_argument("--github", action="store_true")
    parser.add_argument("--expect-invalid", action="store_true")
    parser.add_argument("files", nargs="*", default=DEFAULT_FILES)
    args = parser.parse_args()

    try:
        import jsonschema
    except ImportError:
        print("SKIP: the jsonschema module is missing (apt install python3-jsonschema; run with /usr/bin/python3)")
        return SKIP
    if not os.path.isfile(args.schema):
        print(f"SKIP: SARIF schema not found at {args.schema}")
        return SKIP
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    # The OASIS schema declares draft-04; pick the validator its $schema names rather than assuming one.
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    print(f"schema {args.schema} ({schema.get('$schema')}, {validator_class.__name__})")

    failed = []
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        problems = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                    for e in sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))]
        if not problems:  # cross-references presuppose a schema-valid shape
            problems = cross_reference_problems(log)
            if args.github:
                problems += github_problems(log)
        for problem in problems:
            print(f"{path}: {problem}")
        if problems:
            failed.append(path)
        else:
            print(f"{path}: valid SARIF 2.1.0")

    if args.expect_invalid:
        accepted = [p for p in args.files if p not in failed]
        for path in accepted:
            print(f"FAIL: {path} was expected to be rejected")
        return 1 if accepted else 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
