"""The demo training catalogue: providers and their courses, with the taxonomy skills each teaches.

The colleges, institutes and universities are fictional. The two real programmes, the Global Korea
Scholarship (run by NIIED for the Ministry of Education) and the KOICA Scholarship Program, are
described only with what their public guidelines say; amounts and dates change every year, so the
descriptions point to the official sites instead of quoting them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProviderEntry:
    key: str
    name: str
    kind: str
    country: str
    city: str


@dataclass(frozen=True)
class CourseEntry:
    provider: str
    title: str
    kind: str
    hours: int | None
    cost_usd: int
    funding: str
    mode: str
    topik_target: int | None
    skills: tuple[tuple[str, int], ...]


# key | name | kind | country | city
_PROVIDER_TABLE = """
bacninh | Bac Ninh Vietnam-Korea Technical College | technical_college | VN | Bac Ninh
binhduong | Binh Duong Vietnam-Korea Vocational College | technical_college | VN | Thu Dau Mot
batam | Batam Indonesia-Korea Industrial Training Centre | training_centre | ID | Batam
penang | Penang Advanced Manufacturing Skills Centre | training_centre | MY | Bayan Lepas
rayong | Rayong Thai-Korean Industrial Skills Institute | technical_college | TH | Rayong
yangon | Yangon Korea Technical Training Centre | training_centre | MM | Yangon
phnompenh | Phnom Penh Cambodia-Korea Vocational Institute | technical_college | KH | Phnom Penh
hanoi-ko | Hangeul Bridge Korean Language Academy | language_institute | VN | Hanoi
jakarta-ko | Jakarta Hangeul Korean Language Institute | language_institute | ID | Jakarta
manila-ko | Manila Korean Language and Culture Centre | language_institute | PH | Manila
busan-ko | Busan Global Korean Language Institute | language_institute | KR | Busan
osong | Osong Graduate School of Semiconductor Engineering | university | KR | Cheongju
daedeok | Daedeok Institute of Science and Technology | university | KR | Daejeon
gyeongnam | Gyeongnam Maritime and Mobility University | university | KR | Changwon
niied | Global Korea Scholarship (NIIED) | scholarship_programme | KR |
koica | KOICA Scholarship Program | scholarship_programme | KR |
"""

# provider | title
#   kind | hours ("-" where not counted) | cost (USD) | funding | mode [| TOPIK target]
#   skills taught, as "slug level" pairs
_COURSE_TABLE = """
bacninh | Semiconductor Equipment Maintenance Technician
  vocational | 480 | 0 | koica | in_person
  semiconductor-equipment-maintenance 3, vacuum-technology 2, cleanroom-protocols 3,
  plc-programming 2
bacninh | PLC and Factory Automation
  vocational | 320 | 350 | self_paid | in_person
  plc-programming 3, sequence-control 3, hmi-programming 2, industrial-networks 2
bacninh | SMT Line Operation and PCB Assembly
  vocational | 240 | 0 | oda | in_person
  smt-assembly 3, soldering-rework 3, electronic-test-equipment 2
bacninh | Cleanroom Practice and Fab Safety
  vocational | 80 | 120 | self_paid | blended
  cleanroom-protocols 3, gas-chemical-safety-fab 2, occupational-safety 2
binhduong | CNC Machining and CAM Programming
  vocational | 400 | 450 | self_paid | in_person
  cnc-machining 3, g-code 3, cam-programming 2, technical-drawing 2, metrology-cmm 2
binhduong | Industrial Electrical Installation
  vocational | 360 | 0 | oda | in_person
  electrical-installation-design 2, electrical-safety 3, electrical-machines 2
binhduong | Welding Certification Preparation (GTAW and SMAW)
  vocational | 300 | 280 | self_paid | in_person
  welding 3, gtaw-tig 3, smaw 3, welding-inspection 2
binhduong | Quality Control and Six Sigma Basics
  vocational | 60 | 150 | employer | blended
  statistical-process-control 2, six-sigma 2, minitab 2, root-cause-analysis 2
batam | Shipbuilding Welding and Fitting
  vocational | 480 | 0 | koica | in_person
  welding 3, gmaw-fcaw 3, hull-block-construction 2, welding-craftsman-licence 2
batam | Marine Electrical Systems
  vocational | 280 | 300 | self_paid | in_person
  ship-electrical-design 2, electrical-installation-design 2, electrical-safety 3
batam | Ship Piping and Outfitting
  vocational | 240 | 260 | self_paid | in_person
  outfitting-design 2, piping-design 2, technical-drawing 2
batam | Industrial Maintenance Mechanics
  vocational | 320 | 0 | free | in_person
  equipment-maintenance 3, hydraulics-pneumatics 2, root-cause-analysis 2
penang | Semiconductor Test Engineering
  vocational | 200 | 900 | employer | in_person
  semiconductor-test-engineering 3, ate-test-programming 2, wafer-probe-test 2, test-data-analysis 2
penang | Wafer Fab Process Fundamentals
  vocational | 120 | 750 | self_paid | blended
  semiconductor-fabrication-process 2, photolithography 2, dry-etching 2, thin-film-deposition 2
penang | Embedded C for Microcontrollers
  vocational | 100 | 450 | self_paid | blended
  embedded-c 3, microcontroller-programming 3, serial-protocols 2, arm-cortex 2
penang | Industrial IoT and MES
  vocational | 80 | 600 | employer | online
  manufacturing-execution-systems 2, iot-development 2, smart-factory 2, sql 2
rayong | EV Battery Assembly and Safety
  vocational | 240 | 0 | oda | in_person
  battery-line-operation 3, cell-assembly 2, battery-safety 3, dry-room-operations 2
rayong | Automotive Electrical and Electronic Systems
  vocational | 300 | 320 | self_paid | in_person
  automotive-electronics 2, can-bus 2, vehicle-maintenance 3
rayong | Industrial Robot Programming
  vocational | 160 | 500 | self_paid | in_person
  industrial-robotics 3, motion-control 2, collaborative-robots 2
rayong | Process Plant Operation for Petrochemicals
  vocational | 280 | 0 | employer | in_person
  petrochemical-processes 2, process-control-dcs 2, process-safety-management 3, unit-operations 2
yangon | Electrical Technician Programme
  vocational | 360 | 0 | koica | in_person
  electrical-installation-design 2, electrical-safety 3, circuit-analysis 2
yangon | Computer Networking Essentials
  vocational | 160 | 90 | self_paid | blended
  computer-networking 3, network-administration 2, linux-administration 2, ccna 2
phnompenh | Solar PV Installation and Maintenance
  vocational | 240 | 0 | koica | in_person
  solar-pv 3, electrical-safety 3, energy-storage-systems 2
phnompenh | Software Development Bootcamp (Python and Web)
  vocational | 480 | 0 | oda | blended
  python 3, javascript 2, sql 2, git 3, rest-api-design 2
daedeok | Python for Data Analysis
  vocational | 40 | 0 | free | online
  python 3, pandas-numpy 3, data-visualisation 2, jupyter 3
daedeok | Machine Learning Foundations
  vocational | 60 | 200 | self_paid | online
  machine-learning 3, scikit-learn 3, statistics 2, math-for-ml 2
daedeok | Cloud and DevOps Fundamentals
  vocational | 60 | 250 | self_paid | online
  cloud-computing 2, docker 3, kubernetes 2, ci-cd 2, linux-administration 2
hanoi-ko | Korean for Beginners
  korean_language | 150 | 180 | self_paid | in_person | 1
  korean-basic 1, korean-workplace-culture 1
hanoi-ko | Korean Elementary II
  korean_language | 150 | 180 | self_paid | in_person | 2
  korean-basic 2, korean-workplace-culture 2
hanoi-ko | TOPIK II Intensive
  korean_language | 200 | 260 | self_paid | in_person | 3
  korean-workplace 2, technical-korean-reading 1
hanoi-ko | Business Korean for Engineers
  korean_language | 120 | 300 | employer | blended | 4
  korean-workplace 3, korean-business-writing 2, korean-workplace-culture 3
hanoi-ko | Online Korean for Beginners
  korean_language | 60 | 0 | free | online | 1
  korean-basic 1, korean-workplace-culture 1
jakarta-ko | Korean Basics
  korean_language | 120 | 150 | self_paid | in_person | 1
  korean-basic 1, korean-workplace-culture 1
jakarta-ko | TOPIK I Preparation
  korean_language | 120 | 170 | self_paid | blended | 2
  korean-basic 2, korean-workplace-culture 1
jakarta-ko | TOPIK II Preparation
  korean_language | 180 | 240 | self_paid | in_person | 4
  korean-workplace 3, technical-korean-reading 2
manila-ko | Korean Language Level 1
  korean_language | 100 | 120 | self_paid | in_person | 1
  korean-basic 1, korean-workplace-culture 1
manila-ko | Korean Language Level 2
  korean_language | 100 | 120 | self_paid | in_person | 2
  korean-basic 2, korean-workplace-culture 1
manila-ko | Workplace Korean for Technicians
  korean_language | 120 | 0 | oda | in_person | 3
  korean-workplace 2, korean-workplace-culture 2, technical-korean-reading 1
busan-ko | Korean Language Programme, Levels 1-2
  korean_language | 400 | 1400 | self_paid | in_person | 2
  korean-basic 2, korean-workplace-culture 2
busan-ko | Korean Language Programme, Levels 3-4
  korean_language | 400 | 1400 | self_paid | in_person | 4
  korean-workplace 3, korean-business-writing 2
busan-ko | Advanced Korean and TOPIK 5 Preparation
  korean_language | 200 | 900 | self_paid | in_person | 5
  business-korean 3, korean-business-writing 3, technical-korean-reading 3
yangon | Korean for Industrial Workplaces
  korean_language | 150 | 0 | koica | in_person | 2
  korean-basic 2, korean-workplace-culture 2
phnompenh | Korean for Technicians
  korean_language | 150 | 0 | koica | in_person | 2
  korean-basic 2, korean-workplace-culture 2
osong | M.Eng. Semiconductor Process Engineering
  degree | - | 9800 | self_paid | in_person
  semiconductor-fabrication-process 4, process-integration 3, thin-film-deposition 3,
  yield-enhancement 3
osong | M.Eng. Semiconductor Equipment and Metrology
  degree | - | 9800 | self_paid | in_person
  semiconductor-equipment-maintenance 4, defect-inspection-metrology 3, vacuum-technology 3,
  plasma-physics 3
osong | M.Eng. Semiconductor Packaging and Test
  degree | - | 9800 | self_paid | in_person
  advanced-packaging 3, semiconductor-packaging 4, failure-analysis 3, test-data-analysis 3
daedeok | M.S. Battery and Energy Materials
  degree | - | 10400 | self_paid | in_person
  electrochemistry 4, cathode-materials 3, anode-materials 3, battery-testing 3, eis-analysis 3
daedeok | M.S. Artificial Intelligence and Data Science
  degree | - | 10400 | self_paid | in_person
  machine-learning 4, deep-learning 3, pytorch 3, statistics 3, data-engineering 2
daedeok | M.S. Embedded and Intelligent Systems
  degree | - | 10400 | self_paid | in_person
  embedded-linux 3, rtos 3, edge-ai 3, firmware-development 3
gyeongnam | M.Eng. Naval Architecture and Ocean Engineering
  degree | - | 8600 | self_paid | in_person
  naval-architecture 4, hull-structural-design 3, ship-hydrodynamics 3, finite-element-analysis 3
gyeongnam | M.Eng. Electric Vehicle Systems
  degree | - | 8600 | self_paid | in_person
  ev-powertrain 3, motor-control 3, battery-management-systems 3, model-based-design 3
gyeongnam | M.Eng. Smart Manufacturing and Robotics
  degree | - | 8600 | self_paid | in_person
  smart-factory 3, industrial-robotics 3, digital-twin 3, plc-programming 3
gyeongnam | M.Eng. Welding and Joining Engineering
  degree | - | 8600 | self_paid | in_person
  welding 4, automated-welding 3, welding-inspection 3, metallurgy 3, non-destructive-testing 3
niied | GKS Graduate Scholarship: Embassy Track (Master's)
  scholarship | - | 0 | scholarship | in_person
  korean-workplace 3, korean-workplace-culture 3, technical-korean-reading 2
niied | GKS Graduate Scholarship: University Track (Master's)
  scholarship | - | 0 | scholarship | in_person
  korean-workplace 3, korean-workplace-culture 3, technical-korean-reading 2
koica | KOICA Scholarship Program: Master's for Public-Sector Engineers
  scholarship | - | 0 | koica | in_person
  project-management 3, korean-workplace-culture 2, english-professional 3
osong | Hanbit Semitech Semiconductor Talent Scholarship
  scholarship | - | 0 | employer | in_person
  semiconductor-fabrication-process 3, semiconductor-equipment-maintenance 3, korean-workplace 3
gyeongnam | ASEAN Shipbuilding Engineering Fellowship
  scholarship | - | 0 | scholarship | in_person
  naval-architecture 3, ship-production-planning 3, class-rules 2
daedeok | International Graduate Research Fellowship
  scholarship | - | 0 | scholarship | in_person
  technical-writing-english 3, statistics 3, project-management 2
busan-ko | Korean Language Study Scholarship (One Semester)
  scholarship | 200 | 0 | scholarship | in_person
  korean-basic 2, korean-workplace-culture 2
penang | CMP, Etch and Plasma Process Practice
  vocational | 120 | 650 | employer | blended
  chemical-mechanical-planarization 2, plasma-physics 2, wet-etching-cleaning 2, dry-etching 3
bacninh | OLED Display Process Fundamentals
  vocational | 160 | 400 | self_paid | in_person
  display-technology 3, oled-technology 3, tft-backplane 2, oled-evaporation 2,
  thin-film-encapsulation 2
osong | Ph.D. Semiconductor Engineering
  degree | - | 14400 | self_paid | in_person
  semiconductor-fabrication-process 5, process-integration 4, semiconductor-device-physics 4
"""


def _rows(table: str) -> list[list[str]]:
    """Group a table's lines: an unindented line opens a row, indented lines continue it."""
    rows: list[list[str]] = []
    for line in table.strip().splitlines():
        if line.startswith(" "):
            rows[-1].append(line.strip())
        else:
            rows.append([line.strip()])
    return rows


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|")]


def _provider_entries() -> tuple[ProviderEntry, ...]:
    return tuple(ProviderEntry(*_cells(row[0])) for row in _rows(_PROVIDER_TABLE))


def _course_entries() -> tuple[CourseEntry, ...]:
    entries = []
    for row in _rows(_COURSE_TABLE):
        provider, title = _cells(row[0])
        kind, hours, cost, funding, mode, *topik = _cells(row[1])
        pairs = (pair.split() for pair in " ".join(row[2:]).split(","))
        entries.append(
            CourseEntry(
                provider=provider,
                title=title,
                kind=kind,
                hours=None if hours == "-" else int(hours),
                cost_usd=int(cost),
                funding=funding,
                mode=mode,
                topik_target=int(topik[0]) if topik else None,
                skills=tuple((slug, int(level)) for slug, level in pairs),
            )
        )
    return tuple(entries)


PROVIDERS: tuple[ProviderEntry, ...] = _provider_entries()
COURSES: tuple[CourseEntry, ...] = _course_entries()
