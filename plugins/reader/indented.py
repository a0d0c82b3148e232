"""Indented text is text: the Markdown extension ``reader.indented`` (``MARKDOWN`` in
pelicanconf.py).

In Markdown a block indented by four spaces or a tab is computer code: shown in a grey
box, in a typewriter font, its lines never wrapped (on a phone the reader scrolls
sideways). Staff never mean that. They indent a paragraph's first line as Vietnamese
letters and official documents do, or paste text from Word with its indents kept; the
paragraph became code, and a first line indented alone became a code box of one line
followed by the rest of the paragraph. Nothing said so: such a post builds and checks.

So, as MDX does (it has no indented code either), an indented block outside a list is
read again without its indent, as the text, list or heading it is. The indent of a
list's continued paragraph or nested list is the list's, read as before; code is
written between lines of three backticks (```), as the staff guide says.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension


class IndentedText(BlockProcessor):
    """Takes the place of Markdown's indented code blocks (its ``code`` processor, which
    runs after a list's indented lines were taken)."""

    def test(self, parent, block: str) -> bool:
        return block.startswith(" " * self.tab_length)  # (tabs are spaces by now)

    def run(self, parent, blocks: list[str]) -> None:
        block = blocks.pop(0)
        lines = block.split("\n")
        indent = len(lines[0]) - len(lines[0].lstrip(" "))
        # The first line's indent off every line indented as far (a list inside keeps its
        # nesting), the spaces off the others; at least four spaces go, so this ends.
        blocks.insert(0, "\n".join(line[indent:] if line[:indent].isspace() else line.lstrip(" ")
                                   for line in lines))


class IndentedTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.parser.blockprocessors.deregister("code")
        md.parser.blockprocessors.register(IndentedText(md.parser), "indented_text", 80)


def makeExtension(**kwargs) -> IndentedTextExtension:  # noqa: N802 (Markdown's name)
    return IndentedTextExtension(**kwargs)
