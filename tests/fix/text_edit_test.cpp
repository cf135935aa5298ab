#include <gtest/gtest.h>

#include <stdexcept>

#include "fix/template_fix.hpp"

namespace stance::fix {
namespace {

TEST(ApplyEdits, ReplacesInsertsAndDeletesInAnyOrder) {
  const std::string text = "abcdef";
  const std::vector<TextEdit> edits = {{4, 2, ""}, {0, 0, ">"}, {1, 1, "BB"}};
  EXPECT_EQ(apply_edits(text, edits), ">aBBcd");
}

TEST(ApplyEdits, NoEditsIsTheSameText) { EXPECT_EQ(apply_edits("x\ny\n", {}), "x\ny\n"); }

TEST(ApplyEdits, RejectsOverlapAndOutOfRange) {
  EXPECT_THROW(apply_edits("abcdef", {{1, 3, "x"}, {2, 1, "y"}}), std::invalid_argument);
  EXPECT_THROW(apply_edits("abc", {{2, 5, "x"}}), std::invalid_argument);
  EXPECT_THROW(apply_edits("abc", {{4, 0, "x"}}), std::invalid_argument);
}

}  // namespace
}  // namespace stance::fix
