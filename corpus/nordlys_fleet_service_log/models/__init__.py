from . import fleet_service_log
from . import fleet_vehicle
