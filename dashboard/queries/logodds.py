"""Distinctive words: weighted log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4), eq. 16–22.
For word w, a group i (one outlet) and the rest j, with counts y and totals n:

    α_w   = α0 · (y_wi + y_wj) / (n_i + n_j)          the prior: pooled frequency, weight α0
    δ_w   = log((y_wi + α_w) / (n_i + α0 − y_wi − α_w))
          − log((y_wj + α_w) / (n_j + α0 − y_wj − α_w))
    σ²_w  ≈ 1 / (y_wi + α_w) + 1 / (y_wj + α_w)
    z_w   = δ_w / σ_w

A large positive z marks a word the outlet uses more than the rest, beyond what its
frequency alone would explain; common words are shrunk toward zero by the variance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_ALPHA0 = 1000.0


def log_odds_dirichlet(counts: pd.DataFrame, alpha0: float = DEFAULT_ALPHA0,
                       totals: tuple[float, float] | None = None) -> pd.DataFrame:
    """counts: columns word, n_in (count in the group), n_out (count in the rest).

    Returns the same rows with `delta` (log-odds ratio), `var` and `z` added, sorted by z,
    largest first. `totals` = (n_i, n_j), the token totals of the group and of the rest
    (default: the column sums, i.e. when `counts` holds every word).
    """
    if alpha0 <= 0:
        raise ValueError("alpha0 must be positive")
    out = counts.copy()
    y_i = out["n_in"].astype(float)
    y_j = out["n_out"].astype(float)
    n_i, n_j = totals if totals is not None else (y_i.sum(), y_j.sum())
    total = n_i + n_j
    if out.empty or total == 0:
        return out.assign(delta=0.0, var=0.0, z=0.0)
    alpha = alpha0 * (y_i + y_j) / total
    delta = (np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha))
             - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha)))
    var = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    out["delta"] = delta
    out["var"] = var
    out["z"] = delta / np.sqrt(var)
    return out.sort_values(["z", "word"], ascending=[False, True], ignore_index=True)
