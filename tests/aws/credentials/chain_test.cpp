// Profiles (assume-role chains, cycles, credential_source, web identity, static keys, credential_process) and
// the default chain (order, --profile, what is listed when nothing is found), the region, and that no error
// on any of these paths shows a secret from the inputs.
#include <gtest/gtest.h>

#include "aws/credentials/default_chain.hpp"
#include "aws/credentials/fake_http.hpp"
#include "aws/credentials/profile_provider.hpp"
#include "aws/credentials/test_files.hpp"

namespace stance::aws::credentials {
namespace {

using testing::FakeHttp;
using testing::respond;
using testing::SentRequest;
using testing::sts_credentials_xml;
using testing::TempDir;
using testing::unreachable;

// Every secret any input of these tests holds.
const char* const kSecrets[] = {"secret-base", "token-base", "secret-env", "token-env", "secret-role",
                                "token-role", "secret-proc", "eyJweb-token"};

void expect_no_secret(const std::string& text) {
  for (const char* secret : kSecrets) EXPECT_EQ(text.find(secret), std::string::npos) << text;
}

// STS answering AssumeRole(WithWebIdentity) with keys named after the role: ASIA-<role name>; anything else
// (instance metadata, the ECS agent) is unreachable.
std::shared_ptr<FakeHttp> fake_sts() {
  return std::make_shared<FakeHttp>([](const SentRequest& sent) {
    if (sent.base_url != "http://sts.fake") return unreachable("Connection refused");
    auto form = sent.form();
    std::string role = form["RoleArn"].substr(form["RoleArn"].rfind('/') + 1);
    return respond(200, sts_credentials_xml(form["Action"], "ASIA-" + role, "secret-role-" + role, "token-role-" + role,
                                            "2030-01-01T00:00:00Z"));
  });
}

class ChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http_ = fake_sts();
    variables_ = {{"AWS_CONFIG_FILE", dir_.path() + "/config"},
                  {"AWS_SHARED_CREDENTIALS_FILE", dir_.path() + "/credentials"},
                  {"HOME", dir_.path()}};
  }

  void config(const std::string& text) { config_path_ = dir_.write("config", text); }
  void credentials(const std::string& text) { dir_.write("credentials", text); }

  CredentialChainOptions options(const std::string& profile = {}) {
    CredentialChainOptions options;
    options.profile = profile;
    options.http = http_;
    Endpoints endpoints;
    endpoints.override_url = "http://sts.fake";
    options.endpoints = endpoints;
    options.region = "eu-west-1";
    options.environment = Environment::from_map(variables_);
    options.sts_retry.max_attempts = 1;
    return options;
  }

  CredentialsResult chain(const std::string& profile = {}) {
    provider_ = make_default_credential_provider(options(profile));
    return provider_->get();
  }

  // The access key IDs that signed each STS call, in order.
  std::vector<std::string> signers() {
    std::vector<std::string> out;
    for (const auto& sent : http_->sent()) {
      if (sent.base_url != "http://sts.fake") continue;
      std::string authorization = sent.header("Authorization");
      auto start = authorization.find("Credential=");
      out.push_back(start == std::string::npos ? "(unsigned)"
                                               : authorization.substr(start + 11, authorization.find('/', start) - start - 11));
    }
    return out;
  }

  TempDir dir_;
  std::string config_path_;
  std::shared_ptr<FakeHttp> http_;
  std::map<std::string, std::string> variables_;
  std::shared_ptr<CredentialProvider> provider_;
};

TEST_F(ChainTest, EnvironmentComesFirst) {
  credentials("[default]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret-base\n");
  variables_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  variables_["AWS_SECRET_ACCESS_KEY"] = "secret-env";
  variables_["AWS_PROFILE"] = "default";  // AWS_PROFILE does not skip the environment; --profile does
  CredentialsResult result = chain();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "AKIDENV");
  EXPECT_EQ(provider_->description(), "environment (AWS_ACCESS_KEY_ID)");

  CredentialsResult named = chain("default");
  ASSERT_TRUE(named.credentials) << named.error;
  EXPECT_EQ(named.credentials->access_key_id, "AKIDBASE");
  EXPECT_EQ(provider_->description(), "profile default (" + dir_.path() + "/credentials:2)");
}

TEST_F(ChainTest, ProfileStaticKeysWithSessionToken) {
  config("[profile dev]\nregion = us-west-2\n");
  credentials("[dev]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret-base\n"
              "aws_session_token = token-base\n");
  variables_["AWS_PROFILE"] = "dev";
  CredentialsResult result = chain();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->session_token, "token-base");
  EXPECT_EQ(resolve_region("", Environment::from_map(variables_)).region, "us-west-2");
}

TEST_F(ChainTest, AssumeRoleChainOfThreeProfiles) {
  config("[profile audit]\nrole_arn = arn:aws:iam::3:role/Audit\nsource_profile = hop\nexternal_id = ext-3\n"
         "role_session_name = audit-session\nduration_seconds = 3600\n"
         "[profile hop]\nrole_arn = arn:aws:iam::2:role/Hop\nsource_profile = base\n");
  credentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret-base\n");
  CredentialsResult result = chain("audit");
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "ASIA-Audit");
  EXPECT_EQ(signers(), (std::vector<std::string>{"AKIDBASE", "ASIA-Hop"}));
  auto sent = http_->sent();
  EXPECT_EQ(sent[0].form()["RoleArn"], "arn:aws:iam::2:role/Hop");
  EXPECT_EQ(sent[1].form()["ExternalId"], "ext-3");
  EXPECT_EQ(sent[1].form()["RoleSessionName"], "audit-session");
  EXPECT_EQ(sent[1].form()["DurationSeconds"], "3600");
  EXPECT_EQ(provider_->description(),
            "assumed role arn:aws:iam::3:role/Audit (profile audit (" + config_path_ + ":2); source: assumed role "
            "arn:aws:iam::2:role/Hop (profile hop (" + config_path_ + ":8); source: profile base (" + dir_.path() +
            "/credentials:2)))");
  provider_->get();
  EXPECT_EQ(http_->sent().size(), 2u) << "cached";
}

TEST_F(ChainTest, SourceProfileWithKeysAndRoleLendsItsKeys) {
  // botocore: a source profile's own static keys are used even when it also has a role_arn.
  config("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
         "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\n"
         "aws_access_key_id = AKIDB\naws_secret_access_key = secret-base\n");
  ASSERT_TRUE(chain("a").credentials);
  EXPECT_EQ(signers(), (std::vector<std::string>{"AKIDB"}));
}

TEST_F(ChainTest, SelfReferencingProfileUsesItsOwnKeys) {
  config("[profile self]\nrole_arn = arn:aws:iam::1:role/Self\nsource_profile = self\n"
         "aws_access_key_id = AKIDSELF\naws_secret_access_key = secret-base\n");
  CredentialsResult result = chain("self");
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "ASIA-Self");
  EXPECT_EQ(signers(), (std::vector<std::string>{"AKIDSELF"}));
}

TEST_F(ChainTest, CredentialSourceEnvironment) {
  config("[profile ci]\nrole_arn = arn:aws:iam::1:role/Deploy\ncredential_source = Environment\n");
  variables_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  variables_["AWS_SECRET_ACCESS_KEY"] = "secret-env";
  variables_["AWS_SESSION_TOKEN"] = "token-env";
  CredentialsResult result = chain("ci");
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "ASIA-Deploy");
  EXPECT_EQ(signers(), (std::vector<std::string>{"AKIDENV"}));
}

TEST_F(ChainTest, CredentialSourceInstanceMetadataFailsFastWithItsOwnError) {
  config("[profile ec2]\nrole_arn = arn:aws:iam::1:role/Deploy\ncredential_source = Ec2InstanceMetadata\n");
  CredentialsResult result = chain("ec2");
  EXPECT_FALSE(result.credentials);
  EXPECT_EQ(result.error, "assume role arn:aws:iam::1:role/Deploy (profile ec2 (" + config_path_ + ":2)): source "
                          "credentials: EC2 instance metadata (http://169.254.169.254): not reachable (Connection refused)");
}

TEST_F(ChainTest, ProfileWebIdentityAndEnvironmentWebIdentity) {
  std::string token = dir_.write("token", "eyJweb-token");
  config("[profile k8s]\nrole_arn = arn:aws:iam::1:role/Pod\nweb_identity_token_file = " + token + "\n");
  CredentialsResult profile = chain("k8s");
  ASSERT_TRUE(profile.credentials) << profile.error;
  EXPECT_EQ(profile.credentials->access_key_id, "ASIA-Pod");

  variables_["AWS_WEB_IDENTITY_TOKEN_FILE"] = token;
  variables_["AWS_ROLE_ARN"] = "arn:aws:iam::1:role/GitHub";
  variables_["AWS_ROLE_SESSION_NAME"] = "gha";
  CredentialsResult environment = chain();
  ASSERT_TRUE(environment.credentials) << environment.error;
  EXPECT_EQ(environment.credentials->access_key_id, "ASIA-GitHub");
  EXPECT_EQ(http_->sent().back().form()["RoleSessionName"], "gha");
  EXPECT_EQ(signers(), (std::vector<std::string>{"(unsigned)", "(unsigned)"}));
  EXPECT_EQ(provider_->description(),
            "web identity role arn:aws:iam::1:role/GitHub (environment (AWS_WEB_IDENTITY_TOKEN_FILE))");
}

TEST_F(ChainTest, CredentialProcessProfile) {
  std::string script = dir_.write("proc.sh", "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", "
                                             "\"SecretAccessKey\": \"secret-proc\"}'\n", true);
  config("[default]\ncredential_process = " + script + "\n");
  CredentialsResult result = chain();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "AKIDPROC");
  EXPECT_EQ(provider_->description(), "credential_process of profile default (" + config_path_ + ":2)");
}

TEST_F(ChainTest, ContainerAfterProfiles) {
  variables_["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/creds";
  CredentialsResult result = chain();
  EXPECT_FALSE(result.credentials);
  EXPECT_EQ(result.error, "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, "
                          "http://169.254.170.2/v2/creds): not reachable: Connection refused");
}

TEST_F(ChainTest, NothingFoundListsWhatWasTried) {
  CredentialsResult result = chain();
  EXPECT_FALSE(result.credentials);
  EXPECT_EQ(result.error, "no AWS credentials found; tried:\n"
                          "  - environment (AWS_ACCESS_KEY_ID is not set)\n"
                          "  - profile default (not in " + dir_.path() + "/config or " + dir_.path() + "/credentials)\n"
                          "  - web identity (AWS_WEB_IDENTITY_TOKEN_FILE is not set)\n"
                          "  - container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set)\n"
                          "  - EC2 instance metadata (http://169.254.169.254): not reachable (Connection refused)");
  ASSERT_EQ(http_->sent().size(), 1u);  // the IMDS token request
  EXPECT_EQ(provider_->get().error, result.error);
  EXPECT_EQ(http_->sent().size(), 1u) << "a failed resolution is remembered, not probed again";
  variables_["AWS_EC2_METADATA_DISABLED"] = "true";
  config("[default]\nregion = eu-west-1\n");
  http_ = fake_sts();
  CredentialsResult disabled = chain("default");
  EXPECT_NE(disabled.error.find("  - environment (not used: --profile was given)\n"
                                "  - profile default (" + config_path_ + ":1) (no credentials in it)\n"),
            std::string::npos) << disabled.error;
  EXPECT_NE(disabled.error.find("EC2 instance metadata (AWS_EC2_METADATA_DISABLED is set)"), std::string::npos);
  EXPECT_TRUE(http_->sent().empty());
}

// Every configuration mistake: the message names the profile and file:line, and shows no secret.
TEST_F(ChainTest, ConfigurationErrorsNameFileAndLineWithoutSecrets) {
  credentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret-base\n"
              "[half]\naws_secret_access_key = secret-base\n"
              "[halfkey]\naws_access_key_id = AKIDHALF\naws_session_token = token-base\n");
  struct Case {
    std::string profile;
    std::string config;
    std::string expected;  // with @ for the config path
  };
  const Case cases[] = {
      {"cycle", "[profile cycle]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = loop\n"
                "[profile loop]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = cycle\n",
       "profile loop (@:6): source_profile makes a cycle: cycle -> loop -> cycle"},
      {"missing", "[profile missing]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = nowhere\n",
       "profile missing (@:3): source_profile nowhere does not exist in @ or " + dir_.path() + "/credentials"},
      {"both", "[profile both]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\ncredential_source = Environment\n",
       "profile both (@:2): both source_profile and credential_source are set; keep one"},
      {"neither", "[profile neither]\nrole_arn = arn:aws:iam::1:role/A\n",
       "profile neither (@:2): role_arn needs source_profile or credential_source (or web_identity_token_file)"},
      {"mfa", "[profile mfa]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n",
       "profile mfa (@:4): mfa_serial needs an MFA code typed in, which stance does not ask for; use credentials "
       "from an MFA session (for example through credential_process)"},
      {"long", "[profile long]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\nduration_seconds = 99999\n",
       "profile long (@:4): duration_seconds must be a whole number from 900 to 43200"},
      {"kind", "[profile kind]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Laptop\n",
       "profile kind (@:3): credential_source must be Environment, Ec2InstanceMetadata or EcsContainer"},
      {"half", "[profile unused]\n", "profile half (" + dir_.path() + "/credentials:5): aws_secret_access_key is set "
                                     "but aws_access_key_id is not"},
      {"halfkey", "[profile unused]\n", "profile halfkey (" + dir_.path() + "/credentials:7): aws_access_key_id is "
                                        "set but aws_secret_access_key is not"},
      {"webnorole", "[profile webnorole]\nweb_identity_token_file = /t\n",
       "profile webnorole (@:2): web_identity_token_file needs role_arn"},
      {"empty", "[profile empty]\nregion = x\n[profile uses-empty]\n",
       "profile empty (@:1) (no credentials in it)"},
      {"nosuch", "[default]\n", "profile nosuch does not exist in @ or " + dir_.path() + "/credentials"},
      {"emptysource", "[profile emptysource]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = plain\n"
                      "[profile plain]\nregion = x\n",
       "profile emptysource (@:3): source_profile plain (@:4) configures no credentials"},
      {"broken", "[profile broken]\naws_secret_access_key secret-base\n",
       "shared config: @:2: expected 'name = value' (no '=' on this line)"},
  };
  variables_["AWS_EC2_METADATA_DISABLED"] = "true";
  for (const auto& c : cases) {
    config(c.config);
    CredentialsResult result = chain(c.profile);
    EXPECT_FALSE(result.credentials) << c.profile;
    std::string expected = c.expected;
    for (auto at = expected.find('@'); at != std::string::npos; at = expected.find('@')) {
      expected.replace(at, 1, config_path_);
    }
    EXPECT_NE(result.error.find(expected), std::string::npos) << c.profile << "\n" << result.error;
    expect_no_secret(result.error);
    expect_no_secret(provider_->description());
  }
}

TEST_F(ChainTest, WebIdentityEnvironmentWithoutRoleIsAnError) {
  variables_["AWS_WEB_IDENTITY_TOKEN_FILE"] = dir_.write("token", "eyJweb-token");
  CredentialsResult result = chain();
  EXPECT_EQ(result.error, "web identity: AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not");
}

TEST_F(ChainTest, RegionOrder) {
  config("[default]\nregion = eu-west-3\n[profile p]\nregion = ap-south-1\n");
  auto region = [&] { return resolve_region("", Environment::from_map(variables_)); };
  EXPECT_EQ(region().region, "eu-west-3");
  EXPECT_EQ(region().source, "profile default (" + config_path_ + ":2)");
  EXPECT_EQ(resolve_region("p", Environment::from_map(variables_)).region, "ap-south-1");
  variables_["AWS_DEFAULT_REGION"] = "us-east-2";
  EXPECT_EQ(region().region, "us-east-2");
  variables_["AWS_REGION"] = "ca-central-1";
  EXPECT_EQ(region().region, "ca-central-1");
  EXPECT_EQ(region().source, "AWS_REGION");
  EXPECT_EQ(resolve_region("", Environment::from_map({{"HOME", dir_.path() + "/none"}})).region, "");
}

TEST_F(ChainTest, StsRegionFollowsTheProfile) {
  config("[profile audit]\nregion = ap-southeast-2\nrole_arn = arn:aws:iam::3:role/Audit\nsource_profile = base\n");
  credentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret-base\n");
  CredentialChainOptions chain_options = options("audit");
  chain_options.region.clear();
  ASSERT_TRUE(make_default_credential_provider(chain_options)->get().credentials);
  EXPECT_NE(http_->sent().at(0).header("Authorization").find("/ap-southeast-2/sts/"), std::string::npos);
  EXPECT_EQ(sts_settings(chain_options).region, "ap-southeast-2");
}

}  // namespace
}  // namespace stance::aws::credentials
