// The history's tables in SQLite, and the checks that make opening safe: a file that is not a stance history
// (another application's database, a corrupted file) or one written by a newer stance is refused before
// anything is written to it.
#pragma once

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace stance::store::sqlite {

// SQLite's application_id header field, "stnc": marks the file as a stance history.
inline constexpr int kApplicationId = 0x73746e63;
// PRAGMA user_version: the schema this stance writes. A newer one is refused; older ones are migrated.
inline constexpr int kSchemaVersion = 2;

// Checks the file and creates the tables in an empty one (not with MustExist). Throws StoreError.
void prepare_schema(Database& db, OpenMode mode);

}  // namespace stance::store::sqlite
