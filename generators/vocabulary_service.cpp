#include "generators/vocabulary_service.hpp"

namespace dbu::gen::vocab {

namespace {

using sv = std::string_view;

constexpr sv jam_parts[] = {"pickup roller", "feed roller", "separation pad",
                            "registration roller"};
constexpr sv jam_skills[] = {"mechanical", "paper_path"};
constexpr sv jam_titles[] = {
  "Repeated paper jams on {0} ({1})", "Paper jam in tray 2: {0}, {1}",
  "{0} in {1} jams on every print job"};
constexpr sv jam_text[] = {
  "{0} (serial {2}, {1}) jams repeatedly in the paper path; users clear "
  "it and it jams again within a few pages.",
  "Staff at {1} report misfeeds from tray 2 of the {0} (serial {2}); "
  "paper arrives creased.",
  "The {0} at {1} (serial {2}) jams at the fuser exit on duplex jobs."};

constexpr sv quality_parts[] = {"drum unit", "developer unit",
                                "transfer belt", "transfer roller",
                                "charge roller"};
constexpr sv quality_skills[] = {"imaging", "mechanical"};
constexpr sv quality_titles[] = {
  "Streaks on prints from {0} ({1})", "Faded output: {0}, {1}",
  "{0} in {1} prints with background shading"};
constexpr sv quality_text[] = {
  "Prints from the {0} at {1} (serial {2}) show vertical streaks down the "
  "page.",
  "Output of the {0} (serial {2}, {1}) is light and uneven; new toner "
  "did not help.",
  "The {0} at {1} (serial {2}) leaves grey background and smudges on "
  "copies."};

constexpr sv network_parts[] = {"network interface card"};
constexpr sv network_skills[] = {"networking", "device_configuration"};
constexpr sv network_titles[] = {
  "{0} in {1} offline on the network", "Cannot print to {0} ({1})",
  "Scan to email fails on {0}, {1}"};
constexpr sv network_text[] = {
  "The {0} at {1} (serial {2}) dropped off the network after an office "
  "router change; jobs queue on the server.",
  "Users at {1} cannot reach the {0} (serial {2}); it answers ping "
  "intermittently.",
  "Scan to email on the {0} (serial {2}, {1}) fails with an SMTP "
  "connection error."};

constexpr sv pm_parts[] = {"maintenance kit", "fuser unit", "transfer roller",
                           "pickup roller kit"};
constexpr sv pm_skills[] = {"preventive_maintenance", "mechanical"};
constexpr sv pm_titles[] = {"Scheduled maintenance: {0} ({1})",
                            "{0} in {1} due for its maintenance kit"};
constexpr sv pm_text[] = {
  "The {0} at {1} (serial {2}) reached its maintenance interval; clean, "
  "inspect and replace wear parts.",
  "Preventive maintenance visit for the {0} (serial {2}, {1}) per the "
  "service contract."};

constexpr sv toner_parts[] = {"toner cartridge", "waste toner container",
                              "staple cartridge"};
constexpr sv toner_skills[] = {"supplies"};
constexpr sv toner_titles[] = {"Toner low on {0} ({1})",
                               "Waste toner full: {0}, {1}",
                               "Supplies for {0} in {1}"};
constexpr sv toner_text[] = {
  "The {0} at {1} (serial {2}) reports toner low and no spare is on site.",
  "The {0} (serial {2}, {1}) stopped with a waste toner warning.",
  "Customer asks for toner and staples for the {0} at {1} (serial {2})."};

constexpr sv scan_parts[] = {"ADF feed roller kit", "ADF separation pad",
                             "scanner lamp", "document glass"};
constexpr sv scan_skills[] = {"scanner", "mechanical"};
constexpr sv scan_titles[] = {"Document feeder misfeeds on {0} ({1})",
                              "Scans come out black: {0}, {1}",
                              "{0} in {1} scanner not working"};
constexpr sv scan_text[] = {
  "The document feeder of the {0} at {1} (serial {2}) pulls several "
  "sheets at once.",
  "Scans and copies from the {0} (serial {2}, {1}) are dark with lines "
  "along the page.",
  "The scanner of the {0} at {1} (serial {2}) does not start; copying "
  "from the glass fails too."};

constexpr sv hw_parts[] = {"fuser unit", "main drive motor",
                           "power supply board", "laser unit",
                           "main controller board",
                           "high-voltage power supply"};
constexpr sv hw_skills[] = {"electrical", "mechanical", "board_repair"};
constexpr sv hw_titles[] = {"{0} in {1} down: hardware fault",
                            "Grinding noise from {0} ({1})",
                            "{0} ({1}) will not power on"};
constexpr sv hw_text[] = {
  "The {0} at {1} (serial {2}) stopped mid-job and will not recover "
  "after a restart.",
  "The {0} (serial {2}, {1}) makes a grinding noise from the drive "
  "section and then halts.",
  "The {0} at {1} (serial {2}) does not power on; the breaker is fine."};

constexpr sv code_parts[] = {"main controller board", "hard disk drive",
                             "fuser unit", "paper feed sensor"};
constexpr sv code_skills[] = {"diagnostics", "firmware"};
constexpr sv code_titles[] = {"Service code on {0} ({1})",
                              "{0} in {1} shows an error and stops",
                              "Error after restart: {0}, {1}"};
constexpr sv code_text[] = {
  "The {0} at {1} (serial {2}) shows a service call and refuses jobs.",
  "After a power cut the {0} (serial {2}, {1}) boots into an error "
  "screen.",
  "The {0} at {1} (serial {2}) stops with an error several times a day."};

constexpr sv driver_skills[] = {"print_drivers", "software"};
constexpr sv driver_titles[] = {"Driver problem printing to {0} ({1})",
                                "New laptops cannot print to {0}, {1}",
                                "{0} in {1}: wrong output from one app"};
constexpr sv driver_text[] = {
  "After a Windows update users cannot print to the {0} at {1} (serial "
  "{2}); the queue shows the driver as unavailable.",
  "New laptops need the driver and secure print settings for the {0} "
  "(serial {2}, {1}).",
  "PDF jobs to the {0} at {1} (serial {2}) print garbled characters."};

constexpr sv install_parts[] = {"network cable", "paper tray kit",
                                "finisher", "cabinet stand"};
constexpr sv install_skills[] = {"installation", "networking",
                                 "device_configuration"};
constexpr sv install_titles[] = {"Install and set up {0} ({1})",
                                 "Move {0} to {1} and reconfigure",
                                 "Add finisher to {0}, {1}"};
constexpr sv install_text[] = {
  "Deliver and install the {0} (serial {2}) at {1}; set up scan to "
  "email and user codes.",
  "Relocate the {0} (serial {2}) to {1} and update its network settings.",
  "Fit the new finisher to the {0} at {1} (serial {2}) and test "
  "stapling."};

// In `issue_type` order; priorities are low, medium, high, urgent.
constexpr issue_profile issue_table[] = {
  {{.20, .55, .20, .05}, jam_parts, .5, 2, jam_skills, 30, 90,
   code_family::jam, .5, jam_titles, jam_text},
  {{.25, .50, .20, .05}, quality_parts, .7, 2, quality_skills, 45, 120,
   code_family::none, 0, quality_titles, quality_text},
  {{.10, .40, .35, .15}, network_parts, .1, 1, network_skills, 30, 90,
   code_family::none, 0, network_titles, network_text},
  {{.85, .15, 0, 0}, pm_parts, 1, 3, pm_skills, 90, 180,
   code_family::none, 0, pm_titles, pm_text},
  {{.50, .40, .10, 0}, toner_parts, 1, 2, toner_skills, 15, 45,
   code_family::none, 0, toner_titles, toner_text},
  {{.30, .50, .15, .05}, scan_parts, .6, 2, scan_skills, 45, 120,
   code_family::scanner, .5, scan_titles, scan_text},
  {{0, .20, .50, .30}, hw_parts, .95, 2, hw_skills, 90, 240,
   code_family::hardware, .8, hw_titles, hw_text},
  {{.05, .35, .40, .20}, code_parts, .4, 1, code_skills, 45, 150,
   code_family::general, 1, code_titles, code_text},
  {{.35, .50, .15, 0}, {}, 0, 0, driver_skills, 30, 75,
   code_family::none, 0, driver_titles, driver_text},
  {{.40, .50, .10, 0}, install_parts, .5, 2, install_skills, 120, 240,
   code_family::none, 0, install_titles, install_text},
};

static_assert(std::size(issue_table) == issue_type_names.size());

} // namespace

const issue_profile& profile(issue_type t) {
  return issue_table[size_t(t)];
}

const std::string_view error_code_sentence = " The panel shows {0}.";

} // namespace dbu::gen::vocab
