// Calls AWS APIs: endpoint resolution, SigV4 signing, retries with backoff, error decoding. Two wire
// protocols: JSON 1.1 (CloudTrail, Organizations) and the query protocol with XML responses (STS, EC2).
// Thread-safe; one client serves every region of one set of credentials.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/credential_provider.hpp"
#include "aws/endpoints.hpp"
#include "aws/http_client.hpp"
#include "aws/retry.hpp"

namespace stance::aws {

struct AwsError {
  std::string code;     // AWS's error code ("AccessDeniedException", "Throttling") or, for transport
                        // failures, "ConnectionError" / "RequestTimeout" / "TruncatedResponse"
  std::string message;  // AWS's message; never contains credentials
  int http_status = 0;  // 0 for transport failures
};

struct AwsResponse {
  std::string body;  // the response body (JSON for JSON 1.1, XML for query) when !error
  std::optional<AwsError> error;
  int attempts = 0;  // including retries
  bool ok() const { return !error; }
};

struct CallOptions {
  bool sign = true;  // false for STS AssumeRoleWithWebIdentity, which is unsigned
  // Called before every attempt, retries included (the reader paces calls per region with it).
  std::function<void()> before_attempt;
};

class AwsClient {
 public:
  AwsClient(std::shared_ptr<HttpClient> http, std::shared_ptr<CredentialProvider> credentials,
            Endpoints endpoints, RetryPolicy retry = {}, HttpOptions http_options = {});

  // JSON 1.1: POST / with X-Amz-Target "<target_prefix>.<operation>", Content-Type
  // application/x-amz-json-1.1. service: "cloudtrail" | "organizations" | "sqs" (JSON 1.0, target AmazonSQS).
  AwsResponse call_json(const std::string& service, const std::string& region, const std::string& operation,
                        const std::string& json_body, const CallOptions& options = {});

  // Query protocol: POST / form-encoded "Action=<action>&Version=<version>&<params>".
  // service: "sts" | "ec2" | "sns". Errors are decoded from the XML error body.
  AwsResponse call_query(const std::string& service, const std::string& region, const std::string& action,
                         const std::vector<QueryParam>& params, const CallOptions& options = {});

  // Requests sent over the wire so far, retries included (for -v and the tests).
  long requests_sent() const { return requests_sent_.load(); }
  const Endpoints& endpoints() const { return endpoints_; }
  std::shared_ptr<CredentialProvider> credentials() const { return credentials_; }
  std::shared_ptr<HttpClient> http() const { return http_; }
  const RetryPolicy& retry() const { return retry_; }
  const HttpOptions& http_options() const { return http_options_; }

 private:
  AwsResponse send(const std::string& service, const std::string& region, HttpRequest request,
                   const CallOptions& options, bool json_protocol);

  std::shared_ptr<HttpClient> http_;
  std::shared_ptr<CredentialProvider> credentials_;
  Endpoints endpoints_;
  RetryPolicy retry_;
  HttpOptions http_options_;
  std::atomic<long> requests_sent_{0};
};

}  // namespace stance::aws
