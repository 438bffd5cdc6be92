from . import purchase_order
from . import sale_order
