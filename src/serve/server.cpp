#include "serve/server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "serve/access.hpp"
#include "serve/pages.hpp"

namespace stance::serve {

const std::vector<std::pair<std::string, std::string>>& security_headers() {
  static const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  return headers;
}

namespace {

using Handled = httplib::Server::HandlerResponse;

void set_error(httplib::Response& res, int status, std::string_view title, std::string_view text) {
  res.status = status;
  res.set_content(message_page(title, text), "text/html; charset=utf-8");
}

// Read-only, and only for whom the options allow; every other request is answered here and goes no further.
Handled check_request(const ServeOptions& options, const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    set_error(res, 405, "Method not allowed", "The dashboard is read-only: GET and HEAD only.");
    return Handled::Handled;
  }
  if (options.token.empty()) {
    if (!is_loopback_host_header(req.get_header_value("Host"))) {
      set_error(res, 421, "Misdirected request", "This dashboard answers only requests addressed to localhost.");
      return Handled::Handled;
    }
    return Handled::Unhandled;
  }
  const Credentials credentials{req.get_header_value("Authorization"), req.get_param_value("token"),
                                req.get_header_value("Cookie")};
  if (!authorized(options.token, credentials)) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"stance\"");
    set_error(res, 401, "Token required",
              "Give the dashboard's token: open the address with ?token=TOKEN, or send Authorization: Bearer TOKEN.");
    return Handled::Handled;
  }
  if (!credentials.query_token.empty()) {
    // So that the page's links and its form, which do not repeat ?token=, keep working.
    res.set_header("Set-Cookie", std::string(kTokenCookie) + "=" + options.token + "; Path=/; HttpOnly; SameSite=Strict");
  }
  return Handled::Unhandled;
}

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void run_server(Dashboard& dashboard, const ServeOptions& options, std::ostream& out, std::ostream& err) {
  // Blocked before any thread starts, so that every thread inherits the mask and the signal waits for
  // sigwait below instead of killing the process in the middle of an answer.
  const sigset_t signals = stop_signals();
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);

  httplib::Server server;
  httplib::Headers defaults;
  for (const auto& [name, value] : security_headers()) defaults.emplace(name, value);
  server.set_default_headers(defaults);
  server.set_payload_max_length(64 * 1024);
  // SO_REUSEADDR only (a restart can bind while old connections linger). Not cpp-httplib's default
  // SO_REUSEPORT, with which a second server, or another program of the same user, binds the same port and
  // silently takes part of the requests.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_pre_routing_handler(
      [&](const httplib::Request& req, httplib::Response& res) { return check_request(options, req, res); });
  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    Response answer = dashboard.get(req.path, req.params);
    res.status = answer.status;
    res.set_content(std::move(answer.body), answer.content_type.c_str());
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) set_error(res, res.status, "Error", "The request could not be answered.");
  });
  if (options.log_requests) {
    server.set_logger([&err](const httplib::Request& req, const httplib::Response& res) {
      err << "stance serve: " << req.method << ' ' << req.path << ' ' << res.status << '\n';
    });
  }

  int port = options.port;
  if (port == 0) port = server.bind_to_any_port(options.host);
  else if (!server.bind_to_port(options.host, port)) port = -1;
  if (port <= 0) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    throw ServeError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                     " (address in use, not an address of this machine, or a privileged port)");
  }
  const bool ipv6 = options.host.find(':') != std::string::npos;
  out << "stance serve: listening on http://" << (ipv6 ? "[" + options.host + "]" : options.host) << ':' << port
      << "/\n"
      << std::flush;

  std::thread listener([&] {
    server.listen_after_bind();
    ::kill(::getpid(), SIGTERM);  // wakes the sigwait below if the listener stopped on its own
  });
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  server.stop();  // closes the listening socket; requests in flight are answered before listen returns
  listener.join();
  // A SIGTERM that the listener sent itself may still be pending: take it before unblocking.
  timespec zero{};
  while (sigtimedwait(&signals, nullptr, &zero) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  out << "stance serve: stopped\n" << std::flush;
}

}  // namespace stance::serve
