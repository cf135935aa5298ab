#include "aws/credentials/refreshing_provider.hpp"

#include <mutex>
#include <optional>

namespace stance::aws::credentials {

namespace {

class RefreshingProvider final : public CredentialProvider {
 public:
  RefreshingProvider(std::shared_ptr<CredentialProvider> source, RefreshOptions options)
      : source_(std::move(source)), options_(std::move(options)) {}

  CredentialsResult get() override {
    std::lock_guard lock(mutex_);  // held across the fetch: waiting threads reuse its result
    auto now = options_.clock ? options_.clock() : std::chrono::system_clock::now();
    if (cached_ && !needs_refresh(now)) return *cached_;
    last_attempt_ = now;
    CredentialsResult fresh = source_->get();
    if (fresh.credentials) {
      cached_ = fresh;
      return fresh;
    }
    if (cached_ && cached_->expires && now < *cached_->expires) return *cached_;  // still valid: keep going
    return fresh;
  }

  std::string description() const override { return source_->description(); }

 private:
  bool needs_refresh(std::chrono::system_clock::time_point now) const {
    if (!cached_->expires) return false;
    if (now >= *cached_->expires) return true;
    if (now + options_.refresh_before < *cached_->expires) return false;
    return !last_attempt_ || now - *last_attempt_ >= options_.min_refresh_interval;
  }

  std::shared_ptr<CredentialProvider> source_;
  RefreshOptions options_;
  std::mutex mutex_;
  std::optional<CredentialsResult> cached_;  // only successful results
  std::optional<std::chrono::system_clock::time_point> last_attempt_;
};

}  // namespace

std::shared_ptr<CredentialProvider> make_refreshing_provider(std::shared_ptr<CredentialProvider> source,
                                                             RefreshOptions options) {
  return std::make_shared<RefreshingProvider>(std::move(source), std::move(options));
}

}  // namespace stance::aws::credentials
