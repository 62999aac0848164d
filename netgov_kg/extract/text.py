"""The article as given and as read: traditional→simplified conversion, sentences, evidence.

Everything the extractor finds is found in the *simplified* text (patterns, the graph's names
and the gazetteer are written in simplified characters) and reported with offsets into the
*article as given*, in Unicode code points, as the template's ``evidence`` key asks. OpenCC's
``t2s`` conversion is one character for one character for nearly all text; where it is not
(a phrase converted to a different length) :class:`Article` converts the text character by
character, keeping any character whose conversion is not one character as it is, so that the
simplified text has the original's length and every offset means the same in both.

Examples
--------
>>> art = Article("網絡理政平台。辦結率達到97.99%！")
>>> art.simple
'网络理政平台。办结率达到97.99%！'
>>> [(s.start, s.end, art.original[s.start:s.end]) for s in art.sentences()]
[(0, 7, '網絡理政平台。'), (7, 19, '辦結率達到97.99%！')]
>>> art.evidence(7, 10)["quote"]
'辦結率'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

#: Characters of context kept before and after a quote (``prefix``/``suffix``).
CONTEXT = 16

#: Where a sentence ends: 。！？；!?; and line breaks. Closing quotes and brackets that follow
#: stay with the sentence.
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)】]*|\n+")
#: Where a clause ends inside a sentence.
_CLAUSE_END = re.compile(r"[，,、：:]")


@cache
def _converter() -> Any:
    """Return OpenCC's traditional→simplified converter (its dictionaries ship with it).

    Raises
    ------
    netgov_kg.errors.InputError
        If OpenCC is not installed (the message says which extra to install).
    """
    try:
        import opencc
    except ModuleNotFoundError as exc:
        from ..errors import InputError

        raise InputError("extract needs OpenCC to read Chinese text: "
                         "pip install 'netgov-kg[extract]'") from exc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Return ``text`` in simplified characters (OpenCC ``t2s``; simplified text is unchanged).

    Examples
    --------
    >>> to_simplified("萬人次，辦結率")
    '万人次，办结率'
    """
    if text.isascii():
        return text
    return str(_converter().convert(text))


def _one(ch: str) -> str:
    converted = to_simplified(ch)
    return converted if len(converted) == 1 else ch


@dataclass(frozen=True)
class Span:
    """A stretch of the article: ``start``/``end`` are code-point offsets into the original."""

    start: int
    end: int


class Article:
    """An article: its original text, its simplified text, and the map between them.

    Parameters
    ----------
    text : str
        The article as given (simplified or traditional). Offsets always refer to it.
    """

    def __init__(self, text: str) -> None:
        self.original = text
        simple = to_simplified(text)
        if len(simple) == len(text):
            self.simple = simple
        else:  # a phrase changed length: convert one character at a time to keep a 1:1 map
            self.simple = "".join(_one(ch) for ch in text)
        self._sentences: list[Span] | None = None

    def __len__(self) -> int:
        return len(self.original)

    def sentences(self) -> list[Span]:
        """Return the sentences (spans without surrounding white space), in order."""
        if self._sentences is None:
            out, start = [], 0
            for match in _SENTENCE_END.finditer(self.simple):
                out.extend(self._trimmed(start, match.end()))
                start = match.end()
            out.extend(self._trimmed(start, len(self.simple)))
            self._sentences = out
        return self._sentences

    def _trimmed(self, start: int, end: int) -> list[Span]:
        text = self.simple[start:end]
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return [Span(start + left, start + right)] if right > left else []

    def sentence_at(self, pos: int) -> Span:
        """Return the sentence that holds position ``pos`` (the whole text if none does)."""
        for span in self.sentences():
            if span.start <= pos < span.end:
                return span
        return Span(0, len(self.simple))

    def clause_at(self, start: int, end: int) -> Span:
        """Return the clause (between commas, enumeration marks, colons) around start..end."""
        sent = self.sentence_at(start)
        left = sent.start
        for match in _CLAUSE_END.finditer(self.simple, sent.start, start):
            left = match.end()
        right_match = _CLAUSE_END.search(self.simple, end, sent.end)
        right = right_match.start() if right_match else sent.end
        text = self.simple[left:right]
        right = left + len(text.rstrip("。！？!?；;"))
        return Span(left, max(right, end))

    def evidence(self, start: int, end: int) -> dict[str, Any]:
        """Return the template's ``evidence`` mapping for ``start``..``end`` of the original.

        ``quote`` is the exact text at the offsets; ``prefix`` and ``suffix`` are up to
        :data:`CONTEXT` characters around it (empty at the ends of the article).
        """
        text = self.original
        return {"quote": text[start:end], "start": start, "end": end,
                "prefix": text[max(0, start - CONTEXT):start],
                "suffix": text[end:end + CONTEXT]}

    def sentence_evidence(self, pos: int) -> dict[str, Any]:
        """Return the evidence of the sentence that holds position ``pos``."""
        span = self.sentence_at(pos)
        return self.evidence(span.start, span.end)
