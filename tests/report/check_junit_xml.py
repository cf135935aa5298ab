#!/usr/bin/python3
"""Checks a JUnit XML report: well-formed XML 1.0, and the tests/failures/errors/skipped attributes of
every <testsuite> and of <testsuites> equal what its testcases contain.

Usage: check_junit_xml.py [FILE...]   (default: the golden report.junit.xml next to this script)
Exit codes: 0 ok, 1 broken.
"""
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTS = ("tests", "failures", "errors", "skipped")


def tally(cases):
    return {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }


def problems_in(root):
    problems = []
    if root.tag != "testsuites":
        return [f"root element is <{root.tag}>, expected <testsuites>"]
    total = dict.fromkeys(COUNTS, 0)
    for suite in root.findall("testsuite"):
        actual = tally(suite.findall("testcase"))
        declared = {k: int(suite.get(k, "-1")) for k in COUNTS}
        if declared != actual:
            problems.append(f"suite {suite.get('name')!r} declares {declared}, contains {actual}")
        for k in COUNTS:
            total[k] += actual[k]
    declared = {k: int(root.get(k, "-1")) for k in COUNTS}
    if declared != total:
        problems.append(f"<testsuites> declares {declared}, contains {total}")
    return problems


def main():
    files = sys.argv[1:] or [os.path.join(HERE, "golden", "report.junit.xml")]
    failed = False
    for path in files:
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            print(f"{path}: not well-formed XML: {e}")
            failed = True
            continue
        problems = problems_in(root)
        for problem in problems:
            print(f"{path}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            print(f"{path}: well-formed JUnit XML, counts agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
