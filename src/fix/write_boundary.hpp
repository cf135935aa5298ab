// Where `stance fix --write` may write. A scanned repository may be hostile: a symlink in it may point at
// ~/.bashrc, a Terraform module's source may lie outside it, and one file may be reached under several
// names (a symlinked alias, a loop, the same path given twice). Files are therefore judged by what they
// resolve to, never by the name they were reached under.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace stance::fix {

// A real file: the same device and inode however it was reached.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  bool operator==(const FileIdentity&) const = default;
  auto operator<=>(const FileIdentity&) const = default;
};
// The identity of what `path` resolves to (symlinks followed); nullopt when it cannot be resolved.
std::optional<FileIdentity> identity_of(const std::string& path);

// The paths a fix was given, resolved (symlinks, "..", relative to the working directory).
class WriteBoundary {
 public:
  explicit WriteBoundary(const std::vector<std::string>& paths);

  // "" when `file` resolves to a regular file at or under one of the paths; else why it may not be
  // edited ("resolves to /etc/passwd, outside the paths given to stance fix").
  std::string refusal(const std::string& file) const;

 private:
  std::vector<std::string> roots_;  // canonical
};

}  // namespace stance::fix
