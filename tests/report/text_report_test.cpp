// The text format: golden outputs, colour only when asked, passes hidden but counted, notes with -v,
// and a meaningful line when nothing was found.
#include <gtest/gtest.h>

#include "report/golden.hpp"
#include "report/report_fixture.hpp"

namespace stance::report::testing {
namespace {

std::string text(const engine::ScanResult& result, const Options& options,
                 const kb::KnowledgeBase& kb = sample_knowledge_base()) {
  return render(Format::Text, result, kb, options);
}

TEST(TextReport, DefaultMatchesGolden) { expect_golden("report.txt", text(sample_scan(), fixed_options())); }

TEST(TextReport, ShowPassedAndVerboseMatchesGolden) {
  Options options = fixed_options();
  options.show_passed = true;
  options.verbose = true;
  expect_golden("report-all.txt", text(sample_scan(), options));
}

TEST(TextReport, ColourMatchesGolden) {
  Options options = fixed_options();
  options.color = true;
  options.show_passed = true;
  expect_golden("report-color.txt", text(sample_scan(), options));
}

TEST(TextReport, NoEscapeBytesWithoutColour) {
  // Not even the ESC inside a finding's message: it is shown as \x1b, never sent to the terminal.
  Options options = fixed_options();
  options.show_passed = true;
  options.verbose = true;
  const std::string out = text(sample_scan(), options);
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_NE(out.find("\\x1b[31m"), std::string::npos) << out;
}

TEST(TextReport, ColourCodesPerStatus) {
  Options options = fixed_options();
  options.color = true;
  options.show_passed = true;
  const std::string out = text(sample_scan(), options);
  EXPECT_NE(out.find("\x1b[31mFAIL\x1b[0m"), std::string::npos);
  EXPECT_NE(out.find("\x1b[33mUNKNOWN\x1b[0m"), std::string::npos);
  EXPECT_NE(out.find("\x1b[35mERROR\x1b[0m"), std::string::npos);
  EXPECT_NE(out.find("\x1b[32mPASS\x1b[0m"), std::string::npos);
  EXPECT_NE(out.find("\x1b[2mtemplates/audit.yaml:30:7\x1b[0m"), std::string::npos);
  // The message's own ESC is still escaped when colour is on.
  EXPECT_NE(out.find("\\x1b[31m"), std::string::npos);
}

TEST(TextReport, PassesHiddenUnlessAskedButCounted) {
  Options options = fixed_options();
  const std::string hidden = text(sample_scan(), options);
  EXPECT_EQ(hidden.find("OrgTrail"), std::string::npos) << hidden;
  EXPECT_EQ(hidden.find("PASS"), std::string::npos) << hidden;
  EXPECT_NE(hidden.find("1 pass"), std::string::npos) << hidden;

  options.show_passed = true;
  const std::string shown = text(sample_scan(), options);
  // IDs are padded to the widest one of the rule (LegacyTrail, 11 characters).
  EXPECT_NE(shown.find("PASS        OrgTrail     templates/audit.yaml:5:3"), std::string::npos) << shown;
  EXPECT_NE(shown.find("1 pass"), std::string::npos) << shown;
}

TEST(TextReport, RuleWithOnlyHiddenPassesHasNoHeader) {
  engine::ScanResult result;
  result.files_scanned = 1;
  result.findings.push_back(sample_scan().findings.front());  // OrgTrail, pass
  const std::string out = text(result, fixed_options());
  EXPECT_EQ(out, "1 trail checked in 1 file: 0 fail, 0 unknown, 1 pass, 0 error\n");
}

TEST(TextReport, TerraformRootsSharingAModuleAreCountedApart) {
  // One module's trail deployed by two roots: one address, one file:line, two trails.
  engine::ScanResult result;
  result.files_scanned = 3;
  engine::Finding f;
  f.rule_id = "CT-010";
  f.resource = {"AWS::CloudTrail::Trail", "module.trail.aws_cloudtrail.this", "audit", "envs/prod"};
  f.location = model::Location::in_file("modules/trail/main.tf", 13, 5);
  result.findings.push_back(f);
  f.resource.root_module = "envs/staging";
  f.status = engine::Status::Fail;
  result.findings.push_back(f);
  EXPECT_NE(text(result, fixed_options()).find("2 trails checked in 3 files: 1 fail, 0 unknown, 1 pass"),
            std::string::npos)
      << text(result, fixed_options());
}

TEST(TextReport, NotesOnlyWhenVerbose) {
  Options options = fixed_options();
  EXPECT_EQ(text(sample_scan(), options).find("README.md"), std::string::npos);
  options.verbose = true;
  EXPECT_NE(text(sample_scan(), options).find("skipped templates/README.md"), std::string::npos);
}

TEST(TextReport, NothingFoundSaysSo) {
  engine::ScanResult result;
  result.files_scanned = 3;
  expect_golden("report-empty.txt", text(result, fixed_options()));
  EXPECT_EQ(text(result, fixed_options()), "no CloudTrail trails found in 3 files\n");
}

TEST(TextReport, SuppressionDoesNotHideAnError) {
  // A trail that could not be read was not judged: a matching suppression must not make it look handled.
  engine::ScanResult result;
  engine::Finding locked = sample_scan().findings[5];  // status error
  locked.suppression = engine::Suppression{engine::Suppression::Kind::Config, "legacy", {}};
  result.findings.push_back(locked);
  const std::string out = text(result, fixed_options());
  EXPECT_NE(out.find("  ERROR       arn:aws:cloudtrail:eu-west-1:111122223333:trail/locked"), std::string::npos) << out;
  EXPECT_EQ(out.find("SUPPRESSED"), std::string::npos) << out;
  EXPECT_NE(out.find("suppression (does not apply to error), config: legacy"), std::string::npos) << out;
}

TEST(TextReport, RuleWithoutArticleShowsIdAndSeverity) {
  // find() may not know a rule (or still be a stub): the header falls back to what the finding says.
  const std::string out = text(sample_scan(), fixed_options(), kb::KnowledgeBase{});
  EXPECT_NE(out.find("CT-010 (risk: medium)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("CT-099 (risk: high)\n"), std::string::npos) << out;
}

}  // namespace
}  // namespace stance::report::testing
