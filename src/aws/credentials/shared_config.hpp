// Profiles from the shared config file (~/.aws/config, AWS_CONFIG_FILE: "[default]", "[profile name]") and
// the shared credentials file (~/.aws/credentials, AWS_SHARED_CREDENTIALS_FILE: "[name]"). A profile may be in
// either or both; for a key set in both, the credentials file wins (as in botocore).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/credentials/config_file.hpp"
#include "aws/credentials/environment.hpp"

namespace stance::aws::credentials {

struct Profile {
  std::string name;
  std::vector<ConfigLine> headers;  // where the profile's sections are (config first, then credentials)
  std::map<std::string, ConfigValue> values;

  const ConfigValue* find(const std::string& key) const;
  bool has(const std::string& key) const { return find(key) != nullptr; }
  // "profile prod (/home/me/.aws/config:3)"
  std::string describe() const;
};

struct SharedConfig {
  std::string config_path;       // as used (after ~ expansion)
  std::string credentials_path;
  std::map<std::string, Profile> profiles;
  std::optional<std::string> error;  // the first parse or read error, with file:line

  static SharedConfig load(const Environment& environment);
  // From two already-parsed files (tests).
  static SharedConfig merge(const ConfigFile& config, const ConfigFile& credentials);

  const Profile* find(const std::string& name) const;
  // "/home/me/.aws/config or /home/me/.aws/credentials", for "profile x not found in ..."
  std::string paths() const { return config_path + " or " + credentials_path; }
};

// The profile to use: the explicit one (--profile) if given, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else
// "default".
std::string selected_profile_name(const std::string& explicit_profile, const Environment& environment);

}  // namespace stance::aws::credentials
