// `statecraft serve [SCENARIO|DIR]... [--host H] [--port P] [--token T] [--static DIR]`:
// the JSON API and the web UI (src/server). Stops cleanly on SIGINT or SIGTERM.
#include <fmt/core.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "server/server.h"
#include "store/run_store.h"

#ifndef STATECRAFT_VERSION
#define STATECRAFT_VERSION "0.0.0"
#endif
#ifndef STATECRAFT_WEB_DIST
#define STATECRAFT_WEB_DIST ""
#endif

namespace statecraft::cli {

namespace {

struct ServeOptions {
  std::vector<std::string> scenarios = {"cases/pakistan"};
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string token;
  std::string static_dir = STATECRAFT_WEB_DIST;
  std::size_t max_body = 1 << 20;
  double timeout_s = 30.0;
  std::size_t threads = 8;
};

}  // namespace

void register_serve(CLI::App& app, Context& context) {
  auto* command =
      app.add_subcommand("serve", "Serve the JSON API over the engines and run store, and the web UI");
  auto options = std::make_shared<ServeOptions>();
  command
      ->add_option("SCENARIO", options->scenarios, "Scenario files or directories (default: cases/pakistan)")
      ->check(CLI::ExistingPath);
  command->add_option("--host", options->host, "Address to listen on (default 127.0.0.1)");
  command->add_option("--port", options->port, "Port (0: any free port, printed on start)")
      ->check(CLI::Range(0, 65535));
  command
      ->add_option("--token", options->token,
                   "Bearer token every request must carry (required off loopback); default $STATECRAFT_TOKEN")
      ->envname("STATECRAFT_TOKEN");
  command->add_option("--static", options->static_dir,
                      "Directory of the built web UI (default: web/dist of the source tree)");
  command->add_option("--max-body", options->max_body, "Largest request body in bytes")
      ->check(CLI::Range(1, 1 << 28));
  command
      ->add_option("--timeout", options->timeout_s,
                   "Seconds an engine call may take before the answer is 503")
      ->check(CLI::Range(0.001, 3600.0));
  command->add_option("--threads", options->threads, "Worker threads")->check(CLI::Range(1, 256));
  command->callback([options, &context] {
    if (!server::is_loopback(options->host) && options->token.empty()) {
      throw CLI::ValidationError("--token",
                                 "required when --host is not a loopback address ('" + options->host + "')");
    }
    server::ServerOptions o;
    o.host = options->host;
    o.port = options->port;
    o.token = options->token;
    o.static_dir = options->static_dir;
    if (!context.no_record) {
      o.db_path =
          context.db_path.empty() ? store::default_store_path() : std::filesystem::path(context.db_path);
    }
    o.scenarios.assign(options->scenarios.begin(), options->scenarios.end());
    o.max_body_bytes = options->max_body;
    o.request_timeout = std::chrono::milliseconds(static_cast<long long>(options->timeout_s * 1000.0));
    o.threads = options->threads;
    o.version = STATECRAFT_VERSION;

    // SIGINT and SIGTERM are taken by a thread of their own (blocked everywhere else,
    // since threads inherit the mask), which stops the server.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    server::Server server(o);
    const int port = server.bind();
    fmt::print("statecraft: serving on http://{}:{}/ ({} static files{})\n", options->host, port,
               std::filesystem::is_directory(o.static_dir) ? "with" : "without",
               std::filesystem::is_directory(o.static_dir) ? " from " + o.static_dir.string() : "");
    std::fflush(stdout);
    std::thread waiter([&server, signals] {
      int received = 0;
      sigwait(&signals, &received);
      server.stop();
    });
    server.listen();
    // listen() returns only after stop(), or when the socket fails: wake the waiter.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
