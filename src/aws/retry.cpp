#include "aws/retry.hpp"

#include <algorithm>
#include <random>
#include <string_view>

namespace stance::aws {

namespace {

// The AWS SDKs' throttling and transient error codes ("standard" retry mode).
constexpr std::string_view kRetryableCodes[] = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure",
    "ServiceUnavailable", "ServiceUnavailableException",
    // stance's names for transport failures (aws_client.cpp)
    "ConnectionError", "TruncatedResponse"};

}  // namespace

bool is_retryable(const std::string& error_code, int http_status) {
  if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504) return true;
  return std::find(std::begin(kRetryableCodes), std::end(kRetryableCodes), error_code) != std::end(kRetryableCodes);
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const int shift = std::clamp(attempt, 0, 20);
  const long long ceiling = std::min<long long>(policy.max_delay.count(), policy.base_delay.count() << shift);
  std::uniform_int_distribution<long long> pick(0, std::max<long long>(ceiling, 0));
  return std::chrono::milliseconds(pick(random));
}

}  // namespace stance::aws
