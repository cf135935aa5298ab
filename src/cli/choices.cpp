#include "cli/choices.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>

namespace stance::cli {

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The placeholder in --help: "text|json|sarif|junit" says more than CLI11's "TEXT" or "ENUM".
std::string type_name(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : "|") + w;
  return out;
}

// CLI11 prefixes the option's name ("--format: ").
std::string not_one_of(const std::string& given, const std::vector<std::string>& words) {
  return "'" + given + "' is not one of " + list_words(words);
}

}  // namespace

std::string list_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

void one_of(CLI::Option& option, std::vector<std::string> words) {
  option.type_name(type_name(words));
  // An empty description keeps CLI11 from adding anything to --help; the placeholder lists the words.
  option.transform(CLI::Validator(
      [words](std::string& value) -> std::string {
        const std::string key = lower(value);
        if (std::find(words.begin(), words.end(), key) == words.end()) return not_one_of(value, words);
        value = key;
        return "";
      },
      ""));
}

void detail::one_of_numbered(CLI::Option& option, std::vector<std::pair<std::string, int>> choices) {
  std::vector<std::string> words;
  for (const auto& c : choices) words.push_back(c.first);
  option.type_name(type_name(words));
  option.transform(CLI::Validator(
      [choices, words](std::string& value) -> std::string {
        const std::string key = lower(value);
        for (const auto& [word, number] : choices) {
          if (word == key) {
            value = std::to_string(number);
            return "";
          }
        }
        return not_one_of(value, words);
      },
      ""));
}

}  // namespace stance::cli
