#pragma once

// The client side of the control protocol, shared by the subcommands of
// `db-updater` that talk to the daemon.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace dbu::tools {

/// The options every daemon subcommand shares.
struct client_options {
  /// The daemon's control endpoint; `DB_UPDATER_ENDPOINT` or the default
  /// when not given.
  std::string endpoint;
  /// Seconds to wait for the reply; the command's default when not given.
  std::optional<double> timeout;
  /// Print the result object as JSON instead of text.
  bool json = false;
  /// The server's public key file (or the Z85 key itself) for CurveZMQ.
  std::string server_key;
  /// This client's key file from `keygen`: secret key, then public key.
  std::string client_key;
};

/// `db-updater keygen NAME [--dir D]`: writes a CurveZMQ key pair,
/// `NAME.key` (secret and public key, readable by its owner only) and
/// `NAME.pub` (public key), making the folder when missing; it never
/// replaces an existing key (exit status 1).
void add_keygen_command(CLI::App& app, int& status);

/// @returns the options, registered on `app` (`--endpoint`, `--timeout`,
/// `--json`) the first time.
client_options& add_client_options(CLI::App& app);

/// Sends `command` with `args` and waits for the reply; with `--json`
/// prints the result (or the error) object.
/// @param fallback_timeout seconds to wait when `--timeout` is not given.
/// @param result receives the result object of a success.
/// @returns 0 on success, 1 when the daemon answered with an error, 3 when
/// it could not be reached in time.
int call(const client_options& opts, const std::string& command,
         nlohmann::json args, double fallback_timeout,
         nlohmann::json& result);

} // namespace dbu::tools
