import ast
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.analyze.cloc import (
    DEFAULT_EXCLUDE,
    MAX_LINE_SIZE,
    count_css,
    count_js,
    count_python,
    count_scss,
    count_xml,
    excluded_paths,
    exclusion_patterns,
    is_excluded,
    python_line_numbers,
    xml_line_numbers,
)


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# ------------------------------------------------------------------------- Python

def test_multi_line_docstring_counts_once():
    # Only the line where the string node starts carries a line number.
    assert count_python(src('''
        """Module doc
        spanning
        three lines."""
    ''')) == 1


def test_multi_line_call_counts_the_lines_that_start_a_node():
    # Line 1: Expr/Call/Name; line 2: Constant 1; line 3: Constant 2; the ')' line has none.
    assert count_python("foo(\n    1,\n    2,\n)\n") == 3


def test_decorator_def_line_and_body():
    # Line 1: decorator; line 2: def and its `self` argument; line 3: return.
    assert count_python(src("""
        @api.model
        def f(self):
            return 1
    """)) == 3


def test_comments_and_blank_lines_do_not_count():
    assert count_python("# header\n\n\nx = 1\n\n# trailing\n") == 1


def test_import_aliases_count_on_their_own_lines():
    # ImportFrom on line 1, one alias node per following line (Python >= 3.10).
    assert count_python("from a import (\n    b,\n    c,\n)\n") == 3


def test_syntax_errors_and_python2_are_not_counted():
    assert count_python("def f(:\n") is None
    assert count_python('print "hello"\n') is None
    assert count_python("x = 1\x00\n") is None


def test_empty_file_counts_zero():
    assert count_python("") == 0
    assert count_python("\n  \n") == 0


def test_line_numbers_of_unstripped_text_are_the_files_own():
    text = "\n\n# c\nimport os\n\n\ndef f():\n    return os.sep\n"
    numbers = python_line_numbers(ast.parse(text))
    assert numbers == {4, 7, 8}
    assert len(numbers) == count_python(text)


def test_lines_inside_a_method_span():
    text = src('''
        class A:
            def f(self, vals):
                """Doc."""
                vals = dict(
                    vals,
                    state="done",
                )
                return vals

            def g(self):
                pass
    ''')
    numbers = python_line_numbers(ast.parse(text))
    # f spans lines 2-8: def, docstring, assignment (with its call args on 5 and 6), return;
    # the lone ')' on line 7 starts no node.
    assert {n for n in numbers if 2 <= n <= 8} == {2, 3, 4, 5, 6, 8}


SNIPPETS = [
    "x = 1",
    "# a comment",
    "",
    "    ",
    "import os",
    "from a import (\n    b,\n    c,\n)",
    "def f(a,\n      b):\n    '''doc\n    more'''\n    return a",
    "@dec\n@other(1)\nclass C(Base):\n    _name = 'c'\n\n    def m(self):\n        pass",
    "foo(\n    1,\n    key=2,\n)",
    's = """\nmulti\nline\n"""',
    "d = {\n    'a': 1,\n    'b': [x for x in y if x],\n}",
    "if a:\n    b = lambda v: v\nelse:\n    pass",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SNIPPETS), max_size=12), st.integers(0, 3))
def test_count_equals_line_numbers_of_unstripped_tree(parts, leading_blank):
    text = "\n" * leading_blank + "\n".join(parts) + "\n"
    assert count_python(text) == len(python_line_numbers(ast.parse(text)))


# ---------------------------------------------------------------------------- XML

def test_xml_comments_and_blank_lines():
    text = '<odoo>\n  <!-- one -->\n\n  <record id="a" model="x"/>\n</odoo>\n'
    # <odoo>, <record>, </odoo>: the comment line and the blank line do not count.
    assert count_xml(text) == 3
    assert xml_line_numbers(text) == {1, 4, 5}


def test_xml_comment_spanning_lines_on_its_own():
    text = "<a>\n  <!--\n    <b/>\n  -->\n</a>\n"
    assert count_xml(text) == 2
    assert xml_line_numbers(text) == {1, 5}


def test_xml_content_before_a_comment_on_the_same_line_counts():
    text = "<a/> <!-- c -->\n<!-- d --> <b/>\n"
    assert count_xml(text) == 2
    assert xml_line_numbers(text) == {1, 2}


def test_xml_comment_joining_two_content_lines_is_where_counts_differ():
    # Odoo removes the comment and the two halves become one line; the line set keeps both.
    text = "<a><!-- x\n y --><b/></a>\n"
    assert count_xml(text) == 1
    assert xml_line_numbers(text) == {1, 2}


def test_xml_comment_markers_inside_cdata_are_taken_as_a_comment():
    # As in Odoo: lines 2-4 look like a comment to the regex although they are CDATA text.
    text = "<f><![CDATA[\n<!--\nvalue\n-->\n]]></f>\n"
    assert count_xml(text) == 2
    assert xml_line_numbers(text) == {1, 5}


def test_xml_unterminated_comment_is_content():
    text = "<a/>\n<!-- open\n<b/>\n"
    assert count_xml(text) == 3
    assert xml_line_numbers(text) == {1, 2, 3}


def test_xml_crlf_and_empty():
    assert count_xml("<a>\r\n\r\n<b/>\r\n</a>\r\n") == 3
    assert xml_line_numbers("<a>\r\n\r\n<b/>\r\n</a>\r\n") == {1, 3, 4}
    assert count_xml("") == 0 and xml_line_numbers("") == set()
    assert count_xml("<!-- only -->\n") == 0 and xml_line_numbers("<!-- only -->\n") == set()


XML_LINES = ["<a>", "  <b/>", "</a>", "", "   ", "<!-- c -->", "<c/> <!-- d -->",
             "<!--\n  multi\n-->", '  <field name="x">v</field>']


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(XML_LINES), max_size=15))
def test_xml_line_set_matches_odoo_without_comments_joining_lines(lines):
    text = "\n".join(lines)
    assert count_xml(text) == len(xml_line_numbers(text))


# ------------------------------------------------------------------ JS, CSS, SCSS

def test_js_comments_and_strings():
    # Line 1 keeps the code before '//'; '//' inside the string is not a comment;
    # the block comment on lines 2-3 disappears.
    text = 'var url = "http://x"; // comment\n/* block\n   more */\nf();\n'
    assert count_js(text) == 2


def test_js_escaped_quote_does_not_end_a_string():
    # Read naively, '/*' in the string would open a comment swallowing line 2's code.
    text = 's = "\\"/*"; t = 1;\nu = 2; /* real */\n'
    assert count_js(text) == 2


def test_css_has_no_line_comments_but_scss_does():
    text = "a { color: red; }\n// note\n"
    assert count_css(text) == 2
    assert count_scss(text) == 1


def test_minified_line_is_not_counted():
    assert count_js("x" * (MAX_LINE_SIZE + 1)) is None
    assert count_css("a{}\n" + "b" * (MAX_LINE_SIZE + 1)) is None
    assert count_js("x" * MAX_LINE_SIZE) == 1


# ---------------------------------------------------------------------- exclusions

def test_default_globs():
    assert is_excluded("__manifest__.py", DEFAULT_EXCLUDE)
    assert not is_excluded("models/__manifest__.py", DEFAULT_EXCLUDE)
    assert is_excluded("tests/test_a.py", DEFAULT_EXCLUDE)  # '**' matches zero folders
    assert is_excluded("tests/common/setup.py", DEFAULT_EXCLUDE)
    assert not is_excluded("models/tests.py", DEFAULT_EXCLUDE)
    assert is_excluded("static/lib/chart/chart.js", DEFAULT_EXCLUDE)
    assert not is_excluded("static/src/lib.js", DEFAULT_EXCLUDE)
    assert is_excluded("migrations/17.0.1.1/post-migrate.py", DEFAULT_EXCLUDE)


def test_glob_details_follow_pathlib():
    assert is_excluded("data/a.xml", ["data/*.xml"])
    assert not is_excluded("data/sub/b.xml", ["data/*.xml"])
    assert is_excluded("x/y/z.scss", ["**/*.scss"]) and is_excluded("z.scss", ["**/*.scss"])
    assert is_excluded("data/demo.xml", ["./data/demo.xml"])
    # A folder name does not exclude its files, nor does a trailing '**' (folders only).
    assert not is_excluded("static/src/legacy/a.js", ["static/src/legacy"])
    assert not is_excluded("static/src/legacy/a.js", ["static/src/legacy/**"])
    assert not is_excluded("etc/passwd", ["/etc/passwd"])
    assert not is_excluded("Data/a.xml", ["data/*.xml"])  # case-sensitive


def test_manifest_patterns():
    manifest = {"demo": ["demo/demo.xml"], "demo_xml": ("old_demo.xml",),
                "cloc_exclude": ["static/src/legacy/**/*", ""], "data": ["views/v.xml"]}
    patterns = exclusion_patterns(manifest)
    assert patterns[:len(DEFAULT_EXCLUDE)] == DEFAULT_EXCLUDE
    assert set(patterns[len(DEFAULT_EXCLUDE):]) == {
        "demo/demo.xml", "old_demo.xml", "static/src/legacy/**/*"}
    assert exclusion_patterns({"demo": "demo/demo.xml"}) == DEFAULT_EXCLUDE


def test_excluded_paths_on_disk(tmp_path):
    files = [
        "__manifest__.py", "__init__.py", "models/sale.py", "tests/test_sale.py",
        "tests/data/fixture.xml", "demo/demo.xml", "data/cron.xml",
        "static/src/js/a.js", "static/src/legacy/old.js", "static/lib/x/x.js",
    ]
    for rel in files:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    manifest = {"demo": ["demo/demo.xml", "demo/missing.xml"],
                "cloc_exclude": ["static/src/legacy/*"]}
    assert excluded_paths(str(tmp_path), manifest) == {
        "__manifest__.py", "tests/test_sale.py", "tests/data/fixture.xml", "demo/demo.xml",
        "static/src/legacy/old.js", "static/lib/x/x.js",
    }
