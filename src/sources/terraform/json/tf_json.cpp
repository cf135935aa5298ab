#include "sources/terraform/json/tf_json.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sources/terraform/json/block_schema.hpp"
#include "sources/terraform/json/json_reader.hpp"

namespace stance::tfjson {
namespace {

using hcl::ExprKind;
using hcl::ExprPtr;
using hcl::Pos;
using hcl::Range;

struct ConvertError {
  Pos pos;
  std::string summary;
  std::string detail;
};

ExprPtr make(ExprKind kind, Range range) {
  auto e = std::make_unique<hcl::Expression>();
  e->kind = kind;
  e->range = range;
  return e;
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  auto start = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; };
  if (!start(static_cast<unsigned char>(s[0]))) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!start(u) && !(u >= '0' && u <= '9') && u != '-') return false;
  }
  return true;
}

// Moves every position of a tree parsed from a decoded string back to where it is in the file.
class Remapper {
 public:
  explicit Remapper(const StringPositions& map) : map_(map) {}

  void expr(hcl::Expression& e) {
    range(e.range);
    for (ExprPtr* child : {&e.source, &e.key, &e.each, &e.condition, &e.lhs, &e.rhs}) {
      if (*child) expr(**child);
    }
    for (ExprPtr& item : e.items) expr(*item);
    for (hcl::ObjectItem& item : e.object_items) {
      expr(*item.key);
      expr(*item.value);
    }
    parts(e.parts);
  }

 private:
  const StringPositions& map_;

  void range(Range& r) {
    r.start = map_.to_source(r.start);
    r.end = map_.to_source(r.end);
  }
  void parts(std::vector<hcl::TemplatePart>& ps) {
    for (hcl::TemplatePart& p : ps) {
      range(p.range);
      if (p.expr) expr(*p.expr);
      if (p.directive) {
        parts(p.directive->body);
        parts(p.directive->else_body);
      }
    }
  }
};

class Converter {
 public:
  explicit Converter(std::string_view filename) : filename_(filename) {}

  hcl::Body file(const JsonValue& root, Pos end) {
    hcl::Body body;
    if (root.kind == JsonKind::Array) {
      for (const JsonValue& item : root.items) {
        require_object(item, "The root of a .tf.json file must be an object (or an array of objects).");
        fill_body(body, item, "", "");
      }
    } else {
      require_object(root, "The root of a .tf.json file must be an object whose properties are block types.");
      fill_body(body, root, "", "");
    }
    body.range = {Pos{}, end};
    return body;
  }

 private:
  std::string_view filename_;

  [[noreturn]] static void fail(Pos at, std::string summary, std::string detail) {
    throw ConvertError{at, std::move(summary), std::move(detail)};
  }
  static void require_object(const JsonValue& v, const std::string& detail) {
    if (v.kind != JsonKind::Object) fail(v.range.start, "Incorrect JSON value type", detail);
  }

  static bool is_block_value(const JsonValue& v) {
    if (v.kind == JsonKind::Object) return true;
    if (v.kind != JsonKind::Array) return false;
    for (const JsonValue& item : v.items) {
      if (item.kind != JsonKind::Object) return false;
    }
    return true;
  }

  // content_schema: for a `dynamic` block's body, the schema its `content` block has.
  void fill_body(hcl::Body& body, const JsonValue& object, const std::string& schema,
                 const std::string& content_schema) {
    for (const JsonMember& member : object.members) {
      const std::string name = decode_string(member.key);
      if (name == "//") continue;
      std::optional<NestedBlockType> nested;
      if (schema == "dynamic" && name == "content") {
        nested = NestedBlockType{0, content_schema};
      } else if (schema != "locals") {
        nested = nested_block(schema, name);
      }
      if (nested && is_block_value(member.value)) {
        std::vector<hcl::Label> labels;
        blocks(body, member, name, *nested, schema, member.value, labels);
        continue;
      }
      if (schema.empty() && !nested) {
        fail(member.key.range.start, "Unsupported block type",
             "Blocks of type \"" + name + "\" are not expected here.");
      }
      hcl::Attribute attr;
      attr.name = name;
      attr.name_range = member.key.range;
      attr.value = value(member.value, argument_meaning(schema, name));
      attr.range = {member.key.range.start, member.value.range.end};
      body.attributes.push_back(std::move(attr));
    }
  }

  // One level of label nesting (or the body itself once every label is known); arrays repeat a level.
  void blocks(hcl::Body& out, const JsonMember& type, const std::string& name, const NestedBlockType& nested,
              const std::string& parent_schema, const JsonValue& v, std::vector<hcl::Label>& labels) {
    if (v.kind == JsonKind::Array) {
      for (const JsonValue& item : v.items) {
        require_object(item, "An array of objects is required here, one per \"" + name + "\" block.");
        blocks(out, type, name, nested, parent_schema, item, labels);
      }
      return;
    }
    require_object(v, labels.size() < static_cast<std::size_t>(nested.labels)
                          ? "A JSON object is required here, whose property names are the labels of \"" +
                                name + "\" blocks."
                          : "A JSON object is required here, setting the arguments of a \"" + name +
                                "\" block.");
    if (labels.size() < static_cast<std::size_t>(nested.labels)) {
      for (const JsonMember& member : v.members) {
        hcl::Label label;
        label.value = decode_string(member.key);
        if (label.value == "//") continue;
        label.quoted = true;
        label.range = member.key.range;
        labels.push_back(std::move(label));
        blocks(out, type, name, nested, parent_schema, member.value, labels);
        labels.pop_back();
      }
      return;
    }
    hcl::Block block;
    block.type = name;
    block.type_range = type.key.range;
    block.labels = labels;
    const std::string schema = child_schema(nested, labels.empty() ? "" : labels.front().value);
    std::string content_schema;
    if (schema == "dynamic" && !labels.empty()) {
      const auto target = nested_block(parent_schema, labels.front().value);
      content_schema = target ? child_schema(*target, "") : "resource-nested";
    }
    fill_body(block.body, v, schema, content_schema);
    block.body.range = v.range;
    block.range = {type.key.range.start, v.range.end};
    out.blocks.push_back(std::move(block));
  }

  ExprPtr value(const JsonValue& v, StringMeaning meaning) {
    switch (v.kind) {
      case JsonKind::True:
      case JsonKind::False: {
        auto e = make(ExprKind::Bool, v.range);
        e->flag = v.kind == JsonKind::True;
        return e;
      }
      case JsonKind::Null:
        return make(ExprKind::Null, v.range);
      case JsonKind::Number:
        return number(v);
      case JsonKind::String:
        if (meaning == StringMeaning::Literal) return literal_string(v);
        if (meaning == StringMeaning::Expression) return parsed_string(v, false);
        return parsed_string(v, true);
      case JsonKind::Array: {
        auto e = make(ExprKind::Tuple, v.range);
        const StringMeaning inner = meaning == StringMeaning::Literal ? meaning : meaning == StringMeaning::Expression
                                                                                      ? meaning
                                                                                      : StringMeaning::Template;
        for (const JsonValue& item : v.items) e->items.push_back(value(item, inner));
        return e;
      }
      case JsonKind::Object: {
        auto e = make(ExprKind::Object, v.range);
        const StringMeaning inner = meaning == StringMeaning::Literal              ? meaning
                                    : meaning == StringMeaning::ObjectOfExpressions ? StringMeaning::Expression
                                                                                     : StringMeaning::Template;
        for (const JsonMember& member : v.members) {
          hcl::ObjectItem item;
          item.key = object_key(member.key, meaning == StringMeaning::Template);
          item.key_is_identifier = item.key->kind == ExprKind::Variable;
          item.value = value(member.value, inner);
          e->object_items.push_back(std::move(item));
        }
        return e;
      }
    }
    return make(ExprKind::Null, v.range);
  }

  // "-1.5" is unary minus on 1.5, as the native syntax writes it.
  static ExprPtr number(const JsonValue& v) {
    if (v.raw.empty() || v.raw.front() != '-') {
      auto e = make(ExprKind::Number, v.range);
      e->text = std::string(v.raw);
      return e;
    }
    auto digits = make(ExprKind::Number, {{v.range.start.line, v.range.start.column + 1}, v.range.end});
    digits->text = std::string(v.raw.substr(1));
    auto e = make(ExprKind::Unary, v.range);
    e->text = "-";
    e->source = std::move(digits);
    return e;
  }

  // The string as a template with one literal part (none when empty), as the native `"text"` would be.
  static ExprPtr literal_string(const JsonValue& v) {
    auto e = make(ExprKind::Template, v.range);
    std::string text = decode_string(v);
    if (!text.empty()) {
      hcl::TemplatePart part;
      part.kind = hcl::PartKind::Literal;
      part.range = {{v.range.start.line, v.range.start.column + 1}, {v.range.end.line, v.range.end.column - 1}};
      part.text = std::move(text);
      e->parts.push_back(std::move(part));
    }
    return e;
  }

  // Object keys: an identifier is a bare key (`key = ...`); otherwise a quoted template (or a literal).
  ExprPtr object_key(const JsonValue& key, bool template_keys) {
    if (!key.escapes && is_identifier(key.raw)) {
      auto e = make(ExprKind::Variable, key.range);
      e->text = std::string(key.raw);
      return e;
    }
    return template_keys ? parsed_string(key, true) : literal_string(key);
  }

  // as_template: the string's content is a template; otherwise it is one expression.
  ExprPtr parsed_string(const JsonValue& v, bool as_template) {
    // Most strings are plain text: no need to run the template parser.
    if (as_template && v.raw.find("${") == std::string_view::npos &&
        v.raw.find("%{") == std::string_view::npos) {
      return literal_string(v);
    }
    std::string text;
    const StringPositions positions(v, text);
    hcl::ExpressionResult parsed =
        as_template ? hcl::parse_template_text(text, filename_) : hcl::parse_expression_text(text, filename_);
    if (!parsed.ok()) {
      const hcl::Diagnostic& d = parsed.errors.front();
      fail(positions.to_source(d.pos), d.summary, d.detail);
    }
    Remapper(positions).expr(*parsed.expr);
    if (as_template) parsed.expr->range = v.range;  // the template spans the quotes, as a native one does
    return std::move(parsed.expr);
  }
};

}  // namespace

hcl::ParseResult parse(std::string_view text, std::string_view filename) {
  hcl::ParseResult result;
  const JsonReadResult json = read_json(text);
  if (!json.ok) {
    result.errors.push_back({std::string(filename), json.error.pos, json.error.summary, json.error.detail});
    return result;
  }
  // The end of the file, for the root body's range.
  Pos end;
  for (std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++end.line;
      end.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++end.column;
    }
  }
  try {
    result.body = Converter(filename).file(json.root, end);
  } catch (const ConvertError& error) {
    result.body.reset();
    result.errors.push_back({std::string(filename), error.pos, error.summary, error.detail});
  }
  return result;
}

}  // namespace stance::tfjson
