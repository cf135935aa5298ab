#include "model/interned_string.hpp"

#include <mutex>
#include <ostream>
#include <unordered_set>

namespace stance::model {

namespace {

struct Pool {
  std::mutex mutex;
  std::unordered_set<std::string> texts;  // node-based: an element never moves
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
  text_ = &*p.texts.emplace(text).first;
}

const std::string& InternedString::empty_string() {
  static const std::string empty;
  return empty;
}

std::ostream& operator<<(std::ostream& out, const InternedString& s) { return out << s.str(); }

}  // namespace stance::model
