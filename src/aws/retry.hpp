// Retries: exponential backoff with full jitter on throttling, 5xx and connection errors, bounded by a
// maximum number of attempts and a total time budget per call (as the AWS SDKs' "standard" retry mode).
#pragma once
#include <chrono>
#include <string>

namespace stance::aws {

struct RetryPolicy {
  int max_attempts = 5;                                   // AWS_MAX_ATTEMPTS
  std::chrono::milliseconds base_delay{100};
  std::chrono::milliseconds max_delay{5000};
  std::chrono::milliseconds total_budget{60000};          // stop retrying once this much time has passed
};

// Whether an AWS error code / HTTP status is worth retrying.
bool is_retryable(const std::string& error_code, int http_status);

// The delay before attempt number `attempt` (1 = first retry): random in [0, min(max, base * 2^attempt)].
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt);

}  // namespace stance::aws
