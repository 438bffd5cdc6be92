from . import equipment_loan
