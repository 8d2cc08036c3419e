"""scrapelint inside data pipelines that run beyond one machine.

- ``scrapelint.integrations.datatrove``: pipeline steps for datatrove (a filter, an annotator, a fixer),
  run by its Local, Slurm and Ray executors (``pip install 'scrapelint[datatrove]'``);
- ``scrapelint.integrations.dask``: lint and fix Dask bags of records and Dask dataframes
  (``pip install 'scrapelint[dask]'``);
- ``scrapelint.integrations.records``: what they share, without any optional dependency.

Every integration checks a record exactly as ``scrapelint check corpus.jsonl`` does (the same function,
the same document name, the same configuration), so their findings and fixes are the command's.
"""
