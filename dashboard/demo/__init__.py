"""The synthetic demo corpus generator (`python -m dashboard.demo`).

facts.py (real public facts as data) + templates.py (sentence templates) → generate.py
(volume.py draws who writes about what and when, render.py fills templates, surface.py
adds each outlet's spelling mess, aggregator.py lays out scraped pages) → write_raw.py
(JSONL, CSV, Windows-1256, .txt) → the ingest (dashboard.ingest.pipeline).
"""
