"""Reading and writing: input documents, output records and annotation formats.

:mod:`.readers` (files, folders, JSONL and stdin, with encoding detection; JSONL writing),
:mod:`.writers` (CSV and the pretty format), :mod:`.formats` (Label Studio, doccano and
``datasets`` conversion), :mod:`.annotations` (validating gold files, ``zhie annotations``),
:mod:`.fsutil` (atomic folder replacement).

Imports: the core (``extract.doc``, ``extract.textnorm``, ``extract.config``) and, for the token/BIO
views of gold data, the sentence splitter and tokenizer of :mod:`extract.stages.segment`. Never
``extract.learn``, ``extract.eval`` or the CLI.
"""
