"""Property tests of the `zhie serve` API against its own OpenAPI schema (schemathesis): whatever a
client sends that the schema admits or nearly admits, the server answers without a 5xx.

Runs in-process (ASGI, no network), on the shipped model with a store and a review queue, so every
operation is reachable. Bounded: a few dozen generated cases per operation.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
# Import the loader's modules now, on the main thread, before the app's worker threads start: with
# PYTHONDONTWRITEBYTECODE every import compiles its source, and CPython 3.11's AST validator can fail
# ("AST constructor recursion depth mismatch") when two threads compile at once (seen once in CI).
import schemathesis.specs.openapi.schemas  # noqa: E402,F401


def _import_all_of(package) -> None:
    """Import every submodule of ``package`` now, for the reason above: schemathesis imports some lazily
    while cases run (``schemathesis.transport.wsgi`` from ``transport.get``, seen failing once in CI with the
    same SystemError while pytest's assertion rewriter compiled it). Submodules that need absent extras
    are skipped."""
    import importlib
    import pkgutil
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        try:
            importlib.import_module(info.name)
        except Exception:  # an optional integration whose dependency is not installed
            pass


_import_all_of(schemathesis)


def _warm_lambda_sources() -> None:
    """Hypothesis describes each ``.filter(lambda …)`` by parsing the lambda's whole source file, the first
    time, with ``ast.parse``: for schemathesis' coverage module (5,000 lines) that parse ran while the app's
    worker thread was compiling, and CPython 3.11 failed with the same SystemError (seen twice in full runs).
    Parse it here, on the main thread before any worker starts, into hypothesis' cache of parsed sources.
    Internals of hypothesis: if they move, this does nothing and the test runs as before."""
    try:
        import ast
        import inspect

        from hypothesis.internal import lambda_sources
        from schemathesis.specs.openapi.coverage import _schema
        lines = tuple(inspect.findsource(_schema)[0])
        lambda_sources.AST_LAMBDAS_CACHE[lines] = lambda_sources.extract_all_lambdas(ast.parse("".join(lines)))
    except (ImportError, AttributeError, OSError, TypeError):
        pass


_warm_lambda_sources()

from extract.serve.app import Settings, create_app  # noqa: E402

GOLD = Path(__file__).resolve().parent.parent / "annotations" / "gold.jsonl"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("schema")
    pool = tmp / "pool.jsonl"
    with open(pool, "w", encoding="utf-8") as f:
        for line in GOLD.read_text(encoding="utf-8").splitlines()[:3]:
            rec = json.loads(line)
            f.write(json.dumps({"id": rec["id"], "text": rec["text"][:2000]}, ensure_ascii=False) + "\n")
    app = create_app(Settings(workers=0, store=str(tmp / "store"), review=str(pool), max_chars=5000,
                              max_body=100_000, max_docs=20, timeout=60))
    with TestClient(app) as client:  # runs the lifespan: the worker and the review ranking
        for _ in range(600):
            if client.get("/v1/review").status_code == 200:
                break
            time.sleep(0.1)
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
