from . import margin_approve_wizard
