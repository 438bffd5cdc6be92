"""odoo.fields"""

from migrator.runtime.commands import Command
from migrator.runtime.fields import (
    Binary, Boolean, Char, Date, Datetime, Field, Float, Html, Image, Integer, Json, Many2many,
    Many2one, Monetary, One2many, Selection, Text,
)

__all__ = ["Binary", "Boolean", "Char", "Command", "Date", "Datetime", "Field", "Float", "Html",
           "Image", "Integer", "Json", "Many2many", "Many2one", "Monetary", "One2many", "Selection",
           "Text"]
