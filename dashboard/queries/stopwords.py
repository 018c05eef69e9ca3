"""Arabic function words left out of word counts, in match form (see normalize_for_match).

Particles, prepositions, pronouns, demonstratives and the reporting verbs of news prose:
words every outlet uses, which would otherwise fill the top of every frequency list. Kept
short on purpose; the log-odds prior already discounts frequent words.
"""

from __future__ import annotations

from dashboard.arabic.normalize import normalize_for_match

_WORDS = """
في من على الى إلى عن مع ان أن إن او أو ما لا لم لن قد ثم بل كما حتى منذ بين عند لدى
هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين اللتين هو هي هم هن نحن انا أنا انت أنت
كان كانت يكون تكون كانوا قال قالت يقول تقول وقال وقالت واضاف وأضاف واكد وأكد اضاف أضاف
وفي ومن وعلى والى وإلى وعن وان وأن او ولا ولم وقد فقد كل بعد قبل خلال حول ضد دون غير
اي أي اذا إذا لكن ولكن حيث عبر وذلك وهو وهي به بها له لها لهم فيه فيها منه منها عليه عليها
أم تم وتم وفق حسب أيضا أيضاً أنه إنه بأن وأنه
"""

STOPWORDS: frozenset[str] = frozenset(normalize_for_match(w) for w in _WORDS.split())
