from . import crm_scorer
