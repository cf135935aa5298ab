// Template fixes for CloudFormation, end to end: planned edits, their verification, and the reviewer's view.
//
// Golden files: tests/fix/data/<case>.<ext>.golden holds, for <case>.<ext>, one "# <trail>: <status>:
// <reason>" line per fix and then the unified diff of all planned edits applied together. They were read
// line by line; to see what changed after an intended change of behaviour, run with
// STANCE_UPDATE_GOLDEN=1 (it rewrites them) and read `git diff tests/fix/data` before committing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/evaluator.hpp"
#include "fix/template_fix.hpp"
#include "sources/cloudformation/cloudformation.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(STANCE_SOURCE_DIR) / "tests" / "fix" / "data";
const fs::path kExamples = fs::path(STANCE_SOURCE_DIR) / "src" / "rules" / "ct010" / "examples";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const kb::KnowledgeBase& knowledge_base() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

std::string apply_all(const std::string& text, const std::vector<TemplateFix>& fixes) {
  std::vector<TextEdit> edits;
  for (const auto& f : fixes) edits.insert(edits.end(), f.edits.begin(), f.edits.end());
  return apply_edits(text, edits);
}

// The reviewer's view of a file: what each fix does, then the diff.
std::string review(const std::string& name, const std::string& text, const std::vector<TemplateFix>& fixes) {
  std::string out;
  for (const auto& f : fixes) out += "# " + f.resource_id + ": " + f.status + ": " + f.reason + "\n";
  return out + unified_diff(name, text, apply_all(text, fixes));
}

std::vector<engine::Finding> scan(const std::string& name, const std::string& text) {
  auto read_result = sources::cloudformation::scan_text(text, name, {});
  return engine::evaluate(read_result.trails, {}, knowledge_base());
}

std::vector<fs::path> templates_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if ((ext == ".yaml" || ext == ".json") && entry.path().filename() != "expected.yaml")
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class GoldenDiff : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDiff, MatchesTheReviewedDiff) {
  const fs::path path = kData / GetParam();
  const std::string text = read(path);
  const auto fixes = plan_cloudformation_fixes(GetParam(), text, {}, knowledge_base());
  const std::string got = review(GetParam(), text, fixes);
  const fs::path golden = kData / (GetParam() + ".golden");
  if (std::getenv("STANCE_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << got;
    GTEST_SKIP() << "rewrote " << golden << ": read it before committing";
  }
  ASSERT_TRUE(fs::exists(golden)) << golden;
  EXPECT_EQ(got, read(golden));
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenDiff,
                         ::testing::Values("include-false.yaml", "read-only.yaml", "advanced-write-only.yaml",
                                           "data-only-selectors.yaml", "short-form-tags.yaml",
                                           "flow-style.yaml", "json-2-space.json", "json-4-space.json",
                                           "parameter-used-once.yaml", "parameter-used-twice.yaml",
                                           "mapping.yaml", "unknown.yaml"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// Every failing trail gets a fix or a reason; applying all planned fixes makes exactly those trails pass,
// leaves every other verdict alone, and a second run has nothing to do.
void check_file(const fs::path& path) {
  SCOPED_TRACE(path.string());
  const std::string name = path.filename().string();
  const std::string text = read(path);
  const auto before = scan(name, text);
  const auto fixes = plan_cloudformation_fixes(name, text, {}, knowledge_base());
  std::set<std::string> planned;
  for (const auto& f : fixes) {
    EXPECT_FALSE(f.reason.empty()) << f.resource_id;
    EXPECT_EQ(f.file, name);
    if (f.status == "planned") {
      EXPECT_FALSE(f.edits.empty()) << f.resource_id;
      planned.insert(f.resource_id);
    } else {
      EXPECT_EQ(f.status, "skipped");
      EXPECT_TRUE(f.edits.empty()) << f.resource_id;
    }
  }
  for (const auto& finding : before) {
    if (finding.status == engine::Status::Pass) continue;
    const bool listed = std::any_of(fixes.begin(), fixes.end(), [&](const TemplateFix& f) {
      return f.resource_id == finding.resource.id;
    });
    EXPECT_TRUE(listed) << finding.resource.id << " fails and has neither a fix nor a reason";
  }
  const std::string after = apply_all(text, fixes);
  for (const auto& finding : scan(name, after)) {
    const auto old = std::find_if(before.begin(), before.end(),
                                  [&](const auto& f) { return f.resource.id == finding.resource.id; });
    ASSERT_NE(old, before.end()) << finding.resource.id;
    if (planned.count(finding.resource.id)) {
      EXPECT_EQ(finding.status, engine::Status::Pass) << finding.resource.id << ": " << finding.message;
    } else {
      EXPECT_EQ(finding.status, old->status) << finding.resource.id;
    }
  }
  const auto again = plan_cloudformation_fixes(name, after, {}, knowledge_base());
  for (const auto& f : again)
    EXPECT_NE(f.status, "planned") << f.resource_id << " planned twice: " << f.reason;
}

TEST(TemplateFix, EveryTestCaseFixesWhatItPlans) {
  for (const auto& path : templates_in(kData)) check_file(path);
}

TEST(TemplateFix, EveryFailingCt010ExampleGetsAVerifiedFixOrAReason) {
  for (const auto& path : templates_in(kExamples)) check_file(path);
}

TEST(TemplateFix, PassingAndNonCloudFormationFilesHaveNothingToDo) {
  EXPECT_TRUE(
      plan_cloudformation_fixes("pass.yaml", read(kExamples / "pass-no-selectors.yaml"), {}, knowledge_base())
          .empty());
  EXPECT_TRUE(plan_cloudformation_fixes("other.yaml", "key: value\n", {}, knowledge_base()).empty());
  EXPECT_TRUE(plan_cloudformation_fixes("broken.yaml", "Resources: [\n", {}, knowledge_base()).empty());
}

TEST(TemplateFix, ParameterValuesGivenAtDeploymentAreNotEditedInTheDefault) {
  const std::string text = read(kData / "parameter-used-once.yaml");
  FixOptions options;
  options.cloudformation.parameters["ManagementEvents"] = "false";
  const auto fixes = plan_cloudformation_fixes("p.yaml", text, options, knowledge_base());
  ASSERT_FALSE(fixes.empty());
  EXPECT_EQ(fixes[0].resource_id, "ParameterTrail");
  EXPECT_EQ(fixes[0].status, "planned");
  EXPECT_NE(fixes[0].reason.find("given a value at deployment"), std::string::npos) << fixes[0].reason;
  ASSERT_EQ(fixes[0].edits.size(), 1u);
  EXPECT_EQ(text.substr(fixes[0].edits[0].offset, fixes[0].edits[0].length), "!Ref ManagementEvents");
}

TEST(TemplateFix, SettingsDecide) {
  // With allow_excluded_sources=false the KMS exclusion fails; the fix adds a selector without it.
  const std::string text = read(kExamples / "pass-excluded-kms.yaml");
  FixOptions options;
  options.config.rules["CT-010"].settings["allow_excluded_sources"] = "false";
  const auto fixes = plan_cloudformation_fixes("kms.yaml", text, options, knowledge_base());
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(fixes[0].status, "planned") << fixes[0].reason;
  EXPECT_TRUE(plan_cloudformation_fixes("kms.yaml", text, {}, knowledge_base()).empty());
}

// cfn-lint (on PATH on development and CI machines) finds no new error in any edited template.
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  pclose(pipe);
  return out;
}

// Per file name, "E3012:message" for each error, without positions (edits move lines). One cfn-lint run
// for all files: it takes seconds to start.
std::map<std::string, std::multiset<std::string>> lint_errors(const fs::path& dir) {
  std::map<std::string, std::multiset<std::string>> out;
  std::string command = "cfn-lint --format parseable --";
  for (const auto& entry : fs::directory_iterator(dir)) command += " '" + entry.path().string() + "'";
  std::istringstream lines(run(command + " 2>&1"));
  std::string line;
  while (std::getline(lines, line)) {
    // file:line:col:endline:endcol:CODE:message
    const std::size_t pos = line.find(":E");
    const std::size_t colon = line.find(':');
    if (pos == std::string::npos || colon == std::string::npos) continue;
    out[fs::path(line.substr(0, colon)).filename().string()].insert(line.substr(pos + 1));
  }
  return out;
}

TEST(TemplateFix, CfnLintFindsNoNewError) {
  if (std::system("command -v cfn-lint >/dev/null 2>&1") != 0) GTEST_SKIP() << "cfn-lint is not on PATH";
  const fs::path dir = fs::temp_directory_path() / ("stance-fix-lint-" + std::to_string(::getpid()));
  const fs::path before_dir = dir / "before", after_dir = dir / "after";
  fs::create_directories(before_dir);
  fs::create_directories(after_dir);
  std::vector<fs::path> files = templates_in(kData);
  for (const auto& p : templates_in(kExamples)) files.push_back(p);
  std::vector<std::string> edited;
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    const std::string text = read(path);
    const std::string after = apply_all(text, plan_cloudformation_fixes(name, text, {}, knowledge_base()));
    if (after == text) continue;
    std::ofstream(before_dir / name, std::ios::binary) << text;
    std::ofstream(after_dir / name, std::ios::binary) << after;
    edited.push_back(name);
  }
  auto old_errors = lint_errors(before_dir);
  auto new_errors = lint_errors(after_dir);
  fs::remove_all(dir);
  for (const auto& name : edited) {
    for (const auto& e : new_errors[name]) {
      EXPECT_GT(old_errors[name].count(e), 0u) << name << ": the fix introduces cfn-lint error " << e;
    }
  }
  EXPECT_GT(edited.size(), 10u);
}

}  // namespace
}  // namespace stance::fix
