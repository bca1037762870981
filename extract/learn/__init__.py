"""Training: everything that turns annotated data into a model folder.

:mod:`.train` (``zhie train``: retrain or fine-tune the NER on SCHEMA JSONL, Label Studio or
doccano data), :mod:`.ner` (the char+bigram CNN-CRF: corpora and label maps, the torch model,
the training loop, its scorer and speed check), :mod:`.spacy_ner` (the spaCy NER trained on the
same data, kept as a comparison).

Imports: the core, :mod:`extract.stages` (the inference code a trained model runs on),
:mod:`extract.io` (reading annotations, writing model folders) and :mod:`extract.eval` (scoring
during training). Nothing outside ``extract.learn`` imports it, except the CLI.
"""
