// A throwaway PostgreSQL cluster for the tests, from Debian's postgresql package: initdb into a temporary
// directory, a server that listens on a unix socket in that directory only (no TCP), stopped and deleted when
// the test program exits. As root (CI), the server runs as `nobody`: PostgreSQL refuses to run as root.
#pragma once

#include <memory>
#include <string>

namespace stance::store::testing {

class PgCluster {
 public:
  // The program's one cluster, started on first use; nullptr when it cannot be (`why_not` says why: the
  // postgresql package is not installed, or initdb / pg_ctl failed, with the server's log).
  static PgCluster* shared(std::string& why_not);
  // Whether the postgresql package's server programs are installed: tests skip only when they are not, and
  // fail when they are but the cluster does not start.
  static bool installed();

  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // A new, empty database; its URL as --db takes it (the socket directory as the URL's host parameter).
  std::string fresh_database();
  // The URL of database `name` as `user` (the superuser "postgres" by default).
  std::string url(const std::string& name, const std::string& user = "postgres") const;
  // Runs SQL as the superuser in database `name`; returns the first column of the first row, or "" .
  // Throws std::runtime_error with the server's message.
  std::string sql(const std::string& name, const std::string& statement) const;
  // The user the tests connect as with a password (scram-sha-256): "pwuser" / "s3cr3t-pw".
  static constexpr const char* kPasswordUser = "pwuser";
  static constexpr const char* kPassword = "s3cr3t-pw";

 private:
  PgCluster() = default;
  bool start(std::string& why_not);
  void stop();

  std::string bin_;     // /usr/lib/postgresql/N/bin
  std::string dir_;     // the temporary directory: data/, the socket, the log
  std::string run_as_;  // "runuser -u nobody -- " as root, else ""
  int databases_ = 0;
  bool running_ = false;
};

}  // namespace stance::store::testing
