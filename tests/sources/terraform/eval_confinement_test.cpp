// The scan root is a boundary for the filesystem functions: absolute paths, `../`, symlinks out of the root and
// files that are not regular (FIFOs, /proc) give an unknown and a warning at the argument, never content.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "sources/terraform/eval_limits_support.hpp"

namespace stance::terraform {
namespace {

using namespace testing;
namespace fs = std::filesystem;

const char* const kSecret = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";

// A trail whose tag `t` is `expression`, written on line 3 from column 16.
std::string trail_reading(const std::string& expression) {
  return "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  tags = { t = " + expression + " }\n}\n";
}

// Nothing of the secret, in the clear or base64-encoded, anywhere in what the scan says.
void expect_no_secret(const sources::SourceResult& r) {
  const std::string all = describe(r);
  EXPECT_EQ(all.find("wJalrXUtnFEMI"), std::string::npos) << all;
  EXPECT_EQ(all.find("d0phbHJYVXRuRkVNSU"), std::string::npos) << all;  // base64 of part of it
  for (const auto& t : r.trails) {
    for (const auto& [key, value] : tags_of(t)) EXPECT_EQ(value.find("wJalrXUtnFEMI"), std::string::npos) << value;
  }
}

struct Refusal {
  std::string tag;  // the tag's value as tags_of shows it
  const engine::ScanError* warning = nullptr;
};

Refusal scan_tag(const TempTree& tree, const std::string& expression, const std::string& warning_part) {
  static sources::SourceResult keep;  // the warning pointer stays valid until the next call
  tree.write("repo/main.tf", trail_reading(expression));
  keep = scan_within({tree.path("repo")}, 10);
  expect_no_secret(keep);
  Refusal out;
  out.tag = tags_of(trail(keep, "aws_cloudtrail.t"))["t"];
  if (warning_part.empty()) {
    EXPECT_TRUE(keep.warnings.empty() && keep.errors.empty()) << describe(keep);
  } else {
    out.warning = find_message(keep.warnings, warning_part);
    EXPECT_NE(out.warning, nullptr) << describe(keep);
  }
  return out;
}

TEST(FileFunctionsConfinement, PathsOutsideTheScanRootAreUnknownWithAWarningAtTheArgument) {
  TempTree tree;
  tree.write("secret.txt", kSecret);
  tree.write("repo/inside.txt", "fine");
  const std::string absolute = tree.path("secret.txt");
  for (const std::string& call : {"file(\"" + absolute + "\")", std::string("file(\"../secret.txt\")"),
                                  std::string("filebase64(\"../secret.txt\")"),
                                  std::string("filesha256(\"${path.module}/../secret.txt\")"),
                                  std::string("fileexists(\"../secret.txt\")"),
                                  std::string("templatefile(\"../secret.txt\", {})"),
                                  std::string("file(\"~/.aws/credentials\")")}) {
    Refusal r = scan_tag(tree, call, "reads only regular files inside the scan root");
    EXPECT_NE(r.tag.find("unknown"), std::string::npos) << call << ": " << r.tag;
    ASSERT_NE(r.warning, nullptr) << call;
    const std::string function = call.substr(0, call.find('('));
    EXPECT_NE(r.warning->message.find(function + "()"), std::string::npos) << r.warning->message;
    EXPECT_EQ(r.warning->location.line, 3);
    EXPECT_EQ(r.warning->location.column, 16 + static_cast<int>(function.size()) + 1) << call;  // the argument
    EXPECT_EQ(r.warning->message.find("secret.txt"), std::string::npos) << "the path is not shown";
  }
  // Inside the root, the same functions read.
  EXPECT_EQ(scan_tag(tree, "file(\"inside.txt\")", "").tag, "fine");
}

TEST(FileFunctionsConfinement, SymlinksAreResolvedBeforeTheCheck) {
  TempTree tree;
  tree.write("secret.txt", kSecret);
  tree.write("outside/deep.txt", kSecret);
  tree.write("repo/real.txt", "inside");
  fs::create_symlink(tree.path("secret.txt"), tree.path("repo/out.txt"));
  fs::create_symlink("../outside", tree.path("repo/outdir"));
  fs::create_symlink("real.txt", tree.path("repo/alias.txt"));
  EXPECT_NE(scan_tag(tree, "file(\"out.txt\")", "is outside the scan root").tag.find("unknown"), std::string::npos);
  EXPECT_NE(scan_tag(tree, "file(\"outdir/deep.txt\")", "is outside the scan root").tag.find("unknown"),
            std::string::npos);
  EXPECT_EQ(scan_tag(tree, "file(\"alias.txt\")", "").tag, "inside");  // a link within the root is fine
}

TEST(FileFunctionsConfinement, NonRegularFilesAreNotRead) {
  TempTree tree;
  tree.write("repo/main.tf", "");
  ASSERT_EQ(::mkfifo(tree.path("repo/fifo").c_str(), 0600), 0);
  // A FIFO would block a reader forever: refused at once.
  EXPECT_NE(scan_tag(tree, "file(\"fifo\")", "is not a regular file").tag.find("unknown"), std::string::npos);
  EXPECT_NE(scan_tag(tree, "file(\".\")", "is not a regular file").tag.find("unknown"), std::string::npos);
  // /proc/self/environ holds the job's credentials; a /proc file is refused even when the scan root holds /proc.
  tree.write("repo/main.tf", trail_reading("file(\"/proc/self/environ\")"));
  sources::SourceResult r = scan_within({tree.path("repo")}, 10, {"/"});
  EXPECT_NE(find_message(r.warnings, "is not a regular file"), nullptr) << describe(r);
  EXPECT_NE(tags_of(trail(r, "aws_cloudtrail.t"))["t"].find("unknown"), std::string::npos);
}

TEST(FileFunctionsConfinement, TheScanRootIsThePathGivenNotTheModule) {
  TempTree tree;
  tree.write("repo/policies/p.txt", "shared");
  tree.write("repo/infra/main.tf", trail_reading("file(\"../policies/p.txt\")"));
  sources::SourceResult given_repo = scan_within({tree.path("repo/infra")}, 10, {tree.path("repo")});
  EXPECT_EQ(tags_of(trail(given_repo, "aws_cloudtrail.t"))["t"], "shared") << describe(given_repo);
  sources::SourceResult given_infra = scan_within({tree.path("repo/infra")}, 10);
  EXPECT_NE(find_message(given_infra.warnings, "is outside the scan root"), nullptr) << describe(given_infra);
}

TEST(FileFunctionsConfinement, FilesetListsOnlyRegularFilesInsideTheRoot) {
  TempTree tree;
  tree.write("outside/secret.txt", kSecret);
  tree.write("repo/a.txt", "a");
  fs::create_symlink("../outside", tree.path("repo/outdir"));
  fs::create_symlink("../outside/secret.txt", tree.path("repo/out.txt"));
  fs::create_symlink("a.txt", tree.path("repo/alias.txt"));
  EXPECT_EQ(scan_tag(tree, "join(\",\", fileset(path.module, \"**\"))", "").tag, "a.txt,alias.txt,main.tf");
  EXPECT_NE(scan_tag(tree, "fileset(\"/\", \"**\")", "fileset() reads only").tag.find("unknown"), std::string::npos);
  Refusal up = scan_tag(tree, "fileset(path.module, \"../outside/*\")", "fileset() reads only");
  EXPECT_NE(up.tag.find("unknown"), std::string::npos);
  ASSERT_NE(up.warning, nullptr);
  EXPECT_EQ(up.warning->location.column, 37);  // the pattern is what leaves the root
}

TEST(FileFunctionsConfinement, FilesetResultsAreCached) {
  // 1,000 identical walks of a tree would take minutes; cached, the first walk answers them all.
  TempTree tree;
  for (int i = 0; i < 300; ++i) tree.write("repo/d" + std::to_string(i % 10) + "/f" + std::to_string(i) + ".txt", "x");
  tree.write("repo/main.tf", "locals {\n  n = [for i in range(1000) : length(fileset(path.module, \"**\"))]\n}\n" +
                                 trail_reading("tostring(sum(local.n))"));
  sources::SourceResult r = scan_within({tree.path("repo")}, 10);
  EXPECT_EQ(tags_of(trail(r, "aws_cloudtrail.t"))["t"], "301000") << describe(r);
}

}  // namespace
}  // namespace stance::terraform
