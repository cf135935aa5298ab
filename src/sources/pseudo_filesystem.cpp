#include "sources/pseudo_filesystem.hpp"

#include <sys/vfs.h>

#include <cstdlib>
#include <memory>
#include <string_view>

namespace stance::sources {

namespace {

// Magic numbers from <linux/magic.h>, spelled out so the list reads as one table.
struct PseudoType {
  unsigned long magic;
  const char* name;
};
constexpr PseudoType kPseudoTypes[] = {
    {0x9fa0, "proc"},          {0x62656572, "sysfs"},   {0x1cd1, "devpts"},      {0x27e0eb, "cgroup"},
    {0x63677270, "cgroup2"},   {0x64626720, "debugfs"}, {0x74726163, "tracefs"}, {0x73636673, "securityfs"},
    {0x6165676C, "pstore"},    {0xcafe4a11, "bpf"},     {0x62656570, "configfs"}, {0x19800202, "mqueue"},
    {0x42494e4d, "binfmt_misc"},
};

// The mount points of the pseudo-filesystems that share a type with ordinary ones (devtmpfs is tmpfs).
bool under_pseudo_mount(std::string_view real) {
  for (std::string_view root : {"/proc", "/sys", "/dev"}) {
    if (real == root || (real.size() > root.size() && real.starts_with(root) && real[root.size()] == '/')) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> pseudo_filesystem(const std::string& path) {
  struct statfs info {};
  if (::statfs(path.c_str(), &info) == 0) {
    for (const auto& t : kPseudoTypes) {
      if (static_cast<unsigned long>(info.f_type) == t.magic) return std::string(t.name);
    }
  }
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> real(::realpath(path.c_str(), nullptr));
  if (real && under_pseudo_mount(real.get())) {
    const std::string_view r(real.get());
    return std::string(r.starts_with("/dev") ? "devtmpfs" : r.starts_with("/sys") ? "sysfs" : "proc");
  }
  return std::nullopt;
}

}  // namespace stance::sources
