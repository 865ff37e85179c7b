#!/usr/bin/env python3
"""Agreement between states' votes in the UN General Assembly, as a sourced alignment.

Index of agreement (Lijphart 1963, "The Analysis of Bloc Voting in the General Assembly",
APSR 57(4)): over the roll calls of a session where both states are present, a pair
scores 1 when they cast the same ballot (yes/no/abstain), 0.5 when exactly one abstains,
0 when one votes yes and the other no. The scenario's alignment scale is -1..1, so the
value written is alignment = 2 * agreement - 1 (always agreeing: 1; always opposite: -1).

Data: Voeten, Strezhnev & Bailey, UN General Assembly voting data, doi:10.7910/DVN/LEJUQZ,
as /work/shared/data/unvotes/votes.csv.gz (sessions 1-69; later sessions are withheld
for validation and are not read).

Usage: unga_agreement.py SESSION COUNTRY OTHER [OTHER ...]
Prints one line per OTHER: iso3, roll calls in common, agreement, alignment.
"""
import csv
import gzip
import sys
from pathlib import Path

VOTES = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "unvotes" / "votes.csv.gz"


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 1
    session = int(sys.argv[1])
    if session > 69:
        print("sessions after 69 are withheld for validation", file=sys.stderr)
        return 1
    country = sys.argv[2]
    others = sys.argv[3:]
    wanted = set(others) | {country}
    ballots: dict[str, dict[str, str]] = {c: {} for c in wanted}
    path = VOTES if VOTES.exists() else Path("/work/shared/data/unvotes/votes.csv.gz")
    with gzip.open(path, "rt", newline="") as f:
        for row in csv.DictReader(f):
            if row["session"] != str(session) or row["iso3"] not in wanted:
                continue
            if row["vote"] in ("yes", "no", "abstain"):
                ballots[row["iso3"]][row["rcid"]] = row["vote"]
    mine = ballots[country]
    for other in others:
        theirs = ballots[other]
        common = [r for r in mine if r in theirs]
        if not common:
            print(f"{other} 0 nan nan")
            continue
        score = 0.0
        for r in common:
            a, b = mine[r], theirs[r]
            if a == b:
                score += 1.0
            elif "abstain" in (a, b):
                score += 0.5
        agreement = score / len(common)
        print(f"{other} {len(common)} {agreement:.3f} {2 * agreement - 1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
