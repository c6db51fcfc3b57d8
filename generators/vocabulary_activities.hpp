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
  /// The description: {4} is the purpose's `done` sentence, {5} its
  /// `planned` one, for outcomes that went as planned or nearly.
  std::string_view description;
  /// The follow-up lies this many business days after the activity.
  int follow_min_days;
  int follow_max_days;
  /// The longest such an activity takes in minutes (a call nobody
  /// answers is short); 0 for the type's own length.
  int max_minutes;
};

/// What an activity is for: its subject and how it reads once done or
/// while booked. One purpose gives a row's subject and description.
struct purpose {
  std::string_view subject;
  std::string_view done;
  std::string_view planned;
  /// Whether it opens a relationship (a discovery call), which fits only
  /// records still new or just contacted.
  bool first_contact;
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
  std::span<const purpose> purposes;
  /// Topics that fit the type (a demo shows a product, not a lease).
  words topics;
  /// Outcomes by weight; the weights sum to 1.
  std::span<const outcome> outcomes;
  /// Next actions of a booked activity.
  words planned_actions;
  /// Statuses of the records it fits (a proposal goes to a qualified lead
  /// or a customer, not to a lead nobody has talked to); empty for any.
  words statuses = {};
};

/// @returns the profile of `t`.
const activity_profile& profile(activity_type t);

/// What a sales conversation is about ("copier lease renewal").
extern const words sales_topics;

/// @returns whether `topic` suits a company of industry `i` (wide-format
/// printing suits a school district, not a law firm) that is a
/// `customer` or not (only a customer renews).
bool topic_fits(std::string_view topic, industry i, bool customer);

/// Statuses of records not yet past a first conversation.
extern const words early_statuses;

/// Statuses of records still in the pipeline, which attract activities.
extern const words open_statuses;

} // namespace dbu::gen::vocab
