from . import project_expense
from . import project_project
