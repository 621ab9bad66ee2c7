"""Finding a time zone from what a patient types: a city, a country or a zone name."""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

ALIASES: dict[str, tuple[str, ...]] = {
    "uk": ("Europe/London",), "england": ("Europe/London",), "scotland": ("Europe/London",),
    "wales": ("Europe/London",), "britain": ("Europe/London",), "ireland": ("Europe/Dublin",),
    "gmt": ("Europe/London",), "bst": ("Europe/London",), "utc": ("UTC",),
    "cet": ("Europe/Paris",), "germany": ("Europe/Berlin",), "france": ("Europe/Paris",),
    "spain": ("Europe/Madrid",), "italy": ("Europe/Rome",), "netherlands": ("Europe/Amsterdam",),
    "poland": ("Europe/Warsaw",), "portugal": ("Europe/Lisbon",), "greece": ("Europe/Athens",),
    "turkey": ("Europe/Istanbul",), "ukraine": ("Europe/Kyiv",), "kiev": ("Europe/Kyiv",),
    "india": ("Asia/Kolkata",), "ist": ("Asia/Kolkata",), "delhi": ("Asia/Kolkata",),
    "mumbai": ("Asia/Kolkata",), "dubai": ("Asia/Dubai",), "uae": ("Asia/Dubai",),
    "japan": ("Asia/Tokyo",), "china": ("Asia/Shanghai",), "beijing": ("Asia/Shanghai",),
    "korea": ("Asia/Seoul",), "israel": ("Asia/Jerusalem",), "tel aviv": ("Asia/Jerusalem",),
    "eastern": ("America/New_York",), "est": ("America/New_York",), "edt": ("America/New_York",),
    "central": ("America/Chicago",), "cst": ("America/Chicago",), "cdt": ("America/Chicago",),
    "mountain": ("America/Denver",), "mst": ("America/Denver",), "mdt": ("America/Denver",),
    "pacific": ("America/Los_Angeles",), "pst": ("America/Los_Angeles",),
    "pdt": ("America/Los_Angeles",), "san francisco": ("America/Los_Angeles",),
    "washington": ("America/New_York",), "boston": ("America/New_York",),
    "miami": ("America/New_York",), "atlanta": ("America/New_York",),
    "dallas": ("America/Chicago",), "houston": ("America/Chicago",),
    "seattle": ("America/Los_Angeles",), "las vegas": ("America/Los_Angeles",),
    "usa": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "us": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "canada": ("America/Toronto", "America/Winnipeg", "America/Edmonton", "America/Vancouver"),
    "australia": ("Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide",
                  "Australia/Perth"),
    "brazil": ("America/Sao_Paulo",), "mexico": ("America/Mexico_City",),
}
MAX_CHOICES = 6


@cache
def _cities() -> dict[str, tuple[str, ...]]:
    """'new york' -> ('America/New_York',), from the last part of every zone name."""
    found: dict[str, list[str]] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/", "posix/", "right/")) or "/" not in name:
            continue
        city = name.rsplit("/", 1)[1].replace("_", " ").lower()
        found.setdefault(city, []).append(name)
    return {city: tuple(zones) for city, zones in found.items()}


def is_valid(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def find_timezones(text: str) -> list[str]:
    """Zone names that fit, best first; empty when nothing does."""
    cleaned = re.sub(r"\s+", " ", text.strip()).strip(" .,!")
    if not cleaned or len(cleaned) > 64:
        return []
    exact = {name.lower(): name for name in available_timezones()}
    if cleaned.replace(" ", "_").lower() in exact:
        return [exact[cleaned.replace(" ", "_").lower()]]
    key = cleaned.lower()
    if key in ALIASES:
        return list(ALIASES[key])
    cities = _cities()
    if key in cities:
        return list(cities[key])
    if len(key) >= 4:
        starts = [zone for city, zones in cities.items() if city.startswith(key) for zone in zones]
        return starts[:MAX_CHOICES]
    return []
