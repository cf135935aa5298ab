// Rules and articles go together: every registered rule has an article and examples, and every built-in
// article belongs to a registered rule.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>

#include "engine/registry.hpp"
#include "kb_test_support.hpp"

namespace stance::kb {
namespace {

namespace fs = std::filesystem;

TEST(RegistryArticles, EveryRuleHasAnArticle) {
  const KnowledgeBase kb = testing::builtin_kb();
  ASSERT_FALSE(engine::registered_rules().empty());
  for (const auto& rule : engine::registered_rules()) {
    const Article* a = kb.find(rule.id);
    ASSERT_NE(a, nullptr) << rule.id;
    EXPECT_EQ(a->id, rule.id);
    EXPECT_EQ(a->source, "builtin:" + std::string(rule.id));
  }
}

TEST(RegistryArticles, EveryArticleIsARegisteredRule) {
  const KnowledgeBase kb = testing::builtin_kb();
  for (const Article& a : kb.articles()) EXPECT_NE(engine::find_rule(a.id), nullptr) << a.id;
  EXPECT_EQ(kb.articles().size(), engine::registered_rules().size());
}

TEST(RegistryArticles, EveryRuleHasExamples) {
  for (const auto& rule : engine::registered_rules()) {
    std::string folder;
    for (char c : rule.id) {
      if (c != '-') folder += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const fs::path examples = fs::path(STANCE_SOURCE_DIR) / "src" / "rules" / folder / "examples";
    ASSERT_TRUE(fs::is_directory(examples)) << examples << " is missing";
    EXPECT_FALSE(fs::is_empty(examples)) << examples << " is empty";
  }
}

}  // namespace
}  // namespace stance::kb
