// Terraform fixes, end to end: planned edits of .tf and .tf.json modules, their verification, the layout
// they keep, and the reviewer's view.
//
// Golden files: tests/fix/data/tf/<case>.golden holds, for the module directory tests/fix/data/tf/<case>/
// (and any local module it calls), one "# <address>: <status>: <file>: <reason>" line per fix and then the
// unified diffs of all planned edits applied together, file by file. They were read line by line; after an
// intended change of behaviour, run with STANCE_UPDATE_GOLDEN=1 (it rewrites them) and read
// `git diff tests/fix/data` before committing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli/app.hpp"
#include "engine/evaluator.hpp"
#include "fix/template_fix.hpp"
#include "fix/tf_layout.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(STANCE_SOURCE_DIR) / "tests" / "fix" / "data" / "tf";

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

// The directories `stance fix DIR` hands to the planner: every directory under DIR holding .tf files.
std::vector<std::string> module_dirs(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || !terraform::is_candidate(e.path())) continue;
    const std::string dir = e.path().parent_path().string();
    if (std::find(out.begin(), out.end(), dir) == out.end()) out.push_back(dir);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every planned edit applied, per file.
std::map<std::string, std::string> edited_files(const std::vector<TemplateFix>& fixes) {
  std::map<std::string, std::vector<TextEdit>> edits;
  for (const auto& f : fixes) edits[f.file].insert(edits[f.file].end(), f.edits.begin(), f.edits.end());
  std::map<std::string, std::string> out;
  for (auto& [file, list] : edits) {
    if (list.empty()) continue;
    std::sort(list.begin(), list.end(),
              [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
    out[file] = apply_edits(read(file), list);
  }
  return out;
}

std::string relative(const std::string& path) { return fs::path(path).lexically_relative(kData).string(); }

std::string review(const std::vector<TemplateFix>& fixes) {
  std::string out;
  for (const auto& f : fixes) {
    out += "# " + f.resource_id + ": " + f.status + ": " + relative(f.file) + ": " + f.reason + "\n";
  }
  for (const auto& [file, after] : edited_files(fixes))
    out += unified_diff(relative(file), read(file), after);
  return out;
}

std::vector<TemplateFix> plan(const std::string& name) {
  return plan_terraform_fixes(module_dirs(kData / name), {}, knowledge_base());
}

class TerraformGoldenDiff : public ::testing::TestWithParam<std::string> {};

TEST_P(TerraformGoldenDiff, MatchesTheReviewedDiff) {
  const auto fixes = plan(GetParam());
  const std::string got = review(fixes);
  const fs::path golden = kData / (GetParam() + ".golden");
  if (std::getenv("STANCE_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << got;
    GTEST_SKIP() << "rewrote " << golden << ": read it before committing";
  }
  ASSERT_TRUE(fs::exists(golden)) << golden;
  EXPECT_EQ(got, read(golden));
}

// Planned fixes have edits, skipped ones none; every edited .tf file that was in canonical layout still is.
TEST_P(TerraformGoldenDiff, CanonicalFilesStayCanonical) {
  const auto fixes = plan(GetParam());
  for (const auto& f : fixes) {
    EXPECT_FALSE(f.reason.empty()) << f.resource_id;
    EXPECT_EQ(f.status == "planned", !f.edits.empty()) << f.resource_id << ": " << f.status;
  }
  for (const auto& [file, after] : edited_files(fixes)) {
    if (!file.ends_with(".tf")) continue;
    if (!is_canonical_layout(read(file))) continue;
    EXPECT_EQ(canonical_layout_problem(after), "") << file << "\n" << after;
  }
}

const std::string kCases[] = {"include-false",
                              "read-only",
                              "data-only-basic",
                              "data-only-advanced",
                              "advanced-read-only",
                              "variable-default",
                              "variable-used-twice",
                              "tfvars",
                              "local",
                              "count",
                              "child-module",
                              "child-disagree",
                              "unknown",
                              "json-include-false",
                              "json-add-selector",
                              "seed-style",
                              "selector-limit",
                              "dynamic",
                              "shared-module",
                              "for-each-entry"};

INSTANTIATE_TEST_SUITE_P(Cases, TerraformGoldenDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// The inputs meant to be canonical are (so the test above checks something for them).
TEST(TerraformFix, CanonicalInputsAreCanonical) {
  for (const char* name :
       {"include-false/main.tf", "read-only/main.tf", "data-only-basic/main.tf", "data-only-advanced/main.tf",
        "advanced-read-only/main.tf", "variable-default/variables.tf", "tfvars/main.tf", "local/main.tf",
        "count/main.tf", "child-module/modules/trail/main.tf", "dynamic/main.tf", "selector-limit/main.tf"}) {
    EXPECT_EQ(canonical_layout_problem(read(kData / name)), "") << name;
  }
  EXPECT_FALSE(is_canonical_layout(read(kData / "seed-style" / "main.tf"))) << "five-space indentation";
}

TEST(TerraformFix, LayoutChecker) {
  EXPECT_TRUE(is_canonical_layout("a   = 1\nbbb = 2\n\nc = 3\n"));
  EXPECT_FALSE(is_canonical_layout("a = 1\nbbb = 2\n")) << "one group, not aligned";
  EXPECT_FALSE(is_canonical_layout("a  = 1\nbbb  = 2\n")) << "aligned, but two spaces after the longest";
  EXPECT_FALSE(is_canonical_layout("a =  1\n")) << "two spaces after =";
  EXPECT_TRUE(is_canonical_layout("b {\n  x = 1\n\n  c {\n    y = [\n      1,\n    ]\n  }\n}\n"));
  EXPECT_FALSE(is_canonical_layout("b {\n   x = 1\n}\n")) << "three spaces";
  EXPECT_FALSE(is_canonical_layout("b {\n  x = 1\n  }\n")) << "closing brace indented";
  EXPECT_FALSE(is_canonical_layout("b {\n\tx = 1\n}\n")) << "tab";
  EXPECT_TRUE(is_canonical_layout("b {\n  x   = 1\n  abc = [\n    2,\n  ]\n  z = 3\n}\n"))
      << "a multi-line value ends its group";
  EXPECT_FALSE(is_canonical_layout("b {\n  x = \n}\n")) << "does not parse";
}

// Applying every planned fix: the planned trails pass, nothing else changes, a second run has nothing to do.
TEST(TerraformFix, FixedModulesPassAndHaveNothingLeft) {
  for (const char* name :
       {"include-false", "read-only", "data-only-basic", "data-only-advanced", "variable-default", "tfvars",
        "local", "child-module", "json-include-false", "json-add-selector"}) {
    SCOPED_TRACE(name);
    const fs::path tmp = fs::temp_directory_path() / ("stance-tf-fix-" + std::to_string(::getpid()));
    fs::remove_all(tmp);
    fs::create_directories(tmp / name);
    fs::copy(kData / name, tmp / name, fs::copy_options::recursive);
    const auto dirs = module_dirs(tmp / name);
    const auto fixes = plan_terraform_fixes(dirs, {}, knowledge_base());
    ASSERT_FALSE(fixes.empty());
    for (const auto& [file, after] : edited_files(fixes)) std::ofstream(file, std::ios::binary) << after;
    for (const auto& f : fixes) EXPECT_EQ(f.status, "planned") << f.resource_id << ": " << f.reason;
    auto read_result = terraform::scan_directories(dirs, {});
    EXPECT_TRUE(read_result.errors.empty());
    for (const auto& finding : engine::evaluate(read_result.trails, {}, knowledge_base())) {
      if (finding.rule_id == "CT-010") {
        EXPECT_EQ(finding.status, engine::Status::Pass) << finding.resource.id;
      }
    }
    EXPECT_TRUE(plan_terraform_fixes(dirs, {}, knowledge_base()).empty());
    fs::remove_all(tmp);
  }
}

// One module deployed by two roots, passing in one and failing in the other: the failing root's own
// argument decides, so that argument is edited, and the module's shared text is not.
TEST(TerraformFix, RootsThatDisagreeOnASharedModuleEditTheFailingRootsArgument) {
  const fs::path data = fs::path(STANCE_SOURCE_DIR) / "tests" / "sources" / "terraform" / "data" / "two_roots";
  const auto fixes = plan_terraform_fixes(module_dirs(data), {}, knowledge_base());
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(fixes[0].status, "planned");
  EXPECT_EQ(fixes[0].file, (data / "envs" / "staging" / "main.tf").string());
  EXPECT_EQ(fixes[0].reason,
            "in event selector 1 (line 12): read_write_type \"ReadOnly\" -> \"All\", changed at the argument "
            "read_write_type of module \"trail\" (main.tf:3) that makes this instance; the module, which other "
            "callers may share, is left as it is");
}

// The article's remediation configuration already passes: nothing to fix.
TEST(TerraformFix, SeedArticleHasNothingToFix) {
  const fs::path seed = fs::path(STANCE_SHARED_DIR) / "seed" / "ct010-terraform";
  if (!fs::exists(seed))
    GTEST_SKIP() << "../shared is absent: the CT-010 article's Terraform is not available";
  EXPECT_TRUE(plan_terraform_fixes({seed.string()}, {}, knowledge_base()).empty());
}

struct Run {
  int code;
  std::string out, err;
};

Run stance(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = cli::run(args, cli::Streams{out, err, false, false});
  return {code, out.str(), err.str()};
}

TEST(TerraformFixCli, DiffThenWriteThenNothingLeft) {
  const fs::path dir = fs::temp_directory_path() / ("stance-tf-cli-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(kData / "variable-default", dir);
  const std::string variables_tf = (dir / "variables.tf").string();
  const std::string before = read(variables_tf);

  auto diff = stance({"fix", dir.string(), "--diff", "--no-config"});
  EXPECT_EQ(diff.code, 0) << diff.err;
  // git's headers, with the path relative to the current directory (the test's, as for the binary it runs).
  const std::string shown = fs::path(variables_tf).lexically_relative(fs::current_path()).generic_string();
  EXPECT_NE(diff.out.find("--- a/" + shown + "\n+++ b/" + shown + "\n"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("-  default     = false\n+  default     = true\n"), std::string::npos) << diff.out;
  EXPECT_EQ(read(variables_tf), before) << "--diff writes nothing";
  EXPECT_EQ(stance({"scan", dir.string(), "--no-config"}).code, 1);

  // --var decides the value: the fix is made at the resource instead, and says why.
  auto with_var = stance({"fix", dir.string(), "--no-config", "--var", "record_management_events=false"});
  EXPECT_NE(with_var.out.find("is set by --var record_management_events"), std::string::npos) << with_var.out;

  auto write = stance({"fix", dir.string(), "--write", "--no-config", "--format", "json"});
  EXPECT_EQ(write.code, 0) << write.err;
  EXPECT_NE(write.out.find("\"status\": \"applied\""), std::string::npos) << write.out;
  EXPECT_NE(read(variables_tf), before);
  EXPECT_EQ(stance({"scan", dir.string(), "--no-config"}).code, 0) << "the written fix passes";
  auto again = stance({"fix", dir.string(), "--no-config"});
  EXPECT_EQ(again.code, 0);
  EXPECT_NE(again.out.find("nothing to fix"), std::string::npos) << again.out;
  EXPECT_EQ(again.err.find("left alone"), std::string::npos) << again.err;
  fs::remove_all(dir);
}

// plus3it's and dasmeta's test roots: one module, callers that choose basic or advanced selectors through
// its arguments. Fixing one caller edits that caller's argument; the module, which the others share, is
// never edited, least of all outside the paths given (the bug: an advanced_event_selector added to the
// module made the caller with basic selectors set both kinds).
TEST(TerraformFixCli, FixingOneCallerLeavesTheSharedModuleAlone) {
  const fs::path dir = fs::temp_directory_path() / ("stance-tf-shared-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(kData / "shared-module", dir, fs::copy_options::recursive);
  // A caller whose advanced selectors come from its own variable: nothing in it can be edited in place.
  fs::create_directories(dir / "caller_d");
  std::ofstream(dir / "caller_d" / "main.tf")
      << "variable \"selectors\" {\n  default = [{ name = \"data\", field_selectors = [{ field = \"eventCategory\", "
         "equals = [\"Data\"] }, { field = \"resources.type\", equals = [\"AWS::S3::Object\"] }] }]\n}\n\n"
         "module \"advanced\" {\n  source                   = \"../module\"\n  advanced_event_selectors = "
         "var.selectors\n}\n";
  const std::string module_tf = (dir / "module" / "main.tf").string();
  const std::string module_before = read(module_tf);
  const std::string caller_a = (dir / "caller_a" / "main.tf").string();
  const std::string caller_a_before = read(caller_a);

  auto write = stance({"fix", (dir / "caller_a").string(), "--write", "--no-config"});
  EXPECT_EQ(write.code, 0) << write.err;
  EXPECT_NE(write.out.find("applied  " + caller_a + "  module.advanced.aws_cloudtrail.this  CT-010  added a selector "
                           "\"Management events\""),
            std::string::npos)
      << write.out;
  EXPECT_EQ(read(module_tf), module_before);
  EXPECT_NE(read(caller_a), caller_a_before);
  EXPECT_NE(read(caller_a).find("          field  = \"eventCategory\"\n          equals = [\"Management\"]\n"),
            std::string::npos)
      << read(caller_a);
  EXPECT_EQ(stance({"scan", (dir / "caller_a").string(), "--no-config"}).code, 0) << "caller_a is fixed";
  EXPECT_EQ(stance({"scan", (dir / "caller_b").string(), "--no-config"}).code, 0) << "caller_b still passes";

  // caller_d: the only edits would be in the module, outside the path given: skipped, saying so.
  auto skip = stance({"fix", (dir / "caller_d").string(), "--write", "--no-config", "--format", "json"});
  EXPECT_EQ(skip.code, 0) << skip.err;
  EXPECT_NE(skip.out.find("\"status\": \"skipped\""), std::string::npos) << skip.out;
  EXPECT_NE(skip.out.find("no safe edit: it would edit " + module_tf), std::string::npos) << skip.out;
  EXPECT_NE(skip.out.find("outside the paths given to stance fix (a module there may be shared by callers "
                          "stance was not given)"),
            std::string::npos)
      << skip.out;
  EXPECT_EQ(read(module_tf), module_before);
  fs::remove_all(dir);
}

// A for_each map's entry, written as a literal in a local or a variable's default and read by nothing else,
// is edited for the failing instance alone; the passing instances keep their values.
TEST(TerraformFix, ForEachEntryIsEditedForItsInstanceOnly) {
  const auto fixes = plan("for-each-entry");
  std::map<std::string, const TemplateFix*> by_id;
  for (const auto& f : fixes) by_id[f.resource_id] = &f;
  ASSERT_TRUE(by_id.count("aws_cloudtrail.from_local[\"a\"]")) << review(fixes);
  EXPECT_EQ(by_id["aws_cloudtrail.from_local[\"a\"]"]->status, "planned");
  EXPECT_FALSE(by_id.count("aws_cloudtrail.from_local[\"b\"]")) << "b passes: nothing to do";
  ASSERT_TRUE(by_id.count("aws_cloudtrail.from_variable[\"eu-west-1\"]")) << review(fixes);
  EXPECT_EQ(by_id["aws_cloudtrail.from_variable[\"eu-west-1\"]"]->status, "planned");
  const auto edited = edited_files(fixes);
  const std::string after = edited.at((kData / "for-each-entry" / "main.tf").string());
  EXPECT_NE(after.find("a = { rw = \"All\" }\n    b = { rw = \"All\" }"), std::string::npos) << after;
  EXPECT_NE(after.find("      rw      = \"All\"\n      include = true\n"), std::string::npos) << after;
  EXPECT_NE(after.find("c = { rw = \"WriteOnly\" }"), std::string::npos) << "local.shared is read twice";
}

}  // namespace
}  // namespace stance::fix
