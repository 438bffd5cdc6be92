from . import crm_visit
from . import crm_lead
