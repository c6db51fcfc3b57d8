#include "generators/vocabulary.hpp"

#include <algorithm>

namespace dbu::gen::vocab {

namespace {

// ZIP ranges and area codes as assigned to each city; population in
// thousands (2020 census, rounded); the coordinates of its centre. At least
// one city a state (and the District), more where more people live.
constexpr city city_table[] = {
  {"New York", "NY", 10001, 10282, {212, 646, 332}, 8336, 40.7128, -74.0060},
  {"Los Angeles", "CA", 90001, 90089, {213, 323, 310}, 3898,
   34.0522, -118.2437},
  {"Chicago", "IL", 60601, 60661, {312, 773, 872}, 2746, 41.8781, -87.6298},
  {"Houston", "TX", 77002, 77099, {713, 281, 832}, 2304, 29.7633, -95.3633},
  {"Phoenix", "AZ", 85003, 85054, {602, 480, 623}, 1608, 33.4484, -112.0740},
  {"Philadelphia", "PA", 19102, 19154, {215, 267, 0}, 1603, 39.9523, -75.1638},
  {"San Antonio", "TX", 78201, 78266, {210, 726, 0}, 1434, 29.4241, -98.4936},
  {"San Diego", "CA", 92101, 92199, {619, 858, 0}, 1386, 32.7157, -117.1647},
  {"Dallas", "TX", 75201, 75287, {214, 469, 972}, 1304, 32.7831, -96.8067},
  {"San Jose", "CA", 95110, 95139, {408, 669, 0}, 1013, 37.3394, -121.8950},
  {"Austin", "TX", 78701, 78759, {512, 737, 0}, 961, 30.2672, -97.7431},
  {"Jacksonville", "FL", 32202, 32277, {904, 0, 0}, 949, 30.3322, -81.6556},
  {"Fort Worth", "TX", 76102, 76116, {817, 682, 0}, 919, 32.7254, -97.3208},
  {"Columbus", "OH", 43201, 43235, {614, 380, 0}, 905, 39.9612, -82.9988},
  {"Indianapolis", "IN", 46201, 46278, {317, 463, 0}, 887, 39.7684, -86.1580},
  {"Charlotte", "NC", 28202, 28299, {704, 980, 0}, 874, 35.2271, -80.8431},
  {"San Francisco", "CA", 94102, 94134, {415, 628, 0}, 873, 37.7749, -122.4194},
  {"Seattle", "WA", 98101, 98199, {206, 0, 0}, 737, 47.6062, -122.3321},
  {"Denver", "CO", 80202, 80249, {303, 720, 0}, 715, 39.7392, -104.9847},
  {"Washington", "DC", 20001, 20006, {202, 771, 0}, 690, 38.8951, -77.0364},
  {"Nashville", "TN", 37201, 37250, {615, 629, 0}, 689, 36.1659, -86.7844},
  {"Oklahoma City", "OK", 73102, 73179, {405, 572, 0}, 681, 35.4676, -97.5164},
  {"El Paso", "TX", 79901, 79915, {915, 0, 0}, 679, 31.7587, -106.4869},
  {"Boston", "MA", 2108, 2137, {617, 857, 0}, 675, 42.3584, -71.0598},
  {"Portland", "OR", 97201, 97236, {503, 971, 0}, 652, 45.5234, -122.6762},
  {"Las Vegas", "NV", 89101, 89183, {702, 725, 0}, 641, 36.1750, -115.1372},
  {"Detroit", "MI", 48201, 48243, {313, 0, 0}, 639, 42.3314, -83.0457},
  {"Memphis", "TN", 38103, 38141, {901, 0, 0}, 633, 35.1495, -90.0490},
  {"Louisville", "KY", 40202, 40299, {502, 0, 0}, 617, 38.2542, -85.7594},
  {"Baltimore", "MD", 21201, 21239, {410, 443, 667}, 586, 39.2904, -76.6122},
  {"Milwaukee", "WI", 53202, 53233, {414, 0, 0}, 577, 43.0389, -87.9065},
  {"Albuquerque", "NM", 87102, 87123, {505, 0, 0}, 564, 35.0845, -106.6511},
  {"Tucson", "AZ", 85701, 85750, {520, 0, 0}, 543, 32.2217, -110.9265},
  {"Fresno", "CA", 93701, 93730, {559, 0, 0}, 542, 36.7477, -119.7724},
  {"Sacramento", "CA", 95811, 95838, {916, 279, 0}, 525, 38.5816, -121.4944},
  {"Kansas City", "MO", 64101, 64158, {816, 0, 0}, 508, 39.0997, -94.5786},
  {"Mesa", "AZ", 85201, 85215, {480, 0, 0}, 504, 33.4223, -111.8226},
  {"Atlanta", "GA", 30303, 30350, {404, 470, 678}, 499, 33.7490, -84.3880},
  {"Omaha", "NE", 68102, 68164, {402, 531, 0}, 486, 41.2563, -95.9404},
  {"Colorado Springs", "CO", 80903, 80951, {719, 0, 0}, 479,
   38.8339, -104.8214},
  {"Long Beach", "CA", 90802, 90815, {562, 0, 0}, 467, 33.7670, -118.1892},
  {"Raleigh", "NC", 27601, 27617, {919, 984, 0}, 467, 35.7721, -78.6386},
  {"Virginia Beach", "VA", 23451, 23464, {757, 948, 0}, 459, 36.8529, -75.9780},
  {"Miami", "FL", 33125, 33196, {305, 786, 0}, 442, 25.7743, -80.1937},
  {"Oakland", "CA", 94601, 94607, {510, 341, 0}, 441, 37.8044, -122.2708},
  {"Minneapolis", "MN", 55401, 55488, {612, 0, 0}, 430, 44.9800, -93.2638},
  {"Tulsa", "OK", 74103, 74137, {918, 539, 0}, 413, 36.1540, -95.9928},
  {"Bakersfield", "CA", 93301, 93314, {661, 0, 0}, 403, 35.3733, -119.0187},
  {"Wichita", "KS", 67202, 67235, {316, 0, 0}, 398, 37.6922, -97.3375},
  {"Arlington", "TX", 76010, 76018, {817, 682, 0}, 394, 32.7357, -97.1081},
  {"Aurora", "CO", 80010, 80019, {303, 720, 0}, 386, 39.7294, -104.8319},
  {"Tampa", "FL", 33602, 33647, {813, 656, 0}, 385, 27.9475, -82.4584},
  {"New Orleans", "LA", 70112, 70131, {504, 0, 0}, 384, 29.9547, -90.0751},
  {"Cleveland", "OH", 44102, 44135, {216, 0, 0}, 373, 41.4995, -81.6954},
  {"Honolulu", "HI", 96813, 96826, {808, 0, 0}, 351, 21.3069, -157.8583},
  {"Anaheim", "CA", 92801, 92808, {714, 657, 0}, 347, 33.8353, -117.9145},
  {"Lexington", "KY", 40502, 40517, {859, 0, 0}, 323, 37.9887, -84.4777},
  {"Stockton", "CA", 95202, 95219, {209, 350, 0}, 321, 37.9577, -121.2908},
  {"Corpus Christi", "TX", 78401, 78418, {361, 0, 0}, 318, 27.8006, -97.3964},
  {"Henderson", "NV", 89011, 89012, {702, 725, 0}, 318, 36.0397, -114.9819},
  {"Riverside", "CA", 92501, 92508, {951, 0, 0}, 315, 33.9534, -117.3962},
  {"Newark", "NJ", 7102, 7108, {973, 862, 0}, 312, 40.7357, -74.1724},
  {"St. Paul", "MN", 55101, 55108, {651, 0, 0}, 312, 44.9444, -93.0933},
  {"Cincinnati", "OH", 45202, 45211, {513, 283, 0}, 309, 39.1271, -84.5144},
  {"Irvine", "CA", 92602, 92604, {949, 0, 0}, 308, 33.6695, -117.8231},
  {"Orlando", "FL", 32801, 32839, {407, 321, 689}, 308, 28.5383, -81.3792},
  {"Pittsburgh", "PA", 15201, 15243, {412, 878, 0}, 303, 40.4406, -79.9959},
  {"St. Louis", "MO", 63101, 63147, {314, 557, 0}, 302, 38.6273, -90.1979},
  {"Greensboro", "NC", 27401, 27410, {336, 743, 0}, 299, 36.0726, -79.7920},
  {"Jersey City", "NJ", 7302, 7311, {201, 551, 0}, 292, 40.7282, -74.0776},
  {"Anchorage", "AK", 99501, 99518, {907, 0, 0}, 291, 61.2181, -149.9003},
  {"Lincoln", "NE", 68502, 68528, {402, 531, 0}, 291, 40.8000, -96.6670},
  {"Plano", "TX", 75023, 75025, {972, 469, 214}, 285, 33.0198, -96.6989},
  {"Durham", "NC", 27701, 27713, {919, 984, 0}, 284, 35.9940, -78.8986},
  {"Buffalo", "NY", 14201, 14216, {716, 624, 0}, 278, 42.8865, -78.8784},
  {"Toledo", "OH", 43604, 43615, {419, 567, 0}, 271, 41.6639, -83.5552},
  {"Madison", "WI", 53703, 53726, {608, 0, 0}, 270, 43.0731, -89.4012},
  {"Fort Wayne", "IN", 46802, 46825, {260, 0, 0}, 264, 41.1306, -85.1289},
  {"Reno", "NV", 89501, 89523, {775, 0, 0}, 264, 39.5296, -119.8138},
  {"St. Petersburg", "FL", 33701, 33716, {727, 0, 0}, 258, 27.7709, -82.6793},
  {"Lubbock", "TX", 79401, 79424, {806, 0, 0}, 257, 33.5779, -101.8552},
  {"Laredo", "TX", 78040, 78046, {956, 0, 0}, 255, 27.5064, -99.5075},
  {"Winston-Salem", "NC", 27101, 27127, {336, 743, 0}, 250, 36.0999, -80.2442},
  {"Scottsdale", "AZ", 85254, 85262, {480, 0, 0}, 241, 33.5092, -111.8990},
  {"Arlington", "VA", 22201, 22209, {703, 571, 0}, 239, 38.8810, -77.1043},
  {"Norfolk", "VA", 23502, 23518, {757, 948, 0}, 238, 36.8468, -76.2852},
  {"Boise", "ID", 83702, 83713, {208, 986, 0}, 236, 43.6135, -116.2035},
  {"Spokane", "WA", 99201, 99205, {509, 0, 0}, 229, 47.6597, -117.4291},
  {"Baton Rouge", "LA", 70801, 70820, {225, 0, 0}, 227, 30.4433, -91.1875},
  {"Richmond", "VA", 23219, 23225, {804, 686, 0}, 227, 37.5538, -77.4603},
  {"Tacoma", "WA", 98402, 98409, {253, 0, 0}, 219, 47.2529, -122.4443},
  {"Huntsville", "AL", 35801, 35816, {256, 938, 0}, 215, 34.7304, -86.5859},
  {"Des Moines", "IA", 50309, 50317, {515, 0, 0}, 214, 41.6005, -93.6091},
  {"Yonkers", "NY", 10701, 10705, {914, 0, 0}, 212, 40.9312, -73.8988},
  {"Rochester", "NY", 14604, 14611, {585, 0, 0}, 211, 43.1548, -77.6156},
  {"Columbus", "GA", 31906, 31909, {706, 762, 0}, 207, 32.4610, -84.9877},
  {"Worcester", "MA", 1602, 1610, {508, 774, 0}, 207, 42.2626, -71.8023},
  {"Little Rock", "AR", 72201, 72227, {501, 0, 0}, 203, 34.7465, -92.2896},
  {"Augusta", "GA", 30901, 30909, {706, 762, 0}, 202, 33.4710, -81.9748},
  {"Birmingham", "AL", 35203, 35235, {205, 659, 0}, 201, 33.5207, -86.8025},
  {"Montgomery", "AL", 36104, 36117, {334, 0, 0}, 201, 32.3668, -86.3000},
  {"Amarillo", "TX", 79101, 79124, {806, 0, 0}, 200, 35.2220, -101.8313},
  {"Salt Lake City", "UT", 84101, 84121, {801, 385, 0}, 200,
   40.7608, -111.8911},
  {"Grand Rapids", "MI", 49503, 49507, {616, 0, 0}, 199, 42.9634, -85.6681},
  {"Overland Park", "KS", 66212, 66214, {913, 0, 0}, 197, 38.9822, -94.6708},
  {"Tallahassee", "FL", 32301, 32317, {850, 448, 0}, 196, 30.4383, -84.2807},
  {"Sioux Falls", "SD", 57103, 57110, {605, 0, 0}, 193, 43.5500, -96.7003},
  {"Knoxville", "TN", 37902, 37938, {865, 0, 0}, 191, 35.9606, -83.9207},
  {"Providence", "RI", 2903, 2909, {401, 0, 0}, 191, 41.8240, -71.4128},
  {"Vancouver", "WA", 98660, 98665, {360, 564, 0}, 191, 45.6387, -122.6615},
  {"Akron", "OH", 44301, 44320, {330, 234, 0}, 190, 41.0814, -81.5190},
  {"Shreveport", "LA", 71101, 71109, {318, 0, 0}, 188, 32.5251, -93.7502},
  {"Fort Lauderdale", "FL", 33301, 33316, {954, 754, 0}, 183,
   26.1223, -80.1434},
  {"Aurora", "IL", 60502, 60506, {630, 331, 0}, 181, 41.7606, -88.3201},
  {"Chattanooga", "TN", 37402, 37421, {423, 0, 0}, 181, 35.0456, -85.3097},
  {"Eugene", "OR", 97401, 97405, {541, 458, 0}, 177, 44.0521, -123.0867},
  {"Salem", "OR", 97301, 97306, {503, 971, 0}, 176, 44.9429, -123.0351},
  {"Fort Collins", "CO", 80521, 80528, {970, 0, 0}, 170, 40.5853, -105.0844},
  {"Springfield", "MO", 65802, 65810, {417, 0, 0}, 169, 37.2153, -93.2982},
  {"Paterson", "NJ", 7501, 7505, {973, 862, 0}, 160, 40.9168, -74.1718},
  {"Macon", "GA", 31201, 31217, {478, 0, 0}, 157, 32.8407, -83.6324},
  {"Springfield", "MA", 1103, 1105, {413, 0, 0}, 156, 42.1015, -72.5898},
  {"Jackson", "MS", 39201, 39207, {601, 769, 0}, 154, 32.2988, -90.1848},
  {"Bellevue", "WA", 98004, 98008, {425, 0, 0}, 152, 47.6104, -122.2007},
  {"Charleston", "SC", 29401, 29403, {843, 854, 0}, 150, 32.7766, -79.9309},
  {"Bridgeport", "CT", 6604, 6610, {203, 475, 0}, 149, 41.1792, -73.1894},
  {"Rockford", "IL", 61101, 61110, {815, 779, 0}, 149, 42.2711, -89.0940},
  {"Syracuse", "NY", 13202, 13210, {315, 680, 0}, 149, 43.0481, -76.1474},
  {"Savannah", "GA", 31401, 31419, {912, 0, 0}, 148, 32.0835, -81.0998},
  {"Cedar Rapids", "IA", 52401, 52411, {319, 0, 0}, 138, 42.0083, -91.6441},
  {"Dayton", "OH", 45402, 45440, {937, 326, 0}, 138, 39.7589, -84.1916},
  {"Waco", "TX", 76701, 76711, {254, 0, 0}, 138, 31.5493, -97.1467},
  {"Columbia", "SC", 29201, 29210, {803, 839, 0}, 137, 34.0007, -81.0348},
  {"Stamford", "CT", 6901, 6907, {203, 475, 0}, 135, 41.0534, -73.5387},
  {"New Haven", "CT", 6510, 6511, {203, 475, 0}, 134, 41.3081, -72.9282},
  {"Midland", "TX", 79701, 79707, {432, 0, 0}, 133, 31.9974, -102.0779},
  {"Topeka", "KS", 66603, 66619, {785, 0, 0}, 127, 39.0483, -95.6780},
  {"Allentown", "PA", 18101, 18104, {610, 484, 0}, 126, 40.6084, -75.4902},
  {"Columbia", "MO", 65201, 65203, {573, 0, 0}, 126, 38.9517, -92.3341},
  {"Fargo", "ND", 58102, 58104, {701, 0, 0}, 126, 46.8772, -96.7898},
  {"Ann Arbor", "MI", 48103, 48109, {734, 0, 0}, 124, 42.2776, -83.7409},
  {"Hartford", "CT", 6103, 6106, {860, 959, 0}, 121, 41.7637, -72.6851},
  {"Rochester", "MN", 55901, 55906, {507, 0, 0}, 121, 44.0216, -92.4699},
  {"Cambridge", "MA", 2138, 2142, {617, 857, 0}, 118, 42.3751, -71.1056},
  {"Billings", "MT", 59101, 59106, {406, 0, 0}, 117, 45.7833, -108.5007},
  {"Evansville", "IN", 47708, 47725, {812, 930, 0}, 117, 37.9748, -87.5559},
  {"West Palm Beach", "FL", 33401, 33407, {561, 0, 0}, 117, 26.7153, -80.0534},
  {"Manchester", "NH", 3101, 3104, {603, 0, 0}, 116, 42.9956, -71.4548},
  {"Provo", "UT", 84601, 84606, {801, 385, 0}, 115, 40.2338, -111.6585},
  {"Wilmington", "NC", 28401, 28412, {910, 472, 0}, 115, 34.2257, -77.9447},
  {"Springfield", "IL", 62701, 62712, {217, 447, 0}, 114, 39.8017, -89.6437},
  {"Lansing", "MI", 48906, 48933, {517, 0, 0}, 113, 42.7325, -84.5555},
  {"Peoria", "IL", 61602, 61607, {309, 861, 0}, 113, 40.6936, -89.5890},
  {"Las Cruces", "NM", 88003, 88007, {575, 0, 0}, 111, 32.3123, -106.7783},
  {"Green Bay", "WI", 54301, 54304, {920, 274, 0}, 107, 44.5192, -88.0198},
  {"South Bend", "IN", 46601, 46637, {574, 0, 0}, 103, 41.6834, -86.2500},
  {"Davenport", "IA", 52801, 52807, {563, 0, 0}, 102, 41.5236, -90.5776},
  {"Kenosha", "WI", 53140, 53144, {262, 0, 0}, 100, 42.5847, -87.8212},
  {"Roanoke", "VA", 24011, 24017, {540, 826, 0}, 100, 37.2710, -79.9414},
  {"Albany", "NY", 12202, 12210, {518, 838, 0}, 99, 42.6526, -73.7562},
  {"Bend", "OR", 97701, 97703, {541, 458, 0}, 99, 44.0582, -121.3153},
  {"Asheville", "NC", 28801, 28806, {828, 0, 0}, 95, 35.6009, -82.5540},
  {"Erie", "PA", 16501, 16511, {814, 582, 0}, 95, 42.1292, -80.0851},
  {"Fayetteville", "AR", 72701, 72704, {479, 0, 0}, 94, 36.0626, -94.1574},
  {"Nashua", "NH", 3060, 3064, {603, 0, 0}, 91, 42.7654, -71.4676},
  {"Trenton", "NJ", 8608, 8611, {609, 640, 0}, 91, 40.2171, -74.7429},
  {"Santa Fe", "NM", 87501, 87508, {505, 0, 0}, 88, 35.6870, -105.9378},
  {"Duluth", "MN", 55802, 55812, {218, 0, 0}, 87, 46.7833, -92.1066},
  {"Ogden", "UT", 84401, 84405, {801, 385, 0}, 87, 41.2230, -111.9738},
  {"Warwick", "RI", 2886, 2889, {401, 0, 0}, 83, 41.7001, -71.4162},
  {"Frederick", "MD", 21701, 21704, {301, 240, 227}, 78, 39.4143, -77.4105},
  {"Flagstaff", "AZ", 86001, 86004, {928, 0, 0}, 77, 35.1981, -111.6513},
  {"Scranton", "PA", 18503, 18505, {570, 272, 0}, 76, 41.4092, -75.6649},
  {"Rapid City", "SD", 57701, 57703, {605, 0, 0}, 75, 44.0805, -103.2310},
  {"Bismarck", "ND", 58501, 58504, {701, 0, 0}, 74, 46.8083, -100.7837},
  {"Gulfport", "MS", 39501, 39507, {228, 0, 0}, 73, 30.3674, -89.0928},
  {"Missoula", "MT", 59801, 59808, {406, 0, 0}, 73, 46.8721, -113.9940},
  {"Bowling Green", "KY", 42101, 42104, {270, 364, 0}, 72, 36.9903, -86.4436},
  {"Greenville", "SC", 29601, 29617, {864, 0, 0}, 71, 34.8526, -82.3940},
  {"Wilmington", "DE", 19801, 19806, {302, 0, 0}, 71, 39.7460, -75.5466},
  {"Portland", "ME", 4101, 4103, {207, 0, 0}, 68, 43.6574, -70.2589},
  {"Rockville", "MD", 20850, 20853, {301, 240, 227}, 67, 39.0840, -77.1528},
  {"Cheyenne", "WY", 82001, 82003, {307, 0, 0}, 65, 41.1400, -104.8203},
  {"Idaho Falls", "ID", 83401, 83406, {208, 986, 0}, 65, 43.4666, -112.0341},
  {"Casper", "WY", 82601, 82609, {307, 0, 0}, 59, 42.8666, -106.3131},
  {"Pensacola", "FL", 32501, 32514, {850, 448, 0}, 54, 30.4213, -87.2169},
  {"Harrisburg", "PA", 17101, 17104, {717, 223, 0}, 50, 40.2737, -76.8844},
  {"Charleston", "WV", 25301, 25314, {304, 681, 0}, 49, 38.3498, -81.6326},
  {"Huntington", "WV", 25701, 25705, {304, 681, 0}, 47, 38.4192, -82.4451},
  {"Burlington", "VT", 5401, 5402, {802, 0, 0}, 45, 44.4759, -73.2121},
  {"Hilo", "HI", 96720, 96720, {808, 0, 0}, 44, 19.7299, -155.0907},
  {"Annapolis", "MD", 21401, 21405, {410, 443, 667}, 41, 38.9786, -76.4918},
  {"Dover", "DE", 19901, 19901, {302, 0, 0}, 39, 39.1582, -75.5244},
  {"Fairbanks", "AK", 99706, 99709, {907, 0, 0}, 33, 64.8378, -147.7164},
  {"Bangor", "ME", 4401, 4401, {207, 0, 0}, 32, 44.8012, -68.7778},
  {"Rutland", "VT", 5701, 5702, {802, 0, 0}, 16, 43.6106, -72.9726},
};

// @returns the integer square root of `n`.
constexpr int64_t isqrt(int64_t n) {
  int64_t x = n, y = (x + 1) / 2;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2;
  }
  return x;
}

// Cumulative weights for choosing a city: the square root of its
// population, so mid-size cities come up often and New York is not half of
// every list.
struct city_weights {
  std::array<int64_t, std::size(city_table)> cumulative{};
  constexpr city_weights() {
    int64_t sum = 0;
    for (size_t i = 0; i < std::size(city_table); ++i)
      cumulative[i] = sum += isqrt(int64_t{city_table[i].population} * 100);
  }
};

constexpr city_weights weights;

constexpr std::string_view street_name_table[] = {
  "Maple",     "Oak",       "Cedar",     "Elm",       "Pine",
  "Washington", "Lincoln",  "Jefferson", "Madison",   "Franklin",
  "Park",      "Lake",      "Hill",      "River",     "Main",
  "Market",    "Church",    "Spring",    "Highland",  "Sunset",
  "Ridgeview", "Meadow",    "Willow",    "Chestnut",  "Walnut",
  "Commerce",  "Industrial", "Harbor",   "Mill",      "Union",
  "College",   "Center",    "Forest",    "Prospect",  "Grand",
};

constexpr std::string_view street_kind_table[] = {
  "Street", "Avenue", "Boulevard", "Road", "Drive", "Parkway", "Way",
  "Lane",   "Court",  "Place",
};

// Place names are a first part and an ending, as American towns, parks
// and subdivisions are named: "Fox Hollow", "Cedar Ridge", "Oakwood".
constexpr std::string_view place_first_table[] = {
  "Cedar",   "Oak",     "Maple",   "Pine",    "Willow",  "Birch",
  "Elm",     "Aspen",   "Stone",   "Silver",  "Red",     "Blue",
  "Green",   "Fair",    "Glen",    "Spring",  "Rock",    "Fox",
  "Deer",    "Eagle",   "Hawk",    "Bear",    "Iron",    "Gold",
  "Crystal", "Sun",     "North",   "South",   "East",    "West",
  "Lake",    "River",   "Brook",   "Bay",     "Harbor",  "Mill",
  "Forest",  "High",    "Clear",   "Ash",     "Summer",  "Cherry",
  "Walnut",  "Chestnut", "Laurel", "Magnolia", "Cypress", "Sandy",
  "Copper",  "Granite", "Prairie", "Meadow",  "Pleasant", "Shady",
  "Grand",   "Liberty", "Heritage", "Pioneer", "Windsor", "Kings",
  "Quail",   "Heron",   "Falcon",  "Elk",     "Hickory", "Sycamore",
  "Juniper", "Mesa",    "Canyon",  "Pebble",
};

// Endings written as one word with the first part ("Oakwood").
constexpr std::string_view place_joined_table[] = {
  "wood", "field", "brook", "dale", "view", "crest", "ford", "port",
  "haven", "gate", "land", "side", "vale", "mont", "ridge",
};

// Endings written as a word of their own ("Cedar Ridge").
constexpr std::string_view place_apart_table[] = {
  "Ridge",    "Creek",  "Valley",  "Hills",   "Springs", "Falls",
  "Heights",  "Meadows", "Park",   "Point",   "Grove",   "Hollow",
  "Lakes",    "Bay",    "Crossing", "Bend",   "Bluff",   "Glen",
  "Harbor",   "Landing", "Pines",  "Oaks",    "Trace",   "Run",
  "Commons",  "Station",
};

// @returns `x` in lower case, for comparing the parts of a name.
std::string lowered(std::string_view x) {
  std::string out{x};
  for (auto& c : out)
    c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

} // namespace

const std::span<const city> cities{city_table};
const words street_names{street_name_table};
const words street_kinds{street_kind_table};

const city& pick_city(rng& r) {
  // Draw a person of the total population and find their city.
  auto& cum = weights.cumulative;
  auto u = int64_t(r.below(uint64_t(cum.back())));
  auto it = std::upper_bound(cum.begin(), cum.end(), u);
  return city_table[size_t(it - cum.begin())];
}

std::string make_place(rng& r) {
  // A first part and an ending that do not repeat each other ("Lake
  // Lakes", "Brookbrook"); about a third as one word.
  std::string_view first, ending;
  bool joined = false;
  for (int attempt = 0; attempt < 8; ++attempt) {
    first = r.pick(std::span<const std::string_view>{place_first_table});
    joined = r.chance(0.35);
    ending = joined ? r.pick(std::span<const std::string_view>{
                        place_joined_table})
                    : r.pick(std::span<const std::string_view>{
                        place_apart_table});
    auto a = lowered(first);
    auto b = lowered(ending);
    if (!a.starts_with(b.substr(0, 4)) && !b.starts_with(a.substr(0, 4)))
      break;
  }
  std::string out{first};
  if (!joined)
    out.push_back(' ');
  out.append(ending);
  return out;
}

int pick_area_code(const city& c, rng& r) {
  // Only the slots in use.
  size_t n = c.area_codes[2] ? 3 : c.area_codes[1] ? 2 : 1;
  return c.area_codes[r.below(n)];
}

} // namespace dbu::gen::vocab
