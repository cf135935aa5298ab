// Reads the live AWS accounts a command asked for (--aws and friends): builds the HTTP client, the
// credential chain and the AWS client, then collects every account's raw trail records.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "aws/limited_http_client.hpp"
#include "cli/app.hpp"
#include "cli/aws_options.hpp"
#include "sources/aws/accounts.hpp"
#include "sources/aws/raw_trail.hpp"

namespace stance::cli {

// The clients of one command run: the caller's own, and assumed-role ones per account on demand.
struct LiveSession {
  std::shared_ptr<stance::aws::LimitedHttpClient> http;
  std::shared_ptr<stance::aws::AwsClient> base;
  std::string region;  // STS, DescribeRegions, Organizations
  sources::aws::AssumeRoleFactory assume_role;
  std::string role_arn_template;  // --role-arn
  std::string external_id;
};

LiveSession open_session(const AwsArgs& args);

// The client for `account`: the caller's when it is the caller's account (or `caller_account` is empty and
// no role template is given), else one assuming --role-arn's template. Null when there is no way in.
std::shared_ptr<stance::aws::AwsClient> client_for_account(const LiveSession& session, const std::string& account,
                                                           const std::string& caller_account);

struct LiveRead {
  std::vector<sources::aws::RawAccount> accounts;
  std::vector<sources::aws::RawProblem> problems;  // before any account could be read
  long api_calls = 0;                              // requests sent, retries included
  std::string caller_account;
  std::string caller_arn;
  double seconds = 0;
  std::map<std::string, std::shared_ptr<stance::aws::AwsClient>> clients;  // per account read
};

struct LiveReadOptions {
  bool progress = false;  // stderr is a terminal and not --quiet
  int verbosity = 0;
  // Read the trails' buckets / KMS keys too: set from the rule selection (a selected rule needs them).
  bool read_buckets = false;
  bool read_keys = false;
  std::function<bool(const std::string& account)> include_account;  // null: all (watch --shard filters)
};

LiveRead read_live(const AwsArgs& args, Streams streams, const LiveReadOptions& options);

}  // namespace stance::cli
