// Terraform's filesystem functions inside a module: relative paths read from the root module's directory,
// path.module relative to it, templatefile with its vars, a missing file unknown (never a guess).
// Data: data/file_functions/ (the md5 below is `md5sum selectors.json`).
#include <gtest/gtest.h>

#include "sources/terraform/eval/glob.hpp"
#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform {
namespace {

using namespace testing;

TEST(FileFunctions, ReadFromTheRootModulesDirectory) {
  sources::SourceResult r = scan_data("file_functions");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  const model::Trail& t = trail(r, "aws_cloudtrail.from_file");
  auto tags = tags_of(t);
  EXPECT_EQ(tags["root"], ".");
  EXPECT_EQ(tags["module"], ".");
  EXPECT_EQ(tags["md5"], "18558d20d1aca4c12dec8ed2b5dbb42f");
  EXPECT_EQ(tags["exists"], "true");
  EXPECT_EQ(tags["not_there"], "false");
  EXPECT_EQ(tags["template"], "prod-eu-west-1\nprod-us-east-1\n");
  // The selectors come from selectors.json through jsondecode(file(...)): management events off, a fail.
  ASSERT_TRUE(t.event_selectors.is_explicit()) << t.event_selectors.note;
  ASSERT_EQ(t.event_selectors->size(), 1u);
  expect_explicit((*t.event_selectors)[0].include_management_events, false);
  EXPECT_EQ(findings(r)["aws_cloudtrail.from_file"].status, engine::Status::Fail);
}

TEST(FileFunctions, ChildModulePathsAreRelativeToTheRoot) {
  sources::SourceResult r = scan_data("file_functions");
  auto tags = tags_of(trail(r, "module.child.aws_cloudtrail.child"));
  EXPECT_EQ(tags["module"], "modules/child");
  EXPECT_EQ(tags["content"], "written in the child module");
}

TEST(FileFunctions, AMissingFileIsUnknownNotAnError) {
  sources::SourceResult r = scan_data("file_functions");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  const model::Trail& t = trail(r, "aws_cloudtrail.missing_file");
  ASSERT_TRUE(t.event_selectors.is_explicit()) << t.event_selectors.note;
  expect_unresolvable((*t.event_selectors)[0].include_management_events, "build/selectors.json");
  EXPECT_EQ(findings(r)["aws_cloudtrail.missing_file"].status, engine::Status::Unknown);
}

TEST(FileFunctions, FilesetListsMatchingFilesRelativeToItsPath) {
  sources::SourceResult r = scan_data("file_functions");
  auto tags = tags_of(trail(r, "aws_cloudtrail.from_fileset"));
  EXPECT_EQ(tags["json"], "selectors.json");
  EXPECT_EQ(tags["all"], "main.tf,modules/child/main.tf,modules/child/note.txt,name.tftpl,selectors.json");
  EXPECT_EQ(tags["below"], "child/main.tf,child/note.txt");
  EXPECT_EQ(tags["top"], "main.tf,name.tftpl,selectors.json");
  EXPECT_EQ(tags["class"], "main.tf,selectors.json");
  EXPECT_EQ(tags["dot"], "name.tftpl");
  EXPECT_EQ(tags["deep"], "modules/child/note.txt");
  EXPECT_EQ(tags["none"], "0");
  EXPECT_EQ(tags["absent"], "0");
  EXPECT_EQ(findings(r)["aws_cloudtrail.from_fileset"].status, engine::Status::Pass);
}

TEST(FileFunctions, AMalformedFilesetPatternIsAnErrorAtTheCall) {
  sources::SourceResult r = scan_data("fileset_bad");
  ASSERT_EQ(r.errors.size(), 1u) << describe(r);
  EXPECT_NE(r.errors[0].message.find("syntax error in pattern"), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(r.errors[0].location.line, 7);
}

TEST(Glob, DoublestarSyntax) {
  struct Case {
    const char* pattern;
    const char* path;
    bool matches;
  };
  const Case cases[] = {
      {"*.tf", "main.tf", true},
      {"*.tf", "a/main.tf", false},  // * stops at '/'
      {"*", "", true},
      {"**", "a/b/c.txt", true},
      {"**/*.txt", "c.txt", true},  // **/ matches no directory too
      {"**/*.txt", "a/b/c.txt", true},
      {"a/**/c.txt", "a/c.txt", true},
      {"a/**/c.txt", "a/b/x/c.txt", true},
      {"a/**/c.txt", "b/c.txt", false},
      {"?.tf", "a.tf", true},
      {"?.tf", "/.tf", false},
      {"?.tf", "ab.tf", false},
      {"[a-c]x", "bx", true},
      {"[a-c]x", "dx", false},
      {"[^a-c]x", "dx", true},
      {"[!a-c]x", "bx", false},
      {"[]a]", "]", true},
      {"{a,b/c}.tf", "b/c.tf", true},
      {"{a,{b,c}d}.tf", "cd.tf", true},
      {"{a,{b,c}d}.tf", "c.tf", false},
      {"\\*.tf", "*.tf", true},
      {"\\*.tf", "a.tf", false},
      {"main.tf", "main.tf", true},
      {"main.tf", "main.tfx", false},
  };
  for (const Case& c : cases) {
    const std::optional<bool> m = glob_match(c.pattern, c.path);
    ASSERT_TRUE(m.has_value()) << c.pattern;
    EXPECT_EQ(*m, c.matches) << c.pattern << " ~ " << c.path;
  }
  for (const char* malformed : {"[ab", "{a,b", "a\\", "x/[", "{[}"}) {
    std::string why;
    EXPECT_FALSE(glob_match(malformed, "whatever", &why).has_value()) << malformed;
    EXPECT_EQ(why, "syntax error in pattern");
    EXPECT_FALSE(glob_match(malformed, "").has_value()) << malformed;
  }
  // Backtracking is exponential in the number of '*': it stops, with a reason, instead of hanging.
  std::string why;
  EXPECT_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", std::string(60, 'a'), &why).has_value());
  EXPECT_NE(why.find("too many wildcards"), std::string::npos) << why;
}

}  // namespace
}  // namespace stance::terraform
