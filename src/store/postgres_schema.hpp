// The history's tables in PostgreSQL, in their own schema `stance`, and the checks that make opening safe:
// a database whose `stance` schema holds something else, or a history written by a newer stance, is refused
// before anything is written to it.
#pragma once

#include "store/postgres_db.hpp"
#include "store/store.hpp"

namespace stance::store::postgres {

// Checks the database and creates the schema in one without a history (not with MustExist). Throws StoreError.
void prepare_schema(Connection& db, OpenMode mode);

}  // namespace stance::store::postgres
