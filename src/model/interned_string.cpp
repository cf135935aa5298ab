#include "model/interned_string.hpp"

#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_set>

namespace stance::model {

namespace {

// Transparent: a text already interned (most are: a file name or an ARN is interned once per value that
// records it) is found from the string_view, without building a std::string (an allocation and a free for
// a long text) only to find it there.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct Pool {
  std::mutex mutex;
  std::unordered_set<std::string, TextHash, std::equal_to<>> texts;  // node-based: an element never moves
};

Pool& pool() {
  static Pool* const instance = new Pool;  // never destroyed: interned strings outlive every static
  return *instance;
}

}  // namespace

InternedString::InternedString(std::string_view text) {
  if (text.empty()) return;
  Pool& p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  const auto found = p.texts.find(text);
  text_ = &*(found != p.texts.end() ? found : p.texts.emplace(text).first);
}

const std::string& InternedString::empty_string() {
  static const std::string empty;
  return empty;
}

std::ostream& operator<<(std::ostream& out, const InternedString& s) { return out << s.str(); }

}  // namespace stance::model
