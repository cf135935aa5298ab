#include "fix/snippet.hpp"

#include <algorithm>

namespace stance::fix {

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool all_scalars(const Snippet& list) {
  return std::all_of(list.items.begin(), list.items.end(), [](const Snippet& s) {
    return s.kind != Snippet::Kind::List && s.kind != Snippet::Kind::Map;
  });
}

std::string spaces(std::size_t n) { return std::string(n, ' '); }

}  // namespace

std::string render_flow(const Snippet& s, bool json, bool padded) {
  switch (s.kind) {
    case Snippet::Kind::String:
      return json ? json_string(s.text) : s.text;
    case Snippet::Kind::Bool:
      return s.text;
    case Snippet::Kind::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < s.items.size(); ++i) {
        if (i) out += ", ";
        out += render_flow(s.items[i], json, padded);
      }
      return out + "]";
    }
    case Snippet::Kind::Map: {
      std::string out = padded ? "{ " : "{";
      for (std::size_t i = 0; i < s.pairs.size(); ++i) {
        if (i) out += ", ";
        out += (json ? json_string(s.pairs[i].first) : s.pairs[i].first) + ": " +
               render_flow(s.pairs[i].second, json, padded);
      }
      return out + (padded ? " }" : "}");
    }
  }
  return {};
}

std::string render_block_mapping(const Snippet& map, std::size_t column, std::size_t sequence_offset) {
  std::string out;
  bool first = true;
  for (const auto& [key, value] : map.pairs) {
    if (!first) out += "\n" + spaces(column);
    first = false;
    out += key + ":";
    if (value.kind == Snippet::Kind::List && !all_scalars(value)) {
      const std::size_t dash = column + sequence_offset;
      for (const auto& item : value.items) {
        out += "\n" + spaces(dash) + "- ";
        out += item.kind == Snippet::Kind::Map ? render_block_mapping(item, dash + 2, sequence_offset)
                                               : render_flow(item, false, false);
      }
    } else {
      out += " " + render_flow(value, false, false);
    }
  }
  return out;
}

std::string render_json_pretty(const Snippet& s, std::size_t column, const JsonLayout& layout) {
  const bool leaf_object =
      s.kind == Snippet::Kind::Map && std::all_of(s.pairs.begin(), s.pairs.end(), [](const auto& p) {
        return p.second.kind != Snippet::Kind::Map &&
               (p.second.kind != Snippet::Kind::List || all_scalars(p.second));
      });
  if (s.kind == Snippet::Kind::String || s.kind == Snippet::Kind::Bool ||
      (s.kind == Snippet::Kind::List && all_scalars(s) && (layout.inline_scalar_lists || s.items.empty())) ||
      (leaf_object && layout.inline_leaf_objects)) {
    return render_flow(s, true, true);
  }
  const std::size_t inner = column + layout.unit;
  const bool list = s.kind == Snippet::Kind::List;
  std::string out = list ? "[" : "{";
  const std::size_t n = list ? s.items.size() : s.pairs.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += (i ? ",\n" : "\n") + spaces(inner);
    if (list) {
      out += render_json_pretty(s.items[i], inner, layout);
    } else {
      out += json_string(s.pairs[i].first) + ": " + render_json_pretty(s.pairs[i].second, inner, layout);
    }
  }
  return out + "\n" + spaces(column) + (list ? "]" : "}");
}

}  // namespace stance::fix
