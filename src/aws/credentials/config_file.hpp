// One AWS shared config or credentials file, parsed as the AWS CLI reads it: "[section]" headers, "key = value"
// lines, full-line comments ("#" or ";"), and nested sub-sections ("s3 =" followed by indented "key = value"
// lines). Keys are lower-cased; every value keeps its file and line. Errors name file:line and never quote
// the line (a malformed line may well hold a secret key).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stance::aws::credentials {

struct ConfigLine {
  std::string file;
  int line = 0;
  std::string to_string() const { return file + ":" + std::to_string(line); }
};

struct ConfigValue {
  std::string value;                              // trimmed; empty for a sub-section
  ConfigLine where;
  std::map<std::string, std::string> sub_values;  // "s3 =" sub-section: max_concurrent_requests -> "20"
};

struct ConfigSection {
  std::string name;  // the text between the brackets, trimmed ("default", "profile prod", "prod")
  ConfigLine where;  // the header line (the first one, if the section appears twice)
  std::map<std::string, ConfigValue> values;
};

struct ConfigFile {
  std::string path;
  std::vector<ConfigSection> sections;  // in file order; a section repeated later is merged into the first
  std::optional<std::string> error;     // "path:line: what is wrong" (the sections before it are kept)
};

// Parses text read from `path` (used only in positions and errors).
ConfigFile parse_config_file(const std::string& path, const std::string& text);

// Reads and parses a file. A missing file is an empty ConfigFile, not an error; an unreadable one is.
ConfigFile read_config_file(const std::string& path);

}  // namespace stance::aws::credentials
