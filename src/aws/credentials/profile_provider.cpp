#include "aws/credentials/profile_provider.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "aws/credentials/basic_providers.hpp"
#include "aws/credentials/process_provider.hpp"

namespace stance::aws::credentials {

namespace {

// "profile a (/x/config:4)" for the line of one setting.
std::string at(const Profile& profile, const ConfigValue& value) {
  return "profile " + profile.name + " (" + value.where.to_string() + ")";
}

std::string chain_text(const std::vector<std::string>& chain, const std::string& last) {
  std::string text;
  for (const auto& name : chain) text += name + " -> ";
  return text + last;
}

ProfileCredentials error(std::string message) { return ProfileCredentials{nullptr, std::move(message)}; }

class Resolver {
 public:
  Resolver(const SharedConfig& config, const ProviderContext& context) : config_(config), context_(context) {}

  // chain: the profiles that led here through source_profile, outermost first.
  ProfileCredentials resolve(const std::string& name, std::vector<std::string> chain) {
    const Profile* profile = config_.find(name);
    if (profile == nullptr) return error("profile " + name + " does not exist in " + config_.paths());
    chain.push_back(name);
    const ConfigValue* role_arn = profile->find("role_arn");
    const ConfigValue* token_file = profile->find("web_identity_token_file");
    if (role_arn && !token_file) return assume_role(*profile, *role_arn, chain);
    if (token_file) return web_identity(*profile, *token_file);
    if (has_static_keys(*profile)) return static_keys(*profile);
    if (const ConfigValue* process = profile->find("credential_process")) {
      auto timeout = credential_process_timeout(context_.environment);
      if (const std::string* problem = std::get_if<std::string>(&timeout)) return error(*problem);
      return ProfileCredentials{
          make_refreshing_provider(make_process_provider(process->value, at(*profile, *process),
                                                         std::get<std::chrono::milliseconds>(timeout)),
                                   context_.refresh),
          {}};
    }
    return ProfileCredentials{};
  }

 private:
  static bool has_static_keys(const Profile& profile) {
    return profile.has("aws_access_key_id") || profile.has("aws_secret_access_key");
  }

  ProfileCredentials static_keys(const Profile& profile) {
    const ConfigValue* key = profile.find("aws_access_key_id");
    const ConfigValue* secret = profile.find("aws_secret_access_key");
    if (key == nullptr || key->value.empty()) {
      return error(at(profile, *secret) + ": aws_secret_access_key is set but aws_access_key_id is not");
    }
    if (secret == nullptr || secret->value.empty()) {
      return error(at(profile, *key) + ": aws_access_key_id is set but aws_secret_access_key is not");
    }
    const ConfigValue* token = profile.find("aws_session_token");
    if (token == nullptr) token = profile.find("aws_security_token");
    Credentials credentials{key->value, secret->value, token ? token->value : ""};
    return ProfileCredentials{make_static_provider(std::move(credentials), at(profile, *key)), {}};
  }

  // The credentials a source_profile lends: its own static keys first (even when it also has a role_arn, as
  // botocore does), else its role, else whatever else it configures.
  ProfileCredentials source_credentials(const Profile& referrer, const ConfigValue& source_line,
                                        const std::vector<std::string>& chain) {
    const std::string& name = source_line.value;
    const Profile* source = config_.find(name);
    if (source == nullptr) {
      return error(at(referrer, source_line) + ": source_profile " + name + " does not exist in " + config_.paths());
    }
    if (name == referrer.name) {
      if (has_static_keys(*source)) return static_keys(*source);
      return error(at(referrer, source_line) + ": source_profile names the profile itself, which has no "
                   "aws_access_key_id/aws_secret_access_key to start from");
    }
    if (std::find(chain.begin(), chain.end(), name) != chain.end()) {
      return error(at(referrer, source_line) + ": source_profile makes a cycle: " + chain_text(chain, name));
    }
    if (has_static_keys(*source)) return static_keys(*source);
    ProfileCredentials resolved = resolve(name, chain);
    if (!resolved.provider && resolved.error.empty()) {
      resolved.error = at(referrer, source_line) + ": source_profile " + name + " (" +
                       source->headers.front().to_string() + ") configures no credentials";
    }
    return resolved;
  }

  ProfileCredentials credential_source(const Profile& profile, const ConfigValue& value) {
    if (value.value == "Environment") {
      return ProfileCredentials{make_environment_provider(context_.environment), {}};
    }
    if (value.value == "Ec2InstanceMetadata") {
      return ProfileCredentials{make_imds_provider(context_.http, context_.environment, context_.imds,
                                                   context_.refresh), {}};
    }
    if (value.value == "EcsContainer") {
      return ProfileCredentials{make_container_provider(context_.http, context_.environment, context_.container,
                                                        context_.refresh), {}};
    }
    return error(at(profile, value) + ": credential_source must be Environment, Ec2InstanceMetadata or "
                 "EcsContainer");
  }

  // duration_seconds, role_session_name: shared by both role kinds.
  bool role_settings(const Profile& profile, std::optional<int>& duration, std::string& session_name,
                     std::string& problem) {
    if (const ConfigValue* value = profile.find("duration_seconds")) {
      int seconds = 0;
      const std::string& text = value->value;
      auto [end, failed] = std::from_chars(text.data(), text.data() + text.size(), seconds);
      if (failed != std::errc() || end != text.data() + text.size() || seconds < 900 || seconds > 43200) {
        problem = at(profile, *value) + ": duration_seconds must be a whole number from 900 to 43200";
        return false;
      }
      duration = seconds;
    }
    if (const ConfigValue* value = profile.find("role_session_name")) session_name = value->value;
    return true;
  }

  ProfileCredentials assume_role(const Profile& profile, const ConfigValue& role_arn,
                                 const std::vector<std::string>& chain) {
    if (role_arn.value.empty()) return error(at(profile, role_arn) + ": role_arn is empty");
    if (const ConfigValue* mfa = profile.find("mfa_serial")) {
      return error(at(profile, *mfa) + ": mfa_serial needs an MFA code typed in, which stance does not ask "
                   "for; use credentials from an MFA session (for example through credential_process)");
    }
    const ConfigValue* source_profile = profile.find("source_profile");
    const ConfigValue* source_kind = profile.find("credential_source");
    if (source_profile && source_kind) {
      return error(at(profile, role_arn) + ": both source_profile and credential_source are set; keep one");
    }
    if (!source_profile && !source_kind) {
      return error(at(profile, role_arn) + ": role_arn needs source_profile or credential_source (or "
                   "web_identity_token_file)");
    }
    AssumeRoleOptions options;
    options.role_arn = role_arn.value;
    options.origin = at(profile, role_arn);
    std::string problem;
    if (!role_settings(profile, options.duration_seconds, options.role_session_name, problem)) return error(problem);
    if (const ConfigValue* external_id = profile.find("external_id")) options.external_id = external_id->value;
    ProfileCredentials source = source_profile ? source_credentials(profile, *source_profile, chain)
                                               : credential_source(profile, *source_kind);
    if (!source.provider) return source;
    return ProfileCredentials{make_assume_role_provider(source.provider, std::move(options), context_.sts,
                                                        context_.refresh), {}};
  }

  ProfileCredentials web_identity(const Profile& profile, const ConfigValue& token_file) {
    const ConfigValue* role_arn = profile.find("role_arn");
    if (role_arn == nullptr || role_arn->value.empty()) {
      return error(at(profile, token_file) + ": web_identity_token_file needs role_arn");
    }
    WebIdentityOptions options;
    options.role_arn = role_arn->value;
    options.token_file = expand_home(token_file.value, context_.environment);
    options.origin = at(profile, token_file);
    std::string problem;
    if (!role_settings(profile, options.duration_seconds, options.role_session_name, problem)) return error(problem);
    return ProfileCredentials{make_web_identity_provider(std::move(options), context_.sts, context_.refresh), {}};
  }

  const SharedConfig& config_;
  const ProviderContext& context_;
};

}  // namespace

ProfileCredentials resolve_profile_credentials(const SharedConfig& config, const std::string& name,
                                               const ProviderContext& context) {
  return Resolver(config, context).resolve(name, {});
}

}  // namespace stance::aws::credentials
