"""Romanised personal names, as they appear on CVs, for the ASEAN countries Faker does not cover.

Faker has person data for Vietnam (vi_VN), Indonesia (id_ID) and Thailand (en_TH, romanised); for
the Philippines it falls back to US names, so the Philippines gets a list here too. Each country has
one or more naming styles with a pattern saying where the family name goes:

- Malay names (Malaysia, Brunei, Singapore) are patronymic: "Nurul Aina binti Ismail";
- Indian Malaysian and Singaporean names use a/l (son of) and a/p (daughter of);
- Chinese and Khmer names put the family name first: "Tan Wei Ming", "Sok Dara";
- Burmese names have no family name; the last part stands in for it (only the e-mail uses it).
"""

from dataclasses import dataclass
from random import Random


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


@dataclass(frozen=True)
class NameStyle:
    given_male: tuple[str, ...]
    given_female: tuple[str, ...]
    family: tuple[str, ...]
    pattern_male: str = "{given} {family}"
    pattern_female: str = "{given} {family}"


@dataclass(frozen=True)
class PersonName:
    given: str
    family: str
    full_name: str


MALAY = NameStyle(
    given_male=_names(
        "Muhammad Hafiz, Ahmad Faiz, Mohd Azlan, Amirul Hakim, Muhammad Irfan, "
        "Aiman Haziq, Mohd Syafiq, Ahmad Zulkifli, Muhammad Danial, Khairul Anuar, Hakimi, "
        "Firdaus, Muhammad Aqil, Izzat Hakimi, Afiq Ikhwan"
    ),
    given_female=_names(
        "Nurul Aina, Siti Nurhaliza, Nur Amalina, Nur Syafiqah, Aisyah, Farah Nadia, "
        "Nur Izzati, Siti Hajar, Nurul Huda, Aina Sofea, Nur Atiqah, Sharifah Nabila, "
        "Hanis Zahirah, Nur Fatihah, Puteri Balqis"
    ),
    family=_names(
        "Abdullah, Ismail, Rahman, Hassan, Yusof, Othman, Ibrahim, Hamzah, Aziz, Razak, "
        "Salleh, Kamarudin, Zainal, Jamil, Rashid, Sulaiman, Idris, Hashim, Mansor, Karim, "
        "Omar, Zakaria, Mustafa, Ahmad, Musa, Yaakob, Hussin, Latif, Abu Bakar, Nordin"
    ),
    pattern_male="{given} bin {family}",
    pattern_female="{given} binti {family}",
)

MALAYSIAN_CHINESE = NameStyle(
    given_male=_names(
        "Wei Ming, Kah Wai, Zhi Hao, Jun Wei, Chee Keong, Kok Leong, Yong Sheng, "
        "Boon Hock, Wai Kit, Eng Hock, Kean Seng, Chun Hong, Wen Jie, Soon Keat, Jian Hao"
    ),
    given_female=_names(
        "Jia Hui, Mei Ling, Xin Yi, Hui Min, Siew Ling, Pei Shan, Li Ying, Shu Fen, "
        "Ming Hui, Kar Mun, Yi Xuan, Jia Wen, Sook Yee, Hui Ying, Kai Xin"
    ),
    family=_names(
        "Tan, Lim, Lee, Wong, Ng, Ong, Chong, Teoh, Goh, Chan, Yap, Low, Cheah, Khoo, Loh, "
        "Tey, Foo, Leong, Chin, Ooi, Liew, Koh, Yeoh, Lau, Ho, Soo, Kang, Chua, Tay, Sim"
    ),
    pattern_male="{family} {given}",
    pattern_female="{family} {given}",
)

MALAYSIAN_INDIAN = NameStyle(
    given_male=_names(
        "Arun, Suresh, Ganesh, Rajesh, Vignesh, Prakash, Dinesh, Karthik, Saravanan, "
        "Thinesh, Naveen, Hariharan, Muthu Kumar, Vinod, Kishen"
    ),
    given_female=_names(
        "Kavitha, Priya, Deepa, Shalini, Thivya, Kasturi, Nithya, Sangeetha, Revathi, "
        "Yamuna, Anitha, Malathi, Pavithra, Keerthana, Devi"
    ),
    family=_names(
        "Subramaniam, Rajendran, Krishnan, Muniandy, Ramasamy, Govindasamy, Arumugam, "
        "Nadarajah, Selvaraj, Maniam, Chandran, Pillai, Velu, Perumal, Sivalingam, Kannan, "
        "Rajoo, Sinnasamy, Balakrishnan, Ganesan, Murugan, Thangaraj, Letchumanan, Raman, "
        "Suppiah, Anbalagan, Periasamy, Veerasamy, Palaniappan, Tharmalingam"
    ),
    pattern_male="{given} a/l {family}",
    pattern_female="{given} a/p {family}",
)

SINGAPOREAN_CHINESE = NameStyle(
    given_male=_names(
        "Jun Jie, Wei Jie, Zhi Wei, Jia Hao, Yi Heng, Kai Wen, Ming Jun, Jun Hao, "
        "Zheng Yang, Rui En, Shao Wei, Yong Jie, Guan Hong, Jin Long, Hong Wei"
    ),
    given_female=_names(
        "Xin Yi, Hui Shan, Jia Min, Shi Ting, Wan Ting, Yu Xuan, Li Ting, Pei Xuan, "
        "Hui En, Jing Wen, Min Hui, Shu Hui, Xiu Ling, Zi Ning, En Qi"
    ),
    family=_names(
        "Tan, Lim, Lee, Ng, Ong, Wong, Goh, Chua, Chan, Koh, Teo, Ang, Yeo, Tay, Ho, Low, "
        "Toh, Sim, Chong, Chia, Seah, Quek, Phua, Heng, Soh, Foo, Lau, Neo, Kwek, Pang"
    ),
    pattern_male="{family} {given}",
    pattern_female="{family} {given}",
)

FILIPINO = NameStyle(
    given_male=_names(
        "John Paul, Mark Anthony, Jerome, Christian, Rommel, Aldrin, Jayson, Carlo, "
        "Joshua, Kevin, Francis, Miguel, Paolo, Rafael, Jericho"
    ),
    given_female=_names(
        "Kristine Joy, Maricel, Angelica, Rowena, Camille, Patricia, Jasmine, Bea, "
        "Katrina, Sheila Mae, Mary Grace, Andrea, Janine, Rica, Lovely"
    ),
    family=_names(
        "Santos, Reyes, Cruz, Bautista, Garcia, Mendoza, Dela Cruz, Villanueva, Ramos, "
        "Aquino, Castillo, Fernandez, Gonzales, Navarro, Torres, Flores, Rivera, Lopez, "
        "Domingo, Pascual, Manalo, Mercado, Salazar, Aguilar, Soriano, Dizon, Tolentino, "
        "Cabrera, Ocampo, Panganiban"
    ),
)

BURMESE = NameStyle(
    given_male=_names(
        "Aung, Kyaw, Min, Htet, Zaw, Thant, Hein, Soe, Myo, Thura, Phyo, Khant, Ye, Nay, "
        "Wai Yan, Pyae, Sithu, Kaung, Zin, Htoo"
    ),
    given_female=_names(
        "Thandar, Hnin, Ei, Phyu, Su, Myat, Khin, Nandar, Thiri, Yadanar, Wai, May, "
        "Zin Mar, Thazin, Moe, Aye, Chit, Shwe, Hsu, Nway"
    ),
    family=_names(
        "Min Thu, Kyaw Htet, Naing, Win, Tun, Oo, Lin, Aung, Zaw Lin, Htun, Myint, Hlaing, "
        "Thein, Maung, Kyaw, Paing, Nyein, Thu, Phyo, Soe, Lwin, Khine, Htwe, San, Mon, "
        "Wai, Nwe, Thant, Zin, Yee"
    ),
)

KHMER = NameStyle(
    given_male=_names(
        "Dara, Sophal, Vuthy, Rithy, Sokha, Visal, Piseth, Vichea, Samnang, Bunthoeun, "
        "Sovann, Kosal, Ratanak, Sambath, Veasna"
    ),
    given_female=_names(
        "Sophea, Sreymom, Channary, Bopha, Sreyneang, Kanha, Socheata, Malis, Leakhena, "
        "Sokunthea, Chanthy, Raksmey, Sreypov, Davy, Phalla"
    ),
    family=_names(
        "Sok, Chan, Keo, Heng, Lim, Ly, Meas, Chea, Kim, Seng, Prak, Nhem, Ouk, Sam, Pich, "
        "Tep, Mao, Hun, Nov, Yim, Phan, Sun, Touch, Chhay, Ros, Vong, Sin, Long, Hem, "
        "Khiev"
    ),
    pattern_male="{family} {given}",
    pattern_female="{family} {given}",
)

LAO = NameStyle(
    given_male=_names(
        "Souksavanh, Khamphet, Bounmy, Somphone, Phonesavanh, Vilaysack, Thongsay, "
        "Anousone, Khamla, Sengphet, Bounthavy, Viengxay, Sithong, Outhai, Kongkeo"
    ),
    given_female=_names(
        "Manivone, Phetsamone, Chanthavy, Souphaphone, Khamsy, Vilayvanh, Bouasone, "
        "Latsamy, Malaythong, Davone, Keomany, Phonevilay, Sengdao, Vanida, Noukanh"
    ),
    family=_names(
        "Phommachanh, Sisouphanh, Keophila, Vongsa, Inthavong, Chanthavong, Siharath, "
        "Phanthavong, Sengsouvanh, Douangdala, Xayavong, Luangrath, Phommasak, Soukhaseum, "
        "Vilayphone, Thammavong, Sivongxay, Keomanivong, Bounnhong, Southammavong, "
        "Khounphakdy, Phetsomphou, Manivong, Sayavong, Rattanavong, Sisombath, "
        "Vongphachanh, Khamvongsa, Souvannavong, Sengdara"
    ),
)

BRUNEIAN_MALAY = NameStyle(
    given_male=_names(
        "Muhammad Amirul, Abdul Hadi, Mohammad Faizul, Hazwan, Shahrul Nizam, "
        "Muhammad Khairul, Abdul Aziz, Mohd Rizal, Muhammad Hazim, Azri, Mohammad Syazwan, "
        "Abdul Qayyum, Muhammad Nabil, Haziq, Mohd Ariffin"
    ),
    given_female=_names(
        "Nur Amalina, Siti Aisyah, Nur Hazirah, Nurul Syazwani, Dayangku Nurin, "
        "Nur Afiqah, Siti Khadijah, Nur Aqilah, Hajah Norhayati, Nurul Ain, Nur Syahirah, "
        "Siti Rahmah, Nur Izzah, Nadiah, Nur Hidayah"
    ),
    family=_names(
        "Haji Abdullah, Haji Mahmud, Haji Ahmad, Yusof, Haji Omar, Abu Bakar, Haji Hamid, "
        "Jaludin, Haji Metussin, Kassim, Haji Tahir, Sulaiman, Mohamad, Haji Zainal, "
        "Abdul Rahman, Haji Ismail, Ali, Hassan, Haji Osman, Jaafar, Haji Salleh, Matusin, "
        "Awang Besar, Haji Tengah, Bakar, Haji Jumat, Damit, Haji Momin, Tuah, Lamat"
    ),
    pattern_male="{given} bin {family}",
    pattern_female="{given} binti {family}",
)

TIMORESE = NameStyle(
    given_male=_names(
        "José, João, António, Agostinho, Francisco, Manuel, Domingos, Mário, Júlio, "
        "Nelson, Abílio, Estanislau, Zacarias, Rui, Filomeno"
    ),
    given_female=_names(
        "Maria, Ana, Joana, Rosa, Teresa, Ermelinda, Natália, Filomena, Isabel, Aurora, "
        "Madalena, Lúcia, Cristina, Angelina, Jacinta"
    ),
    family=_names(
        "da Costa, Soares, Guterres, Pereira, dos Santos, Ximenes, Belo, da Silva, Gusmão, "
        "Amaral, Fernandes, Martins, Sarmento, Alves, Carvalho, Freitas, Lopes, Barreto, "
        "Ramos, Moniz, Mendonça, Tilman, Correia, Ribeiro, de Araújo, Marçal, Pinto, "
        "Magno, Cabral, Oliveira"
    ),
)

# The naming styles of each country with their weights (shares of the population, roughly).
COUNTRY_STYLES: dict[str, tuple[tuple[NameStyle, int], ...]] = {
    "MY": ((MALAY, 6), (MALAYSIAN_CHINESE, 3), (MALAYSIAN_INDIAN, 1)),
    "SG": ((SINGAPOREAN_CHINESE, 7), (MALAY, 2), (MALAYSIAN_INDIAN, 1)),
    "BN": ((BRUNEIAN_MALAY, 8), (MALAYSIAN_CHINESE, 2)),
    "PH": ((FILIPINO, 1),),
    "MM": ((BURMESE, 1),),
    "KH": ((KHMER, 1),),
    "LA": ((LAO, 1),),
    "TL": ((TIMORESE, 1),),
}


def name_from_styles(*, country: str, female: bool, rng: Random) -> PersonName:
    """A name in one of the country's styles, drawn with `rng` (countries in COUNTRY_STYLES)."""
    styles, weights = zip(*COUNTRY_STYLES[country], strict=True)
    style = rng.choices(styles, weights=weights)[0]
    given = rng.choice(style.given_female if female else style.given_male)
    family = rng.choice(style.family)
    pattern = style.pattern_female if female else style.pattern_male
    return PersonName(
        given=given, family=family, full_name=pattern.format(given=given, family=family)
    )
