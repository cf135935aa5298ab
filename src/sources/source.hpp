// What every source produces: normalised trails plus the problems met while reading.
#pragma once

#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "model/account.hpp"
#include "model/bucket.hpp"
#include "model/key.hpp"
#include "model/trail.hpp"

namespace stance::sources {

struct SourceResult {
  std::vector<model::Trail> trails;
  std::vector<model::Account> accounts;  // live and snapshot input: the accounts read (account rules' subjects)
  std::vector<model::Bucket> buckets;    // the buckets the unit declares or read, linked from its trails
  std::vector<model::Key> keys;          // the KMS keys likewise
  // Findings evaluated while scanning (FileScanOptions::on_file), so trails need not all be kept in memory.
  std::vector<engine::Finding> findings;
  std::vector<engine::ScanError> errors;    // could not read (part of) the input
  std::vector<engine::ScanError> warnings;  // read, with a caveat
  std::vector<std::string> notes;           // shown with -v (e.g. "skipped x.json: not CloudFormation")
  int files_scanned = 0;

  void append(SourceResult&& other);
};

}  // namespace stance::sources
