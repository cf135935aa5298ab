// `stance fix --write` on a tree an attacker (or a careless colleague) wrote: it edits only inside the
// paths it was given after resolving symlinks, each real file at most once however it was reached, keeps
// the file's mode and line endings, writes atomically, and never reports "applied" for a file that changed
// after it was read. Also the exit codes that must not look like success.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"
#include "fix/apply_template_fixes.hpp"
#include "kb/knowledge_base.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome stance(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = cli::run(args, cli::Streams{out, err, false, false});
  return {code, out.str(), err.str()};
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("stance-fixsafe-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

const std::string kFailing =
    "AWSTemplateFormatVersion: '2010-09-09'\n"
    "Resources:\n"
    "  AuditTrail:\n"
    "    Type: AWS::CloudTrail::Trail\n"
    "    Properties:\n"
    "      IsLogging: true\n"
    "      S3BucketName: logs\n"
    "      EventSelectors:\n"
    "        - ReadWriteType: ReadOnly\n"
    "          IncludeManagementEvents: true\n";

// A fix whose edit inserts lines: the trail records no management events, and the planner adds a selector.
const std::string kDataOnly =
    "AWSTemplateFormatVersion: '2010-09-09'\n"
    "Resources:\n"
    "  DataTrail:\n"
    "    Type: AWS::CloudTrail::Trail\n"
    "    Properties:\n"
    "      IsLogging: true\n"
    "      S3BucketName: logs\n"
    "      EventSelectors:\n"
    "        - ReadWriteType: All\n"
    "          IncludeManagementEvents: false\n"
    "          DataResources:\n"
    "            - Type: AWS::S3::Object\n"
    "              Values: [\"arn:aws:s3:::bucket/\"]\n";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(FixWrite, ASymlinkPointingOutsideTheTreeIsSkippedWithTheReason) {
  TempDir outside, tree;
  write(outside.path() / "victim.yaml", kFailing);
  fs::create_symlink(outside.path() / "victim.yaml", tree.path() / "link.yaml");
  Outcome r = stance({"fix", tree.str(), "--write", "--no-config"});
  EXPECT_EQ(read(outside.path() / "victim.yaml"), kFailing) << "a file outside the tree was edited";
  EXPECT_NE(r.out.find("skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("outside the paths given to stance fix"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 applied"), std::string::npos) << r.out;
}

TEST(FixWrite, ATerraformModuleOutsideTheTreeIsNotEdited) {
  TempDir outside, tree;
  const std::string module = "resource \"aws_cloudtrail\" \"t\" {\n  name           = \"t\"\n"
                             "  s3_bucket_name = \"b\"\n  event_selector {\n    read_write_type = \"ReadOnly\"\n  }\n}\n";
  write(outside.path() / "mod" / "main.tf", module);
  write(tree.path() / "main.tf", "module \"m\" {\n  source = \"" + (outside.path() / "mod").string() + "\"\n}\n");
  Outcome r = stance({"fix", tree.str(), "--write", "--no-config", "--format", "json"});
  EXPECT_EQ(read(outside.path() / "mod" / "main.tf"), module) << r.out << r.err;
  EXPECT_EQ(r.out.find("\"applied\""), std::string::npos) << r.out;
}

TEST(FixWrite, OneRealFileReachedManyWaysIsEditedOnce) {
  TempDir tree;
  write(tree.path() / "real" / "trail.yaml", kDataOnly);
  fs::create_symlink(tree.path() / "real" / "trail.yaml", tree.path() / "alias.yaml");
  fs::create_directory_symlink(tree.path(), tree.path() / "real" / "loop");  // a symlink loop
  const std::string file = (tree.path() / "real" / "trail.yaml").string();
  Outcome r = stance({"fix", tree.str(), file, file, (tree.path() / "alias.yaml").string(), "--write", "--no-config"});
  EXPECT_NE(r.code, 134);
  const std::string after = read(file);
  EXPECT_EQ(count(after, "IncludeManagementEvents: true"), 1u) << "edited more than once:\n" << after;
  EXPECT_EQ(count(r.out, "applied  "), 1u) << r.out;
  EXPECT_TRUE(fs::is_symlink(tree.path() / "alias.yaml")) << "the alias was replaced by a copy";
  EXPECT_EQ(stance({"scan", file, "--no-config"}).code, 0) << after;
}

TEST(FixWrite, KeepsTheModeAndLeavesNoTemporaryFile) {
  TempDir tree;
  const fs::path file = tree.path() / "trail.yaml";
  write(file, kFailing);
  ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
  Outcome r = stance({"fix", tree.str(), "--write", "--no-config"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_NE(read(file).find("ReadWriteType: All"), std::string::npos);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tree.path())) ++entries;
  EXPECT_EQ(entries, 1u) << "a temporary file was left behind";
}

TEST(FixWrite, CrlfFilesKeepCrlfInInsertedLines) {
  TempDir tree;
  std::string crlf;
  for (char c : kDataOnly) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const fs::path file = tree.path() / "trail.yaml";
  write(file, crlf);
  Outcome r = stance({"fix", tree.str(), "--write", "--no-config"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const std::string after = read(file);
  ASSERT_NE(after, crlf) << r.out;
  for (std::size_t i = 0; i < after.size(); ++i) {
    if (after[i] == '\n') {
      ASSERT_TRUE(i > 0 && after[i - 1] == '\r') << "a bare LF at byte " << i << ":\n" << after;
    }
  }
  EXPECT_EQ(count(after, "\r\r"), 0u);
}

TEST(FixWrite, AFileChangedAfterItWasReadIsSkippedNotApplied) {
  TempDir tree;
  const fs::path file = tree.path() / "trail.yaml";
  write(file, kFailing);
  const kb::KnowledgeBaseLoad kb = kb::load_knowledge_base(std::nullopt);
  std::vector<TemplateFix> fixes = plan_cloudformation_fixes(file.string(), kFailing, {}, kb.kb);
  ASSERT_EQ(fixes.size(), 1u);
  ASSERT_EQ(fixes[0].status, "planned") << fixes[0].reason;
  // Someone edits the file between the plan and the write: the offsets no longer fit it.
  const std::string concurrent = "# a comment added meanwhile\n" + kFailing;
  write(file, concurrent);
  ApplyResult result = apply_template_fixes(fixes, {{0}}, WriteBoundary({tree.str()}), false, true);
  EXPECT_TRUE(result.incomplete);
  EXPECT_EQ(fixes[0].status, "skipped");
  EXPECT_NE(fixes[0].reason.find("changed during fix"), std::string::npos) << fixes[0].reason;
  EXPECT_EQ(read(file), concurrent);
}

TEST(FixWrite, OverlappingEditsOfOneFileDoNotAbort) {
  TempDir tree;
  const fs::path file = tree.path() / "trail.yaml";
  write(file, kFailing);
  const kb::KnowledgeBaseLoad kb = kb::load_knowledge_base(std::nullopt);
  std::vector<TemplateFix> fixes = plan_cloudformation_fixes(file.string(), kFailing, {}, kb.kb);
  ASSERT_EQ(fixes.size(), 1u);
  TemplateFix other = fixes[0];
  other.resource_id = "Other";
  other.edits[0].replacement += "x";  // overlaps, and differs
  fixes.push_back(other);
  ApplyResult result = apply_template_fixes(fixes, {{0}, {1}}, WriteBoundary({tree.str()}), false, true);
  EXPECT_EQ(fixes[0].status, "applied") << fixes[0].reason;
  EXPECT_EQ(fixes[1].status, "skipped");
  EXPECT_NE(fixes[1].reason.find("overlaps"), std::string::npos) << fixes[1].reason;
  EXPECT_EQ(stance({"scan", file.string(), "--no-config"}).code, 0) << read(file);
}

TEST(FixCommand, DiffAndWriteTogetherIsAUsageError) {
  TempDir tree;
  write(tree.path() / "trail.yaml", kFailing);
  Outcome r = stance({"fix", tree.str(), "--diff", "--write", "--no-config"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--diff and --write"), std::string::npos) << r.err;
  EXPECT_EQ(read(tree.path() / "trail.yaml"), kFailing);
}

TEST(FixCommand, AnInputThatCannotBeReadIsExitTwoNotNothingToFix) {
  TempDir tree;
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 0; i < 12; ++i) {
    const std::string prev = i == 0 ? "a" : "b" + std::to_string(i - 1);
    bomb += "b" + std::to_string(i) + ": &b" + std::to_string(i) + " [*" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  write(tree.path() / "bomb.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n" + bomb + "Resources: {}\n");
  Outcome r = stance({"fix", (tree.path() / "bomb.yaml").string(), "--no-config"});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_EQ(r.out.find("nothing to fix"), std::string::npos) << r.out;

  write(tree.path() / "latin1.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nDescription: caf\xe9\nResources: {}\n");
  Outcome bad = stance({"fix", (tree.path() / "latin1.yaml").string(), "--no-config"});
  EXPECT_EQ(bad.code, 2) << bad.out << bad.err;
  EXPECT_EQ(bad.out.find("nothing to fix"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace stance::fix
