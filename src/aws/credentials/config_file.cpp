#include "aws/credentials/config_file.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>
#include <sys/stat.h>

namespace stance::aws::credentials {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

class Parser {
 public:
  Parser(const std::string& path, const std::string& text) : text_(text) { file_.path = path; }

  ConfigFile run() {
    std::size_t start = 0;
    int number = 0;
    while (start <= text_.size() && !file_.error) {
      std::size_t end = text_.find('\n', start);
      if (end == std::string_view::npos) end = text_.size();
      ++number;
      line(text_.substr(start, end - start), number);
      if (end == text_.size()) break;
      start = end + 1;
    }
    return std::move(file_);
  }

 private:
  void fail(int number, const std::string& what) {
    file_.error = ConfigLine{file_.path, number}.to_string() + ": " + what;
  }

  void line(std::string_view raw, int number) {
    if (number == 1 && raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);  // UTF-8 byte order mark
    std::string_view content = trim(raw);
    if (content.empty() || content.front() == '#' || content.front() == ';') return;
    bool indented = is_blank(raw.front());
    if (indented && key_ != nullptr) return continuation(content, number);
    key_ = nullptr;
    if (content.front() == '[') return header(content, number);
    if (section_ == nullptr) return fail(number, "a setting before the first [section] header");
    std::size_t equals = content.find('=');
    if (equals == std::string_view::npos) return fail(number, "expected 'name = value' (no '=' on this line)");
    std::string name = lower(trim(content.substr(0, equals)));
    if (name.empty()) return fail(number, "a setting with no name before '='");
    ConfigValue& value = section_->values[name];
    value = ConfigValue{std::string(trim(content.substr(equals + 1))), {file_.path, number}, {}};
    key_ = &value;
  }

  // An indented line after "key =" belongs to key's sub-section; after "key = value" it continues the value
  // on a new line (as Python's configparser, which the AWS CLI uses, reads it).
  void continuation(std::string_view content, int number) {
    if (!key_->value.empty()) {
      key_->value += "\n";
      key_->value += content;
      return;
    }
    std::size_t equals = content.find('=');
    if (equals == std::string_view::npos) {
      return fail(number, "expected 'name = value' in the sub-section (no '=' on this line)");
    }
    std::string name = lower(trim(content.substr(0, equals)));
    if (name.empty()) return fail(number, "a sub-section setting with no name before '='");
    key_->sub_values[name] = std::string(trim(content.substr(equals + 1)));
  }

  void header(std::string_view content, int number) {
    std::size_t close = content.find(']');
    if (close == std::string_view::npos) return fail(number, "a section header without its closing ']'");
    std::string_view after = trim(content.substr(close + 1));
    if (!after.empty() && after.front() != '#' && after.front() != ';') {
      return fail(number, "unexpected text after the section header's ']'");
    }
    std::string name(trim(content.substr(1, close - 1)));
    if (name.empty()) return fail(number, "an empty section name '[]'");
    auto existing = std::find_if(file_.sections.begin(), file_.sections.end(),
                                 [&](const ConfigSection& s) { return s.name == name; });
    if (existing != file_.sections.end()) {
      section_ = &*existing;
      return;
    }
    file_.sections.push_back(ConfigSection{name, {file_.path, number}, {}});
    section_ = &file_.sections.back();
  }

  std::string_view text_;
  ConfigFile file_;
  ConfigSection* section_ = nullptr;  // into file_.sections: set by every header, so never stale
  ConfigValue* key_ = nullptr;  // the last "key =" line, which indented lines continue
};

}  // namespace

ConfigFile parse_config_file(const std::string& path, const std::string& text) {
  return Parser(path, text).run();
}

ConfigFile read_config_file(const std::string& path) {
  ConfigFile file;
  file.path = path;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return file;  // no file: nothing configured there
    file.error = path + ": " + std::strerror(errno);
    return file;
  }
  if (S_ISDIR(info.st_mode)) {
    file.error = path + ": is a directory";
    return file;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    file.error = path + ": cannot be read";
    return file;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config_file(path, text.str());
}

}  // namespace stance::aws::credentials
