// The AWS client's S3 (REST-XML), S3 Control and KMS calls against an in-process HTTP stand-in: addressing,
// S3's signing details, error decoding and the region redirect. (The wire against botocore's S3 signer is
// checked by the fake_aws tests.)
#include <gtest/gtest.h>

#include <deque>
#include <mutex>

#include "aws/aws_client.hpp"
#include "aws/sigv4.hpp"

namespace stance::aws {
namespace {

class ScriptedHttp final : public HttpClient {
 public:
  std::deque<HttpResult> replies;
  std::vector<std::pair<std::string, HttpRequest>> sent;

  HttpResult send(const std::string& base_url, const HttpRequest& request, const HttpOptions&) override {
    std::lock_guard lock(mutex_);
    sent.emplace_back(base_url, request);
    if (replies.empty()) return reply(200, "{}");
    HttpResult r = replies.front();
    replies.pop_front();
    return r;
  }
  static HttpResult reply(long status, std::string body, std::vector<HttpHeader> headers = {}) {
    HttpResult r;
    r.response = HttpResponse{status, std::move(headers), std::move(body)};
    return r;
  }
  static HttpResult failure(TransportError::Kind kind) {
    HttpResult r;
    r.error = {kind, "simulated"};
    return r;
  }

 private:
  std::mutex mutex_;
};

class FixedCredentials final : public CredentialProvider {
 public:
  bool fail = false;
  CredentialsResult get() override {
    if (fail) return {{}, "environment: AWS_SECRET_ACCESS_KEY is not set", {}};
    return {Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "the-session-token"}, "", {}};
  }
  std::string description() const override { return "test"; }
};

RetryPolicy fast_retries(int attempts = 4) {
  RetryPolicy p;
  p.max_attempts = attempts;
  p.base_delay = std::chrono::milliseconds(1);
  p.max_delay = std::chrono::milliseconds(2);
  return p;
}

struct ClientUnderTest {
  std::shared_ptr<ScriptedHttp> http = std::make_shared<ScriptedHttp>();
  std::shared_ptr<FixedCredentials> creds = std::make_shared<FixedCredentials>();
  AwsClient client;
  explicit ClientUnderTest(RetryPolicy retry = fast_retries(), Endpoints endpoints = {})
      : client(http, creds, std::move(endpoints), retry) {}
};

TEST(AwsClientS3, VirtualHostedOnThePublicEndpointWithS3Signing) {
  ClientUnderTest t;
  AwsResponse r = t.client.call_s3("eu-west-1", {.bucket = "logs-1", .query = {{"policy", ""}}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.region, "eu-west-1");
  const auto& [url, req] = t.http->sent[0];
  EXPECT_EQ(url, "https://logs-1.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.path, "/");
  EXPECT_EQ(canonical_query_string(req.query), "policy=");
  EXPECT_EQ(req.find_header("Host")->value, "logs-1.s3.eu-west-1.amazonaws.com");
  // The empty payload's SHA-256, sent and signed.
  ASSERT_NE(req.find_header("x-amz-content-sha256"), nullptr);
  EXPECT_EQ(req.find_header("x-amz-content-sha256")->value, sha256_hex(""));
  const std::string auth = req.find_header("Authorization")->value;
  EXPECT_NE(auth.find("/eu-west-1/s3/aws4_request"), std::string::npos) << auth;
  EXPECT_NE(auth.find("x-amz-content-sha256"), std::string::npos) << auth;
}

TEST(AwsClientS3, PathStyleForDottedNamesAndConfiguredEndpoints) {
  ClientUnderTest t;
  ASSERT_TRUE(t.client.call_s3("us-east-1", {.bucket = "my.logs", .query = {{"acl", ""}}}).ok());
  EXPECT_EQ(t.http->sent[0].first, "https://s3.us-east-1.amazonaws.com");
  EXPECT_EQ(t.http->sent[0].second.path, "/my.logs/");

  Endpoints custom;
  custom.override_url = "http://127.0.0.1:9000";
  ClientUnderTest local(fast_retries(), custom);
  ASSERT_TRUE(local.client.call_s3("us-east-1", {.bucket = "logs-1", .query = {{"versioning", ""}}}).ok());
  EXPECT_EQ(local.http->sent[0].first, "http://127.0.0.1:9000");
  EXPECT_EQ(local.http->sent[0].second.path, "/logs-1/");
  EXPECT_EQ(local.http->sent[0].second.find_header("Host")->value, "127.0.0.1:9000");
}

TEST(AwsClientS3, ANameThatIsNoHostLabelIsEncodedInThePath) {
  ClientUnderTest t;
  ASSERT_TRUE(t.client.call_s3("us-east-1", {.bucket = "evil.com/x?y", .query = {{"acl", ""}}}).ok());
  EXPECT_EQ(t.http->sent[0].first, "https://s3.us-east-1.amazonaws.com");
  EXPECT_EQ(t.http->sent[0].second.path, "/evil.com%2Fx%3Fy/");
  EXPECT_FALSE(t.client.call_s3("us-east-1", {.bucket = ""}).ok());
}

TEST(AwsClientS3, ErrorsAreDecodedFromS3ErrorXml) {
  ClientUnderTest t;
  t.http->replies = {ScriptedHttp::reply(404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucketPolicy"
                                              "</Code><Message>The bucket policy does not exist</Message>"
                                              "<BucketName>logs-1</BucketName></Error>")};
  AwsResponse r = t.client.call_s3("us-east-1", {.bucket = "logs-1", .query = {{"policy", ""}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, "NoSuchBucketPolicy");
  EXPECT_EQ(r.error->message, "The bucket policy does not exist");
  EXPECT_EQ(r.error->http_status, 404);
  EXPECT_EQ(r.attempts, 1);
}

TEST(AwsClientS3, ARedirectIsFollowedOnceToTheBucketsRegion) {
  ClientUnderTest t;
  t.http->replies = {
      ScriptedHttp::reply(301, "<Error><Code>PermanentRedirect</Code><Message>use the right endpoint</Message></Error>",
                          {{"x-amz-bucket-region", "ap-south-1"}}),
      ScriptedHttp::reply(200, "<VersioningConfiguration/>")};
  AwsResponse r = t.client.call_s3("us-east-1", {.bucket = "logs-1", .query = {{"versioning", ""}}});
  ASSERT_TRUE(r.ok()) << r.error->code;
  EXPECT_EQ(r.region, "ap-south-1");
  EXPECT_EQ(r.attempts, 2);
  ASSERT_EQ(t.http->sent.size(), 2u);
  EXPECT_EQ(t.http->sent[1].first, "https://logs-1.s3.ap-south-1.amazonaws.com");
  EXPECT_NE(t.http->sent[1].second.find_header("Authorization")->value.find("/ap-south-1/s3/"), std::string::npos);

  // The region named in the body of AuthorizationHeaderMalformed; a second redirect is not followed.
  ClientUnderTest u;
  u.http->replies = {
      ScriptedHttp::reply(400, "<Error><Code>AuthorizationHeaderMalformed</Code><Region>eu-north-1</Region></Error>"),
      ScriptedHttp::reply(301, "", {{"x-amz-bucket-region", "us-west-2"}})};
  AwsResponse again = u.client.call_s3("us-east-1", {.bucket = "logs-1", .query = {{"acl", ""}}});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error->code, "PermanentRedirect");
  EXPECT_EQ(u.http->sent.size(), 2u);
  EXPECT_EQ(u.http->sent[1].first, "https://logs-1.s3.eu-north-1.amazonaws.com");
}

TEST(AwsClientS3, ABodyCarriesContentMd5AndItsHash) {
  ClientUnderTest t;
  const std::string body = "<PublicAccessBlockConfiguration/>";
  ASSERT_TRUE(t.client.call_s3("us-east-1", {.method = "PUT", .bucket = "logs-1", .query = {{"publicAccessBlock", ""}},
                                             .body = body}).ok());
  const HttpRequest& req = t.http->sent[0].second;
  EXPECT_EQ(req.find_header("x-amz-content-sha256")->value, sha256_hex(body));
  ASSERT_NE(req.find_header("Content-MD5"), nullptr);
  EXPECT_EQ(req.find_header("Content-MD5")->value.size(), 24u);  // base64 of 16 bytes
}

TEST(AwsClientS3, S3ControlAddressesTheAccount) {
  ClientUnderTest t;
  ASSERT_TRUE(t.client.call_s3control("eu-west-1", "111111111111",
                                      {.path = "/v20180820/configuration/publicAccessBlock"}).ok());
  const auto& [url, req] = t.http->sent[0];
  EXPECT_EQ(url, "https://111111111111.s3-control.eu-west-1.amazonaws.com");
  EXPECT_EQ(req.path, "/v20180820/configuration/publicAccessBlock");
  EXPECT_EQ(req.find_header("x-amz-account-id")->value, "111111111111");
  EXPECT_NE(req.find_header("Authorization")->value.find("/eu-west-1/s3/aws4_request"), std::string::npos);
  EXPECT_FALSE(t.client.call_s3control("eu-west-1", "evil.com", {}).ok());
}

TEST(AwsClientKms, JsonWithTheTrentServiceTarget) {
  ClientUnderTest t;
  ASSERT_TRUE(t.client.call_json("kms", "eu-west-1", "GetKeyRotationStatus", R"({"KeyId":"k"})").ok());
  EXPECT_EQ(t.http->sent[0].first, "https://kms.eu-west-1.amazonaws.com");
  EXPECT_EQ(t.http->sent[0].second.find_header("X-Amz-Target")->value, "TrentService.GetKeyRotationStatus");
}

}  // namespace
}  // namespace stance::aws
