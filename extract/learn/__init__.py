"""Training: everything that turns annotated data into a model folder.

:mod:`.train` (``zhie train``: retrain or fine-tune the NER on SCHEMA JSONL, Label Studio or
doccano data), :mod:`.ner` (the char+bigram CNN-CRF: corpora and label maps, the torch model,
the training loop, its scorer and speed check), :mod:`.relations`, :mod:`.events` and :mod:`.facts`
(the learned relation, FUNDING and fact components of a model folder, trained on the entities the
pipeline finds), :mod:`.spacy_ner` (the spaCy NER trained on the same data, kept as a comparison).

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
