// Terraform's filesystem functions inside a module: relative paths read from the root module's directory,
// path.module relative to it, templatefile with its vars, a missing file unknown (never a guess).
// Data: data/file_functions/ (the md5 below is `md5sum selectors.json`).
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace stance::terraform
