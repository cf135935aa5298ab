// Fn::Sub, Fn::Join, Fn::Select, Fn::Split and Fn::Base64. Any unknown input makes the result unknown
// (with the input's reason); the result is positioned at the function and remembers where its parts came
// from.
#include <charconv>

#include "sources/cloudformation/intrinsics.hpp"
#include "sources/cloudformation/text_functions.hpp"

namespace stance::sources::cloudformation {

namespace {

// A string produced by a function is capped well above anything a trail property holds.
constexpr std::size_t kMaxString = 1u << 20;

Resolved too_long(const char* function, doc::Mark mark) {
  return Resolved::unknown(std::string(function) + " produces more than 1 MB of text; not evaluated", mark);
}

}  // namespace

Resolved Evaluator::sub_variable(const std::string& name, const Resolved* variables, doc::Mark mark) {
  if (variables) {
    if (const ResolvedEntry* v = variables->find(name)) return v->value;
  }
  if (name.find('.') != std::string::npos && !starts_with(name, "AWS::")) {
    return Resolved::unknown("${" + name + "} (Fn::GetAtt) is known only after deployment", mark);
  }
  return ref(name, mark);
}

Resolved Evaluator::sub(const Call& call) {
  const doc::Mark mark = call.node->mark;
  Resolved args = argument(call);
  if (args.is_unknown()) return args;
  const Resolved* text = nullptr;
  const Resolved* variables = nullptr;
  if (args.is_scalar()) {
    text = &args;
  } else if (args.is(Resolved::Kind::List) && args.items.size() == 2) {
    text = &args.items[0];
    variables = &args.items[1];
    if (text->is_unknown()) return *text;
    if (!variables->is(Resolved::Kind::Map) && !variables->is_unknown()) {
      return fail("Fn::Sub expects a mapping of variables as its second argument", variables->mark);
    }
  }
  if (!text || !text->is_scalar()) return fail("Fn::Sub expects a string or [string, {variables}]", mark);

  const std::string& in = text->text;
  std::string out;
  std::string origins;
  std::optional<Resolved> unknown;
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t open = in.find("${", i);
    if (open == std::string::npos) {
      out.append(in, i, std::string::npos);
      break;
    }
    out.append(in, i, open - i);
    const std::size_t close = in.find('}', open + 2);
    if (close == std::string::npos) {
      out.append(in, open, std::string::npos);
      break;
    }
    const std::string name = in.substr(open + 2, close - open - 2);
    i = close + 1;
    if (!name.empty() && name[0] == '!') {  // ${!Literal} is written as ${Literal}
      out += "${" + name.substr(1) + "}";
      continue;
    }
    if (variables && variables->is_unknown()) {
      if (!unknown) unknown = *variables;
      continue;
    }
    Resolved value = sub_variable(name, variables, mark);
    if (value.is_unknown()) {
      if (!unknown) unknown = std::move(value);
    } else if (value.is_scalar()) {
      out += value.text;
      add_origin(origins, value.origin);
    } else if (value.is(Resolved::Kind::Null)) {
      add_origin(origins, value.origin);
    } else {
      return fail("Fn::Sub: ${" + name + "} is not a string", mark);
    }
    if (out.size() > kMaxString) return too_long("Fn::Sub", mark);
  }
  if (unknown) return Resolved::unknown(unknown->text, mark);
  if (!charge(out.size(), mark)) return Resolved::unknown("evaluation budget exceeded", mark);
  return Resolved::scalar(std::move(out), mark, std::move(origins));
}

Resolved Evaluator::join(const Call& call) {
  const doc::Mark mark = call.node->mark;
  Resolved args = argument(call);
  if (args.is_unknown()) return args;
  if (!args.is(Resolved::Kind::List) || args.items.size() != 2) {
    return fail("Fn::Join expects [delimiter, [values]]", mark);
  }
  const Resolved& delimiter = args.items[0];
  const Resolved& values = args.items[1];
  if (delimiter.is_unknown()) return Resolved::unknown(delimiter.text, mark);
  if (values.is_unknown()) return Resolved::unknown(values.text, mark);
  if (!delimiter.is_scalar() && !delimiter.is(Resolved::Kind::Null)) {
    return fail("Fn::Join: the delimiter must be a string", delimiter.mark);
  }
  if (!values.is(Resolved::Kind::List)) return fail("Fn::Join: the values must be a list", values.mark);
  std::string out;
  std::string origins = values.origin;
  for (std::size_t k = 0; k < values.items.size(); ++k) {
    const Resolved& item = values.items[k];
    if (item.is_unknown()) return Resolved::unknown(item.text, mark);
    if (!item.is_scalar() && !item.is(Resolved::Kind::Null)) {
      return fail("Fn::Join: every value must be a string", item.mark);
    }
    if (k > 0) out += delimiter.text;
    out += item.text;
    add_origin(origins, item.origin);
    if (out.size() > kMaxString) return too_long("Fn::Join", mark);
  }
  if (!charge(out.size(), mark)) return Resolved::unknown("evaluation budget exceeded", mark);
  return Resolved::scalar(std::move(out), mark, std::move(origins));
}

Resolved Evaluator::select(const Call& call) {
  const doc::Mark mark = call.node->mark;
  Resolved args = argument(call);
  if (args.is_unknown()) return args;
  if (!args.is(Resolved::Kind::List) || args.items.size() != 2)
    return fail("Fn::Select expects [index, [values]]", mark);
  const Resolved& index = args.items[0];
  Resolved& values = args.items[1];
  if (index.is_unknown()) return Resolved::unknown(index.text, mark);
  if (values.is_unknown()) return Resolved::unknown(values.text, mark);
  std::size_t at = 0;
  const char* begin = index.text.data();
  const char* end = begin + index.text.size();
  auto [ptr, ec] = std::from_chars(begin, end, at);
  if (!index.is_scalar() || ec != std::errc() || ptr != end) {
    return fail("Fn::Select: the index must be a non-negative integer", index.mark);
  }
  if (!values.is(Resolved::Kind::List)) return fail("Fn::Select: the values must be a list", values.mark);
  if (at >= values.items.size()) {
    return fail("Fn::Select: index " + index.text + " is out of range (the list has " +
                    std::to_string(values.items.size()) + " items)",
                index.mark);
  }
  Resolved out = std::move(values.items[at]);
  std::string origin = out.origin.empty() ? values.origin : out.origin;
  relocate(out, mark, origin);
  return out;
}

Resolved Evaluator::split(const Call& call) {
  const doc::Mark mark = call.node->mark;
  Resolved args = argument(call);
  if (args.is_unknown()) return args;
  if (!args.is(Resolved::Kind::List) || args.items.size() != 2)
    return fail("Fn::Split expects [delimiter, string]", mark);
  const Resolved& delimiter = args.items[0];
  const Resolved& text = args.items[1];
  if (delimiter.is_unknown()) return Resolved::unknown(delimiter.text, mark);
  if (text.is_unknown()) return Resolved::unknown(text.text, mark);
  if (!delimiter.is_scalar() || !text.is_scalar())
    return fail("Fn::Split: the delimiter and the text must be strings", mark);
  Resolved out;
  out.kind = Resolved::Kind::List;
  out.mark = mark;
  out.origin = text.origin;
  for (auto& part : split_text(text.text, delimiter.text)) {
    if (!charge(sizeof(Resolved) + part.size(), mark))
      return Resolved::unknown("evaluation budget exceeded", mark);
    out.items.push_back(Resolved::scalar(std::move(part), mark, text.origin));
  }
  return out;
}

Resolved Evaluator::base64(const Call& call) {
  const doc::Mark mark = call.node->mark;
  Resolved arg = argument(call);
  if (arg.is_unknown()) return Resolved::unknown(arg.text, mark);
  if (!arg.is_scalar()) return fail("Fn::Base64 expects a string", mark);
  std::string out = base64_encode(arg.text);
  if (out.size() > kMaxString) return too_long("Fn::Base64", mark);
  if (!charge(out.size(), mark)) return Resolved::unknown("evaluation budget exceeded", mark);
  return Resolved::scalar(std::move(out), mark, arg.origin);
}

}  // namespace stance::sources::cloudformation
