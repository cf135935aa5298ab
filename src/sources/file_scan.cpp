#include "sources/file_scan.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "sources/aws/file_input.hpp"
#include "sources/cloudformation/file_reading.hpp"
#include "sources/terraform/plan/plan.hpp"

namespace stance::sources {

namespace fs = std::filesystem;

namespace {

// Folders that hold copies, caches or dependencies rather than the user's own templates.
bool skipped_directory(const fs::path& dir) {
  static const char* const kSkipped[] = {".git", ".hg", ".svn", "node_modules", ".terraform", ".aws-sam",
                                         ".venv", "__pycache__", ".idea", ".vscode"};
  const std::string name = dir.filename().string();
  return std::any_of(std::begin(kSkipped), std::end(kSkipped), [&](const char* s) { return name == s; });
}

void walk(const fs::path& dir, FileList& out) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
  if (ec) {
    out.errors.push_back({dir.string(), "cannot list directory: " + ec.message(), model::Location::in_file(dir.string())});
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    std::error_code type_ec;
    auto status = fs::status(entry, type_ec);
    if (fs::is_directory(status)) {
      if (skipped_directory(entry)) {
        out.notes.push_back("skipped directory " + entry.string());
      } else {
        walk(entry, out);
      }
    } else if (fs::is_regular_file(status) &&
               (cloudformation::is_candidate(entry) || stance::terraform::is_candidate(entry))) {
      out.files.push_back(entry.string());
    }
  }
}

// CloudFormation's own limit is 1 MB; snapshots of large organizations may be far bigger.
constexpr std::size_t kMaxTemplateBytes = 32u << 20;
constexpr std::size_t kMaxFileBytes = 512u << 20;

// One file: an AWS input (snapshot, AWS CLI output), a Terraform plan, or else a CloudFormation template.
// AWS CLI output is handed back in `cli_output`: its pieces of trails are joined with the other files'
// after the walk.
SourceResult scan_file(const std::string& path, const FileScanOptions& options,
                       std::optional<aws::CliOutputFile>& cli_output) {
  cloudformation::FileText file = cloudformation::read_file(path, kMaxFileBytes);
  std::string error = file.error;
  if (file.text) {
    aws::FileInput input = aws::read_file_input(*file.text, path);
    if (input.claimed) {
      cli_output = std::move(input.cli_output);
      return std::move(input.result);
    }
    terraform::plan::PlanInput plan = terraform::plan::read_plan_file(*file.text, path);
    if (plan.claimed) return std::move(plan.result);
    if (file.text->size() <= kMaxTemplateBytes) {
      return cloudformation::scan_text(*file.text, path, options.cloudformation);
    }
    error = "cannot read " + path + ": larger than " + std::to_string(kMaxTemplateBytes >> 20) + " MB";
  }
  SourceResult result;
  result.errors.push_back(engine::ScanError{path, error, model::Location::in_file(path)});
  return result;
}

}  // namespace

FileList collect_files(const std::vector<std::string>& paths) {
  FileList out;
  for (const auto& path : paths) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.errors.push_back({path, "no such file or directory", model::Location::in_file(path)});
    } else if (fs::is_directory(status)) {
      walk(path, out);
    } else {
      out.files.push_back(path);
    }
  }
  return out;
}

SourceResult scan_paths(const std::vector<std::string>& paths, const FileScanOptions& options) {
  FileList list = collect_files(paths);
  // .tf files are read per directory (a directory is a Terraform module), after the other files.
  std::vector<std::string> terraform_dirs;
  std::erase_if(list.files, [&](const std::string& file) {
    if (!stance::terraform::is_candidate(file)) return false;
    std::string dir = fs::path(file).parent_path().string();
    if (dir.empty()) dir = ".";
    if (std::find(terraform_dirs.begin(), terraform_dirs.end(), dir) == terraform_dirs.end()) {
      terraform_dirs.push_back(dir);
    }
    return true;
  });
  const std::size_t total = list.files.size();
  std::vector<SourceResult> results(total);
  std::vector<std::optional<aws::CliOutputFile>> cli_outputs(total);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;

  auto worker = [&] {
    for (std::size_t i = next++; i < total; i = next++) {
      results[i] = scan_file(list.files[i], options, cli_outputs[i]);
      if (options.on_file) options.on_file(results[i]);
      const std::size_t finished = ++done;
      if (options.progress) {
        std::lock_guard lock(progress_mutex);
        options.progress(finished, total);
      }
    }
  };
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(total, 1)));
  if (jobs <= 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
  }

  SourceResult merged;
  merged.errors = std::move(list.errors);
  merged.notes = std::move(list.notes);
  for (auto& r : results) {
    merged.append(std::move(r));
    r = SourceResult{};  // release this file's memory now, not at the end
  }
  if (!terraform_dirs.empty()) {
    SourceResult modules = stance::terraform::scan_directories(terraform_dirs, options.terraform);
    if (options.on_file) options.on_file(modules);
    merged.append(std::move(modules));
  }
  std::vector<aws::CliOutputFile> pieces;
  for (auto& c : cli_outputs) {
    if (c) pieces.push_back(std::move(*c));
  }
  if (!pieces.empty()) {
    SourceResult joined = aws::join_cli_outputs(std::move(pieces));
    if (options.on_file) options.on_file(joined);
    merged.append(std::move(joined));
  }
  return merged;
}

}  // namespace stance::sources
