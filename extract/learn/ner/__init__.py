"""Training the neural NER (the inference side is :mod:`extract.stages.ner`).

:mod:`.data` reads the public corpora and maps their labels (``label_map.json``), :mod:`.model` is
the torch twin of the numpy tagger, :mod:`.train` the training loop and model-folder writer,
:mod:`.score` and :mod:`.evaluate` the span scorer and held-out evaluation, :mod:`.speed` the
one-thread speed check shared with the spaCy comparison.
"""
