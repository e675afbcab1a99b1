"""Writes institutions.csv: the portal's own sample list of higher-education institutions.

The real system uses the IAU/UNESCO list, which may not be copied. This list is made up: invented name
patterns crossed with real city and country names, with identifiers in the style of that list
(``IAU-012345``). It is deterministic (a fixed seed), so running the script again gives the same file.

    python reference_portal/data/make_institutions.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUTPUT = Path(__file__).with_name("institutions.csv")
OTHER = ("IAU-000000", "Other/I cannot find my school", "")
SEED = 2026

# Country (as in messages.COUNTRIES) → a few of its real cities.
CITIES = {
    "Afrique du Sud": ("Le Cap", "Johannesburg", "Durban"),
    "Algérie": ("Alger", "Oran", "Constantine"),
    "Allemagne": ("Berlin", "Munich", "Hambourg", "Leipzig"),
    "Argentine": ("Buenos Aires", "Córdoba", "Rosario"),
    "Australie": ("Sydney", "Melbourne", "Perth"),
    "Belgique": ("Bruxelles", "Liège", "Gand", "Namur"),
    "Bénin": ("Cotonou", "Porto-Novo", "Parakou"),
    "Brésil": ("São Paulo", "Rio de Janeiro", "Recife"),
    "Burkina Faso": ("Ouagadougou", "Bobo-Dioulasso"),
    "Cameroun": ("Yaoundé", "Douala", "Garoua"),
    "Canada": ("Montréal", "Québec", "Ottawa", "Sherbrooke"),
    "Chili": ("Santiago", "Valparaíso"),
    "Colombie": ("Bogota", "Medellín", "Cali"),
    "Côte d'Ivoire": ("Abidjan", "Bouaké", "Yamoussoukro"),
    "Égypte": ("Le Caire", "Alexandrie"),
    "Espagne": ("Madrid", "Barcelone", "Séville", "Valence"),
    "États-Unis": ("New York", "Boston", "Chicago", "Paris (Texas)"),
    "France": ("Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux", "Lille", "Nantes", "Strasbourg"),
    "Gabon": ("Libreville", "Port-Gentil"),
    "Ghana": ("Accra", "Kumasi"),
    "Haïti": ("Port-au-Prince", "Cap-Haïtien"),
    "Inde": ("New Delhi", "Bombay", "Calcutta"),
    "Italie": ("Rome", "Milan", "Bologne", "Naples"),
    "Japon": ("Tokyo", "Kyoto", "Osaka"),
    "Kenya": ("Nairobi", "Mombasa"),
    "Liban": ("Beyrouth", "Tripoli"),
    "Madagascar": ("Antananarivo", "Toamasina"),
    "Mali": ("Bamako", "Ségou"),
    "Maroc": ("Rabat", "Casablanca", "Fès", "Marrakech"),
    "Mexique": ("Mexico", "Guadalajara", "Monterrey"),
    "Niger": ("Niamey", "Zinder"),
    "Pays-Bas": ("Amsterdam", "Utrecht", "Leyde"),
    "Royaume-Uni": ("Londres", "Manchester", "Édimbourg"),
    "Rwanda": ("Kigali", "Huye"),
    "Sénégal": ("Dakar", "Saint-Louis", "Thiès", "Ziguinchor"),
    "Suisse": ("Genève", "Lausanne", "Zurich", "Berne"),
    "Togo": ("Lomé", "Kara"),
    "Tunisie": ("Tunis", "Sfax", "Sousse"),
    "Viet Nam": ("Hanoï", "Hô Chi Minh-Ville"),
}

# Invented patterns; {city} and {country} are filled in. "de" before a vowel becomes "d'".
CITY_PATTERNS = (
    "Université de {city}",
    "Institut polytechnique de {city}",
    "École supérieure de commerce de {city}",
    "Institut des sciences politiques de {city}",
    "École nationale d'ingénieurs de {city}",
    "Faculté de médecine de {city}",
    "Institut supérieur de gestion de {city}",
    "Conservatoire des arts et techniques de {city}",
    "{city} Institute of Technology",
    "{city} School of Public Health",
)
COUNTRY_PATTERNS = (
    "Université nationale ({country})",
    "Institut national d'administration publique ({country})",
    "École normale supérieure ({country})",
)


def _elide(name: str) -> str:
    """French elision: « de Abidjan » reads « d'Abidjan »."""
    for vowel in "AEIOUYÉÈÂÎÔH":
        name = name.replace(f" de {vowel}", f" d'{vowel}")
    return name


def institutions() -> list[tuple[str, str, str]]:
    rng = random.Random(SEED)
    names: list[tuple[str, str]] = []
    for country, cities in CITIES.items():
        for city in cities:
            # Each city gets a deterministic share of the patterns, the first one always (the example « Paris »).
            patterns = [CITY_PATTERNS[0], *rng.sample(CITY_PATTERNS[1:], k=rng.randint(3, 6))]
            names.extend((_elide(p.format(city=city)), country) for p in patterns)
        names.extend((p.format(country=country), country) for p in COUNTRY_PATTERNS)
    seen: set[str] = set()
    unique = [(n, c) for n, c in names if not (n in seen or seen.add(n))]
    numbers = rng.sample(range(1, 100000), k=len(unique))
    rows = [(f"IAU-{number:06d}", name, country) for number, (name, country) in zip(numbers, unique, strict=True)]
    return [OTHER, *sorted(rows)]


def main() -> None:
    with OUTPUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(("id", "name", "country"))
        writer.writerows(institutions())


if __name__ == "__main__":
    main()
