// Every rule folder's examples (src/rules/*/examples: CloudFormation templates at the top, Terraform root
// modules under terraform/), fixed with every rule selected (`stance fix --all-rules`, with CT-007's and
// CT-009's settings named) and scanned again: each finding that failed, was not suppressed and whose rule has
// an automatic fix intent for the trail passes afterwards, or the fix says why it was skipped. The rules come
// from the registry: a new rule's examples are covered without a line here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/evaluator.hpp"
#include "fix/template_fix.hpp"
#include "rules/registry.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

const fs::path kRules = fs::path(STANCE_SOURCE_DIR) / "src" / "rules";

const kb::KnowledgeBase& knowledge_base() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

FixOptions all_rules() {
  FixOptions o;
  o.rules.all_rules = true;
  o.config.rules["CT-007"].settings["kms_key_id"] = "arn:aws:kms:us-east-1:111122223333:key/example";
  o.config.rules["CT-009"].settings["log_group_arn"] = "arn:aws:logs:us-east-1:111122223333:log-group:trail:*";
  o.config.rules["CT-009"].settings["role_arn"] = "arn:aws:iam::111122223333:role/trail-to-logs";
  return o;
}

// What each automatically fixable failing finding became: "" when it passes or the fix said why it skipped.
std::vector<std::string> unfixed(const sources::SourceResult& before_read, const std::vector<engine::Finding>& before,
                                 const std::vector<engine::Finding>& after, const std::vector<TemplateFix>& fixes,
                                 const FixOptions& options, const std::string& where) {
  std::vector<std::string> out;
  for (const auto& f : before) {
    if (f.status != engine::Status::Fail || f.suppression) continue;
    const rules::RuleDefinition* rule = rules::find_rule(f.rule_id);
    if (!rule || !rule->trail_fix) continue;
    auto trail = std::find_if(before_read.trails.begin(), before_read.trails.end(), [&](const model::Trail& t) {
      return t.id == f.resource.id && t.root_module == f.resource.root_module;
    });
    if (trail == before_read.trails.end()) continue;
    if (!rule->trail_fix(*trail, engine::rule_settings(f.rule_id, options.config, knowledge_base())).automatic()) continue;
    auto now = std::find_if(after.begin(), after.end(), [&](const engine::Finding& a) {
      return a.rule_id == f.rule_id && a.resource.id == f.resource.id && a.resource.root_module == f.resource.root_module;
    });
    if (now != after.end() && now->status == engine::Status::Pass) continue;
    const bool said = std::any_of(fixes.begin(), fixes.end(), [&](const TemplateFix& x) {
      return x.status == "skipped" && x.resource_id.find(f.resource.id.substr(0, f.resource.id.find('['))) == 0 &&
             std::find(x.rule_ids.begin(), x.rule_ids.end(), f.rule_id) != x.rule_ids.end();
    });
    if (said) continue;
    out.push_back(where + " " + f.resource.id + " " + f.rule_id + " is " +
                  (now == after.end() ? "absent" : engine::to_string(now->status)) + " after the fix");
  }
  return out;
}

std::string describe(const std::vector<TemplateFix>& fixes) {
  std::string out;
  for (const auto& f : fixes) {
    out += "  " + f.resource_id + " " + f.status + " [";
    for (const auto& r : f.rule_ids) out += r + " ";
    out += "] " + f.reason + "\n";
  }
  return out;
}

std::vector<fs::path> example_dirs() {
  std::vector<fs::path> out;
  for (const auto& rule : rules::registered_rules()) {
    std::string folder;
    for (char c : rule.id) {
      if (c != '-') folder += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (fs::is_directory(kRules / folder / "examples")) out.push_back(kRules / folder / "examples");
  }
  return out;
}

TEST(RuleExamplesFix, CloudFormationExamplesPassEveryAutomaticallyFixedRule) {
  const FixOptions options = all_rules();
  int planned = 0;
  std::vector<std::string> problems;
  for (const fs::path& dir : example_dirs()) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      const fs::path& path = entry.path();
      if (!entry.is_regular_file() || path.filename() == "expected.yaml" ||
          (path.extension() != ".yaml" && path.extension() != ".json"))
        continue;
      const std::string text = read(path);
      const std::string name = path.string();
      const auto before_read = sources::cloudformation::scan_text(text, name, options.cloudformation);
      const auto before = engine::evaluate(before_read.trails, options.config, knowledge_base(), options.rules);
      const auto fixes = plan_cloudformation_fixes(name, text, options, knowledge_base());
      std::vector<TextEdit> edits;
      for (const auto& f : fixes) {
        edits.insert(edits.end(), f.edits.begin(), f.edits.end());
        planned += f.status == "planned";
      }
      std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
      const std::string after_text = apply_edits(text, edits);
      const auto after_read = sources::cloudformation::scan_text(after_text, name, options.cloudformation);
      const auto after = engine::evaluate(after_read.trails, options.config, knowledge_base(), options.rules);
      for (auto& p : unfixed(before_read, before, after, fixes, options, name)) problems.push_back(p + "\n" + describe(fixes));
    }
  }
  EXPECT_GT(planned, 10);
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST(RuleExamplesFix, TerraformExamplesPassEveryAutomaticallyFixedRule) {
  const FixOptions options = all_rules();
  int planned = 0;
  std::vector<std::string> problems;
  for (const fs::path& dir : example_dirs()) {
    if (!fs::is_directory(dir / "terraform")) continue;
    for (const auto& entry : fs::directory_iterator(dir / "terraform")) {
      if (!entry.is_directory()) continue;
      const std::vector<std::string> dirs{entry.path().string()};
      const auto before_read = terraform::scan_directories(dirs, options.terraform);
      const auto before = engine::evaluate(before_read.trails, options.config, knowledge_base(), options.rules);
      const auto fixes = plan_terraform_fixes(dirs, options, knowledge_base());
      std::map<std::string, std::vector<TextEdit>> edits;
      for (const auto& f : fixes) {
        edits[f.file].insert(edits[f.file].end(), f.edits.begin(), f.edits.end());
        planned += f.status == "planned";
      }
      terraform::Options tf = options.terraform;
      for (auto& [file, list] : edits) {
        if (list.empty()) continue;
        std::sort(list.begin(), list.end(), [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
        tf.file_texts[file] = apply_edits(read(file), list);
      }
      const auto after_read = terraform::scan_directories(dirs, tf);
      const auto after = engine::evaluate(after_read.trails, options.config, knowledge_base(), options.rules);
      for (auto& p : unfixed(before_read, before, after, fixes, options, entry.path().string()))
        problems.push_back(p + "\n" + describe(fixes));
    }
  }
  EXPECT_GT(planned, 5);
  for (const auto& p : problems) ADD_FAILURE() << p;
}

}  // namespace
}  // namespace stance::fix
