// Override files (override.tf, *_override.tf, override.tf.json) merged as Terraform merges them: attributes
// replaced one by one, nested block types replaced as a whole, count from the override, locals and variable
// defaults replaced; every value located in the file it is written in. Data: data/overrides/,
// data/override_missing/.
#include <gtest/gtest.h>

#include "sources/terraform/eval/module_config.hpp"
#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform {
namespace {

using namespace testing;

TEST(Overrides, OverrideFilesAreRecognisedByName) {
  EXPECT_TRUE(is_override_file("dir/override.tf"));
  EXPECT_TRUE(is_override_file("override.tf.json"));
  EXPECT_TRUE(is_override_file("dir/dev_override.tf"));
  EXPECT_TRUE(is_override_file("dev_override.tf.json"));
  EXPECT_FALSE(is_override_file("dir/main.tf"));
  EXPECT_FALSE(is_override_file("dir/overrides.tf"));
  EXPECT_FALSE(is_override_file("dir/myoverride.tf"));
  EXPECT_FALSE(is_override_file("override.tf/main.tf"));
}

TEST(Overrides, MergedLikeTerraform) {
  sources::SourceResult r = scan_data("overrides");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  auto by_id = findings(r);

  // Nested event_selector blocks of the override replace all of the resource's: one selector, passing, and
  // the finding points into override.tf.
  const model::Trail& replaced = trail(r, "aws_cloudtrail.replaced_selectors");
  ASSERT_TRUE(replaced.event_selectors.is_explicit()) << replaced.event_selectors.note;
  ASSERT_EQ(replaced.event_selectors->size(), 1u);
  expect_explicit((*replaced.event_selectors)[0].include_management_events, true);
  EXPECT_EQ((*replaced.event_selectors)[0].include_management_events.where.file, data_path("overrides/override.tf"));
  expect_at((*replaced.event_selectors)[0].include_management_events, 4, 5);
  EXPECT_EQ(by_id["aws_cloudtrail.replaced_selectors"].status, engine::Status::Pass);

  // An override of one attribute leaves the nested blocks alone: still failing, at main.tf. The name comes from
  // override.tf, the tag from the overridden local.
  const model::Trail& renamed = trail(r, "aws_cloudtrail.renamed");
  expect_explicit(renamed.name, std::string("renamed-by-override"));
  EXPECT_EQ(renamed.name.where.file, data_path("overrides/override.tf"));
  EXPECT_EQ(by_id["aws_cloudtrail.renamed"].status, engine::Status::Fail);
  ASSERT_TRUE(renamed.event_selectors.is_explicit());
  EXPECT_EQ((*renamed.event_selectors)[0].include_management_events.where.file, data_path("overrides/main.tf"));
  ASSERT_TRUE(renamed.tags.known());
  ASSERT_EQ(renamed.tags->size(), 1u);
  EXPECT_EQ(*(*renamed.tags)[0].value, "override");

  // count = 0 from x_override.tf: no such trail.
  EXPECT_EQ(find_trail(r, "aws_cloudtrail.removed"), nullptr) << describe(r);
  EXPECT_EQ(find_trail(r, "aws_cloudtrail.removed[0]"), nullptr) << describe(r);

  // The variable's default from override.tf.json decides: pass, and the note names that file.
  const model::Trail& from_variable = trail(r, "aws_cloudtrail.from_variable");
  ASSERT_TRUE(from_variable.event_selectors.is_explicit());
  const auto& management = (*from_variable.event_selectors)[0].include_management_events;
  expect_explicit(management, true);
  EXPECT_NE(management.note.find("override.tf.json:4:"), std::string::npos) << management.note;
  EXPECT_EQ(by_id["aws_cloudtrail.from_variable"].status, engine::Status::Pass);
}

TEST(Overrides, OverridingWhatIsNotDeclaredIsAnError) {
  sources::SourceResult r = scan_data("override_missing");
  EXPECT_TRUE(has_message(r.errors, "Missing a resource to override; There is no aws_cloudtrail resource named "
                                    "\"not_declared\"", 1, 1)) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "There is no local value named \"nowhere\"", 6, 3)) << describe(r);
  // The override block is not a trail of its own; the declared one is still scanned.
  EXPECT_EQ(find_trail(r, "aws_cloudtrail.not_declared"), nullptr);
  EXPECT_NE(find_trail(r, "aws_cloudtrail.base"), nullptr);
}

}  // namespace
}  // namespace stance::terraform
