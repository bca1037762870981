"""The pipeline stages: each module (or subpackage) is one ``Document -> Document`` step.

In pipeline order: :mod:`.basic` (normalize.v1, segment.v1, and after the recognizers
entity_filter.v1, merge.v1), :mod:`.segment` (sentences and jieba tokens), :mod:`.tables`,
:mod:`.recognizers` (figures, dates, ranks, policy titles, legal company names), :mod:`.gazetteer`,
:mod:`.ner` (the neural recognizer's numpy inference), :mod:`.mentions` (the learned filter of gazetteer
INDUSTRY matches), :mod:`.latin_names` (the learned type of names in Latin script), :mod:`.propagate`, :mod:`.relations`,
:mod:`.events` (FUNDING), :mod:`.facts` (METRIC/RANKING). Each registers its factories in
:data:`extract.registry.components` under the names that a model's ``config.json`` uses.

Imports: the core only (``extract.doc``, ``extract.registry``, ``extract.config``,
``extract.textnorm``) and other stages. Never ``extract.learn``, ``extract.eval``, ``extract.io``
or the CLI. A stage that learns from gold at ``Pipeline.learn`` time (the gazetteer's names, the
fact chooser, the relation classifier) keeps its small fitter beside its model; the trainers of
the neural models live in :mod:`extract.learn`.
"""
