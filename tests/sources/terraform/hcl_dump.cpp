#include "sources/terraform/hcl_dump.hpp"

#include <string>

namespace stance::hcl::testing {
namespace {

std::string at(const Range& r, bool positions) { return positions ? "@" + range_string(r) : ""; }

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string dump_parts(const std::vector<TemplatePart>& parts, bool positions);

std::string dump_part(const TemplatePart& p, bool positions) {
  const std::string strip = std::string(p.strip_left ? "~" : "") + (p.strip_right ? "~" : "");
  switch (p.kind) {
    case PartKind::Literal:
      return quote(p.text) + at(p.range, positions);
    case PartKind::Interpolation:
      return "${" + strip + at(p.range, positions) + " " + dump(*p.expr, positions) + "}";
    case PartKind::If: {
      std::string out = "(if" + strip + at(p.range, positions) + " " + dump(*p.expr, positions) + " (" +
                        dump_parts(p.directive->body, positions) + ")";
      if (p.has_else) out += " else (" + dump_parts(p.directive->else_body, positions) + ")";
      return out + ")";
    }
    case PartKind::For:
      return "(for" + strip + at(p.range, positions) + " " +
             (p.directive->key_var.empty() ? "" : p.directive->key_var + " ") + p.directive->value_var + " in " +
             dump(*p.expr, positions) + " (" + dump_parts(p.directive->body, positions) + "))";
  }
  return "?";
}

std::string dump_parts(const std::vector<TemplatePart>& parts, bool positions) {
  std::string out;
  for (const TemplatePart& p : parts) {
    if (!out.empty()) out += " ";
    out += dump_part(p, positions);
  }
  return out;
}

}  // namespace

std::string range_string(const Range& r) {
  return std::to_string(r.start.line) + ":" + std::to_string(r.start.column) + "-" +
         std::to_string(r.end.line) + ":" + std::to_string(r.end.column);
}

std::string dump(const Expression& e, bool positions) {
  const std::string pos = at(e.range, positions);
  auto sub = [&](const ExprPtr& x) { return x ? dump(*x, positions) : std::string("<null>"); };
  switch (e.kind) {
    case ExprKind::Number:
      return e.text + pos;
    case ExprKind::Bool:
      return (e.flag ? "true" : "false") + pos;
    case ExprKind::Null:
      return "null" + pos;
    case ExprKind::Variable:
      return e.text + pos;
    case ExprKind::SplatItem:
      return "@" + pos;
    case ExprKind::GetAttr:
      return "(." + pos + " " + sub(e.source) + " " + e.text + ")";
    case ExprKind::Index:
      return "([]" + pos + " " + sub(e.source) + " " + sub(e.key) + ")";
    case ExprKind::LegacyIndex:
      return "(.N" + pos + " " + sub(e.source) + " " + e.text + ")";
    case ExprKind::Splat:
      return std::string(e.flag ? "([*]" : "(.*") + pos + " " + sub(e.source) + " " + sub(e.each) + ")";
    case ExprKind::Call: {
      std::string out = "(call" + pos + " " + e.text;
      for (const ExprPtr& a : e.items) out += " " + sub(a);
      return out + (e.flag ? " ...)" : ")");
    }
    case ExprKind::Tuple: {
      std::string out = "[" + pos;
      bool first = true;
      for (const ExprPtr& a : e.items) {
        out += (first && !positions ? "" : " ") + sub(a);
        first = false;
      }
      return out + "]";
    }
    case ExprKind::Object: {
      std::string out = "{" + pos;
      bool first = true;
      for (const ObjectItem& item : e.object_items) {
        out += first && !positions ? "" : " ";
        first = false;
        out += item.key_is_identifier ? sub(item.key) : "(" + sub(item.key) + ")";
        out += (item.uses_colon ? ":" : "=") + sub(item.value);
      }
      return out + "}";
    }
    case ExprKind::Template: {
      std::string head = e.flag ? std::string(e.heredoc_flush ? "<<-" : "<<") + e.text : "tpl";
      return "(" + head + pos + (e.parts.empty() ? "" : " ") + dump_parts(e.parts, positions) + ")";
    }
    case ExprKind::For: {
      std::string out = "(for" + pos + " " + (e.for_names->key_var.empty() ? "" : e.for_names->key_var + " ") + e.for_names->value_var +
                        " in " + sub(e.source) + " : ";
      if (e.flag) out += sub(e.key) + " => ";
      out += sub(e.each);
      if (e.grouping) out += " ...";
      if (e.condition) out += " if " + sub(e.condition);
      return out + (e.flag ? " }" : " ]") + ")";
    }
    case ExprKind::Conditional:
      return "(?" + pos + " " + sub(e.condition) + " " + sub(e.lhs) + " " + sub(e.rhs) + ")";
    case ExprKind::Unary:
      return "(" + e.text + pos + " " + sub(e.source) + ")";
    case ExprKind::Binary:
      return "(" + e.text + pos + " " + sub(e.lhs) + " " + sub(e.rhs) + ")";
    case ExprKind::Parens:
      return "(paren" + pos + " " + sub(e.source) + ")";
  }
  return "?";
}

std::string dump(const Body& body, bool positions) {
  // Attributes then blocks, each group in file order.
  std::string out;
  for (const Attribute& a : body.attributes) {
    if (!out.empty()) out += " ";
    out += a.name + (positions ? "@" + range_string(a.range) : "") + "=" + dump(*a.value, positions);
  }
  for (const Block& b : body.blocks) {
    if (!out.empty()) out += " ";
    out += b.type + (positions ? "@" + range_string(b.range) : "");
    for (const Label& l : b.labels) {
      out += " " + (l.quoted ? quote(l.value) : l.value) + (positions ? "@" + range_string(l.range) : "");
    }
    out += " {" + dump(b.body, positions) + "}";
  }
  return out;
}

std::string dump(const Token& t) {
  return std::string(token_name(t.kind)) + " '" + std::string(t.text) + "' " + std::to_string(t.range.start.line) +
         ":" + std::to_string(t.range.start.column) + "-" + std::to_string(t.range.end.line) + ":" +
         std::to_string(t.range.end.column) + (t.line_start ? " line_start" : "") + (t.flush ? " flush" : "");
}

std::vector<std::string> dump_tokens_all_at_once(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : lex(text).tokens) out.push_back(dump(t));
  return out;
}

}  // namespace stance::hcl::testing
