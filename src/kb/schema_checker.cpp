#include "kb/schema_checker.hpp"

#include <algorithm>
#include <cctype>

namespace stance::kb::detail {

namespace {

// Edit distance, for "did you mean" hints on misspelt keys. Keys are short, so O(n*m) is nothing.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                       std::tolower(static_cast<unsigned char>(b[j - 1]))
                                   ? 0
                                   : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string suggestion(std::string_view unknown, std::span<const Key> keys) {
  std::string_view best;
  std::size_t best_distance = 3;  // more than two edits away is a different word, not a typo
  for (const Key& k : keys) {
    const std::size_t d = distance(unknown, k.name);
    if (d < best_distance) {
      best_distance = d;
      best = k.name;
    }
  }
  return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

std::string quoted(std::string_view key) { return "'" + std::string(key) + "'"; }

}  // namespace

std::string_view describe(const doc::Node& node) {
  switch (node.kind) {
    case doc::Kind::Scalar: return node.is_null() ? "an empty value" : "a string";
    case doc::Kind::Sequence: return "a list";
    case doc::Kind::Mapping: return "a mapping";
  }
  return "a value";
}

doc::Mark mark_or(const doc::Node* node, doc::Mark fallback) {
  return node && node->mark.line > 0 ? node->mark : fallback;
}

std::string position(doc::Mark mark) { return std::to_string(mark.line) + ":" + std::to_string(mark.column); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::optional<doc::Document> SchemaChecker::parse_root(std::string_view yaml_text, std::string_view what) {
  doc::ParseResult parsed = doc::parse(yaml_text, doc::Syntax::Yaml);
  if (!parsed.document) {
    error(parsed.error.mark, parsed.error.message);
    return std::nullopt;
  }
  if (!parsed.document->root) {
    error({1, 1}, std::string(what) + " is empty");
    return std::nullopt;
  }
  return std::move(parsed.document);
}

void SchemaChecker::error(doc::Mark at, std::string message) {
  model::ScanError e;
  e.source = source_;
  e.message = std::move(message);
  e.location = model::Location::in_file(source_, at.line, at.column);
  errors_.push_back(std::move(e));
}

bool SchemaChecker::check_mapping(const doc::Node& node, std::string_view what, std::span<const Key> keys,
                                  std::string_view hinted_key, std::string_view hint) {
  if (!node.is_mapping()) {
    error(node.mark, std::string(what) + " must be a mapping, found " + std::string(describe(node)));
    return false;
  }
  for (const doc::Pair& pair : node.pairs) {
    if (!pair.key || !pair.key->is_scalar()) {
      error(pair.key ? pair.key->mark : node.mark, "keys in " + std::string(what) + " must be plain names");
      continue;
    }
    const std::string& name = pair.key->text;
    const bool known = std::any_of(keys.begin(), keys.end(), [&](const Key& k) { return k.name == name; });
    if (known) continue;
    std::string message = "unknown key " + quoted(name) + " in " + std::string(what);
    message += !hint.empty() && name == hinted_key ? std::string(hint) : suggestion(name, keys);
    error(pair.key->mark, std::move(message));
  }
  for (const Key& k : keys) {
    if (!k.required) continue;
    const doc::Pair* pair = node.find_pair(k.name);
    if (!pair) {
      error(node.mark, "missing required key " + quoted(k.name) + " in " + std::string(what));
    } else if (!pair->value || pair->value->is_null()) {
      error(mark_or(pair->value.get(), pair->key->mark), quoted(k.name) + " has no value");
    }
  }
  return true;
}

std::string SchemaChecker::text(const doc::Node* value, std::string_view key, bool non_empty) {
  if (!value || value->is_null()) return {};  // absence of required keys is reported by check_mapping
  if (!value->is_scalar()) {
    error(value->mark, quoted(key) + " must be a string, found " + std::string(describe(*value)));
    return {};
  }
  if (non_empty && value->text.find_first_not_of(" \t\r\n") == std::string::npos) {
    error(value->mark, quoted(key) + " must not be empty");
  }
  return value->text;
}

std::vector<std::string> SchemaChecker::text_list(const doc::Node* value, std::string_view key,
                                                  bool non_empty_items) {
  std::vector<std::string> out;
  for (const doc::NodePtr& item : items(value, key)) {
    const std::string item_key = std::string(key) + " item";
    if (item->is_null()) {
      error(mark_or(item.get(), value->mark), quoted(item_key) + " has no value");
      continue;
    }
    out.push_back(text(item.get(), item_key, non_empty_items));
  }
  return out;
}

std::optional<bool> SchemaChecker::boolean(const doc::Node* value, std::string_view key) {
  if (!value || value->is_null()) return std::nullopt;
  if (value->is_scalar() && value->style == doc::ScalarStyle::Plain) {
    const std::string& t = value->text;
    if (t == "true" || t == "True" || t == "TRUE") return true;
    if (t == "false" || t == "False" || t == "FALSE") return false;
  }
  std::string found = value->is_scalar() ? "'" + value->text + "'" : std::string(describe(*value));
  error(value->mark, quoted(key) + " must be true or false (unquoted), found " + found);
  return std::nullopt;
}

std::span<const doc::NodePtr> SchemaChecker::items(const doc::Node* value, std::string_view key) {
  if (!value || value->is_null()) return {};
  if (!value->is_sequence()) {
    error(value->mark, quoted(key) + " must be a list, found " + std::string(describe(*value)));
    return {};
  }
  return value->items;
}

}  // namespace stance::kb::detail
