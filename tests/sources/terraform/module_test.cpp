// Local child modules (data/modules/root/): inputs, count/for_each on module calls, outputs, nesting,
// remote modules, and which directories are roots.
#include <gtest/gtest.h>

#include <map>

#include "sources/file_scan.hpp"
#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform {
namespace {

using namespace testing;
using engine::Status;

std::vector<std::string> ids(const sources::SourceResult& r) {
  std::vector<std::string> out;
  for (const auto& t : r.trails) out.push_back(t.id);
  return out;
}

const std::vector<std::string> kExpected = {
    "aws_cloudtrail.from_remote",
    "module.audit.aws_cloudtrail.this",
    "module.regional[\"eu\"].aws_cloudtrail.this",
    "module.regional[\"us\"].aws_cloudtrail.this",
    "module.counted[0].aws_cloudtrail.this",
    "module.nested.module.inner.aws_cloudtrail.this",
};

TEST(Modules, AddressesWithModulePaths) {
  sources::SourceResult r = scan_data("modules/root");
  EXPECT_EQ(ids(r), kExpected) << describe(r);
  EXPECT_TRUE(r.errors.empty()) << describe(r);
}

TEST(Modules, CalledDirectoriesAreNotAlsoRoots) {
  sources::SourceResult r = scan_directories(
      {data_path("modules/root"), data_path("modules/root/modules/trail"), data_path("modules/root/modules/wrapper")},
      no_environment());
  EXPECT_EQ(ids(r), kExpected) << describe(r);
  EXPECT_EQ(r.files_scanned, 3);
}

TEST(Modules, DirectoryWalkFindsTheModules) {
  sources::FileScanOptions options;
  options.terraform = no_environment();
  options.jobs = 1;
  sources::SourceResult r = sources::scan_paths({data_path("modules")}, options);
  EXPECT_EQ(ids(r), kExpected) << describe(r);
}

// data/two_roots: envs/prod and envs/staging call modules/trail with different inputs. Its trail block is
// two trails with one address in one file; the root module tells them apart, in the model, in the finding
// and in its message.
TEST(Modules, RootsSharingAModuleAreToldApart) {
  sources::FileScanOptions options;
  options.terraform = no_environment();
  options.jobs = 1;
  sources::SourceResult r = sources::scan_paths({data_path("two_roots")}, options);
  ASSERT_TRUE(r.errors.empty()) << describe(r);
  ASSERT_EQ(r.trails.size(), 2u) << describe(r);
  const std::vector<engine::Finding> found = engine::evaluate(r.trails, engine::Config{}, builtin_kb());
  ASSERT_EQ(found.size(), 2u);
  std::map<std::string, engine::Finding> by_root;
  for (const auto& f : found) {
    EXPECT_EQ(f.resource.id, "module.trail.aws_cloudtrail.this");
    EXPECT_EQ(f.location.file, data_path("two_roots/modules/trail/main.tf"));
    by_root[f.resource.root_module] = f;
  }
  const std::string prod = data_path("two_roots/envs/prod");
  const std::string staging = data_path("two_roots/envs/staging");
  ASSERT_EQ(by_root.count(prod), 1u);
  ASSERT_EQ(by_root.count(staging), 1u);
  EXPECT_EQ(by_root[prod].status, Status::Pass);
  EXPECT_EQ(by_root[prod].location.line, 8);  // the resource: its selector is as good as the default
  EXPECT_EQ(by_root[staging].status, Status::Fail);
  EXPECT_EQ(by_root[staging].location.line, 13);  // read_write_type
  EXPECT_TRUE(by_root[staging].message.ends_with(" (root module " + staging + ")")) << by_root[staging].message;
  EXPECT_TRUE(by_root[prod].message.ends_with(" (root module " + prod + ")")) << by_root[prod].message;
}

// A trail written in its root module's own directory needs no root in its message: its file says it.
TEST(Modules, ATrailInItsRootsDirectoryKeepsItsMessage) {
  sources::SourceResult r = scan_data("modules/root");
  for (const auto& f : engine::evaluate(r.trails, engine::Config{}, builtin_kb())) {
    EXPECT_EQ(f.resource.root_module, data_path("modules/root")) << f.resource.id;
    EXPECT_EQ(f.message.find("root module"), std::string::npos) << f.message;
  }
}

TEST(Modules, InputsReachTheChild) {
  sources::SourceResult r = scan_data("modules/root");
  const model::Trail& audit = trail(r, "module.audit.aws_cloudtrail.this");
  expect_explicit(audit.name, std::string("audit"));
  EXPECT_EQ(audit.where.file, data_path("modules/root/modules/trail/main.tf"));
  EXPECT_EQ(audit.where.line, 10);
  expect_explicit((*audit.event_selectors)[0].read_write_type, model::ReadWriteType::All);  // default
  const model::Trail& eu = trail(r, "module.regional[\"eu\"].aws_cloudtrail.this");
  expect_explicit(eu.name, std::string("regional-eu"));
  expect_explicit((*eu.event_selectors)[0].read_write_type, model::ReadWriteType::ReadOnly);
  // An output of one module as the input of another.
  expect_explicit(trail(r, "module.counted[0].aws_cloudtrail.this").name, std::string("audit-copy"));
  expect_explicit(trail(r, "module.nested.module.inner.aws_cloudtrail.this").name, std::string("inner"));

  auto f = findings(r);
  EXPECT_EQ(f["module.audit.aws_cloudtrail.this"].status, Status::Pass);
  EXPECT_EQ(f["module.regional[\"eu\"].aws_cloudtrail.this"].status, Status::Fail);
  EXPECT_EQ(f["module.regional[\"us\"].aws_cloudtrail.this"].status, Status::Pass);
  EXPECT_EQ(f["module.counted[0].aws_cloudtrail.this"].status, Status::Fail);
}

TEST(Modules, RemoteModuleOutputsAreUnknown) {
  sources::SourceResult r = scan_data("modules/root");
  const model::Trail& t = trail(r, "aws_cloudtrail.from_remote");
  expect_unresolvable(t.s3_bucket_name, "module.remote.bucket is an output of a module from "
                                        "\"terraform-aws-modules/cloudtrail/aws\"");
  auto f = findings(r);
  EXPECT_EQ(f["aws_cloudtrail.from_remote"].status, Status::Unknown) << f["aws_cloudtrail.from_remote"].message;
  // Not on disk (no `terraform init`): always a warning at the call, never only a -v note.
  EXPECT_TRUE(has_message(r.warnings, "module.remote comes from \"terraform-aws-modules/cloudtrail/aws\", which is "
                                      "not on disk")) << describe(r);
}

}  // namespace
}  // namespace stance::terraform
