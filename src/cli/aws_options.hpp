// The options every live-AWS command shares (scan --aws, collect --aws, later fix --aws): credentials,
// regions, endpoints, accounts and concurrency.
#pragma once
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace stance::cli {

struct AwsArgs {
  bool enabled = false;                 // --aws
  std::string profile;                  // --profile
  std::vector<std::string> regions;     // --region (repeatable); empty: every enabled region
  std::string endpoint_url;             // --endpoint-url
  std::string role_arn;                 // --role-arn, may contain {account}
  std::vector<std::string> accounts;    // --accounts 111,222
  bool organization = false;            // --organization
  std::string role_name;                // --role-name
  std::string external_id;              // --external-id
  int max_requests = 16;                // --max-requests: requests in flight
  int max_attempts = 0;                 // --max-attempts (0: AWS_MAX_ATTEMPTS or 5)
  double timeout = 20;                  // --timeout: seconds per attempt
};

// `aws_help` describes --aws for this command (scan and collect only read; fix may write).
void add_aws_options(CLI::App& command, AwsArgs& args, const std::string& aws_help);

// Checks combinations CLI11 cannot express; returns the problem or "".
std::string validate(const AwsArgs& args);

}  // namespace stance::cli
