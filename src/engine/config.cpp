#include "engine/config.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/document.hpp"

namespace stance::engine {

namespace {

using doc::Node;

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

class Parser {
 public:
  Parser(const std::string& path, const KnownRules& known) : path_(path), known_(known) {}

  ConfigLoad run(std::string_view text) {
    out_.config.path = path_;
    auto parsed = doc::parse(text, doc::Syntax::Yaml);
    if (!parsed.document) {
      error(parsed.error.mark, parsed.error.message);
      return std::move(out_);
    }
    const Node* root = parsed.document->root.get();
    if (!root || root->is_null()) return std::move(out_);  // an empty file is a valid, empty config
    if (!expect_mapping(*root, "the configuration")) return std::move(out_);
    for (const auto& pair : root->pairs) {
      const std::string& key = pair.key->text;
      if (key == "rules") {
        rules(*pair.value);
      } else if (key == "exceptions") {
        exceptions(*pair.value);
      } else if (key == "exclude") {
        exclude(*pair.value);
      } else if (key == "history") {
        history(*pair.value);
      } else {
        error(pair.key->mark, "unknown key \"" + key + "\" (expected rules, exceptions, exclude, history)");
      }
    }
    return std::move(out_);
  }

 private:
  void error(doc::Mark mark, std::string message) {
    out_.errors.push_back({path_, std::move(message), where(mark)});
  }
  model::Location where(doc::Mark mark) const { return model::Location::in_file(path_, mark.line, mark.column); }

  bool expect_mapping(const Node& node, const std::string& what) {
    if (node.is_mapping()) return true;
    error(node.mark, what + " must be a mapping");
    return false;
  }

  std::optional<bool> boolean(const Node& node, const std::string& what) {
    if (node.is_scalar()) {
      std::string v = upper(node.text);
      if (v == "TRUE") return true;
      if (v == "FALSE") return false;
    }
    error(node.mark, what + " must be true or false");
    return std::nullopt;
  }

  std::optional<std::string> scalar(const Node& node, const std::string& what) {
    if (node.is_scalar() && !node.is_null()) return node.text;
    error(node.mark, what + " must be a string");
    return std::nullopt;
  }

  const std::vector<KnownSetting>* rule_settings(const std::string& id) const {
    for (const auto& [rule, settings] : known_) {
      if (rule == id) return &settings;
    }
    return nullptr;
  }

  void rules(const Node& node) {
    if (!expect_mapping(node, "rules")) return;
    for (const auto& pair : node.pairs) {
      std::string id = upper(pair.key->text);
      const auto* settings = rule_settings(id);
      if (!settings) {
        error(pair.key->mark, "unknown rule \"" + pair.key->text + "\"");
        continue;
      }
      RuleConfig rc;
      rc.where = where(pair.key->mark);
      if (!expect_mapping(*pair.value, "rules." + id)) continue;
      for (const auto& p : pair.value->pairs) {
        const std::string& key = p.key->text;
        if (key == "enabled") {
          rc.enabled = boolean(*p.value, "rules." + id + ".enabled");
        } else if (key == "severity") {
          if (auto text = scalar(*p.value, "rules." + id + ".severity")) {
            rc.severity = parse_severity(*text);
            if (!rc.severity) error(p.value->mark, "unknown severity \"" + *text + "\" (info, low, medium, high, critical)");
          }
        } else if (key == "settings") {
          if (!expect_mapping(*p.value, "rules." + id + ".settings")) continue;
          for (const auto& s : p.value->pairs) {
            const std::string& name = s.key->text;
            auto known = std::find_if(settings->begin(), settings->end(),
                                      [&](const KnownSetting& k) { return k.name == name; });
            if (known == settings->end()) {
              error(s.key->mark, "rule " + id + " has no setting \"" + name + "\"");
              continue;
            }
            if (known->text) {
              if (auto text = scalar(*s.value, "setting " + name)) rc.settings[name] = *text;
            } else if (auto flag = boolean(*s.value, "setting " + name)) {
              rc.settings[name] = *flag ? "true" : "false";
            }
          }
        } else {
          error(p.key->mark, "unknown key \"" + key + "\" (expected enabled, severity, settings)");
        }
      }
      out_.config.rules[id] = std::move(rc);
    }
  }

  void history(const Node& node) {
    if (!expect_mapping(node, "history")) return;
    for (const auto& pair : node.pairs) {
      if (pair.key->text == "retain") {
        if (auto v = scalar(*pair.value, "history.retain")) {
          out_.config.history.retain = *v;
          out_.config.history.retain_where = where(pair.value->mark);
        }
      } else {
        error(pair.key->mark, "unknown key \"" + pair.key->text + "\" in history (expected retain)");
      }
    }
  }

  // exclude: a path glob or a list of them (checked as globs by the scanner, which matches them).
  void exclude(const Node& node) {
    if (node.is_scalar() && !node.is_null()) {
      out_.config.exclude.push_back({node.text, where(node.mark)});
    } else if (node.is_sequence()) {
      for (const auto& item : node.items) {
        if (auto v = scalar(*item, "an exclude pattern")) out_.config.exclude.push_back({*v, where(item->mark)});
      }
    } else {
      error(node.mark, "exclude must be a list of path patterns");
    }
  }

  void exceptions(const Node& node) {
    if (!node.is_sequence()) {
      error(node.mark, "exceptions must be a list");
      return;
    }
    for (const auto& item : node.items) {
      if (!expect_mapping(*item, "an exception")) continue;
      Exception ex;
      ex.where = where(item->mark);
      for (const auto& p : item->pairs) {
        const std::string& key = p.key->text;
        if (key == "rule") {
          if (auto v = scalar(*p.value, "exception rule")) {
            ex.rule = *v == "*" ? "*" : upper(*v);
            if (ex.rule != "*" && !rule_settings(ex.rule)) error(p.value->mark, "unknown rule \"" + *v + "\"");
          }
        } else if (key == "resources") {
          if (p.value->is_scalar()) {
            if (auto v = scalar(*p.value, "exception resources")) ex.resources.push_back(*v);
          } else if (p.value->is_sequence()) {
            for (const auto& r : p.value->items) {
              if (auto v = scalar(*r, "a resource pattern")) ex.resources.push_back(*v);
            }
          } else {
            error(p.value->mark, "exception resources must be a list of resource IDs");
          }
        } else if (key == "tags") {
          if (!expect_mapping(*p.value, "exception tags")) continue;
          for (const auto& t : p.value->pairs) {
            if (auto v = scalar(*t.value, "tag value")) ex.tags[t.key->text] = *v;
          }
        } else if (key == "reason") {
          if (auto v = scalar(*p.value, "exception reason")) ex.reason = *v;
        } else {
          error(p.key->mark, "unknown key \"" + key + "\" (expected rule, resources, tags, reason)");
        }
      }
      if (ex.rule.empty()) error(item->mark, "exception has no rule (a rule ID, or \"*\")");
      if (ex.resources.empty() && ex.tags.empty()) error(item->mark, "exception matches nothing: give resources or tags");
      if (ex.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        error(item->mark, "exception has no reason; every exception must say why");
        continue;
      }
      out_.config.exceptions.push_back(std::move(ex));
    }
  }

  const std::string& path_;
  const KnownRules& known_;
  ConfigLoad out_;
};

}  // namespace

ConfigLoad parse_config(std::string_view text, const std::string& path, const KnownRules& known_rules) {
  return Parser(path, known_rules).run(text);
}

ConfigLoad load_config_file(const std::string& path, const KnownRules& known_rules) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigLoad load;
    load.errors.push_back({path, std::string("cannot read configuration file: ") + std::strerror(errno),
                           model::Location::in_file(path)});
    return load;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path, known_rules);
}

std::optional<std::filesystem::path> find_config(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return std::nullopt;
  if (!std::filesystem::is_directory(dir, ec)) dir = dir.parent_path();
  while (true) {
    for (const char* name : {".stance.yaml", ".stance.yml"}) {
      auto candidate = dir / name;
      if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matcher with backtracking to the last '*'.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace stance::engine
