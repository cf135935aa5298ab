#include "sources/aws/snapshot.hpp"

#include <charconv>
#include <exception>
#include <new>
#include <optional>
#include <sstream>

#include "common/json_writer.hpp"
#include "sources/aws/json_node.hpp"
#include "sources/aws/trail_adapter.hpp"
#include "sources/cloudformation/file_reading.hpp"

namespace stance::sources::aws {

namespace {

// Snapshots of large organizations are bigger than templates; the document tree bounds the node count.
constexpr std::size_t kMaxSnapshotBytes = 512u << 20;

// --- Writing ----------------------------------------------------------------------------------------

void write_error(json::Writer& w, const ApiError& e) {
  w.key("error").begin_object();
  w.field("code", e.code).field("message", e.message).field("http_status", e.http_status);
  w.end_object();
}

void write_call(json::Writer& w, const ApiCall& call) {
  w.begin_object();
  w.field("operation", call.operation).field("region", call.region).field("time", call.time);
  if (call.error) write_error(w, *call.error);
  if (!call.error || !call.response.empty()) {
    doc::ParseResult parsed = doc::parse(call.response, doc::Syntax::Json);
    if (parsed.document && parsed.document->root) {
      w.key("response");
      write_json(w, *parsed.document->root);
    } else {
      w.field("response_text", call.response);  // as received, e.g. a truncated body
    }
  }
  w.end_object();
}

void write_trail(json::Writer& w, const RawTrail& t) {
  w.begin_object();
  w.field("arn", t.arn).field("home_region", t.home_region).field("account_id", t.account_id);
  w.field("seen_from_account", t.seen_from_account);
  w.key("calls").begin_array();
  for (const ApiCall* call : {&t.describe, &t.event_selectors, &t.status}) {
    if (call->present()) write_call(w, *call);
  }
  w.end_array();
  w.end_object();
}

void write_names(json::Writer& w, const char* key, const std::vector<std::string>& names) {
  w.key(key).begin_array();
  for (const auto& n : names) w.value(n);
  w.end_array();
}

void write_bucket(json::Writer& w, const RawBucket& b) {
  w.begin_object();
  w.field("name", b.name).field("region", b.region).field("read_by_account", b.read_by_account);
  write_names(w, "trails", b.trails);
  w.key("calls").begin_array();
  for (const ApiCall* call : bucket_calls(b)) {
    if (call->present()) write_call(w, *call);
  }
  w.end_array();
  w.end_object();
}

void write_key(json::Writer& w, const RawKey& k) {
  w.begin_object();
  w.field("key_id", k.key_id).field("region", k.region).field("read_by_account", k.read_by_account);
  write_names(w, "trails", k.trails);
  w.key("calls").begin_array();
  for (const ApiCall* call : {&k.describe, &k.rotation}) {
    if (call->present()) write_call(w, *call);
  }
  w.end_array();
  w.end_object();
}

void write_problem(json::Writer& w, const RawProblem& p) {
  w.begin_object();
  w.field("call", p.call).field("account_id", p.account_id).field("region", p.region);
  write_error(w, p.error);
  w.end_object();
}

void write_account(json::Writer& w, const RawAccount& a) {
  w.begin_object();
  w.field("account_id", a.account_id);
  w.key("regions").begin_array();
  for (const auto& r : a.regions) w.value(r);
  w.end_array();
  w.key("problems").begin_array();
  for (const auto& p : a.problems) write_problem(w, p);
  w.end_array();
  w.key("trails").begin_array();
  for (const auto& t : a.trails) write_trail(w, t);
  w.end_array();
  // Written only when read (a rule needed them), so a trails-only collection's file is unchanged.
  if (!a.buckets.empty()) {
    w.key("buckets").begin_array();
    for (const auto& b : a.buckets) write_bucket(w, b);
    w.end_array();
  }
  if (!a.keys.empty()) {
    w.key("keys").begin_array();
    for (const auto& k : a.keys) write_key(w, k);
    w.end_array();
  }
  if (a.account_public_access_block.present()) {
    w.key("account_public_access_block");
    write_call(w, a.account_public_access_block);
  }
  w.end_object();
}

// --- Reading ----------------------------------------------------------------------------------------

class Reader {
 public:
  Reader(const std::string& path, SnapshotRead& out) : path_(path), out_(out) {}

  void read(const doc::Node& root) {
    if (!root.is_mapping()) return error("a snapshot is a JSON object", root);
    const doc::Node* version = root.get("stance_snapshot");
    if (!version) return error("not a stance snapshot: \"stance_snapshot\" is missing", root);
    if (!version->is_scalar() || version->quoted()) {
      return error("\"stance_snapshot\" must be the format version, a number, not " + json_type(*version),
                   *version);
    }
    if (version->text != std::to_string(kSnapshotVersion)) {
      return error("snapshot format version " + version->text +
                       " is not supported (this stance reads version " + std::to_string(kSnapshotVersion) +
                       ")",
                   *version);
    }
    if (const doc::Node* tool = root.get("tool"); tool && object(*tool, "tool")) {
      out_.meta.tool_version = string(*tool, "version", "tool.version");
    }
    out_.meta.collected_at = string(root, "collected_at", "collected_at");
    if (const doc::Node* problems = list(root, "problems", "problems", false)) {
      for (const auto& item : problems->items) {
        if (auto p = problem(*item, "")) out_.collection_problems.push_back(std::move(*p));
      }
    }
    const doc::Node* accounts = list(root, "accounts", "accounts", /*required=*/true);
    if (!accounts) return;
    for (const auto& item : accounts->items) {
      if (!object(*item, "an account")) continue;
      out_.accounts.push_back(account(*item));
    }
    // A collection always reads at least the caller's account or records why it could not: a snapshot with
    // neither audited nothing, and must not scan as a clean result.
    if (out_.accounts.empty() && out_.problems.empty() && out_.errors.empty()) {
      error("the snapshot holds no accounts and no problems: the collection read nothing, so nothing can be audited",
            *accounts);
    }
  }

 private:
  void error(const std::string& message, const doc::Node& at) { out_.errors.push_back(located(message, at)); }
  engine::ScanError located(const std::string& message, const doc::Node& at) const {
    return {path_, message, model::Location::in_file(path_, at.mark.line, at.mark.column)};
  }

  bool object(const doc::Node& node, const std::string& what) {
    if (node.is_mapping()) return true;
    error(what + " must be a JSON object, not " + json_type(node), node);
    return false;
  }

  const doc::Node* list(const doc::Node& owner, std::string_view key, const std::string& what,
                        bool required) {
    const doc::Node* n = owner.get(key);
    if (!n) {
      if (required) error(what + " is missing", owner);
      return nullptr;
    }
    if (n->is_sequence()) return n;
    error(what + " must be a list, not " + json_type(*n), *n);
    return nullptr;
  }

  // An optional string field ("" when absent); `missing` non-empty makes it required.
  std::string string(const doc::Node& owner, std::string_view key, const std::string& what,
                     const std::string& missing = {}) {
    const doc::Node* n = owner.get(key);
    if (!n || is_json_null(*n)) {
      if (!missing.empty()) error(missing, owner);
      return {};
    }
    if (!is_json_string(*n)) {
      error(what + " must be a string, not " + json_type(*n), *n);
      return {};
    }
    return n->text;
  }

  std::vector<std::string> strings(const doc::Node& owner, std::string_view key, const std::string& what) {
    std::vector<std::string> out;
    const doc::Node* n = list(owner, key, what, false);
    if (!n) return out;
    for (const auto& item : n->items) {
      if (is_json_string(*item)) {
        out.push_back(item->text);
      } else {
        error(what + " must hold strings, not " + json_type(*item), *item);
      }
    }
    return out;
  }

  std::optional<ApiError> api_error(const doc::Node& owner, const std::string& what) {
    const doc::Node* n = owner.get("error");
    if (!n || is_json_null(*n) || !object(*n, what + ".error")) return std::nullopt;
    ApiError e;
    e.code = string(*n, "code", "error.code", "error.code is missing");
    e.message = string(*n, "message", "error.message");
    if (const doc::Node* status = n->get("http_status"); status && !is_json_null(*status)) {
      const char* end = status->text.data() + status->text.size();
      auto [ptr, ec] = std::from_chars(status->text.data(), end, e.http_status);
      if (status->quoted() || !status->is_scalar() || ec != std::errc() || ptr != end) {
        error("error.http_status must be an integer, not " + json_type(*status), *status);
      }
    }
    return e;
  }

  // One entry of a "problems" list, also recorded as a located scan error.
  std::optional<RawProblem> problem(const doc::Node& item, const std::string& account_id) {
    if (!object(item, "a problem")) return std::nullopt;
    RawProblem p;
    p.call = string(item, "call", "call", "call is missing");
    p.account_id = item.get("account_id") ? string(item, "account_id", "account_id") : account_id;
    p.region = string(item, "region", "region");
    if (auto e = api_error(item, "the problem")) {
      p.error = *e;
    } else {
      error("a problem needs its error", item);
    }
    out_.problems.push_back(located(describe_problem(p), item));
    out_.problems.back().source = "aws:" + p.call;
    return p;
  }

  RawAccount account(const doc::Node& node) {
    RawAccount a;
    a.account_id = string(node, "account_id", "account_id", "account_id is missing");
    a.regions = strings(node, "regions", "regions");
    if (const doc::Node* problems = list(node, "problems", "problems", false)) {
      for (const auto& item : problems->items) {
        if (auto p = problem(*item, a.account_id)) a.problems.push_back(std::move(*p));
      }
    }
    if (const doc::Node* trails = list(node, "trails", "trails", false)) {
      for (const auto& item : trails->items) {
        if (!object(*item, "a trail")) continue;
        if (auto t = trail(*item)) a.trails.push_back(std::move(*t));
      }
    }
    if (const doc::Node* buckets = list(node, "buckets", "buckets", false)) {
      for (const auto& item : buckets->items) {
        if (!object(*item, "a bucket")) continue;
        if (auto b = bucket(*item)) a.buckets.push_back(std::move(*b));
      }
    }
    if (const doc::Node* keys = list(node, "keys", "keys", false)) {
      for (const auto& item : keys->items) {
        if (!object(*item, "a key")) continue;
        if (auto k = key(*item)) a.keys.push_back(std::move(*k));
      }
    }
    if (const doc::Node* block = node.get("account_public_access_block"); block && object(*block, "a call")) {
      a.account_public_access_block = call(*block);
      if (a.account_public_access_block.operation != "GetPublicAccessBlock") {
        error("account_public_access_block must be a GetPublicAccessBlock call", *block);
        a.account_public_access_block = {};
      }
    }
    return a;
  }

  // One entry of a "calls" list.
  ApiCall call(const doc::Node& item) {
    ApiCall c;
    c.operation = string(item, "operation", "operation", "a call needs its operation");
    c.region = string(item, "region", "region");
    c.time = string(item, "time", "time");
    c.error = api_error(item, "the call");
    if (const doc::Node* response = item.get("response")) {
      c.response = to_json(*response);
    } else if (item.get("response_text")) {
      c.response = string(item, "response_text", "response_text");
    } else if (!c.error) {
      error("a call needs its response, response_text or error", item);
    }
    return c;
  }

  // Files the calls of a bucket or key into their slots by operation: an unknown operation is a warning, a
  // second call of one operation an error.
  void file_calls(const doc::Node* calls, const std::vector<std::pair<const char*, ApiCall*>>& slots,
                  const std::string& owner) {
    if (!calls) return;
    for (const auto& item : calls->items) {
      if (!object(*item, "a call")) continue;
      ApiCall c = call(*item);
      ApiCall* slot = nullptr;
      for (const auto& [operation, target] : slots) {
        if (c.operation == operation) slot = target;
      }
      if (!slot) {
        if (!c.operation.empty()) {
          out_.warnings.push_back(located("call " + c.operation + " is not used by this stance; ignored", *item));
        }
        continue;
      }
      if (slot->present()) {
        error("a second " + c.operation + " call for " + owner, *item);
        continue;
      }
      *slot = std::move(c);
    }
  }

  std::optional<RawBucket> bucket(const doc::Node& node) {
    RawBucket b;
    b.name = string(node, "name", "name", "a bucket needs its name; the bucket is skipped");
    if (b.name.empty()) return std::nullopt;
    b.region = string(node, "region", "region");
    b.read_by_account = string(node, "read_by_account", "read_by_account");
    b.trails = strings(node, "trails", "trails");
    std::vector<std::pair<const char*, ApiCall*>> slots;
    const std::vector<ApiCall*> members = bucket_calls(b);
    for (std::size_t i = 0; i < members.size(); ++i) slots.emplace_back(kBucketOperations[i], members[i]);
    file_calls(list(node, "calls", "calls", true), slots, "bucket " + b.name);
    return b;
  }

  std::optional<RawKey> key(const doc::Node& node) {
    RawKey k;
    k.key_id = string(node, "key_id", "key_id", "a key needs its key_id; the key is skipped");
    if (k.key_id.empty()) return std::nullopt;
    k.region = string(node, "region", "region");
    k.read_by_account = string(node, "read_by_account", "read_by_account");
    k.trails = strings(node, "trails", "trails");
    file_calls(list(node, "calls", "calls", true),
               {{"DescribeKey", &k.describe}, {"GetKeyRotationStatus", &k.rotation}}, "key " + k.key_id);
    return k;
  }

  std::optional<RawTrail> trail(const doc::Node& node) {
    RawTrail t;
    t.arn = string(node, "arn", "arn", "a trail needs its arn; the trail is skipped");
    if (t.arn.empty()) return std::nullopt;
    t.home_region = string(node, "home_region", "home_region");
    t.account_id = string(node, "account_id", "account_id");
    t.seen_from_account = string(node, "seen_from_account", "seen_from_account");
    const doc::Node* calls = list(node, "calls", "calls", true);
    if (!calls) return t;  // no calls: the adapter reports each as not called
    for (const auto& item : calls->items) {
      if (!object(*item, "a call")) continue;
      ApiCall call;
      call.operation = string(*item, "operation", "operation", "a call needs its operation");
      call.region = string(*item, "region", "region");
      call.time = string(*item, "time", "time");
      call.error = api_error(*item, "the call");
      if (const doc::Node* response = item->get("response")) {
        call.response = to_json(*response);
      } else if (item->get("response_text")) {
        call.response = string(*item, "response_text", "response_text");
      } else if (!call.error) {
        error("a call needs its response, response_text or error", *item);
      }
      ApiCall* slot = call.operation == "DescribeTrails"      ? &t.describe
                      : call.operation == "GetEventSelectors" ? &t.event_selectors
                      : call.operation == "GetTrailStatus"    ? &t.status
                                                              : nullptr;
      if (!slot) {
        if (!call.operation.empty()) {
          out_.warnings.push_back(
              located("call " + call.operation + " is not used by this stance; ignored", *item));
        }
        continue;
      }
      if (slot->present()) {
        error("a second " + call.operation + " call for trail " + t.arn, *item);
        continue;
      }
      *slot = std::move(call);
    }
    return t;
  }

  const std::string& path_;
  SnapshotRead& out_;
};

SnapshotRead internal_error(const std::string& path, const char* what) {
  SnapshotRead out;
  out.errors.push_back({path, std::string("internal error while reading the snapshot: ") + what,
                        model::Location::in_file(path)});
  return out;
}

}  // namespace

std::string write_snapshot(const std::vector<RawAccount>& accounts, const SnapshotMeta& meta,
                           const std::vector<RawProblem>& problems) {
  std::ostringstream text;
  json::Writer w(text);
  w.begin_object();
  w.field("stance_snapshot", kSnapshotVersion);
  w.key("tool").begin_object().field("name", "stance").field("version", meta.tool_version).end_object();
  w.field("collected_at", meta.collected_at);
  // Written only when there are some, so a complete collection's file is what earlier versions wrote.
  if (!problems.empty()) {
    w.key("problems").begin_array();
    for (const auto& p : problems) write_problem(w, p);
    w.end_array();
  }
  w.key("accounts").begin_array();
  for (const auto& a : accounts) write_account(w, a);
  w.end_array();
  w.end_object();
  w.finish();
  return text.str();
}

SnapshotRead read_snapshot_root(const doc::Node& root, const std::string& path) {
  SnapshotRead out;
  try {
    Reader(path, out).read(root);
  } catch (const std::bad_alloc&) {
    return internal_error(path, "out of memory");
  } catch (const std::exception& e) {
    return internal_error(path, e.what());
  }
  return out;
}

SnapshotRead read_snapshot_text(std::string_view text, const std::string& path) {
  doc::ParseResult parsed = doc::parse(text, doc::Syntax::Json);
  if (!parsed.document || !parsed.document->root) {
    SnapshotRead out;
    const std::string why = parsed.document ? "the file is empty" : "not valid JSON: " + parsed.error.message;
    out.errors.push_back(
        {path, why, model::Location::in_file(path, parsed.error.mark.line, parsed.error.mark.column)});
    return out;
  }
  return read_snapshot_root(*parsed.document->root, path);
}

SnapshotRead read_snapshot(const std::string& path) {
  cloudformation::FileText file = cloudformation::read_file(path, kMaxSnapshotBytes);
  if (!file.text) {
    SnapshotRead out;
    out.errors.push_back({path, file.error, model::Location::in_file(path)});
    return out;
  }
  return read_snapshot_text(*file.text, path);
}

SourceResult scan_snapshot(SnapshotRead read, const std::string& path) {
  SourceResult out = adapt_accounts(read.accounts, model::SourceKind::Snapshot);
  out.files_scanned = 1;
  out.errors = std::move(read.errors);  // the recorded problems instead of adapt_accounts' unlocated ones
  out.errors.insert(out.errors.end(), read.problems.begin(), read.problems.end());
  out.warnings = std::move(read.warnings);
  std::string summary = "read snapshot " + path;
  if (!read.meta.collected_at.empty()) summary += " collected at " + read.meta.collected_at;
  if (!read.meta.tool_version.empty()) summary += " by stance " + read.meta.tool_version;
  out.notes.insert(out.notes.begin(), summary);
  return out;
}

SourceResult scan_snapshot_file(const std::string& path) { return scan_snapshot(read_snapshot(path), path); }

}  // namespace stance::sources::aws
