// Runs the examples of every rule of the CloudTrail family through the whole pipeline (source -> model ->
// engine, that rule only) and compares with the rule's examples/expected.yaml, written and checked by hand.
// CloudFormation templates are scanned as files, each `terraform/CASE/` directory as one root module, and
// `live/*.json` snapshots as what a live scan read. CT-010 has its own, older harness (ct010_examples_test).
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/document.hpp"
#include "engine/evaluator.hpp"
#include "kb/knowledge_base.hpp"
#include "rules/registry.hpp"
#include "sources/file_scan.hpp"

namespace stance {
namespace {

namespace fs = std::filesystem;
const fs::path kRules = fs::path(STANCE_SOURCE_DIR) / "src/rules";

struct Expectation {
  std::string file, resource, type, status, message;
  int line = 0, column = 0;
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Expectation> load_expectations(const fs::path& examples) {
  auto parsed = doc::parse(read(examples / "expected.yaml"), doc::Syntax::Yaml);
  EXPECT_TRUE(parsed.document) << parsed.error.message << " at " << parsed.error.mark.line;
  std::vector<Expectation> out;
  if (!parsed.document || !parsed.document->root) return out;
  for (const auto& item : parsed.document->root->items) {
    auto text = [&](const char* key) {
      const doc::Node* n = item->get(key);
      return n ? n->text : std::string();
    };
    Expectation e{text("file"), text("resource"), text("type"), text("status"), text("message")};
    if (!text("line").empty()) e.line = std::stoi(text("line"));
    if (!text("column").empty()) e.column = std::stoi(text("column"));
    out.push_back(e);
  }
  return out;
}

// What one example path gives for `rule`: a template file, or the Terraform root module around a .tf file.
std::vector<engine::Finding> findings_for(const fs::path& examples, const std::string& file, const std::string& rule,
                                          std::vector<engine::ScanError>& errors) {
  static const auto kb = kb::load_knowledge_base(std::nullopt);
  const fs::path path = examples / file;
  const bool terraform = file.starts_with("terraform/");
  sources::FileScanOptions options;
  const rules::RuleDefinition* definition = rules::find_rule(rule);
  options.cloudformation.related_resources = definition && (definition->bucket_check || definition->key_check);
  options.terraform.related_resources = options.cloudformation.related_resources;
  sources::SourceResult read = sources::scan_paths({(terraform ? path.parent_path() : path).string()}, options);
  errors = read.errors;
  engine::EvaluationOptions only;
  only.only_rules = {rule};
  return engine::evaluate(model::Inventory{read.trails, read.accounts, read.buckets, read.keys}, engine::Config{}, kb.kb,
                          only);
}

class RuleExamples : public testing::TestWithParam<std::string> {};

TEST_P(RuleExamples, EveryExampleMatchesItsExpectation) {
  const std::string folder = GetParam();
  const std::string rule = "CT-" + folder.substr(2);
  const fs::path examples = kRules / folder / "examples";
  const auto expectations = load_expectations(examples);
  ASSERT_GE(expectations.size(), 3u);
  std::map<std::string, std::vector<Expectation>> by_file;
  for (const auto& e : expectations) by_file[e.file].push_back(e);

  for (const auto& [file, expected] : by_file) {
    SCOPED_TRACE(rule + " " + file);
    std::vector<engine::ScanError> errors;
    const std::vector<engine::Finding> findings = findings_for(examples, file, rule, errors);
    std::set<std::string> listed;
    for (const auto& e : expected) {
      listed.insert(e.resource);
      SCOPED_TRACE(e.resource);
      const engine::Finding* found = nullptr;
      for (const auto& f : findings) {
        if (f.resource.id == e.resource) found = &f;
      }
      if (e.status == "absent") {
        EXPECT_EQ(found, nullptr) << found->message;
        continue;
      }
      ASSERT_NE(found, nullptr) << "no finding";
      EXPECT_EQ(found->rule_id, rule);
      EXPECT_EQ(engine::to_string(found->status), e.status) << found->message;
      if (!e.type.empty()) {
        EXPECT_EQ(found->resource.type, e.type);
      }
      if (file.ends_with(".json") && file.starts_with("live/")) {
        EXPECT_TRUE(found->location.is_cloud()) << model::to_string(found->location);
      } else {
        EXPECT_EQ(found->location.file.str(), (examples / file).string());
      }
      if (e.line) {
        EXPECT_EQ(found->location.line, e.line) << found->message;
      }
      if (e.column) {
        EXPECT_EQ(found->location.column, e.column) << found->message;
      }
      if (!e.message.empty()) {
        EXPECT_NE(found->message.find(e.message), std::string::npos) << found->message;
      }
    }
    // Every finding of the rule on this path is listed (a Terraform directory may hold several files).
    for (const auto& f : findings) {
      if (!f.location.is_file() || f.location.file.str() == (examples / file).string()) {
        EXPECT_TRUE(listed.count(f.resource.id)) << "unlisted " << f.resource.id << ": " << f.message;
      }
    }
  }
}

// Every example file has at least one expectation, so none is there for nothing.
TEST_P(RuleExamples, EveryExampleFileIsListed) {
  const fs::path examples = kRules / GetParam() / "examples";
  std::set<std::string> listed;
  for (const auto& e : load_expectations(examples)) listed.insert(e.file);
  for (const auto& entry : fs::recursive_directory_iterator(examples)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = fs::relative(entry.path(), examples).generic_string();
    if (name == "expected.yaml" || name.ends_with("variables.tf") || name.ends_with(".tfvars")) continue;
    EXPECT_TRUE(listed.count(name)) << name << " has no expectation in expected.yaml";
  }
}

// Every registered rule's folder ("CT-002" -> "ct002"), so a new rule's examples run without a line here.
std::vector<std::string> rule_folders() {
  std::vector<std::string> out;
  for (const auto& rule : rules::registered_rules()) {
    if (rule.id == "CT-010") continue;  // its own harness, ct010_examples_test
    std::string folder;
    for (char c : rule.id) {
      if (c != '-') folder += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    out.push_back(folder);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(CloudTrailFamily, RuleExamples, testing::ValuesIn(rule_folders()));

}  // namespace
}  // namespace stance
