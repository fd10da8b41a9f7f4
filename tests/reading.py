"""What a reader sees of a page: its text, without tags, spaces collapsed."""

import re
from html import unescape

# Tags that sit inside a line of text: removing them must not split or join words.
INLINE = r"</?(a|span|strong|mark|abbr)\b[^>]*>"


def plain(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(INLINE, "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def text(response) -> str:
    """The text of a response's page."""
    return plain(response.content.decode())
