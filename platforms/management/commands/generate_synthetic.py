"""Add realistic, multilingual synthetic innovation platforms for benchmarks.

``python manage.py generate_synthetic --platforms 100000 [--seed 1] [--batch 2000]`` builds
platforms named like real ones ("Kajaanin akkuteknologian laboratorio", "Batterilaboratoriet i
Kajana", "Kajaani Battery Laboratory") from the small vocabularies below, in the towns of the seven
regions, linked to the real organisations, priorities and services of the IP-area data set. Their
slugs are ``synthetic-000001``, ``synthetic-000002``…; a second run continues the numbering.

Each batch of ``--batch`` platforms is one transaction: the platforms, then their host, priority
and service links, all with ``bulk_create``. On PostgreSQL the batches run in ``--workers``
processes side by side (the Python that builds the rows is the bottleneck, not the database);
each batch draws its random numbers from the seed and its first number, so a seed gives the
same platforms whatever the number of workers. Afterwards the search index of the synthetic
platforms is rebuilt if the search package offers ``rebuild_index``.
"""

import multiprocessing as mp
import os
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, connections, reset_queries, transaction
from django.db.models import IntegerField, Max
from django.db.models.functions import Cast, Substr
from django.utils import timezone, translation

import search
from elmo.bulk import Builder
from elmo.cache import content_changed
from elmo.validators import FINLAND_LATITUDE, FINLAND_LONGITUDE
from entries.models import Status
from platforms.models import (
    InnovationPlatform,
    Organisation,
    PlatformHost,
    PlatformPriority,
    PlatformService,
    PlatformType,
    Service,
)
from priorities.models import Priority, Region

SLUG_PREFIX = "synthetic-"
COORDINATE_STEP = Decimal("0.00001")
JITTER = 0.05  # degrees around the town centre
NAME_FIELDS = ("name_fi", "name_sv", "name_en")

# --- vocabularies -------------------------------------------------------------------------------

# (Finnish, genitive, locative ("in the town"), Swedish or None, region code, latitude,
# longitude, weight). Coordinates are approximate town centres.
TOWNS = [
    ("Rovaniemi", "Rovaniemen", "Rovaniemellä", None, "19", 66.5039, 25.7294, 8),
    ("Kemi", "Kemin", "Kemissä", "Kemi", "19", 65.7365, 24.5637, 4),
    ("Tornio", "Tornion", "Torniossa", "Torneå", "19", 65.8480, 24.1466, 3),
    ("Sodankylä", "Sodankylän", "Sodankylässä", None, "19", 67.4167, 26.5894, 2),
    ("Kemijärvi", "Kemijärven", "Kemijärvellä", None, "19", 66.7131, 27.4306, 1),
    ("Kittilä", "Kittilän", "Kittilässä", None, "19", 67.6533, 24.9114, 1),
    ("Inari", "Inarin", "Inarissa", "Enare", "19", 68.9063, 27.0290, 1),
    ("Muonio", "Muonion", "Muoniossa", None, "19", 67.9583, 23.6778, 1),
    ("Oulu", "Oulun", "Oulussa", "Uleåborg", "17", 65.0121, 25.4651, 16),
    ("Raahe", "Raahen", "Raahessa", "Brahestad", "17", 64.6847, 24.4792, 3),
    ("Ylivieska", "Ylivieskan", "Ylivieskassa", None, "17", 64.0722, 24.5336, 2),
    ("Kuusamo", "Kuusamon", "Kuusamossa", None, "17", 65.9642, 29.1889, 2),
    ("Nivala", "Nivalan", "Nivalassa", None, "17", 63.9167, 24.9667, 1),
    ("Kempele", "Kempeleen", "Kempeleessä", None, "17", 64.9125, 25.5083, 1),
    ("Pyhäjärvi", "Pyhäjärven", "Pyhäjärvellä", None, "17", 63.6667, 25.9833, 1),
    ("Kajaani", "Kajaanin", "Kajaanissa", "Kajana", "18", 64.2273, 27.7285, 7),
    ("Sotkamo", "Sotkamon", "Sotkamossa", None, "18", 64.1308, 28.3906, 2),
    ("Kuhmo", "Kuhmon", "Kuhmossa", None, "18", 64.1250, 29.5167, 1),
    ("Suomussalmi", "Suomussalmen", "Suomussalmella", None, "18", 64.8867, 28.9097, 1),
    ("Kokkola", "Kokkolan", "Kokkolassa", "Karleby", "16", 63.8385, 23.1307, 6),
    ("Kannus", "Kannuksen", "Kannuksessa", None, "16", 63.9000, 23.9167, 1),
    ("Kaustinen", "Kaustisen", "Kaustisella", "Kaustby", "16", 63.5480, 23.6990, 1),
    ("Kruunupyy", "Kruunupyyn", "Kruunupyyssä", "Kronoby", "16", 63.7283, 23.0328, 1),
    ("Kuopio", "Kuopion", "Kuopiossa", None, "11", 62.8924, 27.6770, 11),
    ("Iisalmi", "Iisalmen", "Iisalmessa", "Idensalmi", "11", 63.5594, 27.1906, 3),
    ("Varkaus", "Varkauden", "Varkaudessa", None, "11", 62.3153, 27.8731, 3),
    ("Siilinjärvi", "Siilinjärven", "Siilinjärvellä", None, "11", 63.0750, 27.6600, 2),
    ("Suonenjoki", "Suonenjoen", "Suonenjoella", None, "11", 62.6250, 27.1222, 1),
    ("Joensuu", "Joensuun", "Joensuussa", None, "12", 62.6010, 29.7636, 10),
    ("Lieksa", "Lieksan", "Lieksassa", None, "12", 63.3167, 30.0167, 2),
    ("Outokumpu", "Outokummun", "Outokummussa", None, "12", 62.7250, 29.0167, 2),
    ("Nurmes", "Nurmeksen", "Nurmeksessa", None, "12", 63.5433, 29.1322, 1),
    ("Kitee", "Kiteen", "Kiteellä", None, "12", 62.0986, 30.1375, 1),
    ("Kontiolahti", "Kontiolahden", "Kontiolahdella", None, "12", 62.7667, 29.8500, 1),
    ("Mikkeli", "Mikkelin", "Mikkelissä", "S:t Michel", "10", 61.6886, 27.2723, 7),
    ("Savonlinna", "Savonlinnan", "Savonlinnassa", "Nyslott", "10", 61.8687, 28.8800, 5),
    ("Pieksämäki", "Pieksämäen", "Pieksämäellä", None, "10", 62.3000, 27.1333, 2),
    ("Juva", "Juvan", "Juvalla", None, "10", 61.8972, 27.8569, 1),
    ("Mäntyharju", "Mäntyharjun", "Mäntyharjussa", None, "10", 61.4181, 26.8792, 1),
]

# Themes. fi: the field (nominative) and its genitive ("akkuteknologian laboratorio"); fi_comp and
# sv_comp: the first part of a compound ("akkulaboratorio", "batterilaboratoriet"), None where
# the theme does not compound; sv and en: the field after "för" / "for"; en_title: in a name.
THEMES = [
    {
        "fi": "akkuteknologia",
        "fi_gen": "akkuteknologian",
        "fi_comp": "akku",
        "sv": "batteriteknik",
        "sv_comp": "batteri",
        "en": "battery technology",
        "en_title": "Battery",
        "kw_fi": ["akut", "akkumateriaalit", "litiumioniakut"],
        "kw_sv": ["batterier", "batterimaterial", "litiumjonbatterier"],
        "kw_en": ["batteries", "battery materials", "lithium-ion batteries"],
    },
    {
        "fi": "kiertotalous",
        "fi_gen": "kiertotalouden",
        "fi_comp": "kiertotalous",
        "sv": "cirkulär ekonomi",
        "sv_comp": "kretslopps",
        "en": "circular economy",
        "en_title": "Circular Economy",
        "kw_fi": ["kierrätys", "sivuvirrat", "materiaalitehokkuus"],
        "kw_sv": ["återvinning", "sidoströmmar", "materialeffektivitet"],
        "kw_en": ["recycling", "side streams", "material efficiency"],
    },
    {
        "fi": "vetytalous",
        "fi_gen": "vetytalouden",
        "fi_comp": "vety",
        "sv": "vätgasekonomi",
        "sv_comp": "vätgas",
        "en": "hydrogen economy",
        "en_title": "Hydrogen",
        "kw_fi": ["vety", "elektrolyysi", "polttokennot"],
        "kw_sv": ["vätgas", "elektrolys", "bränsleceller"],
        "kw_en": ["hydrogen", "electrolysis", "fuel cells"],
    },
    {
        "fi": "bioenergia",
        "fi_gen": "bioenergian",
        "fi_comp": "bioenergia",
        "sv": "bioenergi",
        "sv_comp": "bioenergi",
        "en": "bioenergy",
        "en_title": "Bioenergy",
        "kw_fi": ["biopolttoaineet", "biokaasu", "pyrolyysi"],
        "kw_sv": ["biobränslen", "biogas", "pyrolys"],
        "kw_en": ["biofuels", "biogas", "pyrolysis"],
    },
    {
        "fi": "metsäteollisuus",
        "fi_gen": "metsäteollisuuden",
        "fi_comp": "puunjalostus",
        "sv": "skogsindustri",
        "sv_comp": "skogsindustri",
        "en": "the forest industry",
        "en_title": "Forest Industry",
        "kw_fi": ["puunjalostus", "sellu", "kuitutuotteet"],
        "kw_sv": ["träförädling", "cellulosa", "fiberprodukter"],
        "kw_en": ["wood processing", "pulp", "fibre products"],
    },
    {
        "fi": "kaivosteollisuus",
        "fi_gen": "kaivosteollisuuden",
        "fi_comp": "kaivos",
        "sv": "gruvindustri",
        "sv_comp": "gruv",
        "en": "mining",
        "en_title": "Mining",
        "kw_fi": ["kaivokset", "mineraalit", "rikastus"],
        "kw_sv": ["gruvor", "mineraler", "anrikning"],
        "kw_en": ["mines", "minerals", "mineral processing"],
    },
    {
        "fi": "vesiteknologia",
        "fi_gen": "vesiteknologian",
        "fi_comp": "vesi",
        "sv": "vattenteknik",
        "sv_comp": "vatten",
        "en": "water technology",
        "en_title": "Water Technology",
        "kw_fi": ["vedenkäsittely", "jätevesi", "vesianalytiikka"],
        "kw_sv": ["vattenrening", "avloppsvatten", "vattenanalys"],
        "kw_en": ["water treatment", "wastewater", "water analysis"],
    },
    {
        "fi": "fotoniikka",
        "fi_gen": "fotoniikan",
        "fi_comp": "fotoniikka",
        "sv": "fotonik",
        "sv_comp": "fotonik",
        "en": "photonics",
        "en_title": "Photonics",
        "kw_fi": ["optiikka", "laserit", "valokuidut"],
        "kw_sv": ["optik", "lasrar", "optiska fibrer"],
        "kw_en": ["optics", "lasers", "optical fibres"],
    },
    {
        "fi": "terveysteknologia",
        "fi_gen": "terveysteknologian",
        "fi_comp": "terveysteknologia",
        "sv": "hälsoteknik",
        "sv_comp": "hälsoteknik",
        "en": "health technology",
        "en_title": "Health Technology",
        "kw_fi": ["lääkintälaitteet", "digitaaliset terveyspalvelut", "hyvinvointi"],
        "kw_sv": ["medicintekniska produkter", "digitala hälsotjänster", "välfärd"],
        "kw_en": ["medical devices", "digital health services", "wellbeing"],
    },
    {
        "fi": "5G-verkot",
        "fi_gen": "5G-verkkojen",
        "fi_comp": "5G-",
        "sv": "5G-nät",
        "sv_comp": "5G-",
        "en": "5G networks",
        "en_title": "5G",
        "kw_fi": ["5G", "langaton tiedonsiirto", "mobiiliverkot"],
        "kw_sv": ["5G", "trådlös dataöverföring", "mobilnät"],
        "kw_en": ["5G", "wireless communication", "mobile networks"],
    },
    {
        "fi": "tekoäly",
        "fi_gen": "tekoälyn",
        "fi_comp": "tekoäly",
        "sv": "artificiell intelligens",
        "sv_comp": "AI-",
        "en": "artificial intelligence",
        "en_title": "AI",
        "kw_fi": ["tekoäly", "koneoppiminen", "data-analytiikka"],
        "kw_sv": ["artificiell intelligens", "maskininlärning", "dataanalys"],
        "kw_en": ["artificial intelligence", "machine learning", "data analytics"],
    },
    {
        "fi": "talviteknologia",
        "fi_gen": "talviteknologian",
        "fi_comp": "talvi",
        "sv": "vinterteknik",
        "sv_comp": "vinter",
        "en": "winter technology",
        "en_title": "Winter Technology",
        "kw_fi": ["talvitestaus", "kylmä ilmasto", "arktiset olosuhteet"],
        "kw_sv": ["vintertestning", "kallt klimat", "arktiska förhållanden"],
        "kw_en": ["winter testing", "cold climate", "Arctic conditions"],
    },
    {
        "fi": "elintarvikeala",
        "fi_gen": "elintarvikealan",
        "fi_comp": "elintarvike",
        "sv": "livsmedelsbranschen",
        "sv_comp": "livsmedels",
        "en": "the food industry",
        "en_title": "Food",
        "kw_fi": ["elintarvikkeet", "elintarviketurvallisuus", "elintarvikkeiden jalostus"],
        "kw_sv": ["livsmedel", "livsmedelssäkerhet", "livsmedelsförädling"],
        "kw_en": ["food", "food safety", "food processing"],
    },
    {
        "fi": "rakentaminen",
        "fi_gen": "rakentamisen",
        "fi_comp": "rakennus",
        "sv": "byggande",
        "sv_comp": "bygg",
        "en": "construction",
        "en_title": "Construction",
        "kw_fi": ["rakennusmateriaalit", "rakennusfysiikka", "korjausrakentaminen"],
        "kw_sv": ["byggmaterial", "byggnadsfysik", "renovering"],
        "kw_en": ["building materials", "building physics", "renovation"],
    },
    {
        "fi": "materiaalitekniikka",
        "fi_gen": "materiaalitekniikan",
        "fi_comp": "materiaali",
        "sv": "materialteknik",
        "sv_comp": "material",
        "en": "materials technology",
        "en_title": "Materials",
        "kw_fi": ["materiaalit", "komposiitit", "pinnoitteet"],
        "kw_sv": ["material", "kompositer", "beläggningar"],
        "kw_en": ["materials", "composites", "coatings"],
    },
    {
        "fi": "sensoriteknologia",
        "fi_gen": "sensoriteknologian",
        "fi_comp": "sensori",
        "sv": "sensorteknik",
        "sv_comp": "sensor",
        "en": "sensor technology",
        "en_title": "Sensor Technology",
        "kw_fi": ["sensorit", "mittaustekniikka", "esineiden internet"],
        "kw_sv": ["sensorer", "mätteknik", "sakernas internet"],
        "kw_en": ["sensors", "measurement technology", "Internet of Things"],
    },
    {
        "fi": "puurakentaminen",
        "fi_gen": "puurakentamisen",
        "fi_comp": "puurakennus",
        "sv": "träbyggande",
        "sv_comp": "träbygg",
        "en": "wood construction",
        "en_title": "Wood Construction",
        "kw_fi": ["puu", "CLT", "massiivipuu"],
        "kw_sv": ["trä", "KL-trä", "massivträ"],
        "kw_en": ["wood", "CLT", "solid wood"],
    },
    {
        "fi": "robotiikka",
        "fi_gen": "robotiikan",
        "fi_comp": "robotiikka",
        "sv": "robotik",
        "sv_comp": "robotik",
        "en": "robotics",
        "en_title": "Robotics",
        "kw_fi": ["robotit", "automaatio", "autonomiset koneet"],
        "kw_sv": ["robotar", "automation", "autonoma maskiner"],
        "kw_en": ["robots", "automation", "autonomous machines"],
    },
    {
        "fi": "kyberturvallisuus",
        "fi_gen": "kyberturvallisuuden",
        "fi_comp": "kyberturvallisuus",
        "sv": "cybersäkerhet",
        "sv_comp": "cybersäkerhets",
        "en": "cyber security",
        "en_title": "Cyber Security",
        "kw_fi": ["tietoturva", "kyberhyökkäykset", "kriittinen infrastruktuuri"],
        "kw_sv": ["informationssäkerhet", "cyberattacker", "kritisk infrastruktur"],
        "kw_en": ["information security", "cyber attacks", "critical infrastructure"],
    },
    {
        "fi": "painettu elektroniikka",
        "fi_gen": "painetun elektroniikan",
        "fi_comp": None,
        "sv": "tryckt elektronik",
        "sv_comp": None,
        "en": "printed electronics",
        "en_title": "Printed Electronics",
        "kw_fi": ["painettava elektroniikka", "joustava elektroniikka", "rullalta rullalle"],
        "kw_sv": ["tryckbar elektronik", "flexibel elektronik", "rulle till rulle"],
        "kw_en": ["printable electronics", "flexible electronics", "roll-to-roll"],
    },
    {
        "fi": "avaruusteknologia",
        "fi_gen": "avaruusteknologian",
        "fi_comp": "avaruus",
        "sv": "rymdteknik",
        "sv_comp": "rymd",
        "en": "space technology",
        "en_title": "Space Technology",
        "kw_fi": ["satelliittidata", "kaukokartoitus", "maanhavainnointi"],
        "kw_sv": ["satellitdata", "fjärranalys", "jordobservation"],
        "kw_en": ["satellite data", "remote sensing", "Earth observation"],
    },
    {
        "fi": "kemianteollisuus",
        "fi_gen": "kemianteollisuuden",
        "fi_comp": None,
        "sv": "kemisk industri",
        "sv_comp": "kemi",
        "en": "the chemical industry",
        "en_title": "Chemistry",
        "kw_fi": ["kemia", "prosessikemia", "katalyysi"],
        "kw_sv": ["kemi", "processkemi", "katalys"],
        "kw_en": ["chemistry", "process chemistry", "catalysis"],
    },
    {
        "fi": "energiatehokkuus",
        "fi_gen": "energiatehokkuuden",
        "fi_comp": "energia",
        "sv": "energieffektivitet",
        "sv_comp": "energi",
        "en": "energy efficiency",
        "en_title": "Energy Efficiency",
        "kw_fi": ["lämpöpumput", "energian varastointi", "älykkäät sähköverkot"],
        "kw_sv": ["värmepumpar", "energilagring", "smarta elnät"],
        "kw_en": ["heat pumps", "energy storage", "smart grids"],
    },
    {
        "fi": "älyliikenne",
        "fi_gen": "älyliikenteen",
        "fi_comp": "älyliikenne",
        "sv": "intelligenta transporter",
        "sv_comp": "trafik",
        "en": "intelligent transport",
        "en_title": "Intelligent Transport",
        "kw_fi": ["automaattiajaminen", "liikennedata", "tieolosuhteet"],
        "kw_sv": ["automatiserad körning", "trafikdata", "väglag"],
        "kw_en": ["automated driving", "traffic data", "road conditions"],
    },
    {
        "fi": "peliteknologia",
        "fi_gen": "peliteknologian",
        "fi_comp": "peli",
        "sv": "spelteknik",
        "sv_comp": "spel",
        "en": "game technology",
        "en_title": "Game Technology",
        "kw_fi": ["pelit", "pelillistäminen", "virtuaalitodellisuus"],
        "kw_sv": ["spel", "spelifiering", "virtuell verklighet"],
        "kw_en": ["games", "gamification", "virtual reality"],
    },
    {
        "fi": "liikuntateknologia",
        "fi_gen": "liikuntateknologian",
        "fi_comp": "liikuntateknologia",
        "sv": "idrottsteknik",
        "sv_comp": "idrottsteknik",
        "en": "sports technology",
        "en_title": "Sports Technology",
        "kw_fi": ["liikunta", "urheilu", "hyvinvointiteknologia"],
        "kw_sv": ["motion", "idrott", "välfärdsteknik"],
        "kw_en": ["exercise", "sport", "wellbeing technology"],
    },
    {
        "fi": "maatalous",
        "fi_gen": "maatalouden",
        "fi_comp": "maatalous",
        "sv": "jordbruk",
        "sv_comp": "jordbruks",
        "en": "agriculture",
        "en_title": "Agriculture",
        "kw_fi": ["nurmiviljely", "kotieläintuotanto", "täsmäviljely"],
        "kw_sv": ["vallodling", "husdjursproduktion", "precisionsodling"],
        "kw_en": ["grassland farming", "livestock production", "precision farming"],
    },
    {
        "fi": "ilmakehätutkimus",
        "fi_gen": "ilmakehätutkimuksen",
        "fi_comp": "ilmakehä",
        "sv": "atmosfärforskning",
        "sv_comp": "atmosfär",
        "en": "atmospheric research",
        "en_title": "Atmospheric Research",
        "kw_fi": ["ilmanlaatu", "ilmastonmuutos", "pienhiukkaset"],
        "kw_sv": ["luftkvalitet", "klimatförändring", "småpartiklar"],
        "kw_en": ["air quality", "climate change", "fine particles"],
    },
    {
        "fi": "biotalous",
        "fi_gen": "biotalouden",
        "fi_comp": "biotalous",
        "sv": "bioekonomi",
        "sv_comp": "bioekonomi",
        "en": "the bioeconomy",
        "en_title": "Bioeconomy",
        "kw_fi": ["biomassa", "biopohjaiset tuotteet", "biojalostamo"],
        "kw_sv": ["biomassa", "biobaserade produkter", "bioraffinaderi"],
        "kw_en": ["biomass", "bio-based products", "biorefinery"],
    },
    {
        "fi": "metallurgia",
        "fi_gen": "metallurgian",
        "fi_comp": "metalli",
        "sv": "metallurgi",
        "sv_comp": "metall",
        "en": "metallurgy",
        "en_title": "Metallurgy",
        "kw_fi": ["metallit", "teräs", "prosessimetallurgia"],
        "kw_sv": ["metaller", "stål", "processmetallurgi"],
        "kw_en": ["metals", "steel", "process metallurgy"],
    },
]

PROCESS = {
    "akkuteknologia", "kiertotalous", "vetytalous", "bioenergia", "metsäteollisuus",
    "kaivosteollisuus", "vesiteknologia", "elintarvikeala", "materiaalitekniikka",
    "painettu elektroniikka", "kemianteollisuus", "biotalous", "metallurgia",
}  # fmt: skip
DIGITAL = {
    "tekoäly", "5G-verkot", "kyberturvallisuus", "peliteknologia", "avaruusteknologia",
    "sensoriteknologia", "terveysteknologia", "robotiikka", "älyliikenne",
}  # fmt: skip
FIELD = {
    "ilmakehätutkimus", "bioenergia", "metsäteollisuus", "vesiteknologia", "maatalous",
    "kaivosteollisuus", "avaruusteknologia", "talviteknologia", "biotalous",
}  # fmt: skip

# Kinds of facility. fi_part: the partitive ("hyödyntää … laboratoriota"); fi_comp / sv_comp:
# whether the word ends a compound ("akkulaboratorio"); sv_def: the definite form; sv_gender:
# "en" or "ett"; themes: the themes it fits (None: any); weight: how common it is.
KINDS = [
    {
        "fi": "testausympäristö",
        "fi_part": "testausympäristöä",
        "fi_comp": True,
        "sv": "testmiljö",
        "sv_def": "testmiljön",
        "sv_gender": "en",
        "sv_comp": True,
        "en": "test environment",
        "en_title": "Test Environment",
        "type": PlatformType.TESTING_PILOTING,
        "themes": None,
        "weight": 5,
    },
    {
        "fi": "laboratorio",
        "fi_part": "laboratoriota",
        "fi_comp": True,
        "sv": "laboratorium",
        "sv_def": "laboratoriet",
        "sv_gender": "ett",
        "sv_comp": True,
        "en": "laboratory",
        "en_title": "Laboratory",
        "type": PlatformType.LABORATORY,
        "themes": None,
        "weight": 6,
    },
    {
        "fi": "pilottilaitos",
        "fi_part": "pilottilaitosta",
        "fi_comp": True,
        "sv": "pilotanläggning",
        "sv_def": "pilotanläggningen",
        "sv_gender": "en",
        "sv_comp": True,
        "en": "pilot plant",
        "en_title": "Pilot Plant",
        "type": PlatformType.TESTING_PILOTING,
        "themes": PROCESS,
        "weight": 4,
    },
    {
        "fi": "koetehdas",
        "fi_part": "koetehdasta",
        "fi_comp": True,
        "sv": "pilotfabrik",
        "sv_def": "pilotfabriken",
        "sv_gender": "en",
        "sv_comp": True,
        "en": "pilot factory",
        "en_title": "Pilot Factory",
        "type": PlatformType.TESTING_PILOTING,
        "themes": PROCESS | {"robotiikka", "puurakentaminen"},
        "weight": 1,
    },
    {
        "fi": "datakeskus",
        "fi_part": "datakeskusta",
        "fi_comp": True,
        "sv": "datacenter",
        "sv_def": "datacentret",
        "sv_gender": "ett",
        "sv_comp": True,
        "en": "data centre",
        "en_title": "Data Centre",
        "type": PlatformType.RESEARCH_INFRASTRUCTURE,
        "themes": DIGITAL | {"ilmakehätutkimus", "energiatehokkuus"},
        "weight": 1,
    },
    {
        "fi": "living lab",
        "fi_part": "living labia",
        "fi_comp": False,
        "sv": "living lab",
        "sv_def": "living labbet",
        "sv_gender": "ett",
        "sv_comp": False,
        "en": "living lab",
        "en_title": "Living Lab",
        "type": PlatformType.LIVING_LAB,
        "themes": DIGITAL
        | {"rakentaminen", "puurakentaminen", "energiatehokkuus", "liikuntateknologia"}
        | {"elintarvikeala", "kiertotalous"},
        "weight": 2,
    },
    {
        "fi": "tutkimusasema",
        "fi_part": "tutkimusasemaa",
        "fi_comp": True,
        "sv": "forskningsstation",
        "sv_def": "forskningsstationen",
        "sv_gender": "en",
        "sv_comp": True,
        "en": "research station",
        "en_title": "Research Station",
        "type": PlatformType.RESEARCH_INFRASTRUCTURE,
        "themes": FIELD,
        "weight": 2,
    },
    {
        "fi": "tutkimuskeskus",
        "fi_part": "tutkimuskeskusta",
        "fi_comp": True,
        "sv": "forskningscenter",
        "sv_def": "forskningscentret",
        "sv_gender": "ett",
        "sv_comp": True,
        "en": "research centre",
        "en_title": "Research Centre",
        "type": PlatformType.RESEARCH_INFRASTRUCTURE,
        "themes": None,
        "weight": 2,
    },
    {
        "fi": "testirata",
        "fi_part": "testirataa",
        "fi_comp": True,
        "sv": "testbana",
        "sv_def": "testbanan",
        "sv_gender": "en",
        "sv_comp": True,
        "en": "test track",
        "en_title": "Test Track",
        "type": PlatformType.TESTING_PILOTING,
        "themes": {"talviteknologia", "älyliikenne", "5G-verkot", "sensoriteknologia"}
        | {"robotiikka"},
        "weight": 1,
    },
    {
        "fi": "testauskeskus",
        "fi_part": "testauskeskusta",
        "fi_comp": True,
        "sv": "testcenter",
        "sv_def": "testcentret",
        "sv_gender": "ett",
        "sv_comp": True,
        "en": "testing centre",
        "en_title": "Testing Centre",
        "type": PlatformType.TESTING_PILOTING,
        "themes": None,
        "weight": 2,
    },
    {
        "fi": "kehitysympäristö",
        "fi_part": "kehitysympäristöä",
        "fi_comp": True,
        "sv": "utvecklingsmiljö",
        "sv_def": "utvecklingsmiljön",
        "sv_gender": "en",
        "sv_comp": True,
        "en": "development environment",
        "en_title": "Development Environment",
        "type": PlatformType.TESTING_PILOTING,
        "themes": None,
        "weight": 3,
    },
    {
        "fi": "innovaatiokeskus",
        "fi_part": "innovaatiokeskusta",
        "fi_comp": True,
        "sv": "innovationscenter",
        "sv_def": "innovationscentret",
        "sv_gender": "ett",
        "sv_comp": True,
        "en": "innovation centre",
        "en_title": "Innovation Centre",
        "type": PlatformType.DIH,
        "themes": DIGITAL | {"painettu elektroniikka"},
        "weight": 1,
    },
    {
        "fi": "yrityspuisto",
        "fi_part": "yrityspuistoa",
        "fi_comp": False,
        "sv": "företagspark",
        "sv_def": "företagsparken",
        "sv_gender": "en",
        "sv_comp": False,
        "en": "business park",
        "en_title": "Business Park",
        "type": PlatformType.BUSINESS_PARK,
        "themes": None,
        "weight": 1,
    },
    {
        "fi": "osaamisverkosto",
        "fi_part": "osaamisverkostoa",
        "fi_comp": False,
        "sv": "kompetensnätverk",
        "sv_def": "kompetensnätverket",
        "sv_gender": "ett",
        "sv_comp": False,
        "en": "competence network",
        "en_title": "Competence Network",
        "type": PlatformType.NETWORK,
        "themes": None,
        "weight": 1,
    },
]

# Qualifiers for compound names: (fi, sv with an en-word, sv with an ett-word, en).
QUALIFIERS = [
    ("avoin", "öppen", "öppet", "Open"),
    ("arktinen", "arktisk", "arktiskt", "Arctic"),
    ("kansallinen", "nationell", "nationellt", "National"),
    ("alueellinen", "regional", "regionalt", "Regional"),
    ("yhteinen", "gemensam", "gemensamt", "Joint"),
    ("kansainvälinen", "internationell", "internationellt", "International"),
]

# What the services of the data set are called in a sentence: the Finnish object (partitive,
# "tarjoaa yrityksille testausta"), Swedish and English; then a keyword in each language.
SERVICE_PHRASES = {
    "testing": ("testausta", "testning", "testing", "testaus", "testning", "testing"),
    "piloting": ("pilotointia", "pilotering", "piloting", "pilotointi", "pilotering", "piloting"),
    "prototyping": (
        "prototypointia",
        "prototypframtagning",
        "prototyping",
        "prototypointi",
        "prototyper",
        "prototyping",
    ),
    "measurement-analysis": (
        "mittauksia ja analyyseja",
        "mätningar och analyser",
        "measurements and analysis",
        "mittaukset",
        "mätningar",
        "measurements",
    ),
    "rd-partnership": (
        "T&K-kumppanuutta",
        "FoU-partnerskap",
        "R&D partnerships",
        "T&K-yhteistyö",
        "FoU-samarbete",
        "R&D cooperation",
    ),
    "training": ("koulutusta", "utbildning", "training", "koulutus", "utbildning", "training"),
    "data-computing": (
        "data- ja laskentapalveluja",
        "data- och beräkningstjänster",
        "data and computing services",
        "laskenta",
        "beräkning",
        "computing",
    ),
    "business-development": (
        "liiketoiminnan kehittämistä",
        "affärsutveckling",
        "business development",
        "liiketoiminnan kehittäminen",
        "affärsutveckling",
        "business development",
    ),
    "funding-advice": (
        "rahoitusneuvontaa",
        "finansieringsrådgivning",
        "funding advice",
        "rahoitusneuvonta",
        "finansieringsrådgivning",
        "funding advice",
    ),
}

SUMMARY_EXTRA = (
    " Palvelut ovat kaikkien Itä- ja Pohjois-Suomen yritysten käytettävissä.",
    " Tjänsterna står till förfogande för företag i hela Öst- och Nordfinland.",
    " Its services are open to companies across East and North Finland.",
)

# --- text building ------------------------------------------------------------------------------


def upper_first(text):
    """Capitalise the first letter only: ``upper_first("5G-laboratoriet")``, "AI-…" stays."""
    return text[:1].upper() + text[1:]


def fi_compound(first, second):
    """A Finnish compound, hyphenated where the same vowel meets: "vesi-innovaatiokeskus"."""
    if first.endswith("-"):
        return first + second
    if first[-1] == second[0] and first[-1] in "aeiouyäö":
        return f"{first}-{second}"
    return first + second


def and_join(words, conjunction):
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def article(word):
    return "an" if word[0] in "aeiou" else "a"


def build_texts(rng, town, theme, kind, services):
    """Names, summaries and keywords in fi, sv and en for one platform."""
    fi_town, fi_gen, fi_loc, sv_town, *_rest = town
    sv_town = sv_town or fi_town
    can_compound_fi = kind["fi_comp"] and theme["fi_comp"] is not None
    can_compound_sv = kind["sv_comp"] and theme["sv_comp"] is not None
    pattern = rng.randrange(3) if can_compound_fi else 0

    if pattern == 0:  # Kajaanin akkuteknologian laboratorio
        name_fi = f"{fi_gen} {theme['fi_gen']} {kind['fi']}"
        name_sv = f"{upper_first(kind['sv'])} för {theme['sv']} i {sv_town}"
        name_en = f"{fi_town} {theme['en_title']} {kind['en_title']}"
    elif pattern == 1:  # Kajaanin akkulaboratorio
        name_fi = f"{fi_gen} {fi_compound(theme['fi_comp'], kind['fi'])}"
        if can_compound_sv:
            name_sv = f"{upper_first(theme['sv_comp'] + kind['sv_def'])} i {sv_town}"
        else:
            name_sv = f"{upper_first(kind['sv'])} för {theme['sv']} i {sv_town}"
        name_en = f"{fi_town} {theme['en_title']} {kind['en_title']}"
    else:  # Kajaanin avoin akkulaboratorio
        q_fi, q_sv_en, q_sv_ett, q_en = rng.choice(QUALIFIERS)
        q_sv = q_sv_ett if kind["sv_gender"] == "ett" else q_sv_en
        name_fi = f"{fi_gen} {q_fi} {fi_compound(theme['fi_comp'], kind['fi'])}"
        if can_compound_sv:
            name_sv = f"{upper_first(q_sv)} {theme['sv_comp']}{kind['sv']} i {sv_town}"
        else:
            name_sv = f"{upper_first(q_sv)} {kind['sv']} för {theme['sv']} i {sv_town}"
        name_en = f"{fi_town} {q_en} {theme['en_title']} {kind['en_title']}"

    mentioned = services[: rng.randint(1, min(2, len(services)))]
    svc_fi = and_join([s[0] for s in mentioned], "ja")
    svc_sv = and_join([s[1] for s in mentioned], "och")
    svc_en = and_join([s[2] for s in mentioned], "and")
    template = rng.randrange(3)
    if template == 0:
        summary_fi = (
            f"{fi_loc} sijaitseva {theme['fi_gen']} {kind['fi']}, jossa yritykset voivat "
            f"testata ja kehittää uusia tuotteita ja palveluja. Tarjolla on {svc_fi}."
        )
        summary_sv = (
            f"{upper_first(kind['sv'])} för {theme['sv']} i {sv_town} där företag kan testa "
            f"och utveckla nya produkter och tjänster. Här erbjuds {svc_sv}."
        )
        summary_en = (
            f"{upper_first(article(kind['en']))} {kind['en']} for {theme['en']} in {fi_town} "
            f"where companies can test and develop new products and services. "
            f"It offers {svc_en}."
        )
    elif template == 1:
        summary_fi = f"{fi_gen} {theme['fi_gen']} {kind['fi']} tarjoaa yrityksille {svc_fi}."
        summary_sv = (
            f"I {sv_town} finns {kind['sv_gender']} {kind['sv']} för {theme['sv']} "
            f"som erbjuder företag {svc_sv}."
        )
        summary_en = (
            f"In {fi_town}, {article(kind['en'])} {kind['en']} for {theme['en']} "
            f"offers {svc_en} to companies."
        )
        if rng.random() < 0.7:
            summary_fi += SUMMARY_EXTRA[0]
            summary_sv += SUMMARY_EXTRA[1]
            summary_en += SUMMARY_EXTRA[2]
    else:
        summary_fi = (
            f"Yritykset voivat hyödyntää {fi_gen} {theme['fi_gen']} {kind['fi_part']} "
            f"tuotekehityksessään. Tarjolla on {svc_fi}."
        )
        summary_sv = (
            f"Företag kan använda {kind['sv_def']} för {theme['sv']} i {sv_town} i sin "
            f"produktutveckling. Här erbjuds {svc_sv}."
        )
        summary_en = (
            f"Companies can use the {kind['en']} for {theme['en']} in {fi_town} in their "
            f"product development. It offers {svc_en}."
        )
    summary_fi = upper_first(summary_fi)

    themes_kw = rng.sample(range(3), rng.randint(2, 3))
    keywords = []
    for lang, town_name, kind_word, offset in (
        ("fi", fi_town, kind["fi"], 3),
        ("sv", sv_town, kind["sv"], 4),
        ("en", fi_town, kind["en"], 5),
    ):
        words = [theme[f"kw_{lang}"][i] for i in themes_kw]
        words += [kind_word, town_name, *(s[offset] for s in services)]
        keywords.append(", ".join(dict.fromkeys(words)))
    return (name_fi, name_sv, name_en), (summary_fi, summary_sv, summary_en), keywords


# --- the batches -------------------------------------------------------------------------------


@dataclass
class Plan:
    """What every batch needs: id lists read once, and the choices' weights."""

    regions: dict  # region code -> id
    priority_ids: list
    services: list  # (id, phrases as in SERVICE_PHRASES)
    hosts_by_region: dict  # region code -> ids of its own and of national organisations
    towns: list
    seed: int
    now: object
    town_weights: list = field(init=False)
    kind_weights: list = field(init=False)
    themes_for_kind: list = field(init=False)

    def __post_init__(self):
        self.town_weights = [town[7] for town in self.towns]
        self.kind_weights = [kind["weight"] for kind in KINDS]
        self.themes_for_kind = [
            [t for t in THEMES if k["themes"] is None or t["fi"] in k["themes"]] for k in KINDS
        ]


# The plan of the running command; forked worker processes inherit it.
_PLAN = {}


def insert_batch(task):
    """Create platforms ``first``…``first + size - 1`` and their links in one transaction.

    The batch's random numbers come from the seed and the batch's first number, so the result
    does not depend on which process runs the batch, or when.
    """
    first, size = task
    plan = _PLAN["plan"]
    rng = random.Random(f"{plan.seed}:{first}")  # noqa: S311 -- reproducible test data
    new_platform = Builder(InnovationPlatform)
    objects, links = [], []
    kinds = range(len(KINDS))
    for number in range(first, first + size):
        town = rng.choices(plan.towns, plan.town_weights)[0]
        kind_index = rng.choices(kinds, plan.kind_weights)[0]
        kind = KINDS[kind_index]
        theme = rng.choice(plan.themes_for_kind[kind_index])
        services = rng.sample(plan.services, min(rng.randint(1, 3), len(plan.services)))
        names, summaries, keywords = build_texts(
            rng, town, theme, kind, [texts for _pk, texts in services]
        )
        region_hosts = plan.hosts_by_region[town[4]]
        hosts = rng.sample(region_hosts, min(rng.randint(1, 2), len(region_hosts)))
        priorities = rng.sample(plan.priority_ids, min(rng.randint(1, 2), len(plan.priority_ids)))
        latitude = clamp(town[5] + rng.uniform(-JITTER, JITTER), FINLAND_LATITUDE)
        longitude = clamp(town[6] + rng.uniform(-JITTER, JITTER), FINLAND_LONGITUDE)
        objects.append(
            new_platform(
                slug=f"{SLUG_PREFIX}{number:06d}",
                name=names[0],
                name_fi=names[0],
                name_sv=names[1],
                name_en=names[2],
                summary=summaries[0],
                summary_fi=summaries[0],
                summary_sv=summaries[1],
                summary_en=summaries[2],
                keywords=keywords[0],
                keywords_fi=keywords[0],
                keywords_sv=keywords[1],
                keywords_en=keywords[2],
                town=town[0],
                town_fi=town[0],
                town_sv=town[3],
                platform_type=kind["type"].value,
                region_id=plan.regions[town[4]],
                status=Status.PUBLISHED.value,
                first_published=plan.now,
                latitude=Decimal(latitude).quantize(COORDINATE_STEP),
                longitude=Decimal(longitude).quantize(COORDINATE_STEP),
            )
        )
        links.append((hosts, priorities, [pk for pk, _texts in services]))

    new_host = Builder(PlatformHost)
    new_priority = Builder(PlatformPriority)
    new_service = Builder(PlatformService)
    # Finnish is active so that the base columns (name, summary…) get the Finnish text.
    with translation.override("fi"), transaction.atomic():
        InnovationPlatform.objects.bulk_create(objects, batch_size=size)
        if any(obj.pk is None for obj in objects):  # a backend that does not return ids
            slugs = [obj.slug for obj in objects]
            ids = dict(InnovationPlatform.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            for obj in objects:
                obj.pk = ids[obj.slug]
        host_rows, priority_rows, service_rows = [], [], []
        for obj, (host_ids, priority_ids, service_ids) in zip(objects, links, strict=True):
            pk = obj.pk
            host_rows += [new_host(platform_id=pk, organisation_id=i) for i in host_ids]
            priority_rows += [new_priority(platform_id=pk, priority_id=i) for i in priority_ids]
            service_rows += [new_service(platform_id=pk, service_id=i) for i in service_ids]
        PlatformHost.objects.bulk_create(host_rows, batch_size=size)
        PlatformPriority.objects.bulk_create(priority_rows, batch_size=size)
        PlatformService.objects.bulk_create(service_rows, batch_size=size)
    reset_queries()  # with DEBUG on, do not keep every insert's SQL
    return size


# --- the command --------------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Add realistic synthetic platforms (slugs synthetic-NNNNNN) in fi/sv/en for benchmarks, "
        "linked to the loaded organisations, priorities and services. Run load_ip_area first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--platforms", type=int, required=True, help="How many platforms to add."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--batch", type=int, default=2000, help="Platforms per transaction (default 2000)."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes inserting batches side by side on PostgreSQL "
            "(default: the number of CPUs, at most 4; SQLite always uses one).",
        )

    @translation.override("en")  # an operator's command: its report is in English
    def handle(self, *args, platforms, seed, batch, workers, **options):
        if platforms < 1 or batch < 1 or (workers is not None and workers < 1):
            raise CommandError("--platforms, --batch and --workers must be positive.")
        started = time.monotonic()
        plan = read_plan(seed)
        first = next_number()
        tasks = [
            (first + start, min(batch, platforms - start)) for start in range(0, platforms, batch)
        ]
        workers = min(workers or min(os.cpu_count() or 1, 4), len(tasks))
        if (
            connection.vendor != "postgresql"  # SQLite takes one writer at a time
            or connection.in_atomic_block  # other processes would not see the data or roll back
            or "fork" not in mp.get_all_start_methods()
        ):
            workers = 1
        _PLAN["plan"] = plan
        try:
            if workers == 1:
                results = map(insert_batch, tasks)
                self.report_progress(results, platforms, started)
            else:
                connections.close_all()  # each worker opens its own connection
                with mp.get_context("fork").Pool(workers) as pool:
                    self.report_progress(pool.imap(insert_batch, tasks), platforms, started)
        finally:
            _PLAN.clear()

        content_changed()  # bulk inserts send no signals: cached answers are dropped here
        created = time.monotonic() - started
        message = f"Added {platforms} synthetic platforms in {created:.1f} s"
        if hasattr(search, "rebuild_index"):
            search.rebuild_index(
                InnovationPlatform.objects.filter(slug__startswith=SLUG_PREFIX),
                stdout=self.stdout,
            )
            total = time.monotonic() - started
            message += f"; search index rebuilt in {total - created:.1f} s ({total:.1f} s in all)"
        self.stdout.write(self.style.SUCCESS(f"{message}."))

    def report_progress(self, results, total, started):
        done = 0
        for size in results:
            done += size
            elapsed = time.monotonic() - started
            self.stdout.write(f"{done}/{total} synthetic platforms ({elapsed:.1f} s)")


def read_plan(seed):
    """The ids every batch links to, read once; a CommandError if the data set is not loaded."""
    try:
        regions = dict(Region.objects.values_list("code", "pk"))
    except DatabaseError as error:
        raise CommandError(
            "The database has no tables yet: run `python manage.py migrate`, then `load_ip_area`."
        ) from error
    if not regions:
        raise CommandError("No regions in the database: run `python manage.py load_ip_area`.")
    priority_ids = list(Priority.objects.order_by("pk").values_list("pk", flat=True))
    services = list(Service.objects.order_by("pk").values_list("pk", "slug", *NAME_FIELDS))
    organisations = list(Organisation.objects.order_by("pk").values_list("pk", "region_id"))
    if not (priority_ids and services and organisations):
        raise CommandError(
            "Priorities, services or organisations are missing: "
            "run `python manage.py load_ip_area`."
        )
    towns = [town for town in TOWNS if town[4] in regions]
    if not towns:
        raise CommandError("None of the seven regions is loaded: run `load_ip_area`.")
    all_organisations = [pk for pk, _region in organisations]
    hosts_by_region = {}
    for code, region_id in regions.items():
        local = [pk for pk, region in organisations if region in (region_id, None)]
        hosts_by_region[code] = local if len(local) >= 2 else all_organisations
    service_texts = []
    for pk, slug, name_fi, name_sv, name_en in services:
        if slug in SERVICE_PHRASES:
            service_texts.append((pk, SERVICE_PHRASES[slug]))
        else:  # a service this command has no phrases for: its names, as they are
            names = (name_fi, name_sv or name_fi, name_en or name_fi)
            service_texts.append((pk, (*(n[:1].lower() + n[1:] for n in names), *names)))
    return Plan(
        regions=regions,
        priority_ids=priority_ids,
        services=service_texts,
        hosts_by_region=hosts_by_region,
        towns=towns,
        seed=seed,
        now=timezone.now(),
    )


def clamp(value, bounds):
    low, high = bounds
    return min(max(value, low), high)


def next_number():
    """The number after the highest existing ``synthetic-NNNNNN`` slug (1 if there is none)."""
    highest = (
        InnovationPlatform.objects.filter(slug__regex=rf"^{SLUG_PREFIX}[0-9]+$")
        .annotate(number=Cast(Substr("slug", len(SLUG_PREFIX) + 1), IntegerField()))
        .aggregate(highest=Max("number"))["highest"]
    )
    return (highest or 0) + 1
