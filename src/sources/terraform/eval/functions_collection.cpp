// Collection functions (https://developer.hashicorp.com/terraform/language/functions, "Collection
// Functions"). stance's Value has one list kind (lists, tuples, sets) and one map kind (maps, objects); where
// Terraform's result depends on the exact type (a set's order, a map's element type) the comments say what
// stance does.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "sources/terraform/eval/functions_support.hpp"
#include "sources/terraform/eval/limits.hpp"

namespace stance::terraform::functions {

namespace {

bool same(const Value& a, const Value& b) {
  auto e = equals(a, b);
  return e && *e;
}

// A set as cty orders it: strings lexically, numbers ascending, bools false first; other element types keep
// their first-seen order. Duplicates are dropped.
Value make_set(std::vector<Value> items) {
  std::vector<Value> unique;
  for (auto& v : items) {
    bool seen = false;
    for (const auto& u : unique) seen = seen || same(u, v);
    if (!seen) unique.push_back(std::move(v));
  }
  auto all_of_type = [&](Type t) {
    return std::all_of(unique.begin(), unique.end(), [t](const Value& v) { return v.type == t; });
  };
  if (all_of_type(Type::String)) {
    std::sort(unique.begin(), unique.end(),
              [](const Value& a, const Value& b) { return a.string < b.string; });
  } else if (all_of_type(Type::Number)) {
    std::sort(unique.begin(), unique.end(),
              [](const Value& a, const Value& b) { return a.number < b.number; });
  } else if (all_of_type(Type::Bool)) {
    std::sort(unique.begin(), unique.end(),
              [](const Value& a, const Value& b) { return a.boolean < b.boolean; });
  }
  Value set = Value::list(std::move(unique));
  set.is_set = true;
  return set;
}

FunctionResult length(Args& a) {
  const Value& v = a[0];
  if (v.is_unknown()) return ok(unknown_from(v));
  if (v.type == Type::String) return ok(Value::of_number(static_cast<double>(characters(v.string).size())));
  if (v.type == Type::List) return ok(Value::of_number(static_cast<double>(v.items.size())));
  if (v.type == Type::Map) return ok(Value::of_number(static_cast<double>(v.entries.size())));
  invalid("value", "argument must be a string, a collection type, or a structural type");
}

FunctionResult element(Args& a) {
  if (a[0].is_unknown() || a[1].is_unknown()) return ok(unknown_from(a));
  const auto& items = list_arg(a[0], "list");
  long long index = integer_arg(a[1], "index");
  if (items.empty()) failed("element", "cannot use element function with an empty list");
  if (index < 0) failed("element", "cannot use element function with a negative index");
  return ok(items[static_cast<std::size_t>(index) % items.size()]);
}

FunctionResult index(Args& a) {
  const auto& items = list_arg(a[0], "list");
  if (items.empty()) failed("index", "cannot search an empty list");
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (same(items[i], a[1])) return ok(Value::of_number(static_cast<double>(i)));
  }
  failed("index", "item not found");
}

// An exact match decides even when other elements are unknown; otherwise an unknown element leaves it open.
FunctionResult contains(Args& a) {
  if (a[0].is_unknown()) return ok(unknown_from(a[0]));
  if (a[0].type != Type::List) failed("contains", "argument must be list, tuple, or set");
  if (a[0].items.empty()) return ok(Value::of_bool(false));
  if (a[1].is_unknown()) return ok(unknown_from(a[1]));
  const Value* open = nullptr;
  for (const auto& item : a[0].items) {
    auto e = equals(item, a[1]);
    if (!e) {
      open = &item;
    } else if (*e) {
      return ok(Value::of_bool(true));
    }
  }
  return ok(open ? unknown_from(*open) : Value::of_bool(false));
}

FunctionResult concat(Args& a) {
  if (a.empty()) failed("concat", "at least one argument is required");
  std::vector<Value> out;
  for (const auto& list : a) {
    if (list.is_unknown()) return ok(unknown_from(list));
    if (list.type != Type::List) {
      invalid("seqs", std::string("all arguments must be lists or tuples; got ") + list.type_name());
    }
    if (out.size() + list.items.size() > limits::kMaxCollectionElements) {
      failed("concat", limits::collection_too_large());
    }
    out.insert(out.end(), list.items.begin(), list.items.end());
  }
  return ok(Value::list(std::move(out)));
}

void flatten_into(const std::vector<Value>& items, std::vector<Value>& out) {
  for (const auto& item : items) {
    if (item.type == Type::List) {
      flatten_into(item.items, out);
    } else {
      out.push_back(item);
    }
  }
}

FunctionResult flatten(Args& a) {
  std::vector<Value> out;
  flatten_into(list_arg(a[0], "list"), out);
  return ok(Value::list(std::move(out)));
}

FunctionResult distinct(Args& a) {
  std::vector<Value> out;
  for (const auto& item : list_arg(a[0], "list")) {
    if (std::none_of(out.begin(), out.end(), [&](const Value& o) { return same(o, item); }))
      out.push_back(item);
  }
  return ok(Value::list(std::move(out)));
}

FunctionResult keys(Args& a) {
  if (a[0].is_unknown()) return ok(unknown_from(a[0]));
  if (a[0].type != Type::Map) invalid("inputMap", "must have map or object type");
  std::vector<Value> out;
  for (const auto& [key, value] : a[0].entries) out.push_back(Value::of_string(key));
  return ok(Value::list(std::move(out)));
}

FunctionResult values(Args& a) {
  if (a[0].is_unknown()) return ok(unknown_from(a[0]));
  if (a[0].type != Type::Map) failed("values", "values() requires a map as the first argument");
  std::vector<Value> out;
  for (const auto& [key, value] : a[0].entries) out.push_back(value);
  return ok(Value::list(std::move(out)));
}

FunctionResult lookup(Args& a) {
  if (a.size() > 3)
    failed("lookup", "lookup() takes two or three arguments, got " + std::to_string(a.size()));
  if (a[0].is_unknown() || a[1].is_unknown()) return ok(unknown_from(a));
  if (a[0].type != Type::Map) invalid("inputMap", "lookup() requires a map as the first argument");
  const Value& map = a[0];
  std::string key = string_arg(a[1], "key");
  if (const Value* found = map.get(key)) return ok(*found);
  if (a.size() == 3) return ok(a[2]);
  failed("lookup", "lookup failed to find the given key");
}

FunctionResult merge(Args& a) {
  std::vector<std::pair<std::string, Value>> entries;
  bool all_null = !a.empty();
  for (auto& m : a) {
    if (m.is_null()) continue;
    all_null = false;
    if (m.is_unknown()) return ok(unknown_from(m));
    if (m.type != Type::Map) {
      failed("merge", std::string("arguments must be maps or objects, got \"") + m.type_name() + "\"");
    }
    // Moved, not copied: the arguments are this call's own and are not read again (tags = merge(local.tags,
    // {...}) is in most resources, and its entries are whole values).
    entries.insert(entries.end(), std::make_move_iterator(m.entries.begin()),
                   std::make_move_iterator(m.entries.end()));
  }
  if (all_null) return ok(Value::null_value());
  return ok(Value::map(std::move(entries)));  // later arguments win, as Value::map keeps the last duplicate
}

FunctionResult zipmap(Args& a) {
  if (a[0].is_unknown() || a[1].is_unknown()) return ok(unknown_from(a));
  const auto& ks = list_arg(a[0], "keys");
  const auto& vs = list_arg(a[1], "values");
  for (const auto& k : ks) {
    if (!k.wholly_known()) return ok(unknown_from(k));
  }
  if (ks.size() != vs.size()) {
    failed("zipmap", "number of keys (" + std::to_string(ks.size()) + ") does not match number of values (" +
                         std::to_string(vs.size()) + ")");
  }
  std::vector<std::pair<std::string, Value>> entries;
  for (std::size_t i = 0; i < ks.size(); ++i) entries.emplace_back(string_arg(ks[i], "keys"), vs[i]);
  return ok(Value::map(std::move(entries)));
}

FunctionResult slice(Args& a) {
  for (const auto& arg : a) {
    if (arg.is_unknown()) return ok(unknown_from(arg));
  }
  if (a[0].is_set) {
    invalid("list",
            "cannot slice a set, because its elements do not have indices; explicitly convert to a list if "
            "the ordering of the result is not important");
  }
  if (a[0].type != Type::List) invalid("list", "must be a list or tuple value");
  const auto& items = a[0].items;
  long long start = integer_arg(a[1], "start_index");
  long long end = integer_arg(a[2], "end_index");
  if (start < 0) invalid("start_index", "start index must not be less than zero");
  if (start > static_cast<long long>(items.size())) {
    invalid("start_index", "start index must not be greater than the length of the list");
  }
  if (end < 0) invalid("end_index", "end index must not be less than zero");
  if (end > static_cast<long long>(items.size())) {
    invalid("end_index", "end index must not be greater than the length of the list");
  }
  if (start > end) invalid("start_index", "start index must not be greater than end index");
  return ok(Value::list(std::vector<Value>(items.begin() + start, items.begin() + end)));
}

FunctionResult reverse(Args& a) {
  if (a[0].is_unknown()) return ok(unknown_from(a[0]));
  if (a[0].type != Type::List) {
    invalid("list", std::string("can only reverse list or tuple values, not ") + a[0].type_name());
  }
  std::vector<Value> out = a[0].items;
  std::reverse(out.begin(), out.end());
  return ok(Value::list(std::move(out)));
}

FunctionResult sort(Args& a) {
  std::vector<std::string> strings;
  const auto& items = list_arg(a[0], "list");
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].is_null()) {
      failed("sort", "given list element " + std::to_string(i) + " is null; a null string cannot be sorted");
    }
    strings.push_back(string_arg(items[i], "list"));
  }
  std::sort(strings.begin(), strings.end());
  std::vector<Value> out;
  for (auto& s : strings) out.push_back(Value::of_string(std::move(s)));
  return ok(Value::list(std::move(out)));
}

std::vector<Value> set_items(const Value& v, std::string_view param) {
  if (v.type != Type::List) invalid(param, "a set is required");
  std::vector<Value> items = v.items;
  unify_primitives(items, param);
  return items;
}

FunctionResult setunion(Args& a) {
  std::vector<Value> all;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto items = set_items(a[i], i == 0 ? "first_set" : "other_sets");
    all.insert(all.end(), items.begin(), items.end());
  }
  unify_primitives(all, "other_sets");
  return ok(make_set(std::move(all)));
}

FunctionResult setintersection(Args& a) {
  std::vector<Value> out = set_items(a[0], "first_set");
  for (std::size_t i = 1; i < a.size(); ++i) {
    auto other = set_items(a[i], "other_sets");
    std::vector<Value> kept;
    for (auto& v : out) {
      if (std::any_of(other.begin(), other.end(), [&](const Value& o) { return same(o, v); }))
        kept.push_back(v);
    }
    out = std::move(kept);
  }
  return ok(make_set(std::move(out)));
}

FunctionResult setsubtract(Args& a) {
  std::vector<Value> out;
  auto removed = set_items(a[1], "b");
  for (auto& v : set_items(a[0], "a")) {
    if (std::none_of(removed.begin(), removed.end(), [&](const Value& o) { return same(o, v); }))
      out.push_back(v);
  }
  return ok(make_set(std::move(out)));
}

FunctionResult toset(Args& a) {
  if (a[0].is_null()) return ok(a[0]);
  if (a[0].type != Type::List)
    invalid("v", std::string("cannot convert ") + a[0].type_name() + " to set of any single type");
  std::vector<Value> items = a[0].items;
  unify_primitives(items, "v");
  return ok(make_set(std::move(items)));
}

FunctionResult tolist(Args& a) {
  if (a[0].is_null()) return ok(a[0]);
  if (a[0].type != Type::List)
    invalid("v", std::string("cannot convert ") + a[0].type_name() + " to list of any single type");
  std::vector<Value> items = a[0].items;
  unify_primitives(items, "v");
  return ok(Value::list(std::move(items)));
}

FunctionResult tomap(Args& a) {
  if (a[0].is_null()) return ok(a[0]);
  if (a[0].type != Type::Map)
    invalid("v", std::string("cannot convert ") + a[0].type_name() + " to map of any single type");
  std::vector<Value> values;
  for (const auto& e : a[0].entries) values.push_back(e.second);
  unify_primitives(values, "v");
  std::vector<std::pair<std::string, Value>> entries;
  for (std::size_t i = 0; i < values.size(); ++i)
    entries.emplace_back(a[0].entries[i].first, std::move(values[i]));
  return ok(Value::map(std::move(entries)));
}

FunctionResult range(Args& a) {
  if (a.empty()) failed("range", "must have at least one argument");
  if (a.size() > 3) failed("range", "must have no more than three arguments");
  double start = 0, limit = 0, step = 1;
  if (a.size() == 1) {
    limit = number_arg(a[0], "params");
  } else {
    start = number_arg(a[0], "params");
    limit = number_arg(a[1], "params");
    step = a.size() == 3 ? number_arg(a[2], "params") : (start > limit ? -1 : 1);
  }
  if (step == 0) failed("range", "step must not be zero");
  std::vector<Value> out;
  if ((step > 0 && start > limit) || (step < 0 && start < limit)) return ok(Value::list({}));
  for (double v = start; step > 0 ? v < limit : v > limit; v += step) {
    if (out.size() >= 1024) {
      failed("range",
             "more than 1024 values were generated; either decrease the difference between start "
             "and limit or use a smaller step");
    }
    out.push_back(Value::of_number(v));
  }
  return ok(Value::list(std::move(out)));
}

FunctionResult compact(Args& a) {
  std::vector<Value> out;
  for (const auto& item : list_arg(a[0], "list")) {
    if (item.is_null()) continue;
    std::string s = string_arg(item, "list");
    if (!s.empty()) out.push_back(Value::of_string(std::move(s)));
  }
  return ok(Value::list(std::move(out)));
}

// The first argument that is neither null nor "": its type unified with the others' (a number among strings
// becomes a string).
FunctionResult coalesce(Args& a) {
  bool any_string = false, any_scalar = false, any_collection = false;
  for (const auto& v : a) {
    any_string = any_string || v.type == Type::String;
    any_scalar = any_scalar || v.type == Type::Number || v.type == Type::Bool;
    any_collection = any_collection || v.type == Type::List || v.type == Type::Map;
  }
  bool numbers_and_bools =
      std::any_of(a.begin(), a.end(), [](const Value& v) { return v.type == Type::Number; }) &&
      std::any_of(a.begin(), a.end(), [](const Value& v) { return v.type == Type::Bool; });
  if ((any_collection && (any_string || any_scalar)) || (numbers_and_bools && !any_string)) {
    failed("coalesce", "all arguments must have the same type");
  }
  for (const auto& v : a) {
    if (v.is_unknown()) return ok(unknown_from(v));
    if (v.is_null()) continue;
    if (v.type == Type::String && v.string.empty()) continue;
    if (any_string && v.type != Type::String) return ok(*to_string_value(v));
    return ok(v);
  }
  failed("coalesce", "no non-null, non-empty-string arguments");
}

FunctionResult coalescelist(Args& a) {
  if (a.empty()) failed("coalescelist", "at least one argument is required");
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_unknown()) return ok(unknown_from(a[i]));
    if (a[i].type != Type::List) failed("coalescelist", "coalescelist arguments must be lists or tuples");
    if (!a[i].items.empty()) return ok(a[i]);
  }
  failed("coalescelist", "no non-null arguments");
}

FunctionResult one(Args& a) {
  if (a[0].is_unknown()) return ok(unknown_from(a[0]));
  const auto& items = list_arg(a[0], "list");
  if (items.empty()) return ok(Value::null_value());
  if (items.size() > 1)
    invalid("list", "must be a list, set, or tuple value with either zero or one elements");
  return ok(items.front());
}

// Terraform stops at the first unknown element (the result is unknown even if a later element is false);
// anytrue, by contrast, looks past unknowns for a true element.
FunctionResult alltrue(Args& a) {
  if (a[0].is_unknown()) return ok(unknown_from(a[0]));
  for (const auto& item : list_arg(a[0], "list")) {
    if (item.is_unknown()) return ok(unknown_from(item));
    if (item.is_null() || !bool_arg(item, "list")) return ok(Value::of_bool(false));
  }
  return ok(Value::of_bool(true));
}

FunctionResult anytrue(Args& a) {
  if (a[0].is_unknown()) return ok(unknown_from(a[0]));
  bool unknown = false;
  for (const auto& item : list_arg(a[0], "list")) {
    if (item.is_unknown()) {
      unknown = true;
      continue;
    }
    if (!item.is_null() && bool_arg(item, "list")) return ok(Value::of_bool(true));
  }
  return ok(unknown ? unknown_from(a[0]) : Value::of_bool(false));
}

FunctionResult sum(Args& a) {
  const auto& items = list_arg(a[0], "list");
  if (items.empty()) invalid("list", "cannot sum an empty list");
  double total = 0;
  for (const auto& item : items) {
    auto n = item.is_null() ? std::nullopt : to_number_value(item);
    if (!n || n->type != Type::Number)
      invalid("list", "argument must be list, set, or tuple of number values");
    total += n->number;
  }
  return ok(Value::of_number(total));
}

FunctionResult transpose(Args& a) {
  std::vector<std::pair<std::string, std::vector<Value>>> out;
  for (const auto& [key, list] : map_arg(a[0], "values").entries) {
    if (list.type != Type::List) failed("transpose", "input must be a map of lists of strings");
    for (const auto& item : list.items) {
      std::string name = string_arg(item, "values");
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == name; });
      if (it == out.end()) {
        out.emplace_back(name, std::vector<Value>{});
        it = out.end() - 1;
      }
      it->second.push_back(Value::of_string(key));
    }
  }
  std::vector<std::pair<std::string, Value>> entries;
  for (auto& [name, keys_of] : out) entries.emplace_back(name, Value::list(std::move(keys_of)));
  return ok(Value::map(std::move(entries)));
}

FunctionResult chunklist(Args& a) {
  const auto& items = list_arg(a[0], "list");
  long long size = integer_arg(a[1], "size");
  if (size < 0) invalid("size", "the size argument must be positive");
  std::vector<Value> out;
  if (size == 0) {
    out.push_back(Value::list(items));
    return ok(Value::list(std::move(out)));
  }
  for (std::size_t i = 0; i < items.size(); i += static_cast<std::size_t>(size)) {
    auto end = std::min(items.size(), i + static_cast<std::size_t>(size));
    out.push_back(Value::list(std::vector<Value>(items.begin() + static_cast<std::ptrdiff_t>(i),
                                                 items.begin() + static_cast<std::ptrdiff_t>(end))));
  }
  return ok(Value::list(std::move(out)));
}

// Every combination of one element from each list, the first list varying slowest.
FunctionResult setproduct(Args& a) {
  if (a.size() < 2) failed("setproduct", "at least two arguments are required");
  std::vector<std::vector<Value>> combinations{{}};
  std::size_t total = 1;  // elements of the result, its lists counted with theirs
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto& items = list_arg(a[i], "sets");
    total = items.empty() ? 0 : total * items.size();
    if (total > limits::kMaxCollectionElements / (i + 2)) failed("setproduct", limits::collection_too_large());
    std::vector<std::vector<Value>> next;
    for (const auto& prefix : combinations) {
      for (const auto& item : items) {
        next.push_back(prefix);
        next.back().push_back(item);
      }
    }
    combinations = std::move(next);
  }
  std::vector<Value> out;
  for (auto& c : combinations) out.push_back(Value::list(std::move(c)));
  return ok(Value::list(std::move(out)));
}

FunctionResult matchkeys(Args& a) {
  const auto& values_list = list_arg(a[0], "values");
  const auto& keys_list = list_arg(a[1], "keys");
  const auto& searchset = list_arg(a[2], "searchset");
  if (values_list.size() != keys_list.size()) {
    failed("matchkeys", "length of keys and values should be equal");
  }
  std::vector<Value> out;
  for (std::size_t i = 0; i < keys_list.size(); ++i) {
    if (std::any_of(searchset.begin(), searchset.end(),
                    [&](const Value& s) { return same(s, keys_list[i]); })) {
      out.push_back(values_list[i]);
    }
  }
  return ok(Value::list(std::move(out)));
}

}  // namespace

void add_collection_functions(Table& t) {
  t["length"] = {{"value"}, nullptr, length, false, true};
  t["element"] = {{"list", "index"}, nullptr, element, false, true};
  t["index"] = {{"list", "value"}, nullptr, index};
  t["contains"] = {{"list", "value"}, nullptr, contains, false, true};
  t["concat"] = {{}, "seqs", concat, false, true};
  t["flatten"] = {{"list"}, nullptr, flatten};
  t["distinct"] = {{"list"}, nullptr, distinct};
  t["keys"] = {{"inputMap"}, nullptr, keys, false, true};
  t["values"] = {{"mapping"}, nullptr, values, false, true};
  t["lookup"] = {{"inputMap", "key"}, "default", lookup, true, true};
  t["merge"] = {{}, "maps", merge, true, true};
  t["zipmap"] = {{"keys", "values"}, nullptr, zipmap, false, true};
  t["slice"] = {{"list", "start_index", "end_index"}, nullptr, slice, false, true};
  t["reverse"] = {{"list"}, nullptr, reverse, false, true};
  t["sort"] = {{"list"}, nullptr, sort};
  t["setunion"] = {{"first_set"}, "other_sets", setunion};
  t["setintersection"] = {{"first_set"}, "other_sets", setintersection};
  t["setsubtract"] = {{"a", "b"}, nullptr, setsubtract};
  t["toset"] = {{"v"}, nullptr, toset, true};
  t["tolist"] = {{"v"}, nullptr, tolist, true};
  t["tomap"] = {{"v"}, nullptr, tomap, true};
  t["range"] = {{}, "params", range};
  t["compact"] = {{"list"}, nullptr, compact};
  t["coalesce"] = {{}, "vals", coalesce, true, true};
  t["coalescelist"] = {{}, "vals", coalescelist, false, true};
  t["one"] = {{"list"}, nullptr, one, false, true};
  t["alltrue"] = {{"list"}, nullptr, alltrue, false, true};
  t["anytrue"] = {{"list"}, nullptr, anytrue, false, true};
  t["sum"] = {{"list"}, nullptr, sum};
  t["transpose"] = {{"values"}, nullptr, transpose};
  t["chunklist"] = {{"list", "size"}, nullptr, chunklist};
  t["setproduct"] = {{}, "sets", setproduct};
  t["matchkeys"] = {{"values", "keys", "searchset"}, nullptr, matchkeys};
}

}  // namespace stance::terraform::functions
