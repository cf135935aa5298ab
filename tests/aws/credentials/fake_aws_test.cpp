// The credential providers against the test AWS endpoint (tests/aws/fake_aws, signatures checked by botocore):
// AssumeRole through source_profile, web identity, IMDSv2 and ECS, each proven by a signed GetCallerIdentity
// with the credentials obtained; a refresh when issued keys expire; errors without secrets.
// Skipped when the endpoint cannot run here (no /usr/bin/python3 with botocore).
#include <gtest/gtest.h>

#include <thread>

#include "aws/aws_client.hpp"
#include "aws/credentials/default_chain.hpp"
#include "aws/credentials/test_files.hpp"
#include "aws/fake_aws/fixture.hpp"

namespace stance::aws::credentials {
namespace {

using stance::testing::FakeAws;
using testing::TempDir;

// Account 111111111111 holds the base key; 222222222222 has the role Audit (external ID required) and CI
// (assumable with the web identity token); IMDS and ECS serve roles of 111111111111.
const char* const kState = R"({
  "credentials": {
    "AKIDCREDSBASE0001": { "secret": "creds-base-secret-0001", "account": "111111111111",
                           "arn": "arn:aws:iam::111111111111:user/auditor" }
  },
  "accounts": {
    "111111111111": { "regions": ["us-east-1"] },
    "222222222222": { "regions": ["us-east-1"],
                      "roles": { "Audit": { "external_id": "ext-0001" }, "CI": { "external_id": null } } }
  },
  "web_identity_tokens": { "web-identity-token-0001": "arn:aws:iam::222222222222:role/CI" },
  "instance_credentials": { "account": "111111111111", "role": "ec2-role" },
  "container_credentials": { "account": "111111111111", "role": "task-role", "token": "ecs-auth-token-0001" },
  "temporary_credential_seconds": 3600
})";

const char* const kSecrets[] = {"creds-base-secret-0001", "web-identity-token-0001", "ecs-auth-token-0001"};

class FakeAwsCredentials : public ::testing::Test {
 protected:
  // One server for the suite (starting one takes seconds); each test starts from an empty call log.
  static void SetUpTestSuite() {
    if (!FakeAws::unavailable()) shared_ = new FakeAws(kState);
  }
  static void TearDownTestSuite() {
    delete shared_;
    shared_ = nullptr;
  }

  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << "test AWS endpoint unavailable: " << *why;
    aws_ = shared_;
    aws_->reset_calls();
    http_ = make_curl_http_client();
    variables_ = {{"HOME", dir_.path()},
                  {"AWS_CONFIG_FILE", dir_.path() + "/config"},
                  {"AWS_SHARED_CREDENTIALS_FILE", dir_.path() + "/credentials"},
                  {"AWS_EC2_METADATA_DISABLED", "true"}};
  }

  CredentialChainOptions options(const std::string& profile = {}) {
    CredentialChainOptions options;
    options.profile = profile;
    options.http = http_;
    Endpoints endpoints;
    endpoints.override_url = aws_->endpoint();
    options.endpoints = endpoints;
    options.region = "us-east-1";
    options.environment = Environment::from_map(variables_);
    return options;
  }

  // The caller ARN STS reports for these credentials: proof that they sign requests the server accepts.
  std::string caller_arn(std::shared_ptr<CredentialProvider> provider) {
    AwsClient client(http_, std::move(provider), *options().endpoints);
    AwsResponse response = client.call_query("sts", "us-east-1", "GetCallerIdentity", {});
    if (!response.ok()) return "error: " + response.error->code + ": " + response.error->message;
    auto start = response.body.find("<Arn>");
    auto end = response.body.find("</Arn>");
    return start == std::string::npos ? response.body : response.body.substr(start + 5, end - start - 5);
  }

  void expect_no_secret(const std::string& text) {
    for (const char* secret : kSecrets) EXPECT_EQ(text.find(secret), std::string::npos) << text;
  }

  static inline FakeAws* shared_ = nullptr;
  TempDir dir_;
  FakeAws* aws_ = nullptr;
  std::shared_ptr<HttpClient> http_;
  std::map<std::string, std::string> variables_;
};

TEST_F(FakeAwsCredentials, AssumeRoleThroughSourceProfile) {
  dir_.write("config", "[profile audit]\nrole_arn = arn:aws:iam::222222222222:role/Audit\nsource_profile = base\n"
                       "external_id = ext-0001\nrole_session_name = stance-test\n");
  dir_.write("credentials", "[base]\naws_access_key_id = AKIDCREDSBASE0001\n"
                            "aws_secret_access_key = creds-base-secret-0001\n");
  auto provider = make_default_credential_provider(options("audit"));
  EXPECT_EQ(caller_arn(provider), "arn:aws:sts::222222222222:assumed-role/Audit/stance-test");
  EXPECT_EQ(aws_->call_count("AssumeRole"), 1);
  caller_arn(provider);
  EXPECT_EQ(aws_->call_count("AssumeRole"), 1) << "the role's credentials are cached";
}

TEST_F(FakeAwsCredentials, AssumeRoleRefusedNamesStsErrorWithoutSecrets) {
  dir_.write("config", "[profile audit]\nrole_arn = arn:aws:iam::222222222222:role/Audit\nsource_profile = base\n"
                       "external_id = wrong-external-id\n");
  dir_.write("credentials", "[base]\naws_access_key_id = AKIDCREDSBASE0001\n"
                            "aws_secret_access_key = creds-base-secret-0001\n");
  CredentialsResult result = make_default_credential_provider(options("audit"))->get();
  EXPECT_FALSE(result.credentials);
  EXPECT_NE(result.error.find("assume role arn:aws:iam::222222222222:role/Audit (profile audit ("), std::string::npos)
      << result.error;
  EXPECT_NE(result.error.find("STS AccessDenied: User: arn:aws:iam::111111111111:user/auditor is not authorized to "
                              "perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Audit"),
            std::string::npos) << result.error;
  expect_no_secret(result.error);
}

TEST_F(FakeAwsCredentials, WebIdentityFromEnvironment) {
  variables_["AWS_WEB_IDENTITY_TOKEN_FILE"] = dir_.write("token", "web-identity-token-0001");
  variables_["AWS_ROLE_ARN"] = "arn:aws:iam::222222222222:role/CI";
  variables_["AWS_ROLE_SESSION_NAME"] = "ci-run";
  auto provider = make_default_credential_provider(options());
  EXPECT_EQ(caller_arn(provider), "arn:aws:sts::222222222222:assumed-role/CI/ci-run");

  dir_.write("token", "not-a-known-token");
  variables_["AWS_ROLE_SESSION_NAME"] = "ci-run-2";
  CredentialsResult refused = make_default_credential_provider(options())->get();
  EXPECT_NE(refused.error.find("STS InvalidIdentityToken"), std::string::npos) << refused.error;
  EXPECT_EQ(refused.error.find("not-a-known-token"), std::string::npos) << refused.error;
}

TEST_F(FakeAwsCredentials, InstanceMetadataV2) {
  variables_.erase("AWS_EC2_METADATA_DISABLED");
  variables_["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = aws_->endpoint();
  auto provider = make_default_credential_provider(options());
  EXPECT_EQ(caller_arn(provider), "arn:aws:sts::111111111111:assumed-role/ec2-role/i-0123456789abcdef0");
  EXPECT_EQ(aws_->call_count("IMDSGetToken"), 1);
  EXPECT_EQ(provider->description(), "EC2 instance metadata (" + aws_->endpoint() + ")");
}

TEST_F(FakeAwsCredentials, ContainerWithAuthorizationToken) {
  variables_["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = aws_->endpoint() + "/ecs/credentials";
  variables_["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = dir_.write("ecs-token", "ecs-auth-token-0001\n");
  auto provider = make_default_credential_provider(options());
  std::string arn = caller_arn(provider);
  EXPECT_TRUE(arn.starts_with("arn:aws:sts::111111111111:assumed-role/task-role/")) << arn;

  variables_.erase("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  variables_["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "wrong-token";
  CredentialsResult refused = make_default_credential_provider(options())->get();
  EXPECT_NE(refused.error.find("HTTP 401 (the authorization token was refused)"), std::string::npos) << refused.error;
  EXPECT_EQ(refused.error.find("wrong-token"), std::string::npos) << refused.error;
}

TEST_F(FakeAwsCredentials, ExplicitRoleArnRefreshesWhenIssuedKeysExpire) {
  std::string state = kState;  // a server of its own, whose keys live three seconds
  const std::string lifetime = "\"temporary_credential_seconds\": 3600";
  state.replace(state.find(lifetime), lifetime.size(), "\"temporary_credential_seconds\": 3");
  FakeAws short_lived(state);
  aws_ = &short_lived;
  CredentialChainOptions chain = options();
  AssumeRoleOptions role;
  role.role_arn = "arn:aws:iam::222222222222:role/Audit";
  role.external_id = "ext-0001";
  RefreshOptions refresh;
  refresh.refresh_before = std::chrono::seconds(2);
  refresh.min_refresh_interval = std::chrono::seconds(0);
  auto source = make_default_credential_provider([&] {
    variables_["AWS_ACCESS_KEY_ID"] = "AKIDCREDSBASE0001";
    variables_["AWS_SECRET_ACCESS_KEY"] = "creds-base-secret-0001";
    return options();
  }());
  auto provider = make_assume_role_provider(source, role, sts_settings(chain), refresh);
  CredentialsResult first = provider->get();
  ASSERT_TRUE(first.credentials) << first.error;
  EXPECT_TRUE(caller_arn(provider).starts_with("arn:aws:sts::222222222222:assumed-role/Audit/stance-"));
  // The server's Expiration has whole seconds: after 2.5 s at most 1.5 s are left, inside the 2 s window.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CredentialsResult second = provider->get();
  ASSERT_TRUE(second.credentials) << second.error;
  EXPECT_NE(second.credentials->access_key_id, first.credentials->access_key_id);
  EXPECT_GE(aws_->call_count("AssumeRole"), 2);
  EXPECT_TRUE(caller_arn(provider).starts_with("arn:aws:sts::222222222222:assumed-role/Audit/stance-"));
}

}  // namespace
}  // namespace stance::aws::credentials
