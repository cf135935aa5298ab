// Reads one account's trails from the live AWS APIs, the way the CT-010 article's CLI steps do but for
// every region at once and with the fewest calls:
//   1. ec2:DescribeRegions (enabled regions) unless regions were given;
//   2. cloudtrail:ListTrails in every region, concurrently, every page; deduplicated by ARN, so a
//      multi-region trail's shadow copies and an organization trail seen from every region are one trail;
//   3. in each trail's home region: DescribeTrails by ARN (one call for up to 20 trails of that region),
//      GetEventSelectors and GetTrailStatus by ARN — always GetEventSelectors, as HasCustomEventSelectors is
//      only a hint.
// A failed call is recorded with the trail (the adapter then makes it `error`) or as an account problem;
// it never stops the rest.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "sources/aws/raw_trail.hpp"

namespace stance::sources::aws {

struct ReadOptions {
  std::vector<std::string> regions;  // empty: every enabled region (DescribeRegions)
  std::string default_region = "us-east-1";  // where DescribeRegions is called
  int workers = 16;  // threads per phase; the HTTP limiter bounds the requests actually in flight
  // CloudTrail's read APIs allow 10 calls per second per account and region (a quota that cannot be raised):
  // calls to one region are paced to this rate (with a burst of as many), so a large account is read without
  // being throttled into errors. 0 = no pacing.
  double calls_per_second_per_region = 10;
  std::function<void(const std::string& what)> progress;  // "eu-west-1: 3 trails", from worker threads
  // Read the trails' buckets and KMS keys too (bucket_reader.hpp): set when a selected rule needs them.
  bool read_buckets = false;
  bool read_keys = false;
};

RawAccount read_account(stance::aws::AwsClient& client, const std::string& account_id, const ReadOptions& options);

struct CallerIdentity {
  std::string account;
  std::string arn;
  std::optional<ApiError> error;
};
CallerIdentity get_caller_identity(stance::aws::AwsClient& client, const std::string& region);

struct OrganizationAccount {
  std::string id;
  std::string name;
  std::string status;  // ACTIVE, SUSPENDED, PENDING_CLOSURE
};
struct OrganizationAccounts {
  std::vector<OrganizationAccount> accounts;
  std::optional<ApiError> error;
};
// organizations:ListAccounts, every page (management or delegated administrator account).
OrganizationAccounts list_organization_accounts(stance::aws::AwsClient& client, const std::string& region);

// Runs fn(0..count-1) on up to `workers` threads and returns when all are done.
void parallel_for(std::size_t count, int workers, const std::function<void(std::size_t)>& fn);

// "2026-11-27T10:15:00Z"
std::string utc_now_iso8601();

}  // namespace stance::sources::aws
