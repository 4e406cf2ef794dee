"""The bible's HTML handed to WeasyPrint as an element tree that expat parsed, where that tree is the same.

WeasyPrint parses HTML with tinyhtml5, which reads the text a character at a time in Python: a tenth of
the time of a large bible, most of it in the SVG of its pictures. The package's templates write HTML that
is also well-formed XML once its void elements are closed and its named character references made
numeric, and expat (in the standard library, in C) parses that a hundred times faster into the tree
WeasyPrint renders: the PDFs are byte-identical (tests/test_html_tree.py). A story's own HTML templates
can write HTML that the two parsers read differently (a block inside a paragraph, an unclosed element),
so their documents, and any that is not well-formed, go to tinyhtml5 as before. A parsed document
also gets the lean user-agent stylesheet of toolkit.pdf.lean_stylesheet where its CSS allows.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import cache
from html.entities import html5

from toolkit.pdf.lean_stylesheet import lean_stylesheet, needs_full_stylesheet

VOID_ELEMENT = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b([^<>]*?)/?>")
NAMED_REFERENCE = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
RAW_TEXT = re.compile(r"(<style\b[^<>]*>)(.*?)</style>", re.S)
XML_REFERENCES = frozenset(("amp", "lt", "gt", "quot", "apos"))
DOCTYPE = "<!DOCTYPE html>"


def as_xml(html: str) -> str | None:
    """The HTML as XML: void elements closed, named references as numbers, the raw text of <style> as
    CDATA; None for a reference HTML does not name, or a stylesheet that holds "]]>"."""
    unknown = False

    def numeric(match: re.Match) -> str:
        nonlocal unknown
        name = match.group(1)
        if name in XML_REFERENCES:
            return match.group(0)
        if name + ";" not in html5:
            unknown = True
            return match.group(0)
        return "".join(f"&#{ord(c)};" for c in html5[name + ";"])

    def markup(part: str) -> str:
        return NAMED_REFERENCE.sub(numeric, VOID_ELEMENT.sub(r"<\1\2/>", part))

    text = html[len(DOCTYPE):] if html.startswith(DOCTYPE) else html
    parts, last = [], 0
    for style in RAW_TEXT.finditer(text):  # a stylesheet's "&" and "<" are text, as in HTML
        if "]]>" in style.group(2):
            return None
        parts += [markup(text[last:style.start()]), f"{style.group(1)}<![CDATA[{style.group(2)}]]></style>"]
        last = style.end()
    parts.append(markup(text[last:]))
    return None if unknown else "".join(parts)


def xml_tree(html: str) -> ElementTree.Element | None:
    """The document's element tree as expat reads it (comments kept), or None when it is not XML."""
    text = as_xml(html)
    if text is None:
        return None
    parser = ElementTree.XMLParser(target=ElementTree.TreeBuilder(insert_comments=True))
    try:
        parser.feed(text)
        return parser.close()
    except (ElementTree.ParseError, UnicodeError):  # not XML, or text UTF-8 cannot carry (a lone surrogate)
        return None


def weasyprint_html(html: str, *, base_url: str, url_fetcher, package_templates: bool):
    """A weasyprint.HTML of the document: built on expat's tree for the package's own templates' HTML
    when it is XML and WeasyPrint's HTML is as this expects, else parsed by WeasyPrint itself."""
    import weasyprint

    tree = xml_tree(html) if package_templates and _parsed_html_class() is not None else None
    if tree is None or tree.tag != "html" or tree.find(".//base") is not None:
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    user_agent = None if needs_full_stylesheet(html) else lean_stylesheet()
    return _parsed_html_class()(tree, base_url, url_fetcher, user_agent)


_ATTRIBUTES = frozenset(("base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"))


@cache
def _parsed_html_class():
    """A weasyprint.HTML for a tree parsed already, setting what its __init__ sets once tinyhtml5 has
    parsed; None when WeasyPrint's HTML keeps other attributes than those (asked once a process)."""
    import cssselect2
    import weasyprint

    if set(vars(weasyprint.HTML(string="<p>")).keys()) != _ATTRIBUTES:
        return None

    class ParsedHTML(weasyprint.HTML):
        def __init__(self, tree: ElementTree.Element, base_url: str, url_fetcher, user_agent=None):
            self.base_url = base_url
            self.url_fetcher = url_fetcher
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
            self.etree_element = self.wrapper_element.etree_element
            self.user_agent = user_agent  # a lean user-agent stylesheet (toolkit.pdf.lean_stylesheet), or None

        def _ua_stylesheets(self, forms=False):
            return [self.user_agent] if self.user_agent is not None and not forms else super()._ua_stylesheets(forms)

    return ParsedHTML
