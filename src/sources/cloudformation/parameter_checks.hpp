// What the values given for a template's parameters must satisfy before anything is evaluated: a value
// outside the parameter's AllowedValues is an error (CloudFormation refuses to create the stack), and every
// declared name is recorded so that the caller can reject a --parameter that no template declares.
#pragma once

#include "sources/cloudformation/cloudformation.hpp"
#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/template.hpp"

namespace stance::sources::cloudformation {

void check_parameter_values(const Template& t, const Options& options, Diagnostics& diag);

}  // namespace stance::sources::cloudformation
