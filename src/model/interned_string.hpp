// InternedString: an immutable string that every copy shares, and that is shared with every equal string
// made anywhere in the process (interned). 8 bytes, where a std::string is 32 plus a heap copy of a long
// text: each value of a trail records where it is written, and a file path or an ARN repeated in every one of
// them was most of a trail's memory.
//
// Interned strings live as long as the process (file names, ARNs, regions, account IDs: a bounded set).
// Thread-safe. Reads convert implicitly to `const std::string&`; comparisons and `+` work with strings.
#pragma once

#include <compare>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace stance::model {

class InternedString {
 public:
  InternedString() = default;
  InternedString(std::string_view text);  // NOLINT(google-explicit-constructor): as a std::string
  InternedString(const std::string& text) : InternedString(std::string_view(text)) {}  // NOLINT
  InternedString(const char* text) : InternedString(std::string_view(text)) {}          // NOLINT

  const std::string& str() const { return text_ ? *text_ : empty_string(); }
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  std::string_view view() const { return str(); }

  bool empty() const { return text_ == nullptr; }
  std::size_t size() const { return str().size(); }
  const char* c_str() const { return str().c_str(); }
  bool starts_with(std::string_view prefix) const { return view().starts_with(prefix); }
  bool ends_with(std::string_view suffix) const { return view().ends_with(suffix); }

  // Interned: equal texts are the same object.
  friend bool operator==(const InternedString& a, const InternedString& b) { return a.text_ == b.text_; }
  friend bool operator==(const InternedString& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const InternedString& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const InternedString& a, const char* b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const InternedString& a, const InternedString& b) {
    return a.view() <=> b.view();
  }

  friend std::string operator+(const InternedString& a, std::string_view b) { return std::string(a.view()) += b; }
  friend std::string operator+(const InternedString& a, const std::string& b) { return a.str() + b; }
  friend std::string operator+(const InternedString& a, const char* b) { return a.str() + b; }
  friend std::string operator+(const InternedString& a, char b) { return a.str() + b; }
  friend std::string operator+(const std::string& a, const InternedString& b) { return a + b.str(); }
  friend std::string operator+(const char* a, const InternedString& b) { return a + b.str(); }
  friend std::string operator+(std::string&& a, const InternedString& b) { return std::move(a) + b.str(); }

 private:
  static const std::string& empty_string();
  const std::string* text_ = nullptr;  // null for the empty string
};

std::ostream& operator<<(std::ostream& out, const InternedString& s);

}  // namespace stance::model
