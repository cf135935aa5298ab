#!/usr/bin/python3
"""Turns a stance snapshot (src/sources/aws/SNAPSHOT.md) into a state for server.py, so that a live scan of
the test endpoint reads what the snapshot recorded: the rules' live examples (src/rules/*/examples/live/)
then run against the endpoint as well as offline (tests/aws/live/snapshot_replay_test.cpp).

    /usr/bin/python3 -I state_from_snapshot.py SNAPSHOT.json > STATE.json

What it makes:
- one caller, key AKIDSNAPSHOTREPLAY / secret `snapshot-replay-secret`, of account 010101010101 (an account
  no snapshot uses), which may assume the role `Replay` in every account of the snapshot: scan them with
  `--accounts A,B --role-arn arn:aws:iam::{account}:role/Replay`;
- each account with the regions it was read in and the trails it owns, from the recorded DescribeTrails entry,
  GetEventSelectors answer (returned exactly as recorded) and GetTrailStatus answer, whose times become
  relative to the call ("now-301s" for a delivery 301 s before the recorded call), so that "within the last
  24 hours" is judged the same whenever the replay runs;
- a trail seen from another account than its owner is an organization trail: its owner becomes the
  organization's management account, the accounts that saw it its members (one owner per snapshot, as the
  endpoint models one organization);
- a recorded failure becomes a fault aimed at that account, trail and operation: AccessDenied -> access_denied,
  Throttling -> throttle, a body that was not JSON -> truncate, other codes -> server_error; a DescribeTrails
  failure is always access_denied (see below). An account's problem in a region becomes a ListTrails fault
  there (the call the reader lists a region with); sts:AssumeRole and ec2:DescribeRegions problems stay
  theirs. The error's text is the endpoint's, not the recorded one.

A snapshot this cannot replay (a call that was never made, an unknown operation, two organizations) is refused
with exit status 1 and the reason on stderr, never half converted.
"""
import datetime
import json
import re
import sys

CALLER_ACCOUNT = "010101010101"
CALLER_KEY = "AKIDSNAPSHOTREPLAY"
CALLER_SECRET = "snapshot-replay-secret"
ROLE = "Replay"
OPERATIONS = ("DescribeTrails", "GetEventSelectors", "GetTrailStatus")
TIME_FIELDS = ("LatestDeliveryTime", "LatestNotificationTime", "StartLoggingTime", "StopLoggingTime",
               "LatestCloudWatchLogsDeliveryTime", "LatestDigestDeliveryTime")
# DescribeTrails fields the endpoint fills in when the state leaves them out; a recorded entry without one is
# replayed without it (null in the state).
DEFAULTED_FIELDS = ("IncludeGlobalServiceEvents", "IsMultiRegionTrail", "LogFileValidationEnabled",
                    "HasCustomEventSelectors", "HasInsightSelectors", "IsOrganizationTrail")
TRAIL_ARN_RE = re.compile(r"^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):trail/(.+)$")


class Refused(Exception):
    pass


def epoch(iso):
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def fault_kind(error):
    code = error.get("code", "")
    if "AccessDenied" in code:
        return "access_denied"
    if "Throttl" in code or code == "TooManyRequestsException":
        return "throttle"
    return "server_error"


def relative_status(response, called_at):
    status = dict(response)
    for field in TIME_FIELDS:
        value = status.get(field)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            before = int(round(called_at - value))
            status[field] = "now-%ds" % before if before >= 0 else "now+%ds" % -before
    return status


def convert(snapshot):
    if snapshot.get("stance_snapshot") != 1:
        raise Refused("not a stance snapshot of version 1")
    if snapshot.get("problems"):
        raise Refused("the collection failed before reading any account (top-level problems)")
    state = {"credentials": {CALLER_KEY: {"secret": CALLER_SECRET, "account": CALLER_ACCOUNT,
                                          "arn": "arn:aws:iam::%s:user/replay" % CALLER_ACCOUNT}},
             "accounts": {}, "faults": []}
    accounts = state["accounts"]
    owners, members, placed = set(), set(), {}

    def account(account_id, regions=None):
        entry = accounts.setdefault(account_id, {"roles": {ROLE: {"external_id": None}}, "trails": []})
        if regions is not None:
            entry["regions"] = list(regions)
        return entry

    for read in snapshot.get("accounts", []):
        scanned = read["account_id"]
        account(scanned, read.get("regions"))
        for problem in read.get("problems", []):
            service, _, operation = problem["call"].partition(":")
            if service == "cloudtrail" and problem.get("region"):
                operation = "ListTrails"  # what the reader lists a region's trails with
            elif problem["call"] not in ("sts:AssumeRole", "ec2:DescribeRegions"):
                raise Refused("account %s: cannot replay the problem of %s" % (scanned, problem["call"]))
            fault = {"operation": operation, "kind": fault_kind(problem.get("error", {})),
                     "account": problem.get("account_id") or scanned}
            if problem.get("region"):
                fault["region"] = problem["region"]
            state["faults"].append(fault)
        for trail in read.get("trails", []):
            arn = trail["arn"]
            match = TRAIL_ARN_RE.match(arn)
            if not match:
                raise Refused("%s is not a trail ARN" % arn)
            home, owner, name = match.groups()
            calls = {c["operation"]: c for c in trail.get("calls", [])}
            missing = [op for op in OPERATIONS if op not in calls]
            if missing or len(calls) != len(trail.get("calls", [])):
                raise Refused("%s: the live reader always calls each of %s once (recorded: %s)" % (
                    arn, ", ".join(OPERATIONS), [c["operation"] for c in trail.get("calls", [])]))
            shared = owner != trail.get("seen_from_account", owner)
            if shared:
                owners.add(owner)
                members.add(trail["seen_from_account"])
            for op, call in calls.items():
                if "error" in call or "response_text" in call:
                    kind = "truncate" if "response_text" in call else fault_kind(call["error"])
                    if op == "DescribeTrails":
                        # The reader describes a region's trails in one call and asks for each trail alone
                        # only when that call is refused; a throttled or truncated batch would fail its other
                        # trails too, which the recorded failure of this one trail did not. AccessDenied
                        # fails this trail alone, with another error text (the replay compares statuses).
                        kind = "access_denied"
                    state["faults"].append({"operation": op, "kind": kind, "trail": arn,
                                            "account": trail.get("seen_from_account", owner)})
            if arn in placed:
                continue  # an organization trail seen from several accounts is one trail of its owner
            described = {"Name": name, "HomeRegion": home}
            body = calls["DescribeTrails"].get("response") or {}
            for entry in body.get("trailList", []):
                if entry.get("TrailARN") == arn:
                    described.update({k: v for k, v in entry.items() if k not in ("TrailARN", "Name", "HomeRegion")})
                    described.update({k: None for k in DEFAULTED_FIELDS if k not in entry})
            if shared:
                described["IsOrganizationTrail"] = True
            selectors = calls["GetEventSelectors"].get("response") or {}
            if "AdvancedEventSelectors" in selectors:
                described["AdvancedEventSelectors"] = selectors["AdvancedEventSelectors"]
            else:
                described["EventSelectors"] = selectors.get("EventSelectors", [])
                described["raw_selectors"] = True
            status_call = calls["GetTrailStatus"]
            if isinstance(status_call.get("response"), dict):
                described["Status"] = relative_status(status_call["response"], epoch(status_call["time"]))
                described["Status"].setdefault("IsLogging", None)  # recorded without it: answer without it
            account(owner)["trails"].append(described)
            placed[arn] = described
    if len(owners) > 1:
        raise Refused("organization trails of several owners (%s): the endpoint models one organization" %
                      ", ".join(sorted(owners)))
    if owners:
        owner = owners.pop()
        state["organization"] = {"management_account": owner,
                                 "accounts": [{"Id": a} for a in [owner] + sorted(members - {owner})]}
    return state


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: state_from_snapshot.py SNAPSHOT.json\n")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            state = convert(json.load(f))
    except (OSError, ValueError, KeyError, TypeError, Refused) as error:
        sys.stderr.write("state_from_snapshot: %s: %s\n" % (sys.argv[1], error))
        return 1
    json.dump(state, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
