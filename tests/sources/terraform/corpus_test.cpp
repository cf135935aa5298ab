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
    }
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
