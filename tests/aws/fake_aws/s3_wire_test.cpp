// stance's S3, S3 Control and KMS calls on the wire against the test endpoint, whose botocore S3 signer
// checks every signature: path-style through a configured endpoint, and virtual-hosted exactly as it goes to
// AWS (Host: BUCKET.s3.REGION.amazonaws.com), by a transport that delivers to the test endpoint instead.
#include <gtest/gtest.h>

#include "aws/aws_client.hpp"
#include "aws/credentials/basic_providers.hpp"
#include "aws/fake_aws/fixture.hpp"

namespace stance::aws {
namespace {

using stance::testing::FakeAws;

// Sends every request to the test endpoint, keeping the request (its Host header included) as signed.
class DeliverToFake final : public HttpClient {
 public:
  DeliverToFake(std::string endpoint) : endpoint_(std::move(endpoint)), real_(make_curl_http_client()) {}
  HttpResult send(const std::string& base_url, const HttpRequest& request, const HttpOptions& options) override {
    last_base_url = base_url;
    return real_->send(endpoint_, request, options);
  }
  std::string last_base_url;

 private:
  std::string endpoint_;
  std::unique_ptr<HttpClient> real_;
};

class S3Wire : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    fake = std::make_unique<FakeAws>(FakeAws::read_file(FakeAws::data_file("buckets.json")));
  }
  AwsClient client(std::shared_ptr<HttpClient> http, Endpoints endpoints) {
    RetryPolicy retry;
    retry.max_attempts = 2;
    retry.base_delay = std::chrono::milliseconds(1);
    return AwsClient(std::move(http),
                     credentials::make_static_provider({"AKIDMANAGEMENT0001", "management-secret-0001", ""}, "test"),
                     std::move(endpoints), retry);
  }
  std::unique_ptr<FakeAws> fake;
};

TEST_F(S3Wire, PathStyleThroughTheConfiguredEndpoint) {
  Endpoints endpoints;
  endpoints.override_url = fake->endpoint();
  AwsClient c = client(std::shared_ptr<HttpClient>(make_curl_http_client()), endpoints);
  AwsResponse policy = c.call_s3("eu-west-1", {.bucket = "trail-logs", .query = {{"policy", ""}}});
  ASSERT_TRUE(policy.ok()) << policy.error->code << ": " << policy.error->message;
  EXPECT_NE(policy.body.find("\"Sid\": \"Public\""), std::string::npos) << policy.body;
  // Asked in the wrong region: the redirect is followed and says where it was answered.
  AwsResponse versioning = c.call_s3("us-east-1", {.bucket = "trail-logs", .query = {{"versioning", ""}}});
  ASSERT_TRUE(versioning.ok()) << versioning.error->code;
  EXPECT_EQ(versioning.region, "eu-west-1");
  EXPECT_NE(versioning.body.find("<Status>Enabled</Status>"), std::string::npos);
  // A PUT with its body's hash and Content-MD5.
  AwsResponse put = c.call_s3("eu-west-1", {.method = "PUT", .bucket = "trail-logs", .query = {{"publicAccessBlock", ""}},
                                            .body = "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/"
                                                    "2006-03-01/\"><BlockPublicAcls>true</BlockPublicAcls>"
                                                    "<IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true"
                                                    "</BlockPublicPolicy><RestrictPublicBuckets>true"
                                                    "</RestrictPublicBuckets></PublicAccessBlockConfiguration>"});
  ASSERT_TRUE(put.ok()) << put.error->code << ": " << put.error->message;
  AwsResponse block = c.call_s3("eu-west-1", {.bucket = "trail-logs", .query = {{"publicAccessBlock", ""}}});
  ASSERT_TRUE(block.ok());
  EXPECT_NE(block.body.find("<RestrictPublicBuckets>true</RestrictPublicBuckets>"), std::string::npos);
  // S3 Control, the account's own block.
  AwsResponse account = c.call_s3control("us-east-1", "111111111111", {.path = "/v20180820/configuration/publicAccessBlock"});
  ASSERT_TRUE(account.ok()) << account.error->code << ": " << account.error->message;
  EXPECT_NE(account.body.find("<BlockPublicAcls>true</BlockPublicAcls>"), std::string::npos);
  // KMS.
  AwsResponse rotation = c.call_json("kms", "eu-west-1", "GetKeyRotationStatus",
                                     R"({"KeyId":"0b3d6a4e-1111-2222-3333-444455556666"})");
  ASSERT_TRUE(rotation.ok()) << rotation.error->code;
  EXPECT_NE(rotation.body.find("\"KeyRotationEnabled\": false"), std::string::npos);
}

TEST_F(S3Wire, VirtualHostedAsSentToAws) {
  auto http = std::make_shared<DeliverToFake>(fake->endpoint());
  AwsClient c = client(http, Endpoints{});
  AwsResponse acl = c.call_s3("eu-west-1", {.bucket = "trail-logs", .query = {{"acl", ""}}});
  ASSERT_TRUE(acl.ok()) << acl.error->code << ": " << acl.error->message;
  EXPECT_EQ(http->last_base_url, "https://trail-logs.s3.eu-west-1.amazonaws.com");
  EXPECT_NE(acl.body.find("groups/global/AllUsers"), std::string::npos);
  AwsResponse redirected = c.call_s3("ap-south-1", {.bucket = "trail-logs", .query = {{"logging", ""}}});
  ASSERT_TRUE(redirected.ok()) << redirected.error->code;
  EXPECT_EQ(http->last_base_url, "https://trail-logs.s3.eu-west-1.amazonaws.com");
  AwsResponse account = c.call_s3control("eu-west-1", "111111111111", {.path = "/v20180820/configuration/publicAccessBlock"});
  ASSERT_TRUE(account.ok()) << account.error->code << ": " << account.error->message;
  EXPECT_EQ(http->last_base_url, "https://111111111111.s3-control.eu-west-1.amazonaws.com");
}

TEST_F(S3Wire, ABadSignatureIsRefusedAsS3Does) {
  Endpoints endpoints;
  endpoints.override_url = fake->endpoint();
  RetryPolicy retry;
  retry.max_attempts = 1;
  AwsClient wrong(std::shared_ptr<HttpClient>(make_curl_http_client()),
                  credentials::make_static_provider({"AKIDMANAGEMENT0001", "not-the-secret", ""}, "test"), endpoints,
                  retry);
  AwsResponse r = wrong.call_s3("eu-west-1", {.bucket = "trail-logs", .query = {{"policy", ""}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, "SignatureDoesNotMatch");
  EXPECT_EQ(r.error->http_status, 403);
}

}  // namespace
}  // namespace stance::aws
