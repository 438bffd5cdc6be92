from . import hr_badge
from . import hr_employee
