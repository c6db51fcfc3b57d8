#include "generators/vocabulary.hpp"

namespace dbu::gen::vocab {

namespace {

using sv = std::string_view;

// Names by origin, so that a contact's given and family names usually
// belong together, in shares that read like a US city's.
constexpr sv anglo_first[] = {
  "James",   "Michael", "David",   "Robert",  "Thomas",  "Daniel",
  "Kevin",   "Brian",   "Patrick", "Marcus",  "Emily",   "Grace",
  "Hannah",  "Rachel",  "Laura",   "Megan",   "Olivia",  "Chloe",
  "Sarah",   "Jennifer", "Karen",  "Linda",   "Matthew", "Andrew",
  "Ryan",    "Heather", "Amanda",  "Christopher", "Jessica", "Nicole",
  "Scott",   "Gregory", "Lauren",  "Kathleen", "Tyler",  "Brandon"};
constexpr sv anglo_last[] = {
  "Smith",   "Johnson", "Williams", "Brown",   "Davis",   "Miller",
  "Wilson",  "Anderson", "Taylor",  "Moore",   "Jackson", "White",
  "Harris",  "Clark",   "Lewis",   "Walker",  "Hall",    "Young",
  "Allen",   "Wright",  "Scott",   "Brennan", "Murphy",  "Fitzgerald",
  "Schmidt", "Weber",   "Thompson", "Baker",   "Collins", "Stewart",
  "Morgan",  "Cooper",  "Reed",    "Bennett", "Hughes",  "Sullivan",
  "Turner",  "Parker",  "Evans",   "Edwards", "Phillips", "Campbell",
  "Mitchell", "Roberts", "Carter", "Nelson",  "Adams",   "Hill",
  "King",    "Green",   "Howard",  "Ward",    "Cox",     "Richardson",
  "Wood",    "Watson",  "Brooks",  "Gray",    "Price",   "Bell",
  "Russell", "Griffin", "Hayes",   "Myers",   "Ford",    "Hamilton",
  "Graham",  "Wallace", "Cole",    "Jordan",  "Owens",   "Reynolds",
  "Fisher",  "Ellis",   "Harrison", "Gibson", "Marshall", "Kelly",
  "Palmer",  "Hunt",    "Wagner",  "Mason",   "Holmes",  "Lawson",
  "Warren",  "Dixon",   "Burns",   "Gordon",  "Shaw",    "Hudson",
  "Porter",  "Barnes",  "Carlson", "Olson",   "Peterson", "Larson",
  "Hansen",  "Becker",  "Keller",  "Hoffman", "Meyer",   "Fischer",
  "O'Connor", "O'Neill", "McCarthy", "Gallagher", "Quinn", "Donovan",
  "Walsh",   "Burke",   "Foster",  "Bryant",  "Simmons", "Jenkins",
  "Perry",   "Powell",  "Long",    "Patterson", "Butler", "Coleman"};
constexpr sv hispanic_first[] = {"Maria", "Carlos", "Sofia", "Ana", "Diego",
                                 "Lucia", "Mateo", "Camila", "Isabel", "Rosa",
                                 "Valeria", "Jorge", "Luis", "Alejandro",
                                 "Gabriela", "Daniela", "Javier", "Elena",
                                 "Andres", "Paola", "Ricardo", "Adriana",
                                 "Fernando", "Veronica", "Miguel", "Carmen"};
constexpr sv hispanic_last[] = {
  "Garcia",  "Rodriguez", "Martinez", "Hernandez", "Lopez",  "Gonzalez",
  "Perez",   "Sanchez",   "Ramirez",  "Torres",    "Flores", "Rivera",
  "Gomez",   "Diaz",      "Morales",  "Ortiz",     "Castillo", "Reyes",
  "Cruz",    "Romero",    "Alvarez",  "Mendoza",  "Vasquez", "Castro",
  "Jimenez", "Ruiz",      "Aguilar",  "Vargas",   "Medina",  "Herrera",
  "Guzman",  "Munoz",     "Soto",     "Salazar",  "Delgado", "Navarro",
  "Rojas",   "Contreras", "Estrada",  "Fuentes"};
constexpr sv chinese_first[] = {"Wei", "Mei", "Jin", "Li", "Xiaoming", "Jing",
                                "Hao", "Yan", "Lei", "Ying", "Xin", "Jun",
                                "Yun", "Ping", "Tao", "Qing", "Fang", "Bo"};
constexpr sv chinese_last[] = {"Chen", "Wang", "Liu",  "Zhang", "Huang",
                               "Lin",  "Wu",   "Yang", "Zhao",  "Xu",
                               "Zhou", "Sun",  "Ma",   "Hu",    "Guo",
                               "Luo",  "Liang", "Song", "Tang", "Feng"};
constexpr sv korean_first[] = {"Min-jun", "Ji-woo", "Seo-yeon", "Hyun",
                               "Soo-jin", "Joon", "Ji-hoon", "Eun-ji",
                               "Sung-min", "Da-eun", "Tae-yang", "Hye-jin"};
constexpr sv korean_last[] = {"Kim", "Park", "Choi", "Lee", "Jung", "Kang",
                              "Cho", "Yoon", "Jang", "Lim", "Han", "Shin",
                              "Oh", "Seo", "Kwon", "Hwang", "Jeon", "Hong",
                              "Ahn", "Moon", "Bae"};
constexpr sv japanese_first[] = {"Hiroshi", "Yuki", "Sakura", "Hana", "Kenji",
                                 "Aiko", "Takeshi", "Haruto", "Emi", "Daisuke",
                                 "Naomi", "Ryo", "Mika", "Kaito", "Yumi"};
constexpr sv japanese_last[] = {"Tanaka", "Yamamoto", "Sato", "Nakamura",
                                "Suzuki", "Ito", "Watanabe", "Takahashi",
                                "Kobayashi", "Kato", "Yoshida", "Yamada",
                                "Kimura", "Hayashi", "Shimizu", "Yamaguchi",
                                "Matsumoto", "Inoue", "Saito", "Mori"};
constexpr sv vietnamese_first[] = {"Minh", "Linh", "Thanh", "Huong", "Duc",
                                   "Trang", "Anh", "Quang", "Thu", "Khanh",
                                   "Bao", "Tuan"};
constexpr sv vietnamese_last[] = {"Nguyen", "Tran", "Le", "Pham", "Hoang",
                                  "Phan", "Vu", "Dang", "Bui", "Do", "Ho",
                                  "Ngo", "Duong", "Ly", "Truong", "Dinh",
                                  "Lam", "Cao", "Vo", "Huynh"};
constexpr sv south_asian_first[] = {"Priya", "Rahul", "Arjun", "Ravi",
                                    "Sanjay", "Anita", "Deepa", "Vikram",
                                    "Neha", "Amit", "Kavita", "Rohan", "Meera",
                                    "Suresh", "Pooja", "Nikhil", "Asha",
                                    "Kiran"};
constexpr sv south_asian_last[] = {"Patel", "Singh", "Shah", "Mehta", "Bhatt",
                                   "Sharma", "Reddy", "Gupta", "Desai", "Iyer",
                                   "Joshi", "Kapoor", "Malhotra", "Rao",
                                   "Chopra", "Nair", "Agarwal", "Verma",
                                   "Pillai", "Menon", "Kulkarni", "Banerjee",
                                   "Chatterjee", "Bose"};
constexpr sv west_african_first[] = {"Olumide", "Kwame", "Ngozi", "Kofi",
                                     "Emeka", "Ama", "Chinedu", "Adaeze",
                                     "Chiamaka", "Tunde", "Yaw", "Efua",
                                     "Abena", "Kelechi", "Femi", "Nkechi"};
constexpr sv west_african_last[] = {"Okafor", "Mensah", "Adeyemi", "Osei",
                                    "Abubakar", "Okonkwo", "Boateng", "Eze",
                                    "Adebayo", "Owusu", "Asante", "Diallo",
                                    "Balogun", "Nwosu", "Appiah", "Afolabi",
                                    "Kamara", "Sesay", "Ogunleye"};
constexpr sv arabic_first[] = {"Omar", "Fatima", "Tariq", "Leila", "Yasmin",
                               "Karim", "Nadia", "Samir", "Rami", "Dalia",
                               "Amir", "Rania", "Ziad", "Salma", "Nour",
                               "Khaled"};
constexpr sv arabic_last[] = {"Haddad", "Ali", "Khalil", "Mansour", "Saleh",
                              "Nasser", "Hassan", "Ibrahim", "Aziz", "Hamdan",
                              "Rahman", "Darwish", "Abboud", "Farah", "Khoury",
                              "Sabbagh", "Najjar", "Youssef"};
constexpr sv slavic_first[] = {"Tomasz", "Andrei", "Elena", "Ivan",
                               "Katarzyna", "Piotr", "Natalia", "Marek",
                               "Agnieszka", "Dmitri", "Olena", "Jakub",
                               "Milena", "Stefan", "Zofia", "Irina", "Pavel"};
// Family names that read the same for women and men.
constexpr sv slavic_last[] = {"Wojcik", "Novak", "Mazur", "Markovic", "Kovac",
                              "Nowak", "Horvat", "Petrovic", "Jovanovic",
                              "Nikolic", "Babic", "Popovic", "Maric", "Juric",
                              "Kaczmarek", "Krawczyk", "Pawlak", "Sikora",
                              "Baran", "Shevchenko", "Kovalenko", "Bondarenko",
                              "Tkachenko"};

constexpr name_origin origin_table[] = {
  {anglo_first, anglo_last, 52},
  {hispanic_first, hispanic_last, 18},
  {chinese_first, chinese_last, 5},
  {korean_first, korean_last, 3},
  {japanese_first, japanese_last, 2},
  {vietnamese_first, vietnamese_last, 3},
  {south_asian_first, south_asian_last, 6},
  {west_african_first, west_african_last, 4},
  {arabic_first, arabic_last, 3},
  {slavic_first, slavic_last, 4},
};

constexpr int total_weight = [] {
  int sum = 0;
  for (auto& o : origin_table)
    sum += o.weight;
  return sum;
}();

// @returns how many given (or family) names the origins hold.
constexpr size_t count_names(bool first) {
  size_t n = 0;
  for (auto& o : origin_table)
    n += first ? o.first.size() : o.last.size();
  return n;
}

// Every given (or family) name, for uses that need no origin.
template <bool First>
constexpr auto all_names() {
  std::array<sv, count_names(First)> out{};
  size_t k = 0;
  for (auto& o : origin_table)
    for (auto n : First ? o.first : o.last)
      out[k++] = n;
  return out;
}

constexpr auto first_name_table = all_names<true>();
constexpr auto last_name_table = all_names<false>();

} // namespace

const words first_names{first_name_table};
const words last_names{last_name_table};
const std::span<const name_origin> name_origins{origin_table};

const name_origin& pick_origin(rng& r) {
  // Walk the table by weight.
  auto u = int(r.below(uint64_t(total_weight)));
  for (auto& o : origin_table) {
    if (u < o.weight)
      return o;
    u -= o.weight;
  }
  return origin_table[0];
}

} // namespace dbu::gen::vocab
