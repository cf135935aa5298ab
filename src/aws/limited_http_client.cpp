#include "aws/limited_http_client.hpp"

#include <algorithm>

namespace stance::aws {

LimitedHttpClient::LimitedHttpClient(std::shared_ptr<HttpClient> inner, int max_in_flight)
    : inner_(std::move(inner)), slots_(std::clamp(max_in_flight, 1, 1024)) {}

HttpResult LimitedHttpClient::send(const std::string& base_url, const HttpRequest& request,
                                   const HttpOptions& options) {
  slots_.acquire();
  struct Release {
    std::counting_semaphore<1024>& slots;
    ~Release() { slots.release(); }
  } release{slots_};
  ++sent_;
  return inner_->send(base_url, request, options);
}

}  // namespace stance::aws
