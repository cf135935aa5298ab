#include "sources/cloudformation/file_reading.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/utf8.hpp"

namespace stance::sources::cloudformation {

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string too_large(const std::string& path, std::size_t max_bytes) {
  return "cannot read " + path + ": larger than " + std::to_string(max_bytes >> 20) + " MB";
}

const char* file_type(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "a special file";
}

}  // namespace

FileText read_file(const std::string& path, std::size_t max_bytes) {
  FileText out;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. Cleared again for regular files.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) {
    out.error = "cannot read " + path + ": " + std::strerror(errno);
    return out;
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    out.error = "cannot read " + path + ": " + std::strerror(errno);
    return out;
  }
  if (!S_ISREG(info.st_mode)) {
    out.error = "cannot read " + path + ": not a regular file (" + file_type(info.st_mode) + ")";
    return out;
  }
  if (info.st_size < 0 || static_cast<std::size_t>(info.st_size) > max_bytes) {
    out.error = too_large(path, max_bytes);
    return out;
  }
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);

  std::string text;
  text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  for (;;) {
    // Never more than one byte past the limit, whatever the file has grown to since fstat.
    const std::size_t want = std::min(sizeof buffer, max_bytes + 1 - text.size());
    const ssize_t n = ::read(fd.get(), buffer, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = "cannot read " + path + ": " + std::strerror(errno);
      return out;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) {
      out.error = too_large(path, max_bytes);
      return out;
    }
  }
  out.text = std::move(text);
  return out;
}

std::optional<std::string> binary_content(std::string_view text) {
  constexpr std::size_t kSniff = 1024;
  const std::string_view head = text.substr(0, kSniff);
  if (const std::size_t nul = head.find('\0'); nul != std::string_view::npos) {
    return "a NUL byte at offset " + std::to_string(nul);
  }
  const std::size_t bad = utf8::invalid_utf8_at(head);
  // A multi-byte character cut by the 1 KB window is not evidence: only a bad byte well inside it is.
  if (bad != std::string_view::npos && (head.size() < kSniff || bad + 4 <= head.size())) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(head[bad]));
    return std::string("not UTF-8 (byte ") + byte + " at offset " + std::to_string(bad) + ")";
  }
  return std::nullopt;
}

}  // namespace stance::sources::cloudformation
