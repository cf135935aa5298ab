// The AWS client against an in-process HTTP stand-in: request shapes, error decoding, retries.
// (Wire-level behaviour against a real-protocol server is in the fake_aws integration tests.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <deque>
#include <mutex>

#include "aws/aws_client.hpp"
#include "aws/xml.hpp"

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

TEST(AwsClient, JsonProtocolRequestShape) {
  ClientUnderTest t;
  AwsResponse r = t.client.call_json("cloudtrail", "eu-west-1", "GetEventSelectors", R"({"TrailName":"main"})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(t.http->sent.size(), 1u);
  const auto& [url, req] = t.http->sent[0];
  EXPECT_EQ(url, "https://cloudtrail.eu-west-1.amazonaws.com");
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.find_header("Host")->value, "cloudtrail.eu-west-1.amazonaws.com");
  EXPECT_EQ(req.find_header("X-Amz-Target")->value,
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetEventSelectors");
  EXPECT_EQ(req.find_header("Content-Type")->value, "application/x-amz-json-1.1");
  EXPECT_EQ(req.find_header("X-Amz-Security-Token")->value, "the-session-token");
  const std::string auth = req.find_header("Authorization")->value;
  EXPECT_NE(auth.find("Credential=AKIDEXAMPLE/"), std::string::npos) << auth;
  EXPECT_NE(auth.find("/eu-west-1/cloudtrail/aws4_request"), std::string::npos) << auth;
  EXPECT_EQ(auth.find("wJalrXUtnFEMI"), std::string::npos);
  EXPECT_EQ(req.body, R"({"TrailName":"main"})");
}

TEST(AwsClient, QueryProtocolRequestShapeAndOrganizationsSigningRegion) {
  ClientUnderTest t;
  ASSERT_TRUE(t.client.call_query("sts", "ap-south-1", "GetCallerIdentity", {}).ok());
  EXPECT_EQ(t.http->sent[0].second.body, "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(t.http->sent[0].first, "https://sts.ap-south-1.amazonaws.com");
  ASSERT_TRUE(t.client.call_query("ec2", "us-west-2", "DescribeRegions", {{"AllRegions", "false"}}).ok());
  EXPECT_EQ(t.http->sent[1].second.body, "Action=DescribeRegions&AllRegions=false&Version=2016-11-15");
  ASSERT_TRUE(t.client.call_json("organizations", "eu-central-1", "ListAccounts", "{}").ok());
  EXPECT_EQ(t.http->sent[2].first, "https://organizations.us-east-1.amazonaws.com");
  EXPECT_NE(t.http->sent[2].second.find_header("Authorization")->value.find("/us-east-1/organizations/"),
            std::string::npos);
}

TEST(AwsClient, UnsignedCallsCarryNoAuthorization) {
  ClientUnderTest t;
  t.creds->fail = true;  // not even asked
  ASSERT_TRUE(t.client.call_query("sts", "us-east-1", "AssumeRoleWithWebIdentity", {}, {.sign = false}).ok());
  EXPECT_EQ(t.http->sent[0].second.find_header("Authorization"), nullptr);
}

TEST(AwsClient, ThrottlingIsRetriedThenSucceeds) {
  ClientUnderTest t;
  t.http->replies = {ScriptedHttp::reply(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})"),
                     ScriptedHttp::reply(503, ""),
                     ScriptedHttp::failure(TransportError::Kind::Truncated),
                     ScriptedHttp::reply(200, R"({"IsLogging":true})")};
  AwsResponse r = t.client.call_json("cloudtrail", "us-east-1", "GetTrailStatus", "{}");
  ASSERT_TRUE(r.ok()) << r.error->code;
  EXPECT_EQ(r.attempts, 4);
  EXPECT_EQ(r.body, R"({"IsLogging":true})");
  EXPECT_EQ(t.client.requests_sent(), 4);
  // Each attempt is signed anew (a retried request must not reuse a stale X-Amz-Date).
  EXPECT_EQ(t.http->sent[3].second.find_header("X-Amz-Date") != nullptr, true);
}

TEST(AwsClient, RetriesStopAtMaxAttemptsWithTheLastError) {
  ClientUnderTest t(fast_retries(3));
  for (int i = 0; i < 5; ++i) t.http->replies.push_back(ScriptedHttp::failure(TransportError::Kind::Timeout));
  AwsResponse r = t.client.call_json("cloudtrail", "us-east-1", "ListTrails", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, "RequestTimeout");
  EXPECT_EQ(r.attempts, 3);
}

TEST(AwsClient, RetriesStopWhenTheTimeBudgetIsSpent) {
  RetryPolicy p = fast_retries(50);
  p.base_delay = std::chrono::milliseconds(40);
  p.max_delay = std::chrono::milliseconds(40);
  p.total_budget = std::chrono::milliseconds(1);
  ClientUnderTest t(p);
  for (int i = 0; i < 50; ++i) t.http->replies.push_back(ScriptedHttp::reply(500, ""));
  AwsResponse r = t.client.call_json("cloudtrail", "us-east-1", "ListTrails", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.attempts, 50);
}

TEST(AwsClient, AccessDeniedIsNotRetriedAndKeepsAwsMessage) {
  ClientUnderTest t;
  t.http->replies = {ScriptedHttp::reply(
      400, R"({"__type":"com.amazonaws.cloudtrail.v20131101#AccessDeniedException","message":"User: arn:aws:sts::1:assumed-role/a/b is not authorized to perform: cloudtrail:GetEventSelectors"})")};
  AwsResponse r = t.client.call_json("cloudtrail", "us-east-1", "GetEventSelectors", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.error->code, "AccessDeniedException");
  EXPECT_EQ(r.error->http_status, 400);
  EXPECT_NE(r.error->message.find("cloudtrail:GetEventSelectors"), std::string::npos);
}

TEST(AwsClient, ErrorTypeHeaderWins) {
  ClientUnderTest t;
  t.http->replies = {ScriptedHttp::reply(400, "{}", {{"x-amzn-ErrorType", "TrailNotFoundException:http://x/"}})};
  AwsResponse r = t.client.call_json("cloudtrail", "us-east-1", "GetTrailStatus", "{}");
  EXPECT_EQ(r.error->code, "TrailNotFoundException");
}

TEST(AwsClient, QueryErrorsFromStsAndEc2Envelopes) {
  ClientUnderTest t;
  t.http->replies = {
      ScriptedHttp::reply(403, R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole</Message></Error><RequestId>r</RequestId></ErrorResponse>)"),
      ScriptedHttp::reply(403, R"(<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r</RequestID></Response>)")};
  AwsResponse sts = t.client.call_query("sts", "us-east-1", "AssumeRole", {});
  EXPECT_EQ(sts.error->code, "AccessDenied");
  EXPECT_NE(sts.error->message.find("sts:AssumeRole"), std::string::npos);
  AwsResponse ec2 = t.client.call_query("ec2", "us-east-1", "DescribeRegions", {});
  EXPECT_EQ(ec2.error->code, "UnauthorizedOperation");
}

TEST(AwsClient, UnparseableErrorBodiesStillGiveACode) {
  ClientUnderTest t(fast_retries(1));
  t.http->replies = {ScriptedHttp::reply(502, "<html>Bad gateway</html>")};
  AwsResponse r = t.client.call_json("cloudtrail", "us-east-1", "ListTrails", "{}");
  EXPECT_EQ(r.error->code, "InternalFailure");
  EXPECT_NE(r.error->message.find("502"), std::string::npos);
}

TEST(AwsClient, MissingCredentialsFailWithoutSending) {
  ClientUnderTest t;
  t.creds->fail = true;
  AwsResponse r = t.client.call_json("cloudtrail", "us-east-1", "ListTrails", "{}");
  EXPECT_EQ(r.error->code, "CredentialsError");
  EXPECT_TRUE(t.http->sent.empty());
}

TEST(AwsClient, RegionNamesAreCheckedBeforeTheyBecomeHostNames) {
  ClientUnderTest t;
  AwsResponse r = t.client.call_json("cloudtrail", "evil.com/x", "ListTrails", "{}");
  EXPECT_EQ(r.error->code, "InvalidRegion");
  EXPECT_TRUE(t.http->sent.empty());
}

TEST(Endpoints, PrecedenceOverrideThenServiceThenGlobalThenPublic) {
  Endpoints e;
  EXPECT_EQ(e.resolve("ec2", "cn-north-1").base_url, "https://ec2.cn-north-1.amazonaws.com.cn");
  e.global_url = "http://127.0.0.1:9000";
  EXPECT_EQ(e.resolve("sts", "us-east-1").base_url, "http://127.0.0.1:9000");
  EXPECT_EQ(e.resolve("sts", "us-east-1").host, "127.0.0.1:9000");
  EXPECT_EQ(e.resolve("sts", "us-east-1").signing_region, "us-east-1");
  e.service_urls["sts"] = "https://sts.internal:443/base";
  EXPECT_EQ(e.resolve("sts", "us-east-1").base_url, "https://sts.internal:443/base");
  EXPECT_EQ(e.resolve("sts", "us-east-1").host, "sts.internal");
  e.override_url = "http://localhost:1";
  EXPECT_EQ(e.resolve("sts", "us-east-1").base_url, "http://localhost:1");
}

TEST(Endpoints, FromEnvironment) {
  ::setenv("AWS_ENDPOINT_URL", "http://global:1/", 1);
  ::setenv("AWS_ENDPOINT_URL_CLOUDTRAIL", "http://trail:2", 1);
  Endpoints e = Endpoints::from_environment();
  ::unsetenv("AWS_ENDPOINT_URL");
  ::unsetenv("AWS_ENDPOINT_URL_CLOUDTRAIL");
  EXPECT_EQ(e.resolve("cloudtrail", "us-east-1").base_url, "http://trail:2");
  EXPECT_EQ(e.resolve("ec2", "us-east-1").base_url, "http://global:1");
  EXPECT_EQ(Endpoints::from_environment("http://cli:3").resolve("ec2", "us-east-1").base_url, "http://cli:3");
}

TEST(Retry, Classification) {
  EXPECT_TRUE(is_retryable("ThrottlingException", 400));
  EXPECT_TRUE(is_retryable("RequestLimitExceeded", 503));
  EXPECT_TRUE(is_retryable("Whatever", 503));
  EXPECT_TRUE(is_retryable("ConnectionError", 0));
  EXPECT_FALSE(is_retryable("AccessDeniedException", 400));
  EXPECT_FALSE(is_retryable("TlsError", 0));
}

TEST(Retry, BackoffIsBoundedAndJittered) {
  RetryPolicy p;
  p.base_delay = std::chrono::milliseconds(100);
  p.max_delay = std::chrono::milliseconds(1000);
  bool varied = false;
  auto first = backoff_delay(p, 10);
  for (int i = 0; i < 50; ++i) {
    auto d = backoff_delay(p, 10);
    EXPECT_LE(d.count(), 1000);
    EXPECT_GE(d.count(), 0);
    if (d != first) varied = true;
  }
  EXPECT_TRUE(varied);
  for (int i = 0; i < 20; ++i) EXPECT_LE(backoff_delay(p, 1).count(), 200);
}

TEST(Xml, ParsesNamespacedResponses) {
  auto r = parse_xml(R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user/a</Arn><Account>111111111111</Account></GetCallerIdentityResult>
</GetCallerIdentityResponse>)");
  ASSERT_TRUE(r.root) << r.error;
  EXPECT_EQ(r.root->text_at({"GetCallerIdentityResult", "Account"}), "111111111111");
  EXPECT_EQ(r.root->find("Arn")->text, "arn:aws:iam::111111111111:user/a");
}

TEST(Xml, ReportsWhereItBroke) {
  auto r = parse_xml("<a>\n<b></a>");
  EXPECT_FALSE(r.root);
  EXPECT_NE(r.error.find("line 2"), std::string::npos) << r.error;
}

TEST(AwsClient, OversizedResponseIsAnErrorAndNotRetried) {
  ClientUnderTest t;
  t.http->replies.push_back(ScriptedHttp::failure(TransportError::Kind::TooLarge));
  AwsResponse r = t.client.call_json("cloudtrail", "us-east-1", "ListTrails", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, "ResponseTooLarge");
  EXPECT_EQ(r.attempts, 1);  // the same request would get the same body
}

}  // namespace
}  // namespace stance::aws
