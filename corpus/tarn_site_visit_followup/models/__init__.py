from . import res_partner
from . import site_visit
