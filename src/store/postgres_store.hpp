// The PostgreSQL history store (`--db postgresql://...`): the tables of the SQLite store in a schema `stance`,
// one transaction per scan written, several writers (watchers sharding the accounts) on one database.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace stance::store {

// `url`: postgresql://... or postgres://... Throws StoreError naming the database (never its password).
std::unique_ptr<Store> open_postgres_store(const std::string& url, OpenMode mode);

}  // namespace stance::store
