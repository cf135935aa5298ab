#!/usr/bin/python3
"""Helpers of bench/live/run.sh (standard library only; run with /usr/bin/python3):

    livebench.py reset URL                       empty fake_aws's call log
    livebench.py calls URL OUT.json              save the call log
    livebench.py check [--allow-errors] STATE.json REPORT.json
                                                 stance's verdicts against the state's `_expect`; exit 1 if any
                                                 differs (with --allow-errors, `error` verdicts and read errors
                                                 are counted but allowed: a throttled scan)
    livebench.py cli-trails OUT.tsv FILE...      `aws cloudtrail describe-trails` outputs -> unique "ARN<TAB>home" lines
    livebench.py summarize OUT_DIR               the table (stdout and OUT_DIR/results.md) from raw.csv and meta.json
"""
import csv
import json
import os
import statistics
import sys
import urllib.request


def http(url, method="GET", body=None):
    request = urllib.request.Request(url, data=body, method=method)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.read()


def cmd_reset(url):
    http(url + "/__stance/reset_calls", "POST", b"")


def cmd_calls(url, out):
    with open(out, "wb") as handle:
        handle.write(http(url + "/__stance/calls"))


def cmd_check(state_file, report_file, allow_errors=False):
    with open(state_file, encoding="utf-8") as handle:
        state = json.load(handle)
    with open(report_file, encoding="utf-8") as handle:
        report = json.load(handle)
    expected = {}
    for account, data in state["accounts"].items():
        for t in data["trails"]:
            expected["arn:aws:cloudtrail:%s:%s:trail/%s" % (t["HomeRegion"], account, t["Name"])] = t["_expect"]
    got = {f["resource"]["id"]: f["status"] for f in report["findings"] if f["rule_id"] == "CT-010"}
    problems = ["%s: expected %s, stance says %s" % (arn, want, got.get(arn, "nothing"))
                for arn, want in sorted(expected.items())
                if got.get(arn) != want and not (allow_errors and got.get(arn) == "error")]
    problems += ["%s: not in the state, stance says %s" % (arn, s) for arn, s in sorted(got.items()) if arn not in expected]
    if not allow_errors:
        problems += ["error: %s" % json.dumps(e) for e in report.get("errors", [])]
    for p in problems[:20]:
        print("check: " + p, file=sys.stderr)
    counts = {s: sum(1 for v in got.values() if v == s) for s in ("pass", "fail", "unknown", "error")}
    print("check: %d trails judged (%s); %d problem(s)"
          % (len(got), ", ".join("%s %d" % kv for kv in counts.items()), len(problems)), file=sys.stderr)
    return 1 if problems else 0


def cmd_cli_trails(out, files):
    trails = {}
    for name in files:
        with open(name, encoding="utf-8") as handle:
            for t in json.load(handle)["trailList"]:
                trails[t["TrailARN"]] = t["HomeRegion"]  # a multi-region trail shows up in every region: once
    with open(out, "w", encoding="utf-8") as handle:
        for arn in sorted(trails):
            handle.write("%s\t%s\n" % (arn, trails[arn]))


def peak_region_rate(calls, window=1.0):
    """The most CloudTrail calls one region answered within any `window` seconds (fake_aws `t` stamps, serve.py).
    With window = the server's latency it estimates the most calls in flight at one region at once: each call
    is answered one latency after it arrived."""
    by_region = {}
    for c in calls:
        if "t" in c and c.get("service") == "cloudtrail":
            by_region.setdefault(c["region"], []).append(c["t"])
    best = 0
    for stamps in by_region.values():
        stamps.sort()
        j = 0
        for i, t in enumerate(stamps):
            while stamps[j] <= t - window:
                j += 1
            best = max(best, i - j + 1)
    return best


def fmt_s(x):
    return "%.2f" % x if x < 100 else "%.0f" % x


def cmd_summarize(out_dir):
    with open(os.path.join(out_dir, "meta.json"), encoding="utf-8") as handle:
        meta = json.load(handle)
    rows = list(csv.DictReader(open(os.path.join(out_dir, "raw.csv"), encoding="utf-8")))
    latency = meta["latency_ms"] / 1000.0
    regions = meta["regions"]

    table = []  # name, wall median, min, max, api calls text, rss MiB, peak rate, read_s median, note
    mismatches = []
    stance_rows = {}
    for mr in meta["max_requests"]:
        runs = [r for r in rows if r["tool"] == "stance" and r["max_requests"] == str(mr)]
        if not runs:
            continue
        walls = [float(r["wall_s"]) for r in runs]
        reads = [float(r["read_s"]) for r in runs]
        own = sorted({r["stance_calls"] for r in runs})
        logged = sorted({r["server_calls"] for r in runs})
        for r in runs:
            if r["stance_calls"] != r["server_calls"]:
                mismatches.append("stance --max-requests %s run %s: -v says %s calls, the server logged %s"
                                  % (mr, r["rep"], r["stance_calls"], r["server_calls"]))
        rates, in_flight, throttled, errors = [], [], [], []
        for r in runs:
            with open(r["calls_file"], encoding="utf-8") as handle:
                calls = json.load(handle)
            rates.append(peak_region_rate(calls))
            in_flight.append(peak_region_rate(calls, latency))
            throttled.append(sum(1 for c in calls if c.get("error") == "ThrottlingException"))
            report = r["calls_file"].replace(".calls.json", ".json")
            try:
                with open(report, encoding="utf-8") as handle:
                    errors.append(json.load(handle)["summary"]["error"])
            except (OSError, ValueError, KeyError):
                errors.append(-1)
        stance_rows[mr] = {"wall": statistics.median(walls), "read": statistics.median(reads)}
        label = "stance --max-requests %d%s" % (mr, " (default)" if mr == meta["default_max_requests"] else "")
        table.append([label, statistics.median(walls), min(walls), max(walls),
                      "%s / %s" % ("|".join(own), "|".join(logged)),
                      max(int(r["rss_kib"]) for r in runs) / 1024.0, max(rates),
                      statistics.median(float(r["cpu_s"]) for r in runs), max(in_flight),
                      "%d / %d" % (statistics.median(throttled), max(errors)),
                      statistics.median(reads), ",".join(sorted({r["rc"] for r in runs})), len(runs)])

    cli = meta.get("cli")
    if cli:
        cli_wall = cli["list_s"] + cli["selectors_s_total"]
        table.append(["aws CLI loop" + (" (extrapolated from %d of %d trails)" % (cli["timed_trails"], cli["trails"])
                                        if cli["timed_trails"] < cli["trails"] else ""),
                      cli_wall, cli_wall, cli_wall,
                      "%d / %d%s" % (cli["calls_full"], cli["server_calls_full"],
                                     " (est.)" if cli["timed_trails"] < cli["trails"] else ""),
                      cli["rss_kib_max"] / 1024.0, cli["peak_region_rate"], cli["cpu_s"], 1, "%d / -" % cli.get("throttled", 0), None,
                      cli["rc"], 1])

    lines = []
    lines.append("# Live audit: stance scan --aws against the AWS CLI loop")
    lines.append("")
    tps = meta.get("cloudtrail_tps") or 0
    lines.append("%s; %d trails (%d multi-region) over %d regions in one account; fake_aws at %d ms per call%s%s; "
                 "ListTrails page %d; %d timed runs per stance row; load average at start %s."
                 % (meta["date"], meta["trails"], meta["multi_region"], regions, meta["latency_ms"],
                    "" if meta["nodelay"] else " (server as is: + Nagle/delayed-ACK stalls)",
                    ", throttling CloudTrail at %g calls/s per region (burst %g)" % (tps, meta.get("cloudtrail_burst") or tps)
                    if tps else ", no throttling", meta["page_size"], meta["reps"], meta["load_start"]))
    lines.append("stance: %s. AWS CLI: %s." % (meta["stance_version"], meta.get("aws_version", "not run")))
    lines.append("")
    lines.append("| run | wall s (median) | min-max | API calls (stance -v / server log) | peak RSS MiB "
                 "| CPU s | peak calls/s to one region | in flight at one region | throttled / trails in error "
                 "| speed-up vs CLI loop |")
    lines.append("|---|---:|---:|---|---:|---:|---:|---:|---|---:|")
    cli_wall = table[-1][1] if cli else None
    for row in table:
        speed = "%.0fx" % (cli_wall / row[1]) if cli_wall and row[1] > 0 else "-"
        if cli and row is table[-1]:
            speed = "1x"
        lines.append("| %s | %s | %s-%s | %s | %.1f | %s | %d | %d | %s | %s |"
                     % (row[0], fmt_s(row[1]), fmt_s(row[2]), fmt_s(row[3]), row[4], row[5], fmt_s(row[7]),
                        row[6], row[8], row[9], speed))
    lines.append("")
    if cli:
        lines.append("CLI loop: %d x `aws ec2 describe-regions` + %d x `aws cloudtrail describe-trails` (one per "
                     "region, %.1f s) + %d x `aws cloudtrail get-event-selectors` (one process per trail, %.1f s%s; "
                     "%.2f s per process). Server-logged calls: %d listing + %d timed selector calls."
                     % (1, regions, cli["list_s"], cli["trails"], cli["selectors_s_total"],
                        ", extrapolated from %.1f s for %d trails" % (cli["selectors_s_timed"], cli["timed_trails"])
                        if cli["timed_trails"] < cli["trails"] else "",
                        cli["selectors_s_timed"] / max(1, cli["timed_trails"]),
                        cli["server_calls_list"], cli["server_calls_selectors"]))
        lines.append("")

    lines.append("## Targets (issue 3, item 10)")
    lines.append("")
    default = stance_rows.get(meta["default_max_requests"])
    if default and cli:
        ratio = cli_wall / default["wall"]
        lines.append("- At least 20x faster than the CLI loop: %.0fx (stance, default --max-requests %d, %s s "
                     "against %s s): %s."
                     % (ratio, meta["default_max_requests"], fmt_s(default["wall"]), fmt_s(cli_wall),
                        "MET" if ratio >= 20 else "NOT MET"))
    if default:
        strict = 10 * latency
        lenient = 10 * regions * latency
        lines.append("- Within 10x the latency of a single call per region. One call in each of the %d regions, "
                     "all at once (which is how stance reads regions), costs one call's latency, %d ms; 10x that is "
                     "%.2f s. stance read the account in %s s (median of its own -v timing; whole process %s s): %s "
                     "(%.1fx the latency of one call)."
                     % (regions, meta["latency_ms"], strict, fmt_s(default["read"]), fmt_s(default["wall"]),
                        "MET" if default["wall"] <= strict else "NOT MET", default["wall"] / latency))
        lines.append("  Read as one call per region one after the other (%d x %d ms = %.2f s, the listing step of the "
                     "article's procedure without process start-up), 10x is %.1f s: %s."
                     % (regions, meta["latency_ms"], regions * latency, lenient,
                        "MET" if default["wall"] <= lenient else "NOT MET"))
        for mr, r in sorted(stance_rows.items()):
            if mr != meta["default_max_requests"]:
                lines.append("  With --max-requests %d: %s s whole process (%.1fx one call's latency)."
                             % (mr, fmt_s(r["wall"]), r["wall"] / latency))
    lines.append("")
    lines.append("Politeness: CloudTrail's documented quota for its get, describe and list APIs is 10 calls per "
                 "second per account and region. Peak calls/s to one region = most calls one region answered in "
                 "any 1 s; in flight at one region = most answered within one latency (%d ms), an estimate of the "
                 "calls that were waiting on that region at once." % meta["latency_ms"])
    lines.append("")
    if mismatches:
        lines.append("**API-call counts disagree:**")
        lines.extend("- " + m for m in mismatches)
    else:
        lines.append("stance's `-v` API-call count equals the server's call log in every run.")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(out_dir, "results.md"), "w", encoding="utf-8") as handle:
        handle.write(text)
    return 1 if mismatches else 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    verb, args = argv[1], argv[2:]
    if verb == "reset" and len(args) == 1:
        return cmd_reset(args[0]) or 0
    if verb == "calls" and len(args) == 2:
        return cmd_calls(*args) or 0
    if verb == "check" and len(args) == 3 and args[0] == "--allow-errors":
        return cmd_check(args[1], args[2], allow_errors=True)
    if verb == "check" and len(args) == 2:
        return cmd_check(*args)
    if verb == "cli-trails" and len(args) >= 2:
        return cmd_cli_trails(args[0], args[1:]) or 0
    if verb == "peak-rate" and len(args) == 1:
        with open(args[0], encoding="utf-8") as handle:
            print(peak_region_rate(json.load(handle)))
        return 0
    if verb == "count" and len(args) == 1:
        with open(args[0], encoding="utf-8") as handle:
            print(len(json.load(handle)))
        return 0
    if verb == "summarize" and len(args) == 1:
        return cmd_summarize(args[0])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
