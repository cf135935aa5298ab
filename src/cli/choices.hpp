// Options that take one of a fixed set of words (--format, --color, --fail-on). CLI11's own transformers
// print their lookup table in errors and in --help ("{json->1,...}"); these say what a person typed and
// what they could have typed instead: "--format: 'bogus' is not one of text, json, sarif, junit".
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace CLI {
class Option;
}

namespace stance::cli {

// Accepts one of `words` (case-insensitively) and stores it lower-cased in a string option.
void one_of(CLI::Option& option, std::vector<std::string> words);

// Accepts one of the words of `choices` (case-insensitively) and stores the matching value's number in an
// enum option, in the order given (which is also the order the error lists them).
template <typename Enum>
void one_of(CLI::Option& option, const std::vector<std::pair<std::string, Enum>>& choices);

// "text, json, sarif, junit"
std::string list_words(const std::vector<std::string>& words);

namespace detail {
void one_of_numbered(CLI::Option& option, std::vector<std::pair<std::string, int>> choices);
}

template <typename Enum>
void one_of(CLI::Option& option, const std::vector<std::pair<std::string, Enum>>& choices) {
  std::vector<std::pair<std::string, int>> numbered;
  for (const auto& [word, value] : choices) numbered.emplace_back(word, static_cast<int>(value));
  detail::one_of_numbered(option, std::move(numbered));
}

}  // namespace stance::cli
