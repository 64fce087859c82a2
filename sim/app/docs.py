"""The documentation as the app shows it (the model page): the same files as docs/, with links
between them kept inside the app and figures shown as images. No Streamlit here (app_pages/model.py
renders the blocks)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

# the pages, in the order the app offers them; "overview" is docs/overview.md or overview.ko.md
PAGES = (
    "overview",
    "model",
    "parameters",
    "sources",
    "calibration",
    "calibration-results",
    "sensitivity",
    "design",
    "memo-guide",
    "scenarios",
)
URL_PATH = "model"  # the model page's url_path (app_pages/main.py)
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")


def file_of(page: str, lang: str) -> str:
    if page not in PAGES:
        raise KeyError(page)
    return "overview.ko.md" if page == "overview" and lang == "ko" else f"{page}.md"


def link(page: str, lang: str, anchor: str = "") -> str:
    """The app's address of a documentation page (the model page with ?doc=PAGE&lang=LANG)."""
    return f"/{URL_PATH}?{urlencode({'doc': page, 'lang': lang})}" + (f"#{anchor}" if anchor else "")


def _target(text: str, target: str, lang: str) -> str:
    if re.match(r"^[a-z]+:", target) or target.startswith("#"):
        return f"[{text}]({target})"  # a web address or a heading on the same page
    path, _, anchor = target.partition("#")
    name = Path(path).name
    if path.endswith(".md") and name[:-3] in PAGES and "/" not in path.replace("./", ""):
        return f"[{text}]({link(name[:-3], lang, anchor)})"
    # a file of the repository the app does not serve (code, scenario files): named, not linked
    return f"{text} (`{path.lstrip('./')}`)" if text != path else f"`{path}`"


def blocks(text: str, lang: str, docs: Path) -> list[tuple[str, str]]:
    """`text` (a docs page) as ("markdown", text) and ("image", path) blocks: links to other docs
    pages lead to the app's model page, links to other repository files become their names, and
    each figure (a Markdown image) is an image block of its file under `docs`."""
    out: list[tuple[str, str]] = []
    buf: list[str] = []
    pos = 0
    for m in _LINK.finditer(text):
        buf.append(text[pos : m.start()])
        bang, label, target = m.groups()
        if bang:
            out.append(("markdown", "".join(buf)))
            buf = []
            out.append(("image", str(docs / target)))
        else:
            buf.append(_target(label, target, lang))
        pos = m.end()
    buf.append(text[pos:])
    out.append(("markdown", "".join(buf)))
    return [(kind, body) for kind, body in out if kind == "image" or body.strip()]
