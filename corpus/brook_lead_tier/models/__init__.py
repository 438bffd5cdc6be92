from . import brook_lead_tier
from . import crm_lead
