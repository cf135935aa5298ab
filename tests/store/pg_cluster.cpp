#include "store/pg_cluster.hpp"

#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace stance::store::testing {

namespace {

namespace fs = std::filesystem;

// The newest installed server, e.g. /usr/lib/postgresql/15/bin; "" if none.
std::string server_bin() {
  std::string best;
  int best_version = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version && fs::exists(entry.path() / "bin/initdb") && fs::exists(entry.path() / "bin/pg_ctl")) {
      best_version = version;
      best = (entry.path() / "bin").string();
    }
  }
  return best;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run(const std::string& command) { return std::system(command.c_str()); }

}  // namespace

bool PgCluster::installed() { return !server_bin().empty(); }

PgCluster* PgCluster::shared(std::string& why_not) {
  static std::string failure;
  static std::unique_ptr<PgCluster> cluster = [] {
    std::unique_ptr<PgCluster> c(new PgCluster());
    if (!c->start(failure)) c.reset();
    return c;
  }();
  why_not = failure;
  return cluster.get();
}

bool PgCluster::start(std::string& why_not) {
  bin_ = server_bin();
  if (bin_.empty()) {
    why_not = "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)";
    return false;
  }
  char tmpl[] = "/tmp/stance-pg-XXXXXX";
  if (!mkdtemp(tmpl)) {
    why_not = "cannot make a temporary directory";
    return false;
  }
  dir_ = tmpl;
  if (geteuid() == 0) {
    const passwd* nobody = getpwnam("nobody");
    if (!nobody || chown(dir_.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
      why_not = "running as root and cannot hand " + dir_ + " to the user nobody";
      return false;
    }
    run_as_ = "runuser -u nobody -- ";
  }
  const std::string data = dir_ + "/data";
  const std::string quiet = " >>'" + dir_ + "/setup.log' 2>&1";
  if (run(run_as_ + "'" + bin_ + "/initdb' -D '" + data + "' -U postgres -A trust -E UTF8 --no-locale -N" + quiet) !=
      0) {
    why_not = "initdb failed: " + read_file(dir_ + "/setup.log");
    return false;
  }
  {
    // No TCP at all: the socket in the private directory is the only way in; the server is fast and forgets
    // on a crash, which a throwaway cluster may.
    std::ofstream conf(data + "/postgresql.conf", std::ios::app);
    conf << "listen_addresses = ''\nunix_socket_directories = '" << dir_ << "'\nport = 5432\n"
         << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 40\n"
         << "shared_buffers = 16MB\n";
    // The password user proves that libpq's password handling (PGPASSWORD, .pgpass, the URL) reaches the
    // server, and that a wrong password's error does not repeat it.
    std::ofstream hba(data + "/pg_hba.conf", std::ios::trunc);
    hba << "local all " << kPasswordUser << " scram-sha-256\nlocal all all trust\n";
  }
  if (run(run_as_ + "'" + bin_ + "/pg_ctl' -D '" + data + "' -l '" + dir_ + "/server.log' -w -t 60 start" + quiet) !=
      0) {
    why_not = "pg_ctl start failed: " + read_file(dir_ + "/setup.log") + read_file(dir_ + "/server.log");
    return false;
  }
  running_ = true;
  try {
    sql("postgres", std::string("CREATE ROLE ") + kPasswordUser + " LOGIN CREATEDB PASSWORD '" + kPassword + "'");
  } catch (const std::exception& e) {
    why_not = e.what();
    return false;
  }
  return true;
}

void PgCluster::stop() {
  if (running_) {
    run(run_as_ + "'" + bin_ + "/pg_ctl' -D '" + dir_ + "/data' -m immediate -w stop >/dev/null 2>&1");
    running_ = false;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

PgCluster::~PgCluster() { stop(); }

std::string PgCluster::url(const std::string& name, const std::string& user) const {
  return "postgresql://" + user + "@/" + name + "?host=" + dir_ + "&port=5432";
}

std::string PgCluster::sql(const std::string& name, const std::string& statement) const {
  PGconn* conn = PQconnectdb(url(name).c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("test cluster: " + why);
  }
  PGresult* result = PQexec(conn, statement.c_str());
  const ExecStatusType status = PQresultStatus(result);
  std::string out;
  std::string error;
  if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) out = PQgetvalue(result, 0, 0);
  else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error("test cluster: " + statement + ": " + error);
  return out;
}

std::string PgCluster::fresh_database() {
  const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++databases_);
  sql("postgres", "CREATE DATABASE " + name + " OWNER " + kPasswordUser);
  return url(name);
}

}  // namespace stance::store::testing
