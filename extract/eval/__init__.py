"""Measuring: scoring against gold, cross-validation, error reports, speed, baselines.

:mod:`.evaluate` (SCHEMA §6 scorer, ``zhie evaluate``, leave-one-document-out folds and error
reports), :mod:`.bench` (``zhie bench``: load time, per-stage and end-to-end speed, memory and
scaling against jieba), :mod:`.baselines` (the jieba.posseg peer baseline, a registered component).

Imports: the core, :mod:`extract.stages` and :mod:`extract.io`. Never :mod:`extract.learn` or the CLI.
"""
