// SIGTERM and SIGINT ask `stance watch` to stop: the handler only sets a flag, which the loop checks
// between steps, so a scan in progress is dropped before it is recorded (its one transaction never starts)
// and nothing is half-written.
#pragma once

#include <chrono>

namespace stance::watch {

void install_stop_handlers();
bool stop_requested();
void request_stop();  // tests
// Sleeps up to `duration`; returns early (false) when a stop was requested.
bool sleep_unless_stopped(std::chrono::milliseconds duration);

}  // namespace stance::watch
