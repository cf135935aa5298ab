// Small string helpers the intrinsics need (Fn::Base64, Fn::Split, list parameters).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stance::sources::cloudformation {

std::string base64_encode(std::string_view data);

// Fn::Split semantics: every occurrence of `delimiter` splits; an empty delimiter keeps the text whole.
std::vector<std::string> split_text(std::string_view text, std::string_view delimiter);

std::string_view trim(std::string_view text);

// "a" + "b" -> "a, b"; duplicates and empties are dropped.
void add_origin(std::string& origins, const std::string& origin);

bool starts_with(std::string_view text, std::string_view prefix);

}  // namespace stance::sources::cloudformation
