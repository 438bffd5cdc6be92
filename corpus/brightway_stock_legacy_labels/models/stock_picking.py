# -*- coding: utf-8 -*-
from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = 'stock.picking'

    def action_print_labels(self):
        for picking in self:
            if picking.printed:
                print "labels already printed for %s" % picking.name
            picking.printed = True
        return True
