// Reading a whole file into memory, with the reason when it cannot be read.
#pragma once

#include <optional>
#include <string>

namespace stance::sources::cloudformation {

struct FileText {
  std::optional<std::string> text;
  std::string error;  // when `text` is empty: "cannot read F: No such file or directory"
};

// Files above `max_bytes` are refused (CloudFormation's own limit is 1 MB).
FileText read_file(const std::string& path, std::size_t max_bytes);

}  // namespace stance::sources::cloudformation
