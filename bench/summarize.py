#!/usr/bin/env python3
"""Turns the measurements bench/run.sh collected (out/raw.csv, corpora.csv, logs.csv) into the results table.

Prints the table and writes it, with the targets and the context of the run, to out/results.md.
Standard library only.
"""

import argparse
import collections
import csv
import datetime
import json
import os
import re
import statistics
import sys

GUARD = "cfn-guard"
HEADLINE_TOOL = "stance"                  # default jobs = one per core
HEADLINE_CORPUS = "real (cfn-guard-readable)"
SPEEDUP_TARGET = 10.0
RSS_TARGET_MIB = 64.0


def read_csv(path):
  with open(path, newline="") as f:
    return list(csv.DictReader(f))


def stance_counts(stdout_path):
  """(verdicts text, files stance could not read) from one `stance scan --format json` output."""
  try:
    with open(stdout_path) as f:
      doc = json.load(f)
  except (OSError, ValueError) as e:
    return f"output not JSON ({e.__class__.__name__})", None
  statuses = collections.Counter(f.get("status", "?") for f in doc.get("findings", []))
  unreadable = {e.get("source") or json.dumps(e.get("location")) for e in doc.get("errors", [])}
  verdicts = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) or "no trails"
  return f"{sum(statuses.values())} trails: {verdicts}", len(unreadable)


def guard_counts(stdout_path, stderr_path):
  """Per-file statuses from `cfn-guard validate --show-summary all`; Guard judges files, not trails."""
  statuses = collections.Counter()
  try:
    with open(stdout_path, errors="replace") as f:
      for line in f:
        m = re.search(r" Status = (PASS|FAIL|SKIP)\s*$", line)
        if m:
          statuses[m.group(1).lower()] += 1
  except OSError:
    pass
  aborted = False
  try:
    with open(stderr_path, errors="replace") as f:
      aborted = "Parser Error" in f.read()
  except OSError:
    pass
  text = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
  text = f"{sum(statuses.values())} files: {text}" if statuses else "no verdicts"
  if aborted:
    text += " (aborted on a parse error)"
  return text


def main(argv):
  ap = argparse.ArgumentParser()
  ap.add_argument("--out-dir", required=True)
  ap.add_argument("--stance-version", default="?")
  ap.add_argument("--guard-version", default="?")
  ap.add_argument("--reps", default="?")
  ap.add_argument("--load-start", default="?", help="load average when the measurements started")
  args = ap.parse_args(argv)
  out = args.out_dir

  corpora = {r["corpus"]: r for r in read_csv(os.path.join(out, "corpora.csv"))}
  logs = {(r["tool"], r["corpus"]): r for r in read_csv(os.path.join(out, "logs.csv"))}
  runs = collections.defaultdict(list)
  for r in read_csv(os.path.join(out, "raw.csv")):
    runs[(r["tool"], r["corpus"])].append(r)

  medians = {}
  for key, rs in runs.items():
    walls = [float(r["wall_s"]) for r in rs]
    medians[key] = {
        "wall": statistics.median(walls),
        "min": min(walls),
        "max": max(walls),
        "rss_mib": statistics.median(int(r["peak_rss_kib"]) for r in rs) / 1024.0,
        "rss_max_mib": max(int(r["peak_rss_kib"]) for r in rs) / 1024.0,
        "cpu": statistics.median(float(r["cpu_s"]) for r in rs),
        "exit": sorted({r["exit"] for r in rs}),
    }

  header = ["tool", "corpus", "files", "MB", "wall s (median)", "wall min-max", "templates/s", "MB/s",
            "peak RSS MiB", "CPU s (user+sys)", "speed-up vs cfn-guard", "files with errors", "verdicts (untimed warm-up run)"]
  rows = []
  order = [c for c in corpora]
  for corpus in order:
    meta = corpora[corpus]
    files = int(meta["files"])
    mb = int(meta["bytes"]) / 1e6
    guard = medians.get((GUARD, corpus))
    for tool in ["stance", "stance --jobs 1", GUARD]:
      m = medians.get((tool, corpus))
      if not m:
        continue
      log = logs.get((tool, corpus), {})
      if tool == GUARD:
        verdicts = guard_counts(log.get("stdout", ""), log.get("stderr", ""))
        unreadable = int(meta["guard_unreadable"])
        speedup = "1.0x (baseline)"
      else:
        verdicts, unreadable = stance_counts(log.get("stdout", ""))
        speedup = f"{guard['wall'] / m['wall']:.1f}x" if guard else "n/a (cfn-guard stops at the first bad file)"
      rows.append({
          "cells": [tool, corpus, str(files), f"{mb:.2f}", f"{m['wall']:.3f}", f"{m['min']:.3f}-{m['max']:.3f}",
                    f"{files / m['wall']:.0f}", f"{mb / m['wall']:.1f}", f"{m['rss_mib']:.1f}", f"{m['cpu']:.2f}", speedup,
                    "?" if unreadable is None else str(unreadable), verdicts],
          "tool": tool, "corpus": corpus, "m": m, "guard": guard,
      })

  def table(fmt_md):
    lines = []
    if fmt_md:
      lines.append("| " + " | ".join(header) + " |")
      lines.append("|" + "|".join("---" for _ in header) + "|")
      for r in rows:
        lines.append("| " + " | ".join(r["cells"]) + " |")
    else:
      widths = [max(len(h), *(len(r["cells"][i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
      lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths)))
      lines.append("  ".join("-" * w for w in widths))
      for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r["cells"], widths)))
    return "\n".join(lines)

  # Targets (issue "stance foundation", part 7).
  verdict_lines = []
  head = next((r for r in rows if r["tool"] == HEADLINE_TOOL and r["corpus"] == HEADLINE_CORPUS), None)
  if head and head["guard"]:
    speed = head["guard"]["wall"] / head["m"]["wall"]
    cpu = head["guard"]["cpu"] / head["m"]["cpu"] if head["m"]["cpu"] > 0 else float("inf")
    verdict_lines.append(f"- speed: stance is {speed:.1f}x faster than cfn-guard as whole processes on the real "
                         f"corpus (target >= {SPEEDUP_TARGET:.0f}x): {'MET' if speed >= SPEEDUP_TARGET else 'NOT MET'}"
                         f" (CPU time: cfn-guard uses {cpu:.0f}x as much)")
  else:
    verdict_lines.append("- speed: not measured (no real corpus)")
  stance_rows = [r for r in rows if r["tool"] != GUARD]
  if stance_rows:
    worst = max(stance_rows, key=lambda r: r["m"]["rss_max_mib"])
    peak = worst["m"]["rss_max_mib"]
    verdict_lines.append(f"- memory: stance's highest peak RSS over every run is {peak:.1f} MiB ({worst['tool']}, "
                         f"{worst['corpus']}; target < {RSS_TARGET_MIB:.0f} MiB): "
                         f"{'MET' if peak < RSS_TARGET_MIB else 'NOT MET'}")

  try:
    load = " ".join(open("/proc/loadavg").read().split()[:3])
  except OSError:
    load = "?"
  context = [
      f"- date: {datetime.datetime.now().isoformat(timespec='seconds')}",
      f"- stance: {args.stance_version}; cfn-guard: {args.guard_version}",
      f"- machine: {os.cpu_count()} cores, load average {args.load_start} at the start, {load} at the end; "
      f"{args.reps} timed runs per row "
      f"after one warm-up, medians",
  ]

  print()
  print(table(False))
  print()
  print("\n".join(verdict_lines))
  print("\n".join(context))
  with open(os.path.join(out, "results.md"), "w") as f:
    f.write("# stance vs cfn-guard: CloudFormation benchmark results\n\n")
    f.write("\n".join(context) + "\n\n")
    f.write(table(True) + "\n\n")
    f.write("## Targets\n\n" + "\n".join(verdict_lines) + "\n\n")
    f.write("Raw runs: `raw.csv`; tool outputs of the warm-up runs: `logs/`; see `bench/README.md`.\n")
  print(f"\nwritten: {os.path.join(out, 'results.md')}")
  return 0


if __name__ == "__main__":
  sys.exit(main(sys.argv[1:]))
