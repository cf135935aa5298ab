#include "sources/byte_budget.hpp"

#include <algorithm>

namespace stance::sources {

std::size_t ByteBudget::acquire(std::size_t bytes) {
  bytes = std::min(bytes, capacity_);
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return in_use_ + bytes <= capacity_; });
  in_use_ += bytes;
  return bytes;
}

void ByteBudget::release(std::size_t bytes) {
  {
    std::lock_guard lock(mutex_);
    in_use_ -= bytes;
  }
  freed_.notify_all();
}

}  // namespace stance::sources
