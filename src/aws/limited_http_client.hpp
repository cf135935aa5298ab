// Bounds the number of requests in flight across every thread, account and region of a scan, so a large
// organization is read concurrently without flooding AWS's per-account rate limits. Also counts what was
// sent (retries included), which `-v` reports as the scan's API calls.
#pragma once
#include <atomic>
#include <memory>
#include <semaphore>

#include "aws/http_client.hpp"

namespace stance::aws {

class LimitedHttpClient final : public HttpClient {
 public:
  LimitedHttpClient(std::shared_ptr<HttpClient> inner, int max_in_flight);
  HttpResult send(const std::string& base_url, const HttpRequest& request, const HttpOptions& options) override;
  long requests_sent() const { return sent_.load(); }

 private:
  std::shared_ptr<HttpClient> inner_;
  std::counting_semaphore<1024> slots_;
  std::atomic<long> sent_{0};
};

}  // namespace stance::aws
