// What a PostgreSQL connection string may say about itself in messages. A `--db postgresql://user:secret@...`
// URL ends up in error messages, logs and CI output; only its password-free parts may.
#pragma once

#include <string>
#include <string_view>

namespace stance::store::postgres {

// true for the forms open_store hands to PostgreSQL: "postgresql://..." and "postgres://...".
bool is_postgres_url(std::string_view location);

// "postgresql://USER@HOST:PORT/DB", as libpq reads the URL (its query parameters and the PG* environment
// included where the URL leaves a part out); never the password. An unparseable URL is "postgresql://(...)".
std::string describe(const std::string& url);

// A --db value as messages may print it: a file path as it is, a PostgreSQL URL as describe() says it.
std::string printable_location(const std::string& location);

// `message` with every password `url` carries (in its user info or a `password=` parameter, as written or
// percent-decoded) replaced by "***": libpq's own messages may quote parts of the URL.
std::string redact(std::string message, std::string_view url);

}  // namespace stance::store::postgres
