// The evaluator's limits (eval/limits.hpp) on hostile configurations: each ends quickly with an error at
// file:line naming the limit. Time bounds are asserted with a watchdog, memory as a generous peak-RSS bound.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sources/terraform/eval/limits.hpp"
#include "sources/terraform/eval_limits_support.hpp"

namespace stance::terraform {
namespace {

using namespace testing;

const char* const kTrail = "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  tags = { t = local.x }\n}\n";

void expect_error(const sources::SourceResult& r, const std::string& part, int line) {
  const engine::ScanError* e = find_message(r.errors, part);
  ASSERT_NE(e, nullptr) << describe(r);
  EXPECT_EQ(e->location.line, line) << e->message;
}

TEST(EvalLimits, CountAboveTheLimitNamesTheLimit) {
  TempTree tree;
  tree.write("m/main.tf", "resource \"aws_cloudtrail\" \"t\" {\n  count = 100000000\n  name = \"t\"\n}\n");
  sources::SourceResult r = scan_within({tree.path("m")}, 10);
  expect_error(r, "limit of 10000 instances per resource", 2);
  EXPECT_EQ(find_message(r.errors, "greater than or equal to zero"), nullptr) << "not the misleading message";
  EXPECT_TRUE(r.trails.empty() || r.trails.size() == 1u);
}

TEST(EvalLimits, ForEachAboveTheLimit) {
  TempTree tree;
  tree.write("m/main.tf",
             "resource \"aws_cloudtrail\" \"t\" {\n"
             "  for_each = toset([for p in setproduct(range(200), range(100)) : \"${p[0]}-${p[1]}\"])\n"
             "  name = \"t\"\n}\n");
  expect_error(scan_within({tree.path("m")}, 10), "limit of 10000 instances per resource", 2);
}

TEST(EvalLimits, InstancesInAScan) {
  TempTree tree;
  std::string text;
  for (int i = 0; i < 11; ++i) {
    text += "resource \"aws_cloudtrail\" \"t" + std::to_string(i) + "\" {\n  count = 10000\n  name = \"t\"\n}\n";
  }
  tree.write("m/main.tf", text);
  sources::SourceResult r = scan_within({tree.path("m")}, 60);
  expect_error(r, "limit of 100000 resource instances in one scan", 41);  // the 11th resource
  EXPECT_EQ(r.trails.size(), 100000u);
}

TEST(EvalLimits, NestedForExpressionsStopAtTheCollectionLimit) {
  TempTree tree;
  tree.write("m/main.tf",
             std::string("locals {\n  x = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]\n}\n") +
                 kTrail);
  const long before = peak_rss_kib();
  sources::SourceResult r = scan_within({tree.path("m")}, 10);
  expect_error(r, "limit of 1000000 elements", 2);
  if (stance::test_bounds::kPeakMemoryIsMeaningful) { EXPECT_LT(peak_rss_kib() - before, 1536L * 1024) << "peak RSS grew by more than 1.5 GiB"; }
  EXPECT_EQ(r.errors.size(), 1u) << describe(r);  // reported once, not once per outer element
}

TEST(EvalLimits, StringsDoubledThroughLocalsStopAtTheStringLimit) {
  TempTree tree;
  std::string text = "locals {\n  l0 = \"0123456789abcdef\"\n";
  for (int i = 1; i <= 40; ++i) {
    text += "  l" + std::to_string(i) + " = \"${local.l" + std::to_string(i - 1) + "}${local.l" +
            std::to_string(i - 1) + "}\"\n";
  }
  text += "  x = local.l40\n}\n";
  tree.write("m/main.tf", text + kTrail);
  const long before = peak_rss_kib();
  sources::SourceResult r = scan_within({tree.path("m")}, 10);
  expect_error(r, "longer than stance's limit of 16 MiB", 2 + 21);  // l21: 16 B * 2^21 = 32 MiB
  if (stance::test_bounds::kPeakMemoryIsMeaningful) { EXPECT_LT(peak_rss_kib() - before, 1024L * 1024) << "peak RSS grew by more than 1 GiB"; }
}

TEST(EvalLimits, CollectionsDoubledThroughLocalsStop) {
  TempTree tree;
  std::string text = "locals {\n  l0 = [\"x\"]\n";
  for (int i = 1; i <= 40; ++i) {
    const std::string prev = "local.l" + std::to_string(i - 1);
    text += "  l" + std::to_string(i) + " = [" + prev + ", " + prev + "]\n";
  }
  text += "  x = local.l40\n}\n";
  tree.write("m/main.tf", text + kTrail);
  // Values are copied whole (a local, each reference to it): reaching the limit copies about 4M values, ~3 s
  // of CPU; the bound is generous for a shared CI machine.
  const long before = peak_rss_kib();
  sources::SourceResult r = scan_within({tree.path("m")}, 30);
  ASSERT_NE(find_message(r.errors, "limit of 1000000 elements"), nullptr) << describe(r);
  if (stance::test_bounds::kPeakMemoryIsMeaningful) { EXPECT_LT(peak_rss_kib() - before, 1536L * 1024) << "peak RSS grew by more than 1.5 GiB"; }
}

TEST(EvalLimits, FunctionsThatMultiplyTheirInput) {
  TempTree tree;
  tree.write("m/main.tf",
             std::string("locals {\n  s = join(\"\", [for i in range(1000) : \"0123456789abcdef\"])\n"
                         "  x = [\n    replace(local.s, \"\", local.s),\n    format(\"%999999999999d\", 1),\n"
                         "    indent(100000000, join(\"\\n\", range(1000))),\n"
                         "    length(setproduct(range(1000), range(1000), range(1000))),\n  ]\n}\n") +
                 kTrail);
  sources::SourceResult r = scan_within({tree.path("m")}, 10);
  EXPECT_GE(r.errors.size(), 4u) << describe(r);
  for (int line : {4, 5, 6, 7}) {
    bool found = false;
    for (const auto& e : r.errors) found = found || (e.location.line == line && e.message.find("limit of") != std::string::npos);
    EXPECT_TRUE(found) << "line " << line << "\n" << describe(r);
  }
}

// modules/m0 calls m1 ... each `width` times; m(depth) declares the trail.
void write_module_chain(const TempTree& tree, int depth, int width) {
  for (int i = 0; i < depth; ++i) {
    tree.write("modules/m" + std::to_string(i) + "/main.tf",
               "module \"next\" {\n  source = \"../m" + std::to_string(i + 1) + "\"\n  count = " +
                   std::to_string(width) + "\n}\n");
  }
  tree.write("modules/m" + std::to_string(depth) + "/main.tf",
             "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n}\n");
  tree.write("root/main.tf", "module \"first\" {\n  source = \"../modules/m0\"\n}\n");
}

TEST(EvalLimits, ModuleDepth) {
  TempTree tree;
  write_module_chain(tree, 40, 1);
  sources::SourceResult r = scan_within({tree.path("root")}, 10, {tree.root().string()});
  expect_error(r, "limit of 32 levels", 1);
}

TEST(EvalLimits, ModuleFanOut) {
  // Three-wide and ten deep is 59,049 instances of the last module: stopped at the limit.
  TempTree tree;
  write_module_chain(tree, 10, 3);
  sources::SourceResult r = scan_within({tree.path("root")}, 10, {tree.root().string()});
  expect_error(r, "limit of 1000 module instances", 1);
}

TEST(EvalLimits, ModuleCyclesAreErrors) {
  TempTree tree;
  tree.write("a/main.tf", "module \"b\" {\n  source = \"../b\"\n}\nresource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n}\n");
  tree.write("b/main.tf", "\n\nmodule \"a\" {\n  source = \"../a\"\n}\n");
  // Scanned together, each is the other's child: without the check, nothing was read and nothing was said.
  sources::SourceResult both = scan_within({tree.path("a"), tree.path("b")}, 10, {tree.root().string()});
  const std::string cycle = tree.path("a") + " -> " + tree.path("b") + " -> " + tree.path("a");
  expect_error(both, "Module cycle; local modules call each other in a cycle: " + cycle, 3);
  EXPECT_EQ(find_message(both.errors, "Module cycle")->location.file, tree.path("b/main.tf"));
  // Entered from a root module, the same cycle in the same words, once.
  tree.write("root/main.tf", "module \"a\" {\n  source = \"../a\"\n}\n");
  sources::SourceResult from_root = scan_within({tree.path("root")}, 10, {tree.root().string()});
  expect_error(from_root, cycle, 3);
  int cycles = 0;
  for (const auto& e : from_root.errors) cycles += e.message.find("Module cycle") != std::string::npos;
  EXPECT_EQ(cycles, 1) << describe(from_root);
}

TEST(EvalAddresses, ForEachKeysAreEscaped) {
  TempTree tree;
  tree.write("m/main.tf",
             "resource \"aws_cloudtrail\" \"t\" {\n  for_each = {\"\\u001b[2J\" = 1, \"a\\nb\" = 2, \"q\\\"\" = 3}\n"
             "  name = \"t\"\n}\n");
  sources::SourceResult r = scan_within({tree.path("m")}, 10);
  ASSERT_EQ(r.trails.size(), 3u) << describe(r);
  std::set<std::string> ids;
  for (const auto& t : r.trails) {
    ids.insert(t.id);
    for (char c : t.id) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7f) << t.id;
  }
  EXPECT_TRUE(ids.count("aws_cloudtrail.t[\"\\u001b[2J\"]")) << *ids.begin();
  EXPECT_TRUE(ids.count("aws_cloudtrail.t[\"a\\nb\"]"));
  EXPECT_TRUE(ids.count("aws_cloudtrail.t[\"q\\\"\"]"));
}

TEST(EvalMessages, ValuesAreNamedByTypeNotShown) {
  TempTree tree;
  tree.write("m/secret.txt", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY");
  tree.write("m/main.tf",
             "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n"
             "  tags = { t = tonumber(base64encode(file(\"secret.txt\"))) }\n"
             "  is_multi_region_trail = file(\"secret.txt\")\n}\n");
  sources::SourceResult r = scan_within({tree.path("m")}, 10);
  const std::string all = describe(r);
  EXPECT_EQ(all.find("wJalrXUtnFEMI"), std::string::npos) << all;
  EXPECT_EQ(all.find("d0phbHJYVXRuRkVNSU"), std::string::npos) << all;
  EXPECT_NE(find_message(r.errors, "cannot convert a string to number"), nullptr) << all;
}

}  // namespace
}  // namespace stance::terraform
