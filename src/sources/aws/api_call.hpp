// One AWS API call's outcome as the live reader recorded it: the response body as received, or the error.
// Shared by the trails (raw_trail.hpp) and their buckets and keys (raw_bucket.hpp).
#pragma once
#include <optional>
#include <string>

namespace stance::sources::aws {

// An AWS error returned by a call (or a transport failure after retries).
struct ApiError {
  std::string code;     // "AccessDeniedException", "ThrottlingException", "RequestTimeout", "Truncated", ...
  std::string message;  // AWS's message (never contains credentials)
  int http_status = 0;  // 0 for transport errors
};

// One API call's outcome.
struct ApiCall {
  std::string operation;  // "DescribeTrails", "GetBucketPolicy", "DescribeKey", ...
  std::string region;     // where it was called
  std::string time;       // ISO 8601 UTC, when the response arrived
  std::string response;   // the body as received: JSON, or XML for S3 (empty when error)
  std::optional<ApiError> error;
  bool present() const { return !operation.empty(); }
};

}  // namespace stance::sources::aws
