// AWS Signature Version 4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html), header
// signing and query (presigned URL) signing, on OpenSSL's SHA-256 and HMAC. Checked against aws-c-auth's and
// botocore's official test suites (tests/aws/sigv4_vectors_test.cpp).
//
// Secrets: the secret key only ever enters HMAC. SigningDetails holds no secret key, but its canonical
// request contains the session token when one is signed, so it is for tests and must never be logged.
#pragma once
#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "aws/credentials.hpp"
#include "aws/http_request.hpp"

namespace stance::aws {

struct SigningParams {
  std::string region;   // "us-east-1"
  std::string service;  // signing name: "cloudtrail", "sts", "ec2"
  std::chrono::system_clock::time_point time;
  // Remove "." and ".." segments and empty segments from the path before signing. Every service but S3.
  bool normalize_path = true;
  // Percent-encode the (already URL-encoded) path once more in the canonical request. Every service but S3.
  bool double_encode_path = true;
  // Add and sign "x-amz-content-sha256: <payload hash>" (S3 requires it; harmless elsewhere).
  bool sign_payload_header = false;
  // Add X-Amz-Security-Token after signing instead of signing it (a few services want it unsigned).
  bool omit_session_token = false;
};

// What signing produced, step by step. See the secrets note above.
struct SigningDetails {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // lowercase hex
  std::string signed_headers;  // "host;x-amz-date"
  std::string authorization;  // the Authorization header value (header signing only)
};

// Adds X-Amz-Date, X-Amz-Security-Token (when the credentials have a token), x-amz-content-sha256 (when
// asked) and Authorization to `request`. The request must already carry its Host header.
SigningDetails sign_request_headers(HttpRequest& request, const Credentials& credentials,
                                    const SigningParams& params);

// Presigning: adds the X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders, -Security-Token and
// -Signature query parameters instead of headers.
SigningDetails sign_request_query(HttpRequest& request, const Credentials& credentials,
                                  const SigningParams& params, std::chrono::seconds expires);

// Building blocks, public for the tests and for the HTTP client (which must write the query string exactly
// as it was signed).
std::string sha256_hex(std::string_view data);
std::array<unsigned char, 32> hmac_sha256(std::string_view key, std::string_view data);
std::string hex(const unsigned char* data, std::size_t size);
// RFC 3986 percent-encoding of everything but the unreserved characters A-Z a-z 0-9 - . _ ~ (and '/'
// when keep_slash), uppercase hex.
std::string uri_encode(std::string_view text, bool keep_slash);
// "20150830T123600Z" (UTC).
std::string amz_date(std::chrono::system_clock::time_point time);
std::string canonical_uri(std::string_view path, const SigningParams& params);
// Sorted by encoded name, then encoded value; "a=1&b=" — this is also the query string to send.
std::string canonical_query_string(const std::vector<QueryParam>& query);
// The signing key: HMAC chain over date, region, service and "aws4_request".
std::array<unsigned char, 32> derive_signing_key(std::string_view secret_access_key, std::string_view date,
                                                 std::string_view region, std::string_view service);

}  // namespace stance::aws
