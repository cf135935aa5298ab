// What the live reader collected about one trail, before it becomes a model::Trail: the API responses as
// AWS returned them. A `stance collect` snapshot is a list of these, so a snapshot scanned offline goes
// through exactly the same adapter (trail_adapter.hpp) as a live scan.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace stance::sources::aws {

// An AWS error returned by a call (or a transport failure after retries).
struct ApiError {
  std::string code;     // "AccessDeniedException", "ThrottlingException", "RequestTimeout", "Truncated", ...
  std::string message;  // AWS's message (never contains credentials)
  int http_status = 0;  // 0 for transport errors
};

// One API call's outcome.
struct ApiCall {
  std::string operation;  // "DescribeTrails", "GetEventSelectors", "GetTrailStatus"
  std::string region;     // where it was called
  std::string time;       // ISO 8601 UTC, when the response arrived
  std::string response;   // the JSON body as received (empty when error)
  std::optional<ApiError> error;
  bool present() const { return !operation.empty(); }
};

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
};

}  // namespace stance::sources::aws
