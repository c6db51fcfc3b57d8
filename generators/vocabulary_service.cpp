#include "generators/vocabulary_service.hpp"

namespace dbu::gen::vocab {

namespace {

using sv = std::string_view;

constexpr sv jam_parts[] = {"pickup roller", "feed roller", "separation pad",
                            "registration roller"};
constexpr sv jam_skills[] = {"mechanical", "paper_path"};
constexpr sv jam_feed_parts[] = {"pickup roller", "separation pad"};
constexpr sv jam_feed_titles[] = {"Misfeeds from tray {4}: {0} ({1})",
                                  "Paper jams in tray {4}, {0} ({1})"};
constexpr sv jam_feed_text[] = {
  "The {0} {1} (serial {2}) misfeeds from tray {4}; about one sheet in "
  "{3} comes in skewed and jams.",
  "Tray {4} of the {0} {1} (serial {2}) jams at pickup; users clear it "
  "and it jams again within {3} pages.",
  "Users {1} report paper jams from tray {4} of the {0} (serial {2}); "
  "sheets arrive creased."};
constexpr sv jam_path_parts[] = {"feed roller", "registration roller"};
constexpr sv jam_path_titles[] = {"Repeated paper jams on {0} ({1})",
                                  "{0} jams on every job ({1})"};
constexpr sv jam_path_text[] = {
  "The {0} {1} (serial {2}) jams in the paper path every {3} pages or "
  "so, whatever the tray.",
  "Paper stops at the registration area of the {0} {1} (serial {2}); "
  "{3} jams logged since Monday."};
constexpr sv jam_duplex_titles[] = {"Jams on duplex jobs: {0} ({1})",
                                    "Two-sided prints jam on {0}, {1}"};
constexpr sv jam_duplex_text[] = {
  "The {0} {1} (serial {2}) jams at the fuser exit on two-sided jobs; "
  "single-sided prints are fine.",
  "Duplex jobs on the {0} (serial {2}) {1} stop with a jam after the "
  "first side, about {3} times a day."};
constexpr symptom jam_symptoms[] = {
  {jam_feed_titles, jam_feed_text, jam_feed_parts, false, true, 0, 0},
  {jam_path_titles, jam_path_text, jam_path_parts, false, true, 0, 0},
  {jam_duplex_titles, jam_duplex_text, jam_path_parts, false, true, 0, 0}};

constexpr sv quality_parts[] = {"drum unit", "developer unit",
                                "transfer belt", "transfer roller",
                                "charge roller"};
constexpr sv quality_skills[] = {"imaging", "mechanical"};
constexpr sv streak_parts[] = {"drum unit", "charge roller"};
constexpr sv streak_titles[] = {"Streaks on prints from {0} ({1})",
                                "Vertical lines on output, {0} ({1})"};
constexpr sv streak_text[] = {
  "Prints from the {0} {1} (serial {2}) show vertical streaks down the "
  "page.",
  "Every page from the {0} (serial {2}) {1} has a dark line about {3} mm "
  "from the left edge.",
  "Prints from the {0} {1} (serial {2}) come out with thin streaks in "
  "the same place on every page; reprinting does not help."};
constexpr sv faded_parts[] = {"developer unit", "transfer roller",
                              "transfer belt"};
constexpr sv faded_titles[] = {"Faded output: {0} ({1})",
                               "Light, uneven prints from {0}, {1}"};
constexpr sv faded_text[] = {
  "Output of the {0} (serial {2}) {1} is light and uneven; new toner "
  "did not help.",
  "Prints from the {0} {1} (serial {2}) fade toward the right side of "
  "the page.",
  "The {0} {1} (serial {2}) printed the last {3} jobs washed out; a "
  "fresh cartridge changed nothing."};
constexpr sv shading_parts[] = {"drum unit", "charge roller",
                                "developer unit"};
constexpr sv shading_titles[] = {"{0} prints with background shading ({1})",
                                 "Grey background on prints: {0}, {1}"};
constexpr sv shading_text[] = {
  "The {0} {1} (serial {2}) leaves a grey background and smudges on "
  "every page.",
  "Pages from the {0} (serial {2}) {1} have a grey haze behind the text; "
  "it started about {3} days ago.",
  "Background shading on prints from the {0} {1} (serial {2}); blank "
  "areas come out light grey."};
constexpr symptom quality_symptoms[] = {
  {streak_titles, streak_text, streak_parts, false, false, 0, 0},
  {faded_titles, faded_text, faded_parts, false, false, 0, 0},
  {shading_titles, shading_text, shading_parts, false, false, 0, 0}};

constexpr sv network_parts[] = {"network interface card"};
constexpr sv network_skills[] = {"networking", "device_configuration"};
constexpr sv offline_titles[] = {"{0} offline on the network ({1})",
                                 "Cannot print to {0}, {1}"};
constexpr sv offline_text[] = {
  "The {0} {1} (serial {2}) dropped off the network after a router "
  "change; jobs queue on the server.",
  "Users {1} cannot reach the {0} (serial {2}); it answers ping only "
  "now and then.",
  "The {0} {1} (serial {2}) shows as offline on every computer; {3} jobs "
  "are stuck in the queue."};
constexpr sv smtp_titles[] = {"Scan to email fails on {0} ({1})",
                              "Scanned emails never arrive from {0}, {1}"};
constexpr sv smtp_text[] = {
  "Scan to email on the {0} (serial {2}) {1} fails with an SMTP "
  "connection error.",
  "Since the mail server moved, scans from the {0} {1} (serial {2}) "
  "never reach the inbox; the panel reports a send failure.",
  "Scan to email on the {0} {1} (serial {2}) fails with an "
  "authentication error after the password change."};
constexpr sv folder_titles[] = {"Scan to folder stopped working: {0} ({1})"};
constexpr sv folder_text[] = {
  "The {0} {1} (serial {2}) can no longer save scans to the shared "
  "folder; the server was replaced last week.",
  "Scan to folder on the {0} (serial {2}) {1} fails with a login error."};
constexpr symptom network_symptoms[] = {
  {offline_titles, offline_text, network_parts, false, false, 0, 0},
  {smtp_titles, smtp_text, {}, true, false, 0, 0},
  {folder_titles, folder_text, {}, true, false, 0, 0}};

constexpr sv pm_parts[] = {"maintenance kit", "fuser unit", "transfer roller",
                           "pickup roller kit"};
constexpr sv pm_skills[] = {"preventive_maintenance", "mechanical"};
constexpr sv pm_titles[] = {"Scheduled maintenance: {0} ({1})",
                            "{0} due for its maintenance kit ({1})",
                            "Preventive maintenance visit, {0}, {1}"};
constexpr sv pm_text[] = {
  "The {0} {1} (serial {2}) reached its maintenance interval; clean, "
  "inspect and replace wear parts.",
  "Preventive maintenance visit for the {0} (serial {2}) {1} per the "
  "service contract.",
  "The {0} {1} (serial {2}) shows a maintenance-kit reminder; the meter "
  "passed the interval {3} days ago."};
constexpr symptom pm_symptoms[] = {
  {pm_titles, pm_text, pm_parts, false, false, 0, 0}};

constexpr sv toner_parts[] = {"toner cartridge", "waste toner container",
                              "staple cartridge"};
constexpr sv toner_skills[] = {"supplies"};
constexpr sv toner_low_parts[] = {"toner cartridge"};
constexpr sv toner_low_titles[] = {"Toner low on {0} ({1})",
                                   "Toner needed for {0}, {1}"};
constexpr sv toner_low_text[] = {
  "The {0} {1} (serial {2}) reports toner low and no spare is on site.",
  "The {0} (serial {2}) {1} is down to its last cartridge and warns "
  "of toner low every few pages.",
  "Toner is nearly empty on the {0} {1} (serial {2}); auto-replenishment "
  "did not ship."};
constexpr sv waste_parts[] = {"waste toner container"};
constexpr sv waste_titles[] = {"Waste toner full: {0} ({1})",
                               "Waste toner warning on {0}, {1}"};
constexpr sv waste_text[] = {
  "The {0} (serial {2}) {1} stopped with a waste toner full warning.",
  "The {0} {1} (serial {2}) asks for a new waste toner container and "
  "will not print."};
constexpr sv staple_parts[] = {"staple cartridge"};
constexpr sv staple_titles[] = {"Out of staples: {0} ({1})",
                                "Staple cartridge needed for {0}, {1}"};
constexpr sv staple_text[] = {
  "The finisher of the {0} {1} (serial {2}) is out of staples; stapled "
  "jobs hold in the queue.",
  "Staff {1} ask for spare staple cartridges for the {0} (serial {2}); "
  "the finisher is empty."};
constexpr symptom toner_symptoms[] = {
  {toner_low_titles, toner_low_text, toner_low_parts, false, false, 0, 0},
  {waste_titles, waste_text, waste_parts, false, false, 0, 0},
  {staple_titles, staple_text, staple_parts, true, false, 0, 0}};

constexpr sv scan_parts[] = {"ADF feed roller kit", "ADF separation pad",
                             "scanner lamp", "document glass"};
constexpr sv scan_skills[] = {"scanner", "mechanical"};
constexpr sv adf_parts[] = {"ADF feed roller kit", "ADF separation pad"};
constexpr sv adf_titles[] = {"Document feeder misfeeds on {0} ({1})",
                             "Feeder pulls several sheets: {0}, {1}"};
constexpr sv adf_text[] = {
  "The document feeder of the {0} {1} (serial {2}) pulls several sheets "
  "at once.",
  "Originals jam in the document feeder of the {0} (serial {2}) {1}; "
  "batches over {3} pages never go through.",
  "The feeder of the {0} {1} (serial {2}) skews originals, so scans come "
  "out crooked."};
constexpr sv dark_parts[] = {"scanner lamp", "document glass"};
constexpr sv dark_titles[] = {"Dark scans from {0} ({1})",
                              "Dark scans and copies from {0}, {1}"};
constexpr sv dark_text[] = {
  "Scans and copies from the {0} (serial {2}) {1} are dark with lines "
  "along the page.",
  "Every scan from the {0} {1} (serial {2}) comes out nearly black; "
  "prints from computers are fine.",
  "Copies from the glass of the {0} {1} (serial {2}) show a dark band "
  "along one side."};
constexpr sv dead_parts[] = {"scanner lamp"};
constexpr sv dead_titles[] = {"Scanner not working on {0} ({1})",
                              "{0} will not scan or copy, {1}"};
constexpr sv dead_text[] = {
  "The scanner of the {0} {1} (serial {2}) does not start; copying from "
  "the glass fails too.",
  "The {0} (serial {2}) {1} prints but shows a scanner error when anyone "
  "tries to copy or scan."};
constexpr symptom scan_symptoms[] = {
  {adf_titles, adf_text, adf_parts, true, true, 0, 0},
  {dark_titles, dark_text, dark_parts, true, false, 0, 0},
  {dead_titles, dead_text, dead_parts, true, true, 0, 0}};

constexpr sv hw_parts[] = {"fuser unit", "main drive motor",
                           "power supply board", "laser unit",
                           "main controller board",
                           "high-voltage power supply"};
constexpr sv hw_skills[] = {"electrical", "mechanical", "board_repair"};
constexpr sv down_parts[] = {"fuser unit", "laser unit",
                             "main controller board"};
constexpr sv down_titles[] = {"{0} down: hardware fault ({1})",
                              "{0} stops mid-job, {1}"};
constexpr sv down_text[] = {
  "The {0} {1} (serial {2}) stopped mid-job and will not recover after "
  "a restart.",
  "The {0} (serial {2}) {1} halts a few pages into every job and needs "
  "a power cycle."};
constexpr sv noise_parts[] = {"main drive motor", "fuser unit"};
constexpr sv noise_titles[] = {"Grinding noise from {0} ({1})",
                               "Loud noise, then stop: {0}, {1}"};
constexpr sv noise_text[] = {
  "The {0} (serial {2}) {1} makes a grinding noise from the drive "
  "section and then halts.",
  "A loud clicking from the back of the {0} {1} (serial {2}) started "
  "{3} days ago and is getting worse."};
constexpr sv power_parts[] = {"power supply board",
                              "high-voltage power supply"};
constexpr sv power_titles[] = {"{0} will not power on ({1})",
                               "No power: {0}, {1}"};
constexpr sv power_text[] = {
  "The {0} {1} (serial {2}) does not power on; the outlet and breaker "
  "are fine.",
  "After a storm the {0} (serial {2}) {1} stays dark; no lights on the "
  "panel."};
constexpr sv noise_skills[] = {"mechanical", "electrical"};
constexpr symptom hw_symptoms[] = {
  {down_titles, down_text, down_parts, false, true, 0, 0},
  {noise_titles, noise_text, noise_parts, false, true, 0, 0, noise_skills},
  {power_titles, power_text, power_parts, false, false, 0, 0}};

constexpr sv code_parts[] = {"main controller board", "hard disk drive",
                             "fuser unit", "paper feed sensor"};
constexpr sv code_skills[] = {"diagnostics", "firmware"};
constexpr sv code_titles[] = {"Service code on {0} ({1})",
                              "{0} shows an error and stops, {1}",
                              "Error after restart: {0} ({1})"};
constexpr sv code_text[] = {
  "The {0} {1} (serial {2}) shows a service call and refuses jobs.",
  "After a power cut the {0} (serial {2}) {1} boots into an error "
  "screen.",
  "The {0} {1} (serial {2}) stops with an error about {3} times a day."};
constexpr symptom code_symptoms[] = {
  {code_titles, code_text, code_parts, false, true, 0, 0}};

constexpr sv driver_skills[] = {"print_drivers", "software"};
constexpr sv update_titles[] = {"Driver problem printing to {0} ({1})",
                                "Cannot print to {0} after update, {1}"};
constexpr sv update_text[] = {
  "After a Windows update users cannot print to the {0} {1} (serial "
  "{2}); the queue shows the driver as unavailable.",
  "Since last night's update {3} computers lose the {0} (serial {2}) "
  "{1} from their printer list."};
constexpr sv laptop_titles[] = {"New laptops cannot print to {0} ({1})"};
constexpr sv laptop_text[] = {
  "{3} new laptops need the driver and secure print settings for the "
  "{0} (serial {2}) {1}.",
  "New staff laptops cannot find the {0} {1} (serial {2}); the driver "
  "is missing from the image."};
constexpr sv garbled_titles[] = {"{0}: garbled output from one app ({1})",
                                 "PDF jobs print garbage on {0}, {1}"};
constexpr sv garbled_text[] = {
  "PDF jobs to the {0} {1} (serial {2}) print garbled characters; Word "
  "documents are fine.",
  "One application prints pages of symbols on the {0} (serial {2}) {1}; "
  "{3} sheets wasted this morning."};
constexpr symptom driver_symptoms[] = {
  {update_titles, update_text, {}, false, false, 0, 0},
  {laptop_titles, laptop_text, {}, false, false, 0, 0},
  {garbled_titles, garbled_text, {}, false, false, 0, 0}};

constexpr sv install_parts[] = {"network cable", "paper tray kit",
                                "finisher", "cabinet stand"};
constexpr sv install_skills[] = {"installation", "networking",
                                 "device_configuration"};
constexpr sv new_parts[] = {"network cable"};
constexpr sv new_titles[] = {"Print server move: re-add {0} ({1})",
                             "Set up user codes on {0} ({1})"};
constexpr sv new_text[] = {
  "The print server is being replaced; re-add the {0} (serial {2}) {1} "
  "and push its queue to {3} computers.",
  "Set up department user codes and print quotas on the {0} {1} (serial "
  "{2}) for {3} users."};
constexpr sv move_parts[] = {"network cable"};
constexpr sv move_titles[] = {"Move {0} and reconfigure ({1})"};
constexpr sv move_text[] = {
  "Relocate the {0} (serial {2}) {1} and update its network settings.",
  "The {0} {1} (serial {2}) moves to a new desk area; reconnect and test "
  "printing."};
constexpr sv finisher_parts[] = {"finisher"};
constexpr sv finisher_titles[] = {"Add finisher to {0} ({1})"};
constexpr sv finisher_text[] = {
  "Fit the new finisher to the {0} {1} (serial {2}) and test stapling."};
constexpr sv tray_parts[] = {"paper tray kit"};
constexpr sv tray_titles[] = {"Add a paper tray to {0} ({1})"};
constexpr sv tray_text[] = {
  "Install an extra paper tray on the {0} (serial {2}) {1} and set it "
  "up for letterhead."};
constexpr sv scan_setup_titles[] = {"Set up scan to email on {0} ({1})"};
constexpr sv scan_setup_text[] = {
  "Set up scan to email and address book entries on the {0} {1} (serial "
  "{2}) for {3} users."};
constexpr symptom install_symptoms[] = {
  {new_titles, new_text, new_parts, false, false, 60, 120},
  {move_titles, move_text, move_parts, false, false, 45, 90},
  {finisher_titles, finisher_text, finisher_parts, true, false, 45, 90},
  {tray_titles, tray_text, tray_parts, false, false, 20, 45},
  {scan_setup_titles, scan_setup_text, {}, true, false, 30, 60}};

// In `issue_type` order; priorities are low, medium, high, urgent.
constexpr issue_profile issue_table[] = {
  {{.10, .55, .25, .10}, jam_parts, .5, 2, jam_skills, 30, 90,
   code_family::jam, .5, jam_symptoms, true},
  {{.25, .50, .20, .05}, quality_parts, .7, 2, quality_skills, 45, 120,
   code_family::none, 0, quality_symptoms, true},
  {{.10, .40, .35, .15}, network_parts, .1, 1, network_skills, 30, 90,
   code_family::none, 0, network_symptoms, true},
  {{.85, .15, 0, 0}, pm_parts, 1, 3, pm_skills, 90, 180,
   code_family::none, 0, pm_symptoms, false},
  {{.50, .40, .10, 0}, toner_parts, 1, 2, toner_skills, 15, 45,
   code_family::none, 0, toner_symptoms, true},
  {{.30, .50, .15, .05}, scan_parts, .6, 2, scan_skills, 45, 120,
   code_family::scanner, .5, scan_symptoms, true},
  {{0, .20, .50, .30}, hw_parts, .95, 2, hw_skills, 90, 240,
   code_family::hardware, .8, hw_symptoms, true},
  {{.05, .35, .40, .20}, code_parts, .4, 1, code_skills, 45, 150,
   code_family::general, 1, code_symptoms, true},
  {{.35, .50, .15, 0}, {}, 0, 0, driver_skills, 30, 75,
   code_family::none, 0, driver_symptoms, true},
  {{.45, .50, .05, 0}, install_parts, .5, 2, install_skills, 120, 240,
   code_family::none, 0, install_symptoms, false},
};

static_assert(std::size(issue_table) == issue_type_names.size());

constexpr sv code_sentence_table[] = {
  " The panel shows {0}.", " Error {0} on the display.",
  " The panel reads {0}.", " The display shows code {0}."};

// Appended to a reported problem's description: {0} who reported it.
constexpr sv detail_table[] = {
  " Reported by {0}.", " Called in by {0}.",
  " Logged by {0} through the portal.", "", "", ""};

// The same after hours: {0} who sent it in.
constexpr sv portal_detail_table[] = {
  " Logged by {0} through the portal.",
  " Sent in through the portal by {0} after hours.", ""};

constexpr sv reporter_table[] = {
  "the office manager", "the front desk staff", "two users",
  "the department head", "the IT contact", "several staff members",
  "the receptionist", "the morning shift"};

constexpr int told_count_table[] = {3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30};

} // namespace

const issue_profile& profile(issue_type t) {
  return issue_table[size_t(t)];
}

const words error_code_sentences{code_sentence_table};
const words ticket_details{detail_table};
const words portal_details{portal_detail_table};
const words reporters{reporter_table};
const std::span<const int> told_counts{told_count_table};

} // namespace dbu::gen::vocab
