// An in-process HttpClient for the providers' unit tests: a handler answers each request, and every request
// is recorded so a test can check what was sent (method, path, headers, form parameters).
#pragma once
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "aws/http_client.hpp"

namespace stance::aws::credentials::testing {

struct SentRequest {
  std::string base_url;
  HttpRequest request;
  HttpOptions options;

  // The form-encoded body ("Action=AssumeRole&RoleArn=...") decoded into name -> value.
  std::map<std::string, std::string> form() const;
  std::string header(std::string_view name) const;  // "" when absent
};

class FakeHttp final : public HttpClient {
 public:
  using Handler = std::function<HttpResult(const SentRequest&)>;
  explicit FakeHttp(Handler handler) : handler_(std::move(handler)) {}

  HttpResult send(const std::string& base_url, const HttpRequest& request, const HttpOptions& options) override {
    SentRequest sent{base_url, request, options};
    {
      std::lock_guard lock(mutex_);
      sent_.push_back(sent);
    }
    return handler_(sent);
  }

  std::vector<SentRequest> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<SentRequest> sent_;
};

HttpResult respond(long status, std::string body);
HttpResult unreachable(std::string message = "Failed to connect to 169.254.169.254 port 80: Connection refused");

// An STS response body with these credentials expiring at `expiration` (ISO 8601).
std::string sts_credentials_xml(const std::string& action, const std::string& access_key_id,
                                const std::string& secret, const std::string& token, const std::string& expiration);
std::string sts_error_xml(const std::string& code, const std::string& message);

}  // namespace stance::aws::credentials::testing
