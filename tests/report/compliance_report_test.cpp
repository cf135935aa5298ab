// `scan --framework`'s per-control summary in every format: golden files (checked by the SARIF schema, the
// JSON contract and the JUnit count checkers too, see CMakeLists.txt) and the details each format owes it.
#include <gtest/gtest.h>

#include "report/golden.hpp"
#include "report/report_fixture.hpp"

namespace stance::report::testing {
namespace {

using engine::ControlStatus;
using engine::ControlSummary;

ControlSummary control(std::string id, std::string title, ControlStatus status, std::vector<std::string> rules,
                       int pass, int fail, std::string note = "") {
  ControlSummary c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.status = status;
  c.rule_ids = std::move(rules);
  c.pass = pass;
  c.fail = fail;
  c.note = std::move(note);
  return c;
}

// The sample scan with one framework holding a control of every status, and a title that needs escaping.
engine::ScanResult scan_with_framework() {
  engine::ScanResult result = sample_scan();
  engine::FrameworkSummary fw;
  fw.id = "cis-test";
  fw.name = "CIS Test Benchmark";
  fw.version = "3.0.0";
  fw.controls.push_back(control("3.1", "Ensure CloudTrail is enabled in all regions", ControlStatus::Fail,
                                {"CT-001", "CT-010"}, 1, 1,
                                "CT-001: no finding (judges AWS accounts, on live scans and snapshots only)"));
  fw.controls.push_back(control("3.2", "Ensure log file validation is enabled", ControlStatus::Pass, {"CT-002"}, 2, 0));
  fw.controls.push_back(control("3.3", "Ensure AWS Config <&> \"is\" on\x1b[31m", ControlStatus::Manual, {}, 0, 0));
  fw.controls.push_back(control("3.4", "Ensure delivery works", ControlStatus::NoFindings, {"CT-011"}, 0, 0,
                                "CT-011: no finding (judged on live scans and snapshots only)"));
  ControlSummary error = control("3.5", "Ensure logs are encrypted", ControlStatus::Error, {"CT-007"}, 0, 0);
  error.error = 1;
  fw.controls.push_back(error);
  ControlSummary unknown = control("3.6", "Ensure logging is on", ControlStatus::Unknown, {"CT-012"}, 1, 0);
  unknown.unknown = 1;
  fw.controls.push_back(unknown);
  ControlSummary suppressed = control("3.7", "Ensure multi-region", ControlStatus::Suppressed, {"CT-014"}, 0, 0);
  suppressed.suppressed = 1;
  fw.controls.push_back(suppressed);
  result.compliance.push_back(fw);
  return result;
}

std::string render_with_framework(Format format, Options options = fixed_options()) {
  return render(format, scan_with_framework(), sample_knowledge_base(), options);
}

TEST(ComplianceReport, TextMatchesGolden) { expect_golden("report-compliance.txt", render_with_framework(Format::Text)); }
TEST(ComplianceReport, JsonMatchesGolden) {
  expect_golden("report-compliance.json", render_with_framework(Format::Json));
}
TEST(ComplianceReport, SarifMatchesGolden) {
  expect_golden("report-compliance.sarif", render_with_framework(Format::Sarif));
}
TEST(ComplianceReport, JunitMatchesGolden) {
  expect_golden("report-compliance.junit.xml", render_with_framework(Format::Junit));
}

TEST(ComplianceReport, NothingWithoutAFramework) {
  for (Format format : {Format::Text, Format::Json, Format::Sarif, Format::Junit}) {
    const std::string out = render(format, sample_scan(), sample_knowledge_base(), fixed_options());
    EXPECT_EQ(out.find("compliance"), std::string::npos) << out;
    EXPECT_EQ(out.find("MANUAL"), std::string::npos) << out;
  }
}

TEST(ComplianceReport, TextSectionAfterTheFindingsBeforeTheSummary) {
  const std::string out = render_with_framework(Format::Text);
  const auto section = out.find("CIS Test Benchmark (cis-test): 7 controls: 1 fail, 1 error, 1 unknown, 1 pass, "
                                "1 suppressed, 1 no findings, 1 manual\n");
  ASSERT_NE(section, std::string::npos) << out;
  EXPECT_LT(out.find("CT-010"), section);
  EXPECT_LT(section, out.find("source errors"));
  EXPECT_NE(out.find("  FAIL         3.1  Ensure CloudTrail is enabled in all regions\n"
                     "               CT-001, CT-010: 1 fail, 1 pass\n"
                     "               CT-001: no finding (judges AWS accounts, on live scans and snapshots only)\n"),
            std::string::npos)
      << out;
  // Without findings, the note says which rules found nothing and why; no counts line repeats it.
  EXPECT_NE(out.find("  NO FINDINGS  3.4  Ensure delivery works\n"
                     "               CT-011: no finding (judged on live scans and snapshots only)\n  ERROR "),
            std::string::npos)
      << out;
  // A manual control has no rules line; its title cannot reach the terminal's escape handling.
  EXPECT_NE(out.find("  MANUAL       3.3  Ensure AWS Config <&> \"is\" on\\x1b[31m\n  NO FINDINGS "), std::string::npos)
      << out;
}

TEST(ComplianceReport, TextColourOnlyWhenAsked) {
  Options options = fixed_options();
  options.color = true;
  const std::string out = render_with_framework(Format::Text, options);
  EXPECT_NE(out.find("\x1b[31mFAIL\x1b[0m         3.1"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[32mPASS\x1b[0m         3.2"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[2mMANUAL\x1b[0m       3.3"), std::string::npos) << out;
  EXPECT_EQ(render_with_framework(Format::Text).find("\x1b[2mMANUAL"), std::string::npos);
}

TEST(ComplianceReport, JsonControlRows) {
  const std::string out = render_with_framework(Format::Json);
  EXPECT_NE(out.find("  \"compliance\": [\n"
                     "    {\n"
                     "      \"framework\": \"cis-test\",\n"
                     "      \"name\": \"CIS Test Benchmark\",\n"
                     "      \"version\": \"3.0.0\",\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"id\": \"3.3\",\n"
                     "          \"title\": \"Ensure AWS Config <&> \\\"is\\\" on\\u001b[31m\",\n"
                     "          \"status\": \"manual\",\n"
                     "          \"rules\": [],\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"status\": \"no_findings\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"schema_version\": 1,"), std::string::npos);
}

TEST(ComplianceReport, SarifRunPropertyBag) {
  const std::string out = render_with_framework(Format::Sarif);
  const auto bag = out.find("      \"properties\": {\n        \"stance/compliance\": [\n");
  ASSERT_NE(bag, std::string::npos) << out;
  EXPECT_LT(out.find("\"columnKind\""), bag);
}

TEST(ComplianceReport, JunitOneSuitePerFrameworkOneCasePerControl) {
  const std::string out = render_with_framework(Format::Junit);
  EXPECT_NE(out.find("<testsuite name=\"compliance: CIS Test Benchmark (cis-test)\" tests=\"7\" failures=\"1\" "
                     "errors=\"1\" skipped=\"4\">"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<testcase classname=\"cis-test\" name=\"3.1 Ensure CloudTrail is enabled in all regions\">\n"
                     "      <failure message=\"a mapped rule fails: CT-001, CT-010\" type=\"compliance\">"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<testcase classname=\"cis-test\" name=\"3.2 Ensure log file validation is enabled\"/>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("name=\"3.3 Ensure AWS Config &lt;&amp;&gt; &quot;is&quot; on\\x1b[31m\">\n"
                     "      <skipped message=\"manual: no rule covers this control; check it by hand\"/>"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace stance::report::testing
