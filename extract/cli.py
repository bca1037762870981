"""The `zhie` command line. Each command is a thin wrapper over an importable function."""
from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="zhie", description="ZhIE: information extraction from Chinese text")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args) or 0


def _version():
    from . import __version__
    return f"zhie {__version__}"
