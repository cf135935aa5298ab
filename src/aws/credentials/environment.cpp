#include "aws/credentials/environment.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace stance::aws::credentials {

Environment Environment::process() {
  return Environment([](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
}

Environment Environment::from_map(std::map<std::string, std::string> variables) {
  return Environment([variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  });
}

std::optional<std::string> Environment::get(const std::string& name) const {
  auto value = lookup_ ? lookup_(name) : std::nullopt;
  if (!value || value->empty()) return std::nullopt;
  return value;
}

std::string Environment::get_or(const std::string& name, std::string fallback) const {
  auto value = get(name);
  return value ? *value : std::move(fallback);
}

bool Environment::is_true(const std::string& name) const {
  auto value = get(name);
  if (!value) return false;
  std::string lower = *value;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "true" || lower == "1";
}

std::string expand_home(const std::string& path, const Environment& environment) {
  if (path == "~" || path.starts_with("~/")) {
    if (auto home = environment.get("HOME")) return *home + path.substr(1);
  }
  return path;
}

}  // namespace stance::aws::credentials
