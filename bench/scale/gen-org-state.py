#!/usr/bin/python3
"""Writes a fake_aws state (tests/aws/fake_aws/README.md) of an organization for the history scale test:
N member accounts (default 1000) with 3 trails each in us-east-1, a role `Audit` in every account, and the
management account allowed to list them. One trail in ten records ReadOnly management events (fails CT-010).

    /usr/bin/python3 bench/scale/gen-org-state.py --out STATE.json [--accounts 1000] [--failing-every 10]

Deterministic; standard library only.
"""
import argparse
import json

MANAGEMENT = "100000000000"
ACCESS_KEY = "AKIDBENCHSCALE0001"
SECRET = "bench-scale-secret-0001"  # a test key of the local fake endpoint, not a real credential


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--accounts", type=int, default=1000)
    p.add_argument("--failing-every", type=int, default=10)
    a = p.parse_args()
    accounts = {}
    listed = []
    failing = 0
    for i in range(a.accounts):
        account = f"{200000000000 + i:012d}"
        trails = []
        for t in range(3):
            n = i * 3 + t
            trail = {"Name": f"trail-{t}", "HomeRegion": "us-east-1", "S3BucketName": f"logs-{account}"}
            if a.failing_every and n % a.failing_every == 0:
                trail["EventSelectors"] = [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True}]
                failing += 1
            trails.append(trail)
        accounts[account] = {"regions": ["us-east-1"], "roles": {"Audit": {"external_id": None}}, "trails": trails}
        listed.append({"Id": account, "Name": f"member-{i}", "Email": f"m{i}@example.com"})
    accounts[MANAGEMENT] = {"regions": ["us-east-1"], "roles": {"Audit": {"external_id": None}}, "trails": []}
    state = {
        "_comment": f"{a.accounts} accounts x 3 trails, {failing} failing CT-010",
        "credentials": {ACCESS_KEY: {"secret": SECRET, "account": MANAGEMENT,
                                     "arn": f"arn:aws:iam::{MANAGEMENT}:user/auditor"}},
        "accounts": accounts,
        "organization": {"management_account": MANAGEMENT, "accounts": listed},
        "page_size": {"ListAccounts": 20},
    }
    with open(a.out, "w") as f:
        json.dump(state, f, indent=None, separators=(",", ":"))
    print(json.dumps({"accounts": a.accounts, "trails": 3 * a.accounts, "failing": failing}))


if __name__ == "__main__":
    main()
