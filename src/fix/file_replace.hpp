// Writing an edited file for `stance fix --write`: all or nothing, and only over the text that was read.
#pragma once

#include <string>

namespace stance::fix {

enum class ReplaceOutcome {
  Replaced,  // the new text is in place
  Changed,   // the file no longer holds `expected` (changed during the fix): left as it is
  Failed,    // could not be written (error says why): left as it is
};

// Replaces the file `path` resolves to (a symlink stays a symlink; its target is replaced) with `content`,
// if it still holds exactly `expected`:
//   - a temporary file in the same directory gets the content, the file's mode (and, when running as
//     root, its owner and group), and is fsync'ed;
//   - the file is read once more and compared with `expected` just before the temporary file is renamed
//     over it, and the directory is fsync'ed;
//   - on any failure the temporary file is removed and the original is untouched.
ReplaceOutcome replace_file_if_unchanged(const std::string& path, const std::string& expected,
                                         const std::string& content, std::string& error);

}  // namespace stance::fix
