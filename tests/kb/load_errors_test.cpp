// Articles are validated on load, and every problem is reported at its file:line:column (positions in
// tests/kb/data/ were counted by hand). --kb-dir overrides replace or add articles.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/registry.hpp"
#include "kb/frameworks.hpp"
#include "kb_test_support.hpp"

namespace stance::kb {
namespace {

using testing::describe;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Expected {
  int line;
  int column;
  std::string text;  // a part of the message
};

void expect_errors(const std::vector<engine::ScanError>& errors, const std::string& file,
                   const std::vector<Expected>& expected) {
  EXPECT_EQ(errors.size(), expected.size()) << describe(errors);
  for (const Expected& want : expected) {
    bool found = false;
    for (const auto& e : errors) {
      if (e.location.line == want.line && e.location.column == want.column &&
          e.message.find(want.text) != std::string::npos) {
        found = true;
        EXPECT_EQ(e.location.file, file);
        EXPECT_EQ(e.source, file);
      }
    }
    EXPECT_TRUE(found) << "no error at " << want.line << ":" << want.column << " containing \"" << want.text
                       << "\"; got:\n" << describe(errors);
  }
}

TEST(KbLoadErrors, BrokenArticleReportsEveryProblemWithItsPosition) {
  const std::string path = testing::kDataDir + "/broken-article.yaml";
  const std::string text = read(path);
  ASSERT_FALSE(text.empty()) << path;
  ArticleParse parsed = parse_article(text, path);
  EXPECT_FALSE(parsed.article.has_value());
  expect_errors(parsed.errors, path,
                {
                    {6, 7, "unknown risk level 'Severe'"},
                    {7, 17, "'resource_types' must be a list, found a string"},
                    {12, 1, "unknown key 'remedation' in the article (did you mean 'remediation'?)"},
                    {19, 14, "'default' must be true or false (unquoted), found 'yes'"},
                    {21, 11, "duplicate setting 'allow_excluded_sources' (first defined at 17:11)"},
                    {26, 5, "reference 'ftp://example.com/' is not an http(s) URL"},
                });
}

TEST(KbLoadErrors, MissingKeyWrongTypeUnknownKindAndMisplacedCompliance) {
  const std::string path = testing::kDataDir + "/missing-title.yaml";
  ArticleParse parsed = parse_article(read(path), path);
  EXPECT_FALSE(parsed.article.has_value());
  expect_errors(parsed.errors, path,
                {
                    {2, 1, "missing required key 'title' in the article"},
                    {9, 11, "unknown snippet kind 'powershell'"},
                    {10, 12, "'title' must be a string, found a list"},
                    {12, 1, "unknown key 'compliance' in the article (compliance mappings live in"},
                });
}

TEST(KbLoadErrors, SyntaxErrorsCarryThePosition) {
  ArticleParse parsed = parse_article("id: CT-010\ntitle: [unclosed\n", "inline.yaml");
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].location.file, "inline.yaml");
  EXPECT_GE(parsed.errors[0].location.line, 2);
  EXPECT_GT(parsed.errors[0].location.column, 0);
}

TEST(KbLoadErrors, EmptyAndNonMappingDocuments) {
  EXPECT_EQ(parse_article("", "empty.yaml").errors.size(), 1u);
  ArticleParse list = parse_article("- id: CT-010\n", "list.yaml");
  ASSERT_EQ(list.errors.size(), 1u);
  EXPECT_NE(list.errors[0].message.find("must be a mapping"), std::string::npos);
  EXPECT_EQ(list.errors[0].location.line, 1);
  EXPECT_EQ(list.errors[0].location.column, 1);
}

TEST(KbLoadErrors, EmptyValuesAreReportedWhereTheyAre) {
  const std::string yaml =
      "id: CT-010\n"
      "title:\n"
      "service: s\n"
      "risk: low\n"
      "resource_types: [AWS::CloudTrail::Trail]\n"
      "summary: s\n"
      "rationale: r\n"
      "references:\n"
      "  -\n"
      "  - not-a-url\n";
  ArticleParse parsed = parse_article(yaml, "refs.yaml");
  // Empty values have no position of their own (no token): an empty title is reported at its key, an
  // empty list item at its list, whose first "-" is 9:3.
  expect_errors(parsed.errors, "refs.yaml",
                {{2, 1, "'title' has no value"},
                 {9, 3, "'references item' has no value"},
                 {10, 5, "reference 'not-a-url' is not an http(s) URL"}});
}

// Framework validation has its own tests (frameworks_test.cpp); here, the loader reports a bad mapping
// in an override directory's frameworks.yaml at its position.
TEST(KbOverride, FrameworksFileWithAnUnknownRuleIsReportedWhereItIs) {
  KnowledgeBaseLoad load = load_knowledge_base(testing::kDataDir + "/override-frameworks-typo");
  const std::string path = testing::kDataDir + "/override-frameworks-typo/frameworks.yaml";
  expect_errors(load.errors, path, {{6, 7, "framework 'gdpr' maps rule 'CT-01', which is not a known rule"}});
}

TEST(KbOverride, ReplacesAndAddsArticlesFromNestedFolders) {
  KnowledgeBaseLoad load = load_knowledge_base(testing::kDataDir + "/override");
  EXPECT_TRUE(load.errors.empty()) << describe(load.errors);
  const Article* ct010 = load.kb.find("ct-010");
  ASSERT_NE(ct010, nullptr);
  EXPECT_EQ(ct010->title, "Management events on every trail (ACME wording)");
  EXPECT_EQ(ct010->risk, engine::Severity::High);
  EXPECT_EQ(ct010->source, testing::kDataDir + "/override/nested/ct010/rule.yaml");
  ASSERT_EQ(ct010->settings.size(), 2u);
  EXPECT_EQ(ct010->settings[0].default_value, "false");
  // Compliance still comes from frameworks.yaml, plus the override directory's own frameworks.yaml.
  ASSERT_EQ(ct010->compliance.size(), 11u);
  EXPECT_EQ(ct010->compliance.back().framework, "ACME Logging Standard");
  EXPECT_EQ(ct010->compliance.back().controls, "LOG-1, LOG-4");

  const Article* extra = load.kb.find("XX-001");
  ASSERT_NE(extra, nullptr);
  ASSERT_EQ(extra->compliance.size(), 1u);
  EXPECT_EQ(extra->compliance[0].controls, "LOG-9");
  // The override's framework is selectable like a built-in one.
  const Framework* acme = load.kb.frameworks().find("ACME-LOGGING");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->source, testing::kDataDir + "/override/frameworks.yaml");
  // Sorted by ID: the registered rules' articles, then the added one.
  ASSERT_EQ(load.kb.articles().size(), engine::registered_rules().size() + 1);
  EXPECT_EQ(load.kb.articles().front().id, "CT-001");
  EXPECT_EQ(load.kb.articles().back().id, "XX-001");
}

TEST(KbOverride, InvalidOverrideKeepsTheBuiltinArticle) {
  KnowledgeBaseLoad load = load_knowledge_base(testing::kDataDir + "/override-invalid");
  const std::string path = testing::kDataDir + "/override-invalid/ct010/rule.yaml";
  expect_errors(load.errors, path, {{9, 11, "'settings' must be a list, found a string"}});
  const Article* ct010 = load.kb.find("CT-010");
  ASSERT_NE(ct010, nullptr);
  EXPECT_EQ(ct010->title, "CloudTrail Management Events");
}

TEST(KbOverride, MissingDirectoryIsAnError) {
  KnowledgeBaseLoad load = load_knowledge_base(testing::kDataDir + "/no-such-directory");
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_NE(load.errors[0].message.find("does not exist"), std::string::npos);
  EXPECT_NE(load.kb.find("CT-010"), nullptr) << "the built-in articles are still there";
}

TEST(KnowledgeBase, FindIsCaseInsensitiveAndArticlesStaySorted) {
  KnowledgeBase kb;
  for (const char* id : {"XY-002", "AB-010", "XY-001"}) {
    Article a;
    a.id = id;
    kb.add_or_replace(a);
  }
  Article replacement;
  replacement.id = "AB-010";
  replacement.title = "replaced";
  kb.add_or_replace(replacement);
  ASSERT_EQ(kb.articles().size(), 3u);
  EXPECT_EQ(kb.articles()[0].id, "AB-010");
  EXPECT_EQ(kb.articles()[1].id, "XY-001");
  EXPECT_EQ(kb.articles()[2].id, "XY-002");
  ASSERT_NE(kb.find("ab-010"), nullptr);
  EXPECT_EQ(kb.find("ab-010")->title, "replaced");
  EXPECT_EQ(kb.find("AB-01"), nullptr);
}

}  // namespace
}  // namespace stance::kb
