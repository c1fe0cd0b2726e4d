"""What the legacy page loaded for its vendor, for connector/index.html: the vendor's script tags
(SDKs and libraries, not Open CTI and not the adapter's own files, whose code the connector bundles),
its iframes, and the elements the connector's code or the vendor SDK looks up by id.

Values are read as the browser read them (character references decoded) and escaped again where they are written.
Not a recogniser (the leading underscore keeps it out of the registry).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

from ..charrefs import unescape_attribute

PAGE_SUFFIXES = (".html", ".htm", ".page", ".vfp", ".component", ".cmp", ".app", ".erb", ".jsp", ".php", ".ejs",
                 ".hbs", ".vm", ".aspx", ".cshtml", ".njk", ".twig", ".mustache", ".liquid")
SALESFORCE_SCRIPT = re.compile(r"/support/(api|console)/|opencti(_min)?\.js|interaction\.js|integration\.js|"
                               r"/canvas/sdk/|lightning\.out\.js", re.I)
RESOURCE = re.compile(r"^\{!\s*(?:URLFOR\(\s*)?\$Resource\.(\w+)\s*(?:,\s*'([^']*)'\s*)?\)?\s*\}$")
IFRAME_ATTRIBUTES = ("id", "name", "src", "width", "height", "allow", "sandbox", "title", "frameborder", "style",
                     "class", "allowfullscreen")
# What an element carried keeps: structure, form fields, labels and accessibility; never an event handler or an
# address (``href``, ``action``: a ``javascript:`` URL runs); ``aria-*`` and ``data-*`` too (after these, by name).
ELEMENT_ATTRIBUTES = ("id", "class", "style", "hidden", "type", "name", "role", "width", "height", "for", "title",
                      "lang", "dir", "tabindex", "placeholder", "value", "label", "alt", "disabled", "readonly",
                      "checked", "selected", "multiple", "required", "autofocus", "autocomplete", "inputmode",
                      "maxlength", "minlength", "size", "pattern", "min", "max", "step", "rows", "cols", "colspan",
                      "rowspan", "open")
ELEMENT_ATTRIBUTE_PREFIXES = ("aria-", "data-")
# Attributes whose presence is their value: written bare when the page gave no value.
BOOLEAN_ATTRIBUTES = frozenset({"hidden", "allowfullscreen", "disabled", "readonly", "checked", "selected", "multiple",
                                "required", "autofocus", "open"})
MERGE_FIELD = re.compile(r"\{![^}]*\}")
# Elements inside a carried element that stay out of it: what runs or loads (a vendor script is carried on its own,
# as the page's scripts are; a frame inside stays inside, with its frame attributes).
SKIPPED = {"script", "style", "apex:includescript", "link"}
TAGS = {"div", "span", "section", "main", "aside", "header", "footer", "nav", "article", "p", "ul", "ol", "li",
        "button", "input", "select", "option", "textarea", "form", "label", "table", "tbody", "thead", "tr", "td",
        "th", "a", "img", "audio", "video", "canvas", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "small", "strong",
        "em", "i", "b", "fieldset", "legend", "details", "summary", "dialog", "object", "embed", "br", "hr"}


# HTML's void elements: no content and no end tag (`<input></input>` is a parse error an HTML validator reports).
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class Tag:
    tag: str  # '#text' for a run of text (``text``)
    attrs: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    children: list[Tag] = field(default_factory=list)  # the legacy element's content, in order
    text: str = ""

    def html(self, indent: str = ""):
        """The element as markup, every value escaped; its content indented under it, or on its line when it
        is only text (``<button id="b">Sign in</button>``). Iterative: markup nested to the parse limit is no
        danger."""
        from markupsafe import Markup, escape  # noqa: PLC0415 - jinja2's own escaping, as the templates escape

        parts: list[str] = []
        stack: list = [(self, indent)]
        while stack:
            element, pad = stack.pop()
            if isinstance(element, str):
                parts.append(element)
                continue
            attrs = "".join(f" {name}" + (f'="{escape(value)}"' if value or name not in BOOLEAN_ATTRIBUTES else "")
                            for name, value in element.attrs)
            if element.tag in VOID:
                parts.append(f"<{element.tag}{attrs}>")
                continue
            if all(child.tag == "#text" for child in element.children):
                inner = " ".join(str(escape(child.text)) for child in element.children)
                parts.append(f"<{element.tag}{attrs}>{inner}</{element.tag}>")
                continue
            parts.append(f"<{element.tag}{attrs}>")
            todo: list = []
            for child in element.children:
                todo.append(("\n" + pad + "    ", None))
                todo.append((str(escape(child.text)), None) if child.tag == "#text" else (child, pad + "    "))
            todo.append((f"\n{pad}</{element.tag}>", None))
            stack.extend(reversed(todo))
        return Markup("".join(parts))


def all_ids(elements: list[Tag]) -> set[str]:
    """The ids of ``elements`` and of the elements they hold."""
    out, stack = set(), list(elements)
    while stack:
        element = stack.pop()
        stack.extend(element.children)
        ident = dict(element.attrs).get("id")
        if ident:
            out.add(ident)
    return out


@dataclass
class PageAssets:
    scripts: list[Tag] = field(default_factory=list)
    elements: list[Tag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def is_page(file) -> bool:
    return file.display.lower().endswith(PAGE_SUFFIXES) or any(r.kind in ("script", "handler") for r in file.regions)


def page_markup(files) -> list[tuple[str, str, str, dict[str, str], list]]:
    """Every element of the legacy pages among ``files``, in page order: (page, ``page:line``, tag, attributes,
    content), the content being the element's children in order: ('text', text as displayed) or ('element', the
    index of the child element in this list). Parsing and walking the markup is the costly part: a convert does
    it once (:func:`page_assets` selects)."""
    from ..parse import parser, prepare_markup

    out = []
    for file in sorted((f for f in files if is_page(f)), key=lambda f: f.display):
        # Markup nested past the limit (reported by scan as not analysed) is flattened as scan does: tree-sitter-html
        # takes minutes over 100,000 nested tags.
        data, _ = prepare_markup(file.page or file.source)
        tree = parser("html").parse(data)
        index: dict[tuple[int, int], int] = {}  # an element's span -> its index in out
        first = len(out)
        for element, tag, attrs, content in _elements(tree.root_node, data):
            index[(element.start_byte, element.end_byte)] = len(out)
            out.append((file.display, f"{file.display}:{file.line(element.start_byte)}", tag, attrs, content))
        for _, _, _, _, content in out[first:]:
            content[:] = [(kind, index[value]) if kind == "element" else (kind, value) for kind, value in content
                          if kind == "text" or value in index]
    return out


def page_assets(markup, adapter_paths: list[str], ids_used: set[str]) -> PageAssets:
    """The script tags, iframes and elements of the legacy pages' ``markup`` (:func:`page_markup`) that
    connector/index.html needs: ``adapter_paths`` are the adapter's own files (their code is in the connector
    already); ``ids_used`` the element ids the connector's code (or its vendor SDK) looks up."""
    out = PageAssets()
    seen_scripts: set[str] = set()
    seen_ids: set[str] = set()
    seen_frames: dict[str, str] = {}  # an iframe's src -> the first page that held it
    own = [p.replace("\\", "/") for p in adapter_paths]
    held: set[int] = set()  # elements inside an element carried already (they come with it)
    for at, (display, where, tag, attrs, content) in enumerate(markup):
        if at in held:
            ident = attrs.get("id")
            if ident:
                seen_ids.add(ident)
            continue
        if tag in ("script", "apex:includescript"):
            src = attrs.get("src") if tag == "script" else attrs.get("value")
            if not src:
                continue
            carried = _script(src, display, own, where)
            if carried is None:
                continue
            if isinstance(carried, str):
                if carried not in out.notes:
                    out.notes.append(carried)
                continue
            key = dict(carried.attrs).get("src", "")
            if key not in seen_scripts:
                seen_scripts.add(key)
                out.scripts.append(carried)
        elif tag in ("iframe", "apex:iframe"):
            ident = attrs.get("id", "")
            if ident and ident in seen_ids:
                continue
            # The same frame (no id, same src) in another page is another copy or version of that page: the
            # connector's page holds it once (each frame would be one more phone signed in as the agent).
            frame = attrs.get("src", "")
            if not ident and frame and seen_frames.get(frame, display) != display:
                continue
            seen_frames.setdefault(frame, display)
            seen_ids.add(ident)
            out.elements.append(Tag("iframe", _attrs(attrs, IFRAME_ATTRIBUTES),
                                    f"the vendor frame of the legacy page ({where})"))
        elif attrs.get("id") in ids_used and attrs["id"] not in seen_ids:
            seen_ids.add(attrs["id"])
            element = _carried(markup, at, held)
            element.note = f"an element the connector code looks up, from the legacy page ({where})"
            out.elements.append(element)
    return out


def _carried(markup, at: int, held: set[int]) -> Tag:
    """The element ``markup[at]`` as the legacy page wrote it: its text and the elements inside it (kept
    attributes only; no scripts or styles; Visualforce merge fields left out of the text, as they only had
    a value inside Salesforce). The elements inside are added to ``held``."""
    _, _, tag, attrs, content = markup[at]
    root = Tag(tag if tag in TAGS else "div", _attrs(attrs, ELEMENT_ATTRIBUTES, ELEMENT_ATTRIBUTE_PREFIXES))
    stack = [(root, content)]
    while stack:
        parent, items = stack.pop()
        for kind, value in items:
            if kind == "text":
                value = " ".join(MERGE_FIELD.sub(" ", value).split())
                if value:
                    parent.children.append(Tag("#text", text=value))
                continue
            _, _, child_tag, child_attrs, child_content = markup[value]
            if child_tag in SKIPPED:
                continue  # (a vendor script in it is carried as the page's scripts are)
            held.add(value)
            frame = child_tag in ("iframe", "apex:iframe")
            child = Tag("iframe" if frame else child_tag if child_tag in TAGS else "div",
                        _attrs(child_attrs, IFRAME_ATTRIBUTES) if frame else
                        _attrs(child_attrs, ELEMENT_ATTRIBUTES, ELEMENT_ATTRIBUTE_PREFIXES))
            parent.children.append(child)
            stack.append((child, child_content))
    return root


def _elements(root, data: bytes):
    """(element, tag, attributes, content) in page order; content: the element's children in order, ('text', a
    run of text as displayed) or ('element', the child element's span)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            continue
        if node.type in ("element", "script_element", "style_element"):
            start = next((c for c in node.children if c.type in ("start_tag", "self_closing_tag")), None)
            if start is not None:
                name = next((c for c in start.named_children if c.type == "tag_name"), None)
                if name is not None:
                    tag = data[name.start_byte:name.end_byte].decode("utf-8", "replace").lower()
                    yield node, tag, _attributes(start, data), _content(node, data)
        stack.extend(reversed(node.children))


def _content(element, data: bytes) -> list:
    """An element's children: runs of text (entities read, white space collapsed) and child elements."""
    out: list = []
    run: list = []  # the text and entity nodes of the current run

    def flush():
        if run:
            text = " ".join(html.unescape(data[run[0].start_byte:run[-1].end_byte].decode("utf-8", "replace")).split())
            if text:
                out.append(("text", text))
            run.clear()

    for child in element.children:
        if child.type in ("text", "entity"):
            run.append(child)
        elif child.type in ("element", "script_element", "style_element"):
            flush()
            out.append(("element", (child.start_byte, child.end_byte)))
        elif child.type == "comment":
            flush()
    flush()
    return out


def _attributes(start, data: bytes) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for child in start.named_children:
        if child.type != "attribute":
            continue
        name = value = None
        for part in child.named_children:
            if part.type == "attribute_name":
                name = data[part.start_byte:part.end_byte].decode("utf-8", "replace").lower()
            elif part.type == "attribute_value":
                value = data[part.start_byte:part.end_byte].decode("utf-8", "replace")
            elif part.type == "quoted_attribute_value":
                inner = next((c for c in part.named_children if c.type == "attribute_value"), None)
                value = data[inner.start_byte:inner.end_byte].decode("utf-8", "replace") if inner is not None else ""
        if name and name not in attrs:
            attrs[name] = unescape_attribute(value) if value is not None else ""
    return attrs


def _attrs(attrs: dict[str, str], allowed, prefixes=()) -> list[tuple[str, str]]:
    """The attributes kept, in a fixed order (then those named by ``prefixes``, by name); values with Visualforce
    merge fields are left out (they only had a value inside Salesforce), and so are ``javascript:`` URLs."""
    names = (list(allowed) + sorted(n for n in attrs if n.startswith(prefixes) and n not in allowed)) if prefixes \
        else allowed
    return [(name, attrs[name]) for name in names
            if name in attrs and "{!" not in attrs[name] and not _runs_script(attrs[name])]


def _runs_script(value: str) -> bool:
    """Whether ``value``, followed as an address (an iframe's src), runs script: a ``javascript:`` or ``vbscript:``
    URL as browsers read it (spaces and controls before it dropped, tabs and line breaks inside it too)."""
    url = value.lstrip("".join(map(chr, range(33)))).translate({9: None, 10: None, 13: None}).lower()
    return url.startswith(("javascript:", "vbscript:"))


def _script(src: str, page: str, own: list[str], where: str):
    """A script tag to carry, a note (str) about one that cannot be, or None (Open CTI, the adapter's own)."""
    if SALESFORCE_SCRIPT.search(src):
        return None
    resource = RESOURCE.match(src.strip())
    if resource:
        name, inner = resource.group(1), resource.group(2)
        if any(posixpath.basename(p).split(".")[0] == name or f"/{name}/" in f"/{p}" for p in own):
            return None  # the adapter's own static resource: its code is converted
        target = f"resources/{name}" + (f"/{inner}" if inner else "")
        return Tag("script", [("src", target)],
                   f"the legacy page loaded the static resource {name} ({where}). TODO(ctimod): serve that file at "
                   f"{target} next to this page (or point src at where it is served).")
    if "{!" in src or "{{" in src or "<%" in src:
        return (f"TODO(ctimod): the legacy page loaded a script whose address is a template expression ({where}); "
                "add it here if the vendor needs it.")
    if re.match(r"^(https?:)?//", src, re.I):
        return Tag("script", [("src", src)], f"loaded by the legacy page ({where})")
    relative = posixpath.normpath(posixpath.join(posixpath.dirname(page), src.split("?")[0].split("#")[0]))
    if any(p == relative or p.endswith("/" + src.lstrip("./").split("?")[0]) for p in own):
        return None  # the adapter's own file: its code is in the connector
    return (f"TODO(ctimod): the legacy page also loaded {src} ({where}), a file of the legacy site that is not "
            "among the converted files: add it here if the connector needs it.")
