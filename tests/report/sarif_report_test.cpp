// SARIF 2.1.0: the golden file (validated against the OASIS schema by validate_sarif.py) and the details
// GitHub code scanning depends on: relative URIs, percent-encoding, rule indexes, stable fingerprints.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "report/golden.hpp"
#include "report/report_fixture.hpp"

namespace stance::report::testing {
namespace {

std::string sarif(const engine::ScanResult& result, const kb::KnowledgeBase& kb = sample_knowledge_base()) {
  return render(Format::Sarif, result, kb, fixed_options());
}

engine::ScanResult one_finding_in(const std::string& file, int line = 30) {
  engine::ScanResult result;
  engine::Finding f = sample_scan().findings[1];  // AuditTrail, fail
  f.location = model::Location::in_file(file, line, 7);
  result.findings.push_back(f);
  return result;
}

// The document without its line breaks and indentation, so tests can look for a fragment. (No
// std::regex: g++ 12 with the sanitizers warns inside <regex>, and warnings are errors.)
std::string flat(const std::string& pretty) {
  std::string out;
  bool line_start = false;
  for (char c : pretty) {
    if (c == '\n') {
      line_start = true;
    } else if (!(line_start && c == ' ')) {
      line_start = false;
      out.push_back(c);
    }
  }
  return out;
}

std::string fingerprint_of(const std::string& sarif_text) {
  const std::string key = "\"stanceResourceHash/v1\": \"";
  const std::size_t at = sarif_text.find(key);
  if (at == std::string::npos) return "";
  const std::string hash = sarif_text.substr(at + key.size(), 16);
  return hash.find_first_not_of("0123456789abcdef") == std::string::npos ? hash : "";
}

TEST(SarifReport, MatchesGolden) { expect_golden("report.sarif", sarif(sample_scan())); }

// What GitHub code scanning receives from an IaC scan: only file findings. validate_sarif.py --github
// checks this one against GitHub's ingestion rules too (every result anchored in a file); the full golden
// above cannot pass them, because GitHub rejects any result located only by an ARN.
TEST(SarifReport, FileScanMatchesGolden) {
  engine::ScanResult result = sample_scan();
  std::erase_if(result.findings, [](const engine::Finding& f) { return !f.location.is_file(); });
  std::erase_if(result.errors, [](const engine::ScanError& e) { return !e.location.is_file(); });
  expect_golden("report-files.sarif", sarif(result));
}

TEST(SarifReport, RelativePathsAreEncodedAndBasedOnSourceRoot) {
  const std::string out = flat(sarif(one_finding_in(".\\stacks\\my trail#1.yaml")));
  EXPECT_NE(out.find("\"uri\": \"stacks/my%20trail%231.yaml\",\"uriBaseId\": \"%SRCROOT%\""), std::string::npos)
      << out;
}

TEST(SarifReport, AbsolutePathsBecomeFileUris) {
  const std::string out = sarif(one_finding_in("/srv/iac/trail.yaml"));
  EXPECT_NE(out.find("\"uri\": \"file:///srv/iac/trail.yaml\""), std::string::npos) << out;
  EXPECT_EQ(out.find("%SRCROOT%"), std::string::npos) << out;
}

TEST(SarifReport, FingerprintIgnoresLineButNotResourceOrFile) {
  const std::string base = fingerprint_of(sarif(one_finding_in("a.yaml", 30)));
  ASSERT_EQ(base.size(), 16u);
  EXPECT_EQ(base, fingerprint_of(sarif(one_finding_in("a.yaml", 99))));
  EXPECT_NE(base, fingerprint_of(sarif(one_finding_in("b.yaml", 30))));
  engine::ScanResult other = one_finding_in("a.yaml", 30);
  other.findings[0].resource.id = "OtherTrail";
  EXPECT_NE(base, fingerprint_of(sarif(other)));
}

TEST(SarifReport, RulesComeFromFindingsWhenTheKnowledgeBaseLacksThem) {
  const std::string out = flat(sarif(sample_scan(), kb::KnowledgeBase{}));
  // Sorted: CT-010 is rule 0, CT-099 rule 1; no CT-001 without the knowledge base.
  EXPECT_EQ(out.find("CT-001"), std::string::npos);
  EXPECT_NE(out.find("\"ruleId\": \"CT-099\",\"ruleIndex\": 1,"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"id\": \"CT-099\",\"shortDescription\": {\"text\": \"CT-099\"}"), std::string::npos) << out;
}

TEST(SarifReport, ExecutionSuccessfulOnlyWithoutErrors) {
  EXPECT_NE(sarif(sample_scan()).find("\"executionSuccessful\": false"), std::string::npos);
  EXPECT_NE(sarif(one_finding_in("a.yaml")).find("\"executionSuccessful\": true"), std::string::npos);
  engine::ScanResult error_only;
  error_only.findings.push_back(sample_scan().findings[5]);  // status error
  const std::string out = sarif(error_only);
  EXPECT_NE(out.find("\"executionSuccessful\": false"), std::string::npos) << out;
  EXPECT_NE(out.find("\"results\": []"), std::string::npos) << out;
}

// The real, embedded knowledge base (long Markdown-light prose, every snippet kind) still gives SARIF
// that validates.
TEST(SarifReport, BuiltInKnowledgeBaseGivesValidSarif) {
  const std::string schema = std::string(STANCE_SHARED_DIR) + "/testdata/sarif/sarif-schema-2.1.0.json";
  if (!std::filesystem::exists(schema)) GTEST_SKIP() << "shared data folder absent: " << schema;
  const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  ASSERT_TRUE(load.errors.empty()) << load.errors.front().message;
  const kb::Article* ct010 = load.kb.find("CT-010");
  ASSERT_NE(ct010, nullptr);

  const std::string out = sarif(sample_scan(), load.kb);
  EXPECT_NE(out.find("\"name\": \"CloudTrailManagementEvents\""), std::string::npos);
  EXPECT_NE(out.find("## Why it matters"), std::string::npos);
  EXPECT_NE(out.find("```bash\\naws cloudtrail put-event-selectors"), std::string::npos) << out;

  // Unique per process: other build directories may run this test at the same time.
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("stance-report-builtin-kb-" + std::to_string(getpid()) + ".sarif");
  std::ofstream(file) << out;
  const std::string command = "/usr/bin/python3 " + std::string(STANCE_SOURCE_DIR) +
                              "/tests/report/validate_sarif.py --schema '" + schema + "' '" + file.string() + "'";
  const int status = std::system(command.c_str());
  std::filesystem::remove(file);
  ASSERT_NE(status, -1) << "cannot run " << command;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 77) GTEST_SKIP() << "python3-jsonschema missing";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
}

}  // namespace
}  // namespace stance::report::testing
