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

- the trails' buckets and keys (issue 14), when recorded: each bucket owned by the account that read it (one
  that no scanned account could read, AccessDenied, by account 000000000000, which no snapshot uses), with
  its region, policy, policy status, grants, block, versioning, logging and Object Lock as recorded; S3's
  "none" errors leave the setting out; other failures become faults aimed at the bucket. Keys likewise,
  from DescribeKey and GetKeyRotationStatus; the account-level block from account_public_access_block.

A snapshot this cannot replay (a call that was never made, an unknown operation, two organizations) is refused
with exit status 1 and the reason on stderr, never half converted.
"""
import datetime
import json
import re
import sys
from xml.etree import ElementTree

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


UNREADABLE_OWNER = "000000000000"
NONE_ERRORS = ("NoSuchBucketPolicy", "NoSuchPublicAccessBlockConfiguration", "ObjectLockConfigurationNotFoundError")
BUCKET_FIELDS = {"GetBucketVersioning": ("versioning", ("Status", "MfaDelete")),
                 "GetBucketLogging": ("logging", ("TargetBucket", "TargetPrefix"))}
PAB_FIELDS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")


def xml_root(call):
    try:
        return ElementTree.fromstring(call.get("response_text", ""))
    except ElementTree.ParseError:
        raise Refused("%s: the recorded body is not XML" % call["operation"]) from None


def local(element):
    return element.tag.split("}")[-1]


def xml_dict(element):
    """An element's children as a dict: text for leaves, nested dicts otherwise."""
    out = {}
    for child in element:
        out[local(child)] = xml_dict(child) if len(child) else (child.text or "")
    return out


def public_access_block(call):
    values = xml_dict(xml_root(call))
    return {f: values.get(f) == "true" for f in PAB_FIELDS}


def bucket_state(bucket, faults):
    """(owner, state entry) of one recorded bucket."""
    calls = {c["operation"]: c for c in bucket.get("calls", [])}
    location = calls.get("GetBucketLocation", {})
    refused = "AccessDenied" in location.get("error", {}).get("code", "")
    owner = UNREADABLE_OWNER if refused or not bucket.get("read_by_account") else bucket["read_by_account"]
    entry = {"owner": owner, "region": bucket.get("region") or "us-east-1"}
    for op, call in calls.items():
        error = call.get("error")
        if error:
            if error.get("code") in NONE_ERRORS or (op == "GetBucketLocation" and refused):
                continue
            if op == "GetBucketPolicyStatus" and error.get("code") == "NotImplemented":
                entry["policy_status"] = "unsupported"
                continue
            faults.append({"operation": op, "kind": fault_kind(error), "resource": bucket["name"]})
            continue
        if op == "GetBucketPolicy":
            entry["policy"] = call["response"] if "response" in call else call.get("response_text", "")
        elif op == "GetBucketPolicyStatus":
            entry["policy_status"] = xml_dict(xml_root(call)).get("IsPublic") == "true"
        elif op == "GetBucketAcl":
            root = xml_root(call)
            owner_id = xml_dict(root).get("Owner", {}).get("ID")
            grants = []
            for grant in root.iter():
                if local(grant) != "Grant":
                    continue
                fields = {local(c): c for c in grant}
                grantee = xml_dict(fields["Grantee"]) if "Grantee" in fields else {}
                who = grantee.get("URI") or grantee.get("ID") or ""
                permission = fields["Permission"].text if "Permission" in fields else ""
                if who == owner_id and permission == "FULL_CONTROL":
                    continue  # the endpoint adds the owner's own grant
                grants.append({"grantee": who, "permission": permission})
            entry["acl"] = grants
        elif op == "GetPublicAccessBlock":
            entry["public_access_block"] = public_access_block(call)
        elif op in BUCKET_FIELDS:
            name, fields = BUCKET_FIELDS[op]
            values = xml_dict(xml_root(call))
            values = values.get("LoggingEnabled", {}) if op == "GetBucketLogging" else values
            if values:
                entry[name] = {f: values[f] for f in fields if f in values}
        elif op == "GetObjectLockConfiguration":
            entry["object_lock"] = xml_dict(xml_root(call))
    return entry


def key_state(key, faults):
    """(key ID, state entry) of one recorded key, or None when DescribeKey did not answer."""
    calls = {c["operation"]: c for c in key.get("calls", [])}
    for op, call in calls.items():
        if call.get("error"):
            faults.append({"operation": op, "kind": fault_kind(call["error"]), "resource": key["key_id"]})
    meta = (calls.get("DescribeKey", {}).get("response") or {}).get("KeyMetadata")
    if not meta:
        return None, None
    match = re.match(r"^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key/(.+)$", meta.get("Arn", ""))
    if not match:
        raise Refused("key %s: DescribeKey's Arn is not a key ARN" % key["key_id"])
    entry = {"owner": match.group(2), "region": match.group(1), "manager": meta.get("KeyManager", "CUSTOMER")}
    alias = re.match(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(alias/.+)$", key["key_id"])
    if alias:
        entry["aliases"] = [alias.group(1)]
    rotation = calls.get("GetKeyRotationStatus", {}).get("response")
    if isinstance(rotation, dict):
        entry["rotation"] = bool(rotation.get("KeyRotationEnabled"))
    return match.group(3), entry


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
        for bucket in read.get("buckets", []):
            state.setdefault("buckets", {})[bucket["name"]] = bucket_state(bucket, state["faults"])
        for key in read.get("keys", []):
            key_id, entry = key_state(key, state["faults"])
            if key_id:
                known = state.setdefault("keys", {}).setdefault(key_id, entry)
                known.setdefault("aliases", [])
                known["aliases"] = sorted(set(known["aliases"]) | set(entry.get("aliases", [])))
        block = read.get("account_public_access_block")
        if block and not block.get("error"):
            accounts[scanned]["public_access_block"] = public_access_block(block)
        elif block and block["error"].get("code") not in NONE_ERRORS:
            state["faults"].append({"operation": "GetPublicAccessBlock", "kind": fault_kind(block["error"]),
                                    "account": scanned})
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
