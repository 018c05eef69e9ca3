"""The one place query results are cached (the query functions themselves stay pure).

`run(fn, *args, **kwargs)` calls a query function `fn(dataset, *args, **kwargs)` from
`dashboard.queries.*` through `st.cache_data`, keyed by the dataset folder, its
fingerprint (which changes whenever the dataset is rewritten), the function and its
arguments (Filters is a frozen dataclass, so it hashes by value). The open Dataset (a DuckDB
connection with its views) is shared across sessions with `st.cache_resource`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import streamlit as st

from dashboard.dataset.store import dataset_fingerprint, default_data_dir
from dashboard.queries.dataset import Dataset

_QUERY_PACKAGE = "dashboard.queries."


@st.cache_resource(show_spinner=False, max_entries=4)
def _open(data_dir: str, fingerprint: str) -> Dataset:
    # The fingerprint is part of the key: a rewritten dataset gets a fresh connection.
    return Dataset(Path(data_dir))


def dataset() -> Dataset:
    """The dataset named by MARSAD_DATA (else the demo), opened once per version of it.
    Raises DatasetError / SchemaError when the folder is not a readable dataset."""
    data_dir = default_data_dir()
    return _open(str(data_dir), dataset_fingerprint(data_dir))


@st.cache_data(show_spinner=False, max_entries=256)
def _call(module: str, name: str, data_dir: str, fingerprint: str, args: tuple,
          kwargs: tuple):
    fn = getattr(importlib.import_module(_QUERY_PACKAGE + module), name)
    return fn(_open(data_dir, fingerprint), *args, **dict(kwargs))


def run(fn, *args, **kwargs):
    """fn(dataset(), *args, **kwargs), cached. `fn` must live in dashboard.queries and its
    arguments be hashable by value (tuples, not lists)."""
    if not fn.__module__.startswith(_QUERY_PACKAGE):
        raise ValueError(f"{fn.__module__}.{fn.__name__} is not a query function")
    ds = dataset()
    return _call(fn.__module__.removeprefix(_QUERY_PACKAGE), fn.__name__, str(ds.data_dir),
                 ds.fingerprint, args, tuple(sorted(kwargs.items())))
