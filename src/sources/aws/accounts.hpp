// Which accounts a live scan reads and with which credentials: the caller's own account, a list of
// accounts through a role ARN template, or every active account of the AWS Organization. Accounts are
// read concurrently; one account's failure (AssumeRole denied, say) is recorded and the others go on.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "sources/aws/reader.hpp"

namespace stance::sources::aws {

struct AccountSelection {
  std::vector<std::string> accounts;  // --accounts; empty = the caller's account (or the organization)
  // --role-arn: "arn:aws:iam::{account}:role/Audit" ({account} replaced), or one fixed role ARN.
  std::string role_arn_template;
  bool organization = false;          // --organization
  std::string role_name;              // --role-name: arn:<partition>:iam::<id>:role/<name>
  std::string external_id;            // --external-id for AssumeRole
  int account_workers = 4;            // accounts read at once
  // When set, only the accounts it accepts are read (`stance watch --shard`: before any AssumeRole or read).
  std::function<bool(const std::string& account)> include;
};

// Builds a credential provider that assumes `role_arn` using `base` (the caller's client) for STS calls.
using AssumeRoleFactory = std::function<std::shared_ptr<stance::aws::CredentialProvider>(
    std::shared_ptr<stance::aws::AwsClient> base, const std::string& role_arn, const std::string& external_id)>;

struct CollectResult {
  std::vector<RawAccount> accounts;  // in the order of account ID
  std::vector<RawProblem> problems;  // could not even start (GetCallerIdentity, ListAccounts failed)
  std::string caller_account;
  std::string caller_arn;
  // The client each account was read with (for `stance fix --aws`, which writes with the same credentials).
  std::map<std::string, std::shared_ptr<stance::aws::AwsClient>> clients;
};

CollectResult collect_accounts(std::shared_ptr<stance::aws::AwsClient> base, const std::string& region,
                               const AccountSelection& selection, const ReadOptions& read,
                               const AssumeRoleFactory& assume_role);

// "arn:aws:iam::{account}:role/Audit" with {account} replaced; a template without {account} is returned
// unchanged.
std::string role_arn_for(const std::string& role_arn_template, const std::string& account);

}  // namespace stance::sources::aws
