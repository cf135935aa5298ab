#include "sources/file_scan.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "model/link.hpp"
#include "sources/aws/bucket_adapter.hpp"
#include "sources/aws/cli_related.hpp"
#include "sources/aws/file_input.hpp"
#include "sources/byte_budget.hpp"
#include "sources/cloudformation/file_reading.hpp"
#include "sources/cloudformation/template.hpp"
#include "sources/pseudo_filesystem.hpp"
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

// A file's identity, whatever path reaches it.
struct FileId {
  dev_t dev = 0;
  ino_t ino = 0;
  bool operator==(const FileId&) const = default;
};
struct FileIdHash {
  std::size_t operator()(const FileId& id) const {
    return std::hash<std::uint64_t>()(static_cast<std::uint64_t>(id.ino) * 0x9E3779B97F4A7C15ull ^
                                      static_cast<std::uint64_t>(id.dev));
  }
};

const char* special_type(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "a special file";
}

bool is_candidate(const fs::path& path) {
  return cloudformation::is_candidate(path) || stance::terraform::is_candidate(path);
}

// Lists the files to read. Each real file and directory is taken once: the first path that reaches it wins,
// and entries reached through a symlink are looked at after the real tree, so a file is listed under its own
// path rather than an alias where both lie inside the tree.
class Walker {
 public:
  Walker(FileList& out, const std::function<void(std::size_t)>& on_found) : out_(out), on_found_(on_found) {}

  void named(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      const int err = errno;
      out_.errors.push_back({path, err == ENOENT ? std::string("no such file or directory")
                                                 : "cannot read " + path + ": " + std::strerror(err),
                             model::Location::in_file(path)});
      return;
    }
    if (auto pseudo = pseudo_filesystem(path)) {
      out_.errors.push_back({path, path + " is on the " + *pseudo + " pseudo-filesystem, which holds no templates; not scanned",
                             model::Location::in_file(path)});
      return;
    }
    if (S_ISDIR(info.st_mode)) {
      if (!first_directory(path, info)) return;
      walk(path, info.st_dev);
      // Symlinked entries, after the real tree (they may add more).
      while (!deferred_.empty()) {
        std::vector<Deferred> batch = std::move(deferred_);
        deferred_.clear();
        for (const auto& d : batch) entry(d.path, d.parent_dev, /*through_symlink=*/true);
      }
    } else if (S_ISREG(info.st_mode)) {
      if (first_file(path, info)) {
        out_.files.push_back(path);
        out_.named.insert(path);
      }
    } else {
      out_.errors.push_back({path, "cannot read " + path + ": not a regular file (" + special_type(info.st_mode) + ")",
                             model::Location::in_file(path)});
    }
  }

 private:
  struct Deferred {
    std::string path;
    dev_t parent_dev;
  };

  bool first_file(const std::string& path, const struct stat& info) {
    auto [it, inserted] = files_.emplace(FileId{info.st_dev, info.st_ino}, path);
    if (!inserted) out_.notes.push_back("skipped " + path + ": the same file as " + it->second + " (read once)");
    return inserted;
  }

  bool first_directory(const std::string& path, const struct stat& info) {
    auto [it, inserted] = directories_.emplace(FileId{info.st_dev, info.st_ino}, path);
    if (!inserted) {
      out_.notes.push_back("skipped directory " + path + ": the same directory as " + it->second +
                           " (a symlink loop or alias; walked once)");
    }
    return inserted;
  }

  void walk(const fs::path& dir, dev_t dev) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
    if (ec) {
      out_.errors.push_back(
          {dir.string(), "cannot list directory: " + ec.message(), model::Location::in_file(dir.string())});
      return;
    }
    std::sort(entries.begin(), entries.end());
    // Paths as the user reaches them from the current directory: "main.tf" rather than "./main.tf" when "."
    // is scanned, as every source shows them.
    const bool current = dir.lexically_normal() == ".";
    for (const auto& e : entries) entry(current ? e.filename().string() : e.string(), dev, /*through_symlink=*/false);
  }

  void entry(const std::string& path, dev_t parent_dev, bool through_symlink) {
    struct stat link {};
    if (::lstat(path.c_str(), &link) != 0) {
      out_.notes.push_back("skipped " + path + ": " + std::strerror(errno));  // vanished while walking
      return;
    }
    if (S_ISLNK(link.st_mode) && !through_symlink) {
      deferred_.push_back({path, parent_dev});
      return;
    }
    // What lstat said is what stat would say of anything but a symlink: one system call per entry, not two.
    struct stat info = link;
    if (S_ISLNK(link.st_mode) && ::stat(path.c_str(), &info) != 0) {
      const int err = errno;
      if (is_candidate(path)) {
        out_.errors.push_back({path, "cannot read " + path + ": " + std::strerror(err), model::Location::in_file(path)});
      } else {
        out_.notes.push_back("skipped " + path + ": " + std::strerror(err) + (S_ISLNK(link.st_mode) ? " (a broken symlink)" : ""));
      }
      return;
    }
    if (S_ISDIR(info.st_mode)) {
      if (skipped_directory(path)) {
        out_.notes.push_back("skipped directory " + path);
        return;
      }
      // A different device is a mount point (or a symlink to one): it may be a pseudo-filesystem.
      if (info.st_dev != parent_dev) {
        if (auto pseudo = pseudo_filesystem(path)) {
          out_.notes.push_back("skipped directory " + path + ": the " + *pseudo + " pseudo-filesystem");
          return;
        }
      }
      if (first_directory(path, info)) walk(path, info.st_dev);
    } else if (S_ISREG(info.st_mode)) {
      if (is_candidate(path) && first_file(path, info)) {
        out_.files.push_back(path);
        if (on_found_) on_found_(out_.files.size());
      }
    } else {
      out_.notes.push_back("skipped " + path + ": " + special_type(info.st_mode) + ", not a regular file");
    }
  }

  FileList& out_;
  const std::function<void(std::size_t)>& on_found_;  // files listed so far (progress while walking)
  std::unordered_map<FileId, std::string, FileIdHash> files_;
  std::unordered_map<FileId, std::string, FileIdHash> directories_;
  std::vector<Deferred> deferred_;
};

// CloudFormation's own limit is 1 MB; snapshots of large organizations may be far bigger.
constexpr std::size_t kMaxTemplateBytes = 32u << 20;
constexpr std::size_t kMaxFileBytes = 512u << 20;

// One file: an AWS input (snapshot, AWS CLI output), a Terraform plan, or else a CloudFormation template.
// AWS CLI output is handed back in `cli_output`: its pieces of trails are joined with the other files'
// after the walk.
// A binary file named on the command line is an error; one found by walking is only a note (a `.json` that is
// an image, say).
SourceResult scan_file(const std::string& path, bool named, const FileScanOptions& options,
                       std::optional<aws::CliOutputFile>& cli_output) {
  cloudformation::FileText file = cloudformation::read_file(path, kMaxFileBytes);
  std::string error = file.error;
  if (file.text) {
    if (auto binary = cloudformation::binary_content(*file.text)) {
      SourceResult result;
      if (named) {
        result.errors.push_back(
            engine::ScanError{path, path + " is not a template: binary content (" + *binary + ")", model::Location::in_file(path)});
      } else {
        result.notes.push_back("skipped " + path + ": binary content (" + *binary + ")");
      }
      return result;
    }
    aws::FileInput input = aws::read_file_input(*file.text, path);
    if (input.claimed) {
      cli_output = std::move(input.cli_output);
      return std::move(input.result);
    }
    terraform::plan::PlanInput plan = terraform::plan::read_plan_file(*file.text, path);
    if (plan.claimed) return std::move(plan.result);
    // A template found by walking that cannot declare a judged resource is not parsed: parsing is most of a
    // scan's time, and cannot change a finding. Named files are read whole (their problems are reported),
    // and so is every file when parameters are given (their declarations are checked against -p).
    if (!named && options.cloudformation.parameters.empty() &&
        !cloudformation::may_declare_judged_resources(*file.text)) {
      SourceResult result;
      result.notes.push_back("skipped " + path + (cloudformation::looks_like_cloudformation(*file.text)
                                                      ? ": declares no resource a rule judges"
                                                      : ": not a CloudFormation template"));
      return result;
    }
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

FileList collect_files(const std::vector<std::string>& paths, const std::function<void(std::size_t)>& on_found) {
  FileList out;
  Walker walker(out, on_found);
  for (const auto& path : paths) walker.named(path);
  return out;
}

SourceResult scan_paths(const std::vector<std::string>& paths, const FileScanOptions& options) {
  FileList list = collect_files(paths, options.walk_progress);
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
  ByteBudget budget(options.memory_budget);

  auto worker = [&] {
    for (std::size_t i = next++; i < total; i = next++) {
      const std::string& path = list.files[i];
      {
        // The file's size on disk stands for its share of memory (the text, then its tree, scale with it).
        struct stat info {};
        const std::size_t size = ::stat(path.c_str(), &info) == 0 ? static_cast<std::size_t>(info.st_size) : 0;
        ByteBudgetLease lease(budget, size);
        results[i] = scan_file(path, list.named.count(path) > 0, options, cli_outputs[i]);
      }
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
    // The paths given are the boundary of the file functions (file(), fileset(), ...): a root module may
    // read beside itself (../policies/p.json) but never outside what the user asked to scan.
    stance::terraform::Options terraform_options = options.terraform;
    terraform_options.scan_roots = paths;
    SourceResult modules = stance::terraform::scan_directories(terraform_dirs, terraform_options);
    if (options.on_file) options.on_file(modules);
    merged.append(std::move(modules));
  }
  std::vector<aws::CliOutputFile> pieces;
  for (auto& c : cli_outputs) {
    if (c) pieces.push_back(std::move(*c));
  }
  if (!pieces.empty()) {
    // The outputs of `aws s3api` / `aws kms` for the trails' buckets and keys, when a selected rule judges them.
    aws::CliRelated related;
    const bool related_wanted = options.cloudformation.related_resources || options.terraform.related_resources;
    SourceResult joined = aws::join_cli_outputs(std::move(pieces), related_wanted ? &related : nullptr);
    for (const auto& raw : related.buckets) {
      joined.buckets.push_back(aws::adapt_bucket(raw, aws::ApiCall{}, model::SourceKind::Snapshot));
    }
    for (const auto& raw : related.keys) joined.keys.push_back(aws::adapt_key(raw, model::SourceKind::Snapshot));
    // The trails' buckets and keys: declared when the input has their outputs, else external (unknown).
    model::link_references(joined.trails, joined.buckets, joined.keys);
    if (options.on_file) options.on_file(joined);
    merged.append(std::move(joined));
  }
  return merged;
}

}  // namespace stance::sources
