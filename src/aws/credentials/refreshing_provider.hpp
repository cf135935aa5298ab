// Caches what another provider returns and asks it again only when the credentials expire within the
// refresh window (five minutes, as the AWS SDKs do). One refresh at a time: other threads wait for it and
// then share its result. A failed refresh keeps serving credentials that have not expired yet.
#pragma once
#include <chrono>
#include <functional>
#include <memory>

#include "aws/credential_provider.hpp"

namespace stance::aws::credentials {

struct RefreshOptions {
  std::chrono::seconds refresh_before{300};
  // Credentials that are already inside the window when fetched (or a failed refresh while the old ones
  // still work) are not fetched again sooner than this, so a short-lived source is not hammered.
  std::chrono::seconds min_refresh_interval{10};
  std::function<std::chrono::system_clock::time_point()> clock;  // system_clock::now when empty (tests)
};

// source: a provider that fetches on every get() (AssumeRole, web identity, ECS, IMDS, credential_process).
// Credentials without an expiry are fetched once and kept.
std::shared_ptr<CredentialProvider> make_refreshing_provider(std::shared_ptr<CredentialProvider> source,
                                                             RefreshOptions options = {});

}  // namespace stance::aws::credentials
