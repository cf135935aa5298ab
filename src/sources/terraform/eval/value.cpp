#include "sources/terraform/eval/value.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include "sources/terraform/eval/limits.hpp"

namespace stance::terraform {

Value Value::of_bool(bool b) {
  Value v;
  v.type = Type::Bool;
  v.boolean = b;
  return v;
}

Value Value::of_number(double n) {
  Value v;
  v.type = Type::Number;
  v.number = n;
  return v;
}

Value Value::of_string(std::string s) {
  Value v;
  v.type = Type::String;
  v.string = std::move(s);
  return v;
}

Value Value::list(std::vector<Value> list_items) {
  Value v;
  v.type = Type::List;
  v.items = std::move(list_items);
  return v;
}

Value Value::map(std::vector<std::pair<std::string, Value>> map_entries) {
  Value v;
  v.type = Type::Map;
  std::stable_sort(map_entries.begin(), map_entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Duplicates removed in place (no second vector): entries [0, kept) are the result so far.
  std::size_t kept = 0;
  for (auto& e : map_entries) {
    if (kept > 0 && map_entries[kept - 1].first == e.first) {
      map_entries[kept - 1].second = std::move(e.second);  // last duplicate wins, as in merge()
    } else {
      if (&map_entries[kept] != &e) map_entries[kept] = std::move(e);
      ++kept;
    }
  }
  map_entries.erase(map_entries.begin() + static_cast<std::ptrdiff_t>(kept), map_entries.end());
  v.entries = std::move(map_entries);
  return v;
}

Value Value::unknown(std::string reason) {
  Value v;
  v.type = Type::Unknown;
  v.unknown_reason = std::move(reason);
  return v;
}

bool Value::wholly_known() const {
  if (type == Type::Unknown) return false;
  for (const auto& i : items) {
    if (!i.wholly_known()) return false;
  }
  for (const auto& e : entries) {
    if (!e.second.wholly_known()) return false;
  }
  return true;
}

const Value* Value::get(std::string_view key) const {
  if (type != Type::Map) return nullptr;
  auto it = std::lower_bound(entries.begin(), entries.end(), key,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  return it != entries.end() && it->first == key ? &it->second : nullptr;
}

Value& Value::at(const hcl::Range& where, model::InternedString file_name) & {
  range = where;
  file = file_name;
  return *this;
}

const char* Value::type_name() const {
  switch (type) {
    case Type::Null: return "null";
    case Type::Bool: return "bool";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::List: return "list";
    case Type::Map: return "map";
    case Type::Unknown: return "unknown";
  }
  return "unknown";
}

std::string format_number(double n) {
  // Terraform prints numbers in strings without an exponent: 1e21 is "1000000000000000000000".
  if (!std::isfinite(n)) return n > 0 ? "inf" : n < 0 ? "-inf" : "nan";
  if (n == std::floor(n) && std::fabs(n) < 1e300) {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.0f", n);
    return buffer;
  }
  // The shortest decimal that reads back as the same double, then written out in fixed notation.
  char shortest[40];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(shortest, sizeof shortest, "%.*g", precision, n);
    if (std::strtod(shortest, nullptr) == n) break;
  }
  const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(n))));
  const int decimals = std::max(0, precision - 1 - exponent);
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.*f", std::min(decimals, 340), n);
  std::string out = buffer;
  if (out.find('.') != std::string::npos) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  return out;
}

namespace {

Value keep_origin(Value converted, const Value& from) {
  converted.file = from.file;
  converted.range = from.range;
  return converted;
}

}  // namespace

std::optional<Value> to_string_value(const Value& v) {
  switch (v.type) {
    case Type::String:
    case Type::Unknown: return v;
    case Type::Number: return keep_origin(Value::of_string(format_number(v.number)), v);
    case Type::Bool: return keep_origin(Value::of_string(v.boolean ? "true" : "false"), v);
    default: return std::nullopt;
  }
}

std::optional<Value> to_bool_value(const Value& v) {
  switch (v.type) {
    case Type::Bool:
    case Type::Unknown: return v;
    case Type::String:
      if (v.string == "true") return keep_origin(Value::of_bool(true), v);
      if (v.string == "false") return keep_origin(Value::of_bool(false), v);
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::optional<Value> to_number_value(const Value& v) {
  switch (v.type) {
    case Type::Number:
    case Type::Unknown: return v;
    case Type::String: {
      if (v.string.empty()) return std::nullopt;
      char* end = nullptr;
      double n = std::strtod(v.string.c_str(), &end);
      if (end != v.string.c_str() + v.string.size() || !std::isfinite(n)) return std::nullopt;
      return keep_origin(Value::of_number(n), v);
    }
    default: return std::nullopt;
  }
}

std::optional<bool> equals(const Value& a, const Value& b) {
  if (a.is_unknown() || b.is_unknown()) return std::nullopt;
  if (a.type != b.type) return false;
  switch (a.type) {
    case Type::Null: return true;
    case Type::Bool: return a.boolean == b.boolean;
    case Type::Number: return a.number == b.number;
    case Type::String: return a.string == b.string;
    case Type::List: {
      if (a.items.size() != b.items.size()) return false;
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        auto e = equals(a.items[i], b.items[i]);
        if (!e || !*e) return e;
      }
      return true;
    }
    case Type::Map: {
      if (a.entries.size() != b.entries.size()) return false;
      for (std::size_t i = 0; i < a.entries.size(); ++i) {
        if (a.entries[i].first != b.entries[i].first) return false;
        auto e = equals(a.entries[i].second, b.entries[i].second);
        if (!e || !*e) return e;
      }
      return true;
    }
    case Type::Unknown: break;
  }
  return std::nullopt;
}

std::string display(const Value& v) {
  switch (v.type) {
    case Type::Null: return "null";
    case Type::Bool: return v.boolean ? "true" : "false";
    case Type::Number: return format_number(v.number);
    case Type::String: return "\"" + v.string + "\"";
    case Type::Unknown: return "(known after apply)";
    case Type::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + display(v.items[i]);
      return out + "]";
    }
    case Type::Map: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.entries.size(); ++i) {
        out += (i ? ", " : "") + v.entries[i].first + " = " + display(v.entries[i].second);
      }
      return out + "}";
    }
  }
  return "";
}

std::size_t element_count(const Value& collection) {
  return collection.type == Type::List ? collection.items.size() : collection.entries.size();
}

Value element_key(const Value& collection, std::size_t i) {
  if (collection.type != Type::List) return Value::of_string(collection.entries[i].first);
  return collection.is_set ? collection.items[i] : Value::of_number(static_cast<double>(i));
}

const Value& element_value(const Value& collection, std::size_t i) {
  return collection.type == Type::List ? collection.items[i] : collection.entries[i].second;
}

namespace {

struct Measure {
  std::size_t elements = 0;
  std::size_t bytes = 0;
  std::string passed;

  bool add(const Value& v) {
    if (v.string.size() > limits::kMaxStringBytes) {
      passed = limits::string_too_long();
      return false;
    }
    bytes += v.string.size();
    elements += v.items.size() + v.entries.size();
    if (elements > limits::kMaxCollectionElements) passed = limits::collection_too_large();
    if (bytes > limits::kMaxValueBytes) passed = limits::value_too_large();
    if (!passed.empty()) return false;
    for (const auto& item : v.items) {
      if (!add(item)) return false;
    }
    for (const auto& [key, value] : v.entries) {
      bytes += key.size();
      if (!add(value)) return false;
    }
    return true;
  }
};

}  // namespace

std::size_t element_size(const Value& v) {
  std::size_t n = v.items.size() + v.entries.size();
  for (const auto& item : v.items) n += element_size(item);
  for (const auto& [key, value] : v.entries) n += element_size(value);
  return n;
}

std::size_t string_bytes(const Value& v) {
  std::size_t n = v.string.size();
  for (const auto& item : v.items) n += string_bytes(item);
  for (const auto& [key, value] : v.entries) n += key.size() + string_bytes(value);
  return n;
}

std::string size_limit_passed(const Value& v) {
  if (v.items.empty() && v.entries.empty()) {
    return v.string.size() > limits::kMaxStringBytes ? limits::string_too_long() : std::string();
  }
  Measure m;
  m.add(v);
  return m.passed;
}

}  // namespace stance::terraform
