// libcurl transport. One easy handle per thread (connection reuse to the same endpoint without locking);
// TLS peers are verified; redirects are never followed (AWS does not redirect API calls, and a redirect
// could carry a signed request elsewhere).
#include "aws/http_client.hpp"

#include <algorithm>
#include <mutex>

#include "aws/curl_library.hpp"
#include "aws/sigv4.hpp"

namespace stance::aws {

const HttpHeader* HttpResponse::find_header(std::string_view name) const {
  for (const auto& h : headers) {
    if (header_name_equals(h.name, name)) return &h;
  }
  return nullptr;
}

namespace {

struct EasyHandle {
  const CurlLibrary* lib = nullptr;
  CURL* curl = nullptr;
  std::string error;  // why there is no handle
  EasyHandle() : lib(curl_library(&error)), curl(lib ? lib->easy_init() : nullptr) {
    if (lib && !curl) error = "could not initialise libcurl";
  }
  ~EasyHandle() {
    if (curl) lib->easy_cleanup(curl);
  }
  EasyHandle(const EasyHandle&) = delete;
  EasyHandle& operator=(const EasyHandle&) = delete;
};

// The body as it streams in, refused past its cap: returning less than was given makes libcurl stop the
// transfer (CURLE_WRITE_ERROR), so no more of it is received.
struct BodySink {
  std::string* body;
  std::size_t cap;
  bool too_large = false;
};

// "64 MiB", "1000 bytes"
std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  const std::size_t n = size * count;
  if (n > sink->cap - std::min(sink->cap, sink->body->size())) {
    sink->too_large = true;
    return 0;
  }
  sink->body->append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::vector<HttpHeader>*>(user);
  std::string_view line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after 100 Continue): keep only the last one's headers
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers->push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  return size * count;
}

TransportError::Kind classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return TransportError::Kind::Connect;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportError::Kind::Timeout;
    case CURLE_PARTIAL_FILE:
      return TransportError::Kind::Truncated;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return TransportError::Kind::Tls;
    default:
      return TransportError::Kind::Other;
  }
}

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(std::string ca_bundle) : ca_bundle_(std::move(ca_bundle)) {}

  HttpResult send(const std::string& base_url, const HttpRequest& request, const HttpOptions& options) override {
    thread_local EasyHandle handle;
    HttpResult result;
    if (!handle.curl) {
      result.error = {TransportError::Kind::Other, handle.error};
      return result;
    }
    const CurlLibrary& lib = *handle.lib;
    CURL* curl = handle.curl;
    lib.easy_reset(curl);  // keeps the connection cache, drops the previous request's options

    std::string url = base_url + request.path;
    if (!request.query.empty()) url += "?" + canonical_query_string(request.query);

    curl_slist* headers = nullptr;
    for (const auto& h : request.headers) headers = lib.slist_append(headers, (h.name + ": " + h.value).c_str());
    headers = lib.slist_append(headers, "Expect:");  // no 100-continue round trip
    headers = lib.slist_append(headers, "Accept:");  // curl's "*/*" is not part of the signed request

    HttpResponse response;
    lib.easy_setopt(curl, CURLOPT_URL, url.c_str());
    lib.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "POST" || !request.body.empty()) {
      lib.easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
      lib.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method == "GET") {
      lib.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    lib.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    BodySink sink{&response.body, options.max_body_bytes};
    lib.easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    lib.easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    lib.easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    lib.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    lib.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    lib.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    lib.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    if (!ca_bundle_.empty()) lib.easy_setopt(curl, CURLOPT_CAINFO, ca_bundle_.c_str());
    char error_buffer[CURL_ERROR_SIZE] = {0};
    lib.easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);

    CURLcode code = lib.easy_perform(curl);
    lib.slist_free_all(headers);
    lib.easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    if (code != CURLE_OK && sink.too_large) {
      result.error.kind = TransportError::Kind::TooLarge;
      result.error.message = "the response body is larger than " + size_text(options.max_body_bytes) +
                             "; the transfer was stopped";
      return result;
    }
    if (code != CURLE_OK) {
      result.error.kind = classify(code);
      result.error.message = error_buffer[0] ? error_buffer : lib.easy_strerror(code);
      return result;
    }
    lib.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    result.response = std::move(response);
    return result;
  }

 private:
  std::string ca_bundle_;
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_http_client(std::string ca_bundle) {
  return std::make_unique<CurlHttpClient>(std::move(ca_bundle));
}

}  // namespace stance::aws
