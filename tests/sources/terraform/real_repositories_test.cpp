// Patterns of real repositories (issue 12), each a small reproduction written to a temporary directory:
// cloudposse's `count = module.this.enabled ? 1 : 0`, registry and git modules installed by `terraform init`
// (.terraform/modules/modules.json) or missing, file paths as the user reaches them, and a module's dynamic
// block fed by its caller's argument (plus3it's tests/advanced_event_selector).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "sources/file_scan.hpp"
#include "sources/terraform/eval_limits_support.hpp"

namespace stance::terraform {
namespace {

using namespace testing;
using engine::Status;

sources::SourceResult walk(const std::string& path) {
  sources::FileScanOptions options;
  options.terraform = no_environment();
  options.jobs = 1;
  return sources::scan_paths({path}, options);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Runs `body` with the current directory set to `dir`, and restores it.
template <class Body>
void in_directory(const std::filesystem::path& dir, Body body) {
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  body();
  std::filesystem::current_path(before);
}

// ---- 1. an unknown count / for_each does not hide a decided verdict ----

const char* const kCountedTrails = R"(module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
}

variable "enabled" {
  type = bool
}

variable "names" {
  type = set(string)
}

variable "selectors" {
  type = map(string)
}

resource "aws_cloudtrail" "default" {
  count          = module.this.enabled ? 1 : 0
  name           = module.this.id
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = "ReadOnly"
  }
}

resource "aws_cloudtrail" "defaults" {
  count          = var.enabled ? 1 : 0
  name           = "t-${count.index}"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "each_name" {
  for_each       = var.names
  name           = each.key
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = "WriteOnly"
  }
}

resource "aws_cloudtrail" "reads_index" {
  count          = var.enabled ? 2 : 0
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = ["All", "ReadOnly"][count.index]
  }
}

resource "aws_cloudtrail" "reads_each" {
  for_each       = var.selectors
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = each.value
  }
}

module "wrapped" {
  source  = "./trail"
  count   = var.enabled ? 1 : 0
}
)";

const char* const kWrappedTrail = R"(resource "aws_cloudtrail" "this" {
  name           = "wrapped"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = false
  }
}
)";

TEST(Expansion, UnknownCountKeepsADecidedVerdictWithANote) {
  TempTree tree;
  tree.write("main.tf", kCountedTrails);
  tree.write("trail/main.tf", kWrappedTrail);
  sources::SourceResult r = scan_directories({tree.path(".")}, no_environment());
  auto f = findings(r);

  // cloudposse: the count reads a registry module that is not on disk; the selectors are literals.
  EXPECT_EQ(f["aws_cloudtrail.default"].status, Status::Fail) << describe(r);
  EXPECT_TRUE(contains(f["aws_cloudtrail.default"].message, "records only read management events"))
      << f["aws_cloudtrail.default"].message;
  EXPECT_TRUE(contains(f["aws_cloudtrail.default"].message,
                       "the number of instances of aws_cloudtrail.default is known only at apply"))
      << f["aws_cloudtrail.default"].message;
  EXPECT_TRUE(contains(f["aws_cloudtrail.default"].message, "module.this.enabled")) << f["aws_cloudtrail.default"].message;

  // `count = var.enabled ? 1 : 0` with the variable unset; count.index is read only by the name.
  EXPECT_EQ(f["aws_cloudtrail.defaults"].status, Status::Pass) << f["aws_cloudtrail.defaults"].message;
  EXPECT_TRUE(contains(f["aws_cloudtrail.defaults"].message, "known only at apply"))
      << f["aws_cloudtrail.defaults"].message;
  EXPECT_TRUE(contains(f["aws_cloudtrail.defaults"].message, "var.enabled")) << f["aws_cloudtrail.defaults"].message;

  // for_each over an unknown collection whose body reads `each` only for the name.
  EXPECT_EQ(f["aws_cloudtrail.each_name"].status, Status::Fail) << f["aws_cloudtrail.each_name"].message;
  EXPECT_TRUE(contains(f["aws_cloudtrail.each_name"].message, "known only at apply"));

  // A deciding value that reads count.index or each stays unknown.
  EXPECT_EQ(f["aws_cloudtrail.reads_index"].status, Status::Unknown) << f["aws_cloudtrail.reads_index"].message;
  EXPECT_EQ(f["aws_cloudtrail.reads_each"].status, Status::Unknown) << f["aws_cloudtrail.reads_each"].message;

  // A module call with an unknown count: the module's trail, addressed without an instance key.
  EXPECT_EQ(f["module.wrapped.aws_cloudtrail.this"].status, Status::Fail) << describe(r);
  EXPECT_TRUE(contains(f["module.wrapped.aws_cloudtrail.this"].message, "known only at apply"));

  std::vector<std::string> ids;
  for (const auto& t : r.trails) ids.push_back(t.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"aws_cloudtrail.default", "aws_cloudtrail.defaults",
                                           "aws_cloudtrail.each_name", "aws_cloudtrail.reads_index",
                                           "aws_cloudtrail.reads_each", "module.wrapped.aws_cloudtrail.this"}));
  EXPECT_TRUE(r.errors.empty()) << describe(r);
}

TEST(Expansion, AnInvalidCountIsStillAnError) {
  TempTree tree;
  tree.write("main.tf", R"(resource "aws_cloudtrail" "bad" {
  count          = "many"
  s3_bucket_name = "logs"
}
)");
  sources::SourceResult r = scan_directories({tree.path(".")}, no_environment());
  EXPECT_TRUE(has_message(r.errors, "Invalid count argument", 2)) << describe(r);
  EXPECT_EQ(findings(r)["aws_cloudtrail.bad"].status, Status::Error);
}

// ---- 2. registry and git modules after `terraform init` ----

const char* const kManifest = R"({"Modules":[{"Key":"","Source":"","Dir":"."},
{"Key":"cloudtrail","Source":"registry.terraform.io/cloudposse/cloudtrail/aws","Version":"0.24.0","Dir":".terraform/modules/cloudtrail"},
{"Key":"cloudtrail.this","Source":"registry.terraform.io/cloudposse/label/null","Version":"0.25.0","Dir":".terraform/modules/cloudtrail.this"},
{"Key":"kms","Source":"git::https://github.com/example/kms.git?ref=2.0.0","Dir":".terraform/modules/kms/modules/key"}]}
)";

// The layout `terraform init` leaves: a root that only calls remote modules, and their copies.
void write_initialised_root(const TempTree& tree) {
  tree.write("root/main.tf", R"(module "cloudtrail" {
  source  = "cloudposse/cloudtrail/aws"
  version = "0.24.0"

  enabled        = true
  s3_bucket_name = "logs"
}

module "kms" {
  source = "git::https://github.com/example/kms.git?ref=2.0.0"
}
)");
  tree.write("root/.terraform/modules/modules.json", kManifest);
  tree.write("root/.terraform/modules/cloudtrail/main.tf", R"(module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  enabled = var.enabled
}

variable "enabled" {
  type = bool
}

variable "s3_bucket_name" {
  type = string
}

resource "aws_cloudtrail" "default" {
  count          = module.this.enabled ? 1 : 0
  name           = "${path.module}:${trimspace(file("${path.module}/name.txt"))}"
  s3_bucket_name = var.s3_bucket_name

  event_selector {
    read_write_type = "WriteOnly"
  }
}
)");
  tree.write("root/.terraform/modules/cloudtrail/name.txt", "audit\n");
  tree.write("root/.terraform/modules/cloudtrail.this/main.tf", R"(variable "enabled" {
  type = bool
}

output "enabled" {
  value = var.enabled
}
)");
  tree.write("root/.terraform/modules/kms/modules/key/main.tf", R"(resource "aws_cloudtrail" "git" {
  s3_bucket_name = "logs"
}
)");
}

TEST(Modules, RemoteModulesAreReadWhereTerraformInitPutThem) {
  TempTree tree;
  write_initialised_root(tree);
  sources::SourceResult r = walk(tree.path("root"));
  auto f = findings(r);
  const std::string id = "module.cloudtrail.aws_cloudtrail.default[0]";
  ASSERT_NE(find_trail(r, id), nullptr) << describe(r);
  EXPECT_EQ(f[id].status, Status::Fail) << f[id].message;
  EXPECT_TRUE(contains(f[id].message, "records only write management events")) << f[id].message;
  // path.module is the installed directory, relative to the root, and file() reads there.
  expect_explicit(trail(r, id).name, std::string(".terraform/modules/cloudtrail:audit"));
  expect_explicit(trail(r, id).s3_bucket_name, std::string("logs"));
  EXPECT_EQ(std::string(trail(r, id).where.file.view()), tree.path("root/.terraform/modules/cloudtrail/main.tf"));
  // A git module installed with a subdirectory (//modules/key).
  EXPECT_EQ(f["module.kms.aws_cloudtrail.git"].status, Status::Pass) << describe(r);
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_TRUE(r.warnings.empty()) << describe(r);
}

TEST(Modules, AnInstalledModuleStaysInsideTheScanRoot) {
  TempTree tree;
  write_initialised_root(tree);
  tree.write("secret.txt", "outside");
  tree.write("root/.terraform/modules/cloudtrail/name.txt", "");
  std::filesystem::remove(tree.path("root/.terraform/modules/cloudtrail/name.txt"));
  std::filesystem::create_symlink(tree.path("secret.txt"), tree.path("root/.terraform/modules/cloudtrail/name.txt"));
  sources::SourceResult r = walk(tree.path("root"));
  const model::Trail& t = trail(r, "module.cloudtrail.aws_cloudtrail.default[0]");
  EXPECT_FALSE(t.name.known()) << *t.name;
  const engine::ScanError* refused = find_message(r.warnings, "Path not read; file() reads only regular files inside "
                                                             "the scan root");
  ASSERT_NE(refused, nullptr) << describe(r);
  EXPECT_EQ(std::string(refused->location.file.view()), tree.path("root/.terraform/modules/cloudtrail/main.tf"));
  EXPECT_EQ(refused->location.line, 17);
}

TEST(Modules, AManifestCannotLeadOutOfDotTerraform) {
  TempTree tree;
  tree.write("root/main.tf", "module \"escape\" {\n  source = \"example/escape/aws\"\n}\n\nmodule \"linked\" {\n"
                             "  source = \"example/linked/aws\"\n}\n");
  tree.write("root/.terraform/modules/modules.json",
             R"({"Modules":[{"Key":"escape","Source":"registry.terraform.io/example/escape/aws","Dir":"../outside"},
{"Key":"linked","Source":"registry.terraform.io/example/linked/aws","Dir":".terraform/modules/linked"}]})");
  tree.write("outside/main.tf", "resource \"aws_cloudtrail\" \"outside\" {\n  s3_bucket_name = \"x\"\n}\n");
  std::filesystem::create_directories(tree.path("root/.terraform/modules"));
  std::filesystem::create_directory_symlink(tree.path("outside"), tree.path("root/.terraform/modules/linked"));
  sources::SourceResult r = walk(tree.path("root"));
  EXPECT_TRUE(r.trails.empty()) << describe(r);
  const engine::ScanError* escape = find_message(r.warnings, "module.escape comes from \"example/escape/aws\"");
  ASSERT_NE(escape, nullptr) << describe(r);
  EXPECT_TRUE(contains(escape->message, "outside")) << escape->message;
  EXPECT_EQ(escape->location.line, 1);
  const engine::ScanError* linked = find_message(r.warnings, "module.linked comes from");
  ASSERT_NE(linked, nullptr) << describe(r);
  EXPECT_TRUE(contains(linked->message, "symlink")) << linked->message;
}

// lablabs: a root module that consists only of a registry module, never initialised.
TEST(Modules, AMissingRemoteModuleIsAlwaysAWarning) {
  TempTree tree;
  tree.write("root/cloudtrail.tf", R"(module "cloudtrail" {
  source  = "cloudposse/cloudtrail/aws"
  version = "0.22.0"
}
)");
  tree.write("root/wrapper/main.tf", R"(module "inner" {
  source = "git::https://example.com/inner.git"
}
)");
  tree.write("root/main.tf", "module \"wrapper\" {\n  source = \"./wrapper\"\n  count  = 2\n}\n");
  sources::SourceResult r = walk(tree.path("root"));
  EXPECT_TRUE(r.trails.empty()) << describe(r);
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  const engine::ScanError* w = find_message(r.warnings, "module.cloudtrail comes from \"cloudposse/cloudtrail/aws\"");
  ASSERT_NE(w, nullptr) << describe(r);
  EXPECT_TRUE(contains(w->message, "not on disk")) << w->message;
  EXPECT_TRUE(contains(w->message, "terraform init")) << w->message;
  EXPECT_EQ(std::string(w->location.file.view()), tree.path("root/cloudtrail.tf"));
  EXPECT_EQ(w->location.line, 1);
  // A nested one, named by its module path, once however many instances its caller has.
  int inner = 0;
  for (const auto& e : r.warnings) inner += contains(e.message, "module.wrapper.module.inner comes from") ? 1 : 0;
  EXPECT_EQ(inner, 1) << describe(r);
}

// clouddrove: three example roots call one module, which calls registry modules: one warning per call.
TEST(Modules, AMissingModuleSharedByRootsIsOneWarningNamingThem) {
  TempTree tree;
  tree.write("repo/main.tf", "module \"labels\" {\n  source = \"clouddrove/labels/aws\"\n}\n");
  tree.write("repo/examples/a/main.tf", "module \"trail\" {\n  source = \"../../\"\n}\n");
  tree.write("repo/examples/b/main.tf", "module \"trail\" {\n  source = \"../../\"\n}\n");
  sources::SourceResult r = walk(tree.path("repo"));
  ASSERT_EQ(r.warnings.size(), 1u) << describe(r);
  const std::string& message = r.warnings.front().message;
  EXPECT_TRUE(contains(message, "module.trail.module.labels comes from \"clouddrove/labels/aws\"")) << message;
  EXPECT_TRUE(contains(message, "no .terraform/modules/modules.json in " + tree.path("repo/examples/a") + ", " +
                                    tree.path("repo/examples/b") + ";"))
      << message;
  EXPECT_TRUE(contains(message, "Run `terraform init` there")) << message;
}

TEST(Modules, AModuleTheManifestDoesNotListIsAWarning) {
  TempTree tree;
  write_initialised_root(tree);
  tree.write("root/extra.tf", "module \"added_later\" {\n  source = \"example/new/aws\"\n}\n");
  sources::SourceResult r = walk(tree.path("root"));
  const engine::ScanError* w = find_message(r.warnings, "module.added_later comes from \"example/new/aws\"");
  ASSERT_NE(w, nullptr) << describe(r);
  EXPECT_TRUE(contains(w->message, "does not list it")) << w->message;
  EXPECT_NE(find_trail(r, "module.cloudtrail.aws_cloudtrail.default[0]"), nullptr) << describe(r);
}

TEST(Modules, ABrokenManifestIsAWarningAtItsPosition) {
  TempTree tree;
  tree.write("root/main.tf", "module \"cloudtrail\" {\n  source = \"cloudposse/cloudtrail/aws\"\n}\n");
  tree.write("root/.terraform/modules/modules.json", "{\"Modules\": [\n  {\"Key\": \"cloudtrail\",,}\n]}\n");
  sources::SourceResult r = walk(tree.path("root"));
  const engine::ScanError* broken = find_message(r.warnings, "cannot read");
  ASSERT_NE(broken, nullptr) << describe(r);
  EXPECT_EQ(broken->location.line, 2) << describe(r);
  EXPECT_NE(find_message(r.warnings, "module.cloudtrail comes from"), nullptr) << describe(r);
}

// ---- 3. paths as the user reaches them ----

TEST(TerraformPaths, NoDotSlashInFilesOrRootsAsForCloudFormation) {
  TempTree tree;
  tree.write("repo/main.tf", "resource \"aws_cloudtrail\" \"top\" {\n  s3_bucket_name = \"x\"\n}\n");
  tree.write("repo/modules/trail/main.tf", "resource \"aws_cloudtrail\" \"this\" {\n  s3_bucket_name = \"x\"\n}\n");
  tree.write("repo/tests/basic/main.tf", "module \"trail\" {\n  source = \"../../modules/trail\"\n}\n");
  tree.write("repo/tests/root/main.tf", "module \"top\" {\n  source = \"../../\"\n}\n");
  tree.write("repo/cfn/trail.yaml", "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                                    "      IsLogging: true\n      S3BucketName: logs\n");
  in_directory(tree.path("repo"), [] {
    sources::SourceResult r = walk(".");
    ASSERT_EQ(r.trails.size(), 3u) << describe(r);
    for (const auto& t : r.trails) {
      if (t.source == model::SourceKind::CloudFormation) {  // the same form for every source
        EXPECT_EQ(std::string(t.where.file.view()), "cfn/trail.yaml");
        continue;
      }
      const std::string file(t.where.file.view());
      EXPECT_FALSE(file.starts_with("./")) << file;
      EXPECT_FALSE(t.root_module.starts_with("./")) << t.root_module;
      if (t.id == "module.trail.aws_cloudtrail.this") {
        EXPECT_EQ(file, "modules/trail/main.tf");
        EXPECT_EQ(t.root_module, "tests/basic");
      } else {
        EXPECT_EQ(t.id, "module.top.aws_cloudtrail.top");
        EXPECT_EQ(file, "main.tf");
        EXPECT_EQ(t.root_module, "tests/root");
      }
    }
  });
}

// ---- 4. a deciding value from a module argument names the caller's line ----

TEST(Modules, AValueFromAModuleArgumentNamesTheCallersLine) {
  TempTree tree;
  tree.write("repo/main.tf", R"(variable "advanced_event_selectors" {
  type    = list(any)
  default = []
}

resource "aws_cloudtrail" "this" {
  s3_bucket_name = "logs"

  dynamic "advanced_event_selector" {
    for_each = var.advanced_event_selectors
    content {
      name = try(advanced_event_selector.value.name, null)

      dynamic "field_selector" {
        for_each = try(advanced_event_selector.value.field_selectors, [])
        content {
          field  = try(field_selector.value.field, null)
          equals = try(field_selector.value.equals, null)
        }
      }
    }
  }
}
)");
  tree.write("repo/tests/advanced_event_selector/main.tf", R"(module "advanced_event_selector" {
  source = "../../"

  advanced_event_selectors = [
    {
      name = "S3EventSelector"
      field_selectors = [
        {
          field  = "eventCategory"
          equals = ["Data"]
        },
      ]
    },
  ]
}
)");
  in_directory(tree.path("repo"), [] {
    sources::SourceResult r = walk(".");
    auto f = findings(r);
    const engine::Finding& finding = f["module.advanced_event_selector.aws_cloudtrail.this"];
    EXPECT_EQ(finding.status, Status::Fail) << describe(r);
    EXPECT_EQ(std::string(finding.location.file.view()), "main.tf");
    EXPECT_EQ(finding.location.line, 11);
    EXPECT_TRUE(contains(finding.message, "set by module.advanced_event_selector argument advanced_event_selectors "
                                          "at tests/advanced_event_selector/main.tf:4"))
        << finding.message;
  });
}

}  // namespace
}  // namespace stance::terraform
