# Script mode: writes OUTPUT (a .cpp) holding INPUT's bytes as a string_view NS::SYMBOL.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_len)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
math(EXPR size "${hex_len} / 2")
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT} by cmake/embed_run.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace ${NS} {\n"
  "namespace { constexpr char kBytes[] = {${bytes} '\\\\0'}; }\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}{kBytes, ${size}};\n"
  "}\n")
