#include "sources/aws/accounts.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "sources/aws/bucket_reader.hpp"

namespace stance::sources::aws {

namespace {

using stance::aws::AwsClient;

struct Target {
  std::string account;
  std::string role_arn;  // empty: the caller's own credentials
};

std::string partition_of(const std::string& arn) {
  // arn:<partition>:...
  auto first = arn.find(':');
  auto second = first == std::string::npos ? first : arn.find(':', first + 1);
  return second == std::string::npos ? "aws" : arn.substr(first + 1, second - first - 1);
}

std::string account_in_role_arn(const std::string& role_arn) {
  // arn:aws:iam::123456789012:role/Name
  auto pos = role_arn.find("::");
  if (pos == std::string::npos) return "";
  auto end = role_arn.find(':', pos + 2);
  return end == std::string::npos ? "" : role_arn.substr(pos + 2, end - pos - 2);
}

// An organization trail is visible from every member account. When its owner was read in the same scan, the
// members' copies are the same trail: keep it once, in the owner's results, so it is not counted twice.
void drop_copies_read_by_their_owner(std::vector<RawAccount>& accounts) {
  std::set<std::string> read_by_owner;
  for (const auto& a : accounts) {
    for (const auto& t : a.trails) {
      if (t.account_id == a.account_id) read_by_owner.insert(t.arn);
    }
  }
  for (auto& a : accounts) {
    std::erase_if(a.trails, [&](const RawTrail& t) { return t.account_id != a.account_id && read_by_owner.count(t.arn); });
  }
}

}  // namespace

std::string role_arn_for(const std::string& role_arn_template, const std::string& account) {
  std::string out = role_arn_template;
  const std::string placeholder = "{account}";
  for (auto pos = out.find(placeholder); pos != std::string::npos; pos = out.find(placeholder, pos + account.size())) {
    out.replace(pos, placeholder.size(), account);
  }
  return out;
}

CollectResult collect_accounts(std::shared_ptr<AwsClient> base, const std::string& region,
                               const AccountSelection& selection, const ReadOptions& read,
                               const AssumeRoleFactory& assume_role) {
  CollectResult result;
  CallerIdentity me = get_caller_identity(*base, region);
  if (me.error) {
    result.problems.push_back({"", region, "sts:GetCallerIdentity", *me.error});
    return result;
  }
  result.caller_account = me.account;
  result.caller_arn = me.arn;
  const std::string partition = partition_of(me.arn);

  std::vector<Target> targets;
  if (selection.organization) {
    OrganizationAccounts org = list_organization_accounts(*base, region);
    if (org.error) {
      result.problems.push_back({me.account, region, "organizations:ListAccounts", *org.error});
      return result;
    }
    for (const auto& a : org.accounts) {
      if (a.status != "ACTIVE" && !a.status.empty()) continue;  // suspended accounts cannot be read
      if (a.id == me.account) {
        targets.push_back({a.id, ""});
      } else if (!selection.role_arn_template.empty()) {
        targets.push_back({a.id, role_arn_for(selection.role_arn_template, a.id)});
      } else {
        targets.push_back({a.id, "arn:" + partition + ":iam::" + a.id + ":role/" + selection.role_name});
      }
    }
  } else if (!selection.accounts.empty()) {
    for (const auto& id : selection.accounts) targets.push_back({id, role_arn_for(selection.role_arn_template, id)});
  } else if (!selection.role_arn_template.empty()) {
    const std::string arn = role_arn_for(selection.role_arn_template, me.account);
    targets.push_back({account_in_role_arn(arn), arn});
  } else {
    targets.push_back({me.account, ""});
  }
  if (selection.include) std::erase_if(targets, [&](const Target& t) { return !selection.include(t.account); });
  std::sort(targets.begin(), targets.end(), [](const Target& a, const Target& b) { return a.account < b.account; });

  result.accounts.resize(targets.size());
  ReadOptions per_account = read;
  if (per_account.default_region.empty()) per_account.default_region = region;
  std::mutex clients_mutex;
  parallel_for(targets.size(), selection.account_workers, [&](std::size_t i) {
    const Target& target = targets[i];
    std::shared_ptr<AwsClient> client = base;
    if (!target.role_arn.empty()) {
      auto provider = assume_role(base, target.role_arn, selection.external_id);
      stance::aws::CredentialsResult creds = provider->get();  // fail early and say so, once per account
      if (!creds.credentials) {
        RawAccount failed;
        failed.account_id = target.account;
        failed.problems.push_back(
            {target.account, region, "sts:AssumeRole", ApiError{"AssumeRoleFailed", creds.error, 0}});
        result.accounts[i] = std::move(failed);
        return;
      }
      client = std::make_shared<AwsClient>(base->http(), provider, base->endpoints(), base->retry(),
                                           base->http_options());
    }
    result.accounts[i] = read_account(*client, target.account, per_account);
    std::lock_guard lock(clients_mutex);
    result.clients[target.account] = client;
  });
  drop_copies_read_by_their_owner(result.accounts);
  if (read.read_buckets || read.read_keys) {
    // After every account: a bucket named in one account may be readable only with another's session.
    RelatedReadOptions related;
    related.buckets = read.read_buckets;
    related.keys = read.read_keys;
    related.default_region = region;
    read_buckets_and_keys(result.accounts, result.clients, related);
  }
  return result;
}

}  // namespace stance::sources::aws
