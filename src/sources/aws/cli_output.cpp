#include "sources/aws/cli_output.hpp"

#include <map>

#include "sources/aws/json_node.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace stance::sources::aws {

namespace {

engine::ScanError at(const std::string& file, const doc::Node& node, std::string message) {
  return {file, std::move(message), model::Location::in_file(file, node.mark.line, node.mark.column)};
}

std::string count(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Where each piece of one trail was found.
struct Pieces {
  std::string arn;
  ParsedBody trail;
  ParsedBody selectors;
  ParsedBody status;
};

class Joiner {
 public:
  explicit Joiner(SourceResult& out) : out_(out) {}

  void add(const CliOutputFile& file) {
    const doc::Node& root = *file.document.root;
    if (file.related) {
      related_.push_back({file.path, *file.related, &root});
      return;
    }
    switch (file.kind) {
      case CliOutputKind::DescribeTrails:
        return add_trails(file.path, root);
      case CliOutputKind::EventSelectors:
        return add_selectors(file.path, root);
      case CliOutputKind::TrailStatus:
        statuses_.push_back({&root, file.path, {}});
        return;
    }
  }

  void attach_statuses() {
    if (statuses_.size() == 1 && trails_.size() == 1) {
      trails_.front().status = statuses_.front();
      return;
    }
    for (const auto& s : statuses_) {
      std::string why =
          trails_.empty()
              ? "this get-trail-status output is not used: the input has no trail for it (add the "
                "output of aws cloudtrail describe-trails)"
              : "this get-trail-status output does not name its trail, and the input has " +
                    count(trails_.size(), "trail") + " and " + count(statuses_.size(), "status output") +
                    ": IsLogging is left unknown (scan one trail's outputs at a time to use it)";
      out_.warnings.push_back(at(s.file, *s.root, std::move(why)));
    }
  }

  void adapt_all() {
    for (const auto& p : trails_) {
      const std::string add = " not in the input: add the output of aws cloudtrail ";
      ParsedTrail parsed;
      parsed.arn = p.arn;
      parsed.trail = p.trail;
      parsed.selectors = p.selectors;
      parsed.status = p.status;
      if (!p.trail.root) {
        parsed.trail.missing = "trail settings" + add + "describe-trails --trail-name-list " + p.arn;
      }
      if (!p.selectors.root) {
        parsed.selectors.missing = "event selectors" + add + "get-event-selectors --trail-name " + p.arn;
      }
      if (!p.status.root) parsed.status.missing = "logging status" + add + "get-trail-status --name " + p.arn;
      out_.trails.push_back(adapt_parsed(parsed, model::SourceKind::Snapshot));
    }
  }

 private:
  Pieces& piece(const std::string& arn) {
    auto [it, inserted] = index_.emplace(arn, trails_.size());
    if (inserted) trails_.push_back(Pieces{arn, {}, {}, {}});
    return trails_[it->second];
  }

  // The TrailARN of an entry; nullptr (reported) when missing or not a string.
  const doc::Node* trail_arn(const std::string& file, const doc::Node& owner, const std::string& what) {
    const doc::Node* arn = owner.get("TrailARN");
    if (arn && is_json_string(*arn) && !arn->text.empty()) return arn;
    out_.errors.push_back(at(file, arn ? *arn : owner, what + " has no TrailARN string; it is skipped"));
    return nullptr;
  }

  void add_trails(const std::string& file, const doc::Node& root) {
    const doc::Node& list = *root.get("trailList");
    if (!list.is_sequence()) {
      out_.errors.push_back(at(file, list, "trailList must be a list, not " + json_type(list)));
      return;
    }
    for (const auto& item : list.items) {
      if (!item->is_mapping()) {
        out_.errors.push_back(
            at(file, *item, "an entry of trailList must be an object, not " + json_type(*item)));
        continue;
      }
      const doc::Node* arn = trail_arn(file, *item, "this entry of trailList");
      if (!arn) continue;
      Pieces& p = piece(arn->text);
      // describe-trails lists a multi-region trail in every region (shadow copies): one trail, the first
      // entry.
      if (!p.trail.root) p.trail = ParsedBody{item.get(), file, {}};
    }
  }

  void add_selectors(const std::string& file, const doc::Node& root) {
    const doc::Node* arn = trail_arn(file, root, "this get-event-selectors output");
    if (!arn) return;
    Pieces& p = piece(arn->text);
    if (p.selectors.root) {
      out_.warnings.push_back(at(file, root,
                                 "a second get-event-selectors output for " + arn->text + "; the one in " +
                                     p.selectors.file + " is used"));
      return;
    }
    p.selectors = ParsedBody{&root, file, {}};
  }

 public:
  // The buckets and keys the trails name (S3BucketName, KmsKeyId), and the outputs of their calls joined.
  void join_related(CliRelated* related) {
    if (related_.empty()) return;
    if (!related) {
      for (const auto& f : related_) {
        out_.warnings.push_back(at(f.path, *f.root, std::string("this ") + to_string(f.kind) +
                                                        " output is not used: no selected rule reads buckets or keys"));
      }
      return;
    }
    std::vector<std::pair<std::string, std::string>> buckets, keys;
    for (const auto& p : trails_) {
      if (!p.trail.root) continue;
      const doc::Node* bucket = p.trail.root->get("S3BucketName");
      const doc::Node* key = p.trail.root->get("KmsKeyId");
      if (bucket && is_json_string(*bucket)) buckets.emplace_back(p.arn, bucket->text);
      if (key && is_json_string(*key)) keys.emplace_back(p.arn, key->text);
    }
    *related = join_cli_related(related_, buckets, keys, out_);
  }

 private:
  SourceResult& out_;
  std::vector<CliRelatedFile> related_;
  std::vector<Pieces> trails_;  // in the order first seen
  std::map<std::string, std::size_t> index_;
  std::vector<ParsedBody> statuses_;
};

}  // namespace

const char* to_string(CliOutputKind kind) {
  switch (kind) {
    case CliOutputKind::DescribeTrails:
      return "describe-trails";
    case CliOutputKind::EventSelectors:
      return "get-event-selectors";
    case CliOutputKind::TrailStatus:
      return "get-trail-status";
  }
  return "?";
}

std::optional<CliOutputKind> cli_output_kind(const doc::Node& root) {
  if (!root.is_mapping() || root.get("Resources") || root.get("AWSTemplateFormatVersion"))
    return std::nullopt;
  if (root.get("trailList")) return CliOutputKind::DescribeTrails;
  if (root.get("TrailARN") && (root.get("EventSelectors") || root.get("AdvancedEventSelectors"))) {
    return CliOutputKind::EventSelectors;
  }
  if (root.get("IsLogging") && !root.get("TrailARN")) return CliOutputKind::TrailStatus;
  return std::nullopt;
}

SourceResult join_cli_outputs(std::vector<CliOutputFile> files, CliRelated* related) {
  SourceResult out;
  if (files.empty()) return out;
  Joiner joiner(out);
  for (const auto& f : files) {
    if (f.document.root) joiner.add(f);
  }
  joiner.attach_statuses();
  joiner.adapt_all();
  joiner.join_related(related);
  return out;
}

}  // namespace stance::sources::aws
