// The dashboard's routes, without any HTTP: a GET of a path with its query parameters gives a status, a
// content type and a body. The server (server.hpp) only adapts this to sockets, so the pages, the API and
// their errors are tested without a network.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "kb/knowledge_base.hpp"
#include "serve/posture.hpp"
#include "store/store.hpp"

namespace stance::serve {

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
};

class Dashboard {
 public:
  Dashboard(std::unique_ptr<store::Store> store, kb::KnowledgeBase kb);

  // Routes:
  //   /                                the overview          /api/overview
  //   /findings?rule=&severity=&status=&account=&region=&text=&page=       /api/findings?...
  //   /finding?scan=ID&fp=FINGERPRINT  one finding           /api/finding?...
  //   /suppressed                      suppressed findings   /api/suppressed
  //   /assets/style.css, /assets/app.js
  // Anything else is 404. The list of scans is read on every request, so a running `watch` or `scan --db`
  // shows up on the next reload; the latest scans' findings are read again only when that list changed.
  // The store is used by one request at a time.
  Response get(const std::string& path, const std::multimap<std::string, std::string>& params);

 private:
  Response route(const std::string& path, const std::multimap<std::string, std::string>& params);
  // The posture of the history as it is now (cached while the recorded scans stay the same).
  std::shared_ptr<const Posture> posture();
  Response finding(const std::multimap<std::string, std::string>& params, bool json);

  std::mutex mutex_;
  std::unique_ptr<store::Store> store_;
  kb::KnowledgeBase kb_;
  std::vector<store::ScanId> cached_scan_ids_;
  std::shared_ptr<const Posture> cached_;
};

}  // namespace stance::serve
