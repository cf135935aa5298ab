// plan_cloudformation_fixes: for each trail failing the selected rules, the rules' fix intents
// (fix_intents.hpp) realised as one edit: the schema fields set (a literal changed where it is written, an
// absent property inserted, cfn_field_edits.hpp), and when a rule asks for selectors recording all management
// events, the selector candidates from the smallest up, each applied, re-read and re-checked (verify.cpp);
// the first that verifies is the plan.
//
// Selector candidates, smallest first:
//   basic selectors     in one selector: IncludeManagementEvents false -> true and/or ReadWriteType -> All
//                       (not the ReadWriteType of a selector with data resources: that would widen its data
//                       events too); else a new selector {IncludeManagementEvents: true, ReadWriteType: All}
//                       after the existing ones (AWS allows 5)
//   advanced selectors  in a management selector: remove the readOnly / narrowing field selectors; else a
//                       new selector {Name, FieldSelectors: [{Field: eventCategory, Equals: [Management]}]}
// A value that comes from a parameter Default, a mapping or a known Fn::If branch is changed there (see
// cfn_sites.hpp).
#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <map>
#include <variant>

#include "fix/cfn_field_edits.hpp"
#include "fix/cfn_sites.hpp"
#include "fix/fix_intents.hpp"
#include "fix/snippet.hpp"
#include "fix/source_text.hpp"
#include "fix/template_fix.hpp"
#include "fix/verify.hpp"
#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/template.hpp"

namespace stance::fix {

namespace cfn = sources::cloudformation;

namespace {

constexpr std::size_t kMaxBasicSelectors = 5;

struct Candidate {
  std::vector<TextEdit> edits;
  std::string reason;
};

std::string line_of(const doc::Node& node) { return "line " + std::to_string(node.mark.line); }

// `word` written in the letter case of `like`: TRUE for FALSE, True for False, true otherwise.
std::string in_case_of(std::string word, std::string_view like) {
  const bool all_upper = !like.empty() && std::all_of(like.begin(), like.end(), [](char c) {
    return !std::isalpha(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c));
  });
  const bool capital = !like.empty() && std::isupper(static_cast<unsigned char>(like[0]));
  if (all_upper && like.size() > 1) {
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (capital) {
    word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  }
  return word;
}

class Planner {
 public:
  Planner(const std::string& path, const std::string& text, const FixOptions& options,
          const kb::KnowledgeBase& kb, const cfn::Template& tmpl, cfn::Evaluator& evaluator)
      : path_(path),
        text_(text),
        options_(options),
        kb_(kb),
        t_(tmpl),
        evaluator_(evaluator),
        src_(text, tmpl.document.root.get()),
        sites_(tmpl, options.cloudformation, evaluator),
        json_(tmpl.document.syntax == doc::Syntax::Json) {}

  // The trail's planned fix, and a skipped entry for each rule it leaves alone.
  std::vector<TemplateFix> plan(TrailIntents intents, const Baseline& baseline);

 private:
  // What to write for `wanted` ("true", "All", an ARN) in place of the scalar `node`, keeping its quotes and
  // case; a string that is not a fixed word is escaped for the node's syntax (`is_string`).
  std::string rewritten(const doc::Node& node, std::string_view wanted, bool is_string) const;
  // An edit making `value` (a property's value) `wanted`; appends to `c` and says what it did.
  // `key` is the property's key: a value written as a block under it is replaced from the key's ':' on.
  bool set_value(const doc::Node& key, const doc::Node& value, std::string_view wanted,
                 const std::string& what, Candidate& c, std::string* why_not, bool is_string = false);
  // The edits setting the schema fields of `intents` on the trail's Properties. A field that cannot be set
  // drops the rules that want it from `intents`, with the reason.
  Candidate field_edits(const doc::Node& props, TrailIntents& intents);
  // The edits making the settings of a bucket's or key's `intents` on its Properties: a property written is
  // set where it is written (a mapping's members each, its absent members added to it), an absent one is
  // added (a mapping as one flow mapping). A setting that cannot be made drops the rules that want it.
  Candidate setting_edits(const doc::Node& props, TrailIntents& intents);
  // A value of a setting as a new YAML or JSON scalar, and a mapping of them as one flow mapping.
  std::string scalar(const std::variant<bool, std::string>& value) const;
  std::string flow_mapping(const std::vector<rules::FieldEdit>& members) const;
  // A bucket or key written without Properties (`Type: AWS::KMS::Key` alone): its settings added as them.
  TemplateFix without_properties(const doc::Node& resource, TrailIntents& intents, const Baseline& baseline);
  // The fix of `intents`: the field edits with the selector candidates when a rule asks for them, the first
  // that verifies. Rules that cannot be realised are dropped from `intents`; nullopt with `failure` (or with
  // no rule left) when nothing verifies.
  std::optional<Candidate> realise(const doc::Node& props, TrailIntents& intents, const Baseline& baseline,
                                   std::string& failure);
  std::optional<TextEdit> insert_item(const doc::Pair& owner, const doc::Node& seq,
                                      const Snippet& item) const;
  std::optional<TextEdit> remove_item(const doc::Node& seq, std::size_t index) const;
  std::size_t json_unit() const;
  // The layout of the JSON in `sample` (an existing item), for new items that look like their neighbours.
  JsonLayout json_layout(Span sample) const;

  std::vector<Candidate> basic_candidates(const doc::Pair& selectors, std::string& why_none);
  std::vector<Candidate> advanced_candidates(const doc::Pair& selectors, std::string& why_none);

  const std::string& path_;
  const std::string& text_;
  const FixOptions& options_;
  const kb::KnowledgeBase& kb_;
  const cfn::Template& t_;
  cfn::Evaluator& evaluator_;
  SourceText src_;
  SiteFinder sites_;
  bool json_;
};

std::string Planner::rewritten(const doc::Node& node, std::string_view wanted, bool is_string) const {
  if (is_string) return cfn_string(wanted, json_ ? doc::ScalarStyle::DoubleQuoted : node.style, json_);
  const std::string word =
      wanted == "true" || wanted == "false" ? in_case_of(std::string(wanted), node.text) : std::string(wanted);
  switch (node.style) {
    case doc::ScalarStyle::SingleQuoted:
      return "'" + word + "'";
    case doc::ScalarStyle::DoubleQuoted:
      return "\"" + word + "\"";
    default:
      return word;
  }
}

bool Planner::set_value(const doc::Node& key, const doc::Node& value, std::string_view wanted,
                        const std::string& what, Candidate& c, std::string* why_not, bool is_string) {
  const ValueSite site = sites_.locate(value, wanted);
  if (site.kind == ValueSite::Kind::None) {
    if (why_not) *why_not = what + ": " + site.why;
    return false;
  }
  const auto span = src_.extent(*site.node);
  if (!span) {
    if (why_not)
      *why_not = what + ": cannot tell where the value written at " + line_of(*site.node) + " ends";
    return false;
  }
  std::string replacement;
  std::size_t begin = span->begin;
  std::string shown_before(src_.text().substr(span->begin, span->end - span->begin));
  if (site.kind == ValueSite::Kind::Literal) {
    replacement = rewritten(*site.node, wanted, is_string);
  } else if (is_string) {
    replacement = cfn_string(wanted, doc::ScalarStyle::Plain, json_);
  } else {
    replacement = wanted == "true" || wanted == "false" || !json_ ? std::string(wanted)
                                                                  : "\"" + std::string(wanted) + "\"";
    const auto key_span = src_.extent(key);
    if (site.node == &value && !json_ && key_span &&
        src_.line_of(key_span->end) < src_.line_of(span->begin)) {
      // A block under the key (`Ref: X` on the next line): the literal goes after the key's ':'.
      const std::size_t colon = src_.text().find(':', key_span->end);
      if (colon == std::string_view::npos || colon > span->begin) {
        if (why_not) *why_not = what + ": cannot tell where the key at " + line_of(key) + " ends";
        return false;
      }
      begin = colon + 1;
      replacement = " " + replacement;
      shown_before =
          "the " + std::string(as_call(value) ? "Fn::" + as_call(value)->name : "value") + " below it";
      if (shown_before == "the Fn::Ref below it") shown_before = "the Ref below it";
    }
  }
  c.edits.push_back({begin, span->end - begin, replacement});
  std::string said =
      what + " " + shown_before + " -> " + (begin == span->begin ? replacement : replacement.substr(1));
  if (site.kind == ValueSite::Kind::Literal && !site.where.empty()) said += ", changed at " + site.where;
  if (site.kind == ValueSite::Kind::ReplaceAtResource) said += ", at the resource: " + site.why;
  c.reason += (c.reason.empty() ? "" : "; ") + said;
  return true;
}

std::size_t Planner::json_unit() const {
  const doc::Node* root = t_.document.root.get();
  if (root && root->is_mapping() && !root->pairs.empty()) {
    const std::size_t at = src_.offset(*root->pairs[0].key);
    const std::size_t col = src_.column(at);
    if (src_.first_on_line(at) && col > 0 && col <= 8) return col;
  }
  return 2;
}

JsonLayout Planner::json_layout(Span sample) const {
  JsonLayout layout;
  layout.unit = json_unit();
  bool open_list_at_end = false, closed_list_on_line = false;
  const std::string_view text = src_.text().substr(sample.begin, sample.end - sample.begin);
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(at, nl - at);
    const std::size_t open = line.find('[');
    if (open != std::string_view::npos) {
      (line.find(']', open) != std::string_view::npos ? closed_list_on_line : open_list_at_end) = true;
    }
    const std::size_t brace = line.find('{');
    if (brace != std::string_view::npos && line.find('}', brace) != std::string_view::npos) {
      layout.inline_leaf_objects = true;
    }
    at = nl + 1;
  }
  layout.inline_scalar_lists = closed_list_on_line || !open_list_at_end;
  return layout;
}

std::optional<TextEdit> Planner::insert_item(const doc::Pair& owner, const doc::Node& seq,
                                             const Snippet& item) const {
  const std::string_view text = src_.text();
  if (src_.is_flow(seq)) {
    const auto span = src_.flow_extent(src_.content_start(seq));
    if (!span) return std::nullopt;
    const bool padded_item = [&] {
      if (seq.items.empty()) return json_;
      const std::size_t at = src_.content_start(*seq.items.back());
      return at + 1 < text.size() && text[at] == '{' && text[at + 1] == ' ';
    }();
    if (seq.items.empty()) {
      return TextEdit{span->begin, span->end - span->begin,
                      "[" + render_flow(item, json_, padded_item) + "]"};
    }
    const doc::Node& last = *seq.items.back();
    const auto last_span = src_.extent(last);
    if (!last_span) return std::nullopt;
    if (src_.line_of(last_span->begin) == src_.line_of(span->begin)) {
      return TextEdit{last_span->end, 0, ", " + render_flow(item, json_, padded_item)};
    }
    // One item per line: a new line at the last item's indentation.
    const std::size_t column = src_.column(last_span->begin);
    const bool one_line = src_.line_of(last_span->begin) == src_.line_of(last_span->end);
    const std::string rendered = one_line || !json_
                                     ? render_flow(item, json_, padded_item)
                                     : render_json_pretty(item, column, json_layout(*last_span));
    return TextEdit{last_span->end, 0, ",\n" + std::string(column, ' ') + rendered};
  }
  if (seq.items.empty()) return std::nullopt;
  const doc::Node& last = *seq.items.back();
  const auto dash = src_.dash_before(last);
  const auto last_span = src_.extent(last);
  if (!dash || !src_.first_on_line(*dash) || !last_span) return std::nullopt;
  const std::size_t column = src_.column(*dash);
  const std::size_t key_column = src_.column(src_.offset(*owner.key));
  const std::size_t offset = column >= key_column ? column - key_column : 2;
  std::string rendered = "\n" + std::string(column, ' ') + "- " +
                         render_block_mapping(item, column + 2, offset == 0 ? 0 : offset);
  return TextEdit{last_span->end, 0, rendered};
}

std::optional<TextEdit> Planner::remove_item(const doc::Node& seq, std::size_t index) const {
  const doc::Node& item = *seq.items[index];
  const auto span = src_.extent(item);
  if (!span) return std::nullopt;
  if (src_.is_flow(seq)) {
    if (index > 0) {
      const auto previous = src_.extent(*seq.items[index - 1]);
      if (!previous) return std::nullopt;
      return TextEdit{previous->end, span->end - previous->end, ""};
    }
    if (seq.items.size() < 2) return std::nullopt;
    const auto next = src_.extent(*seq.items[1]);
    if (!next) return std::nullopt;
    return TextEdit{span->begin, next->begin - span->begin, ""};
  }
  const auto dash = src_.dash_before(item);
  if (!dash || !src_.first_on_line(*dash)) return std::nullopt;
  std::size_t begin = src_.line_start(*dash);
  // Comment lines right above the item, at its indentation, describe it: they go with it.
  const std::size_t column = src_.column(*dash);
  while (begin > 0) {
    const std::size_t above = src_.line_start(begin - 1);
    const std::string_view line = src_.text().substr(above, begin - 1 - above);
    const std::size_t hash = line.find_first_not_of(' ');
    if (hash != column || line[hash] != '#') break;
    begin = above;
  }
  std::size_t end = span->end;
  if (end < text_.size() && text_[end] == '\n') ++end;
  return TextEdit{begin, end - begin, ""};
}

bool overlapping(std::vector<TextEdit>& edits) {
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
  for (std::size_t i = 1; i < edits.size(); ++i) {
    if (edits[i].offset < edits[i - 1].offset + edits[i - 1].length) return true;
  }
  return false;
}

std::vector<Candidate> Planner::basic_candidates(const doc::Pair& selectors, std::string& why_none) {
  std::vector<Candidate> out;
  std::string why;
  const doc::Node* seq = literal_collection(*selectors.value, evaluator_, &why);
  if (!seq || !seq->is_sequence()) {
    why_none =
        "EventSelectors (" + line_of(*selectors.key) + ") is not a list written in the template: " + why;
    return out;
  }
  std::vector<std::string> data_selectors;
  for (std::size_t i = 0; i < seq->items.size(); ++i) {
    const std::string label = "event selector " + std::to_string(i + 1);
    const doc::Node* selector = literal_collection(*seq->items[i], evaluator_, nullptr);
    if (!selector || !selector->is_mapping()) continue;
    Candidate c;
    bool ok = true;
    std::string reason_not;
    const doc::Pair* include = selector->find_pair("IncludeManagementEvents");
    const doc::Pair* rwt = selector->find_pair("ReadWriteType");
    const doc::Pair* data = selector->find_pair("DataResources");
    const bool has_data = data && data->value && !data->value->is_null() &&
                          !(data->value->is_sequence() && data->value->items.empty());
    if (include && include->value) {
      const auto resolved = evaluator_.resolve(*include->value);
      const auto b = resolved.is_scalar() ? cfn::parse_bool(resolved.text) : std::nullopt;
      if (b && !*b)
        ok = ok &&
             set_value(*include->key, *include->value, "true", "IncludeManagementEvents", c, &reason_not);
    }
    if (rwt && rwt->value) {
      const auto resolved = evaluator_.resolve(*rwt->value);
      if (resolved.is_scalar() && resolved.text != "All") {
        if (has_data) {
          ok = false;
          data_selectors.push_back(label + " (" + line_of(*selector) +
                                   ") has data resources and ReadWriteType " + resolved.text +
                                   ": widening it would also widen its data events");
        } else {
          ok = ok && set_value(*rwt->key, *rwt->value, "All", "ReadWriteType", c, &reason_not);
        }
      }
    }
    if (!reason_not.empty()) data_selectors.push_back(reason_not);
    if (!ok || c.edits.empty()) continue;
    c.reason = "in " + label + " (" + line_of(*selector) + "): " + c.reason;
    if (has_data) c.reason += "; its data resources are kept";
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.edits.size() < b.edits.size(); });

  if (seq->items.size() >= kMaxBasicSelectors) {
    if (out.empty()) {
      why_none = "EventSelectors already has " + std::to_string(seq->items.size()) +
                 " selectors, the most AWS allows, and none can be widened safely";
    }
    return out;
  }
  const Snippet item = Snippet::map(
      {{"IncludeManagementEvents", Snippet::boolean(true)}, {"ReadWriteType", Snippet::string("All")}});
  if (auto edit = insert_item(selectors, *seq, item)) {
    Candidate c;
    c.edits.push_back(std::move(*edit));
    c.reason =
        "added an event selector recording all management events (IncludeManagementEvents: true, "
        "ReadWriteType: All) after the existing " +
        std::to_string(seq->items.size()) + ", which are kept as written";
    std::string why_add;
    for (const auto& d : data_selectors) why_add += (why_add.empty() ? "" : "; ") + d;
    if (!why_add.empty()) c.reason += " (" + why_add + ")";
    out.push_back(std::move(c));
  } else if (out.empty()) {
    why_none = "cannot tell where to add a selector to EventSelectors (" + line_of(*selectors.key) + ")";
  }
  return out;
}

std::vector<Candidate> Planner::advanced_candidates(const doc::Pair& selectors, std::string& why_none) {
  std::vector<Candidate> out;
  std::string why;
  const doc::Node* seq = literal_collection(*selectors.value, evaluator_, &why);
  if (!seq || !seq->is_sequence()) {
    why_none = "AdvancedEventSelectors (" + line_of(*selectors.key) +
               ") is not a list written in the template: " + why;
    return out;
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < seq->items.size(); ++i) {
    const doc::Node* selector = literal_collection(*seq->items[i], evaluator_, nullptr);
    if (!selector || !selector->is_mapping()) continue;
    if (const doc::Node* name = selector->get("Name"); name && name->is_scalar()) names.push_back(name->text);
    const doc::Node* fields = selector->get("FieldSelectors");
    if (!fields || !fields->is_sequence()) continue;
    // A management selector: widen it by removing what limits it (readOnly, narrowing conditions).
    bool management = false;
    std::vector<std::size_t> limiting;
    std::vector<std::string> removed;
    for (std::size_t f = 0; f < fields->items.size(); ++f) {
      const doc::Node& fs = *fields->items[f];
      if (!fs.is_mapping()) continue;
      const doc::Node* field = fs.get("Field");
      if (!field || !field->is_scalar()) continue;
      const cfn::Resolved resolved = evaluator_.resolve(fs);
      if (field->text == "eventCategory") {
        const auto* equals = resolved.find("Equals");
        if (equals && equals->value.is(cfn::Resolved::Kind::List)) {
          for (const auto& v : equals->value.items)
            management = management || (v.is_scalar() && v.text == "Management");
        }
        continue;
      }
      if (field->text == "eventSource" && fs.pairs.size() == 2 && fs.get("NotEquals")) {
        const auto* ne = resolved.find("NotEquals");
        const bool exclusion =
            ne && ne->value.is(cfn::Resolved::Kind::List) &&
            std::all_of(ne->value.items.begin(), ne->value.items.end(), [](const auto& v) {
              return v.is_scalar() && (v.text == "kms.amazonaws.com" || v.text == "rdsdata.amazonaws.com");
            });
        if (exclusion) continue;  // exclusions are kept (the rule allows them by default)
      }
      limiting.push_back(f);
      removed.push_back(field->text + " (" + line_of(fs) + ")");
    }
    if (!management || limiting.empty()) continue;
    Candidate c;
    bool ok = true;
    for (std::size_t f : limiting) {
      auto edit = remove_item(*fields, f);
      if (!edit)
        ok = false;
      else
        c.edits.push_back(std::move(*edit));
    }
    if (!ok || overlapping(c.edits)) continue;
    std::string list;
    for (const auto& r : removed) list += (list.empty() ? "" : ", ") + r;
    c.reason = "in advanced event selector " + std::to_string(i + 1) + " (" + line_of(*selector) +
               "), which selects management events: removed the field selector" +
               (removed.size() > 1 ? "s " : " ") + "on " + list +
               " that limited it, so it records all management events, read and write";
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.edits.size() < b.edits.size(); });

  std::string name = "Management events";
  if (std::find(names.begin(), names.end(), name) != names.end()) name = "All management events";
  const Snippet item = Snippet::map(
      {{"Name", Snippet::string(name)},
       {"FieldSelectors",
        Snippet::list({Snippet::map({{"Field", Snippet::string("eventCategory")},
                                     {"Equals", Snippet::list({Snippet::string("Management")})}})})}});
  if (auto edit = insert_item(selectors, *seq, item)) {
    Candidate c;
    c.edits.push_back(std::move(*edit));
    c.reason = "added an advanced event selector \"" + name +
               "\" recording all management events (eventCategory = Management) after the existing " +
               std::to_string(seq->items.size()) + ", which are kept as written";
    out.push_back(std::move(c));
  } else if (out.empty()) {
    why_none =
        "cannot tell where to add a selector to AdvancedEventSelectors (" + line_of(*selectors.key) + ")";
  }
  return out;
}

Candidate Planner::field_edits(const doc::Node& props, TrailIntents& intents) {
  Candidate out;
  const std::size_t fields_before = intents.edits.size();
  std::vector<std::pair<std::string, std::string>> inserted;  // property, value as written
  std::vector<std::string> inserted_said;
  for (const FieldChange& change : std::vector<FieldChange>(intents.edits)) {
    const std::string name = cloudformation_name(change.field);
    std::string why;
    if (name.empty()) {
      why = "CloudFormation has no property for " + change.field;
    } else if (const doc::Pair* pair = props.find_pair(name); pair && pair->key && pair->value) {
      Candidate c;
      if (set_value(*pair->key, *pair->value, change.text(), name, c, &why, change.is_string())) {
        out.edits.insert(out.edits.end(), c.edits.begin(), c.edits.end());
        out.reason += (out.reason.empty() ? "" : "; ") + c.reason + for_rules(change.rule_ids);
        continue;
      }
      why += " (" + path_ + ":" + std::to_string(pair->value->mark.line) + ":" +
             std::to_string(pair->value->mark.column) + ")";
    } else {
      const std::string value = change.is_string() ? json_quoted(change.text())
                                                   : change.text();
      inserted.emplace_back(name, value);
      inserted_said.push_back("added " + name + ": " + value + for_rules(change.rule_ids));
      continue;
    }
    for (const auto& rule : std::vector<std::string>(change.rule_ids)) intents.drop(rule, "no safe edit: " + why);
  }
  if (!inserted.empty()) {
    std::string why;
    if (auto edit = insert_properties(src_, props, inserted, json_, &why)) {
      out.edits.push_back(std::move(*edit));
      for (const auto& said : inserted_said) out.reason += (out.reason.empty() ? "" : "; ") + said;
    } else {
      for (const auto& [name, value] : inserted) {
        for (const FieldChange& change : std::vector<FieldChange>(intents.edits)) {
          if (cloudformation_name(change.field) != name) continue;
          for (const auto& rule : std::vector<std::string>(change.rule_ids))
            intents.drop(rule, "no safe edit: " + name + " is not written and " + why);
        }
      }
      return field_edits(props, intents);  // the fields that remain are all written: no insertion
    }
  }
  // A rule dropped above takes its other fields with it, which may already be in `out`: plan the rest again
  // (each of them could be set, so this settles).
  if (intents.edits.size() != fields_before) return field_edits(props, intents);
  return out;
}

std::string Planner::scalar(const std::variant<bool, std::string>& value) const {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  return json_quoted(std::get<std::string>(value));
}

std::string Planner::flow_mapping(const std::vector<rules::FieldEdit>& members) const {
  std::string out;
  for (const auto& m : members) {
    out += (out.empty() ? "{" : ", ") + (json_ ? json_quoted(m.field) : std::string(m.field)) + ": " + scalar(m.value);
  }
  return out + "}";
}

Candidate Planner::setting_edits(const doc::Node& props, TrailIntents& intents) {
  Candidate out;
  const std::size_t settings_before = intents.settings.size();
  std::vector<std::pair<std::string, std::string>> inserted;  // property, value as written
  std::vector<std::string> inserted_said;
  auto text_of = [](const std::variant<bool, std::string>& v) {
    const bool* b = std::get_if<bool>(&v);
    return b ? std::string(*b ? "true" : "false") : std::get<std::string>(v);
  };
  // Already the wanted literal: nothing to write (a member of a block that is partly right).
  auto already = [&](const doc::Node& value, const std::variant<bool, std::string>& wanted) {
    if (!value.is_scalar() || !value.tag.empty()) return false;
    std::string have = value.text;
    if (std::holds_alternative<bool>(wanted)) {
      for (char& ch : have) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return have == text_of(wanted);
  };
  for (const SettingChange& change : std::vector<SettingChange>(intents.settings)) {
    const rules::ResourceSetting& setting = change.setting;
    const std::string name(setting.cloudformation_property);
    const doc::Pair* pair = name.empty() ? nullptr : props.find_pair(name);
    std::string why;
    Candidate c;
    bool ok = true;
    if (name.empty()) {
      why = "CloudFormation has no property for it";
      ok = false;
    } else if (!pair || !pair->key || !pair->value) {
      const std::string value =
          setting.cloudformation_members.empty() ? scalar(setting.value) : flow_mapping(setting.cloudformation_members);
      inserted.emplace_back(name, value);
      inserted_said.push_back("added " + name + ": " + value + for_rules(change.rule_ids));
      continue;
    } else if (setting.cloudformation_members.empty()) {
      if (already(*pair->value, setting.value)) continue;
      ok = set_value(*pair->key, *pair->value, text_of(setting.value), name, c, &why,
                     std::holds_alternative<std::string>(setting.value));
    } else if (!pair->value->is_mapping() || as_call(*pair->value)) {
      why = name + " is not a mapping written in the template (" + line_of(*pair->value) + ")";
      ok = false;
    } else {
      std::vector<std::pair<std::string, std::string>> absent;
      for (const rules::FieldEdit& m : setting.cloudformation_members) {
        const doc::Pair* member = pair->value->find_pair(std::string(m.field));
        if (!member || !member->key || !member->value) {
          absent.emplace_back(std::string(m.field), scalar(m.value));
        } else if (!already(*member->value, m.value) &&
                   !set_value(*member->key, *member->value, text_of(m.value), name + "." + std::string(m.field), c,
                              &why, std::holds_alternative<std::string>(m.value))) {
          ok = false;
          break;
        }
      }
      if (ok && !absent.empty()) {
        if (auto edit = insert_properties(src_, *pair->value, absent, json_, &why)) {
          c.edits.push_back(std::move(*edit));
          for (const auto& [member, value] : absent) {
            c.reason += (c.reason.empty() ? "" : "; ") + std::string("added ") + name + "." + member + ": " + value;
          }
        } else {
          ok = false;
        }
      }
    }
    if (ok) {
      out.edits.insert(out.edits.end(), c.edits.begin(), c.edits.end());
      if (!c.reason.empty()) out.reason += (out.reason.empty() ? "" : "; ") + c.reason + for_rules(change.rule_ids);
      continue;
    }
    for (const auto& rule : std::vector<std::string>(change.rule_ids)) intents.drop(rule, "no safe edit: " + why);
  }
  if (intents.settings.size() != settings_before) return setting_edits(props, intents);
  if (!inserted.empty()) {
    std::string why;
    if (auto edit = insert_properties(src_, props, inserted, json_, &why)) {
      out.edits.push_back(std::move(*edit));
      for (const auto& said : inserted_said) out.reason += (out.reason.empty() ? "" : "; ") + said;
    } else {
      for (const SettingChange& change : std::vector<SettingChange>(intents.settings)) {
        for (const auto& rule : std::vector<std::string>(change.rule_ids))
          intents.drop(rule, "no safe edit: " + std::string(change.setting.cloudformation_property) +
                                 " is not written and " + why);
      }
      return setting_edits(props, intents);
    }
  }
  return out;
}

std::optional<Candidate> Planner::realise(const doc::Node& props, TrailIntents& intents, const Baseline& baseline,
                                          std::string& failure) {
  Candidate fields = field_edits(props, intents);
  if (!intents.settings.empty()) {
    Candidate settings = setting_edits(props, intents);
    fields.edits.insert(fields.edits.end(), settings.edits.begin(), settings.edits.end());
    if (!settings.reason.empty()) fields.reason += (fields.reason.empty() ? "" : "; ") + settings.reason;
    fields.reason += notes_of(intents);
  }
  std::vector<Candidate> candidates;
  if (!intents.selector_rule.empty()) {
    std::string why_none;
    if (const doc::Pair* advanced = props.find_pair("AdvancedEventSelectors")) {
      candidates = advanced_candidates(*advanced, why_none);
    } else if (const doc::Pair* basic = props.find_pair("EventSelectors")) {
      candidates = basic_candidates(*basic, why_none);
    } else {
      why_none = "the trail has no selectors, and AWS's default selector already records all management events";
    }
    if (candidates.empty()) intents.drop(intents.selector_rule, "no safe edit: " + why_none);
    // The field edits go with each selector candidate; one touching the same text is not a candidate.
    for (auto& c : candidates) {
      c.edits.insert(c.edits.end(), fields.edits.begin(), fields.edits.end());
      if (!fields.reason.empty()) c.reason += "; " + fields.reason;
    }
    std::erase_if(candidates, [](Candidate& c) { return overlapping(c.edits); });
  }
  if (candidates.empty() && !fields.edits.empty()) candidates.push_back(std::move(fields));
  if (!intents.automatic()) return std::nullopt;
  if (candidates.empty()) {
    failure = "no safe edit: the edits of the rules overlap";
    return std::nullopt;
  }
  for (auto& c : candidates) {
    std::sort(c.edits.begin(), c.edits.end(),
              [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
    const std::string after = apply_edits(text_, c.edits);
    const std::string problem = verify(baseline, intents.rule_ids, intents.id, path_, after, options_, kb_);
    if (problem.empty()) return std::move(c);
    if (failure.empty()) failure = "the edit did not verify: " + problem;
  }
  return std::nullopt;
}

TemplateFix Planner::without_properties(const doc::Node& resource, TrailIntents& intents, const Baseline& baseline) {
  TemplateFix fix{path_, intents.id, "skipped", {}, {}, {}, {}, intents.rule_ids};
  std::string value, said;
  for (const SettingChange& change : intents.settings) {
    const rules::ResourceSetting& setting = change.setting;
    const std::string written = setting.cloudformation_members.empty() ? scalar(setting.value)
                                                                       : flow_mapping(setting.cloudformation_members);
    const std::string name(setting.cloudformation_property);
    value += (value.empty() ? "{" : ", ") + (json_ ? json_quoted(name) : name) + ": " + written;
    said += (said.empty() ? "" : "; ") + std::string("added ") + name + ": " + written + for_rules(change.rule_ids);
  }
  std::string why;
  auto edit = insert_properties(src_, resource, {{"Properties", value + "}"}}, json_, &why);
  if (!edit) {
    fix.reason = "no safe edit: the resource has no Properties and " + why;
    return fix;
  }
  const std::string after = apply_edits(text_, {*edit});
  if (const std::string problem = verify(baseline, intents.rule_ids, intents.id, path_, after, options_, kb_);
      !problem.empty()) {
    fix.reason = "the edit did not verify: " + problem;
    return fix;
  }
  fix.status = "planned";
  fix.reason = said + " (as the resource's Properties)" + notes_of(intents);
  fix.edits = {*edit};
  fix.text_as_read = text_;
  return fix;
}

std::vector<TemplateFix> Planner::plan(TrailIntents intents, const Baseline& baseline) {
  const std::string id = intents.id;
  std::vector<TemplateFix> out;
  auto finish = [&](TemplateFix planned) {
    for (const auto& s : intents.skipped) out.push_back({path_, id, "skipped", s.reason, {}, {}, {}, {s.rule_id}});
    if (!planned.rule_ids.empty()) out.push_back(std::move(planned));
    return out;
  };
  TemplateFix fix{path_, id, "skipped", {}, {}, {}, {}, {}};
  if (!intents.automatic()) return finish(fix);
  const doc::Node* resource = t_.resources ? t_.resources->get(id) : nullptr;
  const doc::Node* props = resource && resource->is_mapping() ? resource->get("Properties") : nullptr;
  if (!props && resource && resource->is_mapping() && !as_call(*resource) && !intents.settings.empty() &&
      intents.edits.empty() && intents.selector_rule.empty()) {
    return finish(without_properties(*resource, intents, baseline));
  }
  if (!props || !props->is_mapping() || as_call(*props)) {
    fix.reason = "the " + std::string(intents.resource_type.empty() ? "trail" : "resource") +
                 "'s Properties are not a mapping written in the template";
    fix.rule_ids = intents.rule_ids;
    return finish(fix);
  }
  std::string failure;
  std::optional<Candidate> verified = realise(*props, intents, baseline, failure);
  // One rule's edit may change a finding the fix must leave alone (a field another rule judges an error): the
  // others are fixed without it, and it is skipped with what went wrong.
  for (std::size_t i = 0; !verified && intents.rule_ids.size() > 1 && i < intents.rule_ids.size(); ++i) {
    TrailIntents fewer = intents;
    fewer.drop(intents.rule_ids[i], failure + " (when fixed together with the other rules)");
    std::string ignored;
    verified = realise(*props, fewer, baseline, ignored);
    if (verified) intents = std::move(fewer);
  }
  if (!intents.automatic()) return finish(fix);
  fix.rule_ids = intents.rule_ids;
  if (!verified) {
    fix.reason = failure;
    return finish(std::move(fix));
  }
  fix.status = "planned";
  fix.reason = verified->reason;
  fix.edits = std::move(verified->edits);
  fix.text_as_read = text_;
  return finish(std::move(fix));
}

TemplateFix skipped(const std::string& path, const std::string& id, std::string reason,
                    std::vector<std::string> rule_ids) {
  return TemplateFix{path, id, "skipped", std::move(reason), {}, {}, {}, std::move(rule_ids)};
}

// A template the AWS CDK synthesized (under cdk.out/, or whose resources carry the construct path CDK
// records): `cdk synth` writes it again from the app, so an edit here lasts until the next synth.
std::string cdk_warning(const std::string& path, const cfn::Template& t, const std::string& id) {
  std::string construct;
  if (t.resources) {
    if (const doc::Node* resource = t.resources->get(id)) {
      const doc::Node* metadata = resource->get("Metadata");
      const doc::Node* cdk_path = metadata ? metadata->get("aws:cdk:path") : nullptr;
      if (cdk_path && cdk_path->is_scalar()) construct = cdk_path->text;
    }
  }
  bool in_cdk_out = false;
  for (const auto& part : std::filesystem::path(path)) in_cdk_out = in_cdk_out || part == "cdk.out";
  if (construct.empty() && !in_cdk_out) return {};
  const std::string where = construct.empty()
                                ? " (the template records no construct path for " + id + ")"
                                : ", in the construct " + construct + " (its Metadata \"aws:cdk:path\")";
  return "this template is CDK output: the next `cdk synth` will undo this edit; make the change in the CDK app" +
         where;
}

}  // namespace

std::vector<TemplateFix> plan_cloudformation_fixes(const std::string& path, const std::string& text,
                                                   const FixOptions& options, const kb::KnowledgeBase& kb,
                                                   std::vector<engine::ScanError>* read_errors) {
  std::vector<TemplateFix> out;
  const Baseline baseline = scan_baseline(path, text, options, kb);
  if (read_errors) read_errors->insert(read_errors->end(), baseline.read_errors.begin(), baseline.read_errors.end());
  if (!baseline.loaded) return out;
  sources::SourceResult sink;
  cfn::Diagnostics diag(path, sink);
  cfn::Loaded loaded = cfn::load_template(text, path, diag);
  if (loaded.status != cfn::LoadStatus::Loaded || !loaded.tmpl) return out;
  cfn::Evaluator evaluator(*loaded.tmpl, options.cloudformation, diag);
  Planner planner(path, text, options, kb, *loaded.tmpl, evaluator);

  for (TrailIntents& intents : trail_intents(baseline, options, kb, "the template")) {
    const std::string id = intents.id;
    const std::vector<std::string> rule_ids = intents.rule_ids;
    try {
      for (auto& f : planner.plan(std::move(intents), baseline)) {
        if (f.status == "planned") f.warning = cdk_warning(path, *loaded.tmpl, id);
        out.push_back(std::move(f));
      }
    } catch (const std::exception& e) {
      out.push_back(
          skipped(path, id, std::string("no safe edit: internal error while planning: ") + e.what(), rule_ids));
    }
  }
  return out;
}

}  // namespace stance::fix
