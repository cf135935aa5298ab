#!/usr/bin/python3
"""Checks a stance JSON report against the contract of ../shared/DESIGN.md section 4: well-formed JSON (duplicate
keys rejected), the top-level keys in order, every finding's keys and value types, location shapes, and a
summary that equals the findings counted by status; with --framework, "compliance" controls and a summary
that equals them counted by status.

Usage: check_json_contract.py [FILE...]   (default: the golden report.json next to this script)
Exit codes: 0 ok, 1 contract broken.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STATUSES = ["pass", "fail", "unknown", "error"]
SEVERITIES = {"info", "low", "medium", "high", "critical"}


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise ValueError(f"duplicate keys {sorted(duplicates)}")
    return dict(pairs)


def location_problems(where, loc):
    problems = []
    if not isinstance(loc, dict):
        return [f"{where}: location is not an object"]
    if "file" in loc:
        if not isinstance(loc["file"], str) or not loc["file"]:
            problems.append(f"{where}: file must be a non-empty string")
        for key in ("line", "column"):
            if key in loc and (not isinstance(loc[key], int) or loc[key] < 1):
                problems.append(f"{where}: {key} must be a positive integer (omitted when unknown)")
    if "arn" in loc:
        for key in ("arn", "region", "account"):
            if not isinstance(loc.get(key), str):
                problems.append(f"{where}: cloud location needs string {key}")
    unknown = set(loc) - {"file", "line", "column", "arn", "region", "account"}
    if unknown:
        problems.append(f"{where}: unexpected keys {sorted(unknown)}")
    return problems


def contract_problems(doc):
    problems = []
    top = list(doc)
    required = ["schema_version", "tool", "findings", "errors"]
    if top[:4] != required or "summary" not in top:
        problems.append(f"top-level keys {top}: expected {required} ... summary")
    if doc.get("schema_version") != 1:
        problems.append("schema_version must be 1")
    tool = doc.get("tool", {})
    if tool.get("name") != "stance" or not isinstance(tool.get("version"), str):
        problems.append(f"tool must be {{name: stance, version: string}}, got {tool}")

    counted = {s: 0 for s in STATUSES}
    suppressed = 0
    for i, f in enumerate(doc.get("findings", [])):
        where = f"findings[{i}]"
        keys = list(f)
        expected = ["rule_id", "status", "severity", "resource", "location", "message"]
        if keys[:6] != expected or set(keys[6:]) - {"suppression"}:
            problems.append(f"{where}: keys {keys}, expected {expected} (+ suppression)")
            continue
        # A suppressed fail or unknown is counted as suppressed and only there (never as a failure); a
        # suppressed pass or error keeps its status.
        if f["status"] not in STATUSES:
            problems.append(f"{where}: status {f['status']!r}")
        elif "suppression" in f and f["status"] in ("fail", "unknown"):
            suppressed += 1
        else:
            counted[f["status"]] += 1
        if f["severity"] not in SEVERITIES:
            problems.append(f"{where}: severity {f['severity']!r}")
        # A Terraform resource adds its root module (several roots can call one module); a CloudFormation
        # trail without TrailName says its name is generated at deployment.
        resource = dict(f["resource"])
        generated = resource.pop("name_generated", None)
        if list(resource) not in (["type", "id", "name"], ["type", "id", "name", "root_module"]) or not all(
                isinstance(v, str) for v in resource.values()) or generated not in (None, True):
            problems.append(f"{where}: resource must be {{type, id, name}} strings (+ name_generated: true, "
                            f"+ root_module)")
        problems += location_problems(f"{where}.location", f["location"])
        if not isinstance(f["message"], str):
            problems.append(f"{where}: message must be a string")
        if "suppression" in f:
            s = f["suppression"]
            if s.get("kind") not in ("in_source", "config") or not isinstance(s.get("reason"), str):
                problems.append(f"{where}.suppression: {s}")
            problems += location_problems(f"{where}.suppression.location", s.get("location"))

    for list_name in ("errors", "warnings"):
        for i, e in enumerate(doc.get(list_name, [])):
            if list(e) != ["source", "message", "location"]:
                problems.append(f"{list_name}[{i}]: keys {list(e)}")
            else:
                problems += location_problems(f"{list_name}[{i}].location", e["location"])

    summary = doc.get("summary", {})
    expected_summary = dict(counted, suppressed=suppressed)
    if summary != expected_summary:
        problems.append(f"summary {summary} != counted {expected_summary}")
    if "compliance" in doc:
        problems += compliance_problems(doc["compliance"])
    return problems


CONTROL_STATUSES = ["fail", "error", "unknown", "pass", "suppressed", "no_findings", "manual"]
CONTROL_COUNTS = ["pass", "fail", "unknown", "error", "suppressed"]


def compliance_problems(frameworks):
    """--framework's per-control summary: each control's keys and types, manual exactly when no rule is
    mapped, and each framework's summary equal to its controls counted by status."""
    if not isinstance(frameworks, list) or not frameworks:
        return ["compliance must be a non-empty array (it is present only with --framework)"]
    problems = []
    for i, fw in enumerate(frameworks):
        where = f"compliance[{i}]"
        keys = [k for k in fw if k != "version"]
        if keys != ["framework", "name", "summary", "controls"]:
            problems.append(f"{where}: keys {list(fw)}, expected framework, name, (version), summary, controls")
            continue
        counted = dict.fromkeys(CONTROL_STATUSES, 0)
        for j, c in enumerate(fw["controls"]):
            cw = f"{where}.controls[{j}]"
            expected = ["id", "title", "status", "rules"] + CONTROL_COUNTS
            if list(c)[:len(expected)] != expected or set(list(c)[len(expected):]) - {"note"}:
                problems.append(f"{cw}: keys {list(c)}, expected {expected} (+ note)")
                continue
            if c["status"] not in CONTROL_STATUSES:
                problems.append(f"{cw}: status {c['status']!r}")
                continue
            counted[c["status"]] += 1
            if not all(isinstance(r, str) for r in c["rules"]):
                problems.append(f"{cw}: rules must be strings")
            if (c["status"] == "manual") != (not c["rules"]):
                problems.append(f"{cw}: manual exactly when no rule is mapped, got {c['status']} with {c['rules']}")
            if not all(isinstance(c[k], int) and c[k] >= 0 for k in CONTROL_COUNTS):
                problems.append(f"{cw}: counts must be non-negative integers")
            elif c["status"] == "fail" and c["fail"] == 0:
                problems.append(f"{cw}: status fail without a failing finding")
            elif c["status"] == "pass" and (c["pass"] == 0 or c["fail"] or c["error"] or c["unknown"]):
                problems.append(f"{cw}: status pass with counts {[c[k] for k in CONTROL_COUNTS]}")
        if fw["summary"] != counted:
            problems.append(f"{where}: summary {fw['summary']} != counted controls {counted}")
    return problems


def main():
    files = sys.argv[1:] or [os.path.join(HERE, "golden", "report.json")]
    failed = False
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f, object_pairs_hook=no_duplicates)
        except ValueError as e:  # json.JSONDecodeError is a ValueError
            print(f"{path}: not well-formed JSON: {e}")
            failed = True
            continue
        problems = contract_problems(doc)
        for problem in problems:
            print(f"{path}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            print(f"{path}: well-formed, follows the JSON contract")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
