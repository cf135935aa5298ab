#include "store/scan_diff.hpp"

#include <gtest/gtest.h>

#include "store/records.hpp"

namespace stance::store {
namespace {

using testing::finding;
using testing::scan;

std::vector<std::string> fingerprints(const std::vector<DiffEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.fingerprint);
  return out;
}

TEST(ScanDiff, NewResolvedChangedAndUnchanged) {
  ScanRecord a = scan({finding("fixed", "fail"), finding("removed", "fail"), finding("broke", "pass"),
                       finding("same", "fail"), finding("unsure", "fail"), finding("accepted", "fail"),
                       finding("dropped-pass", "pass")});
  ScanRecord b = scan({finding("fixed", "pass"), finding("broke", "fail"), finding("same", "fail"),
                       finding("unsure", "unknown"), finding("accepted", "fail", /*suppressed=*/true),
                       finding("appeared", "fail")});
  ScanDiff d = diff_scans(a, b);
  EXPECT_EQ(fingerprints(d.added), (std::vector<std::string>{"appeared", "broke"}));
  EXPECT_EQ(fingerprints(d.resolved), (std::vector<std::string>{"fixed", "removed"}));
  // fail -> unknown is not resolved; fail -> suppressed is a change; a pass that disappeared is a change.
  EXPECT_EQ(fingerprints(d.changed), (std::vector<std::string>{"accepted", "dropped-pass", "unsure"}));
  EXPECT_EQ(d.unchanged, 1);
  EXPECT_FALSE(d.resolved[1].after);  // removed: absent in the second scan
  EXPECT_EQ(d.added[0].before, std::nullopt);
}

TEST(ScanDiff, AScanAgainstItselfIsUnchanged) {
  ScanRecord a = scan({finding("x", "fail"), finding("y", "pass")});
  ScanDiff d = diff_scans(a, a);
  EXPECT_TRUE(d.added.empty() && d.resolved.empty() && d.changed.empty());
  EXPECT_EQ(d.unchanged, 2);
}

}  // namespace
}  // namespace stance::store
