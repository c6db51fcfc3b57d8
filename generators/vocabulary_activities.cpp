#include "generators/vocabulary_activities.hpp"

#include <algorithm>
#include <array>

namespace dbu::gen::vocab {

namespace {

using sv = std::string_view;

constexpr sv topic_table[] = {
  "managed print services", "copier lease renewal",
  "color MFP upgrades",     "toner auto-replenishment",
  "scan-to-cloud workflows", "print fleet assessment",
  "service contract renewal", "secure print release",
  "document management software", "wide-format printing"};

constexpr sv demo_topic_table[] = {
  "color MFP upgrades",     "scan-to-cloud workflows",
  "secure print release",   "document management software",
  "wide-format printing",   "mobile printing"};

constexpr purpose call_purposes[] = {
  {"Discovery call: {0}",
   "Discovery call with {1}: went over how {0} prints today and where {3} "
   "could help.",
   "Discovery call with {1} at {0} about {3}.", true},
  {"Follow-up call with {2} about {3}",
   "Followed up with {1} on {3} and answered open questions.",
   "Follow-up call with {1} on {3}, as agreed.", false},
  {"Check-in call with {0}",
   "Checked in with {1} on {3}; {2} shared current print volumes.",
   "Check in with {2} at {0} on {3}.", false},
  {"Call with {1} at {0}", "Talked through {3} with {1} at {0}.",
   "Scheduled call with {1} at {0} to discuss {3}.", false}};
constexpr outcome call_outcomes[] = {
  {"connected", .40, "Send {2} pricing for {3}", "{4}", 1, 5, 0},
  {"left_voicemail", .28, "Call {2} again",
   "Called {1} at {0} about {3}; no answer, left a voicemail asking for a "
   "call back.", 1, 3, 5},
  {"no_answer", .14, "Try {2} again",
   "Called {0} for {2} about {3}; no answer and no voicemail left.", 1, 2,
   5},
  {"call_back_requested", .12, "Call {2} back at the agreed time",
   "Reached {1}, who asked to be called back later about {3}.", 1, 2, 10},
  {"not_interested", .06, "Check in again next quarter",
   "Spoke with {1}; {0} is not interested in {3} at this time.", 40, 65,
   10}};
constexpr sv call_plans[] = {"Prepare questions on {3}",
                             "Review account history before the call"};

constexpr purpose email_purposes[] = {
  {"Introduction: {3} for {0}",
   "Sent {1} an introduction to our {3} offering.",
   "Email {1} an introduction to {3}.", true},
  {"Sent {3} overview to {0}", "Emailed {1} an overview of {3}.",
   "Email {1} at {0} the {3} overview as promised.", false},
  {"{3} brochure for {2}", "Sent {2} the {3} brochure and a case study.",
   "Send {2} at {0} the {3} brochure and a case study.", false},
  {"Re: {3} for {0}", "Answered {1}'s questions on {3}.",
   "Reply to {1} at {0} on {3}.", false}};
constexpr outcome email_outcomes[] = {
  {"replied", .35, "Set up a call with {2} on {3}",
   "{4} {2} replied the same day.", 1, 3, 0},
  {"no_response", .42, "Follow up with {2} by phone", "{4} No reply yet.",
   2, 4, 0},
  {"opened", .17, "Send {2} a short follow-up",
   "{4} Opened, but no reply so far.", 2, 4, 0},
  {"bounced", .06, "Verify the contact's email address",
   "Email to {1} at {0} about {3} bounced; the address on file may be out "
   "of date.", 1, 2, 0}};
constexpr sv email_plans[] = {"Draft the email to {2}"};

constexpr purpose meeting_purposes[] = {
  {"Meeting with {1} at {0}",
   "Met {1} at {0} to review {3} and current device usage.",
   "Meeting booked with {1} at {0} to review {3}.", false},
  {"On-site meeting at {0}",
   "On site at {0}; walked the floor with {2} to map devices for {3}.",
   "On-site visit at {0} with {2} to look at {3}.", false},
  {"{0}: {3} review", "Reviewed {3} with {1} and colleagues at {0}.",
   "Review {3} with {1} and colleagues at {0}.", false}};
constexpr outcome meeting_outcomes[] = {
  {"completed", .50, "Send {2} the meeting summary", "{4}", 1, 5, 0},
  {"next_steps_agreed", .25, "Prepare a proposal for {3}",
   "{4} Agreed on next steps with {2}.", 2, 5, 0},
  {"rescheduled", .18, "Confirm the new meeting time with {2}",
   "{1} asked to move the meeting on {3}; a new date is pending.", 2, 6, 0},
  {"no_show", .07, "Reach out to {2} to reschedule",
   "{1} did not show up for the meeting on {3} at {0}.", 1, 3, 0}};
constexpr sv meeting_plans[] = {"Send the agenda to {2}",
                                "Confirm attendees and meeting room"};

constexpr purpose demo_purposes[] = {
  {"Demo for {0}: {3}", "Demonstrated {3} to {1} and team at {0}.",
   "Demo of {3} booked with {1} at {0}.", false},
  {"Product demo with {1}", "Ran a live demo of {3} for {1} at {0}.",
   "Live demo of {3} for {1} at {0}.", false},
  {"On-site demo at {0}",
   "Brought a demo unit to {0} and showed {2} {3}.",
   "Bring a demo unit to {0} to show {2} {3}.", false}};
constexpr outcome demo_outcomes[] = {
  {"completed", .45, "Send {2} a demo recap and quote", "{4}", 1, 4, 0},
  {"interested", .28, "Arrange a trial unit for {0}",
   "{4} {2} asked about a trial unit.", 2, 6, 0},
  {"not_interested", .10, "Ask {2} for feedback",
   "{4} {2} does not see a fit for now.", 20, 40, 0},
  {"rescheduled", .17, "Confirm the new demo date with {2}",
   "{1} asked to postpone the {3} demo at {0}; new date to be agreed.",
   2, 6, 0}};
constexpr sv demo_plans[] = {"Prepare the demo unit",
                             "Load {0}'s sample documents for the demo"};

constexpr purpose proposal_purposes[] = {
  {"Proposal: {3} for {0}", "Sent {1} a proposal for {3} at {0}.",
   "Send {1} the proposal for {3} at {0}.", false},
  {"{0} proposal review", "Walked {2} through the {3} proposal and pricing.",
   "Present the {3} proposal to {1} at {0}.", false},
  {"Revised proposal for {0}", "Delivered the revised {3} proposal to {1}.",
   "Deliver the revised {3} proposal to {1} at {0}.", false}};
constexpr outcome proposal_outcomes[] = {
  {"sent", .45, "Review the proposal with {2}", "{4}", 2, 5, 0},
  {"under_review", .30, "Follow up with {2} on the proposal",
   "{4} {0} is reviewing it.", 3, 7, 0},
  {"accepted", .15, "Prepare the contract and delivery schedule",
   "{4} {2} accepted it.", 1, 3, 0},
  {"declined", .10, "Ask {2} what would win the deal",
   "{4} {2} declined; price was the main concern.", 30, 60, 0}};
constexpr sv proposal_plans[] = {"Finalize pricing for {3}",
                                 "Get the proposal approved internally"};

constexpr purpose task_purposes[] = {
  {"Prepare quote for {0}", "Prepared a quote for {3} at {0}.",
   "Prepare a quote for {3} at {0}.", false},
  {"Fleet assessment for {0}",
   "Compiled {0}'s device list and meter reads for {3}.",
   "Compile {0}'s device list and meter reads for {3}.", false},
  {"Update {0} account details",
   "Updated the account details of {0} after talking to {1}.",
   "Update the account details of {0} with {2}'s changes.", false},
  {"Research {0} print volumes",
   "Estimated {0}'s monthly print volumes for {3}.",
   "Estimate {0}'s monthly print volumes for {3}.", false}};
constexpr outcome task_outcomes[] = {
  {"completed", .85, "Share the results with {2}", "{4}", 1, 3, 0},
  {"deferred", .15, "Reschedule the task",
   "Deferred to next week. Still open: {5}", 4, 6, 0}};
constexpr sv task_plans[] = {"Collect meter reads from {0}",
                             "Block time to finish the task"};

constexpr purpose note_purposes[] = {
  {"Note on {0}", "{2} prefers email and is best reached mornings.",
   "{2} prefers email and is best reached mornings.", false},
  {"{0}: contact preferences",
   "{2} prefers calls after 2 pm; no large attachments by email.",
   "{2} prefers calls after 2 pm; no large attachments by email.", false},
  {"Account note: {1}", "{1} is the decision maker for {3} at {0}.",
   "{1} is the decision maker for {3} at {0}.", false},
  {"Fleet note: {0}", "{0} runs a mixed fleet; the lease ends within the "
   "year.", "{0} runs a mixed fleet; the lease ends within the year.",
   false}};
constexpr outcome note_outcomes[] = {
  {"logged", 1.0, "Review at the next pipeline meeting", "{4}", 3, 10, 0}};
constexpr sv note_plans[] = {"Review at the next pipeline meeting"};

// Statuses of records far enough along for a proposal.
constexpr sv proposal_statuses[] = {"qualified", "proposal", "negotiation",
                                    "active"};

// In `activity_type` order. Calls, emails and notes are short; meetings and
// demos long; tasks and proposals in between.
constexpr activity_profile profile_table[] = {
  {5, 30, 5, .25, call_purposes, topic_table, call_outcomes, call_plans},
  {5, 15, 5, .05, email_purposes, topic_table, email_outcomes,
   email_plans},
  {30, 90, 15, .55, meeting_purposes, topic_table, meeting_outcomes,
   meeting_plans},
  {45, 120, 15, .60, demo_purposes, demo_topic_table, demo_outcomes,
   demo_plans},
  {30, 90, 15, .30, proposal_purposes, topic_table, proposal_outcomes,
   proposal_plans, proposal_statuses},
  {15, 60, 15, .60, task_purposes, topic_table, task_outcomes, task_plans},
  {5, 10, 5, 0, note_purposes, topic_table, note_outcomes, note_plans},
};

static_assert(std::size(profile_table) == activity_type_names.size());

constexpr sv early_status_table[] = {"new", "contacted"};

constexpr sv open_status_table[] = {"new", "contacted", "qualified",
                                    "proposal", "negotiation"};

// Industries that print large formats: plans, posters, signage.
constexpr industry wide_format_industries[] = {
  industry::manufacturing, industry::education, industry::government,
  industry::real_estate, industry::retail};

} // namespace

bool topic_fits(std::string_view topic, industry i, bool customer) {
  if (topic.ends_with("renewal"))
    return customer;
  if (topic != "wide-format printing")
    return true;
  return std::find(std::begin(wide_format_industries),
                   std::end(wide_format_industries), i)
         != std::end(wide_format_industries);
}

const activity_profile& profile(activity_type t) {
  return profile_table[size_t(t)];
}

const words sales_topics{topic_table};
const words open_statuses{open_status_table};
const words early_statuses{early_status_table};

} // namespace dbu::gen::vocab
