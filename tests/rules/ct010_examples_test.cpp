// Runs every CT-010 example template through the whole pipeline (CloudFormation source -> model ->
// engine) and compares with src/rules/ct010/examples/expected.yaml, written by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/document.hpp"
#include "engine/evaluator.hpp"
#include "kb/knowledge_base.hpp"
#include "sources/cloudformation/cloudformation.hpp"

namespace stance {
namespace {

namespace fs = std::filesystem;
const fs::path kExamples = fs::path(STANCE_SOURCE_DIR) / "src/rules/ct010/examples";

struct Expectation {
  std::string file, resource, status, message;
  int line = 0, column = 0;
  bool suppressed = false;
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Expectation> load_expectations() {
  auto parsed = doc::parse(read(kExamples / "expected.yaml"), doc::Syntax::Yaml);
  EXPECT_TRUE(parsed.document) << parsed.error.message << " at " << parsed.error.mark.line;
  std::vector<Expectation> out;
  if (!parsed.document) return out;
  for (const auto& item : parsed.document->root->items) {
    Expectation e;
    auto text = [&](const char* key) { const doc::Node* n = item->get(key); return n ? n->text : std::string(); };
    e.file = text("file");
    e.resource = text("resource");
    e.status = text("status");
    e.message = text("message");
    if (!text("line").empty()) e.line = std::stoi(text("line"));
    if (!text("column").empty()) e.column = std::stoi(text("column"));
    e.suppressed = text("suppressed") == "true";
    out.push_back(e);
  }
  return out;
}

struct FileScan {
  std::vector<engine::Finding> findings;
  std::vector<engine::ScanError> errors;
};

FileScan scan(const std::string& file) {
  static const auto kb = kb::load_knowledge_base(std::nullopt);
  auto result = sources::cloudformation::scan_file((kExamples / file).string(), {});
  return {engine::evaluate(result.trails, engine::Config{}, kb.kb), result.errors};
}

TEST(Ct010Examples, EveryExampleMatchesItsExpectation) {
  auto expectations = load_expectations();
  ASSERT_GE(expectations.size(), 20u);
  std::map<std::string, std::vector<Expectation>> by_file;
  for (const auto& e : expectations) by_file[e.file].push_back(e);

  for (const auto& [file, expected] : by_file) {
    SCOPED_TRACE(file);
    FileScan result = scan(file);
    std::set<std::string> listed;
    for (const auto& e : expected) {
      listed.insert(e.resource);
      SCOPED_TRACE(e.resource);
      const engine::Finding* found = nullptr;
      for (const auto& f : result.findings) {
        if (f.resource.id == e.resource) found = &f;
      }
      if (e.status == "absent") {
        EXPECT_EQ(found, nullptr);
        continue;
      }
      ASSERT_NE(found, nullptr) << "no finding";
      EXPECT_EQ(engine::to_string(found->status), e.status) << found->message;
      EXPECT_EQ(found->severity, engine::Severity::Medium);
      EXPECT_EQ(found->location.file, (kExamples / file).string());
      if (e.line) {
        EXPECT_EQ(found->location.line, e.line) << found->message;
      }
      if (e.column) {
        EXPECT_EQ(found->location.column, e.column) << found->message;
      }
      if (!e.message.empty()) {
        EXPECT_NE(found->message.find(e.message), std::string::npos) << found->message;
      }
      EXPECT_EQ(found->suppression.has_value(), e.suppressed);
      if (e.status == "error") {
        EXPECT_FALSE(result.errors.empty()) << "an invalid value is also a source error";
      }
    }
    for (const auto& f : result.findings) EXPECT_TRUE(listed.count(f.resource.id)) << "unlisted " << f.resource.id;
  }
}

TEST(Ct010Examples, EveryExampleFileIsListed) {
  auto expectations = load_expectations();
  std::set<std::string> listed;
  for (const auto& e : expectations) listed.insert(e.file);
  for (const auto& entry : fs::directory_iterator(kExamples)) {
    const std::string name = entry.path().filename().string();
    if (name == "expected.yaml") continue;
    EXPECT_TRUE(listed.count(name)) << name << " has no expectation in expected.yaml";
  }
}

TEST(Ct010Examples, ExclusionsFailWhenTheSettingForbidsThem) {
  const auto kb = kb::load_knowledge_base(std::nullopt);
  auto result = sources::cloudformation::scan_file((kExamples / "pass-excluded-kms.yaml").string(), {});
  engine::Config config;
  config.rules["CT-010"].settings["allow_excluded_sources"] = "false";
  auto findings = engine::evaluate(result.trails, config, kb.kb);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, engine::Status::Fail);
  EXPECT_EQ(findings[0].location.line, 12);  // ExcludeManagementEventSources
  EXPECT_NE(findings[0].message.find("allow_excluded_sources=false"), std::string::npos);
}

TEST(Ct010Examples, ParameterOverrideChangesTheVerdict) {
  const auto kb = kb::load_knowledge_base(std::nullopt);
  sources::cloudformation::Options options;
  options.parameters["Environment"] = "prod";
  auto result = sources::cloudformation::scan_file((kExamples / "parameters-and-mappings.yaml").string(), options);
  auto findings = engine::evaluate(result.trails, engine::Config{}, kb.kb);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, engine::Status::Pass) << findings[0].message;

  options.parameters["Mode"] = "All";
  result = sources::cloudformation::scan_file((kExamples / "unknown-parameter.yaml").string(), options);
  findings = engine::evaluate(result.trails, engine::Config{}, kb.kb);
  ASSERT_EQ(findings.size(), 2u);
  for (const auto& f : findings) EXPECT_EQ(f.status, engine::Status::Pass) << f.resource.id << ": " << f.message;
}

}  // namespace
}  // namespace stance
