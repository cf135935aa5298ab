// The pages as HTML text: what they show, that every value from the history is escaped, and that the
// filters keep only the findings they name.
#include "serve/pages.hpp"

#include <gtest/gtest.h>

#include "history.hpp"
#include "serve/overview_html.hpp"

namespace stance::serve {
namespace {

using testing::finding;
using testing::scan;
using testing::summary_of;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

constexpr const char* kHostile = "<img src=x onerror=alert(1)>\"'";

Posture sample() {
  auto s = scan({finding("AuditTrail", "fail"), finding("OtherTrail", "pass"),
                 finding("AuditTrail", "fail", "CT-001", "high"), finding(kHostile, "fail"),
                 finding("Accepted", "fail")},
                "2024-05-01T10:00:00Z");
  s.id = 7;
  s.findings[4].suppressed = true;
  s.findings[4].suppression_reason = "<b>sandbox</b> account";
  return make_posture({summary_of(s)}, {s});
}

TEST(Pages, OverviewShowsTheFailingTrailAndEveryDimension) {
  const std::string page = overview_page(sample());
  EXPECT_NE(page.find("AuditTrail"), std::string::npos);
  EXPECT_NE(page.find("<svg class=\"trend\""), std::string::npos);
  for (const char* d : {"rule", "severity", "account", "region"}) {
    EXPECT_NE(page.find(std::string("data-dimension=\"") + d + "\""), std::string::npos) << d;
  }
  EXPECT_NE(page.find("href=\"/findings?rule=CT-001&amp;status=fail\""), std::string::npos);
  EXPECT_NE(page.find("/assets/style.css"), std::string::npos);
}

TEST(Pages, HostileValuesAreEscapedEverywhere) {
  const Posture p = sample();
  FindingFilter filter;
  filter.text = kHostile;
  for (const std::string& page : {overview_page(p), findings_page(p, {}), findings_page(p, filter), suppressed_page(p),
                                  finding_page(p.findings[0], nullptr, {})}) {
    EXPECT_EQ(page.find("<img"), std::string::npos);
    EXPECT_EQ(page.find("<b>sandbox"), std::string::npos);
  }
  EXPECT_NE(overview_page(p).find("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;"), std::string::npos);
  // The filter's own value goes back into the form escaped.
  EXPECT_NE(findings_page(p, filter).find("value=\"&lt;img"), std::string::npos);
}

TEST(Pages, FilterKeepsOnlyMatchingFindings) {
  const Posture p = sample();
  const std::string all = findings_page(p, {});
  EXPECT_EQ(count(all, "<tr class=\"finding\""), 4u);  // the suppressed one is on its own page
  FindingFilter by_rule;
  by_rule.rule = "CT-010";
  by_rule.status = "fail";
  const std::string some = findings_page(p, by_rule);
  EXPECT_EQ(count(some, "<tr class=\"finding\""), 2u);
  EXPECT_EQ(count(some, "data-rule=\"CT-010\" data-status=\"fail\""), 2u);
  EXPECT_NE(some.find("<option value=\"CT-010\" selected>"), std::string::npos);
  EXPECT_NE(some.find("data-count=\"2\""), std::string::npos);
}

TEST(Pages, FindingListIsPaged) {
  std::vector<store::FindingRecord> many;
  for (std::size_t i = 0; i < kPageSize + 5; ++i) many.push_back(finding("T" + std::to_string(1000 + i), "fail"));
  auto s = scan(many, "2024-05-01T10:00:00Z");
  s.id = 1;
  const Posture p = make_posture({summary_of(s)}, {s});
  const std::string first = findings_page(p, {});
  EXPECT_EQ(count(first, "<tr class=\"finding\""), kPageSize);
  EXPECT_NE(first.find("href=\"/findings?page=2\""), std::string::npos);
  FindingFilter second;
  second.page = 2;
  EXPECT_EQ(count(findings_page(p, second), "<tr class=\"finding\""), 5u);
}

TEST(Pages, FindingPageShowsTheFixTheArticleAndTheHistory) {
  const Posture p = sample();
  kb::Article article;
  article.id = "CT-010";
  article.title = "CloudTrail Management Events";
  article.summary = "Checks <management>\nevents.\n\n- first item\n- second item\n";
  article.remediation = {{"cli", "Fix with the CLI", "", "aws cloudtrail put-event-selectors \\\n  --trail-name x"}};
  store::Transition t;
  t.time = "2024-05-01T10:00:00Z";
  t.scan_id = 7;
  t.kind = store::TransitionKind::Regressed;
  t.from = "pass";
  t.to = "fail";
  const PostureFinding* audit = nullptr;
  for (const auto& f : p.findings) {
    if (f.record.rule_id == "CT-010" && f.record.resource_id == "AuditTrail") audit = &f;
  }
  ASSERT_NE(audit, nullptr);
  const std::string page = finding_page(*audit, &article, {t});
  EXPECT_NE(page.find("stance fix &#39;/repo&#39; --rule &#39;CT-010&#39; --diff"), std::string::npos) << page;
  EXPECT_NE(page.find("CloudTrail Management Events"), std::string::npos);
  EXPECT_NE(page.find("<p>Checks &lt;management&gt; events.</p>\n<ul>\n<li>first item</li>\n<li>second item</li>\n</ul>"),
            std::string::npos);
  EXPECT_NE(page.find("aws cloudtrail put-event-selectors \\\n  --trail-name x</code>"), std::string::npos);
  EXPECT_NE(page.find("<td>regressed</td>"), std::string::npos);
}

TEST(Pages, LiveFindingFixIsTheLiveCommand) {
  PostureFinding f{testing::live_finding("arn:aws:cloudtrail:eu-west-1:1:trail/t", "fail", "1", "eu-west-1"), 3, "", "aws",
                   "aws", {}};
  const std::string page = finding_page(f, nullptr, {});
  EXPECT_NE(page.find("stance fix --aws --rule &#39;CT-010&#39; --region &#39;eu-west-1&#39;"), std::string::npos);
  EXPECT_NE(page.find("no article for CT-010"), std::string::npos);
}

TEST(Pages, SuppressedPageGivesTheReasons) {
  const std::string page = suppressed_page(sample());
  EXPECT_NE(page.find("Accepted"), std::string::npos);
  EXPECT_NE(page.find("&lt;b&gt;sandbox&lt;/b&gt; account"), std::string::npos);
  EXPECT_EQ(count(page, "<tr class=\"finding\""), 1u);
}

TEST(Pages, EmptyHistorySaysHowToRecordOne) {
  const std::string page = overview_page(make_posture({}, {}));
  EXPECT_NE(page.find("stance scan ... --db PATH"), std::string::npos);
}

}  // namespace
}  // namespace stance::serve
