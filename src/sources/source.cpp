#include "sources/source.hpp"

#include <iterator>

namespace stance::sources {

namespace {
template <class T>
void move_into(std::vector<T>& to, std::vector<T>& from) {
  if (to.empty()) {
    to = std::move(from);
    return;
  }
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}
}  // namespace

void SourceResult::append(SourceResult&& other) {
  move_into(trails, other.trails);
  move_into(accounts, other.accounts);
  move_into(buckets, other.buckets);
  move_into(keys, other.keys);
  move_into(findings, other.findings);
  move_into(errors, other.errors);
  move_into(warnings, other.warnings);
  move_into(notes, other.notes);
  files_scanned += other.files_scanned;
}

}  // namespace stance::sources
