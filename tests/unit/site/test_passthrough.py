"""Generated HTML carried past Markdown (`site/passthrough.py`): lifted out of a page's Markdown before Markdown runs
and put back in what it returns, where it stood; markers an editor could write lift nothing."""

from __future__ import annotations

from macros.site import passthrough


def test_a_piece_of_html_is_lifted_out_of_the_markdown_and_put_back_after_it():
    piece = '<ul class="hub-case-list"><li id="x">*not emphasis* and [not](a-link)</li></ul>'
    markdown = "# Title\n" + passthrough.html_block(piece) + "Some **bold** text.\n"
    lifted, pieces = passthrough.lift_html(markdown)
    assert pieces == [piece] and piece not in lifted and "*not emphasis*" not in lifted
    token = lifted.split("\n\n")[1].strip()
    assert token.isalnum()  # nothing Markdown would change
    content = f"<h1>Title</h1>\n<p>{token}</p>\n<p>Some <strong>bold</strong> text.</p>"
    assert passthrough.restore_html(content, pieces) == f"<h1>Title</h1>\n{piece}\n<p>Some <strong>bold</strong> text.</p>"
    assert passthrough.anchor_ids(pieces) == {"x"}


def test_a_piece_in_a_sentence_goes_back_into_the_sentence():
    lifted, pieces = passthrough.lift_html("Saved " + passthrough.html_inline("<b>£1m</b>") + " a year.")
    token = lifted.split()[1]
    assert passthrough.restore_html(f"<p>Saved {token} a year.</p>", pieces) == "<p>Saved <b>£1m</b> a year.</p>"


def test_markers_an_editor_writes_lift_nothing():
    text = "<!--hub-html-->\n*emphasis*\n<!--/hub-html-->\n"
    assert passthrough.lift_html(text) == (text, [])
