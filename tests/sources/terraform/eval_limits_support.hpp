// Helpers for the tests of hostile configurations: small modules written to a fresh temporary directory,
// scans run under a watchdog (a time bound asserted, not measured), and peak-RSS growth.
#pragma once

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/sanitizers.hpp"
#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform::testing {

// A directory removed with everything in it when the test ends.
class TempTree {
 public:
  TempTree() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("stance-eval-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::string path(const std::string& relative) const { return (root_ / relative).string(); }
  void write(const std::string& relative, const std::string& text) const {
    const std::filesystem::path p = root_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }

 private:
  std::filesystem::path root_;
};

inline long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Scans `dirs` (scan roots = `roots`, or the dirs) in a thread; fails the test when it takes more than
// `seconds` (the thread is then left behind: the test binary ends with the test run).
inline sources::SourceResult scan_within(const std::vector<std::string>& dirs, int seconds,
                                         std::vector<std::string> roots = {}) {
  Options options = no_environment();
  options.scan_roots = roots.empty() ? dirs : std::move(roots);
  auto task = std::make_shared<std::packaged_task<sources::SourceResult()>>(
      [dirs, options] { return scan_directories(dirs, options); });
  std::future<sources::SourceResult> result = task->get_future();
  std::thread([task] { (*task)(); }).detach();
  const int bound = stance::test_bounds::time_bound(seconds);
  if (result.wait_for(std::chrono::seconds(bound)) != std::future_status::ready) {
    ADD_FAILURE() << "the scan did not finish within " << bound << " s";
    std::_Exit(1);  // the runaway scan would otherwise keep the process alive
  }
  return result.get();
}

// The error (or warning) whose message has `part`, or nullptr.
inline const engine::ScanError* find_message(const std::vector<engine::ScanError>& list, const std::string& part) {
  for (const auto& e : list) {
    if (e.message.find(part) != std::string::npos) return &e;
  }
  return nullptr;
}

}  // namespace stance::terraform::testing
