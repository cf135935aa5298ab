#include "aws/http_request.hpp"

#include <algorithm>

namespace stance::aws {

namespace {
char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool header_name_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower_ascii(x) == lower_ascii(y); });
}

const HttpHeader* HttpRequest::find_header(std::string_view name) const {
  for (const auto& h : headers) {
    if (header_name_equals(h.name, name)) return &h;
  }
  return nullptr;
}

void HttpRequest::set_header(std::string_view name, std::string value) {
  auto first = std::find_if(headers.begin(), headers.end(),
                            [&](const HttpHeader& h) { return header_name_equals(h.name, name); });
  if (first == headers.end()) {
    headers.push_back({std::string(name), std::move(value)});
    return;
  }
  first->value = std::move(value);
  headers.erase(std::remove_if(std::next(first), headers.end(),
                               [&](const HttpHeader& h) { return header_name_equals(h.name, name); }),
                headers.end());
}

void HttpRequest::remove_header(std::string_view name) {
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const HttpHeader& h) { return header_name_equals(h.name, name); }),
                headers.end());
}

}  // namespace stance::aws
