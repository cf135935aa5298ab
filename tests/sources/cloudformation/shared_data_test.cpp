// Real templates from the shared folder (skipped when it is absent): the corpus never crashes the reader,
// the seed article's templates give the expected trail, and peers' CloudTrail fixtures load cleanly.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "sources/cloudformation/helpers.hpp"

namespace stance::sources::cloudformation {
namespace {

namespace fs = std::filesystem;
using namespace testing;

fs::path shared(const std::string& sub) { return fs::path(STANCE_SHARED_DIR) / sub; }

std::vector<std::string> candidates_under(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && is_candidate(entry.path())) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(SharedCorpus, EveryFileIsScannedSkippedOrReportedWithAPosition) {
  const fs::path corpus = shared("corpus/cloudformation");
  if (!fs::exists(corpus)) GTEST_SKIP() << "shared corpus not found at " << corpus;
  const std::vector<std::string> files = candidates_under(corpus);
  ASSERT_GT(files.size(), 300u);
  int scanned = 0;
  for (const auto& file : files) {
    SourceResult r = scan_file(file, {});
    EXPECT_TRUE(r.files_scanned == 1 || !r.notes.empty()) << file << "\n" << describe(r);
    scanned += r.files_scanned;
    for (const auto& e : r.errors) {
      EXPECT_EQ(e.location.file, file) << e.message;
      EXPECT_EQ(e.message.find("internal error"), std::string::npos) << file << ": " << e.message;
      if (e.message.rfind("not valid", 0) == 0) {
        EXPECT_GT(e.location.line, 0) << file << ": " << e.message;
        EXPECT_GT(e.location.column, 0) << file << ": " << e.message;
      }
    }
  }
  EXPECT_GT(scanned, 400);
}

// The seed article's templates: one trail `Trail`, management events explicitly on for read and write, one
// S3 data resource.
void expect_seed_trail(const SourceResult& r) {
  ASSERT_EQ(r.trails.size(), 1u) << describe(r);
  const model::Trail& t = trail(r, "Trail");
  expect_unresolvable(t.name, "parameter TrailName has no value");
  expect_explicit(t.is_logging, true);
  ASSERT_TRUE(t.event_selectors.is_explicit());
  ASSERT_EQ(t.event_selectors->size(), 1u);
  const model::EventSelector& sel = (*t.event_selectors)[0];
  expect_explicit(sel.include_management_events, true);
  expect_explicit(sel.read_write_type, model::ReadWriteType::All);
  ASSERT_EQ(sel.data_resources.size(), 1u);
  expect_explicit(sel.data_resources[0].type, std::string("AWS::S3::Object"));
  expect_explicit(sel.data_resources[0].values, std::vector<std::string>{"arn:aws:s3"});
  EXPECT_TRUE(t.advanced_event_selectors.is_defaulted());
}

TEST(SeedTemplates, Yaml) {
  const fs::path file = shared("seed/ct010-template.yaml");
  if (!fs::exists(file)) GTEST_SKIP() << "seed template not found at " << file;
  SourceResult r = scan_file(file.string(), {});
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_TRUE(r.warnings.empty()) << describe(r);
  expect_seed_trail(r);
  const model::Trail& t = trail(r, "Trail");
  expect_at(t.where, 11, 3);
  expect_at((*t.event_selectors)[0].include_management_events, 23, 11);
  expect_at((*t.event_selectors)[0].read_write_type, 24, 11);
}

TEST(SeedTemplates, JsonWithTrailingCommas) {
  const fs::path file = shared("seed/ct010-template.json");
  if (!fs::exists(file)) GTEST_SKIP() << "seed template not found at " << file;
  SourceResult r = scan_file(file.string(), {});
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  ASSERT_EQ(r.warnings.size(), 1u) << describe(r);
  expect_at(r.warnings[0].location, 34, 57);
  EXPECT_NE(r.warnings[0].message.find("read as YAML as CloudFormation does"), std::string::npos);
  expect_seed_trail(r);
  expect_at((*trail(r, "Trail").event_selectors)[0].include_management_events, 37, 25);
}

TEST(SeedTemplates, ParametersFillTheName) {
  const fs::path file = shared("seed/ct010-template.yaml");
  if (!fs::exists(file)) GTEST_SKIP() << "seed template not found at " << file;
  Options options;
  options.parameters = {{"TrailName", "management-events"}, {"BucketName", "logs"}};
  SourceResult r = scan_file(file.string(), options);
  expect_explicit(trail(r, "Trail").name, std::string("management-events"));
  expect_explicit(trail(r, "Trail").s3_bucket_name, std::string("logs"));
  expect_unresolvable(trail(r, "Trail").s3_key_prefix, "parameter S3BucketKeyPrefix has no value");
}

TEST(PeerFixtures, EveryCloudFormationFixtureLoadsWithoutError) {
  const fs::path peers = shared("testdata/peers");
  if (!fs::exists(peers)) GTEST_SKIP() << "peer fixtures not found at " << peers;
  int templates = 0;
  int trails = 0;
  for (const auto& file : candidates_under(peers)) {
    SourceResult r = scan_file(file, {});
    EXPECT_TRUE(r.errors.empty()) << file << "\n" << describe(r);
    templates += r.files_scanned;
    trails += static_cast<int>(r.trails.size());
  }
  EXPECT_GE(templates, 40);
  EXPECT_GE(trails, 50);
}

}  // namespace
}  // namespace stance::sources::cloudformation
