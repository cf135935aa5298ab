// The built-in CT-010 article: it parses without errors and every section the CLI shows has content.
#include <gtest/gtest.h>

#include <algorithm>

#include "kb/knowledge_base.hpp"
#include "kb_test_support.hpp"
#include "rules/ct010/check.hpp"

namespace stance::kb {
namespace {

using testing::builtin_kb;
using testing::describe;

TEST(Ct010Article, EmbeddedTextParsesWithoutErrors) {
  ArticleParse parsed = parse_article(rules::ct010::kRuleYaml, "builtin:CT-010");
  EXPECT_TRUE(parsed.errors.empty()) << describe(parsed.errors);
  ASSERT_TRUE(parsed.article.has_value());
  EXPECT_EQ(parsed.article->id, "CT-010");
  EXPECT_EQ(parsed.article->source, "builtin:CT-010");
}

TEST(Ct010Article, HeaderFields) {
  const KnowledgeBase kb = builtin_kb();
  const Article* a = kb.find("CT-010");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->title, "CloudTrail Management Events");
  EXPECT_EQ(a->service, "CloudTrail");
  EXPECT_EQ(a->risk, engine::Severity::Medium);
  EXPECT_EQ(a->risk_label, "Medium");
  EXPECT_EQ(a->resource_types, std::vector<std::string>{"AWS::CloudTrail::Trail"});
}

TEST(Ct010Article, ProseSectionsHaveContent) {
  const KnowledgeBase kb = builtin_kb();
  const Article* a = kb.find("CT-010");
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE(a->summary.empty());
  EXPECT_FALSE(a->rationale.empty());
  EXPECT_NE(a->rationale.find("TerminateInstances"), std::string::npos);
  // The semantics section states the points where stance differs from other tools.
  for (const char* point : {"union", "eventCategory", "Name", "ReadOnly", "WriteOnly", "kms.amazonaws.com",
                            "rdsdata.amazonaws.com", "allow_excluded_sources", "require_read_and_write",
                            "unknown", "IsLogging", "home region"}) {
    EXPECT_NE(a->evaluation.find(point), std::string::npos) << "evaluation does not mention " << point;
  }
  EXPECT_FALSE(a->references.empty());
  for (const std::string& url : a->references) EXPECT_EQ(url.rfind("https://", 0), 0u) << url;
}

TEST(Ct010Article, AuditHasConsoleAndCliSteps) {
  const KnowledgeBase kb = builtin_kb();
  const Article* a = kb.find("CT-010");
  ASSERT_NE(a, nullptr);
  ASSERT_FALSE(testing::snippets_of_kind(a->audit, "console").empty());
  const auto cli = testing::snippets_of_kind(a->audit, "cli");
  ASSERT_FALSE(cli.empty());
  for (const char* command : {"list-trails", "describe-trails", "get-event-selectors"}) {
    EXPECT_NE(cli[0]->text.find(command), std::string::npos) << command;
  }
  // Both selector kinds show up in the audit, since get-event-selectors answers with one or the other.
  std::string all;
  for (const Snippet& s : a->audit) all += s.note + s.text;
  EXPECT_NE(all.find("\"EventSelectors\""), std::string::npos);
  EXPECT_NE(all.find("\"AdvancedEventSelectors\""), std::string::npos);
}

TEST(Ct010Article, RemediationCoversEveryKind) {
  const KnowledgeBase kb = builtin_kb();
  const Article* a = kb.find("CT-010");
  ASSERT_NE(a, nullptr);
  for (const char* kind : {"console", "cli", "cloudformation-json", "cloudformation-yaml", "terraform"}) {
    const auto found = testing::snippets_of_kind(a->remediation, kind);
    ASSERT_FALSE(found.empty()) << "no remediation of kind " << kind;
    for (const Snippet* s : found) {
      EXPECT_FALSE(s->title.empty()) << kind;
      EXPECT_FALSE(s->text.empty()) << kind;
    }
  }
}

TEST(Ct010Article, SettingsDefaultToTrue) {
  const KnowledgeBase kb = builtin_kb();
  const Article* a = kb.find("CT-010");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->settings.size(), 2u);
  EXPECT_EQ(a->settings[0].name, "allow_excluded_sources");
  EXPECT_EQ(a->settings[1].name, "require_read_and_write");
  for (const Setting& s : a->settings) {
    EXPECT_EQ(s.type, "bool") << s.name;
    EXPECT_EQ(s.default_value, "true") << s.name;
    EXPECT_FALSE(s.description.empty()) << s.name;
  }
}

TEST(Ct010Article, ComplianceComesFromFrameworksFile) {
  const KnowledgeBase kb = builtin_kb();
  const Article* a = kb.find("CT-010");
  ASSERT_NE(a, nullptr);
  std::vector<std::string> frameworks;
  for (const ComplianceRef& c : a->compliance) {
    frameworks.push_back(c.framework);
    EXPECT_FALSE(c.controls.empty()) << c.framework;
  }
  EXPECT_EQ(frameworks, (std::vector<std::string>{"CIS AWS Foundations Benchmark v3.0.0",
                                                  "CIS AWS Foundations Benchmark v1.5.0 (and v1.4.0)",
                                                  "AWS Foundational Security Best Practices", "NIST SP 800-53 Rev. 5",
                                                  "PCI DSS v4.0", "GDPR", "APRA CPS 234", "MAS TRM Guidelines",
                                                  "NIST 800-53 rev4", "AWS Well-Architected (Security)"}));
  ASSERT_EQ(a->compliance.size(), 10u);
  EXPECT_EQ(a->compliance[0].controls, "3.1");
  EXPECT_EQ(a->compliance[2].controls, "CloudTrail.1");
  EXPECT_EQ(a->compliance[8].controls, "AU-2, AU-3, AU-12");
}

TEST(Ct010Article, FourEquivalentsEachSayHowTheyDiffer) {
  const KnowledgeBase kb = builtin_kb();
  const Article* a = kb.find("CT-010");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->equivalents.size(), 4u);
  const std::vector<std::string> tools{"CIS AWS Foundations Benchmark", "AWS Security Hub", "AWS Config", "Prowler"};
  for (std::size_t i = 0; i < tools.size(); ++i) {
    EXPECT_EQ(a->equivalents[i].tool, tools[i]);
    EXPECT_FALSE(a->equivalents[i].control.empty());
    EXPECT_FALSE(a->equivalents[i].difference.empty());
  }
  EXPECT_NE(a->equivalents[1].control.find("CloudTrail.1"), std::string::npos);
  EXPECT_NE(a->equivalents[2].control.find("multi-region-cloudtrail-enabled"), std::string::npos);
  EXPECT_NE(a->equivalents[3].control.find("cloudtrail_multi_region_enabled_logging_management_events"),
            std::string::npos);
}

}  // namespace
}  // namespace stance::kb
