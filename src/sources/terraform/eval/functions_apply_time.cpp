// Functions whose result stance cannot know while scanning, so they give an Unknown with the reason:
// timestamp() and uuid() change on every apply, bcrypt() salts randomly. The filesystem functions are
// file_functions.cpp's inside a module; here (variables files, defaults: no module directory) they stay
// unknown.
#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform::functions {

namespace {

FunctionResult changes_each_apply(Args&) { return ok(Value::unknown("the value changes on every apply")); }

FunctionResult reads_files(Args&) {
  return ok(Value::unknown("stance does not read files for Terraform's filesystem functions"));
}

}  // namespace

void add_apply_time_functions(Table& t) {
  t["timestamp"] = {{}, nullptr, changes_each_apply, false, true};
  t["uuid"] = {{}, nullptr, changes_each_apply, false, true};
  t["plantimestamp"] = {{}, nullptr, changes_each_apply, false, true};
  t["bcrypt"] = {{"str"}, "cost", changes_each_apply, true, true};
  for (const char* name : {"file", "fileexists", "filebase64", "filemd5", "filesha1", "filesha256",
                           "filesha512", "filebase64sha256", "filebase64sha512"}) {
    t[name] = {{"path"}, nullptr, reads_files, true, true};
  }
  t["fileset"] = {{"path", "pattern"}, nullptr, reads_files, true, true};
  t["templatefile"] = {{"path", "vars"}, nullptr, reads_files, true, true};
}

}  // namespace stance::terraform::functions
