// Fidelity of the test AWS endpoint: Debian's AWS CLI (/usr/bin/aws, with its own vendored botocore) talks to
// server.py and gets the answers real AWS would give, paginating, retrying and failing the way it does with
// AWS. Plus direct HTTP checks of the credential endpoints and the fault switches the CLI cannot observe.
// State: data/example.json (accounts 111111111111 = organization management, 222222222222 = member,
// 333333333333 = outside the organization).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <curl/curl.h>

#include "aws/fake_aws/fixture.hpp"
#include "common/document.hpp"

namespace stance::testing {
namespace {

constexpr const char* kAws = "/usr/bin/aws";
constexpr const char* kManagementKey = "AKIDMANAGEMENT0001";
constexpr const char* kManagementSecret = "management-secret-0001";
constexpr const char* kOrgTrailArn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail";

struct Credentials {
  std::string key = kManagementKey;
  std::string secret = kManagementSecret;
  std::string token;
};

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs /usr/bin/aws with only the environment it needs: no config or credential files, no pager, the
// given keys. The pyenv `aws` first on PATH is never used.
CliResult run_aws(const FakeAws& server, const std::string& region, std::vector<std::string> args,
                  const Credentials& credentials = {}, const std::string& max_attempts = "3") {
  const std::string dir = std::string(::testing::TempDir());
  const std::string out_path = dir + "/awscli_out_" + std::to_string(getpid());
  const std::string err_path = dir + "/awscli_err_" + std::to_string(getpid());
  std::vector<std::string> argv = {kAws, "--endpoint-url", server.endpoint(), "--region", region, "--output",
                                   "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env = {
      "PATH=/usr/bin:/bin",
      "HOME=" + dir,
      "LANG=C.UTF-8",
      "AWS_ACCESS_KEY_ID=" + credentials.key,
      "AWS_SECRET_ACCESS_KEY=" + credentials.secret,
      "AWS_CONFIG_FILE=" + dir + "/no-such-aws-config",
      "AWS_SHARED_CREDENTIALS_FILE=" + dir + "/no-such-aws-credentials",
      "AWS_PAGER=",
      "AWS_EC2_METADATA_DISABLED=true",
      "AWS_RETRY_MODE=standard",
      "AWS_MAX_ATTEMPTS=" + max_attempts,
  };
  if (!credentials.token.empty()) env.push_back("AWS_SESSION_TOKEN=" + credentials.token);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> cargv, cenv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : env) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  pid_t pid = -1;
  CliResult result;
  if (posix_spawn(&pid, kAws, &actions, nullptr, cargv.data(), cenv.data()) == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  unlink(out_path.c_str());
  unlink(err_path.c_str());
  return result;
}

// The CLI's JSON output as a tree (stance's own positioned reader).
doc::Document parse_json(const std::string& text) {
  auto parsed = doc::parse(text, doc::Syntax::Json);
  if (!parsed.document || !parsed.document->root) {
    ADD_FAILURE() << "not JSON: " << parsed.error.message << "\n" << text;
    return std::move(*doc::parse("{}", doc::Syntax::Json).document);
  }
  return std::move(*parsed.document);
}

std::string text_at(const doc::Node* node, std::initializer_list<std::string_view> path) {
  for (auto key : path) node = node ? node->get(key) : nullptr;
  return node && node->is_scalar() ? node->text : "<absent>";
}

std::vector<std::string> texts(const doc::Node* list, std::string_view key) {
  std::vector<std::string> found;
  if (!list || !list->is_sequence()) return found;
  for (const auto& item : list->items) found.push_back(text_at(item.get(), {key}));
  return found;
}

class AwsCliFidelity : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    if (access(kAws, X_OK) != 0) GTEST_SKIP() << "Debian's AWS CLI (/usr/bin/aws, package awscli) is not installed";
    server_ = std::make_unique<FakeAws>(FakeAws::read_file(FakeAws::data_file("example.json")));
  }
  std::unique_ptr<FakeAws> server_;
};

TEST_F(AwsCliFidelity, ListTrailsPaginatesThroughEveryTrailVisibleInTheRegion) {
  // Page size 1: eu-west-1 shows its two trails plus the multi-region organization trail from us-east-1.
  auto run = run_aws(*server_, "eu-west-1", {"cloudtrail", "list-trails"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto doc = parse_json(run.out);
  const auto* trails = doc.root->get("Trails");
  EXPECT_EQ(texts(trails, "Name"), (std::vector<std::string>{"data-only", "advanced", "org-trail"}));
  EXPECT_EQ(texts(trails, "HomeRegion"), (std::vector<std::string>{"eu-west-1", "eu-west-1", "us-east-1"}));
  EXPECT_EQ(text_at(trails->items[2].get(), {"TrailARN"}), kOrgTrailArn);
  EXPECT_EQ(server_->call_count("ListTrails"), 3);  // one call per page
}

TEST_F(AwsCliFidelity, DescribeTrailsShowsHomedTrailsAndShadowCopies) {
  auto run = run_aws(*server_, "eu-west-1", {"cloudtrail", "describe-trails"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto doc = parse_json(run.out);
  const auto* list = doc.root->get("trailList");
  ASSERT_EQ(texts(list, "Name"), (std::vector<std::string>{"data-only", "advanced", "org-trail"}));
  const auto* shadow = list->items[2].get();
  EXPECT_EQ(text_at(shadow, {"HomeRegion"}), "us-east-1");
  EXPECT_EQ(text_at(shadow, {"IsOrganizationTrail"}), "true");
  EXPECT_EQ(text_at(shadow, {"IsMultiRegionTrail"}), "true");
  EXPECT_EQ(text_at(shadow, {"S3BucketName"}), "org-trail-logs");
  EXPECT_EQ(text_at(list->items[0].get(), {"HasCustomEventSelectors"}), "true");
}

TEST_F(AwsCliFidelity, GetEventSelectorsBasicAdvancedAndDefault) {
  auto basic = run_aws(*server_, "eu-west-1", {"cloudtrail", "get-event-selectors", "--trail-name", "data-only"});
  ASSERT_EQ(basic.exit_code, 0) << basic.err;
  auto basic_doc = parse_json(basic.out);
  const auto* selector = basic_doc.root->get("EventSelectors")->items[0].get();
  EXPECT_EQ(text_at(selector, {"IncludeManagementEvents"}), "false");
  EXPECT_EQ(text_at(selector, {"ReadWriteType"}), "All");
  EXPECT_EQ(text_at(selector->get("DataResources")->items[0].get(), {"Type"}), "AWS::S3::Object");

  auto advanced = run_aws(*server_, "eu-west-1", {"cloudtrail", "get-event-selectors", "--trail-name",
                                                  "arn:aws:cloudtrail:eu-west-1:111111111111:trail/advanced"});
  ASSERT_EQ(advanced.exit_code, 0) << advanced.err;
  auto advanced_doc = parse_json(advanced.out);
  EXPECT_EQ(advanced_doc.root->get("EventSelectors"), nullptr);
  const auto* fields = advanced_doc.root->get("AdvancedEventSelectors")->items[0]->get("FieldSelectors");
  EXPECT_EQ(texts(fields, "Field"), (std::vector<std::string>{"eventCategory", "readOnly"}));
  EXPECT_EQ(fields->items[1]->get("Equals")->items[0]->text, "false");

  // No selectors configured: AWS's default selector.
  auto fallback = run_aws(*server_, "us-east-1", {"cloudtrail", "get-event-selectors", "--trail-name", "org-trail"});
  ASSERT_EQ(fallback.exit_code, 0) << fallback.err;
  auto fallback_doc = parse_json(fallback.out);
  EXPECT_EQ(text_at(fallback_doc.root.get(), {"TrailARN"}), kOrgTrailArn);
  const auto* selectors = fallback_doc.root->get("EventSelectors");
  ASSERT_EQ(selectors->items.size(), 1u);
  EXPECT_EQ(text_at(selectors->items[0].get(), {"ReadWriteType"}), "All");
  EXPECT_EQ(text_at(selectors->items[0].get(), {"IncludeManagementEvents"}), "true");
  EXPECT_TRUE(selectors->items[0]->get("DataResources")->items.empty());
  EXPECT_TRUE(selectors->items[0]->get("ExcludeManagementEventSources")->items.empty());
}

TEST_F(AwsCliFidelity, GetTrailStatusTimestampsAreEpochSecondsOnTheWire) {
  auto run = run_aws(*server_, "us-east-1", {"cloudtrail", "get-trail-status", "--name", "org-trail"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto doc = parse_json(run.out);
  EXPECT_EQ(text_at(doc.root.get(), {"IsLogging"}), "true");
  // The CLI parses JSON 1.1 timestamps (epoch seconds) and prints ISO 8601.
  EXPECT_EQ(text_at(doc.root.get(), {"StartLoggingTime"}).substr(0, 19), "2024-01-02T03:04:05");
}

TEST_F(AwsCliFidelity, PutEventSelectorsStoresWhatGetEventSelectorsReturns) {
  auto put = run_aws(*server_, "eu-west-1", {"cloudtrail", "put-event-selectors", "--trail-name", "data-only",
                                             "--event-selectors",
                                             R"([{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true}])"});
  ASSERT_EQ(put.exit_code, 0) << put.err;
  auto put_doc = parse_json(put.out);
  EXPECT_EQ(text_at(put_doc.root.get(), {"TrailARN"}), "arn:aws:cloudtrail:eu-west-1:111111111111:trail/data-only");
  auto get = run_aws(*server_, "eu-west-1", {"cloudtrail", "get-event-selectors", "--trail-name", "data-only"});
  ASSERT_EQ(get.exit_code, 0) << get.err;
  auto get_doc = parse_json(get.out);
  const auto* selectors = get_doc.root->get("EventSelectors");
  ASSERT_EQ(selectors->items.size(), 1u);
  EXPECT_EQ(text_at(selectors->items[0].get(), {"ReadWriteType"}), "WriteOnly");
  EXPECT_EQ(text_at(selectors->items[0].get(), {"IncludeManagementEvents"}), "true");

  // A member account reads the organization trail but cannot change it.
  Credentials member{"AKIDMEMBER00000002", "member-secret-0002", ""};
  auto denied = run_aws(*server_, "us-east-1", {"cloudtrail", "put-event-selectors", "--trail-name", kOrgTrailArn,
                                                "--event-selectors", R"([{"ReadWriteType":"All"}])"},
                        member, "1");
  EXPECT_NE(denied.exit_code, 0);
  EXPECT_NE(denied.err.find("NotOrganizationMasterAccountException"), std::string::npos) << denied.err;
}

TEST_F(AwsCliFidelity, StsCallerIdentityAndAssumeRoleIssueWorkingTemporaryCredentials) {
  auto who = run_aws(*server_, "us-east-1", {"sts", "get-caller-identity"});
  ASSERT_EQ(who.exit_code, 0) << who.err;
  auto who_doc = parse_json(who.out);
  EXPECT_EQ(text_at(who_doc.root.get(), {"Account"}), "111111111111");
  EXPECT_EQ(text_at(who_doc.root.get(), {"Arn"}), "arn:aws:iam::111111111111:user/auditor");

  auto assumed = run_aws(*server_, "us-east-1", {"sts", "assume-role", "--role-arn",
                                                 "arn:aws:iam::222222222222:role/Audit", "--role-session-name",
                                                 "stance", "--external-id", "stance-external-id"});
  ASSERT_EQ(assumed.exit_code, 0) << assumed.err;
  auto assumed_doc = parse_json(assumed.out);
  EXPECT_EQ(text_at(assumed_doc.root.get(), {"AssumedRoleUser", "Arn"}),
            "arn:aws:sts::222222222222:assumed-role/Audit/stance");
  const Credentials temporary{text_at(assumed_doc.root.get(), {"Credentials", "AccessKeyId"}),
                              text_at(assumed_doc.root.get(), {"Credentials", "SecretAccessKey"}),
                              text_at(assumed_doc.root.get(), {"Credentials", "SessionToken"})};
  EXPECT_EQ(temporary.key.substr(0, 4), "ASIA");
  EXPECT_NE(text_at(assumed_doc.root.get(), {"Credentials", "Expiration"}), "<absent>");

  // The session token is checked and the new keys act in the target account.
  auto as_member = run_aws(*server_, "eu-west-1", {"sts", "get-caller-identity"}, temporary);
  ASSERT_EQ(as_member.exit_code, 0) << as_member.err;
  auto member_doc = parse_json(as_member.out);
  EXPECT_EQ(text_at(member_doc.root.get(), {"Account"}), "222222222222");
  EXPECT_EQ(text_at(member_doc.root.get(), {"Arn"}), "arn:aws:sts::222222222222:assumed-role/Audit/stance");
}

TEST_F(AwsCliFidelity, Ec2DescribeRegionsListsTheAccountsEnabledRegions) {
  auto run = run_aws(*server_, "us-east-1", {"ec2", "describe-regions"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto doc = parse_json(run.out);
  const auto* regions = doc.root->get("Regions");
  EXPECT_EQ(texts(regions, "RegionName"), (std::vector<std::string>{"us-east-1", "eu-west-1", "ap-southeast-2"}));
  EXPECT_EQ(texts(regions, "Endpoint")[1], "ec2.eu-west-1.amazonaws.com");
  EXPECT_EQ(texts(regions, "OptInStatus")[0], "opt-in-not-required");
}

TEST_F(AwsCliFidelity, OrganizationsListAccountsPaginates) {
  auto run = run_aws(*server_, "us-east-1", {"organizations", "list-accounts"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto doc = parse_json(run.out);
  EXPECT_EQ(texts(doc.root->get("Accounts"), "Id"),
            (std::vector<std::string>{"111111111111", "222222222222", "444444444444"}));
  EXPECT_EQ(texts(doc.root->get("Accounts"), "Status")[2], "SUSPENDED");
  EXPECT_EQ(server_->call_count("ListAccounts"), 2);  // page size 2
}

TEST_F(AwsCliFidelity, AWrongSecretIsRejectedBecauseTheSignatureIsVerified) {
  Credentials wrong{kManagementKey, "not-the-secret", ""};
  auto run = run_aws(*server_, "us-east-1", {"cloudtrail", "list-trails"}, wrong, "1");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("InvalidSignatureException"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("not-the-secret"), std::string::npos);
  EXPECT_EQ(server_->calls_json().find("not-the-secret"), std::string::npos);
}

TEST_F(AwsCliFidelity, AThrottleIsRetriedByTheCli) {
  server_->set_faults(R"([{"operation": "GetTrailStatus", "kind": "throttle", "count": 1}])");
  auto run = run_aws(*server_, "us-east-1", {"cloudtrail", "get-trail-status", "--name", kOrgTrailArn});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(text_at(parse_json(run.out).root.get(), {"IsLogging"}), "true");
  EXPECT_EQ(server_->call_count("GetTrailStatus"), 2);
  EXPECT_NE(server_->calls_json().find("\"error\": \"ThrottlingException\""), std::string::npos);
}

TEST_F(AwsCliFidelity, AccessDeniedNamesTheMissingPermission) {
  server_->set_faults(R"([{"operation": "GetEventSelectors", "kind": "access_denied", "count": -1,
                           "trail": "org-trail"}])");
  auto run = run_aws(*server_, "us-east-1", {"cloudtrail", "get-event-selectors", "--trail-name", kOrgTrailArn},
                     {}, "1");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("AccessDeniedException"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("is not authorized to perform: cloudtrail:GetEventSelectors on resource: " +
                         std::string(kOrgTrailArn)),
            std::string::npos)
      << run.err;
}

// The CloudTrail family's fields (issue 13): a member account reads its organization's trail, configured with
// log file validation, a KMS key and CloudWatch Logs, whose status shows delivery errors and a CloudWatch Logs
// delivery time given relative to the call ("now-30h").
TEST(AwsCliFidelityFamily, AMemberReadsTheOrganizationTrailsSettingsAndDeliveryStatus) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  if (access(kAws, X_OK) != 0) GTEST_SKIP() << "Debian's AWS CLI (/usr/bin/aws, package awscli) is not installed";
  FakeAws server(R"({
    "credentials": {"AKIDMEMBER00000002": {"secret": "member-secret-0002", "account": "222222222222"}},
    "accounts": {"111111111111": {"trails": [
      {"Name": "org-trail", "HomeRegion": "us-east-1", "IsMultiRegionTrail": true, "IsOrganizationTrail": true,
       "S3BucketName": "org-logs", "LogFileValidationEnabled": true,
       "KmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
       "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111111111111:log-group:org:*",
       "CloudWatchLogsRoleArn": "arn:aws:iam::111111111111:role/CloudTrail_CloudWatchLogs",
       "Status": {"IsLogging": true, "LatestDeliveryError": "NoSuchBucket", "LatestNotificationError": "NotFound",
                  "LatestDigestDeliveryError": "AccessDenied", "LatestCloudWatchLogsDeliveryError": "Throttled",
                  "LatestCloudWatchLogsDeliveryTime": "now-30h", "LatestDeliveryTime": "2024-01-02T03:04:05Z"}}]}},
    "organization": {"management_account": "111111111111",
                     "accounts": [{"Id": "111111111111"}, {"Id": "222222222222"}]}
  })");
  Credentials member{"AKIDMEMBER00000002", "member-secret-0002", ""};
  const std::string arn = kOrgTrailArn;

  auto described = run_aws(server, "eu-west-1", {"cloudtrail", "describe-trails"}, member);
  ASSERT_EQ(described.exit_code, 0) << described.err;
  auto described_doc = parse_json(described.out);
  const auto* list = described_doc.root->get("trailList");
  ASSERT_EQ(texts(list, "TrailARN"), std::vector<std::string>{arn});
  const auto* trail = list->items[0].get();
  EXPECT_EQ(text_at(trail, {"LogFileValidationEnabled"}), "true");
  EXPECT_EQ(text_at(trail, {"IncludeGlobalServiceEvents"}), "true");  // AWS's default
  EXPECT_EQ(text_at(trail, {"KmsKeyId"}), "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_EQ(text_at(trail, {"CloudWatchLogsLogGroupArn"}), "arn:aws:logs:us-east-1:111111111111:log-group:org:*");
  EXPECT_EQ(text_at(trail, {"CloudWatchLogsRoleArn"}), "arn:aws:iam::111111111111:role/CloudTrail_CloudWatchLogs");

  // The status of a shadow copy or an organization trail needs its ARN, as AWS documents.
  auto by_name = run_aws(server, "us-east-1", {"cloudtrail", "get-trail-status", "--name", "org-trail"}, member, "1");
  EXPECT_NE(by_name.exit_code, 0);
  EXPECT_NE(by_name.err.find("TrailNotFoundException"), std::string::npos) << by_name.err;

  const auto before = std::chrono::system_clock::now();
  auto status = run_aws(server, "eu-west-1", {"cloudtrail", "get-trail-status", "--name", arn}, member);
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto doc = parse_json(status.out);
  EXPECT_EQ(text_at(doc.root.get(), {"LatestDeliveryError"}), "NoSuchBucket");
  EXPECT_EQ(text_at(doc.root.get(), {"LatestNotificationError"}), "NotFound");
  EXPECT_EQ(text_at(doc.root.get(), {"LatestDigestDeliveryError"}), "AccessDenied");
  EXPECT_EQ(text_at(doc.root.get(), {"LatestCloudWatchLogsDeliveryError"}), "Throttled");
  EXPECT_EQ(text_at(doc.root.get(), {"LatestDeliveryTime"}).substr(0, 19), "2024-01-02T03:04:05");
  // The CLI parsed the epoch seconds on the wire; "now-30h" is 30 hours before the call.
  const std::string delivered = text_at(doc.root.get(), {"LatestCloudWatchLogsDeliveryTime"});
  std::tm tm{};
  ASSERT_NE(strptime(delivered.c_str(), "%Y-%m-%dT%H:%M:%S", &tm), nullptr) << delivered;
  const auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
  const auto age = std::chrono::duration_cast<std::chrono::seconds>(before - at).count();
  EXPECT_GE(age, 30 * 3600 - 60) << delivered;
  EXPECT_LE(age, 30 * 3600 + 60) << delivered;
}

// ---- Direct HTTP: credential endpoints and fault switches --------------------------------------------------

struct Http {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
};

size_t collect(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

Http http(const std::string& method, const std::string& url, const std::vector<std::string>& headers,
          const std::string& body = "") {
  CURL* curl = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
  Http result;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (!body.empty()) curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  result.code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return result;
}

// AssumeRoleWithWebIdentity is AWS's one unsigned call, so it exercises the fault switches without a signer.
const std::string kWebIdentityBody =
    "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FAudit"
    "&RoleSessionName=ci&WebIdentityToken=ci-token-abc";
const std::vector<std::string> kFormHeaders = {"Content-Type: application/x-www-form-urlencoded; charset=utf-8"};

class FakeAwsHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    server_ = std::make_unique<FakeAws>(FakeAws::read_file(FakeAws::data_file("example.json")));
  }
  std::unique_ptr<FakeAws> server_;
};

TEST_F(FakeAwsHttp, ImdsV2NeedsASessionTokenAndIssuesTemporaryCredentials) {
  const std::string base = server_->endpoint() + "/latest/meta-data/iam/security-credentials/";
  EXPECT_EQ(http("GET", base, {}).status, 401);
  EXPECT_EQ(http("PUT", server_->endpoint() + "/latest/api/token", {}).status, 400);  // TTL header required
  auto token = http("PUT", server_->endpoint() + "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds: 60"});
  ASSERT_EQ(token.status, 200);
  const std::string auth = "X-aws-ec2-metadata-token: " + token.body;
  auto role = http("GET", base, {auth});
  ASSERT_EQ(role.status, 200);
  EXPECT_EQ(role.body, "ec2-role");
  auto creds = http("GET", base + "ec2-role", {auth});
  ASSERT_EQ(creds.status, 200);
  auto doc = parse_json(creds.body);
  EXPECT_EQ(text_at(doc.root.get(), {"Code"}), "Success");
  EXPECT_EQ(text_at(doc.root.get(), {"AccessKeyId"}).substr(0, 4), "ASIA");
  EXPECT_NE(text_at(doc.root.get(), {"Token"}), "<absent>");
  EXPECT_NE(text_at(doc.root.get(), {"Expiration"}), "<absent>");
  EXPECT_EQ(http("GET", base + "ec2-role", {"X-aws-ec2-metadata-token: forged"}).status, 401);
  EXPECT_EQ(server_->call_count("IMDSGetCredentials"), 2);
}

TEST_F(FakeAwsHttp, EcsContainerCredentialsCheckTheAuthorizationToken) {
  const std::string url = server_->endpoint() + "/ecs/credentials";
  EXPECT_EQ(http("GET", url, {}).status, 401);
  EXPECT_EQ(http("GET", url, {"Authorization: wrong"}).status, 401);
  auto creds = http("GET", url, {"Authorization: ecs-auth-token"});
  ASSERT_EQ(creds.status, 200);
  auto doc = parse_json(creds.body);
  EXPECT_EQ(text_at(doc.root.get(), {"RoleArn"}), "arn:aws:iam::222222222222:role/task-role");
  EXPECT_EQ(text_at(doc.root.get(), {"AccessKeyId"}).substr(0, 4), "ASIA");
  EXPECT_NE(text_at(doc.root.get(), {"Expiration"}), "<absent>");
}

TEST_F(FakeAwsHttp, UnsignedRequestsAreRejectedWithTheProtocolsError) {
  auto sts = http("POST", server_->endpoint() + "/", kFormHeaders, "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(sts.status, 403);
  EXPECT_NE(sts.body.find("<Code>MissingAuthenticationToken</Code>"), std::string::npos) << sts.body;
  auto cloudtrail = http("POST", server_->endpoint() + "/",
                         {"Content-Type: application/x-amz-json-1.1",
                          "X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.ListTrails"},
                         "{}");
  EXPECT_EQ(cloudtrail.status, 400);
  EXPECT_NE(cloudtrail.body.find("MissingAuthenticationTokenException"), std::string::npos) << cloudtrail.body;
}

TEST_F(FakeAwsHttp, TruncateResetAndTimeoutFaultsBreakTheTransport) {
  const std::string url = server_->endpoint() + "/";
  auto normal = http("POST", url, kFormHeaders, kWebIdentityBody);
  ASSERT_EQ(normal.status, 200) << normal.body;
  EXPECT_NE(normal.body.find("<AssumeRoleWithWebIdentityResult>"), std::string::npos);

  server_->set_faults(R"([{"operation": "AssumeRoleWithWebIdentity", "kind": "truncate", "count": 1}])");
  EXPECT_EQ(http("POST", url, kFormHeaders, kWebIdentityBody).code, CURLE_PARTIAL_FILE);
  server_->set_faults(R"([{"operation": "AssumeRoleWithWebIdentity", "kind": "reset", "count": 1}])");
  const auto reset = http("POST", url, kFormHeaders, kWebIdentityBody).code;
  EXPECT_TRUE(reset == CURLE_RECV_ERROR || reset == CURLE_GOT_NOTHING) << curl_easy_strerror(reset);
  server_->set_faults(R"([{"operation": "*", "kind": "timeout", "ms": 600, "count": 1}])");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(http("POST", url, kFormHeaders, kWebIdentityBody).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(600));
  server_->set_faults(R"([{"operation": "*", "kind": "server_error", "count": 1}])");
  auto failed = http("POST", url, kFormHeaders, kWebIdentityBody);
  EXPECT_EQ(failed.status, 500);
  EXPECT_NE(failed.body.find("<Code>InternalFailure</Code>"), std::string::npos) << failed.body;
  EXPECT_EQ(http("POST", url, kFormHeaders, kWebIdentityBody).status, 200);  // count exhausted
  EXPECT_EQ(server_->call_count("AssumeRoleWithWebIdentity"), 6);
}

TEST_F(FakeAwsHttp, LatencyIsPerCallNotSerialized) {
  server_->set_latency_ms(300);
  constexpr int kParallel = 24;
  std::vector<std::thread> threads;
  std::vector<long> statuses(kParallel);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kParallel; ++i) {
    threads.emplace_back([&, i] { statuses[i] = http("POST", server_->endpoint() + "/", kFormHeaders,
                                                     kWebIdentityBody).status; });
  }
  for (auto& thread : threads) thread.join();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  for (long status : statuses) EXPECT_EQ(status, 200);
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));
  EXPECT_LT(elapsed, std::chrono::milliseconds(300 * kParallel / 4)) << "calls were not served concurrently";
  server_->reset_calls();
  EXPECT_EQ(server_->call_count(), 0);
}

// --- S3 and KMS (issue 14): state data/buckets.json ---------------------------------------------------------

class AwsCliS3Fidelity : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    if (access(kAws, X_OK) != 0) GTEST_SKIP() << "Debian's AWS CLI (/usr/bin/aws, package awscli) is not installed";
    server_ = std::make_unique<FakeAws>(FakeAws::read_file(FakeAws::data_file("buckets.json")));
  }
  CliResult s3api(const std::string& region, const std::string& op, std::vector<std::string> more = {},
                  const Credentials& credentials = {}) {
    std::vector<std::string> args = {"s3api", op, "--bucket", "trail-logs"};
    args.insert(args.end(), more.begin(), more.end());
    return run_aws(*server_, region, args, credentials);
  }
  std::unique_ptr<FakeAws> server_;
};

TEST_F(AwsCliS3Fidelity, EveryBucketReadAnswersAsS3Does) {
  auto policy = s3api("eu-west-1", "get-bucket-policy");
  ASSERT_EQ(policy.exit_code, 0) << policy.err;
  auto policy_doc = parse_json(policy.out);
  auto statement = parse_json(text_at(policy_doc.root.get(), {"Policy"}));
  EXPECT_EQ(texts(statement.root->get("Statement"), "Sid"), (std::vector<std::string>{"Public", "CloudTrail"}));

  auto status = s3api("eu-west-1", "get-bucket-policy-status");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(text_at(parse_json(status.out).root.get(), {"PolicyStatus", "IsPublic"}), "true");

  auto acl = s3api("eu-west-1", "get-bucket-acl");
  ASSERT_EQ(acl.exit_code, 0) << acl.err;
  auto acl_doc = parse_json(acl.out);
  const auto* grants = acl_doc.root->get("Grants");
  ASSERT_EQ(texts(grants, "Permission"), (std::vector<std::string>{"FULL_CONTROL", "READ"}));
  EXPECT_EQ(text_at(grants->items[1].get(), {"Grantee", "URI"}), "http://acs.amazonaws.com/groups/global/AllUsers");
  EXPECT_EQ(text_at(grants->items[1].get(), {"Grantee", "Type"}), "Group");

  auto versioning = s3api("eu-west-1", "get-bucket-versioning");
  ASSERT_EQ(versioning.exit_code, 0) << versioning.err;
  EXPECT_EQ(text_at(parse_json(versioning.out).root.get(), {"MFADelete"}), "Disabled");

  auto logging = s3api("eu-west-1", "get-bucket-logging");
  ASSERT_EQ(logging.exit_code, 0) << logging.err;
  EXPECT_EQ(text_at(parse_json(logging.out).root.get(), {"LoggingEnabled", "TargetBucket"}), "access-logs");

  auto lock = s3api("eu-west-1", "get-object-lock-configuration");
  ASSERT_EQ(lock.exit_code, 0) << lock.err;
  auto lock_doc = parse_json(lock.out);
  EXPECT_EQ(text_at(lock_doc.root.get(), {"ObjectLockConfiguration", "ObjectLockEnabled"}), "Enabled");
  EXPECT_EQ(text_at(lock_doc.root.get(), {"ObjectLockConfiguration", "Rule", "DefaultRetention", "Days"}), "365");

  auto location = s3api("us-east-1", "get-bucket-location");
  ASSERT_EQ(location.exit_code, 0) << location.err;
  EXPECT_EQ(text_at(parse_json(location.out).root.get(), {"LocationConstraint"}), "eu-west-1");
}

TEST_F(AwsCliS3Fidelity, AbsentConfigurationsAreTheirS3Errors) {
  auto block = s3api("eu-west-1", "get-public-access-block");
  EXPECT_NE(block.exit_code, 0);
  EXPECT_NE(block.err.find("NoSuchPublicAccessBlockConfiguration"), std::string::npos) << block.err;
  auto plain = run_aws(*server_, "us-east-1", {"s3api", "get-bucket-policy", "--bucket", "plain-logs"});
  EXPECT_NE(plain.err.find("NoSuchBucketPolicy"), std::string::npos) << plain.err;
  auto lock = run_aws(*server_, "us-east-1", {"s3api", "get-object-lock-configuration", "--bucket", "plain-logs"});
  EXPECT_NE(lock.err.find("ObjectLockConfigurationNotFoundError"), std::string::npos) << lock.err;
  auto missing = run_aws(*server_, "us-east-1", {"s3api", "get-bucket-acl", "--bucket", "no-such-bucket"});
  EXPECT_NE(missing.err.find("NoSuchBucket"), std::string::npos) << missing.err;
}

TEST_F(AwsCliS3Fidelity, AnotherAccountsBucketIsAccessDenied) {
  auto denied = run_aws(*server_, "us-east-1", {"s3api", "get-bucket-policy", "--bucket", "archive-logs"});
  EXPECT_NE(denied.exit_code, 0);
  EXPECT_NE(denied.err.find("AccessDenied"), std::string::npos) << denied.err;
  auto owner = run_aws(*server_, "us-east-1", {"s3api", "get-public-access-block", "--bucket", "archive-logs"},
                       {"AKIDARCHIVE0000002", "archive-secret-0002", ""});
  ASSERT_EQ(owner.exit_code, 0) << owner.err;
  EXPECT_EQ(text_at(parse_json(owner.out).root.get(), {"PublicAccessBlockConfiguration", "BlockPublicPolicy"}), "true");
}

TEST_F(AwsCliS3Fidelity, TheCliFollowsTheRegionRedirect) {
  // Asked in us-east-1, the eu-west-1 bucket answers 301 PermanentRedirect with x-amz-bucket-region; botocore
  // re-signs for eu-west-1 and asks again.
  auto run = s3api("us-east-1", "get-bucket-versioning");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(text_at(parse_json(run.out).root.get(), {"Status"}), "Enabled");
  const std::string calls = server_->calls_json();
  EXPECT_NE(calls.find("\"error\": \"PermanentRedirect\""), std::string::npos) << calls;
}

TEST_F(AwsCliS3Fidelity, PutPublicAccessBlockIsStoredAndReadBack) {
  auto put = s3api("eu-west-1", "put-public-access-block",
                   {"--public-access-block-configuration",
                    "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"});
  ASSERT_EQ(put.exit_code, 0) << put.err;
  auto get = s3api("eu-west-1", "get-public-access-block");
  ASSERT_EQ(get.exit_code, 0) << get.err;
  EXPECT_EQ(text_at(parse_json(get.out).root.get(), {"PublicAccessBlockConfiguration", "RestrictPublicBuckets"}),
            "true");
}

TEST_F(AwsCliS3Fidelity, FaultsAnswerAsS3) {
  server_->set_faults(R"([{"operation": "GetBucketAcl", "kind": "access_denied", "resource": "trail-logs"},
                          {"operation": "GetBucketLogging", "kind": "throttle", "count": 1}])");
  auto acl = s3api("eu-west-1", "get-bucket-acl");
  EXPECT_NE(acl.err.find("AccessDenied"), std::string::npos) << acl.err;
  auto logging = s3api("eu-west-1", "get-bucket-logging");
  ASSERT_EQ(logging.exit_code, 0) << "SlowDown is retried: " << logging.err;
  EXPECT_EQ(server_->call_count("GetBucketLogging"), 2);
}

TEST_F(AwsCliS3Fidelity, KmsDescribeRotationAndEnable) {
  auto describe = run_aws(*server_, "eu-west-1", {"kms", "describe-key", "--key-id", "alias/trail"});
  ASSERT_EQ(describe.exit_code, 0) << describe.err;
  auto meta = parse_json(describe.out);
  EXPECT_EQ(text_at(meta.root.get(), {"KeyMetadata", "KeyManager"}), "CUSTOMER");
  EXPECT_EQ(text_at(meta.root.get(), {"KeyMetadata", "Arn"}),
            "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666");
  const std::vector<std::string> key = {"--key-id", "0b3d6a4e-1111-2222-3333-444455556666"};
  auto before = run_aws(*server_, "eu-west-1", {"kms", "get-key-rotation-status", key[0], key[1]});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(text_at(parse_json(before.out).root.get(), {"KeyRotationEnabled"}), "false");
  auto enable = run_aws(*server_, "eu-west-1", {"kms", "enable-key-rotation", key[0], key[1]});
  ASSERT_EQ(enable.exit_code, 0) << enable.err;
  auto after = run_aws(*server_, "eu-west-1", {"kms", "get-key-rotation-status", key[0], key[1]});
  EXPECT_EQ(text_at(parse_json(after.out).root.get(), {"KeyRotationEnabled"}), "true");
  auto managed = run_aws(*server_, "eu-west-1", {"kms", "describe-key", "--key-id", "alias/aws/s3"});
  EXPECT_EQ(text_at(parse_json(managed.out).root.get(), {"KeyMetadata", "KeyManager"}), "AWS");
  auto elsewhere = run_aws(*server_, "us-east-1", {"kms", "describe-key", "--key-id", "alias/trail"});
  EXPECT_NE(elsewhere.err.find("NotFoundException"), std::string::npos) << elsewhere.err;
}

}  // namespace
}  // namespace stance::testing
