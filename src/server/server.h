// `statecraft serve`: a JSON API over the engines (through src/analysis) and the run
// store, and the static files of the web UI. Loopback by default; a token, required
// for any other address, must then come with every request as "Authorization: Bearer".
//
// Hardening: request bodies are capped, JSON input is checked field by field (400 with
// the field named), static paths cannot leave the static directory, socket reads and
// writes time out, an engine call that runs past the request timeout is answered 503
// (and a bounded number of such calls may finish in the background), and handlers
// share nothing mutable but the run store, which a mutex guards.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace statecraft::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                   // 0: an ephemeral port, see Server::bind
  std::string token;                 // required (non-empty) when host is not a loopback address
  std::filesystem::path static_dir;  // empty or missing: API only
  std::filesystem::path db_path;     // run store; empty: runs are neither recorded nor listed
  // Scenario files, or directories searched recursively for *.yaml; the API names each
  // by its path relative to the directory (or its file name), without ".yaml".
  std::vector<std::filesystem::path> scenarios;
  std::size_t max_body_bytes = 1 << 20;
  std::chrono::milliseconds request_timeout{30'000};
  std::size_t threads = 8;
  std::string version;
};

bool is_loopback(const std::string& host);

class Server {
 public:
  // Loads every scenario (InputError on the first bad one) and checks the options
  // (std::invalid_argument for a non-loopback host without a token).
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket and returns the port (the chosen one when port is 0).
  // Throws std::runtime_error when the address cannot be bound.
  int bind();
  // Serves until stop() is called (from another thread or a signal-waiting thread).
  void listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statecraft::server
