"""The words around the demo's training catalogue (its rows are in demo.courses): degree
programmes and scholarships (degree, field, who may apply), instruction languages, provider
websites and descriptions, and course texts."""

# Degree programmes and degree scholarships, by title: the degree (master / doctorate) and the
# ISCED-F field ("" = any field).
DEGREE_TERMS: dict[str, tuple[str, str]] = {
    "M.Eng. Semiconductor Process Engineering": ("master", "0714"),
    "M.Eng. Semiconductor Equipment and Metrology": ("master", "0714"),
    "M.Eng. Semiconductor Packaging and Test": ("master", "0714"),
    "M.S. Battery and Energy Materials": ("master", "0711"),
    "M.S. Artificial Intelligence and Data Science": ("master", "0613"),
    "M.S. Embedded and Intelligent Systems": ("master", "0714"),
    "M.Eng. Naval Architecture and Ocean Engineering": ("master", "0716"),
    "M.Eng. Electric Vehicle Systems": ("master", "0716"),
    "M.Eng. Smart Manufacturing and Robotics": ("master", "0714"),
    "M.Eng. Welding and Joining Engineering": ("master", "0715"),
    "Ph.D. Semiconductor Engineering": ("doctorate", "0714"),
    "GKS Graduate Scholarship: Embassy Track (Master's)": ("master", ""),
    "GKS Graduate Scholarship: University Track (Master's)": ("master", ""),
    "KOICA Scholarship Program: Master's for Public-Sector Engineers": ("master", ""),
    "Hanbit Semitech Semiconductor Talent Scholarship": ("master", "0714"),
    "ASEAN Shipbuilding Engineering Fellowship": ("master", "0716"),
    "International Graduate Research Fellowship": ("doctorate", ""),
}
ASEAN_ONLY = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL")
# Scholarships: who may apply (text), nationalities (empty = any) and the maximum age.
SCHOLARSHIP_TERMS: dict[str, tuple[str, tuple[str, ...], int | None]] = {
    "GKS Graduate Scholarship: Embassy Track (Master's)": (
        "International students who are not Korean citizens (nor are their parents), under 40, "
        "with a bachelor's degree by arrival and a GPA of 80% or more.",
        (),
        39,
    ),
    "GKS Graduate Scholarship: University Track (Master's)": (
        "International students who are not Korean citizens (nor are their parents), under 40, "
        "with a bachelor's degree by arrival and a GPA of 80% or more.",
        (),
        39,
    ),
    "KOICA Scholarship Program: Master's for Public-Sector Engineers": (
        "Public officials and public-sector professionals nominated by the government of a "
        "KOICA partner country.",
        (),
        None,
    ),
    "Hanbit Semitech Semiconductor Talent Scholarship": (
        "ASEAN nationals admitted to a semiconductor master's programme at Osong, with a "
        "bachelor's in electronics or a related field; a work commitment with the sponsor.",
        ASEAN_ONLY,
        35,
    ),
    "ASEAN Shipbuilding Engineering Fellowship": (
        "ASEAN nationals with a bachelor's in naval architecture, marine or mechanical "
        "engineering, admitted to the naval architecture master's programme.",
        ASEAN_ONLY,
        None,
    ),
    "International Graduate Research Fellowship": (
        "International doctoral students in any science or engineering field, with a master's "
        "degree and a supervisor's support.",
        (),
        None,
    ),
    "Korean Language Study Scholarship (One Semester)": (
        "ASEAN nationals who have passed TOPIK level 1 and plan to study or work in Korea.",
        ASEAN_ONLY,
        None,
    ),
}

INSTRUCTION_LANGUAGES: dict[str, str] = {
    "VN": "Vietnamese",
    "ID": "Indonesian",
    "TH": "Thai",
    "MM": "Burmese",
    "KH": "Khmer",
}
PROVIDER_WEBSITES: dict[str, str] = {
    "niied": "https://www.studyinkorea.go.kr",
    "koica": "https://www.koica.go.kr",
}
PROVIDER_DESCRIPTIONS: dict[str, str] = {
    "technical_college": (
        "A technical college in {city} that trains technicians for Korean-invested factories in "
        "its region, with workshops laid out like the production lines its graduates join."
    ),
    "training_centre": (
        "An industrial training centre in {city} running short, hands-on courses designed with "
        "the manufacturers around it."
    ),
    "language_institute": (
        "A Korean-language school in {city} preparing learners for TOPIK and for daily life and "
        "work in Korea."
    ),
    "university": (
        "A graduate school in {city}, Korea, with English-taught master's programmes and "
        "research labs working with industry."
    ),
    "niied": (
        "The Global Korea Scholarship (GKS) is the Korean government's scholarship for "
        "international students, administered by the National Institute for International "
        "Education (NIIED) under the Ministry of Education. It funds undergraduate and graduate "
        "degrees at Korean universities. Quotas, allowances and deadlines change every year: see "
        "the current guidelines on studyinkorea.go.kr."
    ),
    "koica": (
        "KOICA, the Korea International Cooperation Agency, runs Korea's grant aid. Its "
        "scholarship programme funds master's study at Korean universities for public "
        "officials and professionals from partner countries, nominated by their government."
    ),
}
COURSE_TEXTS: dict[str, tuple[str, str]] = {
    "niied": (
        "Fully funded master's study at a Korean university under the Global Korea Scholarship. "
        "The scholarship covers airfare, tuition, a monthly living allowance, a settlement "
        "allowance and medical insurance, and starts with one year of Korean-language training, "
        "which scholars with TOPIK level 5 or higher may skip. {track}",
        "Neither the applicant nor their parents hold Korean citizenship; under 40 at the start "
        "of the programme; a bachelor's degree by the time of arrival; a cumulative GPA of at "
        "least 80% or its equivalent. The criteria are revised every year: read the current "
        "NIIED guidelines before applying.",
    ),
    "koica": (
        "A fully funded master's programme at a Korean university, paid for by KOICA as part of "
        "Korea's official development assistance, covering tuition, airfare, accommodation and "
        "a living allowance.",
        "Nomination by the government or public organisation the candidate works for, a "
        "bachelor's degree and usually some years of public-sector experience; English good "
        "enough for graduate study. Each programme publishes its own criteria.",
    ),
}
GKS_TRACKS: dict[str, str] = {
    "Embassy Track": "Embassy track: apply through the Korean embassy in your country.",
    "University Track": "University track: apply directly to a participating Korean university.",
}
