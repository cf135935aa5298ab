#include "serve/finding_filter.hpp"

#include <gtest/gtest.h>

#include "history.hpp"

namespace stance::serve {
namespace {

using testing::finding;
using testing::live_finding;

TEST(FindingFilter, ParsesEachParameterAndIgnoresOthers) {
  const std::multimap<std::string, std::string> params = {
      {"rule", "CT-010"}, {"severity", "high"}, {"status", "fail"}, {"account", "111122223333"},
      {"region", "eu-west-1"}, {"text", "prod"}, {"page", "3"}, {"token", "secret"}, {"rule", "CT-001"}};
  const FindingFilter f = parse_filter(params);
  EXPECT_EQ(f.rule, "CT-010");  // the first value
  EXPECT_EQ(f.severity, "high");
  EXPECT_EQ(f.status, "fail");
  EXPECT_EQ(f.account, "111122223333");
  EXPECT_EQ(f.region, "eu-west-1");
  EXPECT_EQ(f.text, "prod");
  EXPECT_EQ(f.page, 3);
}

TEST(FindingFilter, ABadPageIsTheFirst) {
  for (const char* page : {"0", "-2", "x", "2x", ""}) {
    EXPECT_EQ(parse_filter({{"page", page}}).page, 1) << page;
  }
}

TEST(FindingFilter, QueryRoundTrips) {
  FindingFilter f;
  f.rule = "CT-010";
  f.text = "a b&c=<d>";
  f.page = 2;
  const std::string query = to_query(f);
  EXPECT_EQ(query, "rule=CT-010&text=a%20b%26c%3D%3Cd%3E&page=2");
  EXPECT_EQ(to_query(FindingFilter{}), "");
}

TEST(FindingFilter, EachFieldFilters) {
  const auto f = live_finding("arn:aws:cloudtrail:eu-west-1:111122223333:trail/Prod", "fail", "111122223333", "eu-west-1");
  EXPECT_TRUE(matches({}, f));
  EXPECT_TRUE(matches({.rule = "ct-010"}, f));
  EXPECT_FALSE(matches({.rule = "CT-001"}, f));
  EXPECT_TRUE(matches({.severity = "MEDIUM"}, f));
  EXPECT_FALSE(matches({.severity = "high"}, f));
  EXPECT_TRUE(matches({.status = "fail"}, f));
  EXPECT_FALSE(matches({.status = "pass"}, f));
  EXPECT_TRUE(matches({.account = "111122223333"}, f));
  EXPECT_FALSE(matches({.account = "444455556666"}, f));
  EXPECT_TRUE(matches({.region = "eu-west-1"}, f));
  EXPECT_FALSE(matches({.region = "us-east-1"}, f));
  EXPECT_TRUE(matches({.text = "trail/prod"}, f));
  EXPECT_TRUE(matches({.text = "MESSAGE OF"}, f));
  EXPECT_FALSE(matches({.text = "staging"}, f));
}

TEST(FindingFilter, SuppressedFindingsAreNeverListed) {
  auto f = finding("Trail", "fail");
  f.suppressed = true;
  EXPECT_FALSE(matches({}, f));
}

}  // namespace
}  // namespace stance::serve
