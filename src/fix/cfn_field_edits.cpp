#include "fix/cfn_field_edits.hpp"

#include <algorithm>
#include <cctype>

#include "fix/selector_syntax.hpp"

namespace stance::fix {

namespace {

// Plain YAML that reads back as exactly this string in block and flow context: starts with a letter, only
// characters with no meaning to YAML, and not a word YAML 1.1 or 1.2 reads as a boolean or null.
bool plain_safe(std::string_view value) {
  if (value.empty() || !std::isalpha(static_cast<unsigned char>(value[0]))) return false;
  const bool chars = std::all_of(value.begin(), value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_./:@+=-").find(c) != std::string_view::npos;
  });
  if (!chars || value.back() == ':') return false;
  std::string lower(value);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}) {
    if (lower == word) return false;
  }
  return true;
}

bool has_control(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

// One escaper for every string stance writes into a file or a snippet (fix/selector_syntax): what a terminal
// would act on is escaped too, so a reviewer reading the diff sees what will be written.
std::string json_quoted(std::string_view value) { return syntax::json_string(std::string(value)); }

std::string cfn_string(std::string_view value, doc::ScalarStyle like, bool json) {
  if (json) return json_quoted(value);
  if (like == doc::ScalarStyle::SingleQuoted && !has_control(value)) {
    std::string out = "'";
    for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }
  if (like != doc::ScalarStyle::SingleQuoted && like != doc::ScalarStyle::DoubleQuoted && plain_safe(value)) {
    return std::string(value);
  }
  return json_quoted(value);
}

std::optional<TextEdit> insert_properties(const SourceText& src, const doc::Node& props,
                                          const std::vector<std::pair<std::string, std::string>>& entries, bool json,
                                          std::string* why) {
  auto key = [json](const std::string& name) { return json ? json_quoted(name) : name; };
  if (!src.is_flow(props)) {
    if (props.pairs.empty() || !props.pairs.front().key) {
      *why = "the trail's Properties have no key to align a new one with";
      return std::nullopt;
    }
    const std::size_t first = src.offset(*props.pairs.front().key);
    if (!src.first_on_line(first)) {
      *why = "the first key of the trail's Properties is not at the start of its line";
      return std::nullopt;
    }
    const std::string indent(src.column(first), ' ');
    std::string text;
    for (const auto& [name, value] : entries) text += indent + key(name) + ": " + value + "\n";
    return TextEdit{src.line_start(first), 0, text};
  }
  const auto braces = src.flow_extent(src.content_start(props));
  if (!braces) {
    *why = "cannot tell where the trail's Properties end";
    return std::nullopt;
  }
  std::string inline_text;
  for (const auto& [name, value] : entries) inline_text += (inline_text.empty() ? "" : ", ") + key(name) + ": " + value;
  if (props.pairs.empty()) return TextEdit{braces->begin, braces->end - braces->begin, "{" + inline_text + "}"};
  const doc::Pair& last = props.pairs.back();
  const auto last_value = last.value ? src.extent(*last.value) : std::nullopt;
  if (!last.key || !last_value) {
    *why = "cannot tell where the last of the trail's Properties ends";
    return std::nullopt;
  }
  const std::size_t last_key = src.offset(*last.key);
  if (src.line_of(last_key) == src.line_of(braces->begin) || !src.first_on_line(last_key)) {
    return TextEdit{last_value->end, 0, ", " + inline_text};
  }
  const std::string indent(src.column(last_key), ' ');
  std::string text;
  for (const auto& [name, value] : entries) text += ",\n" + indent + key(name) + ": " + value;
  return TextEdit{last_value->end, 0, text};
}

}  // namespace stance::fix
