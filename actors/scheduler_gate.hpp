#pragma once

// The scheduler's concurrency gate: slots, the wait queue, and the runs the
// updaters have. Internal to the scheduler; see scheduler.hpp.

#include "actors/scheduler.hpp"

#include <caf/system_messages.hpp>

namespace dbu::gate {

using self_ptr = scheduler_actor::stateful_pointer<scheduler_state>;

/// Takes a run: it starts when a slot is free, else waits in the queue; a
/// fire of a job whose previous run still goes on is skipped and counted.
/// @returns false when the queue is full.
bool submit(self_ptr self, queued_run run);

/// @returns whether `submit` would take a run now: a slot is free or the
/// queue has room.
bool has_room(self_ptr self);

/// Starts waiting runs while slots are free.
void pump(self_ptr self);

/// Warns when run `serial` of job `index` still goes on past its timeout;
/// the job stays busy until the updater answers.
void on_overdue(self_ptr self, uint64_t index, uint64_t serial);

/// Fails the run in flight of the updater that died, and holds the job's
/// later runs until its replacement comes.
void on_updater_down(self_ptr self, const caf::down_msg& msg);

/// Gives job `index` the updater that replaces a dead one and starts the
/// run held for it.
void replace_updater(self_ptr self, uint64_t index, updater_actor actor);

/// Drops every run that waits (for a slot or an updater): a scheduled fire
/// silently, a request with a failed result that says so.
void drop_waiting(self_ptr self);

/// Answers the drain requests once no run is in flight or waits.
void answer_drains(self_ptr self);

} // namespace dbu::gate
