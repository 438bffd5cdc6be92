from . import lot_check
from . import stock_lot
