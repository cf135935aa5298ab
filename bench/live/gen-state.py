#!/usr/bin/python3
"""Writes a fake_aws state (tests/aws/fake_aws/README.md) for the live-audit benchmark: one account, N trails
homed over the 17 default regions, a realistic mix of multi-region trails, basic, advanced and default
selectors, and a few trails that fail CT-010 or are not logging.

    /usr/bin/python3 bench/live/gen-state.py --out STATE.json [--trails 200] [--seed 1] [--page-size 50]
                                             [--latency-ms 50] [--expect EXPECT.json]

Deterministic: the same arguments give a byte-identical file. Standard library only.

Every trail carries `_case` (which selector shape it got) and `_expect` (its CT-010 verdict with default
settings, ../shared/DESIGN.md section 2); fake_aws ignores keys starting with `_`. `--expect` writes
{"trails": N, "pass": n, "fail": n, "by_case": {...}, "multi_region": n, "not_logging": n,
"listed_per_region": {...}} so run.sh can check that stance judged what was generated.
"""
import argparse
import json
import random
import sys

ACCOUNT = "123456789012"
ACCESS_KEY = "AKIDBENCHLIVE00001"
SECRET = "bench-live-secret-0001"  # a test key of the local fake endpoint, not a real credential

# fake_aws's default enabled regions (server.py DEFAULT_REGIONS), in its order.
REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1",
    "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1",
]
# Where trails live: AWS allows only 5 trails per region and account, so 200 trails in one account is already
# more than a real account can hold; spread them fairly evenly, somewhat more in the main US and EU regions.
REGION_WEIGHTS = {"us-east-1": 6, "eu-west-1": 4, "us-west-2": 4}

S3_DATA = [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]
LAMBDA_DATA = [{"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]}]


def adv(*fields, name=None):
    selector = {"FieldSelectors": [dict(f) for f in fields]}
    if name:
        selector = {"Name": name, **selector}
    return selector


MGMT = {"Field": "eventCategory", "Equals": ["Management"]}
DATA = {"Field": "eventCategory", "Equals": ["Data"]}
S3_OBJECT = {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}

# (case, weight, verdict, selectors): selectors is a dict of the trail's EventSelectors/AdvancedEventSelectors
# (empty: AWS's default selector). Weights are relative; about 10% of the trails fail.
CASES = [
    ("default-selector", 18, "pass", {}),
    ("basic-all", 22, "pass", {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": True}]}),
    ("basic-all-plus-s3-data", 9, "pass", {"EventSelectors": [
        {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": S3_DATA}]}),
    ("basic-excludes-kms", 5, "pass", {"EventSelectors": [
        {"ReadWriteType": "All", "IncludeManagementEvents": True,
         "ExcludeManagementEventSources": ["kms.amazonaws.com"]}]}),
    ("basic-read-plus-write", 3, "pass", {"EventSelectors": [
        {"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True},
        {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True, "DataResources": LAMBDA_DATA}]}),
    ("advanced-management", 14, "pass", {"AdvancedEventSelectors": [
        adv(MGMT, name="Management events")]}),
    ("advanced-management-plus-s3-data", 8, "pass", {"AdvancedEventSelectors": [
        adv(MGMT, name="Management events"), adv(DATA, S3_OBJECT, name="S3 data events")]}),
    ("advanced-excludes-rdsdata", 4, "pass", {"AdvancedEventSelectors": [
        adv(MGMT, {"Field": "eventSource", "NotEquals": ["rdsdata.amazonaws.com"]})]}),
    ("basic-read-only", 2, "fail", {"EventSelectors": [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True}]}),
    ("basic-write-only", 2, "fail", {"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}]}),
    ("basic-data-only", 2, "fail", {"EventSelectors": [
        {"ReadWriteType": "All", "IncludeManagementEvents": False, "DataResources": S3_DATA}]}),
    ("advanced-read-only", 1, "fail", {"AdvancedEventSelectors": [
        adv(MGMT, {"Field": "readOnly", "Equals": ["true"]})]}),
    ("advanced-data-only", 2, "fail", {"AdvancedEventSelectors": [adv(DATA, S3_OBJECT, name="S3 only")]}),
]
TEAMS = ["payments", "identity", "platform", "data", "search", "mobile", "ledger", "growth", "infra", "ml"]


def home_regions(rng, count):
    """`count` home regions, us-east-1 first: every region gets at least one trail, the rest by weight."""
    homes = list(REGIONS) if count >= len(REGIONS) else rng.sample(REGIONS, count)
    weights = [REGION_WEIGHTS.get(r, 3) for r in REGIONS]
    homes += rng.choices(REGIONS, weights=weights, k=count - len(homes))
    order = {r: i for i, r in enumerate(REGIONS)}
    return sorted(homes, key=lambda r: order[r])


def make_trail(rng, index, home, case_row):
    case, _, verdict, selectors = case_row
    team = TEAMS[index % len(TEAMS)]
    name = "%s-%s-%03d" % (team, case.split("-")[0], index)
    trail = {"Name": name, "HomeRegion": home, "S3BucketName": "cloudtrail-logs-%s-%s" % (ACCOUNT, team)}
    if rng.random() < 0.4:
        trail["S3KeyPrefix"] = team
    if rng.random() < 0.5:
        trail["LogFileValidationEnabled"] = True
    if rng.random() < 0.3:
        trail["KmsKeyId"] = "arn:aws:kms:%s:%s:key/%08x-0000-4000-8000-%012x" % (home, ACCOUNT, index, index)
    if rng.random() < 0.25:
        trail["CloudWatchLogsLogGroupArn"] = "arn:aws:logs:%s:%s:log-group:cloudtrail-%s:*" % (home, ACCOUNT, name)
        trail["CloudWatchLogsRoleArn"] = "arn:aws:iam::%s:role/CloudTrailToCloudWatch" % ACCOUNT
    trail.update(json.loads(json.dumps(selectors)))  # a copy: the rows are shared
    status = {"IsLogging": True, "LatestDeliveryTime": "2026-11-27T09:%02d:00Z" % (index % 60)}
    if rng.random() < 0.03:
        status = {"IsLogging": False, "StopLoggingTime": "2026-10-01T12:00:00Z"}
    trail["Status"] = status
    trail["_case"] = case
    trail["_expect"] = verdict
    return trail


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--trails", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--multi-region", type=int, default=24, help="how many trails are multi-region")
    parser.add_argument("--page-size", type=int, default=50, help="ListTrails page size (fake_aws default)")
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--expect", help="also write the expected verdict counts here")
    args = parser.parse_args()
    if args.trails < 1 or not 0 <= args.multi_region <= args.trails:
        parser.error("need --trails >= 1 and 0 <= --multi-region <= --trails")

    rng = random.Random(args.seed)
    homes = home_regions(rng, args.trails)
    cases = rng.choices(CASES, weights=[row[1] for row in CASES], k=args.trails)
    # Every case at least once, so a benchmark run also checks every verdict path.
    for i, row in enumerate(CASES[:args.trails]):
        cases[(i * 7919) % args.trails] = row
    trails = [make_trail(rng, i, homes[i], cases[i]) for i in range(args.trails)]
    # Multi-region trails: mostly the organisation-wide ones in the main regions, but any trail may be.
    for i in sorted(rng.sample(range(args.trails), args.multi_region)):
        trails[i]["IsMultiRegionTrail"] = True

    state = {
        "_comment": "Generated by bench/live/gen-state.py --trails %d --seed %d --multi-region %d: the "
                    "live-audit benchmark's account. _case/_expect per trail: the CT-010 case and verdict."
                    % (args.trails, args.seed, args.multi_region),
        "credentials": {ACCESS_KEY: {"secret": SECRET, "account": ACCOUNT,
                                     "arn": "arn:aws:iam::%s:user/auditor" % ACCOUNT}},
        "accounts": {ACCOUNT: {"regions": REGIONS, "trails": trails}},
        "page_size": {"ListTrails": args.page_size},
        "latency_ms": args.latency_ms,
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(state, handle, indent=1, sort_keys=False)
        handle.write("\n")

    multi = sum(1 for t in trails if t.get("IsMultiRegionTrail"))
    listed = {r: sum(1 for t in trails if t["HomeRegion"] == r or t.get("IsMultiRegionTrail")) for r in REGIONS}
    expect = {
        "trails": len(trails),
        "pass": sum(1 for t in trails if t["_expect"] == "pass"),
        "fail": sum(1 for t in trails if t["_expect"] == "fail"),
        "by_case": {row[0]: sum(1 for t in trails if t["_case"] == row[0]) for row in CASES},
        "multi_region": multi,
        "not_logging": sum(1 for t in trails if not t["Status"]["IsLogging"]),
        "homed_per_region": {r: sum(1 for t in trails if t["HomeRegion"] == r) for r in REGIONS},
        "listed_per_region": listed,
        "list_trails_pages": sum(max(1, -(-n // args.page_size)) for n in listed.values()),
    }
    if args.expect:
        with open(args.expect, "w", encoding="utf-8") as handle:
            json.dump(expect, handle, indent=1)
            handle.write("\n")
    print("gen-state: %d trails (%d pass, %d fail, %d multi-region, %d not logging) over %d regions -> %s"
          % (len(trails), expect["pass"], expect["fail"], multi, expect["not_logging"], len(REGIONS), args.out),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
