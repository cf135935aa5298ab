#include "fix/apply_template_fixes.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

#include "common/printable.hpp"
#include "fix/file_replace.hpp"

namespace stance::fix {

namespace {

// One real file and everything that goes into it.
struct FileWork {
  std::string path;          // the name it was first reached under
  std::string text_as_read;  // what the plans' offsets refer to
  std::vector<TextEdit> edits;
  std::vector<std::size_t> fixes;  // the planned fixes with edits here
};

bool same_edit(const TextEdit& a, const TextEdit& b) {
  return a.offset == b.offset && a.length == b.length && a.replacement == b.replacement;
}

bool overlap(const TextEdit& a, const TextEdit& b) {
  if (a.offset == b.offset) return true;  // two insertions at one place: their order is unclear
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

void skip(TemplateFix& f, std::string reason) {
  f.status = "skipped";
  f.reason = std::move(reason);
  f.edits.clear();
  f.warning.clear();
}

}  // namespace

ApplyResult apply_template_fixes(std::vector<TemplateFix>& fixes, const std::vector<FixUnit>& units,
                                 const WriteBoundary& boundary, bool want_diff, bool write) {
  ApplyResult result;
  std::map<FileIdentity, std::size_t> file_of;  // index into files
  std::vector<FileWork> files;

  for (const FixUnit& unit : units) {
    if (unit.empty() || fixes[unit.front()].status != "planned") continue;
    // Every file of the unit: inside the paths, resolvable, read as the other fixes of that file read it.
    std::string refusal;
    std::vector<FileIdentity> ids;
    for (std::size_t i : unit) {
      const TemplateFix& f = fixes[i];
      if (std::string why = boundary.refusal(f.file); !why.empty()) {
        refusal = "not edited: " + f.file + " " + why;
        break;
      }
      std::optional<FileIdentity> id = identity_of(f.file);
      if (!id) {
        refusal = "not edited: cannot resolve " + f.file;
        break;
      }
      ids.push_back(*id);
      auto known = file_of.find(*id);
      if (known == file_of.end()) continue;
      const FileWork& work = files[known->second];
      if (work.text_as_read != f.text_as_read) {
        refusal = "not edited: " + f.file + " changed during fix (it was read twice, as " + work.path +
                  ", with different contents)";
        break;
      }
      bool all_same = true;
      for (const TextEdit& e : f.edits) {
        bool repeated = false, clash = false;
        for (const TextEdit& planned : work.edits) {
          if (same_edit(e, planned)) {
            repeated = true;
          } else if (overlap(e, planned)) {
            clash = true;
          }
        }
        if (clash) {
          refusal = "not edited: its edit of " + f.file + " overlaps the edit of another fix of the same file (" +
                    work.path + "); run stance fix again once that one is made";
          break;
        }
        all_same = all_same && repeated;
      }
      if (!refusal.empty()) break;
      if (all_same && unit.size() == 1) {
        refusal = "already planned: " + f.file + " is the same file as " + work.path + ", edited once";
        break;
      }
    }
    if (!refusal.empty()) {
      for (std::size_t i : unit) skip(fixes[i], refusal);
      continue;
    }
    for (std::size_t k = 0; k < unit.size(); ++k) {
      TemplateFix& f = fixes[unit[k]];
      auto [it, fresh] = file_of.try_emplace(ids[k], files.size());
      if (fresh) files.push_back(FileWork{f.file, f.text_as_read, {}, {}});
      FileWork& work = files[it->second];
      for (const TextEdit& e : f.edits) {
        if (std::none_of(work.edits.begin(), work.edits.end(), [&](const TextEdit& p) { return same_edit(e, p); })) {
          work.edits.push_back(e);
        }
      }
      work.fixes.push_back(unit[k]);
    }
  }

  for (FileWork& work : files) {
    std::string after;
    try {
      after = apply_edits(work.text_as_read, work.edits);
    } catch (const std::invalid_argument& e) {  // cannot happen: overlaps were refused above
      for (std::size_t i : work.fixes) skip(fixes[i], std::string("not edited: ") + e.what());
      continue;
    }
    if (want_diff) result.diff += unified_diff(text::printable(diff_path(work.path)), work.text_as_read, after);
    if (!write) continue;
    std::string error;
    const ReplaceOutcome outcome = replace_file_if_unchanged(work.path, work.text_as_read, after, error);
    for (std::size_t i : work.fixes) {
      TemplateFix& f = fixes[i];
      switch (outcome) {
        case ReplaceOutcome::Replaced: f.status = "applied"; break;
        case ReplaceOutcome::Changed:
          skip(f, "changed during fix: " + work.path + " is no longer what stance read; nothing was written, "
                  "run stance fix again");
          break;
        case ReplaceOutcome::Failed:
          f.status = "failed";
          f.reason = "cannot write the file: " + error;
          break;
      }
    }
    if (outcome != ReplaceOutcome::Replaced) result.incomplete = true;
    if (outcome == ReplaceOutcome::Failed) result.errors.push_back(error);
    if (outcome == ReplaceOutcome::Changed) result.errors.push_back(work.path + " changed during fix: not written");
  }
  return result;
}

}  // namespace stance::fix
