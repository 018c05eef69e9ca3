"""Choice widgets whose value lives in the URL as a stable token, not as a display label.

Streamlit's `bind="query-params"` stores a radio/selectbox/multiselect value in the URL as
its *formatted label*: with translated labels (`format_func`), `?by=الناشر` would change
with the language and `?lang=en` would not select English. So choice widgets with labels
use these helpers instead: the URL holds `str(option)` (`?lang=en`, `?by=publisher`,
`?entity=<id>`), the widget is re-created from the URL on every run (its key includes the
value, so a link or the back button always wins), and a change writes the URL back.
Plain-valued widgets (search text, dates, outlet names, tags, numbers) keep `bind=`.

Streamlit drops unbound parameters on a page switch; `remember=True` (the frame's global
choices) keeps the last value in the session and puts it back into the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

_MEMORY = "_marsad_url_memory"


def _memory() -> dict[str, list[str]]:
    return st.session_state.setdefault(_MEMORY, {})


def write(key: str, tokens: list[str]) -> None:
    """Set URL parameter `key` to `tokens` (repeated when several); remove it when empty."""
    if not tokens:
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = tokens if len(tokens) > 1 else tokens[0]


def read(key: str, remember: bool = False) -> list[str] | None:
    """The URL's values for `key` (None when absent). With `remember`, an absent key is
    restored from the session (and written back to the URL)."""
    if key in st.query_params:
        tokens = st.query_params.get_all(key)
        if remember:
            _memory()[key] = tokens
        return tokens
    if remember and key in _memory():
        tokens = _memory()[key]
        write(key, tokens)
        return tokens
    return None


def _tokens(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _changed(key: str, wkey: str, default, remember: bool) -> None:
    value = st.session_state.get(wkey)
    tokens = [] if value == default else _tokens(value)
    write(key, tokens)
    if remember:
        _memory()[key] = tokens


def single(widget: Callable, label: str, options: Sequence, *, key: str, default=None,
           format_func: Callable = str, remember: bool = False, **kwargs):
    """A radio / selectbox / segmented_control (`widget`, e.g. `st.sidebar.radio`) whose
    value is URL parameter `key`. Unknown URL values fall back to `default`."""
    opts = list(options)
    by_token = {str(o): o for o in opts}
    tokens = read(key, remember)
    value = by_token.get(tokens[-1], default) if tokens else default
    if tokens is not None and value == default:
        write(key, [])  # drop an invalid or default value from the URL
    if widget.__name__ == "segmented_control":
        kwargs["default"] = value
    else:
        kwargs["index"] = opts.index(value) if value in opts else None
    wkey = f"url-{key}-{value}"
    return widget(label, opts, key=wkey, format_func=format_func, on_change=_changed,
                  args=(key, wkey, default, remember), **kwargs)


def multi(widget: Callable, label: str, options: Sequence, *, key: str,
          format_func: Callable = str, remember: bool = False, **kwargs) -> list:
    """A multiselect whose values are the repeated URL parameter `key`."""
    opts = list(options)
    by_token = {str(o): o for o in opts}
    tokens = read(key, remember) or []
    value = list(dict.fromkeys(by_token[t] for t in tokens if t in by_token))
    if kwargs.get("max_selections"):
        value = value[: kwargs["max_selections"]]
    if _tokens(value) != tokens:
        write(key, _tokens(value))
    wkey = f"url-{key}-{'|'.join(_tokens(value))}"
    return widget(label, opts, default=value, key=wkey, format_func=format_func,
                  on_change=_changed, args=(key, wkey, [], remember), **kwargs)
