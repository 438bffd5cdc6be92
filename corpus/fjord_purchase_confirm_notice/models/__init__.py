from . import purchase_order
