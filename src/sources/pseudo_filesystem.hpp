// Kernel pseudo-filesystems (/proc, /sys, /dev and their relatives) hold no templates, and walking them
// never ends (/proc/self/root loops back to /, /proc/N appear and vanish) or blocks (device files).
#pragma once

#include <optional>
#include <string>

namespace stance::sources {

// The pseudo-filesystem `path` lies on ("proc", "sysfs", "devtmpfs", ...), or nullopt for an ordinary one.
// Decided by the filesystem type (statfs) and, for devtmpfs which shares tmpfs's type, by the path.
std::optional<std::string> pseudo_filesystem(const std::string& path);

}  // namespace stance::sources
