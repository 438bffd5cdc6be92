from . import delivery_slot
from . import sale_order
