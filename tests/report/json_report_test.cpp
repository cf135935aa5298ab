// The JSON format: the ../shared/DESIGN.md section 4 contract. The golden file is also checked by
// check_json_contract.py (well-formed JSON, contract keys and types, summary = counted findings).
#include <gtest/gtest.h>

#include "report/golden.hpp"
#include "report/report_fixture.hpp"

namespace stance::report::testing {
namespace {

std::string json(const engine::ScanResult& result) {
  return render(Format::Json, result, sample_knowledge_base(), fixed_options());
}

TEST(JsonReport, MatchesGolden) { expect_golden("report.json", json(sample_scan())); }

TEST(JsonReport, EmptyScanIsACompleteDocument) {
  engine::ScanResult result;
  EXPECT_EQ(json(result),
            "{\n"
            "  \"schema_version\": 1,\n"
            "  \"tool\": {\n"
            "    \"name\": \"stance\",\n"
            "    \"version\": \"1.2.3\"\n"
            "  },\n"
            "  \"findings\": [],\n"
            "  \"errors\": [],\n"
            "  \"warnings\": [],\n"
            "  \"summary\": {\n"
            "    \"pass\": 0,\n"
            "    \"fail\": 0,\n"
            "    \"unknown\": 0,\n"
            "    \"error\": 0,\n"
            "    \"suppressed\": 0\n"
            "  }\n"
            "}\n");
}

TEST(JsonReport, FindingsKeepTheGivenOrder) {
  engine::ScanResult result = sample_scan();
  std::swap(result.findings[0], result.findings[1]);  // AuditTrail before OrgTrail now
  const std::string out = json(result);
  EXPECT_LT(out.find("\"AuditTrail\""), out.find("\"OrgTrail\""));
}

TEST(JsonReport, TerraformRootModuleFollowsTheName) {
  engine::ScanResult result;
  engine::Finding f;
  f.rule_id = "CT-010";
  f.resource = {"AWS::CloudTrail::Trail", "module.trail.aws_cloudtrail.this", "audit", "envs/prod"};
  f.location = model::Location::in_file("modules/trail/main.tf", 8, 1);
  result.findings.push_back(f);
  const std::string out = json(result);
  EXPECT_NE(out.find("\"name\": \"audit\",\n        \"root_module\": \"envs/prod\"\n      },"), std::string::npos)
      << out;
  // Other resources have none.
  EXPECT_EQ(json(sample_scan()).find("root_module"), std::string::npos);
}

TEST(JsonReport, LineAndColumnOmittedWhenUnknown) {
  engine::ScanResult result;
  result.findings.push_back(sample_scan().findings.front());
  result.findings.back().location = model::Location::in_file("a.yaml");
  const std::string out = json(result);
  EXPECT_NE(out.find("\"location\": {\n        \"file\": \"a.yaml\"\n      }"), std::string::npos) << out;
  EXPECT_EQ(out.find("\"line\""), std::string::npos) << out;
  EXPECT_EQ(out.find("\"column\""), std::string::npos) << out;
}

TEST(JsonReport, SuppressedCountedAsSuppressedNeverAsFailures) {
  const std::string out = json(sample_scan());
  // 4 fails (AuditTrail, LegacyTrail suppressed in source, management suppressed by config, CT-099's
  // AuditTrail), of which 2 suppressed: 2 left to fix.
  EXPECT_NE(out.find("\"fail\": 2,"), std::string::npos) << out;
  EXPECT_NE(out.find("\"suppressed\": 2\n"), std::string::npos) << out;
}

}  // namespace
}  // namespace stance::report::testing
