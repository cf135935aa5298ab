#include "aws/credentials/basic_providers.hpp"

namespace stance::aws::credentials {

namespace {

class StaticProvider final : public CredentialProvider {
 public:
  StaticProvider(Credentials credentials, std::string description)
      : credentials_(std::move(credentials)), description_(std::move(description)) {}
  CredentialsResult get() override { return CredentialsResult{credentials_, {}, std::nullopt}; }
  std::string description() const override { return description_; }

 private:
  Credentials credentials_;
  std::string description_;
};

class FailingProvider final : public CredentialProvider {
 public:
  FailingProvider(std::string error, std::string description)
      : error_(std::move(error)), description_(std::move(description)) {}
  CredentialsResult get() override { return CredentialsResult{std::nullopt, error_, std::nullopt}; }
  std::string description() const override { return description_; }

 private:
  std::string error_;
  std::string description_;
};

class EnvironmentProvider final : public CredentialProvider {
 public:
  explicit EnvironmentProvider(Environment environment) : environment_(std::move(environment)) {}

  CredentialsResult get() override {
    CredentialsResult result;
    auto key = environment_.get("AWS_ACCESS_KEY_ID");
    auto secret = environment_.get("AWS_SECRET_ACCESS_KEY");
    if (!key) {
      result.error = "environment: AWS_ACCESS_KEY_ID is not set";
    } else if (!secret) {
      result.error = "environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not";
    } else {
      auto token = environment_.get("AWS_SESSION_TOKEN");
      if (!token) token = environment_.get("AWS_SECURITY_TOKEN");
      result.credentials = Credentials{*key, *secret, token.value_or("")};
    }
    return result;
  }
  std::string description() const override { return "environment (AWS_ACCESS_KEY_ID)"; }

 private:
  Environment environment_;
};

}  // namespace

std::shared_ptr<CredentialProvider> make_static_provider(Credentials credentials, std::string description) {
  return std::make_shared<StaticProvider>(std::move(credentials), std::move(description));
}

std::shared_ptr<CredentialProvider> make_failing_provider(std::string error, std::string description) {
  return std::make_shared<FailingProvider>(std::move(error), std::move(description));
}

bool environment_has_credentials(const Environment& environment) {
  return environment.get("AWS_ACCESS_KEY_ID").has_value();
}

std::shared_ptr<CredentialProvider> make_environment_provider(Environment environment) {
  return std::make_shared<EnvironmentProvider>(std::move(environment));
}

std::string redact_secrets(std::string text, std::initializer_list<std::string_view> secrets) {
  for (std::string_view secret : secrets) {
    if (secret.empty()) continue;
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "<redacted>");
      at += 10;
    }
  }
  return text;
}

}  // namespace stance::aws::credentials
