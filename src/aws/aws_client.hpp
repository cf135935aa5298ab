// Calls AWS APIs: endpoint resolution, SigV4 signing, retries with backoff, error decoding. Three wire
// protocols: JSON 1.1 (CloudTrail, Organizations, KMS), the query protocol with XML responses (STS, EC2) and
// REST-XML (S3, S3 Control).
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
  std::string body;  // the response body (JSON for JSON 1.1, XML for query and REST-XML) when !error
  std::optional<AwsError> error;
  int attempts = 0;  // including retries
  // REST-XML (S3): the response headers of the last attempt, and the region that answered (after a
  // redirect to the bucket's region, that region).
  std::vector<HttpHeader> headers;
  std::string region;
  bool ok() const { return !error; }
};

// One S3 REST call. The client addresses the bucket virtual-hosted (https://BUCKET.s3.REGION.amazonaws.com)
// or, for a configured endpoint (--endpoint-url, AWS_ENDPOINT_URL_S3) and for names that cannot be a host
// name label (dots, upper case), path-style (https://s3.REGION.amazonaws.com/BUCKET).
struct S3Request {
  std::string method = "GET";
  std::string bucket;              // "" for S3 Control
  std::string path = "/";          // below the bucket (S3 Control: "/v20180820/..."), not yet percent-encoded
  std::vector<QueryParam> query;   // {"policy", ""} for ?policy
  std::vector<HttpHeader> headers;
  std::string body;                // a PUT's XML; Content-MD5 is added when there is one
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

  // REST-XML for S3 (signed as "s3", x-amz-content-sha256 carries the payload's SHA-256, the path is neither
  // normalised nor double-encoded). Errors are decoded from S3's <Error><Code>; a 301 PermanentRedirect (or a
  // 400 naming another region) with the bucket's region in x-amz-bucket-region or <Region> is sent once more
  // to that region, and AwsResponse::region says where it was answered.
  AwsResponse call_s3(const std::string& region, const S3Request& request, const CallOptions& options = {});
  // S3 Control: https://ACCOUNT.s3-control.REGION.amazonaws.com with the x-amz-account-id header (path-style
  // on a configured endpoint). account_id must be 12 digits.
  AwsResponse call_s3control(const std::string& region, const std::string& account_id, S3Request request,
                             const CallOptions& options = {});

  // Requests sent over the wire so far, retries included (for -v and the tests).
  long requests_sent() const { return requests_sent_.load(); }
  const Endpoints& endpoints() const { return endpoints_; }
  std::shared_ptr<CredentialProvider> credentials() const { return credentials_; }
  std::shared_ptr<HttpClient> http() const { return http_; }
  const RetryPolicy& retry() const { return retry_; }
  const HttpOptions& http_options() const { return http_options_; }

 private:
  enum class Protocol { Json, Query, RestXml };
  AwsResponse send(const std::string& service, const std::string& region, HttpRequest request,
                   const CallOptions& options, Protocol protocol);
  // Sends to an endpoint already resolved (S3 adjusts it for virtual-hosted buckets).
  AwsResponse send_to(const ResolvedEndpoint& endpoint, HttpRequest request, const CallOptions& options,
                      Protocol protocol);
  AwsResponse send_s3(const std::string& service, const std::string& region, const S3Request& request,
                      const std::string& virtual_host, const CallOptions& options);

  std::shared_ptr<HttpClient> http_;
  std::shared_ptr<CredentialProvider> credentials_;
  Endpoints endpoints_;
  RetryPolicy retry_;
  HttpOptions http_options_;
  std::atomic<long> requests_sent_{0};
};

}  // namespace stance::aws
