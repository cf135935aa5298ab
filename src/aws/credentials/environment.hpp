// The environment variables the credential providers read, behind a lookup so tests (and multi-account scans)
// can give each provider its own view instead of mutating the process environment.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace stance::aws::credentials {

class Environment {
 public:
  using Lookup = std::function<std::optional<std::string>(const std::string& name)>;

  explicit Environment(Lookup lookup) : lookup_(std::move(lookup)) {}
  // getenv() of this process.
  static Environment process();
  static Environment from_map(std::map<std::string, std::string> variables);

  // The variable's value; an unset and an empty variable are both nullopt (as the AWS SDKs treat them).
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, std::string fallback) const;
  // "true"/"1" (any case) -> true.
  bool is_true(const std::string& name) const;

 private:
  Lookup lookup_;
};

// "~/x" -> "$HOME/x"; other paths unchanged.
std::string expand_home(const std::string& path, const Environment& environment);

}  // namespace stance::aws::credentials
