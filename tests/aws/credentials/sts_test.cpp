// AssumeRole and AssumeRoleWithWebIdentity through the real AwsClient over a fake HttpClient: what is sent
// (parameters, signature with the source keys, no signature for web identity), what is parsed, what errors say.
#include <gtest/gtest.h>

#include <regex>

#include "aws/credentials/basic_providers.hpp"
#include "aws/credentials/fake_http.hpp"
#include "aws/credentials/sts_providers.hpp"
#include "aws/credentials/test_files.hpp"

namespace stance::aws::credentials {
namespace {

using testing::FakeHttp;
using testing::respond;
using testing::SentRequest;
using testing::sts_credentials_xml;
using testing::sts_error_xml;
using testing::TempDir;

const Credentials kSource{"AKIDSOURCE", "secret-source-key", "token-source-session"};

StsSettings sts_for(std::shared_ptr<FakeHttp> http) {
  StsSettings sts;
  sts.http = std::move(http);
  sts.endpoints.override_url = "http://sts.fake";
  sts.region = "eu-west-1";
  sts.retry.max_attempts = 1;
  return sts;
}

void expect_no_secret(const std::string& text) {
  for (const std::string& secret : {kSource.secret_access_key, kSource.session_token, std::string("secret-role"),
                                    std::string("token-role"), std::string("eyJweb-identity-token")}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << text;
  }
}

TEST(AssumeRole, SendsParametersSignedWithTheSourceAndParsesTheResponse) {
  auto http = std::make_shared<FakeHttp>([](const SentRequest&) {
    return respond(200, sts_credentials_xml("AssumeRole", "ASIAROLE", "secret-role", "token-role",
                                            "2030-01-01T00:00:00.000Z"));
  });
  AssumeRoleOptions options;
  options.role_arn = "arn:aws:iam::111111111111:role/Audit";
  options.external_id = "ext-123";
  options.duration_seconds = 1800;
  auto provider = make_assume_role_provider(make_static_provider(kSource, "static source"), options, sts_for(http));
  CredentialsResult result = provider->get();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "ASIAROLE");
  EXPECT_EQ(result.credentials->secret_access_key, "secret-role");
  EXPECT_EQ(result.credentials->session_token, "token-role");
  ASSERT_TRUE(result.expires);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*result.expires), 1893456000);

  provider->get();  // cached: one call only
  auto sent = http->sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].base_url, "http://sts.fake");
  EXPECT_EQ(sent[0].request.method, "POST");
  auto form = sent[0].form();
  EXPECT_EQ(form["Action"], "AssumeRole");
  EXPECT_EQ(form["Version"], "2011-06-15");
  EXPECT_EQ(form["RoleArn"], "arn:aws:iam::111111111111:role/Audit");
  EXPECT_EQ(form["ExternalId"], "ext-123");
  EXPECT_EQ(form["DurationSeconds"], "1800");
  EXPECT_TRUE(std::regex_match(form["RoleSessionName"], std::regex("stance-[0-9]{10}"))) << form["RoleSessionName"];
  std::string authorization = sent[0].header("Authorization");
  EXPECT_NE(authorization.find("Credential=AKIDSOURCE/"), std::string::npos) << authorization;
  EXPECT_NE(authorization.find("/eu-west-1/sts/aws4_request"), std::string::npos) << authorization;
  EXPECT_EQ(sent[0].header("X-Amz-Security-Token"), kSource.session_token);
  EXPECT_EQ(provider->description(),
            "assumed role arn:aws:iam::111111111111:role/Audit (--role-arn; source: static source)");
}

TEST(AssumeRole, SessionNameAndNoOptionalParameters) {
  auto http = std::make_shared<FakeHttp>([](const SentRequest&) {
    return respond(200, sts_credentials_xml("AssumeRole", "ASIAROLE", "secret-role", "token-role",
                                            "2030-01-01T00:00:00Z"));
  });
  AssumeRoleOptions options;
  options.role_arn = "arn:aws:iam::222222222222:role/Audit";
  options.role_session_name = "audit-run";
  ASSERT_TRUE(make_assume_role_provider(make_static_provider(kSource, "s"), options, sts_for(http))->get().credentials);
  auto form = http->sent().at(0).form();
  EXPECT_EQ(form["RoleSessionName"], "audit-run");
  EXPECT_EQ(form.count("ExternalId"), 0u);
  EXPECT_EQ(form.count("DurationSeconds"), 0u);
}

TEST(AssumeRole, StsErrorIsNamedWithoutSecrets) {
  auto http = std::make_shared<FakeHttp>([](const SentRequest&) {
    return respond(403, sts_error_xml("AccessDenied", "User: arn:aws:iam::1:user/ci is not authorized to perform: "
                                                      "sts:AssumeRole on resource: arn:aws:iam::2:role/Audit"));
  });
  AssumeRoleOptions options;
  options.role_arn = "arn:aws:iam::2:role/Audit";
  options.origin = "profile prod (/c:4)";
  CredentialsResult result =
      make_assume_role_provider(make_static_provider(kSource, "s"), options, sts_for(http))->get();
  EXPECT_FALSE(result.credentials);
  EXPECT_EQ(result.error, "assume role arn:aws:iam::2:role/Audit (profile prod (/c:4)): STS AccessDenied: User: "
                          "arn:aws:iam::1:user/ci is not authorized to perform: sts:AssumeRole on resource: "
                          "arn:aws:iam::2:role/Audit");
  expect_no_secret(result.error);
}

TEST(AssumeRole, SourceFailureIsNamedAndNothingIsSent) {
  auto http = std::make_shared<FakeHttp>([](const SentRequest&) { return respond(500, ""); });
  AssumeRoleOptions options;
  options.role_arn = "arn:aws:iam::2:role/Audit";
  auto source = make_failing_provider("environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", "env");
  CredentialsResult result = make_assume_role_provider(source, options, sts_for(http))->get();
  EXPECT_EQ(result.error, "assume role arn:aws:iam::2:role/Audit (--role-arn): source credentials: environment: "
                          "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
  EXPECT_TRUE(http->sent().empty());
}

TEST(AssumeRole, MalformedResponses) {
  const std::pair<std::string, std::string> cases[] = {
      {"<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA</AccessKeyId><SecretAccessKey>"
       "secret-role</SecretAccessKey>",
       "not valid XML"},
      {"<AssumeRoleResponse><Other/></AssumeRoleResponse>", "no AssumeRoleResult/Credentials element"},
      {sts_credentials_xml("AssumeRole", "ASIA", "secret-role", "", "2030-01-01T00:00:00Z"), "no SessionToken"},
      {sts_credentials_xml("AssumeRole", "ASIA", "secret-role", "token-role", "soon"),
       "no Expiration, or not an ISO 8601 time"},
  };
  for (const auto& [body, expected] : cases) {
    auto http = std::make_shared<FakeHttp>([body = body](const SentRequest&) { return respond(200, body); });
    AssumeRoleOptions options;
    options.role_arn = "arn:aws:iam::2:role/Audit";
    CredentialsResult result = make_assume_role_provider(make_static_provider(kSource, "s"), options,
                                                         sts_for(http))->get();
    EXPECT_FALSE(result.credentials);
    EXPECT_NE(result.error.find("STS AssumeRole response: " + expected), std::string::npos) << result.error;
    expect_no_secret(result.error);
  }
}

TEST(WebIdentity, UnsignedWithTheTokenFromTheFile) {
  TempDir dir;
  std::string token_file = dir.write("token", "eyJweb-identity-token\n");
  auto http = std::make_shared<FakeHttp>([](const SentRequest&) {
    return respond(200, sts_credentials_xml("AssumeRoleWithWebIdentity", "ASIAWEB", "secret-role", "token-role",
                                            "2030-01-01T00:00:00Z"));
  });
  WebIdentityOptions options;
  options.role_arn = "arn:aws:iam::3:role/CI";
  options.token_file = token_file;
  options.role_session_name = "gha-run";
  options.origin = "environment (AWS_WEB_IDENTITY_TOKEN_FILE)";
  auto provider = make_web_identity_provider(options, sts_for(http));
  CredentialsResult result = provider->get();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "ASIAWEB");
  auto sent = http->sent();
  ASSERT_EQ(sent.size(), 1u);
  auto form = sent[0].form();
  EXPECT_EQ(form["Action"], "AssumeRoleWithWebIdentity");
  EXPECT_EQ(form["WebIdentityToken"], "eyJweb-identity-token");
  EXPECT_EQ(form["RoleArn"], "arn:aws:iam::3:role/CI");
  EXPECT_EQ(form["RoleSessionName"], "gha-run");
  EXPECT_EQ(sent[0].header("Authorization"), "");
  EXPECT_EQ(provider->description(), "web identity role arn:aws:iam::3:role/CI (environment (AWS_WEB_IDENTITY_TOKEN_FILE))");
}

TEST(WebIdentity, ErrorsNeverShowTheToken) {
  TempDir dir;
  std::string token_file = dir.write("token", "eyJweb-identity-token");
  // A server (or a proxy) whose error page echoes the request body, token included.
  auto http = std::make_shared<FakeHttp>([](const SentRequest& sent) {
    return respond(400, "<html>bad request: " + sent.request.body + "</html>");
  });
  WebIdentityOptions options;
  options.role_arn = "arn:aws:iam::3:role/CI";
  options.token_file = token_file;
  options.origin = "o";
  CredentialsResult echoed = make_web_identity_provider(options, sts_for(http))->get();
  EXPECT_FALSE(echoed.credentials);
  EXPECT_NE(echoed.error.find("web identity role arn:aws:iam::3:role/CI (o): STS "), std::string::npos) << echoed.error;
  expect_no_secret(echoed.error);

  auto refused = std::make_shared<FakeHttp>([](const SentRequest&) {
    return respond(400, sts_error_xml("InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider"));
  });
  CredentialsResult invalid = make_web_identity_provider(options, sts_for(refused))->get();
  EXPECT_EQ(invalid.error, "web identity role arn:aws:iam::3:role/CI (o): STS InvalidIdentityToken: Couldn't "
                           "retrieve verification key from your identity provider");

  options.token_file = dir.path() + "/missing";
  CredentialsResult missing = make_web_identity_provider(options, sts_for(refused))->get();
  EXPECT_EQ(missing.error, "web identity role arn:aws:iam::3:role/CI (o): the token file " + dir.path() +
                               "/missing cannot be read");
  options.token_file = dir.write("empty", "\n");
  EXPECT_NE(make_web_identity_provider(options, sts_for(refused))->get().error.find("is empty"), std::string::npos);
}

}  // namespace
}  // namespace stance::aws::credentials
