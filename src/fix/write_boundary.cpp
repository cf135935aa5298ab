#include "fix/write_boundary.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

namespace stance::fix {

namespace fs = std::filesystem;

std::optional<FileIdentity> identity_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileIdentity{st.st_dev, st.st_ino};
}

WriteBoundary::WriteBoundary(const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    std::error_code ec;
    fs::path canonical = fs::canonical(p, ec);
    if (!ec) roots_.push_back(canonical.string());
  }
}

std::string WriteBoundary::refusal(const std::string& file) const {
  std::error_code ec;
  const fs::path real = fs::canonical(file, ec);
  if (ec) return "cannot resolve the file's path: " + ec.message();
  const std::string r = real.string();
  if (!fs::is_regular_file(real, ec)) return "resolves to " + r + ", which is not a regular file";
  for (const auto& root : roots_) {
    if (r == root) return "";
    const std::string prefix = root.ends_with('/') ? root : root + "/";
    if (r.compare(0, prefix.size(), prefix) == 0) return "";
  }
  return "resolves to " + r + ", outside the paths given to stance fix";
}

}  // namespace stance::fix
