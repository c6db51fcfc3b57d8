#include "generators/vocabulary_activities.hpp"

#include <array>

namespace dbu::gen::vocab {

namespace {

using sv = std::string_view;

constexpr sv call_subjects[] = {
  "Call with {1} at {0}", "Discovery call: {0}",
  "Follow-up call with {2} about {3}", "Check-in call with {0}"};
constexpr sv call_past[] = {
  "Called {1} at {0} to talk through {3}.",
  "Phoned {0} about {3}; asked {2} for current print volumes.",
  "Follow-up call with {1} on {3}."};
constexpr sv call_future[] = {
  "Scheduled call with {1} at {0} to discuss {3}.",
  "Call {2} at {0} back as agreed, topic: {3}."};
constexpr outcome call_outcomes[] = {
  {"connected", .40, "Send {2} pricing for {3}"},
  {"left_voicemail", .28, "Call {2} again"},
  {"no_answer", .14, "Try {2} again later this week"},
  {"call_back_requested", .12, "Call {2} back at the agreed time"},
  {"not_interested", .06, "Check in again next quarter"}};
constexpr sv call_plans[] = {"Prepare questions on {3}",
                             "Review account history before the call"};

constexpr sv email_subjects[] = {
  "Email to {1}: {3}", "Sent {3} overview to {0}", "Re: {3} for {0}"};
constexpr sv email_past[] = {
  "Emailed {1} at {0} an overview of {3}.",
  "Sent {2} the {3} brochure and a case study.",
  "Replied to {1} with answers on {3}."};
constexpr sv email_future[] = {
  "Email {1} at {0} the {3} summary as promised."};
constexpr outcome email_outcomes[] = {
  {"replied", .35, "Answer {2}'s questions on {3}"},
  {"no_response", .42, "Follow up with {2} by phone"},
  {"opened", .17, "Send {2} a short follow-up"},
  {"bounced", .06, "Verify the contact's email address"}};
constexpr sv email_plans[] = {"Draft the email to {2}"};

constexpr sv meeting_subjects[] = {
  "Meeting with {1} at {0}", "{0}: {3} review", "On-site meeting at {0}"};
constexpr sv meeting_past[] = {
  "Met {1} at {0} to review {3} and current device usage.",
  "On-site meeting at {0}; walked the floor with {2} to map devices.",
  "Reviewed {3} with {1} and the {0} team."};
constexpr sv meeting_future[] = {
  "Meeting booked with {1} at {0} to review {3}.",
  "On-site visit at {0} with {2} to assess {3}."};
constexpr outcome meeting_outcomes[] = {
  {"completed", .50, "Send {2} the meeting summary"},
  {"next_steps_agreed", .25, "Prepare a proposal for {3}"},
  {"rescheduled", .18, "Confirm the new meeting time with {2}"},
  {"no_show", .07, "Reach out to {2} to reschedule"}};
constexpr sv meeting_plans[] = {"Send the agenda to {2}",
                                "Confirm attendees and meeting room"};

constexpr sv demo_subjects[] = {
  "Demo for {0}: {3}", "Product demo with {1}", "On-site demo at {0}"};
constexpr sv demo_past[] = {
  "Demonstrated {3} to {1} and team at {0}.",
  "Ran a live demo for {0}: scanning, secure release and {3}.",
  "Showed {2} how {3} would work at {0}."};
constexpr sv demo_future[] = {
  "Demo of {3} booked with {1} at {0}.",
  "Bring a demo unit to {0} to show {2} {3}."};
constexpr outcome demo_outcomes[] = {
  {"completed", .45, "Send {2} a demo recap and quote"},
  {"interested", .28, "Arrange a trial unit for {0}"},
  {"not_interested", .10, "Ask {2} for feedback"},
  {"rescheduled", .17, "Confirm the new demo date with {2}"}};
constexpr sv demo_plans[] = {"Prepare the demo unit",
                             "Load {0}'s sample documents for the demo"};

constexpr sv proposal_subjects[] = {
  "Proposal: {3} for {0}", "Send proposal to {1}", "{0} proposal review"};
constexpr sv proposal_past[] = {
  "Sent {1} a proposal for {3} at {0}.",
  "Walked {2} through the {3} proposal and pricing.",
  "Delivered the revised {3} proposal to {0}."};
constexpr sv proposal_future[] = {
  "Present the {3} proposal to {1} at {0}."};
constexpr outcome proposal_outcomes[] = {
  {"sent", .45, "Review the proposal with {2}"},
  {"under_review", .30, "Follow up with {2} on the proposal"},
  {"accepted", .15, "Prepare the contract and delivery schedule"},
  {"declined", .10, "Ask {2} what would win the deal"}};
constexpr sv proposal_plans[] = {"Finalize pricing for {3}",
                                 "Get the proposal approved internally"};

constexpr sv task_subjects[] = {
  "Prepare quote for {0}", "Fleet assessment for {0}",
  "Update {0} account details", "Research {0} print volumes"};
constexpr sv task_past[] = {
  "Prepared a quote for {3} at {0}.",
  "Compiled {0}'s device list and meter reads for {2}.",
  "Updated the account details of {0} after talking to {1}."};
constexpr sv task_future[] = {
  "Prepare {3} numbers for {0} before talking to {2} again."};
constexpr outcome task_outcomes[] = {
  {"completed", .85, "Share the results with {2}"},
  {"deferred", .15, "Reschedule the task"}};
constexpr sv task_plans[] = {"Collect meter reads from {0}",
                             "Block time to finish the task"};

constexpr sv note_subjects[] = {
  "Note on {0}", "{0}: contact preferences", "Account note: {1}"};
constexpr sv note_past[] = {
  "{2} prefers email; best reached mornings.",
  "{0} runs a mixed fleet; lease ends within the year.",
  "{1} is the decision maker for {3}."};
constexpr outcome note_outcomes[] = {
  {"logged", 1.0, "Review at the next pipeline meeting"}};

// In `activity_type` order. Calls, emails and notes are short; meetings and
// demos long; tasks and proposals in between.
constexpr activity_profile profile_table[] = {
  {5, 30, 5, .25, call_subjects, call_past, call_future, call_outcomes,
   call_plans},
  {5, 15, 5, .05, email_subjects, email_past, email_future, email_outcomes,
   email_plans},
  {30, 90, 15, .55, meeting_subjects, meeting_past, meeting_future,
   meeting_outcomes, meeting_plans},
  {45, 120, 15, .60, demo_subjects, demo_past, demo_future, demo_outcomes,
   demo_plans},
  {30, 90, 15, .30, proposal_subjects, proposal_past, proposal_future,
   proposal_outcomes, proposal_plans},
  {15, 60, 15, .60, task_subjects, task_past, task_future, task_outcomes,
   task_plans},
  {5, 10, 5, 0, note_subjects, note_past, note_past, note_outcomes,
   note_past},
};

static_assert(std::size(profile_table) == activity_type_names.size());

constexpr sv topic_table[] = {
  "managed print services", "copier lease renewal",
  "color MFP upgrade",      "toner auto-replenishment",
  "scan-to-cloud workflows", "print fleet assessment",
  "service contract renewal", "secure print release",
  "document management software", "wide-format printing"};

constexpr sv open_status_table[] = {"new", "contacted", "qualified",
                                    "proposal", "negotiation"};

} // namespace

const activity_profile& profile(activity_type t) {
  return profile_table[size_t(t)];
}

const words sales_topics{topic_table};
const words open_statuses{open_status_table};

} // namespace dbu::gen::vocab
