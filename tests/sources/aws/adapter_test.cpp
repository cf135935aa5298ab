// The live-response adapter: CloudTrail API bodies (tests/sources/aws/data/api) -> model::Trail -> CT-010
// with the built-in knowledge base. Every CT-010 case of ../shared/DESIGN.md section 2, as the API returns it, plus
// the ways a live read goes wrong (each call failing, truncated or mis-typed bodies), which must be
// `error`, never `pass`.
#include <gtest/gtest.h>

#include "sources/aws/helpers.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace stance::sources::aws {
namespace {

using engine::Status;
using namespace testing;

struct Case {
  const char* selectors;  // data/api/<selectors>.json
  Status status;
  const char* message;  // a part of CT-010's message
};

std::ostream& operator<<(std::ostream& out, const Case& c) { return out << c.selectors; }

class Ct010Case : public ::testing::TestWithParam<Case> {};

TEST_P(Ct010Case, Verdict) {
  const Case& c = GetParam();
  const model::Trail trail = adapt(raw_trail(c.selectors), model::SourceKind::Aws);
  const engine::Finding f = ct010(trail);
  EXPECT_EQ(f.status, c.status) << f.message;
  EXPECT_NE(f.message.find(c.message), std::string::npos) << f.message;
  EXPECT_EQ(f.rule_id, "CT-010");
  EXPECT_EQ(f.resource.id, kArn);
  EXPECT_EQ(f.resource.name, "main");
  EXPECT_EQ(f.location.arn, kArn);
  EXPECT_EQ(f.location.region, "us-east-1");
  EXPECT_EQ(f.location.account, "111111111111");
}

INSTANTIATE_TEST_SUITE_P(
    Design, Ct010Case,
    ::testing::Values(
        // Basic selectors.
        Case{"default-selector", Status::Pass, "records read and write management events (event selector 1)"},
        Case{"include-management-false", Status::Fail,
             "records no management events: IncludeManagementEvents is false in its only event selector"},
        Case{"read-only", Status::Fail,
             "records only read management events (event selector 1); write events"},
        Case{"write-only", Status::Fail,
             "records only write management events (event selector 1); read events"},
        Case{"read-write-split", Status::Pass,
             "records read management events (event selector 1) and write management events (event selector "
             "2)"},
        Case{"excluded-kms-rdsdata", Status::Pass,
             "events from kms.amazonaws.com, rdsdata.amazonaws.com are excluded (allowed)"},
        Case{"empty-selector-list", Status::Fail,
             "records no management events: EventSelectors is an empty list"},
        // Advanced selectors: judged by their fields, never by Name.
        Case{"advanced-management", Status::Pass,
             "records read and write management events (advanced event selector 1"},
        Case{"advanced-read-only", Status::Fail, "records only read management events"},
        Case{"advanced-not-equals-false", Status::Fail, "records only read management events"},
        Case{"advanced-read-write-split", Status::Pass,
             "records read management events (advanced event selector 1 (\"reads\")) and write management "
             "events "
             "(advanced event selector 2 (\"writes\"))"},
        Case{"advanced-misleading-name", Status::Fail,
             "no advanced event selector has eventCategory = Management"},
        Case{"advanced-unnamed-management", Status::Pass, "(advanced event selector 2)"},
        Case{"advanced-excluded-kms", Status::Pass, "events from kms.amazonaws.com are excluded (allowed)"},
        Case{
            "advanced-narrowed", Status::Fail,
            "narrowed by eventSource Equals [ec2.amazonaws.com] in advanced event selector 1 (\"EC2 only\")"},
        // Data events only.
        Case{"advanced-data-only", Status::Fail, "records no management events"},
        // What AWS may add later: unknown where it matters, ignored where it cannot.
        Case{"unknown-read-write-type", Status::Unknown, "ReadWriteType \"ReadWriteAndInsights\""},
        Case{"unknown-operator", Status::Unknown, "AWS returned the operator \"In\" here, not Equals"},
        Case{"unknown-fields-ignored", Status::Pass, "records read and write management events"},
        // Bodies that are not what AWS documents: error, never pass.
        Case{"wrong-type", Status::Error,
             "cloudtrail:GetEventSelectors: unexpected response: EventSelectors[0].IncludeManagementEvents "
             "is a "
             "string, expected true or false"},
        Case{"no-trail-arn", Status::Error,
             "cloudtrail:GetEventSelectors: unexpected response: TrailARN is missing"},
        Case{"truncated", Status::Error, "cloudtrail:GetEventSelectors: the response is not valid JSON"}),
    [](const ::testing::TestParamInfo<Case>& param_info) {
      std::string name = param_info.param.selectors;
      for (char& ch : name) {
        if (ch == '-') ch = '_';
      }
      return name;
    });

TEST(AwsAdapter, ValuesAreExplicitAtTheArn) {
  const model::Trail t = adapt(raw_trail("default-selector"), model::SourceKind::Aws);
  EXPECT_TRUE(t.unreadable.empty()) << t.unreadable;
  EXPECT_EQ(t.source, model::SourceKind::Aws);
  EXPECT_EQ(t.id, kArn);
  EXPECT_EQ(t.arn, kArn);
  EXPECT_EQ(t.home_region, "us-east-1");
  EXPECT_EQ(t.account_id, "111111111111");
  ASSERT_TRUE(t.name.known());
  EXPECT_EQ(*t.name, "main");
  ASSERT_TRUE(t.is_multi_region.is_explicit());
  EXPECT_TRUE(*t.is_multi_region);
  EXPECT_EQ(t.is_multi_region.where.arn, kArn);
  EXPECT_FALSE(*t.is_organization_trail);
  EXPECT_TRUE(*t.include_global_service_events);
  EXPECT_TRUE(*t.log_file_validation);
  EXPECT_EQ(*t.s3_bucket_name, "audit-logs-111111111111");
  EXPECT_EQ(*t.kms_key_id, "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_FALSE(t.cloudwatch_logs_log_group_arn.known()) << "absent in the response: not set";
  ASSERT_TRUE(t.is_logging.is_explicit());
  EXPECT_TRUE(*t.is_logging);

  ASSERT_TRUE(t.event_selectors.is_explicit());
  ASSERT_EQ(t.event_selectors->size(), 1u);
  const model::EventSelector& s = t.event_selectors->front();
  EXPECT_TRUE(s.include_management_events.is_explicit());
  EXPECT_EQ(*s.read_write_type, model::ReadWriteType::All);
  EXPECT_TRUE(s.exclude_management_event_sources.is_explicit());
  EXPECT_TRUE(t.advanced_event_selectors.is_defaulted());
}

TEST(AwsAdapter, AdvancedSelectorsKeepEveryOperator) {
  RawTrail raw = raw_trail("default-selector");
  raw.event_selectors.response =
      "{\"TrailARN\":\"" + kArn +
      "\",\"AdvancedEventSelectors\":[{\"Name\":\"n\",\"FieldSelectors\":[{\"Field\":\"resources.ARN\","
      "\"Equals\":[\"a\"],\"NotEquals\":[\"b\"],\"StartsWith\":[\"c\"],\"NotStartsWith\":[\"d\"],"
      "\"EndsWith\":[\"e\"],"
      "\"NotEndsWith\":[\"f\"]}]}],\"EventSelectors\":[]}";
  const model::Trail t = adapt(raw, model::SourceKind::Aws);
  EXPECT_TRUE(t.unreadable.empty()) << t.unreadable;
  EXPECT_TRUE(t.event_selectors.is_defaulted())
      << "an empty EventSelectors beside advanced ones is not a second kind";
  ASSERT_TRUE(t.advanced_event_selectors.is_explicit());
  const auto& fields = t.advanced_event_selectors->front().field_selectors;
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(*fields[0].field, "resources.ARN");
  ASSERT_EQ(fields[0].conditions.size(), 6u);
  const model::FieldOperator expected[] = {
      model::FieldOperator::Equals,     model::FieldOperator::NotEquals,
      model::FieldOperator::StartsWith, model::FieldOperator::NotStartsWith,
      model::FieldOperator::EndsWith,   model::FieldOperator::NotEndsWith};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(fields[0].conditions[i].op, expected[i]);
    ASSERT_TRUE(fields[0].conditions[i].values.known());
    EXPECT_EQ(fields[0].conditions[i].values->front(), std::string(1, static_cast<char>('a' + i)));
  }
}

TEST(AwsAdapter, NotLoggingIsMentionedWithoutChangingTheVerdict) {
  const engine::Finding f =
      ct010(adapt(raw_trail("default-selector", "status-stopped"), model::SourceKind::Aws));
  EXPECT_EQ(f.status, Status::Pass);
  EXPECT_NE(f.message.find("the trail is not logging (IsLogging is false)"), std::string::npos) << f.message;
}

TEST(AwsAdapter, OrganizationTrailSeenFromAMemberNamesItsOwner) {
  const model::Trail t = adapt(org_trail("org-read-only"), model::SourceKind::Aws);
  EXPECT_EQ(t.account_id, "222222222222");
  EXPECT_EQ(t.seen_from_account, "111111111111");
  EXPECT_TRUE(*t.is_organization_trail);
  const engine::Finding f = ct010(t);
  EXPECT_EQ(f.status, Status::Fail);
  EXPECT_NE(
      f.message.find("this organization trail is owned by account 222222222222, where it must be fixed"),
      std::string::npos)
      << f.message;
  EXPECT_EQ(f.location.account, "222222222222");
  EXPECT_EQ(f.location.region, "eu-west-1");
}

// Each of the three calls failing makes the trail `error` with the call and AWS's error code.
TEST(AwsAdapter, EachFailingCallIsAnError) {
  const ApiError denied{"AccessDeniedException",
                        "User: arn:aws:iam::111111111111:user/audit is not authorized to perform: "
                        "cloudtrail:GetEventSelectors on resource: " +
                            kArn,
                        400};
  struct Failure {
    ApiCall RawTrail::*call;
    std::string operation;
    ApiError error;
    std::string expected;
  };
  const std::vector<Failure> failures = {
      {&RawTrail::describe,
       "DescribeTrails",
       {"AccessDeniedException", "not authorized", 400},
       "cloudtrail:DescribeTrails: AccessDeniedException: not authorized"},
      {&RawTrail::event_selectors, "GetEventSelectors", denied,
       "cloudtrail:GetEventSelectors: AccessDeniedException: User: arn:aws:iam::111111111111:user/audit is "
       "not "
       "authorized to perform: cloudtrail:GetEventSelectors"},
      {&RawTrail::status,
       "GetTrailStatus",
       {"ThrottlingException", "Rate exceeded", 400},
       "cloudtrail:GetTrailStatus: ThrottlingException: Rate exceeded"},
      {&RawTrail::event_selectors,
       "GetEventSelectors",
       {"RequestTimeout", "", 0},
       "cloudtrail:GetEventSelectors: RequestTimeout"},
  };
  for (const auto& failure : failures) {
    RawTrail raw = raw_trail("default-selector");
    raw.*failure.call = failed_call(failure.operation, failure.error);
    const model::Trail t = adapt(raw, model::SourceKind::Aws);
    EXPECT_NE(t.unreadable.find(failure.expected), std::string::npos) << t.unreadable;
    const engine::Finding f = ct010(t);
    EXPECT_EQ(f.status, Status::Error) << failure.operation;
    EXPECT_NE(f.message.find("could not be read completely: " + failure.expected), std::string::npos)
        << f.message;
    EXPECT_EQ(f.location.arn, kArn);
  }
}

TEST(AwsAdapter, ACallNotMadeIsAnError) {
  RawTrail raw = raw_trail("default-selector");
  raw.event_selectors = ApiCall{};
  const engine::Finding f = ct010(adapt(raw, model::SourceKind::Aws));
  EXPECT_EQ(f.status, Status::Error);
  EXPECT_NE(f.message.find("cloudtrail:GetEventSelectors: not called"), std::string::npos) << f.message;
}

TEST(AwsAdapter, TruncatedAndMistypedBodiesOfEveryCallAreErrors) {
  struct Bad {
    ApiCall RawTrail::*call;
    std::string body;
    std::string expected;
  };
  const std::vector<Bad> bad = {
      {&RawTrail::describe, "{\"trailList\":[{\"Name\":\"main\",\"TrailA",
       "cloudtrail:DescribeTrails: the response is not valid JSON"},
      {&RawTrail::describe, "{\"trailList\":{}}",
       "cloudtrail:DescribeTrails: unexpected response: no trailList list"},
      {&RawTrail::describe, "{\"trailList\":[]}",
       "cloudtrail:DescribeTrails: the response does not describe this trail"},
      {&RawTrail::describe, "{\"trailList\":[{\"Name\":\"main\"}]}",
       "cloudtrail:DescribeTrails: unexpected response: TrailARN is missing"},
      {&RawTrail::describe,
       "{\"trailList\":[{\"TrailARN\":\"" + kArn + "\",\"IsMultiRegionTrail\":\"true\"}]}",
       "cloudtrail:DescribeTrails: unexpected response: IsMultiRegionTrail is a string, expected true or "
       "false"},
      {&RawTrail::event_selectors, "", "cloudtrail:GetEventSelectors: the response is not valid JSON"},
      {&RawTrail::event_selectors, "[]",
       "cloudtrail:GetEventSelectors: unexpected response: the response is a list"},
      {&RawTrail::event_selectors, "{\"TrailARN\":\"" + kArn + "\",\"EventSelectors\":{}}",
       "EventSelectors is an object, expected a list"},
      {&RawTrail::event_selectors,
       "{\"TrailARN\":\"" + kArn + "\",\"EventSelectors\":[{\"ReadWriteType\":1}]}",
       "EventSelectors[0].ReadWriteType is a number, expected a string"},
      {&RawTrail::event_selectors,
       "{\"TrailARN\":\"" + kArn +
           "\",\"EventSelectors\":[{\"ExcludeManagementEventSources\":[\"kms.amazonaws.com\",7]}]}",
       "EventSelectors[0].ExcludeManagementEventSources[1] is a number, expected a string"},
      {&RawTrail::event_selectors,
       "{\"TrailARN\":\"" + kArn + "\",\"AdvancedEventSelectors\":[{\"Name\":\"x\"}]}",
       "AdvancedEventSelectors[0].FieldSelectors is missing"},
      {&RawTrail::event_selectors,
       "{\"TrailARN\":\"" + kArn +
           "\",\"AdvancedEventSelectors\":[{\"FieldSelectors\":[{\"Equals\":[\"Management\"]}]}]}",
       "AdvancedEventSelectors[0].FieldSelectors[0].Field is missing"},
      {&RawTrail::event_selectors,
       "{\"TrailARN\":\"arn:aws:cloudtrail:us-east-1:111111111111:trail/other\",\"EventSelectors\":[]}",
       "TrailARN is arn:aws:cloudtrail:us-east-1:111111111111:trail/other, not the trail being read"},
      {&RawTrail::status, "{\"IsLogging\":tr", "cloudtrail:GetTrailStatus: the response is not valid JSON"},
      {&RawTrail::status, "{\"LatestDeliveryError\":\"\"}",
       "cloudtrail:GetTrailStatus: unexpected response: IsLogging is missing"},
      {&RawTrail::status, "{\"IsLogging\":\"yes\"}", "IsLogging is a string, expected true or false"},
  };
  for (const auto& b : bad) {
    RawTrail raw = raw_trail("default-selector");
    (raw.*b.call).response = b.body;
    const model::Trail t = adapt(raw, model::SourceKind::Aws);
    EXPECT_NE(t.unreadable.find(b.expected), std::string::npos) << b.body << "\n" << t.unreadable;
    EXPECT_EQ(ct010(t).status, Status::Error) << b.body;
  }
}

TEST(AwsAdapter, NeitherKindOfSelectorIsUnknownNotTheDefault) {
  RawTrail raw = raw_trail("default-selector");
  raw.event_selectors.response = "{\"TrailARN\":\"" + kArn + "\"}";
  const engine::Finding f = ct010(adapt(raw, model::SourceKind::Aws));
  EXPECT_EQ(f.status, Status::Unknown) << f.message;
  EXPECT_NE(f.message.find("GetEventSelectors returned neither EventSelectors nor AdvancedEventSelectors"),
            std::string::npos)
      << f.message;
}

TEST(AwsAdapter, BothKindsOfSelectorsAreReportedByCt010) {
  RawTrail raw = raw_trail("default-selector");
  raw.event_selectors.response =
      "{\"TrailARN\":\"" + kArn +
      "\",\"EventSelectors\":[{\"ReadWriteType\":\"All\"}],\"AdvancedEventSelectors\":"
      "[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]}]}";
  EXPECT_EQ(ct010(adapt(raw, model::SourceKind::Aws)).status, Status::Error);
}

TEST(AwsAdapter, PicksItsTrailFromABatchedDescribeTrails) {
  RawTrail raw = raw_trail("default-selector");
  raw.describe.response =
      "{\"trailList\":[{\"Name\":\"other\",\"TrailARN\":\"arn:aws:cloudtrail:us-east-1:111111111111:"
      "trail/other\",\"IsMultiRegionTrail\":false},{\"Name\":\"main\",\"TrailARN\":\"" +
      kArn + "\",\"IsMultiRegionTrail\":true}]}";
  const model::Trail t = adapt(raw, model::SourceKind::Aws);
  EXPECT_TRUE(t.unreadable.empty()) << t.unreadable;
  EXPECT_EQ(*t.name, "main");
  EXPECT_TRUE(*t.is_multi_region);
}

TEST(AwsAdapter, AccountsEvaluateAnOrganizationTrailOnceAndReportProblems) {
  RawAccount owner;
  owner.account_id = "222222222222";
  owner.regions = {"eu-west-1"};
  RawTrail from_owner = org_trail("org-default-selector");
  from_owner.seen_from_account = "222222222222";
  owner.trails = {from_owner};

  RawAccount member;
  member.account_id = "111111111111";
  member.regions = {"eu-west-1", "us-east-1"};
  member.trails = {org_trail("org-default-selector"), raw_trail("read-only")};
  member.problems = {
      {"111111111111",
       "ap-south-1",
       "cloudtrail:ListTrails",
       {"UnrecognizedClientException", "The security token included in the request is invalid", 400}}};

  for (const auto& accounts :
       {std::vector<RawAccount>{member, owner}, std::vector<RawAccount>{owner, member}}) {
    SourceResult r = adapt_accounts(accounts, model::SourceKind::Aws);
    ASSERT_EQ(r.trails.size(), 2u) << describe(r);
    const model::Trail& org = r.trails[0].arn == kOrgArn ? r.trails[0] : r.trails[1];
    EXPECT_EQ(org.seen_from_account, "222222222222") << "the read made in the owning account is preferred";
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].source, "aws:cloudtrail:ListTrails");
    EXPECT_EQ(
        r.errors[0].message,
        "cloudtrail:ListTrails in account 111111111111, region ap-south-1: UnrecognizedClientException: The "
        "security token included in the request is invalid");
    EXPECT_EQ(r.errors[0].location.account, "111111111111");
  }
}

TEST(AwsAdapter, AReadableCopyIsPreferredToAFailedOne) {
  RawAccount a;
  a.account_id = "111111111111";
  RawTrail failed = org_trail("org-default-selector");
  failed.event_selectors =
      failed_call("GetEventSelectors", {"AccessDeniedException", "no", 400}, "eu-west-1");
  a.trails = {failed};
  RawAccount b;
  b.account_id = "333333333333";
  RawTrail ok = org_trail("org-default-selector");
  ok.seen_from_account = "333333333333";
  b.trails = {ok};
  SourceResult r = adapt_accounts({a, b}, model::SourceKind::Aws);
  ASSERT_EQ(r.trails.size(), 1u);
  EXPECT_TRUE(r.trails[0].unreadable.empty());
  EXPECT_EQ(ct010(r.trails[0]).status, Status::Pass);
}

}  // namespace
}  // namespace stance::sources::aws
