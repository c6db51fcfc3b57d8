#pragma once

// The words of sales activities: subjects, descriptions, outcomes and next
// actions by activity type, and how long each type takes.

#include "generators/categories.hpp"

#include <span>
#include <string_view>

namespace dbu::gen::vocab {

using words = std::span<const std::string_view>;

/// How an activity that took place ended, and what comes next.
struct outcome {
  std::string_view name;
  double weight;
  /// The next action; {2} is the contact's first name, {3} the topic.
  std::string_view next_action;
};

/// How an activity type looks. Patterns fill {0} company, {1} contact's
/// full name, {2} contact's first name, {3} the topic.
struct activity_profile {
  /// Typical length in minutes, and the step lengths come in.
  int min_minutes;
  int max_minutes;
  int step_minutes;
  /// Share of activities booked ahead rather than logged afterwards.
  double future_share;
  words subjects;
  /// Descriptions of an activity that took place, and of one booked.
  words past_descriptions;
  words future_descriptions;
  /// Outcomes by weight; the weights sum to 1.
  std::span<const outcome> outcomes;
  /// Next actions of a booked activity.
  words planned_actions;
};

/// @returns the profile of `t`.
const activity_profile& profile(activity_type t);

/// What a sales conversation is about ("copier lease renewal").
extern const words sales_topics;

/// Statuses of records still in the pipeline, which attract activities.
extern const words open_statuses;

} // namespace dbu::gen::vocab
