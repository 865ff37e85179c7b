#!/usr/bin/env python3
"""Regenerate the UN General Assembly alignments of the Pakistan case library.

Every `alignment` between two UN member states in cases/pakistan/ is the estimate that
`statecraft unga alignment` prints (2-D dynamic ideal points of the ten sessions ending at
the session; alignment = 1 - 2 distance / widest distance between two states). The
estimate is symmetric, so both directions of a pair get the same value, computed with
`--country` = the first state of the pair as listed in PAIRS below.

Data: Voeten, Strezhnev & Bailey, UN General Assembly voting data, doi:10.7910/DVN/LEJUQZ
(../shared/data/unvotes/, sessions 1-69).

Usage (from the repository root, after building):
  python3 cases/pakistan/tools/unga_alignments.py [--sessions 61-69] [--cache FILE]
Prints, for the first session, the value of each pair (world.yaml's relations on its date,
2008-01-01), and for each later session an `events:` entry for world.yaml dated the day
after the session's last recorded roll call. One CLI call per (session, country): a few
seconds each. With --cache, values already in FILE (JSON) are reused and new ones added.
"""
import argparse
import csv
import datetime
import gzip
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / ".." / "shared" / "data" / "unvotes"

# The directed relations between UN member states that carry an `alignment` in world.yaml
# (only these are set: a direction the case library does not record is not created).
DIRECTED = """CHN-PAK PAK-CHN USA-PAK PAK-USA PAK-IND IND-PAK USA-IND IND-USA CHN-IND IND-CHN RUS-IND
IND-RUS RUS-PAK USA-CHN CHN-USA USA-RUS SAU-PAK PAK-SAU ARE-PAK PAK-ARE ARE-IND SAU-IND TUR-PAK
PAK-TUR AZE-PAK MYS-PAK IRN-PAK PAK-IRN IRN-IND USA-SAU USA-ARE USA-TUR USA-JPN USA-GBR USA-IRN
CHN-RUS CHN-IRN CHN-SAU IND-IRN IND-ARE IND-SAU PAK-AFG PAK-MYS PAK-AZE""".split()

# The same relations as unordered pairs, grouped by the state passed as --country.
PAIRS = {
    "PAK": ["CHN", "USA", "IND", "RUS", "SAU", "ARE", "TUR", "AZE", "MYS", "IRN", "AFG"],
    "USA": ["IND", "CHN", "RUS", "SAU", "ARE", "TUR", "JPN", "GBR", "IRN"],
    "IND": ["CHN", "RUS", "ARE", "SAU", "IRN"],
    "CHN": ["RUS", "IRN", "SAU"],
}


def source(session: int, country: str) -> str:
    return (f"UN General Assembly session {session} ideal points (statecraft unga alignment "
            f"--country {country} --session {session}); Voeten et al. doi:10.7910/DVN/LEJUQZ")


def last_roll_call(session: int) -> datetime.date:
    last = None
    with gzip.open(DATA / "roll_calls.csv.gz", "rt", newline="") as f:
        for row in csv.DictReader(f):
            if row["session"] == str(session):
                day = datetime.date.fromisoformat(row["date"])
                last = day if last is None or day > last else last
    if last is None:
        raise SystemExit(f"no roll call in session {session}")
    return last


def alignments(binary: Path, session: int, country: str) -> dict:
    out = subprocess.run(
        [str(binary), "unga", "alignment", "--votes", str(DATA / "votes.csv.gz"), "--roll-calls",
         str(DATA / "roll_calls.csv.gz"), "--country", country, "--session", str(session),
         "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    states = json.loads(out)["states"]
    return {s["iso3"]: s["alignment"] for s in states if s["iso3"] in PAIRS[country]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="61-69")
    parser.add_argument("--statecraft", default=str(ROOT / "build" / "bin" / "statecraft"))
    parser.add_argument("--cache", help="JSON file of values already computed")
    args = parser.parse_args()
    first, last = (int(x) for x in args.sessions.split("-"))
    cache = {}
    if args.cache and Path(args.cache).exists():
        cache = json.loads(Path(args.cache).read_text())
    pairs = {frozenset((c, p)) for c, ps in PAIRS.items() for p in ps}
    if pairs != {frozenset(d.split("-")) for d in DIRECTED} or sum(map(len, PAIRS.values())) != len(pairs):
        raise SystemExit("PAIRS and DIRECTED disagree")
    for session in range(first, last + 1):
        for country in PAIRS:
            key = f"{session}:{country}"
            if key not in cache:
                print(f"session {session}, --country {country} ...", file=sys.stderr)
                cache[key] = alignments(Path(args.statecraft), session, country)
                if args.cache:
                    Path(args.cache).write_text(json.dumps(cache, indent=1, sort_keys=True))
            missing = set(PAIRS[country]) - set(cache[key])
            if missing:
                raise SystemExit(f"session {session}: no estimate for {country} with {sorted(missing)}")
    for session in range(first, last + 1):
        if session == first:
            print(f"# relations on world.yaml's date: session {session}")
            for country, partners in PAIRS.items():
                for partner in partners:
                    value = cache[f"{session}:{country}"][partner]
                    print(f"{country} {partner} {value:.2f}  # {source(session, country)}")
            continue
        day = last_roll_call(session) + datetime.timedelta(days=1)
        print(f"  - date: {day.isoformat()}")
        print(f"    description: \"UN General Assembly session {session} closed (last recorded roll call "
              f"{day - datetime.timedelta(days=1)}): alignments between member states set to its estimates "
              f"(cases/pakistan/tools/unga_alignments.py)\"")
        print(f"    source: \"UN General Assembly session {session} ideal points (statecraft unga alignment "
              f"--country PAK|USA|IND|CHN --session {session}); Voeten et al. doi:10.7910/DVN/LEJUQZ\"")
        print("    changes:")
        for country, partners in PAIRS.items():
            for partner in partners:
                value = cache[f"{session}:{country}"][partner]
                for a, b in ((country, partner), (partner, country)):
                    if f"{a}-{b}" not in DIRECTED:
                        continue
                    print(f"      - {{change: set_relation, from: {a}, to: {b}, dimension: alignment, "
                          f"value: {value:.2f}}}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
