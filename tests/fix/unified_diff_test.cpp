// unified_diff against outputs of GNU `diff -u` (headers aside), written out by hand.
#include <gtest/gtest.h>

#include "fix/template_fix.hpp"

namespace stance::fix {
namespace {

std::string numbered(int from, int to) {
  std::string out;
  for (int i = from; i <= to; ++i) out += "line " + std::to_string(i) + "\n";
  return out;
}

TEST(UnifiedDiff, EqualTextsGiveNothing) { EXPECT_EQ(unified_diff("a.yaml", "x\n", "x\n"), ""); }

TEST(UnifiedDiff, OneChangedLineWithThreeLinesOfContext) {
  const std::string before = numbered(1, 10);
  std::string after = before;
  after.replace(after.find("line 5"), 6, "LINE 5");
  EXPECT_EQ(unified_diff("t.yaml", before, after),
            "--- a/t.yaml\n+++ b/t.yaml\n"
            "@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+LINE 5\n line 6\n line 7\n line 8\n");
}

TEST(UnifiedDiff, InsertionAtTheEndAndSeparateHunks) {
  const std::string before = numbered(1, 20);
  std::string after = before;
  after.replace(after.find("line 2\n"), 7, "line 2\nnew a\n");
  after += "new b\n";
  EXPECT_EQ(unified_diff("t.json", before, after),
            "--- a/t.json\n+++ b/t.json\n"
            "@@ -1,5 +1,6 @@\n line 1\n line 2\n+new a\n line 3\n line 4\n line 5\n"
            "@@ -18,3 +19,4 @@\n line 18\n line 19\n line 20\n+new b\n");
}

TEST(UnifiedDiff, NearbyChangesShareAHunk) {
  const std::string before = numbered(1, 12);
  std::string after = before;
  after.replace(after.find("line 3\n"), 7, "");
  after.replace(after.find("line 9\n"), 7, "line 9\nadded\n");
  EXPECT_EQ(unified_diff("t", before, after),
            "--- a/t\n+++ b/t\n"
            "@@ -1,12 +1,12 @@\n line 1\n line 2\n-line 3\n line 4\n line 5\n line 6\n line 7\n line 8\n"
            " line 9\n+added\n line 10\n line 11\n line 12\n");
}

TEST(UnifiedDiff, MissingNewlineAtTheEnd) {
  EXPECT_EQ(unified_diff("t", "a\nb", "a\nc"),
            "--- a/t\n+++ b/t\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
            "\\ No newline at end of file\n");
}

}  // namespace
}  // namespace stance::fix
