# stance_embed_text(<out.cpp> <namespace> <symbol> <input>)
# Writes a C++ source defining `extern const std::string_view <namespace>::<symbol>` holding the bytes of
# <input>, so data files (knowledge-base articles) are compiled into the binary. Generated at configure
# time (the input is a configure dependency, so editing it re-runs CMake) because the generated file is
# added to targets defined in other directories.
function(stance_embed_text out_cpp ns symbol input)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${input})
  file(READ "${input}" hex HEX)
  string(LENGTH "${hex}" hex_len)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  math(EXPR size "${hex_len} / 2")
  # string(APPEND) rather than a list: the generated code contains semicolons.
  set(content "// Generated from ${input} by cmake/embed.cmake. Do not edit.\n#include <string_view>\n")
  string(APPEND content "namespace ${ns} {\nnamespace {\nconstexpr char kBytes[] = {${bytes} 0}")
  string(APPEND content ";\n}  // namespace\nextern const std::string_view ${symbol}")
  string(APPEND content ";\nconst std::string_view ${symbol}{kBytes, ${size}};\n}\n")
  file(CONFIGURE OUTPUT "${out_cpp}" CONTENT "${content}" @ONLY)
endfunction()
