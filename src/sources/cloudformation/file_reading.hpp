// Reading a whole file into memory, with the reason when it cannot be read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stance::sources::cloudformation {

struct FileText {
  std::optional<std::string> text;
  std::string error;  // when `text` is empty: "cannot read F: No such file or directory"
};

// Files above `max_bytes` are refused (CloudFormation's own limit is 1 MB) before anything is read: the size
// is checked on the opened file, and at most max_bytes + 1 bytes are ever read (the file may grow meanwhile).
// Only regular files are read: a FIFO, socket or device is refused without blocking on it.
FileText read_file(const std::string& path, std::size_t max_bytes);

// Why `text` is not a text file, judged on its first KB: "a NUL byte at offset 12" or "not UTF-8 (byte 0xFF at
// offset 3)"; nullopt when it looks like text. Templates, plans and snapshots are all UTF-8 text.
std::optional<std::string> binary_content(std::string_view text);

}  // namespace stance::sources::cloudformation
