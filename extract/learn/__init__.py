"""Training: everything that turns annotated data into a model folder.

:mod:`.train` (``zhie train``: retrain or fine-tune the NER on SCHEMA JSONL, Label Studio or
doccano data), :mod:`.ner` (the char+bigram CNN-CRF: corpora and label maps, the torch model,
the training loop, masked-character pretraining, its scorer and speed check), :mod:`.mentions`,
:mod:`.relations`, :mod:`.events` and :mod:`.facts` (the learned match filter, relation, FUNDING
and fact components of a model folder, trained on the entities the pipeline finds),
:mod:`.spacy_ner` (the spaCy NER trained on the same data, kept as a comparison).

Imports: the core, :mod:`extract.stages` (the inference code a trained model runs on),
:mod:`extract.io` (reading annotations, writing model folders) and :mod:`extract.eval` (scoring
during training). Nothing outside ``extract.learn`` imports it, except the CLI.
"""


def missing_files(paths) -> list:
    """The paths that are not files, each reported on stderr as ``error: PATH: no such file``
    (the trainers' command lines exit with status 2 when there are any)."""
    import sys
    from pathlib import Path

    bad = [p for p in paths if not Path(p).is_file()]
    for p in bad:
        print(f"error: {p}: no such file", file=sys.stderr)
    return bad


def named_thresholds(ap, flag: str, items, name: str, example: str) -> dict:
    """``NAME=NUMBER`` items of a trainer's command line (``--type-threshold in_industry=0.35``, ``--source-threshold
    echo=0.4``) as ``{NAME: NUMBER}``. An item without a name or a number, or with a number outside [0, 1], ends the
    command through ``ap.error`` naming it (``name``: the placeholder its message shows, TYPE or SOURCE)."""
    out = {}
    for item in items:
        key, _, value = item.partition("=")
        try:
            if not key:
                raise ValueError(item)
            out[key] = float(value)
        except ValueError:
            ap.error(f"{flag} wants {name}=NUMBER ({example}), not {item!r}")
        if not 0 <= out[key] <= 1:
            ap.error(f"{flag} wants {name}=NUMBER between 0 and 1 ({example}), not {item!r}")
    return out


def shown_path(path) -> str:
    """``path`` relative to the repository where it lies inside it (so a trained file names the same data on every
    machine), else resolved."""
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    path = Path(path).resolve()
    return str(path.relative_to(repo)) if path.is_relative_to(repo) else str(path)


def fold_of(doc_id, folds: int) -> int:
    """The cross-fitting fold of a document (0 … ``folds`` - 1), fixed by its id alone."""
    import hashlib

    return int(hashlib.sha256(str(doc_id).encode("utf-8")).hexdigest(), 16) % folds


def crossfit_folders(model):
    """The fold model folders of a *cross-fitting file* (JSON: ``{"folds": K, "models": [M0, …]}``, folders relative
    to the file), in fold order; None when ``model`` is not such a file (a model folder or name, or None).
    Raises ``ValueError`` naming the file when it is JSON but not of that form."""
    import json
    from pathlib import Path

    if model is None or not (str(model).endswith(".json") and Path(model).is_file()):
        return None
    spec_path = Path(model)
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    if not isinstance(spec, dict) or not isinstance(spec.get("folds"), int) or len(spec.get("models", [])) != spec["folds"]:
        raise ValueError(f"{model}: not a cross-fitting file (JSON with \"folds\": K and K \"models\")")
    return [(spec_path.parent / m).resolve() for m in spec["models"]]


def pipe_predicted(model, items, **load_kw) -> list:
    """Documents for ``items`` (``(text, id)`` pairs) run through ``model``, in order.

    The learned classifiers (relations, FUNDING, facts) train on the entities the pipeline itself finds.
    On their own training documents an NER that was trained on them finds nearly the gold entities, so a
    classifier learns to trust entities more than it may on new text. ``model`` may therefore be a
    *cross-fitting file* (:func:`crossfit_folders`): a document of fold ``k`` (:func:`fold_of`) runs through
    ``models[k]``, whose NER was trained without fold ``k``'s documents (``evaluation/crossfit_ner.py`` writes
    one). Otherwise ``model`` is a model folder or name for :func:`extract.pipeline.load`. ``load_kw``: passed to
    ``load`` (``exclude``, overrides).
    """
    from extract.pipeline import load

    items = list(items)
    folders = crossfit_folders(model)
    if folders is None:
        return list(load(model, **load_kw).pipe(items))
    k = len(folders)
    out = [None] * len(items)
    for f, folder in enumerate(folders):
        nlp = load(str(folder), **load_kw)
        idx = [i for i, (_, doc_id) in enumerate(items) if fold_of(doc_id, k) == f]
        for i, doc in zip(idx, nlp.pipe([items[i] for i in idx])):
            out[i] = doc
    return out
