// Local child modules (data/modules/root/): inputs, count/for_each on module calls, outputs, nesting,
// remote modules, and which directories are roots.
#include <gtest/gtest.h>

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
  bool noted = false;
  for (const auto& n : r.notes) noted = noted || n.find("module.remote comes from") != std::string::npos;
  EXPECT_TRUE(noted) << describe(r);
}

}  // namespace
}  // namespace stance::terraform
