from . import vendor_review
from . import res_partner
