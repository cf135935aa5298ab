#include "aws/credentials/shared_config.hpp"

namespace stance::aws::credentials {

const ConfigValue* Profile::find(const std::string& key) const {
  auto found = values.find(key);
  return found == values.end() ? nullptr : &found->second;
}

std::string Profile::describe() const {
  std::string out = "profile " + name;
  if (!headers.empty()) out += " (" + headers.front().to_string() + ")";
  return out;
}

namespace {

// In the config file "[profile x]" names x and "[default]" (or "[profile default]") the default profile;
// other sections ("[sso-session x]", "[services x]", a bare "[x]") are not profiles.
std::optional<std::string> config_profile_name(const std::string& section) {
  if (section == "default") return section;
  if (section.starts_with("profile ") || section.starts_with("profile\t")) {
    std::string name = section.substr(8);
    std::size_t first = name.find_first_not_of(" \t");
    if (first == std::string::npos) return std::nullopt;
    return name.substr(first);
  }
  return std::nullopt;
}

void add_section(std::map<std::string, Profile>& profiles, const std::string& name, const ConfigSection& section) {
  Profile& profile = profiles[name];
  profile.name = name;
  profile.headers.push_back(section.where);
  for (const auto& [key, value] : section.values) profile.values[key] = value;  // later file wins
}

}  // namespace

SharedConfig SharedConfig::merge(const ConfigFile& config, const ConfigFile& credentials) {
  SharedConfig shared;
  shared.config_path = config.path;
  shared.credentials_path = credentials.path;
  shared.error = config.error ? config.error : credentials.error;
  for (const auto& section : config.sections) {
    if (auto name = config_profile_name(section.name)) add_section(shared.profiles, *name, section);
  }
  for (const auto& section : credentials.sections) add_section(shared.profiles, section.name, section);
  return shared;
}

SharedConfig SharedConfig::load(const Environment& environment) {
  std::string config_path = expand_home(environment.get_or("AWS_CONFIG_FILE", "~/.aws/config"), environment);
  std::string credentials_path =
      expand_home(environment.get_or("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"), environment);
  return merge(read_config_file(config_path), read_config_file(credentials_path));
}

const Profile* SharedConfig::find(const std::string& name) const {
  auto found = profiles.find(name);
  return found == profiles.end() ? nullptr : &found->second;
}

std::string selected_profile_name(const std::string& explicit_profile, const Environment& environment) {
  if (!explicit_profile.empty()) return explicit_profile;
  if (auto name = environment.get("AWS_PROFILE")) return *name;
  if (auto name = environment.get("AWS_DEFAULT_PROFILE")) return *name;
  return "default";
}

}  // namespace stance::aws::credentials
