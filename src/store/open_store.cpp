// Chooses the store from the --db value: postgresql://... (or postgres://...) is PostgreSQL, anything else a
// SQLite file path.
#include <filesystem>

#include "store/postgres_store.hpp"
#include "store/postgres_url.hpp"
#include "store/sqlite_store.hpp"
#include "store/store.hpp"

namespace stance::store {

std::unique_ptr<Store> open_store(const std::string& location, OpenMode mode) {
  if (location.empty()) throw StoreError("--db: empty database path");
  if (postgres::is_postgres_url(location)) return open_postgres_store(location, mode);
  std::error_code ec;
  if (mode == OpenMode::MustExist && !std::filesystem::exists(location, ec)) {
    throw StoreError("history database " + location + ": no such file (record a scan with `stance scan ... --db " +
                     location + "` first)");
  }
  if (std::filesystem::is_directory(location, ec)) {
    throw StoreError("history database " + location + ": is a directory, not a database file");
  }
  return open_sqlite_store(location, mode);
}

}  // namespace stance::store
