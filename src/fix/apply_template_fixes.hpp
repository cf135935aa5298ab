// `stance fix --diff` / `--write` over planned template fixes: which edits go into which real file, and
// writing them. A hostile or careless tree must not make stance edit outside the paths it was given, edit a
// file twice (reached through a symlinked alias, a loop, the same path given twice), abort on overlapping
// edits, or report "applied" for a file that changed underneath it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "fix/template_fix.hpp"
#include "fix/write_boundary.hpp"

namespace stance::fix {

// Planned fixes that must be applied together or not at all (a Terraform fix editing a variable's default
// in one file and a local in another): indexes into the fixes.
using FixUnit = std::vector<std::size_t>;

struct ApplyResult {
  std::string diff;     // unified diffs of every file that would change, in the order first reached
  bool incomplete = false;  // a file could not be written, or changed during the fix
  std::vector<std::string> errors;  // "cannot write x.yaml: ..." for stderr
};

// Settles the planned fixes, then (when `write`) writes each real file once:
//   - a unit with a file that the boundary refuses is "skipped" with the reason;
//   - a unit whose edits overlap another unit's edits of the same real file is "skipped"; one that repeats
//     them exactly (the same file reached twice) is "skipped" as already planned;
//   - each real file gets all its edits applied to the text the plan read, once;
//   - written: "applied"; changed since it was read: "skipped" ("changed during fix"); otherwise "failed".
// Fixes not "planned" are left as they are.
ApplyResult apply_template_fixes(std::vector<TemplateFix>& fixes, const std::vector<FixUnit>& units,
                                 const WriteBoundary& boundary, bool want_diff, bool write);

}  // namespace stance::fix
