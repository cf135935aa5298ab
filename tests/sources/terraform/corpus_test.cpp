// Real-world Terraform: every .tf file of the shared corpus and the CT-010 seed parses without error; the
// peers' fixtures (some deliberately broken) parse or fail with a positioned error, never crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/hcl_dump.hpp"

namespace fs = std::filesystem;
using stance::hcl::parse;

namespace {

const fs::path kShared = STANCE_SHARED_DIR;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<fs::path> tf_files(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".tf") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool before(const stance::hcl::Pos& a, const stance::hcl::Pos& b) {
  return a.line < b.line || (a.line == b.line && a.column <= b.column);
}

// Every node's range is well formed and lies inside its parent's; returns the first violation, or "".
class RangeChecker {
 public:
  std::string problem;

  void body(const stance::hcl::Body& b, const stance::hcl::Range& parent) {
    for (const auto& a : b.attributes) {
      inside(a.range, parent, "attribute " + a.name);
      inside(a.name_range, a.range, "attribute name " + a.name);
      expr(*a.value, a.range);
    }
    for (const auto& block : b.blocks) {
      inside(block.range, parent, "block " + block.type);
      inside(block.type_range, block.range, "block type " + block.type);
      for (const auto& label : block.labels) inside(label.range, block.range, "label " + label.value);
      inside(block.body.range, block.range, "block body " + block.type);
      body(block.body, block.body.range);
    }
  }

 private:
  void inside(const stance::hcl::Range& r, const stance::hcl::Range& parent, const std::string& what) {
    if (!problem.empty()) return;
    if (r.start.line < 1 || r.start.column < 1 || !before(r.start, r.end) || !before(parent.start, r.start) ||
        !before(r.end, parent.end)) {
      problem = what + " at " + stance::hcl::testing::range_string(r) + " is not inside " +
                stance::hcl::testing::range_string(parent);
    }
  }

  void parts(const std::vector<stance::hcl::TemplatePart>& ps, const stance::hcl::Range& parent) {
    for (const auto& p : ps) {
      inside(p.range, parent, "template part");
      if (p.expr) expr(*p.expr, p.range);
      if (p.directive) {
        parts(p.directive->body, p.range);
        parts(p.directive->else_body, p.range);
      }
    }
  }

  void expr(const stance::hcl::Expression& e, const stance::hcl::Range& parent) {
    inside(e.range, parent, "expression " + stance::hcl::testing::dump(e).substr(0, 60));
    for (const auto* child : {&e.source, &e.key, &e.each, &e.condition, &e.lhs, &e.rhs}) {
      if (*child) expr(**child, e.range);
    }
    for (const auto& item : e.items) expr(*item, e.range);
    for (const auto& item : e.object_items) {
      expr(*item.key, e.range);
      expr(*item.value, e.range);
    }
    parts(e.parts, e.range);
  }
};

}  // namespace

TEST(HclCorpus, EveryCorpusFileParses) {
  const fs::path root = kShared / "corpus" / "terraform";
  if (!fs::exists(root)) GTEST_SKIP() << "no shared Terraform corpus at " << root;
  const auto files = tf_files(root);
  ASSERT_GT(files.size(), 100u);
  int failures = 0;
  for (const fs::path& file : files) {
    const auto result = parse(read(file), file.string());
    if (!result.ok()) {
      ++failures;
      ADD_FAILURE() << result.errors.front().to_string();
      continue;
    }
    RangeChecker checker;
    checker.body(*result.body, result.body->range);
    EXPECT_EQ(checker.problem, "") << file;
  }
  EXPECT_EQ(failures, 0) << "of " << files.size() << " files";
}

TEST(HclCorpus, SeedConfigurationParses) {
  const fs::path file = kShared / "seed" / "ct010-terraform" / "main.tf";
  if (!fs::exists(file)) GTEST_SKIP() << "no shared seed at " << file;
  const auto result = parse(read(file), file.string());
  ASSERT_TRUE(result.ok()) << result.errors.front().to_string();
  EXPECT_FALSE(result.body->blocks.empty());
}

TEST(HclCorpus, PeerFixturesParseOrFailWithAPosition) {
  const fs::path root = kShared / "testdata" / "peers";
  if (!fs::exists(root)) GTEST_SKIP() << "no shared peer fixtures at " << root;
  const auto files = tf_files(root);
  ASSERT_FALSE(files.empty());
  int parsed = 0;
  for (const fs::path& file : files) {
    const auto result = parse(read(file), file.string());
    if (result.ok()) {
      ++parsed;
      continue;
    }
    const auto& error = result.errors.front();
    EXPECT_GE(error.pos.line, 1u) << error.to_string();
    EXPECT_GE(error.pos.column, 1u) << error.to_string();
    EXPECT_FALSE(error.summary.empty()) << file;
    std::cout << "  (expected for broken fixtures) " << error.to_string() << "\n";
  }
  std::cout << "  " << parsed << " of " << files.size() << " peer .tf files parse\n";
}
