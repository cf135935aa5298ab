#include "sources/aws/reader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <thread>

#include "aws/xml.hpp"
#include "common/json_writer.hpp"

namespace stance::sources::aws {

namespace {

using stance::aws::AwsClient;
using stance::aws::AwsResponse;

constexpr std::size_t kDescribeBatch = 20;  // ARNs per DescribeTrails call

// A token bucket per region: acquire() waits until the region's rate allows one more call. The bucket holds
// half a second's worth, so a burst after an idle spell stays well inside AWS's own bucket.
class RegionPacer {
 public:
  explicit RegionPacer(double per_second) : per_second_(per_second) {}

  // Call options that pace every attempt of a call (retries too) to `region`.
  stance::aws::CallOptions options(const std::string& region) {
    stance::aws::CallOptions o;
    if (per_second_ > 0) o.before_attempt = [this, region] { acquire(region); };
    return o;
  }

  void acquire(const std::string& region) {
    if (per_second_ <= 0) return;
    std::chrono::steady_clock::time_point when;
    {
      std::lock_guard lock(mutex_);
      const auto now = std::chrono::steady_clock::now();
      const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(1.0 / per_second_));
      auto& next = next_free_[region];
      const auto burst_floor = now - interval * std::max(1, static_cast<int>(per_second_ / 2));
      if (next < burst_floor) next = burst_floor;
      when = next;
      next += interval;
    }
    std::this_thread::sleep_until(when);
  }

 private:
  double per_second_;
  std::mutex mutex_;
  std::map<std::string, std::chrono::steady_clock::time_point> next_free_;
};

// Orders indices so consecutive ones belong to different regions (round-robin), so the requests in flight
// spread over regions instead of queueing on one region's rate limit.
std::vector<std::size_t> interleave_by_region(const std::vector<std::string>& regions) {
  std::map<std::string, std::vector<std::size_t>> by_region;
  for (std::size_t i = 0; i < regions.size(); ++i) by_region[regions[i]].push_back(i);
  std::vector<std::size_t> order;
  for (std::size_t round = 0; order.size() < regions.size(); ++round) {
    for (const auto& [region, indices] : by_region) {
      if (round < indices.size()) order.push_back(indices[round]);
    }
  }
  return order;
}


ApiError to_api_error(const stance::aws::AwsError& e) { return ApiError{e.code, e.message, e.http_status}; }

ApiError malformed(const std::string& what) { return ApiError{"MalformedResponse", what, 0}; }

ApiCall make_call(const std::string& operation, const std::string& region, const AwsResponse& response) {
  ApiCall call;
  call.operation = operation;
  call.region = region;
  call.time = utc_now_iso8601();
  if (response.ok()) {
    call.response = response.body;
  } else {
    call.error = to_api_error(*response.error);
  }
  return call;
}

struct ListedTrail {
  std::string arn;
  std::string home_region;
};

// Every page of ListTrails in one region.
std::optional<ApiError> list_trails(AwsClient& client, const std::string& region, std::vector<ListedTrail>& out,
                                    RegionPacer& pacer) {
  std::string token;
  simdjson::dom::parser parser;
  do {
    const std::string body = token.empty() ? "{}" : "{\"NextToken\":" + json::quoted(token) + "}";
    AwsResponse r = client.call_json("cloudtrail", region, "ListTrails", body, pacer.options(region));
    if (!r.ok()) return to_api_error(*r.error);
    simdjson::dom::element doc;
    if (parser.parse(r.body).get(doc) || !doc.is_object()) return malformed("ListTrails: the response is not a JSON object");
    simdjson::dom::array trails;
    if (!doc["Trails"].get(trails)) {
      for (simdjson::dom::element t : trails) {
        std::string_view arn, home;
        if (t["TrailARN"].get(arn) || t["HomeRegion"].get(home)) {
          return malformed("ListTrails: a trail without TrailARN or HomeRegion");
        }
        out.push_back({std::string(arn), std::string(home)});
      }
    }
    std::string_view next;
    token = doc["NextToken"].get(next) ? std::string() : std::string(next);
  } while (!token.empty());
  return std::nullopt;
}

std::vector<std::string> describe_regions(AwsClient& client, const std::string& region, std::optional<ApiError>& error) {
  std::vector<std::string> regions;
  AwsResponse r = client.call_query("ec2", region, "DescribeRegions", {});
  if (!r.ok()) {
    error = to_api_error(*r.error);
    return regions;
  }
  auto xml = stance::aws::parse_xml(r.body);
  const auto* info = xml.root ? xml.root->child("regionInfo") : nullptr;
  if (!info) {
    error = malformed("DescribeRegions: no regionInfo in the response" + (xml.error.empty() ? "" : ": " + xml.error));
    return regions;
  }
  for (const auto& item : info->children) {
    if (std::string name = item.text_at({"regionName"}); !name.empty()) regions.push_back(name);
  }
  std::sort(regions.begin(), regions.end());
  return regions;
}

std::string account_of_arn(const std::string& arn) {
  // arn:partition:service:region:account:resource
  std::size_t pos = 0;
  for (int field = 0; field < 4; ++field) {
    pos = arn.find(':', pos);
    if (pos == std::string::npos) return "";
    ++pos;
  }
  auto end = arn.find(':', pos);
  return end == std::string::npos ? "" : arn.substr(pos, end - pos);
}

// One DescribeTrails call for a batch of ARNs homed in `region`; fills each trail's `describe`.
void describe_batch(AwsClient& client, const std::string& region, std::vector<RawTrail*> batch, RegionPacer& pacer) {
  std::string names = "[";
  for (std::size_t i = 0; i < batch.size(); ++i) names += (i ? "," : "") + json::quoted(batch[i]->arn);
  names += "]";
  AwsResponse r = client.call_json("cloudtrail", region, "DescribeTrails",
                                   "{\"trailNameList\":" + names + ",\"includeShadowTrails\":true}", pacer.options(region));
  const std::string time = utc_now_iso8601();
  auto fail_all = [&](const ApiError& e) {
    for (RawTrail* t : batch) t->describe = ApiCall{"DescribeTrails", region, time, "", e};
  };
  if (!r.ok()) {
    // Permissions can be granted per trail ARN: when a batch is refused, ask for each trail alone so one
    // denied trail does not make the others unreadable. (Throttling etc. were already retried.)
    if (batch.size() > 1 && !stance::aws::is_retryable(r.error->code, r.error->http_status)) {
      for (RawTrail* t : batch) describe_batch(client, region, {t}, pacer);
      return;
    }
    return fail_all(to_api_error(*r.error));
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array list;
  if (parser.parse(r.body).get(doc) || doc["trailList"].get(list)) {
    return fail_all(malformed("DescribeTrails: no trailList in the response"));
  }
  std::map<std::string, std::string> by_arn;
  for (simdjson::dom::element entry : list) {
    std::string_view arn;
    if (!entry["TrailARN"].get(arn)) by_arn[std::string(arn)] = simdjson::minify(entry);
  }
  for (RawTrail* t : batch) {
    auto it = by_arn.find(t->arn);
    if (it == by_arn.end()) {
      t->describe = ApiCall{"DescribeTrails", region, time, "",
                            ApiError{"TrailNotFoundException", "DescribeTrails did not return this trail", 0}};
    } else {
      t->describe = ApiCall{"DescribeTrails", region, time, "{\"trailList\":[" + it->second + "]}", std::nullopt};
    }
  }
}

}  // namespace

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

void parallel_for(std::size_t count, int workers, const std::function<void(std::size_t)>& fn) {
  const std::size_t threads = std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, workers)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) fn(i);
    });
  }
  for (auto& th : pool) th.join();
}

RawAccount read_account(AwsClient& client, const std::string& account_id, const ReadOptions& options) {
  RawAccount account;
  account.account_id = account_id;
  std::mutex mutex;  // guards account.problems and `listed`
  RegionPacer pacer(options.calls_per_second_per_region);

  account.regions = options.regions;
  if (account.regions.empty()) {
    std::optional<ApiError> error;
    account.regions = describe_regions(client, options.default_region, error);
    if (error) {
      account.problems.push_back({account_id, options.default_region, "ec2:DescribeRegions", *error});
      account.regions = {options.default_region};  // still read the one region we know
    }
  }

  std::map<std::string, std::string> listed;  // ARN -> home region
  parallel_for(account.regions.size(), options.workers, [&](std::size_t i) {
    const std::string& region = account.regions[i];
    std::vector<ListedTrail> trails;
    std::optional<ApiError> error = list_trails(client, region, trails, pacer);
    std::lock_guard lock(mutex);
    if (error) account.problems.push_back({account_id, region, "cloudtrail:ListTrails", *error});
    for (const auto& t : trails) listed.emplace(t.arn, t.home_region);
    if (options.progress) options.progress(region + ": " + std::to_string(trails.size()) + " trails listed");
  });

  for (const auto& [arn, home] : listed) {
    RawTrail t;
    t.arn = arn;
    t.home_region = home;
    t.account_id = account_of_arn(arn);
    t.seen_from_account = account_id;
    account.trails.push_back(std::move(t));
  }

  // DescribeTrails: batches of ARNs per home region.
  std::vector<std::pair<std::string, std::vector<RawTrail*>>> batches;
  {
    std::map<std::string, std::vector<RawTrail*>> by_region;
    for (auto& t : account.trails) by_region[t.home_region].push_back(&t);
    for (auto& [region, trails] : by_region) {
      for (std::size_t i = 0; i < trails.size(); i += kDescribeBatch) {
        batches.emplace_back(region, std::vector<RawTrail*>(trails.begin() + static_cast<std::ptrdiff_t>(i),
                                                           trails.begin() + static_cast<std::ptrdiff_t>(
                                                               std::min(trails.size(), i + kDescribeBatch))));
      }
    }
  }
  // All per-trail calls in one pool: the describe batches, then two calls per trail, in round-robin order
  // over regions so the requests in flight are spread over the regions' separate rate limits.
  struct Task {
    std::size_t batch = 0;
    RawTrail* trail = nullptr;
    bool selectors = false;
  };
  std::vector<Task> tasks;
  std::vector<std::string> task_regions;
  for (std::size_t b = 0; b < batches.size(); ++b) {
    tasks.push_back({b, nullptr, false});
    task_regions.push_back(batches[b].first);
  }
  for (auto& t : account.trails) {
    for (bool selectors : {true, false}) {
      tasks.push_back({0, &t, selectors});
      task_regions.push_back(t.home_region);
    }
  }
  const std::vector<std::size_t> order = interleave_by_region(task_regions);
  parallel_for(order.size(), options.workers, [&](std::size_t k) {
    const Task& task = tasks[order[k]];
    if (!task.trail) return describe_batch(client, batches[task.batch].first, batches[task.batch].second, pacer);
    RawTrail& t = *task.trail;
    const std::string body_name = json::quoted(t.arn);
    const stance::aws::CallOptions paced = pacer.options(t.home_region);
    if (task.selectors) {
      t.event_selectors = make_call("GetEventSelectors", t.home_region,
                                    client.call_json("cloudtrail", t.home_region, "GetEventSelectors",
                                                     "{\"TrailName\":" + body_name + "}", paced));
    } else {
      t.status = make_call("GetTrailStatus", t.home_region,
                           client.call_json("cloudtrail", t.home_region, "GetTrailStatus",
                                            "{\"Name\":" + body_name + "}", paced));
    }
  });
  if (options.progress) options.progress(account_id + ": " + std::to_string(account.trails.size()) + " trails read");
  return account;
}

CallerIdentity get_caller_identity(AwsClient& client, const std::string& region) {
  CallerIdentity id;
  AwsResponse r = client.call_query("sts", region, "GetCallerIdentity", {});
  if (!r.ok()) {
    id.error = to_api_error(*r.error);
    return id;
  }
  auto xml = stance::aws::parse_xml(r.body);
  if (xml.root) {
    id.account = xml.root->text_at({"GetCallerIdentityResult", "Account"});
    id.arn = xml.root->text_at({"GetCallerIdentityResult", "Arn"});
  }
  if (id.account.empty()) id.error = malformed("GetCallerIdentity: no Account in the response");
  return id;
}

OrganizationAccounts list_organization_accounts(AwsClient& client, const std::string& region) {
  OrganizationAccounts out;
  std::string token;
  simdjson::dom::parser parser;
  do {
    const std::string body = token.empty() ? "{}" : "{\"NextToken\":" + json::quoted(token) + "}";
    AwsResponse r = client.call_json("organizations", region, "ListAccounts", body);
    if (!r.ok()) {
      out.error = to_api_error(*r.error);
      return out;
    }
    simdjson::dom::element doc;
    simdjson::dom::array accounts;
    if (parser.parse(r.body).get(doc) || doc["Accounts"].get(accounts)) {
      out.error = malformed("ListAccounts: no Accounts in the response");
      return out;
    }
    for (simdjson::dom::element a : accounts) {
      std::string_view id, name, status;
      if (a["Id"].get(id)) continue;
      if (a["Name"].get(name)) name = "";
      if (a["Status"].get(status)) status = "";
      out.accounts.push_back({std::string(id), std::string(name), std::string(status)});
    }
    std::string_view next;
    token = doc["NextToken"].get(next) ? std::string() : std::string(next);
  } while (!token.empty());
  return out;
}

}  // namespace stance::sources::aws
