#include "generators/vocabulary.hpp"

namespace dbu::gen::vocab {

namespace {

// Given names of many origins, so that contacts read like a US city's.
constexpr std::string_view first_name_table[] = {
  "James",    "Maria",    "Wei",      "Priya",    "Olumide",  "Sofia",
  "Michael",  "Aisha",    "Hiroshi",  "Elena",    "Carlos",   "Fatima",
  "David",    "Mei",      "Rahul",    "Grace",    "Jamal",    "Ana",
  "Robert",   "Yuki",     "Tomasz",   "Chloe",    "Kwame",    "Lucia",
  "Daniel",   "Nadia",    "Minh",     "Emily",    "Diego",    "Leila",
  "Thomas",   "Ngozi",    "Arjun",    "Hannah",   "Mateo",    "Ingrid",
  "Kevin",    "Sakura",   "Omar",     "Rachel",   "Andrei",   "Camila",
  "Brian",    "Jin",      "Kofi",     "Laura",    "Ravi",     "Isabel",
  "Marcus",   "Yasmin",   "Stefan",   "Olivia",   "Tariq",    "Rosa",
  "Patrick",  "Hana",     "Sanjay",   "Megan",    "Emeka",    "Valeria",
};

// Family names of many origins.
constexpr std::string_view last_name_table[] = {
  "Smith",     "Garcia",    "Nguyen",    "Patel",     "Okafor",
  "Johnson",   "Rodriguez", "Chen",      "Kim",       "Williams",
  "Martinez",  "Tanaka",    "Kowalski",  "Brown",     "Hernandez",
  "Singh",     "Mensah",    "Davis",     "Lopez",     "Wang",
  "Novak",     "Miller",    "Gonzalez",  "Yamamoto",  "Adeyemi",
  "Wilson",    "Perez",     "Liu",       "Haddad",    "Anderson",
  "Sanchez",   "Park",      "Ivanova",   "Taylor",    "Ramirez",
  "Sato",      "Osei",      "Thomas",    "Torres",    "Zhang",
  "Kaur",      "Moore",     "Flores",    "Choi",      "Jackson",
  "Rivera",    "Huang",     "Nakamura",  "Abubakar",  "White",
  "Gomez",     "Petrov",    "Harris",    "Diaz",      "Lin",
  "Shah",      "Clark",     "Morales",   "Wu",        "Lewis",
  "Ortiz",     "Ali",       "Walker",    "Castillo",  "Kovacs",
  "Hall",      "Reyes",     "Yang",      "Mehta",     "Young",
  "Cruz",      "Hoang",     "Allen",     "Romero",    "Lindqvist",
  "Wright",    "Alvarez",   "Ferreira",  "Scott",     "Mendoza",
  "Brennan",   "Murphy",    "Fitzgerald", "Schmidt",  "Weber",
};

} // namespace

const words first_names{first_name_table};
const words last_names{last_name_table};

} // namespace dbu::gen::vocab
