#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/config.hpp"

namespace stance::engine {
namespace {

const KnownRules kKnown = {
    {"CT-010", {"allow_excluded_sources", "require_read_and_write"}}, {"CT-007", {{"kms_key_id", true}}}};

TEST(Config, TextSettingsTakeAStringAndFlagsStillTakeBooleans) {
  auto load = parse_config("rules:\n  CT-007:\n    settings:\n      kms_key_id: alias/trails\n", ".stance.yaml", kKnown);
  ASSERT_TRUE(load.errors.empty()) << load.errors.front().message;
  EXPECT_EQ(load.config.rules.at("CT-007").settings.at("kms_key_id"), "alias/trails");
  auto wrong = parse_config("rules:\n  CT-010:\n    settings:\n      allow_excluded_sources: alias/x\n", ".stance.yaml",
                            kKnown);
  EXPECT_EQ(wrong.errors.size(), 1u);
}

TEST(Config, ParsesRulesSettingsAndExceptions) {
  const char* text = R"(rules:
  ct-010:
    enabled: false
    severity: High
    settings:
      allow_excluded_sources: FALSE
exceptions:
  - rule: CT-010
    resources: [LegacyTrail, "Sandbox*"]
    reason: replaced in Q3
  - rule: "*"
    tags: {team: sandbox}
    reason: sandbox accounts
)";
  auto load = parse_config(text, ".stance.yaml", kKnown);
  ASSERT_TRUE(load.errors.empty()) << load.errors.front().message;
  const auto& rc = load.config.rules.at("CT-010");
  EXPECT_EQ(rc.enabled, false);
  EXPECT_EQ(rc.severity, Severity::High);
  EXPECT_EQ(rc.settings.at("allow_excluded_sources"), "false");
  ASSERT_EQ(load.config.exceptions.size(), 2u);
  EXPECT_EQ(load.config.exceptions[0].resources, (std::vector<std::string>{"LegacyTrail", "Sandbox*"}));
  EXPECT_EQ(load.config.exceptions[0].where.line, 8);
  EXPECT_EQ(load.config.exceptions[1].rule, "*");
  EXPECT_EQ(load.config.exceptions[1].tags.at("team"), "sandbox");
}

TEST(Config, EmptyFileIsAValidEmptyConfig) {
  auto load = parse_config("", ".stance.yaml", kKnown);
  EXPECT_TRUE(load.errors.empty());
  EXPECT_TRUE(load.config.rules.empty());
}

struct BadCase {
  const char* text;
  int line;
  int column;
  const char* message;
};

TEST(Config, ErrorsNameLineAndColumn) {
  const BadCase cases[] = {
      {"rulez: {}\n", 1, 1, "unknown key \"rulez\""},
      {"rules:\n  CT-999: {}\n", 2, 3, "unknown rule \"CT-999\""},
      {"rules:\n  CT-010:\n    settings:\n      strict: true\n", 4, 7, "has no setting \"strict\""},
      {"rules:\n  CT-010:\n    enabled: maybe\n", 3, 14, "must be true or false"},
      {"rules:\n  CT-010:\n    severity: severe\n", 3, 15, "unknown severity"},
      {"exceptions:\n  - rule: CT-010\n    resources: [A]\n", 2, 5, "no reason"},
      {"exceptions:\n  - rule: CT-010\n    reason: x\n", 2, 5, "matches nothing"},
      {"rules: [\n", 2, 1, ""},  // YAML syntax error: position from the parser
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto load = parse_config(c.text, "cfg.yaml", kKnown);
    ASSERT_FALSE(load.errors.empty());
    const auto& e = load.errors.front();
    EXPECT_EQ(e.location.file, "cfg.yaml");
    EXPECT_EQ(e.location.line, c.line);
    EXPECT_EQ(e.location.column, c.column);
    EXPECT_NE(e.message.find(c.message), std::string::npos) << e.message;
  }
}

TEST(Config, FoundUpwardFromTheScannedPath) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("stance-config-" + std::to_string(::getpid()));
  fs::create_directories(root / "infra/nested");
  std::ofstream(root / ".stance.yaml") << "rules: {}\n";
  std::ofstream(root / "infra/nested/t.yaml") << "x: 1\n";
  auto found = find_config(root / "infra/nested/t.yaml");
  ASSERT_TRUE(found);
  EXPECT_EQ(fs::canonical(*found), fs::canonical(root / ".stance.yaml"));
  fs::remove_all(root);
}

TEST(Config, MissingFileIsAnError) {
  auto load = load_config_file("/nonexistent/.stance.yaml", kKnown);
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_NE(load.errors[0].message.find("cannot read"), std::string::npos);
}

TEST(Glob, MatchesStarsOnly) {
  EXPECT_TRUE(glob_match("Sandbox*", "SandboxTrail"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("module.*.aws_cloudtrail.this", "module.audit.aws_cloudtrail.this"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYY"));
  EXPECT_FALSE(glob_match("Trail", "Trail2"));
  EXPECT_FALSE(glob_match("Trail?", "Trail2"));  // '?' is literal
}

TEST(Config, ExcludeIsAListOfPathPatterns) {
  auto load = parse_config("exclude:\n  - vendor/**\n  - \"**/*.generated.yaml\"\n", ".stance.yaml", kKnown);
  ASSERT_TRUE(load.errors.empty()) << load.errors.front().message;
  ASSERT_EQ(load.config.exclude.size(), 2u);
  EXPECT_EQ(load.config.exclude[0].glob, "vendor/**");
  EXPECT_EQ(load.config.exclude[1].glob, "**/*.generated.yaml");
  EXPECT_EQ(load.config.exclude[1].where.line, 3);

  auto one = parse_config("exclude: legacy\n", ".stance.yaml", kKnown);
  ASSERT_TRUE(one.errors.empty());
  ASSERT_EQ(one.config.exclude.size(), 1u);

  auto bad = parse_config("exclude: {a: b}\n", ".stance.yaml", kKnown);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].message, "exclude must be a list of path patterns");
  EXPECT_EQ(bad.errors[0].location.line, 1);
}

}  // namespace
}  // namespace stance::engine
