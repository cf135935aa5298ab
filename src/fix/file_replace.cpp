#include "fix/file_replace.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>

namespace stance::fix {

namespace {

namespace fs = std::filesystem;

std::string errno_text() { return std::strerror(errno); }

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> read_all(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string out;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

bool write_all(int fd, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

ReplaceOutcome replace_file_if_unchanged(const std::string& path, const std::string& expected,
                                         const std::string& content, std::string& error) {
  std::error_code ec;
  const fs::path real = fs::canonical(path, ec);
  if (ec) {
    error = "cannot resolve " + path + ": " + ec.message();
    return ReplaceOutcome::Failed;
  }
  std::optional<std::string> now = read_all(real.string());
  if (!now) {
    error = "cannot read " + real.string() + ": " + errno_text();
    return ReplaceOutcome::Failed;
  }
  if (*now != expected) return ReplaceOutcome::Changed;
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) {
    error = "cannot stat " + real.string() + ": " + errno_text();
    return ReplaceOutcome::Failed;
  }

  const std::string dir = real.parent_path().string();
  std::string temp = (real.parent_path() / ("." + real.filename().string() + ".stance-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    error = "cannot create a temporary file in " + dir + ": " + errno_text();
    return ReplaceOutcome::Failed;
  }
  auto fail = [&](std::string why) {
    ::close(fd);
    ::unlink(temp.c_str());
    error = std::move(why);
    return ReplaceOutcome::Failed;
  };
  if (!write_all(fd, content)) return fail("cannot write " + temp + ": " + errno_text());
  if (::fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot set the mode of " + temp + ": " + errno_text());
  if (::geteuid() == 0 && ::fchown(fd, st.st_uid, st.st_gid) != 0) {
    return fail("cannot set the owner of " + temp + ": " + errno_text());
  }
  if (::fsync(fd) != 0) return fail("cannot sync " + temp + ": " + errno_text());
  // The last moment to notice a change made while stance was working.
  now = read_all(real.string());
  if (!now || *now != expected) {
    ::close(fd);
    ::unlink(temp.c_str());
    return ReplaceOutcome::Changed;
  }
  if (::rename(temp.c_str(), real.c_str()) != 0) return fail("cannot replace " + real.string() + ": " + errno_text());
  ::close(fd);
  // The rename itself is durable once the directory is.
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return ReplaceOutcome::Replaced;
}

}  // namespace stance::fix
