"""The demo employers: fictional Korean companies, placed where their industries really cluster.

Chips in Gyeonggi (Icheon, Pyeongtaek, Hwaseong, Yongin) and North Chungcheong (Cheongju);
displays in Paju and Asan; batteries in Ochang, Ulsan, Pohang and Saemangeum; ships in Ulsan,
Geoje, Busan and Yeongam; cars in Ulsan, Hwaseong and Gwangju; machinery in Changwon, Ansan,
Incheon and Daegu; petrochemicals in Yeosu, Daesan and Onsan; software in Pangyo and Seoul. The
names are made up; the business registration numbers are computed, not looked up, and any match
with a real one is chance.
"""

from dataclasses import dataclass

from employers.validators import brn_check_digit


@dataclass(frozen=True)
class EmployerEntry:
    name: str
    name_ko: str
    industry: str
    size_class: str
    region: str
    city: str
    pending: bool = False

    @property
    def town(self) -> str:
        """The city a job there is in, as job seekers know it: "Icheon" for Icheon-si,
        "Eumseong" for Eumseong-gun, the metropolitan city itself ("Ulsan") for its districts."""
        if self.region in _METROPOLITAN_REGIONS:
            return self.region.capitalize()
        return self.city.removesuffix("-si").removesuffix("-gun")

    @property
    def email_domain(self) -> str:
        """A domain under the reserved .example top-level domain (RFC 2606)."""
        return self.name.lower().replace(" & ", "-").replace(" ", "-") + ".example"


# Special and metropolitan cities: a site's district or county is in the city of that name.
_METROPOLITAN_REGIONS = frozenset(
    {"seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "sejong"}
)

# One company a line: name | Korean name | industry | size class | region | city [| pending].
# The first line is the demo employer's company (the demo employer member owns it).
_EMPLOYER_TABLE = """
Hanbit Semitech | 한빛세미텍 | semiconductors | mid | gyeonggi | Icheon-si
Daon Precision Semiconductor | 다온정밀반도체 | semiconductors | large | gyeonggi | Pyeongtaek-si
Nuri Lithotech | 누리리소텍 | semiconductors | sme | gyeonggi | Hwaseong-si
Cheongju Microdevice | 청주마이크로디바이스 | semiconductors | mid | chungbuk | Cheongju-si
Gaon Probe | 가온프로브 | semiconductors | sme | gyeonggi | Yongin-si
Seorim Etch Solutions | 서림에치솔루션 | semiconductors | sme | chungnam | Cheonan-si
Jinseong Wafer Test | 진성웨이퍼테스트 | semiconductors | sme | chungbuk | Eumseong-gun | pending
Mirae Circuit | 미래서킷 | electronics | mid | gyeongbuk | Gumi-si
Dasom Electronics | 다솜전자 | electronics | large | gyeonggi | Suwon-si
Saebit Sensor | 새빛센서 | electronics | sme | gwangju | Gwangsan-gu
Haneul PCB | 하늘피씨비 | electronics | sme | incheon | Namdong-gu
Gumi Smart Devices | 구미스마트디바이스 | electronics | mid | gyeongbuk | Gumi-si
Yeonhwa Display | 연화디스플레이 | display | large | gyeonggi | Paju-si
Bitnara OLED | 빛나라오엘이디 | display | mid | chungnam | Asan-si
Seonmyeong Panel | 선명패널 | display | sme | gyeongbuk | Gumi-si
Paju Glass Tech | 파주글라스텍 | display | sme | gyeonggi | Paju-si
Ochang Energy Cell | 오창에너지셀 | batteries | large | chungbuk | Cheongju-si
Jinwoo Battery Materials | 진우배터리소재 | batteries | mid | gyeongbuk | Pohang-si
Haeorum Cell | 해오름셀 | batteries | mid | ulsan | Ulju-gun
Saemangeum Precursor | 새만금프리커서 | batteries | sme | jeonbuk | Gunsan-si
Cheonan Separator Tech | 천안세퍼레이터텍 | batteries | sme | chungnam | Cheonan-si | pending
Ulsan Drive Systems | 울산드라이브시스템 | automotive | large | ulsan | Buk-gu
Hanmaeum Mobility | 한마음모빌리티 | automotive | mid | gyeonggi | Hwaseong-si
Gwangju E-Mobility | 광주이모빌리티 | automotive | sme | gwangju | Gwangsan-gu
Dalgubeol Auto Components | 달구벌오토부품 | automotive | sme | daegu | Dalseong-gun
Seosan EV Module | 서산이브이모듈 | automotive | mid | chungnam | Seosan-si
Hanbada Shipbuilding | 한바다조선 | shipbuilding | large | ulsan | Dong-gu
Geoje Ocean Engineering | 거제해양엔지니어링 | shipbuilding | large | gyeongnam | Geoje-si
Yeongam Marine Works | 영암마린웍스 | shipbuilding | mid | jeonnam | Yeongam-gun
Yeongdo Ship Repair | 영도선박수리 | shipbuilding | sme | busan | Yeongdo-gu
Jinhae Offshore | 진해오프쇼어 | shipbuilding | sme | gyeongnam | Changwon-si
Changwon Precision Machinery | 창원정밀기계 | machinery | mid | gyeongnam | Changwon-si
Namdong CNC | 남동씨엔씨 | machinery | sme | incheon | Namdong-gu
Siheung Robotics | 시흥로보틱스 | machinery | sme | gyeonggi | Siheung-si
Seongseo Hydraulics | 성서유압 | machinery | sme | daegu | Dalseo-gu
Ansan Mold & Die | 안산금형 | machinery | sme | gyeonggi | Ansan-si | pending
Yeosu Petrochem Materials | 여수석유화학소재 | chemicals | large | jeonnam | Yeosu-si
Daesan Polymer | 대산폴리머 | chemicals | mid | chungnam | Seosan-si
Onsan Fine Chemical | 온산정밀화학 | chemicals | mid | ulsan | Ulju-gun
Pohang Advanced Materials | 포항첨단소재 | chemicals | mid | gyeongbuk | Pohang-si
Bitgaram Power Solutions | 빛가람파워솔루션 | energy | mid | jeonnam | Naju-si
Tamna Wind Energy | 탐라풍력 | energy | sme | jeju | Jeju-si
Daedeok Hydrogen Tech | 대덕수소기술 | energy | sme | daejeon | Yuseong-gu
Ulju Energy Systems | 울주에너지시스템 | energy | mid | ulsan | Ulju-gun
Pangyo Cloudworks | 판교클라우드웍스 | software | mid | gyeonggi | Seongnam-si
Byeolbit AI | 별빛에이아이 | software | sme | seoul | Gangnam-gu
Haedal Software | 해달소프트웨어 | software | sme | busan | Haeundae-gu
Daejeon Embedded Systems | 대전임베디드시스템 | software | sme | daejeon | Yuseong-gu
Mokryeon Soft | 목련소프트 | software | mid | seoul | Guro-gu
"""


def _employer_entries(table: str) -> tuple[EmployerEntry, ...]:
    entries = []
    for line in table.strip().splitlines():
        name, name_ko, industry, size_class, region, city, *flags = (
            cell.strip() for cell in line.split("|")
        )
        entries.append(
            EmployerEntry(name, name_ko, industry, size_class, region, city, "pending" in flags)
        )
    return tuple(entries)


EMPLOYERS: tuple[EmployerEntry, ...] = _employer_entries(_EMPLOYER_TABLE)


def business_registration_number(index: int) -> str:
    """A valid, unique and stable number for the index-th catalogue entry.

    Three digits for the tax office, 81 (a corporation's head office), a four-digit serial and
    the National Tax Service check digit. The office part is injective in the index, so numbers
    never collide, and they never depend on the seed, so each company keeps its number.
    """
    office = 101 + index * 17
    serial = (index * 389 + 1021) % 10000
    first_nine = f"{office:03d}81{serial:04d}"
    return f"{office:03d}-81-{serial:04d}{brn_check_digit(first_nine)}"


INDUSTRY_ACTIVITY: dict[str, tuple[str, ...]] = {
    "semiconductors": (
        "builds and services wafer-processing equipment for memory and logic fabs",
        "runs back-end test and packaging lines for memory chips",
        "supplies process modules and spare parts to the fabs of the Gyeonggi chip cluster",
    ),
    "electronics": (
        "designs and assembles circuit board assemblies for consumer and industrial devices",
        "makes sensors and control boards for appliances and factory automation",
    ),
    "display": (
        "makes OLED and LCD panel components for phones, laptops and car dashboards",
        "supplies deposition, inspection and glass-handling systems to display fabs",
    ),
    "batteries": (
        "manufactures lithium-ion cells and modules for electric vehicles",
        "produces cathode and precursor materials for EV batteries",
        "makes battery separators and electrode materials",
    ),
    "automotive": (
        "supplies drivetrain, chassis and body parts to Korean car makers",
        "develops and assembles battery packs and electric drive units",
    ),
    "shipbuilding": (
        "builds LNG carriers, container ships and offshore structures",
        "designs and outfits ship blocks, piping and electrical systems",
        "repairs and retrofits commercial vessels",
    ),
    "machinery": (
        "makes CNC machine tools, industrial robots and hydraulic systems",
        "designs molds, dies and automation cells for car and electronics makers",
    ),
    "chemicals": (
        "produces specialty polymers and petrochemical intermediates",
        "makes high-purity process chemicals for semiconductor and battery plants",
    ),
    "energy": (
        "builds and operates solar, wind and grid-storage projects",
        "engineers power-grid equipment and hydrogen systems",
    ),
    "software": (
        "builds cloud platforms and data products for manufacturers",
        "develops embedded and AI software for smart factories",
        "makes web and mobile services used by millions of Korean customers",
    ),
}

EMPLOYEES_BY_SIZE: dict[str, tuple[int, int]] = {
    "sme": (35, 280),
    "mid": (300, 980),
    "large": (1200, 9500),
}
