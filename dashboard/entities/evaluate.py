"""Score an entity backend on a CoNLL file.

    python -m dashboard.entities.evaluate FILE [--backend NAME] [--doc-sentences N]

FILE has one `token TAG` per line (IOB2; `PERS` and `PER` both accepted) and a blank line
between sentences. The backend tags the file's tokens; consecutive runs of N sentences
are treated as one article (for document-level propagation), since CoNLL files carry no
article boundaries. Prints precision, recall, F1 and support per type (exact span and
type, seqeval default mode), then `micro`, and as the last line `F1 0.xxx`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.entities.conll import DOC_SENTENCES, read_conll
from dashboard.entities.registry import get_backend
from dashboard.entities.scoring import format_report, score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--backend", default=None, help="backend name (default: crf)")
    parser.add_argument("--doc-sentences", type=int, default=DOC_SENTENCES)
    args = parser.parse_args(argv)
    data = read_conll(args.file)
    tokens = [t for t, _ in data]
    n = args.doc_sentences
    docs = [tokens[i : i + n] for i in range(0, len(tokens), n)]
    predicted = [s for doc in get_backend(args.backend).tag(docs) for s in doc]
    print(format_report(score([g for _, g in data], predicted)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
