// The directory walk and file reading on hostile trees: symlink loops and aliases, special files,
// pseudo-filesystems, binaries, oversized files, and the memory budget of parallel reads.
#include "common/sanitizers.hpp"
#include "sources/file_scan.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "common/child_peak_rss.hpp"
#include "sources/byte_budget.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/cloudformation/file_reading.hpp"

namespace stance::sources {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTemplate = R"(Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
)";

class FileScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("stance-file-scan-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string path(const std::string& relative) const { return (root_ / relative).string(); }
  std::string write(const std::string& relative, const std::string& text = kTemplate) const {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary) << text;
    return path(relative);
  }

  fs::path root_;
};

bool any_contains(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
}
bool any_error_contains(const std::vector<engine::ScanError>& errors, const std::string& text) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const engine::ScanError& e) { return e.message.find(text) != std::string::npos; });
}

// Runs `fn` with a watchdog: a call that blocks (a FIFO opened for reading) fails the test instead of hanging.
template <class Fn>
auto within(std::chrono::seconds limit, Fn fn) {
  auto future = std::async(std::launch::async, fn);
  if (future.wait_for(limit) != std::future_status::ready) {
    ADD_FAILURE() << "did not finish within " << limit.count() << " s";
    std::_Exit(1);  // the blocked thread cannot be joined
  }
  return future.get();
}

TEST_F(FileScanTest, SymlinkLoopIsWalkedOnce) {
  write("a/t.yaml");
  fs::create_directory_symlink("..", root_ / "a" / "up");     // a/up -> root: a loop
  fs::create_directory_symlink(".", root_ / "a" / "self");    // a/self -> a
  FileList list = within(std::chrono::seconds(10), [&] { return collect_files({root_.string()}); });
  ASSERT_EQ(list.files.size(), 1u);
  EXPECT_EQ(list.files[0], path("a/t.yaml"));
  EXPECT_TRUE(list.errors.empty());
  EXPECT_TRUE(any_contains(list.notes, "symlink loop or alias"));
}

TEST_F(FileScanTest, SymlinkedAliasIsReadOnceUnderItsRealPath) {
  write("real/t.yaml");
  fs::create_directory_symlink("real", root_ / "alias");  // sorts before "real"
  fs::create_symlink("real/t.yaml", root_ / "another.yaml");
  FileList list = collect_files({root_.string()});
  ASSERT_EQ(list.files.size(), 1u);
  EXPECT_EQ(list.files[0], path("real/t.yaml"));
}

TEST_F(FileScanTest, SamePathGivenTwiceIsReadOnce) {
  const std::string file = write("t.yaml");
  FileList list = collect_files({file, file, root_.string(), root_.string() + "/."});
  ASSERT_EQ(list.files.size(), 1u);
  EXPECT_TRUE(list.errors.empty());

  FileScanOptions options;
  options.jobs = 2;
  SourceResult result = scan_paths({file, root_.string()}, options);
  EXPECT_EQ(result.trails.size(), 1u);
}

TEST_F(FileScanTest, SpecialFilesInATreeAreSkippedWithANote) {
  write("t.yaml");
  ASSERT_EQ(::mkfifo(path("pipe.yaml").c_str(), 0600), 0);
  SourceResult result = within(std::chrono::seconds(10), [&] { return scan_paths({root_.string()}, {}); });
  EXPECT_EQ(result.trails.size(), 1u);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_TRUE(any_contains(result.notes, "pipe.yaml: a FIFO, not a regular file"));
}

TEST_F(FileScanTest, FifoNamedOnTheCommandLineIsAnErrorAndDoesNotBlock) {
  ASSERT_EQ(::mkfifo(path("pipe.yaml").c_str(), 0600), 0);
  SourceResult result = within(std::chrono::seconds(10), [&] { return scan_paths({path("pipe.yaml")}, {}); });
  EXPECT_TRUE(any_error_contains(result.errors, "not a regular file (a FIFO)"));
  // Reading it directly does not block either.
  cloudformation::FileText text =
      within(std::chrono::seconds(10), [&] { return cloudformation::read_file(path("pipe.yaml"), 1 << 20); });
  EXPECT_FALSE(text.text);
  EXPECT_NE(text.error.find("not a regular file"), std::string::npos);
}

TEST_F(FileScanTest, PseudoFilesystemsEndAtOnce) {
  for (const char* pseudo : {"/proc", "/sys", "/dev", "/proc/self/environ", "/dev/null"}) {
    const auto started = std::chrono::steady_clock::now();
    SourceResult result = within(std::chrono::seconds(10), [&] { return scan_paths({pseudo}, {}); });
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5)) << pseudo;
    EXPECT_TRUE(any_error_contains(result.errors, "pseudo-filesystem")) << pseudo;
    EXPECT_EQ(result.files_scanned, 0) << pseudo;
  }
  // Reached through a symlink inside a tree: skipped with a note.
  write("t.yaml");
  fs::create_directory_symlink("/proc", root_ / "proc");
  fs::create_directory_symlink("/sys", root_ / "sys");
  FileList list = within(std::chrono::seconds(10), [&] { return collect_files({root_.string()}); });
  ASSERT_EQ(list.files.size(), 1u);
  EXPECT_TRUE(any_contains(list.notes, "the proc pseudo-filesystem"));
  EXPECT_TRUE(any_contains(list.notes, "the sysfs pseudo-filesystem"));
}

TEST_F(FileScanTest, BinaryNamedIsNotATemplateButWalkedIsANote) {
  const std::string binary = write("image.json", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const std::string latin1 = write("latin1.yaml", "Description: caf\xE9\n");
  SourceResult named = scan_paths({binary, latin1}, {});
  ASSERT_EQ(named.errors.size(), 2u);
  EXPECT_TRUE(any_error_contains(named.errors, "image.json is not a template: binary content (a NUL byte at offset 8)"));
  EXPECT_TRUE(any_error_contains(named.errors, "latin1.yaml is not a template: binary content (not UTF-8 (byte 0xE9"));

  SourceResult walked = scan_paths({root_.string()}, {});
  EXPECT_TRUE(walked.errors.empty());
  EXPECT_TRUE(any_contains(walked.notes, "skipped " + binary + ": binary content"));
}

TEST(FileReading, MultiByteCharacterCutAtTheSniffWindowIsText) {
  std::string text(1023, 'a');
  text += "\xC3\xA9 and more";  // é straddles the 1 KB boundary
  EXPECT_FALSE(cloudformation::binary_content(text));
  EXPECT_TRUE(cloudformation::binary_content("a\xC3"));  // a short file that ends mid-character
}

TEST_F(FileScanTest, OversizedFileIsRejectedBeforeItIsRead) {
  // A sparse 600 MB file: rejected on its size, without reading (or allocating) it.
  const std::string big = path("big.json");
  {
    std::ofstream(big, std::ios::binary) << "{";
  }
  fs::resize_file(big, std::uintmax_t{600} << 20);
  const auto run = stance::testing::run_in_child_measuring_rss([&] {
    SourceResult result = scan_paths({big}, {});
    return any_error_contains(result.errors, "larger than 512 MB") ? 0 : 1;
  });
  EXPECT_EQ(run.exit_code, 0);
  if (stance::test_bounds::kPeakMemoryIsMeaningful) { EXPECT_LT(run.delta_kb(), 64 * 1024) << "peak RSS grew by " << run.delta_kb() << " KB"; }

  cloudformation::FileText text = cloudformation::read_file(big, 1 << 20);
  EXPECT_FALSE(text.text);
  EXPECT_NE(text.error.find("larger than 1 MB"), std::string::npos);
}

TEST(ByteBudget, InFlightBytesStayWithinTheBudget) {
  ByteBudget budget(100);
  std::atomic<long> in_flight{0};
  std::atomic<long> peak{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const std::size_t want = static_cast<std::size_t>((t * 37 + i * 11) % 60 + 1);
        ByteBudgetLease lease(budget, want);
        const long now = in_flight += static_cast<long>(want);
        long seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        in_flight -= static_cast<long>(want);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(peak.load(), 100);
  // Leases that fit together are held together: the budget does not serialise everything.
  EXPECT_EQ(budget.acquire(40), 40u);
  EXPECT_EQ(budget.acquire(40), 40u);
  budget.release(80);
}

TEST(ByteBudget, ARequestLargerThanTheBudgetRunsAlone) {
  ByteBudget budget(100);
  EXPECT_EQ(budget.acquire(1000), 100u);  // takes all of it, does not wait forever
  std::atomic<bool> second_got_in{false};
  std::thread other([&] {
    ByteBudgetLease lease(budget, 1);
    second_got_in = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(second_got_in.load());
  budget.release(100);
  other.join();
  EXPECT_TRUE(second_got_in.load());
}

// A scan's file functions are confined to the paths given, not to each root module's own directory: a
// module may read a policy beside it (../policies) when the tree holding both was scanned, and not when only
// the module's directory was.
TEST_F(FileScanTest, TerraformFileFunctionsReadInsideThePathsGivenOnly) {
  write("policies/selectors.json", R"({"rw": "ReadOnly"})");
  write("env/main.tf", R"(resource "aws_cloudtrail" "t" {
  name           = "t"
  s3_bucket_name = "logs"
  event_selector {
    read_write_type = jsondecode(file("../policies/selectors.json")).rw
  }
}
)");
  SourceResult whole = scan_paths({root_.string()}, {});
  ASSERT_EQ(whole.trails.size(), 1u);
  ASSERT_TRUE(whole.trails[0].event_selectors.known());
  ASSERT_TRUE((*whole.trails[0].event_selectors)[0].read_write_type.known());
  EXPECT_EQ(*(*whole.trails[0].event_selectors)[0].read_write_type, model::ReadWriteType::ReadOnly);

  SourceResult module_only = scan_paths({path("env")}, {});
  ASSERT_EQ(module_only.trails.size(), 1u);
  ASSERT_TRUE(module_only.trails[0].event_selectors.known());
  EXPECT_FALSE((*module_only.trails[0].event_selectors)[0].read_write_type.known());
  EXPECT_TRUE(any_error_contains(module_only.warnings, "scan root"));
  for (const auto& w : module_only.warnings) EXPECT_EQ(w.message.find("ReadOnly"), std::string::npos) << w.message;
}


// A template found by walking that cannot declare a judged resource is not parsed (most of a scan's time on
// real repositories); named, or when it could hide a type name behind an escape, it is parsed as before.
TEST_F(FileScanTest, WalkedTemplatesThatCannotDeclareATrailAreNotParsed) {
  write("broken.yaml", "Resources:\n  Topic: {Type: AWS::SNS::Topic\n");   // not valid YAML, no trail
  write("trail.yaml");                                                        // kTemplate: a trail
  SourceResult walked = scan_paths({root_.string()}, {});
  EXPECT_TRUE(walked.errors.empty()) << (walked.errors.empty() ? "" : walked.errors[0].message);
  EXPECT_EQ(walked.trails.size(), 1u);
  EXPECT_TRUE(any_contains(walked.notes, "broken.yaml: declares no resource a rule judges"));

  SourceResult named = scan_paths({path("broken.yaml")}, {});
  EXPECT_TRUE(any_error_contains(named.errors, "not valid YAML"));

  // "AWS::CloudTrail::Trail" spelled with an escape in a double-quoted scalar is still found.
  write("escaped.yaml", "Resources:\n  T:\n    Type: \"AWS::CloudTrail::Trai\\x6c\"\n    Properties: {IsLogging: true, S3BucketName: b}\n");
  SourceResult escaped = scan_paths({root_.string()}, {});
  EXPECT_EQ(escaped.trails.size(), 2u);
}

TEST(MayDeclareJudgedResources, ByteSearchForTypesAndEscapes) {
  EXPECT_TRUE(cloudformation::may_declare_judged_resources("Type: AWS::CloudTrail::Trail"));
  EXPECT_FALSE(cloudformation::may_declare_judged_resources("Type: AWS::SNS::Topic\nX: \"a\\tb\""));
  EXPECT_TRUE(cloudformation::may_declare_judged_resources("{\"Type\": \"AWS::CloudTrail::\\u0054rail\"}"));
  EXPECT_TRUE(cloudformation::may_declare_judged_resources("Type: \"AWS::Cloud\\\n  Trail::Trail\""));
  EXPECT_FALSE(cloudformation::may_declare_judged_resources("AWS::CloudTrail::\n  Trail"));  // folds with a space
}

}  // namespace
}  // namespace stance::sources
