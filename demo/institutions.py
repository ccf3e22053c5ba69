"""Where demo graduates live, studied and worked: cities, universities and employers by country.

The universities are real institutions of each country, named as graduates write them on a CV;
the demo data only claims that a fictional graduate studied there. The employers are made up.
"""

CITIES: dict[str, tuple[str, ...]] = {
    "VN": ("Hanoi", "Ho Chi Minh City", "Da Nang", "Hai Phong", "Bac Ninh", "Binh Duong", "Hue"),
    "ID": ("Jakarta", "Bandung", "Surabaya", "Yogyakarta", "Semarang", "Batam", "Bekasi"),
    "PH": ("Manila", "Quezon City", "Cebu City", "Davao City", "Batangas City", "Santa Rosa"),
    "TH": ("Bangkok", "Chonburi", "Rayong", "Chiang Mai", "Khon Kaen", "Nakhon Ratchasima"),
    "MY": ("Kuala Lumpur", "Penang", "Johor Bahru", "Shah Alam", "Ipoh", "Kuching", "Kulim"),
    "MM": ("Yangon", "Mandalay", "Naypyidaw", "Bago", "Mawlamyine"),
    "KH": ("Phnom Penh", "Siem Reap", "Battambang", "Sihanoukville"),
    "LA": ("Vientiane", "Luang Prabang", "Pakse", "Savannakhet"),
    "SG": ("Singapore",),
    "BN": ("Bandar Seri Begawan", "Kuala Belait", "Seria", "Tutong"),
    "TL": ("Dili", "Baucau", "Maliana"),
}

# Universities, then (after "|") polytechnics and colleges for diplomas and associate degrees.
_UNIVERSITY_TABLE = """
VN: Hanoi University of Science and Technology; Ho Chi Minh City University of Technology;
  VNU University of Engineering and Technology; University of Science and Technology - The
  University of Da Nang; Can Tho University; Posts and Telecommunications Institute of Technology;
  Ho Chi Minh City University of Technology and Education; Vietnam Maritime University
  | Cao Thang Technical College; Ly Tu Trong College
ID: Institut Teknologi Bandung; Universitas Indonesia; Institut Teknologi Sepuluh Nopember;
  Universitas Gadjah Mada; Universitas Brawijaya; Universitas Diponegoro
  | Politeknik Negeri Bandung; Politeknik Elektronika Negeri Surabaya; Politeknik Negeri Batam
PH: University of the Philippines Diliman; Mapua University; De La Salle University; University of
  Santo Tomas; Technological Institute of the Philippines; Batangas State University; University
  of San Carlos; MSU-Iligan Institute of Technology
  | Technological University of the Philippines; Don Bosco Technical College
TH: Chulalongkorn University; King Mongkut's University of Technology Thonburi; King Mongkut's
  Institute of Technology Ladkrabang; Kasetsart University; Chiang Mai University; Khon Kaen
  University; Prince of Songkla University; Suranaree University of Technology
  | Rajamangala University of Technology Thanyaburi; Rajamangala University of Technology Isan
MY: Universiti Teknologi Malaysia; Universiti Malaya; Universiti Sains Malaysia; Universiti
  Kebangsaan Malaysia; Universiti Putra Malaysia; Universiti Teknologi PETRONAS; Multimedia
  University | Politeknik Ungku Omar; Politeknik Seberang Perai
MM: Yangon Technological University; Mandalay Technological University; University of Computer
  Studies, Yangon; West Yangon Technological University; Myanmar Maritime University
  | Government Technical Institute (Insein); Technological University (Thanlyin)
KH: Institute of Technology of Cambodia; Royal University of Phnom Penh; Norton University
  | National Polytechnic Institute of Cambodia; Preah Kossomak Polytechnic Institute
LA: National University of Laos; Souphanouvong University; Champasack University
  | Pakpasak Technical College; Lao-German Technical College
SG: National University of Singapore; Nanyang Technological University; Singapore University of
  Technology and Design; Singapore Institute of Technology | Singapore Polytechnic; Ngee Ann
  Polytechnic; Temasek Polytechnic
BN: Universiti Brunei Darussalam; Universiti Teknologi Brunei | Politeknik Brunei
TL: Universidade Nacional Timor Lorosa'e; Dili Institute of Technology; Universidade da Paz
  | Dili Institute of Technology
"""


def _university_lists(table: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Parse the table: a line starting "XX:" opens a country, indented lines continue it."""
    blocks: dict[str, str] = {}
    country = ""
    for line in table.strip().splitlines():
        if not line.startswith(" "):
            country, line = line.split(":", 1)
        blocks[country] = f"{blocks.get(country, '')} {line.strip()}"
    lists = {}
    for code, text in blocks.items():
        degree_part, college_part = text.split("|")
        lists[code] = (_items(degree_part), _items(college_part))
    return lists


def _items(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip() not in ("", "-"))


UNIVERSITIES = _university_lists(_UNIVERSITY_TABLE)

# Korean universities where ASEAN graduates take master's degrees, with their cities.
KOREAN_UNIVERSITIES: dict[str, str] = {
    "KAIST": "Daejeon",
    "POSTECH": "Pohang",
    "UNIST": "Ulsan",
    "Sungkyunkwan University": "Suwon",
    "Hanyang University": "Seoul",
    "Pusan National University": "Busan",
    "Chungbuk National University": "Cheongju",
    "Kyungpook National University": "Daegu",
    "Inha University": "Incheon",
    "Korea University": "Seoul",
    "Seoul National University": "Seoul",
    "Chonnam National University": "Gwangju",
    "Changwon National University": "Changwon",
}


# Programme names by ISCED-F field code; a field not listed uses its own name.
PROGRAMMES: dict[str, tuple[str, ...]] = {
    "0714": (
        "Electronics and Telecommunications Engineering",
        "Mechatronics",
        "Control and Automation",
    ),
    "0713": ("Electrical Engineering", "Electrical Power Engineering"),
    "0715": ("Mechanical Engineering", "Manufacturing Engineering"),
    "0716": ("Naval Architecture and Marine Engineering", "Automotive Engineering"),
    "0711": ("Chemical Engineering", "Chemical Process Engineering"),
    "0722": ("Materials Science and Engineering", "Polymer Engineering"),
    "0613": ("Computer Science", "Software Engineering", "Information Technology"),
    "0612": ("Information Systems", "Computer Networks and Security"),
    "061": ("Information Technology", "Computer Science"),
    "0533": ("Applied Physics", "Engineering Physics"),
    "0531": ("Chemistry", "Applied Chemistry"),
    "0541": ("Mathematics", "Applied Mathematics"),
    "0542": ("Statistics", "Data Science"),
    "0712": ("Environmental Engineering",),
    "0732": ("Civil Engineering",),
    "071": ("Industrial Engineering", "Engineering"),
    "072": ("Industrial and Production Engineering",),
}

DEGREE_PREFIX: dict[str, str] = {
    "diploma": "Diploma in",
    "associate": "Associate Degree in",
    "bachelor": "B.Eng.",
    "master": "M.Eng.",
    "doctorate": "Ph.D.",
}

# How a company's legal form is written in each country: (before the name, after it).
COMPANY_FORMS: dict[str, tuple[str, str]] = {
    "VN": ("", "Co., Ltd."),
    "ID": ("PT", ""),
    "PH": ("", "Inc."),
    "TH": ("", "Co., Ltd."),
    "MY": ("", "Sdn. Bhd."),
    "MM": ("", "Co., Ltd."),
    "KH": ("", "Co., Ltd."),
    "LA": ("", "Sole Co., Ltd."),
    "SG": ("", "Pte. Ltd."),
    "BN": ("", "Sdn. Bhd."),
    "TL": ("", "Lda."),
}

INDUSTRY_TRADE_NAMES: dict[str, tuple[str, ...]] = {
    "semiconductors": ("Semiconductor", "Microelectronics", "Wafer Services"),
    "electronics": ("Electronics", "Electronic Components", "Circuit Technology"),
    "display": ("Display Components", "Optoelectronics"),
    "batteries": ("Battery Technology", "Energy Materials"),
    "automotive": ("Auto Parts", "Automotive Components"),
    "shipbuilding": ("Shipyard", "Marine Engineering"),
    "machinery": ("Precision Engineering", "Industrial Machinery"),
    "chemicals": ("Chemical", "Polymer Industries"),
    "energy": ("Power Engineering", "Solar Energy"),
    "software": ("Software", "Digital Solutions", "IT Services"),
}


def company_name(*, country: str, place: str, trade: str) -> str:
    """A company name in the country's usual legal form: "PT Bandung Electronics"."""
    before, after = COMPANY_FORMS[country]
    return " ".join(part for part in (before, place, trade, after) if part)
