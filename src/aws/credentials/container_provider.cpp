#include "aws/credentials/container_provider.hpp"

#include <fstream>
#include <sstream>

#include "aws/credentials/basic_providers.hpp"
#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/url.hpp"

namespace stance::aws::credentials {

namespace {

constexpr const char* kEcsAgent = "http://169.254.170.2";

// Plain http only to this machine or the container agent (ECS 169.254.170.2, EKS 169.254.170.23).
bool allowed_http_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.") || host == "169.254.170.2" ||
         host == "169.254.170.23" || host == "fd00:ec2::23";
}

CredentialsResult failure(std::string message) {
  CredentialsResult result;
  result.error = std::move(message);
  return result;
}

std::string trim_line_end(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

class ContainerFetcher final : public CredentialProvider {
 public:
  ContainerFetcher(std::shared_ptr<HttpClient> http, Environment environment, ContainerOptions options)
      : http_(std::move(http)), environment_(std::move(environment)), options_(options) {}

  CredentialsResult get() override {
    std::string variable;
    std::string url;
    if (auto relative = environment_.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
      variable = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
      url = kEcsAgent + (relative->starts_with("/") ? *relative : "/" + *relative);
    } else if (auto full = environment_.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
      variable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
      url = *full;
    } else {
      return failure("container credentials: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
                     "AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
    }
    std::string prefix = "container credentials (" + variable + "): ";
    auto split = split_url(url);
    if (!split) return failure(prefix + "not an http:// or https:// URL");
    prefix = "container credentials (" + variable + ", " + split->shown() + "): ";
    if (split->scheme == "http" && !allowed_http_host(split->host)) {
      return failure(prefix + "plain http is allowed only to a loopback address or the container agent "
                     "(169.254.170.2, 169.254.170.23); use https");
    }
    HttpRequest request;
    request.method = "GET";
    request.path = split->path;
    request.query = split->query;
    request.headers.push_back({"Accept", "application/json"});
    std::string token;
    if (auto token_file = environment_.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
      std::ifstream in(*token_file, std::ios::binary);
      if (!in) return failure(prefix + "the token file " + *token_file + " (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) "
                              "cannot be read");
      std::ostringstream text;
      text << in.rdbuf();
      token = trim_line_end(text.str());
    } else if (auto value = environment_.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
      token = *value;
    }
    if (token.find_first_of("\r\n") != std::string::npos) {
      return failure(prefix + "the authorization token contains a line break");
    }
    if (!token.empty()) request.headers.push_back({"Authorization", token});

    HttpResult result;
    for (int attempt = 1;; ++attempt) {
      result = http_->send(split->base, request, options_.http);
      bool retry = !result.ok() || result.response->status >= 500;
      if (!retry || attempt >= options_.attempts) break;
    }
    if (!result.ok()) return failure(redact_secrets(prefix + "not reachable: " + result.error.message, {token}));
    if (result.response->status != 200) {
      // The body is not shown: an agent's error page is of no use here and could echo the token.
      return failure(prefix + "HTTP " + std::to_string(result.response->status) +
                     (result.response->status == 401 || result.response->status == 403
                          ? " (the authorization token was refused)"
                          : ""));
    }
    CredentialsResult parsed = parse_credentials_json(result.response->body, JsonCredentialFields{});
    if (!parsed.credentials) parsed.error = prefix + "the response is not valid credentials: " + parsed.error;
    return parsed;
  }

  std::string description() const override {
    return environment_.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
               ? "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)"
               : "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)";
  }

 private:
  std::shared_ptr<HttpClient> http_;
  Environment environment_;
  ContainerOptions options_;
};

}  // namespace

bool container_credentials_configured(const Environment& environment) {
  return environment.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") ||
         environment.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
}

std::shared_ptr<CredentialProvider> make_container_provider(std::shared_ptr<HttpClient> http,
                                                            Environment environment, ContainerOptions options,
                                                            RefreshOptions refresh) {
  return make_refreshing_provider(
      std::make_shared<ContainerFetcher>(std::move(http), std::move(environment), options), std::move(refresh));
}

}  // namespace stance::aws::credentials
