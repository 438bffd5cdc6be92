"""What the runtime stores for a value written into an HTML field: Odoo's sanitizer output.

The expected values were read off Odoo 16.0 and 18.0's `odoo.tools.mail.html_sanitize` (the
same in both); tests/test_real_odoo.py checks them against each series' own sanitizer when
a real Odoo is at hand."""

from __future__ import annotations

import pytest

from migrator.runtime.errors import ReplayUnfaithful
from migrator.runtime.html_sanitize import sanitize

# (value written, sanitize_style, what Odoo stores)
CASES = [
    ("Introduce the project manager.", False, "<p>Introduce the project manager.</p>"),
    ("text <b>bold</b> tail", False, "<p>text <b>bold</b> tail</p>"),
    ("  lead  ", False, "<p>lead  </p>"),
    ("text<p>x</p>", False, "<p>text</p><p>x</p>"),
    ("Hello <strong>Sam</strong>,<br/>see you", False, "<p>Hello <strong>Sam</strong>,<br>see you</p>"),
    ("<p>a</p><p>b</p>", False, "<p>a</p><p>b</p>"),
    ("<p>a</p>tail", False, "<p>a</p>tail"),
    ("<h1>T</h1>text after", False, "<h1>T</h1>text after"),
    ("&lt;b&gt; &amp;", False, "<p>&lt;b&gt; &amp;</p>"),
    ("<p>x<br/>y</p>", False, "<p>x<br>y</p>"),
    ('<img src="/web/image/1" alt="a"/>', False, '<img src="/web/image/1" alt="a">'),
    ('<a href="https://x.com/a?b=1&c=2" class="btn" target="_blank">go</a>', False,
     '<a href="https://x.com/a?b=1&amp;c=2" class="btn" target="_blank">go</a>'),
    ("<p>--<br />Sam</p>", False, '<p data-o-mail-quote="1">--<br data-o-mail-quote="1">Sam</p>'),
    ("<p>Kind regards,<br/><span>-- <br/>\nAdministrator</span></p>", False,
     '<p>Kind regards,<br><span data-o-mail-quote="1">-- <br data-o-mail-quote="1">\nAdministrator</span></p>'),
    ("line 1\n> quoted\n> more", False, '<p>line 1<span data-o-mail-quote="1">\n&gt; quoted\n&gt; more</span></p>'),
    ('<div class="gmail_extra">old</div>', False, '<div class="gmail_extra" data-o-mail-quote="1">old</div>'),
    ('<p style="color: red; position: absolute">x</p>', False, '<p style="color: red; position: absolute">x</p>'),
    ('<p style="color: red; position: absolute">x</p>', True, '<p style="color:red">x</p>'),
    ('<div style="margin: 0px; padding: 0px;">\n <p>We confirm for $\xa00.00.</p>\n</div>\n ', True,
     '<div style="margin:0px; padding:0px">\n <p>We confirm for $&nbsp;0.00.</p>\n</div>\n '),
    ('<span>Dear Sam,</span>\n    <br/><br/>\n    <span style="margin-top: 8px;">Assigned.</span>\n    <br/>', True,
     '<span><span>Dear Sam,</span>\n    <br><br>\n    <span style="margin-top:8px">Assigned.</span>\n    <br></span>'),
]


@pytest.mark.parametrize(("value", "style", "stored"), CASES)
def test_stored_as_odoo_sanitizes_it(value: str, style: bool, stored: str) -> None:
    assert sanitize(value, "x.y", sanitize_style=style) == stored
    assert sanitize(stored, "x.y", sanitize_style=style) == stored  # sanitizing again changes nothing


def test_attributes_outside_the_safe_list_are_dropped_unless_kept() -> None:
    assert sanitize('<p title="t" data-o-mail-quote="1" width="2" foo="x">y</p>', "x.y") \
        == '<p title="t" data-o-mail-quote="1" width="2">y</p>'
    assert sanitize('<p foo="x">y</p>', "x.y", sanitize_attributes=False) == '<p foo="x">y</p>'


@pytest.mark.parametrize(("value", "named"), [
    ("<p>a<script>x()</script></p>", "<script>"),
    ('<p onclick="x()">y</p>', "onclick"),
    ('<a href="javascript:alert(1)">y</a>', "javascript:alert(1)"),
    ("<form><input/></form>", "<form>"),
    ('<p data-foo="1">y</p>', "data-foo"),
    ("<p>y<!--[if mso]>x<![endif]--></p>", "conditional comment"),
])
def test_what_the_cleaner_would_rewrite_is_refused_by_name(value: str, named: str) -> None:
    with pytest.raises(ReplayUnfaithful, match="cannot replay faithfully: sanitizing") as caught:
        sanitize(value, "crm.lead.description")
    assert named in str(caught.value) and "crm.lead.description" in str(caught.value)


def test_empty_values_stay_empty() -> None:
    assert sanitize(False, "x.y") is False and sanitize("", "x.y") == "" and sanitize("   ", "x.y") == ""
