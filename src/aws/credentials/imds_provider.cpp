#include "aws/credentials/imds_provider.hpp"

#include <charconv>

#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/url.hpp"

namespace stance::aws::credentials {

namespace {

constexpr const char* kCredentialsPath = "/latest/meta-data/iam/security-credentials/";

CredentialsResult failure(std::string message) {
  CredentialsResult result;
  result.error = std::move(message);
  return result;
}

// Role names are [\w+=,.@-]+; anything else in the listing is not a role name to put in a path.
bool valid_role_name(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("_+=,.@-").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

class ImdsFetcher final : public CredentialProvider {
 public:
  ImdsFetcher(std::shared_ptr<HttpClient> http, Environment environment, ImdsOptions options)
      : http_(std::move(http)), endpoint_(imds_endpoint(environment)), options_(options) {
    if (auto seconds = environment.get("AWS_METADATA_SERVICE_TIMEOUT")) {
      double value = 0;
      auto [end, error] = std::from_chars(seconds->data(), seconds->data() + seconds->size(), value);
      if (error == std::errc() && end == seconds->data() + seconds->size() && value > 0 && value <= 60) {
        options_.timeout = std::chrono::milliseconds(static_cast<long>(value * 1000));
      }
    }
    if (auto attempts = environment.get("AWS_METADATA_SERVICE_NUM_ATTEMPTS")) {
      int value = 0;
      auto [end, error] = std::from_chars(attempts->data(), attempts->data() + attempts->size(), value);
      if (error == std::errc() && end == attempts->data() + attempts->size() && value >= 1 && value <= 10) {
        options_.attempts = value;
      }
    }
    allow_v1_ = !environment.is_true("AWS_EC2_METADATA_V1_DISABLED");
  }

  CredentialsResult get() override {
    std::string prefix = "EC2 instance metadata (" + endpoint_ + "): ";
    auto base = split_url(endpoint_);
    if (!base) return failure(prefix + "AWS_EC2_METADATA_SERVICE_ENDPOINT is not an http:// or https:// URL");

    HttpRequest token_request;
    token_request.method = "PUT";
    token_request.path = base->path == "/" ? "/latest/api/token" : base->path + "/latest/api/token";
    token_request.headers.push_back({"X-aws-ec2-metadata-token-ttl-seconds", "21600"});
    HttpResult token_result = send(base->base, token_request);
    if (!token_result.ok()) return failure(prefix + "not reachable (" + token_result.error.message + ")");
    std::string token;
    long status = token_result.response->status;
    if (status == 200) {
      token = token_result.response->body;
    } else if ((status == 403 || status == 404 || status == 405) && allow_v1_) {
      // IMDSv2 turned off or not supported (an old proxy): IMDSv1 without a token, as the SDKs do.
    } else {
      return failure(prefix + "the session token request (PUT /latest/api/token) got HTTP " + std::to_string(status));
    }

    std::string prefix_path = base->path == "/" ? "" : base->path;
    HttpRequest role_request;
    role_request.method = "GET";
    role_request.path = prefix_path + kCredentialsPath;
    if (!token.empty()) role_request.headers.push_back({"X-aws-ec2-metadata-token", token});
    HttpResult role_result = send(base->base, role_request);
    if (!role_result.ok()) return failure(prefix + "not reachable (" + role_result.error.message + ")");
    if (role_result.response->status == 404) return failure(prefix + "no IAM role is attached to this instance");
    if (role_result.response->status != 200) {
      return failure(prefix + "listing the instance's role got HTTP " + std::to_string(role_result.response->status));
    }
    std::string role = role_result.response->body.substr(0, role_result.response->body.find('\n'));
    while (!role.empty() && (role.back() == '\r' || role.back() == ' ')) role.pop_back();
    if (!valid_role_name(role)) return failure(prefix + "the instance's role name is not a valid IAM role name");

    HttpRequest credentials_request = role_request;
    credentials_request.path += role;
    HttpResult credentials_result = send(base->base, credentials_request);
    if (!credentials_result.ok()) return failure(prefix + "not reachable (" + credentials_result.error.message + ")");
    if (credentials_result.response->status != 200) {
      return failure(prefix + "the credentials of role " + role + " got HTTP " +
                     std::to_string(credentials_result.response->status));
    }
    JsonCredentialFields fields;
    fields.require_code_success = true;
    CredentialsResult parsed = parse_credentials_json(credentials_result.response->body, fields);
    if (!parsed.credentials) {
      parsed.error = prefix + "the credentials of role " + role + " are not valid: " + parsed.error;
    }
    return parsed;
  }

  std::string description() const override { return "EC2 instance metadata (" + endpoint_ + ")"; }

 private:
  HttpResult send(const std::string& base, const HttpRequest& request) {
    HttpOptions http_options{options_.timeout, options_.timeout};
    HttpResult result;
    for (int attempt = 1;; ++attempt) {
      result = http_->send(base, request, http_options);
      bool retry = !result.ok() || result.response->status >= 500;
      if (!retry || attempt >= options_.attempts) return result;
    }
  }

  std::shared_ptr<HttpClient> http_;
  std::string endpoint_;
  ImdsOptions options_;
  bool allow_v1_ = true;
};

}  // namespace

bool imds_disabled(const Environment& environment) { return environment.is_true("AWS_EC2_METADATA_DISABLED"); }

std::string imds_endpoint(const Environment& environment) {
  std::string endpoint = environment.get_or("AWS_EC2_METADATA_SERVICE_ENDPOINT", "");
  if (endpoint.empty()) {
    auto mode = environment.get_or("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv4");
    endpoint = (mode == "IPv6" || mode == "ipv6") ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
  }
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  return endpoint;
}

std::shared_ptr<CredentialProvider> make_imds_provider(std::shared_ptr<HttpClient> http, Environment environment,
                                                       ImdsOptions options, RefreshOptions refresh) {
  return make_refreshing_provider(
      std::make_shared<ImdsFetcher>(std::move(http), std::move(environment), options), std::move(refresh));
}

}  // namespace stance::aws::credentials
