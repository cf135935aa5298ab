#include "cli/serve_command.hpp"

#include <cstdlib>
#include <ostream>

#include "kb/knowledge_base.hpp"
#include "serve/access.hpp"
#include "serve/dashboard.hpp"
#include "serve/listen_address.hpp"
#include "serve/server.hpp"
#include "store/store.hpp"

namespace stance::cli {

int run_serve(const ServeArgs& args, Streams streams) {
  std::ostream& err = streams.err;
  const auto address = serve::parse_listen_address(args.listen);
  if (!address) {
    err << "stance: --listen: '" << args.listen << "' is not HOST:PORT (e.g. 127.0.0.1:8080, [::1]:8080, 0.0.0.0:8443)\n";
    return kExitIncomplete;
  }
  std::string token;
  if (args.token) token = *args.token;
  else if (const char* env = std::getenv("STANCE_SERVE_TOKEN")) token = env;
  if (!token.empty()) {
    if (const std::string problem = serve::token_problem(token); !problem.empty()) {
      err << "stance: --token: the token " << problem << '\n';
      return kExitIncomplete;
    }
  } else if (!serve::is_loopback(address->host)) {
    err << "stance: --listen " << args.listen << " is reachable from other machines: give --token TOKEN (or "
        << "STANCE_SERVE_TOKEN) so that only those who have it can read the posture\n";
    return kExitIncomplete;
  }

  kb::KnowledgeBaseLoad kb = kb::load_knowledge_base(std::nullopt);
  for (const auto& e : kb.errors) err << "stance: error: knowledge base: " << e.message << '\n';
  if (!kb.errors.empty()) return kExitIncomplete;
  try {
    serve::Dashboard dashboard(store::open_store(args.db, store::OpenMode::MustExist), std::move(kb.kb));
    serve::ServeOptions options;
    options.host = address->host;
    options.port = address->port;
    options.token = token;
    options.log_requests = args.verbose;
    serve::run_server(dashboard, options, streams.out, err);
  } catch (const store::StoreError& e) {
    err << "stance: error: " << e.what() << '\n';
    return kExitIncomplete;
  } catch (const serve::ServeError& e) {
    err << "stance: error: " << e.what() << '\n';
    return kExitIncomplete;
  }
  return kExitOk;
}

}  // namespace stance::cli
