// The transport under every AWS call: one HTTPS (or, for tests and private endpoints, HTTP) exchange.
// The libcurl implementation verifies TLS (system CA store, or AWS_CA_BUNDLE) and never follows redirects.
// Thread-safe: send() may be called from many threads at once; connections are reused per thread.
#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/http_request.hpp"

namespace stance::aws {

struct HttpResponse {
  long status = 0;                   // 200, 400, 503, ...
  std::vector<HttpHeader> headers;   // as received
  std::string body;

  const HttpHeader* find_header(std::string_view name) const;
};

// The exchange did not produce a complete response.
struct TransportError {
  enum class Kind { Connect, Timeout, Tls, Truncated, TooLarge, Other };
  Kind kind = Kind::Other;
  std::string message;  // libcurl's explanation; never contains request headers or bodies
};

// AWS's largest responses stance reads are pages of a few MB; a body past this is not an AWS response.
inline constexpr std::size_t kDefaultMaxResponseBytes = std::size_t{64} << 20;

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{20000};  // per attempt
  // The body is received into memory up to this size; past it the transfer is stopped (TransportError
  // TooLarge), so an endless or huge body costs at most this much.
  std::size_t max_body_bytes = kDefaultMaxResponseBytes;
};

struct HttpResult {
  std::optional<HttpResponse> response;  // set when a complete response arrived (any status)
  TransportError error;                  // meaningful when !response
  bool ok() const { return response.has_value(); }
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // base_url: "https://cloudtrail.us-east-1.amazonaws.com" or "http://127.0.0.1:8123" (no trailing slash,
  // may carry a path prefix). The request's path and query are appended exactly as signed.
  virtual HttpResult send(const std::string& base_url, const HttpRequest& request,
                          const HttpOptions& options) = 0;
};

// libcurl-backed client. ca_bundle: a PEM file to trust instead of the system store (AWS_CA_BUNDLE).
std::unique_ptr<HttpClient> make_curl_http_client(std::string ca_bundle = {});

}  // namespace stance::aws
