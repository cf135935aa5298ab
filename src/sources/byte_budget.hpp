// A counting semaphore measured in bytes: parallel file reads hold the sum of the sizes of the files in
// flight under a budget, so `-j 8` over large files does not hold eight of them (and their trees) at once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace stance::sources {

class ByteBudget {
 public:
  explicit ByteBudget(std::size_t capacity) : capacity_(capacity ? capacity : 1) {}

  // Waits until `bytes` fit beside what is in flight, then takes them. A request above the whole budget
  // takes all of it (it waits for everything else, then runs alone), so a large file is slow, never stuck.
  // Returns the bytes taken, to give back with release().
  std::size_t acquire(std::size_t bytes);
  void release(std::size_t bytes);

  std::size_t capacity() const { return capacity_; }

 private:
  const std::size_t capacity_;
  std::size_t in_use_ = 0;
  std::mutex mutex_;
  std::condition_variable freed_;
};

// Holds bytes of a budget for one scope.
class ByteBudgetLease {
 public:
  ByteBudgetLease(ByteBudget& budget, std::size_t bytes) : budget_(budget), bytes_(budget.acquire(bytes)) {}
  ~ByteBudgetLease() { budget_.release(bytes_); }
  ByteBudgetLease(const ByteBudgetLease&) = delete;
  ByteBudgetLease& operator=(const ByteBudgetLease&) = delete;

 private:
  ByteBudget& budget_;
  std::size_t bytes_;
};

}  // namespace stance::sources
