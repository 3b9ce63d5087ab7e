"""``python -m immunobook.data validate [FOLDER]``: check a data package (default: the book's ``data/``).

Exits 0 when it is valid; otherwise prints one line per problem and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from immunobook.data import data_dir, validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m immunobook.data", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("validate", help="check every file of the data package")
    command.add_argument("folder", nargs="?", type=Path, help="the folder holding datapackage.json")
    args = parser.parse_args(argv)
    try:
        folder = args.folder or data_dir()
    except FileNotFoundError as error:
        print(f"data/datapackage.json: {error}", file=sys.stderr)
        return 1
    problems = validate(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the data package in {folder}", file=sys.stderr)
        return 1
    print(f"The data package in {folder} is valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
