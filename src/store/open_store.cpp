// Chooses the store from the --db value: a file path is SQLite; postgresql:// is reserved for the team store.
#include <filesystem>

#include "store/sqlite_store.hpp"
#include "store/store.hpp"

namespace stance::store {

std::unique_ptr<Store> open_store(const std::string& location, OpenMode mode) {
  if (location.empty()) throw StoreError("--db: empty database path");
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    // The URL is not repeated: it may hold a password.
    throw StoreError("--db postgresql://...: PostgreSQL history is not supported by this stance yet; give a file "
                     "path (SQLite)");
  }
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
