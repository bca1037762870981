"""``zhie serve``: the command line over :func:`serve` (FastAPI and uvicorn are imported only when it runs)."""
from __future__ import annotations

import sys


def serve(host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning", **settings) -> None:
    """Run the HTTP API and the page until interrupted; ``settings`` are :class:`extract.serve.app.Settings` fields."""
    try:
        import uvicorn

        from extract.serve.app import Settings, create_app
    except ImportError as e:
        raise ValueError(f"zhie serve needs the serve extra ({e.name} is missing): "
                         f"python -m pip install -e \".[serve]\"") from None
    app = create_app(Settings(**settings))
    print(f"zhie serve: http://{host}:{port}/ (API docs at /docs); model "
          f"{settings.get('model') or 'models/default'}, {settings.get('workers')} worker(s)", file=sys.stderr,
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5)


def add_cli(subparsers) -> None:
    p = subparsers.add_parser("serve", help="HTTP API and browser page: read, correct and save extractions",
                              description="Serve POST /v1/extract (and /v1/extract/file), the page at /, the "
                                          "annotation store and the review queue. OpenAPI at /docs.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--model", default=None, help="model folder, or 'rules' (default: models/default)")
    p.add_argument("--workers", type=int, default=1,
                   help="worker processes, each loading the model once (0: one thread in the server process)")
    p.add_argument("--max-chars", type=int, default=200_000, help="longest document accepted (413 beyond)")
    p.add_argument("--max-body", type=int, default=20_000_000, help="largest request body in bytes (413 beyond)")
    p.add_argument("--max-docs", type=int, default=1000, help="most documents per batch or uploaded file")
    p.add_argument("--backlog", type=int, default=64,
                   help="jobs that may wait for a worker; beyond that requests get 503 with Retry-After")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per request (504 beyond)")
    p.add_argument("--batch-size", type=int, default=16, help="documents per worker job")
    p.add_argument("--store", default=None, help="annotation store folder (Save on the page writes SCHEMA JSONL here; "
                                                 "zhie train --data reads it)")
    p.add_argument("--review", default=None, metavar="FOLDER_OR_JSONL",
                   help="unlabelled texts for the review queue, offered most uncertain first")
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(func=_cli_serve)


def _cli_serve(args) -> int:
    if args.workers < 0:
        raise ValueError("--workers must be 0 or more")
    serve(host=args.host, port=args.port, log_level=args.log_level, model=args.model, workers=args.workers,
          max_chars=args.max_chars, max_body=args.max_body, max_docs=args.max_docs, backlog=args.backlog,
          timeout=args.timeout, batch_size=args.batch_size, store=args.store, review=args.review)
    return 0
