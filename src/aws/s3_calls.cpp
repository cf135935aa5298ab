// S3's REST-XML calls: addressing (virtual-hosted or path-style), Content-MD5 for bodies, and following a
// bucket's region once when S3 says it lives elsewhere. Signing and retries are AwsClient::send_to's.
#include <openssl/evp.h>

#include "aws/aws_client.hpp"
#include "aws/sigv4.hpp"

namespace stance::aws {

namespace {

// A bucket name that can be a host name label under a wildcard certificate: lower case letters, digits and
// hyphens (a dot would break TLS for *.s3.REGION.amazonaws.com). Anything else goes path-style, encoded.
bool virtual_host_safe(const std::string& bucket) {
  if (bucket.size() < 3 || bucket.size() > 63 || bucket.front() == '-' || bucket.back() == '-') return false;
  for (char c : bucket) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool account_id_shaped(const std::string& id) {
  if (id.size() != 12) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string content_md5(const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(body.data(), body.size(), digest, &size, EVP_md5(), nullptr);
  unsigned char encoded[64] = {0};
  const int n = EVP_EncodeBlock(encoded, digest, static_cast<int>(size));
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(n));
}

std::string header_value(const std::vector<HttpHeader>& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (header_name_equals(h.name, name)) return h.value;
  }
  return "";
}

AwsResponse invalid(std::string code, std::string message) {
  AwsResponse out;
  out.error = AwsError{std::move(code), std::move(message), 0};
  return out;
}

}  // namespace

AwsResponse AwsClient::send_s3(const std::string& service, const std::string& region, const S3Request& s3,
                               const std::string& virtual_host, const CallOptions& options) {
  if (!is_region_name(region)) return invalid("InvalidRegion", "'" + region.substr(0, 40) + "' is not an AWS region name");
  ResolvedEndpoint endpoint = endpoints_.resolve(service, region);
  HttpRequest request;
  request.method = s3.method;
  request.path = uri_encode(s3.path.empty() ? "/" : s3.path, true);
  if (!virtual_host.empty() && !endpoint.custom) {
    // https://s3.REGION.amazonaws.com -> https://BUCKET.s3.REGION.amazonaws.com
    const auto scheme_end = endpoint.base_url.find("://");
    if (scheme_end != std::string::npos) {
      endpoint.base_url.insert(scheme_end + 3, virtual_host + ".");
      endpoint.host = virtual_host + "." + endpoint.host;
    }
  } else if (!s3.bucket.empty()) {
    request.path = "/" + uri_encode(s3.bucket, false) + request.path;
  }
  request.query = s3.query;
  request.headers = s3.headers;
  request.body = s3.body;
  if (!request.body.empty()) {
    request.set_header("Content-Type", "application/xml");
    request.set_header("Content-MD5", content_md5(request.body));
  }
  return send_to(endpoint, std::move(request), options, Protocol::RestXml);
}

AwsResponse AwsClient::call_s3(const std::string& region, const S3Request& request, const CallOptions& options) {
  if (request.bucket.empty()) return invalid("InvalidBucketName", "an S3 call needs a bucket name");
  if (request.bucket.size() > 255) return invalid("InvalidBucketName", "the bucket name is longer than 255 characters");
  const std::string host = virtual_host_safe(request.bucket) ? request.bucket : "";
  AwsResponse out = send_s3("s3", region, request, host, options);
  if (!out.error) return out;
  // The bucket lives in another region: S3 says which; ask there, once (a second redirect is returned as is).
  const int status = out.error->http_status;
  const std::string bucket_region = header_value(out.headers, "x-amz-bucket-region");
  if ((status == 301 || status == 307 || status == 400) && !bucket_region.empty() && bucket_region != region &&
      is_region_name(bucket_region)) {
    const int attempts = out.attempts;
    out = send_s3("s3", bucket_region, request, host, options);
    out.attempts += attempts;
  }
  return out;
}

AwsResponse AwsClient::call_s3control(const std::string& region, const std::string& account_id, S3Request request,
                                      const CallOptions& options) {
  if (!account_id_shaped(account_id)) {
    return invalid("InvalidAccountId", "'" + account_id.substr(0, 40) + "' is not a 12-digit AWS account ID");
  }
  request.bucket.clear();
  request.headers.push_back({"x-amz-account-id", account_id});
  return send_s3("s3control", region, request, account_id, options);
}

}  // namespace stance::aws
