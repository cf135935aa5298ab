#include "cli/live_aws.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <ostream>

#include "aws/credentials/default_chain.hpp"

namespace stance::cli {

namespace {

int attempts_from_environment() {
  const char* value = std::getenv("AWS_MAX_ATTEMPTS");
  if (!value) return 0;
  int n = std::atoi(value);
  return n >= 1 && n <= 20 ? n : 0;
}

}  // namespace

LiveSession open_session(const AwsArgs& args) {
  namespace creds = stance::aws::credentials;
  LiveSession session;
  const char* ca_bundle = std::getenv("AWS_CA_BUNDLE");
  session.http = std::make_shared<stance::aws::LimitedHttpClient>(
      stance::aws::make_curl_http_client(ca_bundle ? ca_bundle : ""), args.max_requests);
  stance::aws::Endpoints endpoints = stance::aws::Endpoints::from_environment(args.endpoint_url);

  session.region = args.regions.empty() ? creds::resolve_region(args.profile).region : args.regions.front();
  if (session.region.empty()) session.region = "us-east-1";

  stance::aws::RetryPolicy retry;
  if (int attempts = args.max_attempts ? args.max_attempts : attempts_from_environment()) retry.max_attempts = attempts;
  stance::aws::HttpOptions http_options;
  http_options.total_timeout = std::chrono::milliseconds(static_cast<long>(args.timeout * 1000));
  http_options.connect_timeout = std::min(http_options.connect_timeout, http_options.total_timeout);

  creds::CredentialChainOptions chain;
  chain.profile = args.profile;
  chain.http = session.http;
  chain.endpoints = endpoints;
  chain.region = session.region;
  chain.sts_retry = retry;
  chain.sts_http = http_options;
  auto provider = creds::make_default_credential_provider(chain);
  session.base = std::make_shared<stance::aws::AwsClient>(session.http, provider, endpoints, retry, http_options);

  const creds::StsSettings sts = creds::sts_settings(chain);
  session.assume_role = [sts](std::shared_ptr<stance::aws::AwsClient> source, const std::string& role_arn,
                              const std::string& external_id) {
    creds::AssumeRoleOptions role;
    role.role_arn = role_arn;
    role.external_id = external_id;
    role.origin = "--role-arn";
    return creds::make_assume_role_provider(source->credentials(), role, sts);
  };
  session.role_arn_template = args.role_arn;
  session.external_id = args.external_id;
  return session;
}

std::shared_ptr<stance::aws::AwsClient> client_for_account(const LiveSession& session, const std::string& account,
                                                           const std::string& caller_account) {
  if (account == caller_account || (caller_account.empty() && session.role_arn_template.empty())) return session.base;
  if (session.role_arn_template.empty()) return nullptr;
  const std::string role = sources::aws::role_arn_for(session.role_arn_template, account);
  auto provider = session.assume_role(session.base, role, session.external_id);
  const auto& b = *session.base;
  return std::make_shared<stance::aws::AwsClient>(b.http(), provider, b.endpoints(), b.retry(), b.http_options());
}

LiveRead read_live(const AwsArgs& args, Streams streams, const LiveReadOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  LiveSession session = open_session(args);
  LiveRead out;

  sources::aws::AccountSelection selection;
  selection.accounts = args.accounts;
  selection.role_arn_template = args.role_arn;
  selection.organization = args.organization;
  selection.role_name = args.role_name;
  selection.external_id = args.external_id;
  selection.include = options.include_account;

  sources::aws::ReadOptions read;
  read.regions = args.regions;
  read.default_region = session.region;
  read.workers = args.max_requests;
  read.read_buckets = options.read_buckets;
  read.read_keys = options.read_keys;
  std::mutex progress_mutex;
  if (options.progress || options.verbosity > 1) {
    read.progress = [&](const std::string& what) {
      std::lock_guard lock(progress_mutex);
      streams.err << "stance: " << what << '\n';
    };
  }

  sources::aws::CollectResult collected =
      sources::aws::collect_accounts(session.base, session.region, selection, read, session.assume_role);
  if (options.verbosity > 0) {
    streams.err << "stance: credentials from " << session.base->credentials()->description();
    if (!collected.caller_arn.empty()) streams.err << " (" << collected.caller_arn << ")";
    streams.err << '\n';
  }
  out.accounts = std::move(collected.accounts);
  out.problems = std::move(collected.problems);
  out.caller_account = collected.caller_account;
  out.caller_arn = collected.caller_arn;
  out.clients = std::move(collected.clients);
  out.api_calls = session.http->requests_sent();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace stance::cli
