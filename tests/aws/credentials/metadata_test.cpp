// ECS container credentials and EC2 instance metadata (IMDSv2) over a fake HttpClient: URLs, headers, the
// token dance, IMDSv1 fallback, fast failure off EC2, and errors that never show a token or a secret.
#include <gtest/gtest.h>

#include "aws/credentials/container_provider.hpp"
#include "aws/credentials/fake_http.hpp"
#include "aws/credentials/imds_provider.hpp"
#include "aws/credentials/test_files.hpp"

namespace stance::aws::credentials {
namespace {

using testing::FakeHttp;
using testing::respond;
using testing::SentRequest;
using testing::TempDir;
using testing::unreachable;

const std::string kCredentialsJson = R"({"AccessKeyId": "ASIAMETA", "SecretAccessKey": "secret-meta",
  "Token": "token-meta", "Expiration": "2030-01-01T00:00:00Z", "RoleArn": "arn:aws:iam::1:role/task"})";

void expect_no_secret(const std::string& text) {
  for (const char* secret : {"secret-meta", "token-meta", "auth-token-value", "imds-session-token"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << text;
  }
}

TEST(Container, RelativeUriGoesToTheEcsAgent) {
  auto http = std::make_shared<FakeHttp>([](const SentRequest&) { return respond(200, kCredentialsJson); });
  auto provider = make_container_provider(
      http, Environment::from_map({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc?x=1"}}));
  CredentialsResult result = provider->get();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "ASIAMETA");
  EXPECT_EQ(result.credentials->session_token, "token-meta");
  EXPECT_TRUE(result.expires);
  auto sent = http->sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].base_url, "http://169.254.170.2");
  EXPECT_EQ(sent[0].request.method, "GET");
  EXPECT_EQ(sent[0].request.path, "/v2/credentials/abc");
  ASSERT_EQ(sent[0].request.query.size(), 1u);
  EXPECT_EQ(sent[0].request.query[0], (QueryParam{"x", "1"}));
  EXPECT_EQ(sent[0].header("Authorization"), "");
  EXPECT_EQ(provider->description(), "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)");
}

TEST(Container, FullUriWithAuthorizationTokenFromFileOrVariable) {
  TempDir dir;
  std::string token_file = dir.write("token", "auth-token-value\n");
  auto http = std::make_shared<FakeHttp>([](const SentRequest&) { return respond(200, kCredentialsJson); });
  auto from_file = make_container_provider(
      http, Environment::from_map({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9911/creds"},
                                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file},
                                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored-when-file-set"}}));
  ASSERT_TRUE(from_file->get().credentials);
  auto from_variable = make_container_provider(
      http, Environment::from_map({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "https://creds.example.com/x"},
                                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-token-value"}}));
  ASSERT_TRUE(from_variable->get().credentials);
  auto sent = http->sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].base_url, "http://127.0.0.1:9911");
  EXPECT_EQ(sent[0].request.path, "/creds");
  EXPECT_EQ(sent[0].header("Authorization"), "auth-token-value");
  EXPECT_EQ(sent[1].base_url, "https://creds.example.com");
  EXPECT_EQ(sent[1].header("Authorization"), "auth-token-value");
}

TEST(Container, ErrorsNameTheVariableAndHideTheToken) {
  auto refuse = std::make_shared<FakeHttp>([](const SentRequest& sent) {
    return respond(401, "denied for token " + sent.header("Authorization"));
  });
  Environment environment = Environment::from_map({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://localhost:1/c?k=v"},
                                                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-token-value"}});
  CredentialsResult refused = make_container_provider(refuse, environment)->get();
  EXPECT_EQ(refused.error, "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI, http://localhost:1/c): "
                           "HTTP 401 (the authorization token was refused)");
  expect_no_secret(refused.error);

  auto remote = make_container_provider(
      refuse, Environment::from_map({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example.com/c"}}));
  EXPECT_NE(remote->get().error.find("plain http is allowed only to a loopback address"), std::string::npos);
  EXPECT_EQ(refuse->sent().size(), 1u);  // the remote plain-http URL was never called

  auto down = std::make_shared<FakeHttp>([](const SentRequest&) { return unreachable("Connection refused"); });
  CredentialsResult unreachable_result = make_container_provider(
      down, Environment::from_map({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/x"}}))->get();
  EXPECT_EQ(unreachable_result.error, "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, "
                                      "http://169.254.170.2/v2/x): not reachable: Connection refused");
  EXPECT_EQ(down->sent().size(), 3u);  // three attempts

  auto garbage = std::make_shared<FakeHttp>([](const SentRequest&) {
    return respond(200, R"({"AccessKeyId": "A", "SecretAccessKey": "secret-meta"})");
  });
  CredentialsResult bad = make_container_provider(
      garbage, Environment::from_map({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/x"}}))->get();
  EXPECT_NE(bad.error.find("the response is not valid credentials: no Token"), std::string::npos) << bad.error;
  expect_no_secret(bad.error);

  EXPECT_NE(make_container_provider(garbage, Environment::from_map({{"AWS_CONTAINER_CREDENTIALS_FULL_URI",
                                                                      "ftp://x"}}))->get().error.find(
                "not an http:// or https:// URL"), std::string::npos);
}

// An instance metadata service: token, role listing, credentials.
HttpResult imds(const SentRequest& sent, bool v2 = true) {
  if (sent.request.method == "PUT" && sent.request.path == "/latest/api/token") {
    if (!v2) return respond(403, "");
    if (sent.header("X-aws-ec2-metadata-token-ttl-seconds").empty()) return respond(400, "");
    return respond(200, "imds-session-token");
  }
  if (v2 && sent.header("X-aws-ec2-metadata-token") != "imds-session-token") return respond(401, "");
  if (sent.request.path == "/latest/meta-data/iam/security-credentials/") return respond(200, "InstanceRole\n");
  if (sent.request.path == "/latest/meta-data/iam/security-credentials/InstanceRole") {
    return respond(200, R"({"Code": "Success", "LastUpdated": "2026-11-27T09:00:00Z", "Type": "AWS-HMAC",
      "AccessKeyId": "ASIAMETA", "SecretAccessKey": "secret-meta", "Token": "token-meta",
      "Expiration": "2030-01-01T00:00:00Z"})");
  }
  return respond(404, "");
}

TEST(Imds, TokenThenRoleThenCredentials) {
  auto http = std::make_shared<FakeHttp>([](const SentRequest& sent) { return imds(sent); });
  auto provider = make_imds_provider(http, Environment::from_map({}));
  CredentialsResult result = provider->get();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "ASIAMETA");
  EXPECT_EQ(result.credentials->secret_access_key, "secret-meta");
  auto sent = http->sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].base_url, "http://169.254.169.254");
  EXPECT_EQ(sent[0].request.method, "PUT");
  EXPECT_EQ(sent[0].header("X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(sent[1].request.method, "GET");
  EXPECT_EQ(sent[2].request.path, "/latest/meta-data/iam/security-credentials/InstanceRole");
  EXPECT_EQ(sent[0].options.total_timeout, std::chrono::milliseconds(1000));  // fails fast off EC2
  EXPECT_EQ(provider->description(), "EC2 instance metadata (http://169.254.169.254)");
}

TEST(Imds, EndpointOverrideTimeoutAndAttemptsFromEnvironment) {
  auto http = std::make_shared<FakeHttp>([](const SentRequest&) { return unreachable("Connection timed out"); });
  auto provider = make_imds_provider(http, Environment::from_map({{"AWS_EC2_METADATA_SERVICE_ENDPOINT",
                                                                   "http://127.0.0.1:1338/"},
                                                                  {"AWS_METADATA_SERVICE_TIMEOUT", "0.5"},
                                                                  {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2"}}));
  CredentialsResult result = provider->get();
  EXPECT_EQ(result.error, "EC2 instance metadata (http://127.0.0.1:1338): not reachable (Connection timed out)");
  auto sent = http->sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].base_url, "http://127.0.0.1:1338");
  EXPECT_EQ(sent[0].options.connect_timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(imds_endpoint(Environment::from_map({{"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6"}})),
            "http://[fd00:ec2::254]");
  EXPECT_TRUE(imds_disabled(Environment::from_map({{"AWS_EC2_METADATA_DISABLED", "true"}})));
  EXPECT_FALSE(imds_disabled(Environment::from_map({{"AWS_EC2_METADATA_DISABLED", "false"}})));
}

TEST(Imds, FallsBackToV1WhenTokensAreRefusedUnlessV1IsDisabled) {
  auto http = std::make_shared<FakeHttp>([](const SentRequest& sent) { return imds(sent, false); });
  CredentialsResult v1 = make_imds_provider(http, Environment::from_map({}))->get();
  ASSERT_TRUE(v1.credentials) << v1.error;
  EXPECT_EQ(http->sent().at(1).header("X-aws-ec2-metadata-token"), "");
  CredentialsResult v2_only =
      make_imds_provider(http, Environment::from_map({{"AWS_EC2_METADATA_V1_DISABLED", "true"}}))->get();
  EXPECT_EQ(v2_only.error, "EC2 instance metadata (http://169.254.169.254): the session token request "
                           "(PUT /latest/api/token) got HTTP 403");
}

TEST(Imds, NoRoleAndBadCredentials) {
  auto no_role = std::make_shared<FakeHttp>([](const SentRequest& sent) {
    if (sent.request.method == "PUT") return respond(200, "imds-session-token");
    return respond(404, "");
  });
  EXPECT_EQ(make_imds_provider(no_role, Environment::from_map({}))->get().error,
            "EC2 instance metadata (http://169.254.169.254): no IAM role is attached to this instance");
  auto failed = std::make_shared<FakeHttp>([](const SentRequest& sent) {
    if (sent.request.method == "PUT") return respond(200, "imds-session-token");
    if (sent.request.path.ends_with("/")) return respond(200, "InstanceRole");
    return respond(200, R"({"Code": "AssumeRoleUnauthorizedAccess", "AccessKeyId": "A",
      "SecretAccessKey": "secret-meta", "Token": "token-meta", "Expiration": "2030-01-01T00:00:00Z"})");
  });
  CredentialsResult result = make_imds_provider(failed, Environment::from_map({}))->get();
  EXPECT_EQ(result.error, "EC2 instance metadata (http://169.254.169.254): the credentials of role InstanceRole are "
                          "not valid: Code is not Success");
  expect_no_secret(result.error);
  auto weird_role = std::make_shared<FakeHttp>([](const SentRequest& sent) {
    if (sent.request.method == "PUT") return respond(200, "imds-session-token");
    return respond(200, "../../etc secret-meta");
  });
  CredentialsResult weird = make_imds_provider(weird_role, Environment::from_map({}))->get();
  EXPECT_NE(weird.error.find("not a valid IAM role name"), std::string::npos);
  expect_no_secret(weird.error);
}

}  // namespace
}  // namespace stance::aws::credentials
