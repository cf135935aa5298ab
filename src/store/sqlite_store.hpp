// The SQLite history store: one file, WAL mode, one transaction per scan written.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace stance::store {

std::unique_ptr<Store> open_sqlite_store(const std::string& path, OpenMode mode);

}  // namespace stance::store
