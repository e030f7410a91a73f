"""The 16 Länder of Germany by their official key (Landesschlüssel: the first two digits of every Kreis key,
AGS and ARS), as the statistical offices number them. Used where an atlas names its Land: `atlas init`
checks a key against the Land given, the HSDS export writes the Land of every address."""

from __future__ import annotations

LAENDER = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen", "05": "Nordrhein-Westfalen",
    "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg", "09": "Bayern", "10": "Saarland",
    "11": "Berlin", "12": "Brandenburg", "13": "Mecklenburg-Vorpommern", "14": "Sachsen", "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

# Landesschlüssel → ISO 3166-2 subdivision code (DE-BB …) without the country prefix, as the `holidays` package names the Länder
LAND_CODES = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP", "08": "BW", "09": "BY", "10": "SL",
    "11": "BE", "12": "BB", "13": "MV", "14": "SN", "15": "ST", "16": "TH",
}
