"""Figure builders: DataFrames in, Plotly figures (charts.py) or escaped HTML (html.py) out.

The only place chart strings are wrapped in U+202B … U+202C (style.py). No Streamlit calls.
"""
