#include "serve/finding_filter.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "serve/html_escape.hpp"

namespace stance::serve {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool equal_any_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool contains_any_case(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [](char x, char y) { return lower(x) == lower(y); }) != haystack.end();
}

std::string first(const std::multimap<std::string, std::string>& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

}  // namespace

FindingFilter parse_filter(const std::multimap<std::string, std::string>& params) {
  FindingFilter f;
  f.rule = first(params, "rule");
  f.severity = first(params, "severity");
  f.status = first(params, "status");
  f.account = first(params, "account");
  f.region = first(params, "region");
  f.text = first(params, "text");
  const std::string page = first(params, "page");
  int n = 0;
  auto [end, ec] = std::from_chars(page.data(), page.data() + page.size(), n);
  if (ec == std::errc() && end == page.data() + page.size() && n > 0) f.page = n;
  return f;
}

std::string to_query(const FindingFilter& filter) {
  std::string out;
  auto add = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += out.empty() ? "" : "&";
    out += name;
    out += '=';
    out += url_component(value);
  };
  add("rule", filter.rule);
  add("severity", filter.severity);
  add("status", filter.status);
  add("account", filter.account);
  add("region", filter.region);
  add("text", filter.text);
  if (filter.page > 1) add("page", std::to_string(filter.page));
  return out;
}

bool matches(const FindingFilter& filter, const store::FindingRecord& f) {
  if (f.suppressed) return false;
  if (!filter.rule.empty() && !equal_any_case(filter.rule, f.rule_id)) return false;
  if (!filter.severity.empty() && !equal_any_case(filter.severity, f.severity)) return false;
  if (!filter.status.empty() && !equal_any_case(filter.status, f.status)) return false;
  if (!filter.account.empty() && filter.account != f.account) return false;
  if (!filter.region.empty() && filter.region != f.region) return false;
  if (!filter.text.empty()) {
    const std::string_view t = filter.text;
    if (!contains_any_case(f.resource_id, t) && !contains_any_case(f.resource_name, t) &&
        !contains_any_case(f.resource_type, t) && !contains_any_case(f.location, t) &&
        !contains_any_case(f.message, t) && !contains_any_case(f.rule_id, t)) {
      return false;
    }
  }
  return true;
}

}  // namespace stance::serve
