"""Text handling for Chinese full-text search, shared by every database backend.

Neither SQLite's FTS5 nor PostgreSQL's text search segments Chinese (STYLE.md, measured).
So text is pre-split here into tokens the database only has to separate on spaces:

* a run of CJK characters becomes its overlapping character bigrams followed by its last
  character ("疫情防控" -> "疫情 情防 防控 控"), so that any substring of two or more
  characters is a phrase of consecutive bigrams, and any single character is the prefix of
  a token (it either starts a bigram or ends a run);
* a run of letters or digits is split the same way, lower-cased ("2019" -> "20 01 19 9"),
  so that "5号" finds "〔2019〕15号" as a substring scan would.

Text is NFKC-normalised first (full-width "２０１９" is "2019"). A query is split the same
way into words (separated by spaces); a document matches when it contains every word.
Snippets and highlights are cut from the original text, never from the token stream.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass

# CJK unified ideographs (with extension A and compatibility ideographs) and 〇.
_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
MAX_QUERY_WORDS = 8
MAX_WORD_CHARS = 40


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> str:
    """The token stream of ``text``, tokens separated by single spaces."""
    out: list[str] = []
    append = out.append
    extend = out.extend
    for cjk, word in _RUN.findall(normalize(text)):
        run = cjk or word
        if len(run) > 1:
            extend(map(str.__add__, run, run[1:]))
        append(run[-1])
    return " ".join(out)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: the text the user typed (normalised), the consecutive tokens a
    document must contain, and whether the last token is a prefix."""

    text: str
    tokens: tuple[str, ...]
    prefix: bool


def parse_query(query: str) -> list[QueryWord]:
    """The words of a query; words without letters, digits or CJK characters are dropped,
    duplicates once, at most ``MAX_QUERY_WORDS``."""
    words: list[QueryWord] = []
    seen: set[str] = set()
    for raw in normalize(query).split():
        raw = raw[:MAX_WORD_CHARS]
        runs = _RUN.findall(raw)
        if not runs:
            continue
        parts: list[str] = []
        prefix = False
        for index, (cjk, word) in enumerate(runs):
            run = cjk or word
            last = index == len(runs) - 1
            if len(run) == 1:
                # A lone character: a token that starts with it (a bigram or a run end);
                # followed by more of the word, the run ends here in the document too.
                parts.append(run)
                prefix = last
            else:
                parts.extend(a + b for a, b in itertools.pairwise(run))
                if not last:
                    parts.append(run[-1])
                prefix = False
        text = "".join(c or w for c, w in runs)
        key = " ".join(parts) + ("*" if prefix else "")
        if key in seen:
            continue
        seen.add(key)
        words.append(QueryWord(text=text, tokens=tuple(parts), prefix=prefix))
        if len(words) == MAX_QUERY_WORDS:
            break
    return words


# --- Highlighting in the original text ---------------------------------------------------------


def _folded(text: str) -> tuple[str, list[int] | None]:
    """``text`` normalised as the index sees it, with the original offset of each normalised
    character, so that matches found in the normalised text map back (``None`` when every
    character maps to one character, as full-width punctuation and digits do)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) == len(text):
        return folded, None
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).lower()
        parts.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(parts), offsets


def _find_all(haystack: str, needle: str) -> list[int]:
    found = []
    start = haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + len(needle))
    return found


def _spans(text: str, words: list[QueryWord]) -> list[tuple[int, int]]:
    """Where the words occur in ``text`` (original offsets), merged and sorted. The text is
    searched as it is first; it is normalised (NFKC, lower case) only when a word is not
    found that way, which costs more."""
    if not text or not words:
        return []
    spans: list[tuple[int, int]] = []
    missing = [word for word in words if word.text not in text]
    # Only letters and digits have other spellings (case, full width) worth a second look;
    # a Chinese word not found as written is not there.
    if not any(char.isascii() for word in missing for char in word.text):
        for word in words:
            spans.extend((start, start + len(word.text)) for start in _find_all(text, word.text))
    else:
        folded, offsets = _folded(text)
        for word in words:
            for start in _find_all(folded, word.text):
                end = start + len(word.text)
                spans.append((start, end) if offsets is None else (offsets[start], offsets[end - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out: list[str] = []
    position = 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if end <= 0 or start >= len(text):
            continue
        start, end = max(start, 0), min(end, len(text))
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def highlight(text: str, words: list[QueryWord]) -> str:
    """``text`` as escaped HTML with every occurrence of the words in <mark>."""
    return _marked(text, _spans(text, words))


def snippet(text: str, words: list[QueryWord], length: int = 120) -> str:
    """An escaped HTML excerpt of about ``length`` characters of ``text`` around the densest
    cluster of matches, matches in <mark>; the start of the text when nothing matches."""
    text = " ".join(text.split())
    spans = _spans(text, words)
    if not spans:
        cut = text[:length]
        return html.escape(cut) + ("…" if len(text) > length else "")
    best_start, best_hits, right = spans[0][0], 0, 0
    for left, (start, _end) in enumerate(spans):
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] - start <= length:
            right += 1
        hits = right - left + 1
        if hits > best_hits:
            best_start, best_hits = start, hits
    begin = max(0, best_start - length // 4)
    end = min(len(text), begin + length)
    begin = max(0, min(begin, end - length))
    window = [(s, e) for s, e in spans if e > begin and s < end]
    body = _marked(text[begin:end], window, offset=begin)
    return ("…" if begin > 0 else "") + body + ("…" if end < len(text) else "")


def plain_text_from_html(markup: str) -> str:
    """The readable text of sanitised HTML, block elements separated by new lines."""
    text = re.sub(r"(?i)<br\s*/?>|</(p|div|li|h[1-6]|tr|table|blockquote)>", "\n", markup)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def contains_cjk(text: str) -> bool:
    return bool(_CJK_RUN.search(text))
