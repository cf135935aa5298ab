#include "sources/cloudformation/file_reading.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace stance::sources::cloudformation {

FileText read_file(const std::string& path, std::size_t max_bytes) {
  FileText out;
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    out.error = "cannot read " + path + ": " + std::strerror(errno);
    return out;
  }
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
    if (text.size() > max_bytes) {
      out.error = "cannot read " + path + ": larger than " + std::to_string(max_bytes >> 20) + " MB";
      return out;
    }
  }
  if (std::ferror(file.get())) {
    out.error = "cannot read " + path + ": " + std::strerror(errno);
    return out;
  }
  out.text = std::move(text);
  return out;
}

}  // namespace stance::sources::cloudformation
