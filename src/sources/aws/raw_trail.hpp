// What the live reader collected about one trail, before it becomes a model::Trail: the API responses as
// AWS returned them. A `stance collect` snapshot is a list of these, so a snapshot scanned offline goes
// through exactly the same adapter (trail_adapter.hpp) as a live scan.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sources/aws/api_call.hpp"
#include "sources/aws/raw_bucket.hpp"

namespace stance::sources::aws {

struct RawTrail {
  std::string arn;                // the trail's identity
  std::string home_region;        // where it was read
  std::string account_id;         // the account that owns it (from the ARN)
  std::string seen_from_account;  // the account being scanned
  // `describe` is the DescribeTrails response {"trailList":[<this trail>]} called in the home region by ARN.
  ApiCall describe;
  ApiCall event_selectors;  // GetEventSelectors response
  ApiCall status;           // GetTrailStatus response
};

// Account-level problems (ListTrails, DescribeRegions, AssumeRole failed ...): the account or region could
// not be listed, so the scan is incomplete even though no trail is known to be unreadable.
struct RawProblem {
  std::string account_id;
  std::string region;  // empty for account-wide problems
  std::string call;    // "cloudtrail:ListTrails", "sts:AssumeRole", ...
  ApiError error;
};

struct RawAccount {
  std::string account_id;
  std::vector<std::string> regions;  // the regions that were read
  std::vector<RawTrail> trails;
  std::vector<RawProblem> problems;
  // The trails' buckets and keys this account's session read (raw_bucket.hpp; read only when a selected
  // rule needs them), and s3control GetPublicAccessBlock for the account (present when a bucket was read).
  std::vector<RawBucket> buckets;
  std::vector<RawKey> keys;
  ApiCall account_public_access_block;
};

}  // namespace stance::sources::aws
