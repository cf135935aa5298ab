#include "cli/live_aws.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <ostream>

#include "aws/credentials/default_chain.hpp"
#include "aws/limited_http_client.hpp"
#include "sources/aws/accounts.hpp"

namespace stance::cli {

namespace {

int attempts_from_environment() {
  const char* value = std::getenv("AWS_MAX_ATTEMPTS");
  if (!value) return 0;
  int n = std::atoi(value);
  return n >= 1 && n <= 20 ? n : 0;
}

}  // namespace

LiveRead read_live(const AwsArgs& args, Streams streams, const LiveReadOptions& options) {
  namespace creds = stance::aws::credentials;
  const auto started = std::chrono::steady_clock::now();
  LiveRead out;

  const char* ca_bundle = std::getenv("AWS_CA_BUNDLE");
  auto http = std::make_shared<stance::aws::LimitedHttpClient>(
      stance::aws::make_curl_http_client(ca_bundle ? ca_bundle : ""), args.max_requests);
  stance::aws::Endpoints endpoints = stance::aws::Endpoints::from_environment(args.endpoint_url);

  std::string region = args.regions.empty() ? creds::resolve_region(args.profile).region : args.regions.front();
  if (region.empty()) region = "us-east-1";

  stance::aws::RetryPolicy retry;
  if (int attempts = args.max_attempts ? args.max_attempts : attempts_from_environment()) retry.max_attempts = attempts;

  stance::aws::HttpOptions http_options;
  http_options.total_timeout = std::chrono::milliseconds(static_cast<long>(args.timeout * 1000));
  http_options.connect_timeout = std::min(http_options.connect_timeout, http_options.total_timeout);

  creds::CredentialChainOptions chain;
  chain.profile = args.profile;
  chain.http = http;
  chain.endpoints = endpoints;
  chain.region = region;
  chain.sts_retry = retry;
  chain.sts_http = http_options;
  auto provider = creds::make_default_credential_provider(chain);
  auto base = std::make_shared<stance::aws::AwsClient>(http, provider, endpoints, retry, http_options);

  // An explicit --role-arn without {account} and without --accounts: assume it first, then read its account.
  sources::aws::AccountSelection selection;
  selection.accounts = args.accounts;
  selection.role_arn_template = args.role_arn;
  selection.organization = args.organization;
  selection.role_name = args.role_name;
  selection.external_id = args.external_id;

  sources::aws::ReadOptions read;
  read.regions = args.regions;
  read.default_region = region;
  read.workers = args.max_requests;
  std::mutex progress_mutex;
  if (options.progress || options.verbosity > 1) {
    read.progress = [&](const std::string& what) {
      std::lock_guard lock(progress_mutex);
      streams.err << "stance: " << what << '\n';
    };
  }

  const creds::StsSettings sts = creds::sts_settings(chain);
  auto assume_role = [&](std::shared_ptr<stance::aws::AwsClient> source, const std::string& role_arn,
                         const std::string& external_id) {
    creds::AssumeRoleOptions role;
    role.role_arn = role_arn;
    role.external_id = external_id;
    role.origin = "--role-arn";
    return creds::make_assume_role_provider(source->credentials(), role, sts);
  };

  sources::aws::CollectResult collected = sources::aws::collect_accounts(base, region, selection, read, assume_role);
  if (options.verbosity > 0) {
    streams.err << "stance: credentials from " << provider->description();
    if (!collected.caller_arn.empty()) streams.err << " (" << collected.caller_arn << ")";
    streams.err << '\n';
  }
  out.accounts = std::move(collected.accounts);
  out.problems = std::move(collected.problems);
  out.caller_arn = collected.caller_arn;
  out.api_calls = http->requests_sent();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace stance::cli
