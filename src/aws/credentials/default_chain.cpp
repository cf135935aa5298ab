#include "aws/credentials/default_chain.hpp"

#include <mutex>
#include <vector>

#include "aws/credentials/basic_providers.hpp"
#include "aws/credentials/profile_provider.hpp"
#include "aws/credentials/shared_config.hpp"

namespace stance::aws::credentials {

namespace {

Environment environment_of(const CredentialChainOptions& options) {
  return options.environment ? *options.environment : Environment::process();
}

std::shared_ptr<HttpClient> http_of(const CredentialChainOptions& options, const Environment& environment) {
  return options.http ? options.http : make_curl_http_client(environment.get_or("AWS_CA_BUNDLE", ""));
}

class DefaultChain final : public CredentialProvider {
 public:
  explicit DefaultChain(CredentialChainOptions options) : options_(std::move(options)) {}

  CredentialsResult get() override {
    std::shared_ptr<CredentialProvider> selected;
    {
      std::lock_guard lock(mutex_);  // one resolution at a time; the others wait and use its choice
      if (failed_) return *failed_;
      if (!selected_) {
        CredentialsResult first = resolve();  // the chosen source's first answer, or why none was chosen
        // Nothing configured (or unreadable config): remembered, so that the threads of a scan do not each
        // probe instance metadata again before reporting the same error.
        if (!selected_) failed_ = first;
        return first;
      }
      selected = selected_;
    }
    return selected->get();
  }

  std::string description() const override {
    std::lock_guard lock(mutex_);
    return selected_ ? selected_->description() : "default credential chain (not resolved yet)";
  }

 private:
  CredentialsResult fail(std::string message) {
    CredentialsResult result;
    result.error = std::move(message);
    return result;
  }

  // Picks the first configured source and returns its first answer.
  CredentialsResult resolve() {
    Environment environment = environment_of(options_);
    std::vector<std::string> tried;
    bool explicit_profile = !options_.profile.empty();

    if (!explicit_profile && environment_has_credentials(environment)) {
      return select(make_environment_provider(environment));
    }
    tried.push_back(explicit_profile ? "environment (not used: --profile was given)"
                                     : "environment (AWS_ACCESS_KEY_ID is not set)");

    SharedConfig config = SharedConfig::load(environment);
    if (config.error) return fail("shared config: " + *config.error);
    std::string profile = selected_profile_name(options_.profile, environment);
    ProviderContext context = make_context(environment);
    if (config.find(profile) != nullptr) {
      ProfileCredentials credentials = resolve_profile_credentials(config, profile, context);
      if (!credentials.error.empty()) return fail(credentials.error);
      if (credentials.provider) return select(credentials.provider);
      tried.push_back(config.find(profile)->describe() + " (no credentials in it)");
    } else if (profile != "default") {
      // A profile asked for by name (--profile, AWS_PROFILE) must exist, as in the AWS CLI.
      return fail("profile " + profile + " does not exist in " + config.paths());
    } else {
      tried.push_back("profile default (not in " + config.paths() + ")");
    }

    auto token_file = environment.get("AWS_WEB_IDENTITY_TOKEN_FILE");
    if (token_file) {
      auto role_arn = environment.get("AWS_ROLE_ARN");
      if (!role_arn) return fail("web identity: AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not");
      WebIdentityOptions web;
      web.role_arn = *role_arn;
      web.token_file = expand_home(*token_file, environment);
      web.role_session_name = environment.get_or("AWS_ROLE_SESSION_NAME", "");
      web.origin = "environment (AWS_WEB_IDENTITY_TOKEN_FILE)";
      return select(make_web_identity_provider(std::move(web), context.sts, context.refresh));
    }
    tried.push_back("web identity (AWS_WEB_IDENTITY_TOKEN_FILE is not set)");

    if (container_credentials_configured(environment)) {
      return select(make_container_provider(context.http, environment, context.container, context.refresh));
    }
    tried.push_back("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set)");

    if (imds_disabled(environment)) {
      tried.push_back("EC2 instance metadata (AWS_EC2_METADATA_DISABLED is set)");
    } else {
      // Instance metadata is the one source that can only be detected by asking it: keep it only if it answers.
      auto imds = make_imds_provider(context.http, environment, context.imds, context.refresh);
      CredentialsResult result = imds->get();
      if (result.credentials) {
        selected_ = imds;
        return result;
      }
      tried.push_back(result.error);
    }
    std::string message = "no AWS credentials found; tried:";
    for (const auto& entry : tried) message += "\n  - " + entry;
    return fail(message);
  }

  CredentialsResult select(std::shared_ptr<CredentialProvider> provider) {
    selected_ = std::move(provider);
    return selected_->get();
  }

  ProviderContext make_context(const Environment& environment) {
    if (!http_) http_ = http_of(options_, environment);
    ProviderContext context;
    context.environment = environment;
    context.http = http_;
    context.sts = sts_settings(options_);
    context.sts.http = http_;
    context.refresh = options_.refresh;
    context.container = options_.container;
    context.imds = options_.imds;
    return context;
  }

  CredentialChainOptions options_;
  mutable std::mutex mutex_;
  std::shared_ptr<CredentialProvider> selected_;
  std::optional<CredentialsResult> failed_;
  std::shared_ptr<HttpClient> http_;
};

}  // namespace

std::shared_ptr<CredentialProvider> make_default_credential_provider(const CredentialChainOptions& options) {
  return std::make_shared<DefaultChain>(options);
}

StsSettings sts_settings(const CredentialChainOptions& options) {
  Environment environment = environment_of(options);
  StsSettings sts;
  sts.http = http_of(options, environment);
  sts.endpoints = options.endpoints ? *options.endpoints : Endpoints::from_environment();
  sts.region = options.region.empty() ? resolve_region(options.profile, environment).region : options.region;
  if (sts.region.empty()) sts.region = "us-east-1";
  sts.retry = options.sts_retry;
  sts.http_options = options.sts_http;
  return sts;
}

ResolvedRegion resolve_region(const std::string& explicit_profile, const Environment& environment) {
  if (auto region = environment.get("AWS_REGION")) return {*region, "AWS_REGION"};
  if (auto region = environment.get("AWS_DEFAULT_REGION")) return {*region, "AWS_DEFAULT_REGION"};
  SharedConfig config = SharedConfig::load(environment);  // a broken file is reported by the credentials
  if (const Profile* profile = config.find(selected_profile_name(explicit_profile, environment))) {
    if (const ConfigValue* region = profile->find("region"); region && !region->value.empty()) {
      return {region->value, "profile " + profile->name + " (" + region->where.to_string() + ")"};
    }
  }
  return {};
}

}  // namespace stance::aws::credentials
