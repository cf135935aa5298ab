#include "serve/posture.hpp"

#include <gtest/gtest.h>

#include "history.hpp"

namespace stance::serve {
namespace {

using testing::finding;
using testing::live_finding;
using testing::scan;
using testing::summary_of;

// Two scopes: a repository scanned twice (its first failure fixed), and an AWS account scanned once.
struct TwoScopes {
  std::vector<store::ScanSummary> summaries;
  std::vector<store::ScanRecord> latest;
  TwoScopes() {
    auto repo1 = scan({finding("A", "fail"), finding("B", "fail")}, "2024-05-01T10:00:00Z");
    repo1.id = 1;
    auto aws = scan({live_finding("arn:1", "fail", "111122223333", "eu-west-1"),
                     live_finding("arn:2", "pass", "111122223333", "us-east-1")},
                    "2024-05-02T10:00:00Z", "aws");
    aws.id = 2;
    aws.source = "aws";
    auto repo2 = scan({finding("A", "pass"), finding("B", "fail"), finding("C", "unknown", "CT-001", "high")},
                      "2024-05-03T10:00:00Z");
    repo2.id = 3;
    repo2.findings[1].suppressed = true;
    repo2.findings[1].suppression_reason = "accepted";
    summaries = {summary_of(repo1), summary_of(aws), summary_of(repo2)};
    latest = {aws, repo2};
  }
};

TEST(Posture, LatestScanOfEachScopeOnly) {
  TwoScopes h;
  const Posture p = make_posture(h.summaries, h.latest);
  EXPECT_EQ(p.scan_count, 3u);
  ASSERT_EQ(p.latest_scans.size(), 2u);
  EXPECT_EQ(p.findings.size(), 5u);  // aws 2 + repo's second scan 3; the first scan's are gone
  EXPECT_EQ(p.totals.fail, 1);
  EXPECT_EQ(p.totals.pass, 2);
  EXPECT_EQ(p.totals.unknown, 1);
  EXPECT_EQ(p.totals.suppressed, 1);
  EXPECT_EQ(p.findings.front().record.status, "fail");  // failing first
}

TEST(Posture, TrendSumsTheLatestOfEveryScopeAfterEachScan) {
  TwoScopes h;
  const Posture p = make_posture(h.summaries, h.latest);
  ASSERT_EQ(p.trend.size(), 3u);
  EXPECT_EQ(p.trend[0].counts.fail, 2);  // repo: A, B
  EXPECT_EQ(p.trend[1].counts.fail, 3);  // + aws
  EXPECT_EQ(p.trend[2].counts.fail, 1);  // repo fixed A and suppressed B; aws still fails
  EXPECT_EQ(p.trend[2].scan_id, 3);
}

TEST(Posture, ALongHistoryIsThinnedKeepingTheLast) {
  std::vector<store::ScanSummary> summaries;
  for (int i = 0; i < 1000; ++i) {
    store::ScanSummary s;
    s.id = i + 1;
    s.time = "2024-05-01T10:00:00Z";
    s.scope = "s";
    s.fail = i;
    summaries.push_back(s);
  }
  const Posture p = make_posture(summaries, {});
  EXPECT_EQ(p.trend.size(), kMaxTrendPoints);
  EXPECT_EQ(p.trend.front().scan_id, 1);
  EXPECT_EQ(p.trend.back().scan_id, 1000);
  EXPECT_EQ(p.trend.back().counts.fail, 999);
}

TEST(Posture, CountsByDimension) {
  TwoScopes h;
  const Posture p = make_posture(h.summaries, h.latest);
  const auto by_severity = counts_by(p, Dimension::Severity);
  ASSERT_EQ(by_severity.size(), 2u);
  EXPECT_EQ(by_severity[0].first, "high");  // higher severities first
  EXPECT_EQ(by_severity[1].first, "medium");
  const auto by_region = counts_by(p, Dimension::Region);
  ASSERT_EQ(by_region.size(), 3u);
  EXPECT_EQ(by_region[0].first, "");  // template findings have no region
  EXPECT_EQ(by_region[1].first, "eu-west-1");
  EXPECT_EQ(by_region[1].second.fail, 1);
  const auto by_rule = counts_by(p, Dimension::Rule);
  ASSERT_EQ(by_rule.size(), 2u);
  EXPECT_EQ(by_rule[1].first, "CT-010");
  EXPECT_EQ(by_rule[1].second.suppressed, 1);
}

}  // namespace
}  // namespace stance::serve
