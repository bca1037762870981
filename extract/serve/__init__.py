"""`zhie serve`: the HTTP API and the browser page for reading, correcting and retraining from extractions.

:mod:`.app` (the FastAPI application: ``/v1/extract``, ``/v1/extract/file``, ``/v1/health``,
``/v1/model``, the annotation store, the review queue, exports, the page at ``/``), :mod:`.models`
(pydantic models that mirror SCHEMA.md, for validation and the OpenAPI schema), :mod:`.worker` (what
runs in the worker processes: the model is loaded once per worker), :mod:`.store` (the annotation
store, a folder of SCHEMA JSONL that ``zhie train --data`` reads), :mod:`.review` (the review queue,
ranked by the NER's uncertainty), ``static/`` (the page: plain HTML, CSS and JavaScript, no build
step). FastAPI, uvicorn and python-multipart come with the ``serve`` extra
(``pip install -e ".[serve]"``); nothing else in ``extract`` imports this package.

Imports: anything in ``extract`` (this is the CLI level); never imported by the core, stages, io,
eval or learn.
"""
