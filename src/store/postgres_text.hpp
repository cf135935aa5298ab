// Text values as PostgreSQL keeps them. A PostgreSQL text value cannot hold a NUL byte, and a UTF-8 database
// refuses bytes that are not UTF-8; SQLite keeps both. A scanned file may put either into a resource name or
// a message, and recording that scan must neither fail nor change the text. So such a value (and one that
// starts with the marker, to stay unambiguous) is stored as the marker U+E000 followed by the value with
// `\` written `\\` and each NUL or invalid byte written `\xHH`. Every other value, so nearly all of them,
// is stored as it is, readable by anyone querying the tables.
#pragma once

#include <string>
#include <string_view>

namespace stance::store::postgres {

std::string to_db_text(std::string_view value);
// The inverse of to_db_text, for every value it writes; other text is returned as it is.
std::string from_db_text(std::string_view stored);

}  // namespace stance::store::postgres
