#include "cli/aws_options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>

namespace stance::cli {

void add_aws_options(CLI::App& command, AwsArgs& args, const std::string& aws_help) {
  const char* group = "Live AWS";
  command.add_flag("--aws", args.enabled, aws_help)
      ->group(group);
  command.add_option("--profile", args.profile, "Named profile from ~/.aws/config (default: AWS_PROFILE, default)")
      ->group(group);
  command.add_option("--region", args.regions, "Region to read (repeatable; default: every enabled region)")
      ->allow_extra_args(false)
      ->group(group);
  command.add_option("--endpoint-url", args.endpoint_url,
                     "Send every AWS call to this URL (private endpoints, tests); also AWS_ENDPOINT_URL[_<SERVICE>]")
      ->group(group);
  command.add_option("--role-arn", args.role_arn,
                     "Assume this role first; with --accounts, a template: arn:aws:iam::{account}:role/Audit")
      ->group(group);
  command.add_option("--accounts", args.accounts, "Comma-separated account IDs to read through --role-arn")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->group(group);
  command.add_flag("--organization", args.organization,
                   "Read every active account of the AWS Organization (from the management or delegated admin account)")
      ->group(group);
  command.add_option("--role-name", args.role_name, "With --organization: the role to assume in each member account")
      ->group(group);
  command.add_option("--external-id", args.external_id, "External ID for AssumeRole")->group(group);
  command.add_option("--max-requests", args.max_requests, "AWS requests in flight at once, 1 to 256 (default 16)")
      ->type_name("N")
      ->check(CLI::Range(1, 256).description(""))
      ->group(group);
  command.add_option("--max-attempts", args.max_attempts, "Attempts per AWS call, retries included, 1 to 20 (default 5)")
      ->type_name("N")
      ->check(CLI::Range(1, 20).description(""))
      ->group(group);
  command.add_option("--timeout", args.timeout, "Seconds an AWS call may take per attempt, 0.1 to 600 (default 20)")
      ->type_name("SECONDS")
      ->check(CLI::Range(0.1, 600.0).description(""))
      ->group(group);
}

std::string validate(const AwsArgs& args) {
  const bool any_live_option = !args.profile.empty() || !args.regions.empty() || !args.endpoint_url.empty() ||
                               !args.role_arn.empty() || !args.accounts.empty() || args.organization ||
                               !args.role_name.empty() || !args.external_id.empty();
  if (!args.enabled) return any_live_option ? "live AWS options need --aws" : "";
  for (const auto& id : args.accounts) {
    if (id.size() != 12 || !std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return "--accounts: \"" + id + "\" is not a 12-digit AWS account ID";
    }
  }
  if (!args.accounts.empty() && args.role_arn.find("{account}") == std::string::npos) {
    return "--accounts needs --role-arn with an {account} placeholder, e.g. arn:aws:iam::{account}:role/Audit";
  }
  if (args.organization && args.role_name.empty() && args.role_arn.find("{account}") == std::string::npos) {
    return "--organization needs --role-name (or --role-arn with {account}) to read the member accounts";
  }
  if (!args.organization && !args.role_name.empty()) return "--role-name is used with --organization";
  if (args.organization && !args.accounts.empty()) return "use either --organization or --accounts";
  if (!args.role_arn.empty() && args.role_arn.rfind("arn:", 0) != 0) {
    return "--role-arn: \"" + args.role_arn + "\" is not an ARN (arn:aws:iam::123456789012:role/Name)";
  }
  return "";
}

}  // namespace stance::cli
