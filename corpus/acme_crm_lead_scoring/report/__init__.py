from . import lead_score_report
from . import lead_score_pdf
