// A temporary directory per test with the files a test writes (config, credentials, token files, scripts),
// removed afterwards.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace stance::aws::credentials::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "stance-creds-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes name (relative) with text; returns its full path.
  std::string write(const std::string& name, const std::string& text, bool executable = false) const {
    std::string full = path_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(full).parent_path());
    std::ofstream(full, std::ios::binary) << text;
    if (executable) {
      std::filesystem::permissions(full, std::filesystem::perms::owner_all, std::filesystem::perm_options::add);
    }
    return full;
  }

 private:
  std::string path_;
};

}  // namespace stance::aws::credentials::testing
