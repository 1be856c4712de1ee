"""Extraction of one article: the stages in order, over one parsed document.

Article --nlp.parse--> Doc
Doc --temporal--> Timex*      Doc --places--> Location*
Doc --actors--> Actor*  (uses the knowledge base and what the store learned)
Doc + Timex + Actor + Location --events--> Event*
Doc + Actor --quotes--> Quote*
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from parley import actors, events, nlp, places, quotes, temporal
from parley.records import Article, Extraction, InputProblem


def extract_doc(doc: Doc, article: Article, known: actors.KnownActors | None = None) -> Extraction:
    """Run every extractor over an already parsed document."""
    timexes = temporal.find_timexes(doc, article.published)
    found_places = places.find_places(doc)
    found_actors = actors.find_actors(doc, known, article.published)
    found_events = events.find_events(doc, article, timexes, found_actors, found_places)
    found_quotes = quotes.find_quotes(doc, found_actors)
    return Extraction(
        article=article,
        timexes=timexes,
        actors=found_actors,
        events=found_events,
        quotes=found_quotes,
        places=found_places,
    )


def extract(
    articles: Iterable[Article],
    model: Language | None = None,
    known: actors.KnownActors | None = None,
    batch_size: int = 32,
) -> Iterator[Extraction | InputProblem]:
    """Parse each article once and extract everything from it.

    A failure inside an extractor is reported as an InputProblem for that article,
    so one odd document never stops a corpus.
    """
    language = model or nlp.load()
    pending: deque[Article] = deque()

    def texts() -> Iterator[str]:
        for article in articles:
            pending.append(article)
            yield article.text

    for doc in nlp.parse(language, texts(), batch_size=batch_size):
        article = pending.popleft()
        try:
            yield extract_doc(doc, article, known)
        except Exception as exc:  # reported per article, never silently
            origin = article.origin or article.id
            yield InputProblem(origin, f"extraction failed: {type(exc).__name__}: {exc}")
