"""The `zhie` command line. Each command is a thin wrapper over an importable function."""
from __future__ import annotations

import argparse
import logging
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="zhie", description="ZhIE: information extraction from Chinese text")
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(sub)
    _add_tokenize(sub)
    for add in _optional_commands():
        add(sub)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except (FileNotFoundError, FileExistsError, ValueError, KeyError, ImportError) as e:
        print(f"zhie {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `zhie extract … | head`: the reader left; records stream, so this is normal
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 141


def _version():
    from extract import __version__
    return f"zhie {__version__}"


def _optional_commands():
    """`add_cli(subparsers)` of each module that brings its own command (imported only for the CLI)."""
    from extract.io import annotations
    from extract.eval import bench
    from extract.eval import evaluate
    from extract.learn import train
    from extract.serve import command as serve
    from extract.spark import job as spark_job
    return [evaluate.add_cli, bench.add_cli, train.add_cli, annotations.add_cli, serve.add_cli, spark_job.add_cli]


def _add_extract(sub):
    p = sub.add_parser("extract", help="extract entities, events and facts from documents",
                       description="Extract from .txt/.md files, folders (recursive), .jsonl files "
                                   "({\"id\",\"text\"} per line) or - for stdin. One record per document, "
                                   "in input order; failed documents get a record with \"error\".")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", default=None, help="output file (default: stdout)")
    p.add_argument("--format", choices=("jsonl", "csv", "pretty"), default="jsonl")
    p.add_argument("--model", default=None,
                   help="model folder, or 'rules' for the rules-only pipeline (default: models/default)")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="worker processes, each loading the model once (default 1); records stay in input order "
                        "and identical to a one-process run")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument("--max-chars", type=int, default=None, metavar="N",
                   help="a document longer than N characters gets an error record instead of being processed")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run: keep the whole records already in -o OUT, skip their "
                        "documents, drop a torn last line and redo its document")
    p.set_defaults(func=_run_extract)


def _add_tokenize(sub):
    p = sub.add_parser("tokenize", help="word tokens that never cross an extracted entity",
                       description="Tokenize .txt/.md files, folders, .jsonl files or - for stdin (read as by "
                                   "`zhie extract`). --format words: one output line per input line, words "
                                   "separated by single spaces (the SIGHAN bakeoff format); --format jsonl: one "
                                   "record per document with token offsets.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", default=None, help="output file (default: stdout)")
    p.add_argument("--format", choices=("words", "jsonl"), default="words")
    p.add_argument("--model", default=None, help="model folder (default: models/default)")
    p.add_argument("--no-entities", action="store_true",
                   help="the segmenter's words alone, without cutting at entity boundaries (faster)")
    p.set_defaults(func=_run_tokenize)


def _run_tokenize(args) -> int:
    from extract.run import tokenize
    summary = tokenize(args.inputs, out=args.output, format=args.format, model=args.model,
                       entities=not args.no_entities)
    for doc_id, err in summary.errors:
        print(f"zhie tokenize: {doc_id}: {err}", file=sys.stderr)
    print(f"zhie tokenize: {summary.documents} documents ({summary.chars} chars), {summary.failed} failed"
          + (f" → {args.output}" if args.output else ""), file=sys.stderr)
    return 1 if summary.failed else 0


def _run_extract(args) -> int:
    from extract.run import extract
    summary = extract(args.inputs, out=args.output, format=args.format, model=args.model,
                      batch_size=args.batch_size, progress=False if args.no_progress else None,
                      max_chars=args.max_chars, resume=args.resume, jobs=args.jobs)
    for doc_id, err in summary.errors:
        print(f"zhie extract: {doc_id}: {err}", file=sys.stderr)
    if args.resume:
        print(f"zhie extract: resumed: {summary.skipped} documents already done"
              + (f", a torn last line ({summary.dropped_bytes} bytes) dropped and redone"
                 if summary.dropped_bytes else ""), file=sys.stderr)
    print(f"zhie extract: {summary.documents} documents ({summary.chars} chars), {summary.failed} failed"
          + (f" → {args.output}" if args.output else ""), file=sys.stderr)
    return 1 if summary.failed else 0
