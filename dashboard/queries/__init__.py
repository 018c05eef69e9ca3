"""The query layer: DuckDB over the processed dataset's Parquet tables.

`Dataset` (dataset.py) opens a dataset folder; the modules below take a `Dataset`, a
`Filters` (filters.py) and plain values, run SQL with every value bound as a parameter, and
return small DataFrames or dicts. They are pure functions of the dataset's contents; the
pages cache them by dataset fingerprint and arguments.

corpus.py (overview, sidebar choices) · timeline.py · sources.py · entities.py ·
articles.py · search.py (Arabic-aware match and keyword in context) · logodds.py
"""
