#include "generators/vocabulary_service.hpp"

namespace dbu::gen::vocab {

namespace {

using sv = std::string_view;

constexpr sv ricoh_jam[] = {"J001", "J003", "J017", "J024", "J098"};
constexpr sv ricoh_hw[] = {"SC542", "SC543", "SC544", "SC552", "SC302",
                           "SC390", "SC440", "SC491", "SC501"};
constexpr sv ricoh_scan[] = {"SC101", "SC120", "SC121", "SC195"};
constexpr sv ricoh_gen[] = {"SC819", "SC899", "SC672", "SC990"};

constexpr sv canon_jam[] = {"0104", "0107", "0A0A", "1001", "1101"};
constexpr sv canon_hw[] = {"E000007-0000", "E000001-0000", "E000002-0000",
                           "E000003-0000", "E010-0001", "E100-0001"};
constexpr sv canon_scan[] = {"E202-0001", "E202-0002", "E225-0001",
                             "E302-0001"};
constexpr sv canon_gen[] = {"E602-0001", "E744-0001", "E747-0000",
                            "E733-0000"};

constexpr sv hp_jam[] = {"13.B2.D3", "13.A3.D1", "13.E1.D3", "13.B9.C1"};
constexpr sv hp_hw[] = {"50.4", "50.3", "59.F0", "59.A0", "41.03.A1"};
constexpr sv hp_scan[] = {"30.01.43", "31.03.20", "31.13.00"};
constexpr sv hp_gen[] = {"49.4C02", "79.00FE", "49.38.07", "81.09.00"};

constexpr sv xerox_jam[] = {"071-101", "072-101", "075-135", "077-101"};
constexpr sv xerox_hw[] = {"010-351", "010-327", "042-325", "061-370",
                           "091-311"};
constexpr sv xerox_scan[] = {"062-277", "005-121", "062-371"};
constexpr sv xerox_gen[] = {"024-747", "016-503", "116-324", "016-720"};

constexpr sv km_jam[] = {"J10-01", "J30-02", "J32-02", "J72-15"};
constexpr sv km_hw[] = {"C2557", "C3101", "C3425", "C4501", "C2152"};
constexpr sv km_scan[] = {"C0202", "C8302", "C8101"};
constexpr sv km_gen[] = {"CD002", "C9401", "CE001"};

constexpr sv kyocera_jam[] = {"J0100", "J0501", "J4201", "J4208"};
constexpr sv kyocera_hw[] = {"C6000", "C6020", "C6030", "C4200", "C2000"};
constexpr sv kyocera_scan[] = {"C3100", "C3200", "C3500"};
constexpr sv kyocera_gen[] = {"C0030", "C0070", "C7990", "C6400"};

constexpr sv sharp_hw[] = {"H3-00", "H4-00", "H2-00", "L4-01", "F2-40"};
constexpr sv sharp_scan[] = {"L1-00", "L3-00", "U6-20"};
constexpr sv sharp_gen[] = {"E7-01", "E7-03", "CE-00", "EE-EL"};

constexpr make_profile make_table[] = {
  {"Ricoh", ricoh_jam, ricoh_hw, ricoh_scan, ricoh_gen, "31#0R8#####"},
  {"Canon", canon_jam, canon_hw, canon_scan, canon_gen, "@@@#####"},
  {"HP", hp_jam, hp_hw, hp_scan, hp_gen, "CNB@@#####", true},
  {"Xerox", xerox_jam, xerox_hw, xerox_scan, xerox_gen, "@@@######"},
  {"Konica Minolta", km_jam, km_hw, km_scan, km_gen, "AA2J0#1######"},
  {"Kyocera", kyocera_jam, kyocera_hw, kyocera_scan, kyocera_gen,
   "@@@#Z#####"},
  // Sharp panels name a jam's place, not a code.
  {"Sharp", {}, sharp_hw, sharp_scan, sharp_gen, "5#######"},
};

constexpr device_model model_table[] = {
  {"Ricoh", "IM C3000", "mfp", true},
  {"Ricoh", "IM C4500", "mfp", true},
  {"Ricoh", "IM 430F", "mfp", false},
  {"Ricoh", "SP 5300DN", "printer", false},
  {"Ricoh", "IM 6000", "copier", false},
  {"Canon", "imageRUNNER ADVANCE DX C5860i", "mfp", true},
  {"Canon", "imageRUNNER ADVANCE DX C3835i", "mfp", true},
  {"Canon", "imageRUNNER ADVANCE DX 6855i", "copier", false},
  {"Canon", "imageCLASS LBP226dw", "printer", false},
  {"HP", "LaserJet Enterprise M611dn", "printer", false},
  {"HP", "Color LaserJet Enterprise M555dn", "printer", true},
  {"HP", "LaserJet Enterprise MFP M635h", "mfp", false},
  {"HP", "Color LaserJet Enterprise MFP M578f", "mfp", true},
  {"Xerox", "AltaLink C8145", "mfp", true},
  {"Xerox", "AltaLink B8155", "copier", false},
  {"Xerox", "VersaLink C405", "mfp", true},
  {"Xerox", "VersaLink B405", "mfp", false},
  {"Xerox", "VersaLink C500", "printer", true},
  {"Konica Minolta", "bizhub C450i", "mfp", true},
  {"Konica Minolta", "bizhub C300i", "mfp", true},
  {"Konica Minolta", "bizhub 4750i", "mfp", false},
  {"Konica Minolta", "bizhub 558e", "copier", false},
  {"Kyocera", "TASKalfa 4054ci", "mfp", true},
  {"Kyocera", "TASKalfa 3554ci", "mfp", true},
  {"Kyocera", "TASKalfa 6004i", "copier", false},
  {"Kyocera", "ECOSYS P3155dn", "printer", false},
  {"Kyocera", "ECOSYS M3655idn", "mfp", false},
  {"Sharp", "MX-3071", "mfp", true},
  {"Sharp", "MX-4071", "mfp", true},
  {"Sharp", "MX-M3071", "mfp", false},
  {"Sharp", "MX-B467F", "mfp", false},
  {"Sharp", "MX-C507P", "printer", true},
};

constexpr sv location_table[] = {
  "2nd floor copy room", "Front desk",        "Reception desk",
  "Accounting office",   "3rd floor print room", "Mail room",
  "Break room hallway",  "Records room",      "Conference room B",
  "Shipping office",     "Main office",       "Server room",
  "HR office",
};

// Where devices stand, by industry (in `industry` order).
constexpr sv healthcare_places[] = {
  "Front desk", "Nurses' station", "Billing office", "Records room",
  "Exam room hallway", "Check-out desk", "Lab", "Practice manager's office",
  "Referral coordinator's office", "Break room hallway", "Main office"};
constexpr sv legal_places[] = {
  "Reception desk", "Records room", "Paralegal area", "Conference room B",
  "Accounting office", "Mail room", "2nd floor copy room",
  "Litigation support room", "Partners' wing", "File room", "Main office"};
constexpr sv education_places[] = {
  "Library workroom", "Main office", "Teachers' lounge", "Guidance office",
  "Attendance office", "2nd floor copy room", "Science wing workroom",
  "Business office", "Nurse's office", "Admissions office",
  "Front office"};
constexpr sv manufacturing_places[] = {
  "Shipping office", "Receiving dock office", "Plant office",
  "Quality lab", "Main office", "HR office", "Accounting office",
  "Engineering office", "Purchasing office", "Production floor office",
  "Front desk"};
constexpr sv real_estate_places[] = {
  "Front desk", "Agents' workroom", "Closing room", "Main office",
  "Copy room", "Leasing office", "Broker's office", "Accounting office",
  "Marketing office", "Conference room B", "Property management office"};
constexpr sv finance_places[] = {
  "Teller line", "Loan office", "Back office", "Accounting office",
  "Reception desk", "Operations room", "Branch manager's office",
  "Compliance office", "Mail room", "Conference room B", "Records room"};
constexpr sv government_places[] = {
  "Front counter", "Permit office", "Records room", "Main office",
  "Mail room", "Clerk's office", "Finance office", "HR office",
  "Council chambers office", "Public works office", "2nd floor copy room"};
constexpr sv retail_places[] = {
  "Back office", "Customer service desk", "Stock room",
  "Manager's office", "Receiving area", "Front counter", "Break room",
  "Cash office", "Loss prevention office", "Main office", "Warehouse office"};
constexpr sv non_profit_places[] = {
  "Front office", "Volunteer room", "Intake desk", "Development office",
  "Copy room", "Executive director's office", "Program office",
  "Finance office", "Conference room B", "Warehouse office",
  "Reception desk"};

constexpr words places_by_industry[] = {
  healthcare_places, legal_places,      education_places,
  manufacturing_places, real_estate_places, finance_places,
  government_places, retail_places,     non_profit_places};

static_assert(std::size(places_by_industry) == industry_names.size());

// @returns whether `s` ends with `tail`.
constexpr bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size()
         && s.substr(s.size() - tail.size()) == tail;
}

} // namespace

const std::span<const make_profile> makes{make_table};
const std::span<const device_model> device_models{model_table};
const words device_locations{location_table};

words device_locations_of(industry i) {
  return places_by_industry[size_t(i)];
}

bool scans(std::string_view make, std::string_view model) {
  for (auto& m : model_table)
    if (m.make == make && m.model == model)
      return m.device_type != "printer";
  return true;
}

std::string place_phrase(std::string_view location) {
  // Desks, counters and lines are stood at; rooms and offices are in.
  bool at = ends_with(location, "desk") || ends_with(location, "counter")
            || ends_with(location, "line") || ends_with(location, "station");
  // A room named by its letter or number takes no article ("in
  // conference room B").
  auto last = location.substr(location.rfind(' ') + 1);
  bool named = last.size() == 1 && last[0] >= 'A' && last[0] <= 'Z';
  for (char c : last)
    named = named || (c >= '0' && c <= '9');
  std::string s = at ? "at " : "in ";
  if (!named)
    s.append("the ");
  auto first = s.size();
  s.append(location);
  // Lower-case the first word unless it is an acronym ("HR office").
  bool acronym = location.size() > 1 && location[1] >= 'A'
                 && location[1] <= 'Z';
  if (!acronym && s[first] >= 'A' && s[first] <= 'Z')
    s[first] = char(s[first] - 'A' + 'a');
  return s;
}

const make_profile* find_make(std::string_view name) {
  for (auto& m : make_table)
    if (m.make == name)
      return &m;
  return nullptr;
}

} // namespace dbu::gen::vocab
