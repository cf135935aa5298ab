// The four report formats agree on one input (issue 10): the same numbers of failing, passing and
// suppressed findings, suppressed never counted as failing, and a severity set in .stance.yaml shown as the
// text header's risk, the JSON severity, and SARIF level and security-severity.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <regex>

#include "cli_harness.hpp"

namespace stance::cli {
namespace {

using testing::contains;
using testing::stance;
using testing::TempDir;

const char* kThreeTrails = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  GoodTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
  BadTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: ReadOnly
  AcceptedTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: ReadOnly
)";

const char* kConfig = R"(rules:
  CT-010:
    severity: critical
exceptions:
  - rule: CT-010
    resources: [AcceptedTrail]
    reason: Replaced by the organization trail
)";

struct Reports {
  std::string text, json, sarif, junit;
};

Reports scan_all_formats(const TempDir& dir, const std::string& file) {
  Reports r;
  for (auto [format, out] : {std::pair{"text", &r.text}, {"json", &r.json}, {"sarif", &r.sarif}, {"junit", &r.junit}}) {
    auto run = stance({"scan", "-f", format, file});
    EXPECT_EQ(run.code, 1) << format << "\n" << run.out << run.err;
    *out = run.out;
  }
  (void)dir;
  return r;
}

int junit_attribute(const std::string& xml, const std::string& name) {
  std::smatch m;
  const std::regex re("<testsuites [^>]*" + name + "=\"([0-9]+)\"");
  if (!std::regex_search(xml, m, re)) return -1;
  return std::stoi(m[1]);
}

TEST(ReportAgreement, CountsAndSeverityAgreeAcrossFormats) {
  TempDir dir;
  dir.write(".stance.yaml", kConfig);
  const std::string file = dir.write("trails.yaml", kThreeTrails);
  const Reports r = scan_all_formats(dir, file);

  // JSON: the reference numbers.
  simdjson::dom::parser parser;
  simdjson::dom::element json = parser.parse(r.json);
  const int64_t fail = json["summary"]["fail"].get_int64();
  const int64_t pass = json["summary"]["pass"].get_int64();
  const int64_t suppressed = json["summary"]["suppressed"].get_int64();
  EXPECT_EQ(fail, 1);
  EXPECT_EQ(pass, 1);
  EXPECT_EQ(suppressed, 1);
  EXPECT_EQ(json["summary"]["unknown"].get_int64().value(), 0);
  for (simdjson::dom::element f : json["findings"].get_array()) {
    EXPECT_EQ(std::string_view(f["severity"].get_string().value()), "critical");
  }

  // Text: the summary line has the JSON numbers; the header the configured severity.
  EXPECT_TRUE(contains(r.text, "3 trails checked in 1 file: 1 fail, 0 unknown, 1 pass, 0 error, 1 suppressed"))
      << r.text;
  EXPECT_TRUE(contains(r.text, "(risk: critical, set by the configuration)")) << r.text;

  // SARIF: one unsuppressed fail, the suppressed one carries its suppression; level and security-severity
  // are the configured severity's.
  simdjson::dom::parser sarif_parser;
  simdjson::dom::element sarif = sarif_parser.parse(r.sarif);
  simdjson::dom::element run = sarif["runs"].at(0);
  int sarif_fail = 0, sarif_suppressed = 0, sarif_pass = 0;
  for (simdjson::dom::element result : run["results"].get_array()) {
    const std::string_view kind = result["kind"].get_string().value();
    const bool is_suppressed = result["suppressions"].error() == simdjson::SUCCESS;
    if (kind == "fail" && !is_suppressed) {
      ++sarif_fail;
      EXPECT_EQ(std::string_view(result["level"].get_string().value()), "error");
      EXPECT_EQ(std::string_view(result["properties"]["security-severity"].get_string().value()), "9.5");
    }
    if (kind == "fail" && is_suppressed) ++sarif_suppressed;
    if (kind == "pass") ++sarif_pass;
  }
  EXPECT_EQ(sarif_fail, fail);
  EXPECT_EQ(sarif_suppressed, suppressed);
  EXPECT_EQ(sarif_pass, pass);
  bool rule_seen = false;
  for (simdjson::dom::element rule : run["tool"]["driver"]["rules"].get_array()) {
    if (std::string_view(rule["id"].get_string().value()) != "CT-010") continue;
    rule_seen = true;
    EXPECT_EQ(std::string_view(rule["defaultConfiguration"]["level"].get_string().value()), "error");
    EXPECT_EQ(std::string_view(rule["properties"]["security-severity"].get_string().value()), "9.5");
  }
  EXPECT_TRUE(rule_seen);

  // JUnit: failures are the unsuppressed fails; the suppressed one is skipped.
  EXPECT_EQ(junit_attribute(r.junit, "tests"), fail + pass + suppressed) << r.junit;
  EXPECT_EQ(junit_attribute(r.junit, "failures"), fail) << r.junit;
  EXPECT_EQ(junit_attribute(r.junit, "skipped"), suppressed) << r.junit;
  EXPECT_TRUE(contains(r.junit, "type=\"critical\"")) << r.junit;
}

// Code points, which is what a terminal gives a column each here.
std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(ReportAgreement, TerminalTextFitsTheWidthAndEndsWithSeverityTotals) {
  TempDir dir;
  const std::string file = dir.write("t.yaml", testing::kFailingTemplate);
  setenv("COLUMNS", "72", 1);
  auto r = stance({"scan", "--no-config", "--color", "never", file}, nullptr, /*out_is_terminal=*/true);
  unsetenv("COLUMNS");
  EXPECT_EQ(r.code, 1) << r.err;
  std::size_t start = 0;
  while (start < r.out.size()) {
    std::size_t end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    const std::string line = r.out.substr(start, end - start);
    // The summary line is not wrapped (it is one fact); everything else fits.
    if (!contains(line, "checked in")) {
      EXPECT_LE(columns(line), 72u) << line << "\n---\n" << r.out;
    }
    start = end + 1;
  }
  EXPECT_TRUE(contains(r.out, "failing by severity: 1 medium")) << r.out;

  // Piped: no wrapping and no totals line, whatever COLUMNS says.
  setenv("COLUMNS", "72", 1);
  auto piped = stance({"scan", "--no-config", file});
  unsetenv("COLUMNS");
  EXPECT_FALSE(contains(piped.out, "failing by severity")) << piped.out;
}

}  // namespace
}  // namespace stance::cli
