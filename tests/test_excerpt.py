"""method_excerpt: one method and the module level, every line where the file has it."""

import ast

from migrator.analyze.excerpt import method_excerpt

SOURCE = '''\
import re
LIMIT = 5


class Other(models.Model):
    _inherit = 'res.partner'

    def write(self, vals):
        return super().write(vals)


class Order(models.Model):
    _inherit = 'sale.order'

    @api.depends('name')
    def _compute_x(self):
        for order in self:
            order.x = 1

    def write(self, vals):
        res = super().write(vals)  # line 21
        return res

    def unlink(self):
        return super().unlink()
'''


def test_the_method_keeps_its_lines_and_the_rest_of_the_classes_goes():
    excerpt = method_excerpt(SOURCE, ast.parse(SOURCE), "Order", "write")
    lines = excerpt.splitlines()
    assert len(lines) == len(SOURCE.splitlines())
    assert lines[20] == "        res = super().write(vals)  # line 21"
    tree = ast.parse(excerpt)  # still Python
    order = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Order")
    assert [type(n).__name__ for n in order.body] == ["FunctionDef"] and order.body[0].name == "write"
    other = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Other")
    assert [type(n).__name__ for n in other.body] == ["Pass"]
    assert lines[:2] == ["import re", "LIMIT = 5"]
