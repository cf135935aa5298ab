// New YAML/JSON content written in the style of the file it goes into: the selectors a fix adds.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace stance::fix {

struct Snippet {
  enum class Kind { String, Bool, List, Map };
  Kind kind = Kind::String;
  std::string text;  // String: the value; Bool: "true"/"false"
  std::vector<Snippet> items;
  std::vector<std::pair<std::string, Snippet>> pairs;

  // Special members and factories are defined below the class: clang with libstdc++ cannot build the
  // pair<string, Snippet> vector's members while Snippet is incomplete.
  Snippet();
  Snippet(Kind k, std::string t, std::vector<Snippet> i, std::vector<std::pair<std::string, Snippet>> p);
  ~Snippet();
  Snippet(const Snippet&);
  Snippet(Snippet&&) noexcept;
  Snippet& operator=(const Snippet&);
  Snippet& operator=(Snippet&&) noexcept;

  static Snippet string(std::string s);
  static Snippet boolean(bool b);
  static Snippet list(std::vector<Snippet> items);
  static Snippet map(std::vector<std::pair<std::string, Snippet>> pairs);
};

inline Snippet::Snippet() = default;
inline Snippet::Snippet(Kind k, std::string t, std::vector<Snippet> i, std::vector<std::pair<std::string, Snippet>> p)
    : kind(k), text(std::move(t)), items(std::move(i)), pairs(std::move(p)) {}
inline Snippet::~Snippet() = default;
inline Snippet::Snippet(const Snippet&) = default;
inline Snippet::Snippet(Snippet&&) noexcept = default;
inline Snippet& Snippet::operator=(const Snippet&) = default;
inline Snippet& Snippet::operator=(Snippet&&) noexcept = default;

inline Snippet Snippet::string(std::string s) { return Snippet{Kind::String, std::move(s), {}, {}}; }
inline Snippet Snippet::boolean(bool b) { return Snippet{Kind::Bool, b ? "true" : "false", {}, {}}; }
inline Snippet Snippet::list(std::vector<Snippet> list_items) { return Snippet{Kind::List, {}, std::move(list_items), {}}; }
inline Snippet Snippet::map(std::vector<std::pair<std::string, Snippet>> map_pairs) {
  return Snippet{Kind::Map, {}, {}, std::move(map_pairs)};
}

// On one line: JSON ({"k": "v"}) or YAML flow ({k: v}); `padded` writes "{ k: v }".
std::string render_flow(const Snippet& s, bool json, bool padded);

// A YAML block mapping that follows "- " at column `column` (0-based): the first line has no indentation,
// the others are indented to `column`. A nested list of mappings is indented `sequence_offset` columns
// past its key; lists of scalars are written in flow style ([a, b]).
std::string render_block_mapping(const Snippet& map, std::size_t column, std::size_t sequence_offset);

// How the file writes JSON over several lines: json.dumps(indent=N) puts every value on its own line;
// hand-written templates often keep lists of strings, and mappings of plain values, on one line.
struct JsonLayout {
  std::size_t unit = 2;
  bool inline_scalar_lists = true;   // ["a", "b"]
  bool inline_leaf_objects = false;  // { "Field": "x", "Equals": ["y"] }
};

// JSON over several lines in `layout`. The first line has no indentation; the others are indented from
// `column`.
std::string render_json_pretty(const Snippet& s, std::size_t column, const JsonLayout& layout);

}  // namespace stance::fix
