#include "rules/ct010/coverage.hpp"

#include <algorithm>
#include <string_view>

namespace stance::rules::ct010 {

namespace {

using model::FieldOperator;
using model::Location;
using model::Value;

// The only management event sources a trail can exclude (console: "Exclude AWS KMS events",
// "Exclude Amazon RDS Data API events").
const std::set<std::string> kExcludableSources = {"kms.amazonaws.com", "rdsdata.amazonaws.com"};

// What one selector contributes to management coverage.
struct Contribution {
  bool read = false;
  bool write = false;
  Level level = Level::None;
  std::set<std::string> excluded;
  std::string narrowing;
  std::string via;
  Location where;  // the attribute that limits this selector (ReadWriteType, exclusions, narrowing...)
};

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

bool condition_matches(FieldOperator op, const std::vector<std::string>& values, std::string_view candidate) {
  auto any = [&](auto pred) { return std::any_of(values.begin(), values.end(), pred); };
  switch (op) {
    case FieldOperator::Equals: return any([&](const std::string& v) { return v == candidate; });
    case FieldOperator::NotEquals: return !any([&](const std::string& v) { return v == candidate; });
    case FieldOperator::StartsWith: return any([&](const std::string& v) { return candidate.starts_with(v); });
    case FieldOperator::NotStartsWith:
      return !any([&](const std::string& v) { return candidate.starts_with(v); });
    case FieldOperator::EndsWith: return any([&](const std::string& v) { return candidate.ends_with(v); });
    case FieldOperator::NotEndsWith: return !any([&](const std::string& v) { return candidate.ends_with(v); });
  }
  return false;
}

class Calculator {
 public:
  Calculator(const model::Trail& trail, Bound bound) : trail_(trail), bound_(bound) {}

  Coverage run() {
    const auto& advanced = trail_.advanced_event_selectors;
    if (!advanced.is_defaulted()) {
      run_advanced();
    } else {
      run_basic();
    }
    return std::move(cov_);
  }

 private:
  bool best() const { return bound_ == Bound::Best; }

  // Returns the value, or records the uncertainty and returns nullptr.
  template <class T>
  const T* resolve(const Value<T>& value, const std::string& what) {
    if (value.known()) return &*value;
    cov_.uncertain.push_back({what, value.note, value.where, value.is_invalid()});
    return nullptr;
  }

  void run_basic() {
    const auto& selectors = trail_.event_selectors;
    cov_.kind = "event selectors";
    if (selectors.is_defaulted()) {
      cov_.kind = "default selector";
      Contribution c;
      c.read = c.write = true;
      c.level = Level::Full;
      c.via = "no selectors configured, so AWS's default selector applies";
      c.where = trail_.where;
      merge(c);
      return;
    }
    const auto* list = resolve(selectors, "EventSelectors");
    if (!list) {
      if (best()) merge(everything("EventSelectors (unresolved)", selectors.where));
      return;
    }
    if (list->empty()) {
      cov_.none_reason = "EventSelectors is an empty list";
      cov_.none_where = selectors.where;
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) merge(basic((*list)[i], i));
    if (cov_.none_reason.empty()) {
      cov_.none_reason = list->size() == 1 ? "IncludeManagementEvents is false in its only event selector"
                                           : "IncludeManagementEvents is false in every event selector";
      cov_.none_where = list->front().include_management_events.where;
    }
  }

  Contribution basic(const model::EventSelector& selector, std::size_t index) {
    const std::string label = "event selector " + std::to_string(index + 1);
    Contribution c;
    c.via = label;
    c.where = selector.where;

    bool include = best();
    if (const bool* v = resolve(selector.include_management_events, "IncludeManagementEvents of " + label)) {
      include = *v;
    }
    if (!include) return c;

    model::ReadWriteType type = model::ReadWriteType::All;
    if (const auto* v = resolve(selector.read_write_type, "ReadWriteType of " + label)) {
      type = *v;
    } else if (!best()) {
      return c;
    }
    c.read = type != model::ReadWriteType::WriteOnly;
    c.write = type != model::ReadWriteType::ReadOnly;
    if (type != model::ReadWriteType::All) c.where = selector.read_write_type.where;

    const auto& exclusions = selector.exclude_management_event_sources;
    if (const auto* v = resolve(exclusions, "ExcludeManagementEventSources of " + label)) {
      c.excluded.insert(v->begin(), v->end());
    } else if (!best()) {
      c.excluded = kExcludableSources;
    }
    c.level = c.excluded.empty() ? Level::Full : Level::Excluded;
    if (c.level == Level::Excluded && type == model::ReadWriteType::All) c.where = exclusions.where;
    return c;
  }

  void run_advanced() {
    const auto& selectors = trail_.advanced_event_selectors;
    cov_.kind = "advanced event selectors";
    const auto* list = resolve(selectors, "AdvancedEventSelectors");
    if (!list) {
      if (best()) merge(everything("AdvancedEventSelectors (unresolved)", selectors.where));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) merge(advanced((*list)[i], i));
    if (cov_.none_reason.empty()) {
      cov_.none_reason = list->empty() ? "AdvancedEventSelectors is an empty list"
                                       : "no advanced event selector has eventCategory = Management";
      cov_.none_where = selectors.where;
    }
  }

  Contribution advanced(const model::AdvancedEventSelector& selector, std::size_t index) {
    std::string label = "advanced event selector " + std::to_string(index + 1);
    if (selector.name.known() && !selector.name->empty()) label += " (\"" + *selector.name + "\")";
    Contribution c;
    c.via = label;
    c.where = selector.where;

    bool has_category = false;
    bool is_management = true;
    std::set<std::string> read_only_values = {"true", "false"};
    Location read_only_where;
    std::string narrowing;
    Location narrowing_where;
    auto narrow = [&](std::string text, const Location& where) {
      if (!narrowing.empty()) return;
      narrowing = std::move(text);
      narrowing_where = where;
    };

    for (const auto& fs : selector.field_selectors) {
      const std::string* field = resolve(fs.field, "Field of a field selector in " + label);
      if (!field) {
        if (best()) continue;
        return c;  // worst case: the unknown field excludes management events
      }
      for (const auto& cond : fs.conditions) {
        const std::string what = *field + " " + model::to_string(cond.op) + " in " + label;
        const auto* values = resolve(cond.values, what);
        if (*field == "eventCategory") {
          has_category = true;
          if (values) {
            is_management = is_management && condition_matches(cond.op, *values, "Management");
          } else if (!best()) {
            is_management = false;
          }
        } else if (*field == "readOnly") {
          read_only_where = fs.where;
          if (values) {
            std::erase_if(read_only_values,
                          [&](const std::string& v) { return !condition_matches(cond.op, *values, v); });
          } else if (!best()) {
            read_only_values.clear();
          }
        } else if (*field == "eventSource" && cond.op == FieldOperator::NotEquals && values &&
                   std::all_of(values->begin(), values->end(),
                               [](const std::string& v) { return kExcludableSources.count(v) > 0; })) {
          c.excluded.insert(values->begin(), values->end());
        } else if (values) {
          narrow(*field + " " + model::to_string(cond.op) + " [" + join(*values) + "]", cond.where);
        } else if (!best()) {
          narrow(*field + " " + model::to_string(cond.op) + " (unresolved)", cond.where);
        }
      }
    }
    if (!has_category || !is_management) return c;

    c.read = read_only_values.count("true") > 0;
    c.write = read_only_values.count("false") > 0;
    if (!(c.read && c.write)) c.where = read_only_where;
    if (!narrowing.empty()) {
      c.level = Level::Narrowed;
      c.narrowing = narrowing;
      c.where = narrowing_where;
    } else {
      c.level = c.excluded.empty() ? Level::Full : Level::Excluded;
    }
    return c;
  }

  // Best case of a list that could not be resolved at all.
  static Contribution everything(std::string via, const Location& where) {
    Contribution c;
    c.read = c.write = true;
    c.level = Level::Full;
    c.via = std::move(via);
    c.where = where;
    return c;
  }

  void merge(const Contribution& c) {
    if (c.level == Level::None || !(c.read || c.write)) return;
    cov_.none_reason = "-";  // something is recorded; none_reason is only meaningful when nothing is
    if (c.read) merge_scope(cov_.read, c);
    if (c.write) merge_scope(cov_.write, c);
  }

  static void merge_scope(ScopeCoverage& scope, const Contribution& c) {
    auto add_via = [&] { scope.via += (scope.via.empty() ? "" : " and ") + c.via; };
    if (c.level > scope.level) {
      scope.level = c.level;
      scope.excluded = c.excluded;
      scope.narrowing = c.narrowing;
      scope.where = c.where;
      scope.via = c.via;
    } else if (c.level == scope.level && c.level == Level::Excluded) {
      // An event is logged when any selector matches it: only sources excluded by all are missing.
      std::set<std::string> both;
      std::set_intersection(scope.excluded.begin(), scope.excluded.end(), c.excluded.begin(), c.excluded.end(),
                            std::inserter(both, both.begin()));
      scope.excluded = std::move(both);
      add_via();
      if (scope.excluded.empty()) scope.level = Level::Full;
    } else if (c.level == scope.level && c.level == Level::Full) {
      add_via();
    }
  }

  const model::Trail& trail_;
  Bound bound_;
  Coverage cov_;
};

}  // namespace

Coverage compute_coverage(const model::Trail& trail, Bound bound) {
  Coverage cov = Calculator(trail, bound).run();
  if (cov.none_reason == "-") cov.none_reason.clear();
  return cov;
}

}  // namespace stance::rules::ct010
