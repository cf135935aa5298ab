#include "sources/source.hpp"

#include <iterator>

namespace stance::sources {

void SourceResult::append(SourceResult&& other) {
  trails.insert(trails.end(), std::make_move_iterator(other.trails.begin()),
                std::make_move_iterator(other.trails.end()));
  errors.insert(errors.end(), std::make_move_iterator(other.errors.begin()),
                std::make_move_iterator(other.errors.end()));
  warnings.insert(warnings.end(), std::make_move_iterator(other.warnings.begin()),
                  std::make_move_iterator(other.warnings.end()));
  notes.insert(notes.end(), std::make_move_iterator(other.notes.begin()),
               std::make_move_iterator(other.notes.end()));
  files_scanned += other.files_scanned;
}

}  // namespace stance::sources
