#include "watch/affected.hpp"

#include <algorithm>
#include <map>

namespace stance::watch {

namespace {

// "arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME" -> its parts; empty when it is not a trail ARN.
struct TrailArn {
  std::string region, account, name;
};
TrailArn split_trail_arn(const std::string& arn) {
  TrailArn out;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    std::size_t colon = arn.find(':', start);
    if (colon == std::string::npos) return {};
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string rest = arn.substr(start);
  if (parts[0] != "arn" || parts[2] != "cloudtrail" || rest.rfind("trail/", 0) != 0) return {};
  out.region = parts[3];
  out.account = parts[4];
  out.name = rest.substr(6);
  return out;
}

bool names_trail(const ChangeEvent& event, const model::Trail& trail) {
  if (event.resource.empty()) return trail.home_region == event.region;  // unnamed: every trail of the region
  if (event.resource.rfind("arn:", 0) == 0) return event.resource == trail.arn;
  const TrailArn parts = split_trail_arn(trail.arn);
  return parts.name == event.resource && parts.region == event.region && parts.account == event.account;
}

// A key is named by ID, ARN or alias; a trail's KmsKeyId by ARN or alias (DescribeTrails gives the ARN).
bool same_key(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  auto tail = [](const std::string& s) {
    auto slash = s.rfind(':');
    std::string t = slash == std::string::npos ? s : s.substr(slash + 1);
    if (t.rfind("key/", 0) == 0) t.erase(0, 4);
    return t;
  };
  return tail(a) == tail(b);
}

}  // namespace

std::vector<Rescan> plan_rescans(const std::vector<ChangeEvent>& events) {
  std::map<std::string, Rescan> by_account;
  for (const ChangeEvent& e : events) {
    Rescan& r = by_account[e.account];
    r.account = e.account;
    r.events.push_back(e);
  }
  std::vector<Rescan> out;
  for (auto& [account, rescan] : by_account) {
    bool whole_account = false;
    for (const auto& e : rescan.events) {
      if (e.target != EventTarget::Trail) whole_account = true;
      if (std::find(rescan.regions.begin(), rescan.regions.end(), e.region) == rescan.regions.end()) {
        rescan.regions.push_back(e.region);
      }
    }
    if (whole_account) rescan.regions.clear();
    std::sort(rescan.regions.begin(), rescan.regions.end());
    out.push_back(std::move(rescan));
  }
  return out;
}

AffectedResources::AffectedResources(const Rescan& rescan, const std::vector<model::Trail>& trails) {
  for (const ChangeEvent& e : rescan.events) {
    if (e.target == EventTarget::Bucket) buckets_.insert(e.resource);
    if (e.target == EventTarget::Key) keys_.insert(e.resource);
  }
  for (const model::Trail& trail : trails) {
    for (const ChangeEvent& e : rescan.events) {
      bool hit = false;
      switch (e.target) {
        case EventTarget::Trail: hit = names_trail(e, trail); break;
        case EventTarget::Bucket:
          hit = e.resource.empty() || (trail.s3_bucket_name.known() && *trail.s3_bucket_name == e.resource);
          break;
        case EventTarget::Key:
          hit = e.resource.empty() || (trail.kms_key_id.known() && same_key(*trail.kms_key_id, e.resource));
          break;
      }
      if (hit && !trail.arn.empty()) trail_arns_.insert(trail.arn);
    }
  }
}

bool AffectedResources::keeps(const engine::Finding& finding) const {
  const auto& r = finding.resource;
  if (r.type == "AWS::CloudTrail::Trail") return trail_arns_.count(r.id) > 0;
  if (r.type == "AWS::S3::Bucket") {
    return buckets_.count(r.name) > 0 || buckets_.count(r.id) > 0 || buckets_.count("") > 0;
  }
  if (r.type == "AWS::KMS::Key") {
    for (const auto& k : keys_) {
      if (k.empty() || same_key(k, r.id) || same_key(k, r.name)) return true;
    }
  }
  return false;
}

}  // namespace stance::watch
