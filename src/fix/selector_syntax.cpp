#include "fix/selector_syntax.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include "common/json_writer.hpp"
#include "common/printable.hpp"
#include "common/utf8.hpp"
#include "fix/snippet.hpp"

namespace stance::fix::syntax {

namespace {

using model::AdvancedEventSelector;
using fix::Snippet;
using model::EventSelector;


// Compact JSON with the characters a terminal acts on that JSON writers pass through (C1 controls,
// bidirectional overrides: they only occur inside strings) written as \uXXXX: the same value, printable.
std::string terminal_safe_json(std::string_view json) {
  std::string out;
  for (std::size_t pos = 0; pos < json.size();) {
    const std::size_t start = pos;
    const char32_t cp = utf8::next_code_point(json, pos);
    if (text::is_unsafe_for_terminal(cp) && cp != utf8::kInvalidCodePoint && cp <= 0xFFFF) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(json, start, pos - start);
    }
  }
  return out;
}


std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// YAML 1.1 readers (PyYAML, cfn-lint) take these plain words as booleans or null.
bool yaml_special_word(const std::string& text) {
  static const char* const kWords[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  const std::string l = lower(text);
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* w) { return l == w; });
}

std::string yaml_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + yaml_scalar(values[i], true);
  return out + "]";
}

// --- CloudFormation JSON: a Snippet tree (snippet.hpp) laid out as people write templates ------------------

Snippet strings(const std::vector<std::string>& values) {
  std::vector<Snippet> items;
  for (const auto& v : values) items.push_back(Snippet::string(v));
  return Snippet::list(std::move(items));
}

bool scalar(const Snippet& s) { return s.kind == Snippet::Kind::String || s.kind == Snippet::Kind::Bool; }

// Objects over several lines, two spaces per level; lists of scalars on one line (["a", "b"]). Strings are
// escaped by the JSON writer's rules, control characters included.
std::string json_pretty(const Snippet& s, std::size_t indent) {
  switch (s.kind) {
    case Snippet::Kind::String: return json_string(s.text);
    case Snippet::Kind::Bool: return s.text;
    case Snippet::Kind::List: {
      if (std::all_of(s.items.begin(), s.items.end(), scalar)) {
        std::string out = "[";
        for (std::size_t i = 0; i < s.items.size(); ++i) out += (i ? ", " : "") + json_pretty(s.items[i], indent);
        return out + "]";
      }
      std::string out = "[";
      for (std::size_t i = 0; i < s.items.size(); ++i) {
        out += (i ? ",\n" : "\n") + std::string(indent + 2, ' ') + json_pretty(s.items[i], indent + 2);
      }
      return out + "\n" + std::string(indent, ' ') + "]";
    }
    case Snippet::Kind::Map: {
      if (s.pairs.empty()) return "{}";
      std::string out = "{";
      for (std::size_t i = 0; i < s.pairs.size(); ++i) {
        out += (i ? ",\n" : "\n") + std::string(indent + 2, ' ') + json_string(s.pairs[i].first) + ": " +
               json_pretty(s.pairs[i].second, indent + 2);
      }
      return out + "\n" + std::string(indent, ' ') + "}";
    }
  }
  return "";
}

// --- Terraform ----------------------------------------------------------------------------------------

struct HclBlock {
  std::string type;
  std::vector<std::pair<std::string, std::string>> attributes;  // name, expression
  std::vector<HclBlock> blocks;
};

std::string hcl_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + hcl_string(values[i]);
  return out + "]";
}

void write_block(std::string& out, const HclBlock& block, std::size_t indent) {
  const std::string pad(indent, ' ');
  out += pad + block.type + " {\n";
  std::size_t width = 0;
  for (const auto& [name, _] : block.attributes) width = std::max(width, name.size());
  for (const auto& [name, expression] : block.attributes) {
    out += pad + "  " + name + std::string(width - name.size(), ' ') + " = " + expression + "\n";
  }
  for (std::size_t i = 0; i < block.blocks.size(); ++i) {
    if (i > 0 || !block.attributes.empty()) out += "\n";  // a blank line before each nested block
    write_block(out, block.blocks[i], indent + 2);
  }
  out += pad + "}\n";
}

std::string terraform_blocks(const std::vector<HclBlock>& blocks) {
  std::string out;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i) out += "\n";
    write_block(out, blocks[i], 0);
  }
  if (!out.empty()) out.pop_back();  // no newline after the last line: snippets end without one
  return out;
}

const char* hcl_operator(model::FieldOperator op) {
  switch (op) {
    case model::FieldOperator::Equals: return "equals";
    case model::FieldOperator::NotEquals: return "not_equals";
    case model::FieldOperator::StartsWith: return "starts_with";
    case model::FieldOperator::NotStartsWith: return "not_starts_with";
    case model::FieldOperator::EndsWith: return "ends_with";
    case model::FieldOperator::NotEndsWith: return "not_ends_with";
  }
  return "equals";
}

}  // namespace

std::string json_string(const std::string& text) {
  return terminal_safe_json(json::quoted(text));
}

std::string cli_argument(const std::vector<std::string>& selector_json, std::size_t indent) {
  const std::string inner(indent + 2, ' ');
  std::string json = "[";
  for (std::size_t i = 0; i < selector_json.size(); ++i) {
    json += (i ? ",\n" : "\n") + inner + terminal_safe_json(selector_json[i]);
  }
  json += "\n" + std::string(indent, ' ') + "]";
  // The line breaks are the layout's own, the rest has nothing a terminal acts on: one single-quoted word.
  std::string out = "'";
  for (char c : json) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string yaml_scalar(const std::string& text, bool in_flow) {
  // Plain when it starts with a letter and has only characters that mean nothing to YAML here. In block
  // context a colon or a space is safe unless they meet (": " starts a mapping, " #" a comment), which keeps
  // ARNs, AWS::S3::Object and selector names readable; inside [ ] a colon or space is quoted.
  bool plain = !text.empty() && std::isalpha(static_cast<unsigned char>(text.front())) && text.back() != ':' &&
               text.back() != ' ' && !yaml_special_word(text) && text.find(": ") == std::string::npos &&
               text.find(" #") == std::string::npos;
  for (unsigned char c : text) {
    const bool block_only = c == ':' || c == ' ' || c == '(' || c == ')';
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '*' || (block_only && !in_flow))) {
      plain = false;
    }
  }
  return plain ? text : json_string(text);  // a JSON string is a valid YAML double-quoted scalar
}

std::string hcl_string(const std::string& text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool opens_template = i + 1 < text.size() && text[i + 1] == '{';
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else if (c >= 0x80) {
      // Whole characters; what a terminal would act on (C1 controls, bidi overrides) and stray bytes as \uNNNN.
      std::size_t next = i;
      char32_t cp = utf8::next_code_point(text, next);
      if (cp == utf8::kInvalidCodePoint) cp = 0xFFFD;
      if (text::is_unsafe_for_terminal(cp) || cp == 0xFFFD) {
        char buf[12];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
        out += buf;
      } else {
        out.append(text, i, next - i);
      }
      i = next - 1;
    } else if ((c == '$' || c == '%') && opens_template) {
      out += static_cast<char>(c);  // "$${" and "%%{" are the literal "${" and "%{"
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string cloudformation_yaml(const std::vector<EventSelector>& selectors) {
  if (selectors.empty()) return "EventSelectors: []";
  std::string out = "EventSelectors:";
  for (const auto& s : selectors) {
    out += "\n  - IncludeManagementEvents: " + std::string(*s.include_management_events ? "true" : "false");
    out += "\n    ReadWriteType: " + std::string(model::to_string(*s.read_write_type));
    if (!s.exclude_management_event_sources->empty()) {
      out += "\n    ExcludeManagementEventSources: " + yaml_list(*s.exclude_management_event_sources);
    }
    if (!s.data_resources.empty()) {
      out += "\n    DataResources:";
      for (const auto& r : s.data_resources) {
        out += "\n      - Type: " + yaml_scalar(*r.type, false);
        out += "\n        Values: " + yaml_list(*r.values);
      }
    }
  }
  return out;
}

std::string cloudformation_yaml(const std::vector<AdvancedEventSelector>& selectors) {
  if (selectors.empty()) return "AdvancedEventSelectors: []";
  std::string out = "AdvancedEventSelectors:";
  for (const auto& s : selectors) {
    const bool named = s.name.known() && !s.name->empty();
    if (named) out += "\n  - Name: " + yaml_scalar(*s.name, false);
    out += std::string(named ? "\n    " : "\n  - ") + "FieldSelectors:";
    for (const auto& f : s.field_selectors) {
      out += "\n      - Field: " + yaml_scalar(*f.field, false);
      for (const auto& c : f.conditions) {
        out += "\n        " + std::string(model::to_string(c.op)) + ": " + yaml_list(*c.values);
      }
    }
  }
  return out;
}

std::string cloudformation_json(const std::vector<EventSelector>& selectors) {
  std::vector<Snippet> items;
  for (const auto& s : selectors) {
    Snippet item = Snippet::map({{"IncludeManagementEvents", Snippet::boolean(*s.include_management_events)},
                                 {"ReadWriteType", Snippet::string(model::to_string(*s.read_write_type))}});
    if (!s.exclude_management_event_sources->empty()) {
      item.pairs.emplace_back("ExcludeManagementEventSources", strings(*s.exclude_management_event_sources));
    }
    if (!s.data_resources.empty()) {
      std::vector<Snippet> resources;
      for (const auto& r : s.data_resources) {
        resources.push_back(Snippet::map({{"Type", Snippet::string(*r.type)}, {"Values", strings(*r.values)}}));
      }
      item.pairs.emplace_back("DataResources", Snippet::list(std::move(resources)));
    }
    items.push_back(std::move(item));
  }
  return "\"EventSelectors\": " + json_pretty(Snippet::list(std::move(items)), 0);
}

std::string cloudformation_json(const std::vector<AdvancedEventSelector>& selectors) {
  std::vector<Snippet> items;
  for (const auto& s : selectors) {
    Snippet item = Snippet::map({});
    if (s.name.known() && !s.name->empty()) item.pairs.emplace_back("Name", Snippet::string(*s.name));
    std::vector<Snippet> fields;
    for (const auto& f : s.field_selectors) {
      Snippet field = Snippet::map({{"Field", Snippet::string(*f.field)}});
      for (const auto& c : f.conditions) field.pairs.emplace_back(model::to_string(c.op), strings(*c.values));
      fields.push_back(std::move(field));
    }
    item.pairs.emplace_back("FieldSelectors", Snippet::list(std::move(fields)));
    items.push_back(std::move(item));
  }
  return "\"AdvancedEventSelectors\": " + json_pretty(Snippet::list(std::move(items)), 0);
}

std::string terraform(const std::vector<EventSelector>& selectors) {
  std::vector<HclBlock> blocks;
  for (const auto& s : selectors) {
    HclBlock b{"event_selector", {}, {}};
    b.attributes.emplace_back("include_management_events", *s.include_management_events ? "true" : "false");
    b.attributes.emplace_back("read_write_type", hcl_string(model::to_string(*s.read_write_type)));
    if (!s.exclude_management_event_sources->empty()) {
      b.attributes.emplace_back("exclude_management_event_sources", hcl_list(*s.exclude_management_event_sources));
    }
    for (const auto& r : s.data_resources) {
      b.blocks.push_back(HclBlock{"data_resource", {{"type", hcl_string(*r.type)}, {"values", hcl_list(*r.values)}}, {}});
    }
    blocks.push_back(std::move(b));
  }
  return terraform_blocks(blocks);
}

std::string terraform(const std::vector<AdvancedEventSelector>& selectors) {
  std::vector<HclBlock> blocks;
  for (const auto& s : selectors) {
    HclBlock b{"advanced_event_selector", {}, {}};
    if (s.name.known() && !s.name->empty()) b.attributes.emplace_back("name", hcl_string(*s.name));
    for (const auto& f : s.field_selectors) {
      HclBlock field{"field_selector", {{"field", hcl_string(*f.field)}}, {}};
      for (const auto& c : f.conditions) field.attributes.emplace_back(hcl_operator(c.op), hcl_list(*c.values));
      b.blocks.push_back(std::move(field));
    }
    blocks.push_back(std::move(b));
  }
  return terraform_blocks(blocks);
}

}  // namespace stance::fix::syntax
