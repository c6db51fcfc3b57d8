#pragma once

#include "config/config.hpp"

namespace dbu::tools {

/// Runs the daemon until SIGINT or SIGTERM (or, with `--once`, until every
/// enabled job ran once).
/// @returns the process exit status: 0 after a graceful stop or when every
/// run of `--once` succeeded, 1 when a run of `--once` failed, the
/// supervisor gave up or the control actor died (after a graceful stop),
/// 2 for an invalid configuration.
int run_daemon(const run_options& opts);

} // namespace dbu::tools
