#include "aws/credentials/sts_providers.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include "aws/aws_client.hpp"
#include "aws/credentials/basic_providers.hpp"
#include "aws/credentials/credentials_json.hpp"
#include "aws/xml.hpp"

namespace stance::aws::credentials {

namespace {

std::string sts_region(const StsSettings& sts) { return sts.region.empty() ? "us-east-1" : sts.region; }

CredentialsResult failure(std::string message) {
  CredentialsResult result;
  result.error = std::move(message);
  return result;
}

std::string describe_aws_error(const AwsError& error) {
  std::string text = error.code;
  if (!error.message.empty()) text += ": " + error.message;  // AWS's words, which never hold our secrets
  return text;
}

// Parameters shared by both calls.
std::vector<QueryParam> role_params(const std::string& role_arn, const std::string& session_name,
                                    const std::optional<int>& duration_seconds) {
  std::vector<QueryParam> params = {{"RoleArn", role_arn}, {"RoleSessionName", session_name}};
  if (duration_seconds) params.emplace_back("DurationSeconds", std::to_string(*duration_seconds));
  return params;
}

class AssumeRoleFetcher final : public CredentialProvider {
 public:
  AssumeRoleFetcher(std::shared_ptr<CredentialProvider> source, AssumeRoleOptions options, StsSettings sts)
      : source_(std::move(source)),
        options_(std::move(options)),
        region_(sts_region(sts)),
        client_(sts.http, source_, std::move(sts.endpoints), sts.retry, sts.http_options) {
    if (options_.role_session_name.empty()) options_.role_session_name = default_role_session_name();
    if (options_.origin.empty()) options_.origin = "--role-arn";
  }

  CredentialsResult get() override {
    std::string prefix = "assume role " + options_.role_arn + " (" + options_.origin + "): ";
    // Ask the source first so its own error (a missing source profile's keys, a failing process) is named
    // as the source's, not as an STS signing problem.
    CredentialsResult source = source_->get();
    if (!source.credentials) return failure(prefix + "source credentials: " + source.error);
    std::vector<QueryParam> params = role_params(options_.role_arn, options_.role_session_name,
                                                 options_.duration_seconds);
    if (!options_.external_id.empty()) params.emplace_back("ExternalId", options_.external_id);
    AwsResponse response = client_.call_query("sts", region_, "AssumeRole", params);
    if (!response.ok()) return failure(prefix + "STS " + describe_aws_error(*response.error));
    CredentialsResult result = parse_sts_credentials(response.body, "AssumeRoleResult");
    if (!result.credentials) result.error = prefix + "STS AssumeRole response: " + result.error;
    return result;
  }

  std::string description() const override {
    return "assumed role " + options_.role_arn + " (" + options_.origin + "; source: " + source_->description() +
           ")";
  }

 private:
  std::shared_ptr<CredentialProvider> source_;
  AssumeRoleOptions options_;
  std::string region_;
  AwsClient client_;
};

class WebIdentityFetcher final : public CredentialProvider {
 public:
  WebIdentityFetcher(WebIdentityOptions options, StsSettings sts)
      : options_(std::move(options)),
        region_(sts_region(sts)),
        client_(sts.http, nullptr, std::move(sts.endpoints), sts.retry, sts.http_options) {
    if (options_.role_session_name.empty()) options_.role_session_name = default_role_session_name();
  }

  CredentialsResult get() override {
    std::string prefix = "web identity role " + options_.role_arn + " (" + options_.origin + "): ";
    std::ifstream in(options_.token_file, std::ios::binary);
    if (!in) return failure(prefix + "the token file " + options_.token_file + " cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = text.str();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
      token.pop_back();
    }
    if (token.empty()) return failure(prefix + "the token file " + options_.token_file + " is empty");
    std::vector<QueryParam> params = role_params(options_.role_arn, options_.role_session_name,
                                                 options_.duration_seconds);
    params.emplace_back("WebIdentityToken", token);
    AwsResponse response = client_.call_query("sts", region_, "AssumeRoleWithWebIdentity", params,
                                              CallOptions{.sign = false});
    if (!response.ok()) {
      return failure(redact_secrets(prefix + "STS " + describe_aws_error(*response.error), {token}));
    }
    CredentialsResult result = parse_sts_credentials(response.body, "AssumeRoleWithWebIdentityResult");
    if (!result.credentials) result.error = prefix + "STS AssumeRoleWithWebIdentity response: " + result.error;
    return result;
  }

  std::string description() const override {
    return "web identity role " + options_.role_arn + " (" + options_.origin + ")";
  }

 private:
  WebIdentityOptions options_;
  std::string region_;
  AwsClient client_;
};

}  // namespace

CredentialsResult parse_sts_credentials(const std::string& body, const std::string& result_element) {
  XmlParseResult xml = parse_xml(body);
  if (!xml.root) return failure("not valid XML (" + xml.error + ")");
  const XmlElement* credentials = xml.root->path({result_element, "Credentials"});
  if (credentials == nullptr) return failure("no " + result_element + "/Credentials element");
  Credentials out;
  out.access_key_id = credentials->text_at({"AccessKeyId"});
  out.secret_access_key = credentials->text_at({"SecretAccessKey"});
  out.session_token = credentials->text_at({"SessionToken"});
  if (out.access_key_id.empty()) return failure("no AccessKeyId");
  if (out.secret_access_key.empty()) return failure("no SecretAccessKey");
  if (out.session_token.empty()) return failure("no SessionToken");
  CredentialsResult result;
  result.expires = parse_iso8601(credentials->text_at({"Expiration"}));
  if (!result.expires) return failure("no Expiration, or not an ISO 8601 time");
  result.credentials = std::move(out);
  return result;
}

std::string default_role_session_name() {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return "stance-" + std::to_string(seconds.count());
}

std::shared_ptr<CredentialProvider> make_assume_role_provider(std::shared_ptr<CredentialProvider> source,
                                                              AssumeRoleOptions options, StsSettings sts,
                                                              RefreshOptions refresh) {
  return make_refreshing_provider(
      std::make_shared<AssumeRoleFetcher>(std::move(source), std::move(options), std::move(sts)),
      std::move(refresh));
}

std::shared_ptr<CredentialProvider> make_web_identity_provider(WebIdentityOptions options, StsSettings sts,
                                                               RefreshOptions refresh) {
  return make_refreshing_provider(std::make_shared<WebIdentityFetcher>(std::move(options), std::move(sts)),
                                  std::move(refresh));
}

}  // namespace stance::aws::credentials
