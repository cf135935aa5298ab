#include "sources/aws/bucket_reader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <set>

#include "aws/xml.hpp"
#include "common/json_writer.hpp"
#include "sources/aws/reader.hpp"

namespace stance::sources::aws {

namespace {

using stance::aws::AwsClient;
using stance::aws::AwsResponse;
using Sessions = std::map<std::string, std::shared_ptr<AwsClient>>;

ApiCall make_call(const std::string& operation, const std::string& region, const AwsResponse& response) {
  ApiCall call;
  call.operation = operation;
  call.region = response.region.empty() ? region : response.region;
  call.time = utc_now_iso8601();
  if (response.ok()) {
    call.response = response.body;
  } else {
    call.error = ApiError{response.error->code, response.error->message, response.error->http_status};
  }
  return call;
}

// Refusals that another account's session may not get: the bucket or key belongs to someone else.
bool refused(const ApiCall& call) {
  return call.error && (call.error->code == "AccessDenied" || call.error->code == "AccessDeniedException" ||
                        call.error->http_status == 403);
}

// A bucket or key to read and the accounts whose trails name it, in the order met.
struct Wanted {
  std::string region;  // the first naming trail's home region (where to ask first)
  std::vector<std::string> naming_accounts;
  std::set<std::string> trails;
};

// The sessions to try, best first: the preferred account (a key's owner), then the naming accounts, then
// every other scanned account (a bucket's owner is not in its name).
std::vector<std::string> candidates(const Wanted& w, const std::string& preferred, const Sessions& sessions,
                                    bool try_others) {
  std::vector<std::string> out;
  auto add = [&](const std::string& account) {
    if (sessions.count(account) && std::find(out.begin(), out.end(), account) == out.end()) out.push_back(account);
  };
  if (!preferred.empty()) add(preferred);
  for (const auto& a : w.naming_accounts) add(a);
  if (try_others) {
    for (const auto& [account, client] : sessions) add(account);
  }
  return out;
}

// S3's location answer: "" means us-east-1, "EU" the old name of eu-west-1.
std::string located_region(const ApiCall& location) {
  if (location.error) return "";
  auto xml = stance::aws::parse_xml(location.response);
  if (!xml.root || xml.root->name != "LocationConstraint") return "";
  const std::string& text = xml.root->text;
  if (text.empty()) return "us-east-1";
  if (text == "EU") return "eu-west-1";
  return stance::aws::is_region_name(text) ? text : "";
}

RawBucket read_bucket(const std::string& name, const Wanted& wanted, const Sessions& sessions, int workers) {
  RawBucket b;
  b.name = name;
  b.trails.assign(wanted.trails.begin(), wanted.trails.end());
  const std::vector<std::string> tries = candidates(wanted, "", sessions, true);
  stance::aws::S3Request request{.bucket = name, .query = {{"location", ""}}};
  AwsClient* client = nullptr;
  for (const auto& account : tries) {
    AwsClient& c = *sessions.at(account);
    AwsResponse r = c.call_s3(wanted.region, request);
    ApiCall call = make_call("GetBucketLocation", wanted.region, r);
    // The first (naming) account's answer is kept unless a later session is not refused.
    if (!b.location.present() || !refused(call)) {
      b.location = std::move(call);
      b.read_by_account = account;
      client = &c;
    }
    if (!refused(b.location)) break;
  }
  if (!client) return b;  // no session at all: the caller records it
  // Refused to every scanned account: the bucket is another account's; its other calls would be refused too.
  if (refused(b.location)) return b;
  b.region = located_region(b.location);
  if (b.region.empty()) b.region = b.location.region.empty() ? wanted.region : b.location.region;

  const std::vector<ApiCall*> slots = bucket_calls(b);
  parallel_for(slots.size() - 1, workers, [&](std::size_t i) {
    const std::size_t k = i + 1;  // 0 is GetBucketLocation
    static const char* const kQuery[] = {"location", "policy", "policyStatus", "acl", "publicAccessBlock",
                                         "versioning", "logging", "object-lock"};
    stance::aws::S3Request one{.bucket = name, .query = {{kQuery[k], ""}}};
    *slots[k] = make_call(kBucketOperations[k], b.region, client->call_s3(b.region, one));
  });
  return b;
}

// A key's region and account from its ARN (key or alias ARN), else the naming trail's region.
void key_place(const std::string& key_id, std::string& region, std::string& account) {
  // arn:<partition>:kms:<region>:<account>:key/<id> | alias/<name>
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = key_id.find(':', start);
    if (colon == std::string::npos) return;
    parts.push_back(key_id.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts[0] != "arn" || parts[2] != "kms") return;
  if (stance::aws::is_region_name(parts[3])) region = parts[3];
  if (parts[4].size() == 12 && parts[4].find_first_not_of("0123456789") == std::string::npos) account = parts[4];
}

RawKey read_key(const std::string& key_id, const Wanted& wanted, const Sessions& sessions) {
  RawKey k;
  k.key_id = key_id;
  k.trails.assign(wanted.trails.begin(), wanted.trails.end());
  k.region = wanted.region;
  std::string owner;
  key_place(key_id, k.region, owner);
  // A key is read by its owner when that account is scanned; otherwise by the naming accounts (a key policy
  // may let the trail's account describe it).
  const std::vector<std::string> tries = candidates(wanted, owner, sessions, false);
  const std::string body = "{\"KeyId\":" + json::quoted(key_id) + "}";
  AwsClient* client = nullptr;
  for (const auto& account : tries) {
    AwsClient& c = *sessions.at(account);
    ApiCall call = make_call("DescribeKey", k.region, c.call_json("kms", k.region, "DescribeKey", body));
    if (!k.describe.present() || !refused(call)) {
      k.describe = std::move(call);
      k.read_by_account = account;
      client = &c;
    }
    if (!refused(k.describe)) break;
  }
  if (!client) return k;
  // GetKeyRotationStatus takes no alias: ask by the ARN DescribeKey resolved.
  std::string arn = key_id;
  if (!k.describe.error) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    std::string_view resolved;
    if (!parser.parse(k.describe.response).get(doc) && !doc["KeyMetadata"]["Arn"].get(resolved)) {
      arn = std::string(resolved);
    }
  }
  k.rotation = make_call("GetKeyRotationStatus", k.region,
                         client->call_json("kms", k.region, "GetKeyRotationStatus",
                                           "{\"KeyId\":" + json::quoted(arn) + "}"));
  return k;
}

std::size_t account_index(const std::vector<RawAccount>& accounts, const std::string& id) {
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    if (accounts[i].account_id == id) return i;
  }
  return accounts.size();
}

}  // namespace

TrailTargets trail_targets(const RawTrail& trail) {
  TrailTargets out;
  if (!trail.describe.present() || trail.describe.error) return out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array list;
  if (parser.parse(trail.describe.response).get(doc) || doc["trailList"].get(list)) return out;
  for (simdjson::dom::element entry : list) {
    std::string_view arn, bucket, key;
    if (entry["TrailARN"].get(arn) || arn != trail.arn) continue;
    if (!entry["S3BucketName"].get(bucket)) out.bucket = std::string(bucket);
    if (!entry["KmsKeyId"].get(key)) out.key = std::string(key);
    break;
  }
  return out;
}

void read_buckets_and_keys(std::vector<RawAccount>& accounts, const Sessions& sessions,
                           const RelatedReadOptions& options) {
  std::map<std::string, Wanted> buckets, keys;
  for (const auto& account : accounts) {
    for (const auto& trail : account.trails) {
      const TrailTargets targets = trail_targets(trail);
      auto note = [&](std::map<std::string, Wanted>& into, const std::string& id) {
        if (id.empty()) return;
        Wanted& w = into[id];
        if (w.region.empty()) w.region = trail.home_region;
        if (std::find(w.naming_accounts.begin(), w.naming_accounts.end(), account.account_id) ==
            w.naming_accounts.end()) {
          w.naming_accounts.push_back(account.account_id);
        }
        w.trails.insert(trail.arn);
      };
      if (options.buckets) note(buckets, targets.bucket);
      if (options.keys) note(keys, targets.key);
    }
  }
  if (buckets.empty() && keys.empty()) return;

  std::vector<std::pair<const std::string*, const Wanted*>> bucket_list, key_list;
  for (const auto& [name, w] : buckets) bucket_list.emplace_back(&name, &w);
  for (const auto& [id, w] : keys) key_list.emplace_back(&id, &w);
  std::vector<RawBucket> read_buckets(bucket_list.size());
  std::vector<RawKey> read_keys(key_list.size());
  const std::size_t total = bucket_list.size() + key_list.size();
  parallel_for(total, options.workers, [&](std::size_t i) {
    if (i < bucket_list.size()) {
      read_buckets[i] = read_bucket(*bucket_list[i].first, *bucket_list[i].second, sessions, 4);
    } else {
      const std::size_t k = i - bucket_list.size();
      read_keys[k] = read_key(*key_list[k].first, *key_list[k].second, sessions);
    }
  });

  // Each goes to the account whose session read it (else the first naming account, with its errors).
  auto owner_of = [&](const std::string& read_by, const Wanted& w) {
    std::size_t i = account_index(accounts, read_by);
    return i < accounts.size() ? i : account_index(accounts, w.naming_accounts.front());
  };
  std::set<std::size_t> bucket_readers;
  for (std::size_t i = 0; i < read_buckets.size(); ++i) {
    RawBucket& b = read_buckets[i];
    const std::size_t a = owner_of(b.read_by_account, *bucket_list[i].second);
    if (a >= accounts.size()) continue;
    if (b.read_by_account.empty()) b.read_by_account = accounts[a].account_id;
    if (!b.location.present()) {
      b.location = ApiCall{"GetBucketLocation", bucket_list[i].second->region, utc_now_iso8601(), "",
                           ApiError{"NoSession", "no scanned account's credentials could read this bucket", 0}};
    }
    if (!refused(b.location) && !b.location.error) bucket_readers.insert(a);
    accounts[a].buckets.push_back(std::move(b));
  }
  for (std::size_t i = 0; i < read_keys.size(); ++i) {
    RawKey& k = read_keys[i];
    const std::size_t a = owner_of(k.read_by_account, *key_list[i].second);
    if (a >= accounts.size()) continue;
    if (k.read_by_account.empty()) k.read_by_account = accounts[a].account_id;
    if (!k.describe.present()) {
      k.describe = ApiCall{"DescribeKey", k.region, utc_now_iso8601(), "",
                           ApiError{"NoSession", "no scanned account's credentials could read this key", 0}};
    }
    accounts[a].keys.push_back(std::move(k));
  }
  // Block Public Access at account level: once per account whose session read a bucket, in a region where
  // one of its buckets is (s3control is regional but the setting is account-wide).
  std::vector<std::size_t> readers(bucket_readers.begin(), bucket_readers.end());
  parallel_for(readers.size(), options.workers, [&](std::size_t i) {
    RawAccount& account = accounts[readers[i]];
    auto session = sessions.find(account.account_id);
    if (session == sessions.end()) return;
    std::string region = account.buckets.empty() ? options.default_region : account.buckets.front().region;
    if (region.empty()) region = options.default_region;
    account.account_public_access_block =
        make_call("GetPublicAccessBlock", region,
                  session->second->call_s3control(region, account.account_id,
                                                  {.path = "/v20180820/configuration/publicAccessBlock"}));
  });
}

}  // namespace stance::sources::aws
