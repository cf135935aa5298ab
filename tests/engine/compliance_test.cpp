// The per-control verdicts of `scan --framework`, from hand-made findings.
#include <gtest/gtest.h>

#include "engine/compliance.hpp"

namespace stance::engine {
namespace {

// Three controls: 3.1 (three rules, one of them an account rule), 3.2 (one rule), 3.3 (no rule: manual).
kb::Framework sample_framework() {
  kb::Framework fw;
  fw.id = "cis-test";
  fw.name = "CIS Test";
  fw.version = "3.0.0";
  fw.controls = {{"3.1", "Ensure CloudTrail is enabled in all regions"},
                 {"3.2", "Ensure CloudTrail log file validation is enabled"},
                 {"3.3", "Ensure AWS Config is enabled in all regions"}};
  kb::FrameworkMapping m;
  m.rule_id = "CT-001", m.controls = {"3.1"};
  fw.mappings.push_back(m);
  m.rule_id = "ct-010", m.controls = {"3.1"};  // spelt in lower case: still CT-010's findings
  fw.mappings.push_back(m);
  m.rule_id = "CT-014", m.controls = {"3.1"};
  fw.mappings.push_back(m);
  m.rule_id = "CT-002", m.controls = {"3.2"};
  fw.mappings.push_back(m);
  return fw;
}

Finding finding(std::string rule, Status status, std::string trail = "Trail") {
  Finding f;
  f.rule_id = std::move(rule);
  f.status = status;
  f.resource.id = std::move(trail);
  return f;
}

Finding suppressed(Finding f) {
  f.suppression = Suppression{Suppression::Kind::Config, "accepted", {}};
  return f;
}

const ControlSummary& control(const FrameworkSummary& s, const std::string& id) {
  for (const ControlSummary& c : s.controls) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no control " + id);
}

TEST(Compliance, EveryControlInFrameworkOrderWithItsRules) {
  const FrameworkSummary s = summarize(sample_framework(), {});
  EXPECT_EQ(s.id, "cis-test");
  EXPECT_EQ(s.name, "CIS Test");
  ASSERT_EQ(s.controls.size(), 3u);
  EXPECT_EQ(s.controls[0].id, "3.1");
  EXPECT_EQ(s.controls[0].title, "Ensure CloudTrail is enabled in all regions");
  EXPECT_EQ(s.controls[0].rule_ids, (std::vector<std::string>{"CT-001", "ct-010", "CT-014"}));
  EXPECT_EQ(s.controls[2].id, "3.3");
  EXPECT_TRUE(s.controls[2].rule_ids.empty());
}

TEST(Compliance, UncoveredControlIsManualWhateverTheFindings) {
  const FrameworkSummary s = summarize(sample_framework(), {finding("CT-010", Status::Fail)});
  EXPECT_EQ(control(s, "3.3").status, ControlStatus::Manual);
  EXPECT_EQ(control(s, "3.3").fail, 0);
  EXPECT_EQ(control(s, "3.3").note, "");
  EXPECT_EQ(s.count(ControlStatus::Manual), 1);
}

TEST(Compliance, OneFailingFindingFailsTheControl) {
  const FrameworkSummary s = summarize(sample_framework(), {finding("CT-010", Status::Pass, "A"),
                                                            finding("CT-010", Status::Fail, "B"),
                                                            finding("CT-014", Status::Pass, "A"),
                                                            finding("CT-014", Status::Unknown, "B"),
                                                            finding("CT-002", Status::Pass, "A")});
  const ControlSummary& c = control(s, "3.1");
  EXPECT_EQ(c.status, ControlStatus::Fail);
  EXPECT_EQ(c.pass, 2);
  EXPECT_EQ(c.fail, 1);
  EXPECT_EQ(c.unknown, 1);
  EXPECT_EQ(c.error, 0);
  // Another rule's findings are not this control's: CT-002 passed, so 3.2 passes.
  EXPECT_EQ(control(s, "3.2").status, ControlStatus::Pass);
  EXPECT_EQ(control(s, "3.2").pass, 1);
  EXPECT_EQ(control(s, "3.2").fail, 0);
}

TEST(Compliance, ErrorOutranksUnknownAndUnknownOutranksPass) {
  EXPECT_EQ(control(summarize(sample_framework(), {finding("CT-010", Status::Pass), finding("CT-014", Status::Unknown),
                                                   finding("CT-010", Status::Error, "Other")}),
                    "3.1")
                .status,
            ControlStatus::Error);
  EXPECT_EQ(control(summarize(sample_framework(), {finding("CT-010", Status::Pass), finding("CT-014", Status::Unknown)}),
                    "3.1")
                .status,
            ControlStatus::Unknown);
  // ... but a fail outranks everything.
  EXPECT_EQ(control(summarize(sample_framework(), {finding("CT-010", Status::Error), finding("CT-014", Status::Fail)}),
                    "3.1")
                .status,
            ControlStatus::Fail);
}

TEST(Compliance, SuppressedFailDoesNotFailButIsCounted) {
  const FrameworkSummary s =
      summarize(sample_framework(), {suppressed(finding("CT-010", Status::Fail)), finding("CT-014", Status::Pass)});
  const ControlSummary& c = control(s, "3.1");
  EXPECT_EQ(c.status, ControlStatus::Pass);
  EXPECT_EQ(c.fail, 0);
  EXPECT_EQ(c.suppressed, 1);
  EXPECT_EQ(c.pass, 1);
}

TEST(Compliance, OnlySuppressedFindingsIsNeitherPassNorNoFindings) {
  const FrameworkSummary s = summarize(sample_framework(), {suppressed(finding("CT-002", Status::Unknown))});
  EXPECT_EQ(control(s, "3.2").status, ControlStatus::Suppressed);
  EXPECT_EQ(control(s, "3.2").suppressed, 1);
}

TEST(Compliance, SuppressedErrorStaysAnError) {
  const FrameworkSummary s = summarize(sample_framework(), {suppressed(finding("CT-002", Status::Error))});
  EXPECT_EQ(control(s, "3.2").status, ControlStatus::Error);
  EXPECT_EQ(control(s, "3.2").error, 1);
  EXPECT_EQ(control(s, "3.2").suppressed, 0);
}

TEST(Compliance, MappedRulesWithoutFindingsSaySoAndWhy) {
  const FrameworkSummary s = summarize(sample_framework(), {finding("CT-010", Status::Pass)});
  // 3.1 passes on CT-010, and says that the account rule CT-001 and CT-014 judged nothing.
  const ControlSummary& c = control(s, "3.1");
  EXPECT_EQ(c.status, ControlStatus::Pass);
  EXPECT_NE(c.note.find("CT-001: no finding (judges AWS accounts, on live scans and snapshots only)"),
            std::string::npos)
      << c.note;
  EXPECT_NE(c.note.find("CT-014: no finding"), std::string::npos) << c.note;
  EXPECT_EQ(c.note.find("ct-010"), std::string::npos) << c.note;
  // 3.2's only rule found nothing: not a pass.
  EXPECT_EQ(control(s, "3.2").status, ControlStatus::NoFindings);
  EXPECT_NE(control(s, "3.2").note.find("CT-002: no finding"), std::string::npos);
}

TEST(Compliance, StatusNames) {
  EXPECT_STREQ(to_string(ControlStatus::NoFindings), "no_findings");
  EXPECT_STREQ(to_string(ControlStatus::Manual), "manual");
  EXPECT_STREQ(to_string(ControlStatus::Fail), "fail");
}

}  // namespace
}  // namespace stance::engine
