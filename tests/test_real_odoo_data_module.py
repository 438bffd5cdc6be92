"""`convert --fields data` modules in a real Odoo: each corpus addon installed, records made
with it, its data module imported through base_import_module (the values copied), then the
addon uninstalled: the values live on in the custom fields. Marked `real_odoo` (tests/real_odoo.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migrator.discover import discover
from migrator.generate import convert_addon
from real_odoo import OdooDatabase, converted_zip, printed, series_params
from test_generate_data_golden import CASES as DATA_CASES

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# addon, series, Python run with the addon installed (makes records), then checks (prints) run
# after the import and again after the uninstall, and what they print both times.
CASES = {
    "nordlys_fleet_service_log": ("18.0", """
brand = env['fleet.vehicle.model.brand'].create({'name': 'Brand'})
model = env['fleet.vehicle.model'].create({'name': 'M1', 'brand_id': brand.id})
vehicle = env['fleet.vehicle'].create({'model_id': model.id, 'license_plate': 'AB-1', 'next_service_km': 12000,
                                       'winter_tyres': False})
log = env['nordlys.fleet.service.log'].create({
    'vehicle_id': vehicle.id, 'date': '2024-05-01', 'workshop': 'Main st', 'kind': 'repair', 'labour_cost': 100.5,
    'parts_cost': 20, 'currency_id': env.ref('base.EUR').id, 'note': 'brakes'})
log.message_post(body='Checked the brakes')
env.cr.commit()
""", """
vehicle = env['fleet.vehicle'].search([('license_plate', '=', 'AB-1')])
log = env['x_nordlys_fleet_service_log'].search([])
print('VALUES', vehicle.x_next_service_km, vehicle.x_winter_tyres, len(vehicle.x_service_log_ids),
      [(l.x_kind, l.x_labour_cost, l.x_total_cost, l.x_note) for l in log],
      env['mail.message'].search_count([('model', '=', 'x_nordlys_fleet_service_log'), ('body', 'ilike', 'brakes')]))
new = env['x_nordlys_fleet_service_log'].create({'x_vehicle_id': vehicle.id, 'x_date': '2024-06-01', 'x_labour_cost': 5,
                                                 'x_parts_cost': 7, 'x_currency_id': env.ref('base.EUR').id})
print('NEW', new.x_total_cost, new.x_kind)
env.cr.rollback()
""", "VALUES 12000 False 1 [('repair', 100.5, 120.5, 'brakes')] 1\nNEW 12.0 service"),
    "lumen_crm_visit": ("16.0", """
lead = env['crm.lead'].create({'name': 'Big deal'})
env['lumen.crm.visit'].create({'name': 'First', 'lead_id': lead.id, 'visit_date': '2024-03-01', 'outcome': 'positive',
                               'duration': 1.5})
lead.write({'priority': '3'})
env.cr.commit()
""", """
lead = env['crm.lead'].search([('name', '=', 'Big deal')])
print('VALUES', lead.x_hot_lead, lead.x_visit_count, [(v.x_name, v.x_outcome, v.x_duration) for v in lead.x_visit_ids])
other = env['crm.lead'].create({'name': 'Other'})
other.write({'priority': '3'})
env['x_lumen_crm_visit'].create({'x_name': 'Second', 'x_lead_id': other.id, 'x_visit_date': '2024-04-01'})
print('NEW', other.x_hot_lead, other.x_visit_count, other.x_visit_ids.x_outcome)
env.cr.rollback()
""", "VALUES True 1 [('First', 'positive', 1.5)]\nNEW True 1 neutral"),
    "lumen_project_budget": ("17.0", "", "print('VALUES')\n", "VALUES"),
    "orchid_stock_lot_check": ("16.0", "", "print('VALUES')\n", "VALUES"),
    "orchid_sale_delivery_slot": ("18.0", "", "print('VALUES')\n", "VALUES"),
    "orchid_hr_badge": ("19.0", """
employee = env['hr.employee'].create({'name': 'Ann'})
badge = env['orchid.hr.badge'].create({'name': 'Helper', 'employee_id': employee.id, 'points': 30})
badge.message_post(body='Well done')
env.cr.commit()
""", """
employee = env['hr.employee'].search([('name', '=', 'Ann')])
badge = employee.x_badge_ids
print('VALUES', employee.x_badge_points, badge.x_name, badge.x_level, badge.x_points,
      env['mail.message'].search_count([('model', '=', 'x_orchid_hr_badge'), ('res_id', '=', badge.id)]) > 0)
badge.write({'x_level': 'gold'})
print('NEW', badge.x_points, employee.x_badge_points)
env.cr.rollback()
""", "VALUES 30 Helper bronze 30 True\nNEW 100 100"),
    "lumen_vendor_review": ("19.0", """
partner = env['res.partner'].create({'name': 'Vendor'})
partner.write({'vendor_grade': 'b'})
env['lumen.vendor.review'].create({'partner_id': partner.id, 'review_date': '2024-01-01', 'score': 4})
env.cr.commit()
""", """
partner = env['res.partner'].search([('name', '=', 'Vendor')])
print('VALUES', partner.x_vendor_grade, partner.x_review_total, partner.x_review_ids.x_score)
partner.write({'x_vendor_grade': 'c'})
print('NEW', partner.x_grade_remark)
env.cr.rollback()
""", "VALUES b 4 4\nNEW Review before ordering"),
}


def test_every_case_with_goldens_is_tried_in_real_odoo() -> None:
    assert sorted((name, series) for name, (series, *_) in CASES.items()) == sorted(DATA_CASES)


@pytest.mark.parametrize(("name", "series"), series_params(CASES))
def test_values_survive_the_import_and_the_uninstall(name: str, series: str, tmp_path: Path, pg_dsn: str) -> None:
    _, make, check, expected = CASES[name]
    addons = tmp_path / "addons"
    shutil.copytree(CORPUS / name, addons / name)
    (addon,) = discover([str(addons / name)], series=series)
    conversion = convert_addon(addon, series, fields="data")
    archive = converted_zip(conversion, tmp_path)
    db = OdooDatabase(series, [addons], pg_dsn)
    try:
        # 16.0's import refuses a module whose dependencies are not installed (17+ installs them)
        db.install(["base_import_module", name, *conversion.depends])
        if make:
            db.shell(make)
        assert "Traceback" not in db.import_zip(archive)
        state = db.shell(f"print('STATE', env['ir.module.module'].search([('name', '=', {conversion.name!r})]).state)")
        assert "STATE installed" in state
        assert "\n".join(printed(db.shell(check), "VALUES", "NEW", "STATE")) == expected
        residual = conversion.data.fields.staying or conversion.data.fields.staying_models
        if not residual:
            db.uninstall(name)
            assert "\n".join(printed(db.shell(check), "VALUES", "NEW", "STATE")) == expected
    finally:
        db.drop()

