// Value<T>: a configuration value together with how we know it and where it was written.
//
// Rules must never treat a value they could not resolve as true or false, so every value carries its
// provenance. Sources fill these in; rules only read them.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "model/location.hpp"

namespace stance::model {

enum class Provenance {
  Explicit,      // written in the configuration (possibly through a parameter, variable or mapping)
  Defaulted,     // absent; the value is the service's documented default
  Unresolvable,  // present but cannot be known before deployment (parameter without a value, GetAtt, ...)
  Invalid,       // present but not a legal value (e.g. "yes" where a boolean belongs); `note` says why
};

template <class T>
struct Value {
  std::optional<T> value;  // set for Explicit and Defaulted
  Provenance provenance = Provenance::Defaulted;
  Location where;          // the attribute (Explicit/Unresolvable/Invalid) or the resource (Defaulted)
  std::string note;        // Unresolvable/Invalid: why; Explicit: where it came from when indirect
                           // ("parameter Env", "mapping Config/prod/Logging"); may be empty
  // Unresolvable only: the resource declared in the same configuration whose attribute this is (a logical
  // ID, a Terraform address). Its value is not known, but it certainly exists once deployed: a KMS key ARN
  // taken from a declared key is set. Empty otherwise.
  std::string refers_to;

  bool known() const { return value.has_value(); }
  bool is_explicit() const { return provenance == Provenance::Explicit; }
  bool is_defaulted() const { return provenance == Provenance::Defaulted; }
  bool is_invalid() const { return provenance == Provenance::Invalid; }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }

  static Value set(T v, Location where, std::string note = {}) {
    return Value{std::move(v), Provenance::Explicit, std::move(where), std::move(note)};
  }
  static Value defaulted(T v, Location where) {
    return Value{std::move(v), Provenance::Defaulted, std::move(where), {}};
  }
  static Value unresolvable(std::string why, Location where) {
    return Value{std::nullopt, Provenance::Unresolvable, std::move(where), std::move(why)};
  }
  static Value invalid(std::string why, Location where) {
    return Value{std::nullopt, Provenance::Invalid, std::move(where), std::move(why)};
  }
};

}  // namespace stance::model
