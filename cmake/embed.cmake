# stance_embed_text(<out.cpp> <namespace> <symbol> <input>)
# Generates a C++ source defining `extern const std::string_view <namespace>::<symbol>` holding the
# bytes of <input>, so data files (knowledge-base articles) are compiled into the binary.
function(stance_embed_text out_cpp ns symbol input)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${out_cpp} -DNS=${ns} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${input}"
    VERBATIM)
endfunction()
