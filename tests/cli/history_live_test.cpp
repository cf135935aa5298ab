// `stance scan --aws --db` end to end against the test AWS endpoint: a trail recording read events only, then
// the same account with the trail fixed. History follows the trail by its ARN.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/run_stance.hpp"
#include "cli_harness.hpp"

namespace stance::testing {
namespace {

std::string state(const std::string& read_write_type) {
  return R"({
  "credentials": {"AKIDHISTORY00000001": {"secret": "history-secret", "account": "333333333333"}},
  "accounts": {"333333333333": {"regions": ["us-east-1"], "trails": [
    {"Name": "audit", "HomeRegion": "us-east-1", "S3BucketName": "b",
     "EventSelectors": [{"ReadWriteType": ")" + read_write_type + R"(", "IncludeManagementEvents": true}]}]}}
})";
}

StanceRun scan_into(const FakeAws& aws, const std::string& db) {
  return run_stance({"scan", "--aws", "--db", db, "--max-attempts", "2", "--timeout", "2"},
                    {{"AWS_ACCESS_KEY_ID", "AKIDHISTORY00000001"},
                     {"AWS_SECRET_ACCESS_KEY", "history-secret"},
                     {"AWS_ENDPOINT_URL", aws.endpoint()}});
}

TEST(HistoryLive, AFixedTrailIsResolvedByItsArn) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  cli::testing::TempDir dir;
  const std::string db = dir / "history.db";
  {
    FakeAws aws(state("ReadOnly"));
    StanceRun first = scan_into(aws, db);
    ASSERT_EQ(first.code, 1) << first.err;
  }
  {
    FakeAws aws(state("All"));  // another port: the endpoint from the environment is not part of the source
    StanceRun second = scan_into(aws, db);
    ASSERT_EQ(second.code, 0) << second.err;
  }
  StanceRun history = run_stance({"history", "--db", db, "--format", "json"}, {});
  ASSERT_EQ(history.code, 0) << history.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(history.out);
  simdjson::dom::array scans = doc["scans"];
  ASSERT_EQ(scans.size(), 2u);
  EXPECT_EQ(std::string_view(scans.at(0)["source"]), "aws");
  EXPECT_EQ(std::string_view(scans.at(0)["accounts"].at(0)), "333333333333");
  EXPECT_EQ(std::string_view(scans.at(0)["regions"].at(0)), "us-east-1");
  simdjson::dom::array transitions = doc["transitions"];
  ASSERT_EQ(transitions.size(), 2u) << history.out;
  EXPECT_EQ(std::string_view(transitions.at(0)["kind"]), "new");
  EXPECT_EQ(std::string_view(transitions.at(1)["kind"]), "resolved");
  EXPECT_EQ(std::string_view(transitions.at(1)["resource"]["id"]), "arn:aws:cloudtrail:us-east-1:333333333333:trail/audit");
  EXPECT_EQ(std::string_view(transitions.at(1)["rule_id"]), "CT-010");
}

}  // namespace
}  // namespace stance::testing
