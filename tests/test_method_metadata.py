"""The lines of a few methods' nodes, resolved without the rest of the file, match what libcst
resolves over the whole file."""

import gc

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from migrator.gc_tuning import THRESHOLDS, fewer_collections
from migrator.generate.method_metadata import def_lines, source_lines

SOURCE = '''\
import logging
from odoo import api, models

LIMIT = 3


class Other(models.Model):
    _name = "x.other"

    def unrelated(self):
        return [LIMIT for _ in range(2)]


class Order(models.Model):
    _inherit = "sale.order"
    name = "not visible in methods"

    def first(self):
        total = sum(line.price for line in self.order_line)
        return total > LIMIT

    # a comment above the decorators
    @api.model
    @api.depends(
        "state",
    )
    def helper(self, value):
        logging.info(value)
        return [name for name in value if name != LIMIT]

    def last(self):
        return name
'''


def test_positions_are_the_file_lines_of_each_method():
    module = cst.parse_module(SOURCE)
    whole = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    cls = module.body[4]
    first, helper = cls.body.body[2], cls.body.body[3]
    found = source_lines(module, cls, [first, helper], def_lines(SOURCE, "Order"))
    for func in (first, helper):
        nodes = [n for n in whole if _inside(n, func)]
        assert nodes
        assert {n: found[n] for n in nodes} == {n: whole[n].start.line for n in nodes}
    decorator = helper.decorators[1]
    assert found[decorator] == 24  # above the def: still this method's lines


def test_def_lines_take_the_first_method_of_each_name():
    source = "class A:\n    def f(self):\n        pass\n\nclass A:\n    def f(self):\n        pass\n    def g(self):\n        pass\n"
    assert def_lines(source, "A") == {"f": 2, "g": 8}


def test_fewer_collections_restores_the_thresholds():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == before


def _inside(node, func):
    found = False

    class Walk(cst.CSTVisitor):
        def on_visit(self, n):
            nonlocal found
            found = found or n is node
            return not found

    func.visit(Walk())
    return found
