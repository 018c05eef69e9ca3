"""Build-time helpers of the word table: frequency bins and spherical k-means."""

import numpy as np
import pytest

from dashboard.entities.build_resources import freq_bin, kmeans


@pytest.mark.parametrize(
    "count,expected",
    [(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (1023, 9), (1024, 10)],
    ids=["zero", "one", "two", "three", "four", "just under 2^10", "2^10"],
)
def test_freq_bin(count, expected):
    assert freq_bin(count) == expected


def test_kmeans_separates_directions():
    rng = np.random.default_rng(1)
    a = np.array([1.0, 0.0, 0.0]) + rng.normal(0, 0.05, (20, 3))
    b = np.array([0.0, 1.0, 0.0]) + rng.normal(0, 0.05, (20, 3))
    x = np.vstack([a, b]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    labels = kmeans(x, 2, iterations=10)
    assert len(set(labels[:20])) == 1 and len(set(labels[20:])) == 1
    assert labels[0] != labels[20]
