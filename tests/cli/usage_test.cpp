// The command line as people already know it (issue 10): --version, help, usage errors that name the option,
// the bad value and the choices, and --help that shows only what applies to each command.
#include <gtest/gtest.h>

#include "cli_harness.hpp"

namespace stance::cli {
namespace {

using testing::contains;
using testing::stance;

TEST(Usage, VersionFlag) {
  for (const char* flag : {"--version", "-V"}) {
    auto r = stance({flag});
    EXPECT_EQ(r.code, 0) << flag;
    EXPECT_EQ(r.out, "stance " STANCE_VERSION "\n") << flag;
  }
}

TEST(Usage, HelpCommandPrintsTheUsage) {
  auto r = stance({"help"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Usage: stance")) << r.out;
  for (const char* command : {"scan", "collect", "fix", "kb"}) EXPECT_TRUE(contains(r.out, command)) << command;
  EXPECT_EQ(r.err, "");
}

TEST(Usage, HelpNamesACommand) {
  auto r = stance({"help", "scan"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Usage: stance scan")) << r.out;
  EXPECT_TRUE(contains(r.out, "--skip-path")) << r.out;
  auto kb = stance({"help", "kb", "show"});
  EXPECT_EQ(kb.code, 0) << kb.err;
  EXPECT_TRUE(contains(kb.out, "Usage: stance kb show")) << kb.out;
  auto bad = stance({"help", "scna"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(contains(bad.err, "'scna' is not a command")) << bad.err;
}

TEST(Usage, BareStancePrintsTheUsageNotAParserError) {
  auto r = stance({});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "Usage: stance")) << r.err;
  EXPECT_TRUE(contains(r.err, "scan")) << r.err;
  EXPECT_FALSE(contains(r.err, "required")) << r.err;  // not CLI11's "A subcommand is required"
}

TEST(Usage, BadChoiceNamesOptionValueAndChoices) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"scan", "--format", "bogus", "."}, "--format: 'bogus' is not one of text, json, sarif, junit"},
      {{"scan", "--color", "sometimes", "."}, "--color: 'sometimes' is not one of auto, always, never"},
      {{"scan", "--fail-on", "severe", "."}, "--fail-on: 'severe' is not one of info, low, medium, high, critical"},
      {{"fix", "--format", "sarif", "."}, "--format: 'sarif' is not one of text, json"},
      {{"kb", "list", "--format", "html"}, "--format: 'html' is not one of text, markdown, json"},
  };
  for (const Case& c : cases) {
    auto r = stance(c.args);
    EXPECT_EQ(r.code, 2) << c.message;
    EXPECT_TRUE(contains(r.err, c.message)) << r.err;
    EXPECT_FALSE(contains(r.err, "->")) << r.err;  // no CLI11 lookup table ({json->1,...})
  }
}

TEST(Usage, ChoicesAreCaseInsensitive) {
  testing::TempDir dir;
  const std::string file = dir.write("t.yaml", testing::kPassingTemplate);
  auto r = stance({"scan", "--no-config", "--format", "JSON", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\"schema_version\"")) << r.out;
}

TEST(Usage, HelpHasNoParserInternals) {
  for (std::vector<std::string> args : {std::vector<std::string>{"scan", "--help"}, {"kb", "show", "--help"},
                                        {"kb", "list", "--help"}, {"fix", "--help"}}) {
    auto r = stance(args);
    EXPECT_EQ(r.code, 0);
    EXPECT_FALSE(contains(r.out, "->")) << r.out;       // {json->1,...}
    EXPECT_FALSE(contains(r.out, "INT:INT")) << r.out;  // INT:INT in [1 - 256]
  }
  auto scan = stance({"scan", "--help"});
  EXPECT_TRUE(contains(scan.out, "text|json|sarif|junit")) << scan.out;
}

TEST(Usage, ExitCodeFooterOnlyWhereThereAreExitCodesToKnow) {
  EXPECT_TRUE(contains(stance({"scan", "--help"}).out, "Exit codes: 0 no failing finding"));
  for (std::vector<std::string> args : {std::vector<std::string>{"kb", "--help"}, {"kb", "show", "--help"},
                                        {"collect", "--help"}, {"--help"}}) {
    auto r = stance(args);
    EXPECT_EQ(r.code, 0);
    EXPECT_FALSE(contains(r.out, "Exit codes")) << args.front() << "\n" << r.out;
  }
}

TEST(Usage, FixHelpDoesNotCallAwsReadOnly) {
  auto fix = stance({"fix", "--help"});
  ASSERT_EQ(fix.code, 0);
  const std::size_t at = fix.out.find("--aws");
  ASSERT_NE(at, std::string::npos);
  const std::string line = fix.out.substr(at, fix.out.find("\n  -", at) - at);
  EXPECT_FALSE(contains(line, "(read-only)")) << line;
  EXPECT_TRUE(contains(stance({"scan", "--help"}).out, "(read-only)"));
}

TEST(Usage, KbShowForTakesTheScanTemplateInputs) {
  auto r = stance({"kb", "show", "--help"});
  for (const char* option : {"--parameter", "--parameter-file", "--var", "--var-file"}) {
    EXPECT_TRUE(contains(r.out, option)) << option;
  }
}

}  // namespace
}  // namespace stance::cli
