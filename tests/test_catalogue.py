import gzip
import json

import pytest

from migrator.catalogue import load_catalogue
from migrator.data.build_catalogue import compact_field, compact_schema


def test_fields_of_a_core_model_carry_type_relation_and_table():
    cat = load_catalogue("18.0")
    tags = cat.field("res.partner", "category_id")
    assert (tags.type, tags.relation) == ("many2many", "res.partner.category")
    assert tags.relation_table and tags.column1 and tags.column2
    assert tags.xmlid == "base.field_res_partner__category_id"
    assert "base" in tags.modules
    assert cat.field("res.partner", "no_such_field") is None
    assert cat.field("no.such.model", "name") is None


def test_selection_values_required_and_computed_flags_survive():
    cat = load_catalogue("18.0")
    state = cat.field("ir.actions.server", "state")
    assert {"code", "object_write", "multi"} <= set(state.selection)
    assert cat.field("ir.actions.server", "model_id").required
    assert cat.field("res.partner", "display_name").compute


def test_series_differ_where_odoo_differs():
    assert load_catalogue("18.0").field("ir.actions.server", "groups_id")
    assert load_catalogue("18.0").field("ir.actions.server", "group_ids") is None
    assert load_catalogue("19.0").field("ir.actions.server", "group_ids")
    assert load_catalogue("19.0").field("ir.actions.server", "groups_id") is None


def test_xmlids_cover_models_fields_records_and_base_data():
    cat = load_catalogue("19.0")
    assert cat.model_xmlid("sale.order") == "sale.model_sale_order"
    assert cat.has_xmlid("sale.model_sale_order")
    assert cat.has_xmlid(cat.field_xmlid("res.partner", "email"))
    assert cat.has_xmlid("mail.mail_activity_data_todo")
    assert cat.xmlid_model("base.user_root") == "res.users"
    assert not cat.has_xmlid("base.no_such_record")
    assert {"base", "mail", "base_automation"} <= cat.installed_modules


def test_older_series_fall_back_to_18_and_are_cached():
    for series in ("16.0", "17.0"):
        cat = load_catalogue(series)
        assert (cat.series, cat.source_series) == (series, "18.0")
    assert load_catalogue("18.0") is load_catalogue("18.0")
    with pytest.raises(ValueError):
        load_catalogue("15.0")


def test_compact_field_drops_defaults_and_keeps_selection_values():
    spec = {"type": "selection", "store": True, "required": False, "compute": False,
            "related": None, "selection": [["a", "A"], ["b", "B"]], "xmlid": "m.field_x__s",
            "modules": ["m"], "relation": None, "string": "S"}
    assert compact_field(spec) == {"type": "selection", "selection": ["a", "b"],
                                   "xmlid": "m.field_x__s", "modules": ["m"]}
    assert compact_field({"type": "binary", "store": False}) == {"type": "binary", "store": False}


def test_compact_schema_round_trips_through_the_packaged_shape(tmp_path):
    schema = {"series": "18.0", "source": "test", "installed_modules": ["mail", "base"],
              "xmlids": {"m.x": {"model": "res.partner", "res_name": "X"}},
              "models": {"res.partner": {"xmlid": "base.model_res_partner", "modules": ["base"],
                                         "inherits": {}, "fields": {"name": {"type": "char"}}}}}
    out = compact_schema(schema)
    assert out["installed_modules"] == ["base", "mail"]
    assert out["xmlids"]["m.x"]["model"] == "res.partner"
    assert "base.user_root" in out["xmlids"]
    assert json.loads(json.dumps(out)) == out


def test_packaged_catalogues_stay_small():
    from importlib import resources
    for series in ("18.0", "19.0"):
        blob = (resources.files("migrator") / "data" / f"catalogue-{series}.json.gz").read_bytes()
        assert len(blob) < 400_000
        assert json.loads(gzip.decompress(blob))["series"] == series


def test_16_and_17_have_the_fields_18_removed_with_their_xml_ids():
    for series in ("16.0", "17.0"):
        to_check = load_catalogue(series).field("account.move", "to_check")
        assert to_check is not None and to_check.type == "boolean"
        assert to_check.xmlid == "account.field_account_move__to_check"
        assert load_catalogue(series).has_xmlid("account.field_account_move__to_check")
    kanban = load_catalogue("16.0").field("project.task", "kanban_state")
    assert kanban.selection == ("normal", "done", "blocked")
    assert kanban.xmlid == "project.field_project_task__kanban_state"
    for series in ("18.0", "19.0"):
        assert load_catalogue(series).field("account.move", "to_check") is None


def test_16_and_17_lack_the_fields_they_do_not_have_yet():
    assert load_catalogue("16.0").field("project.task", "state") is None
    assert load_catalogue("16.0").field("project.task", "allocated_hours") is None
    assert load_catalogue("17.0").field("account.move", "checked") is None
    assert load_catalogue("18.0").field("account.move", "checked") is not None


def test_field_overlays_name_where_each_model_was_read():
    from importlib import resources

    for series in ("16.0", "17.0"):
        data = json.loads((resources.files("migrator") / "data" / f"fields-{series}.json").read_text())
        assert data["series"] == series and data["base"] == "18.0"
        for model, change in data["models"].items():
            assert f"Odoo {series}" in change["read_in"], model
            assert all(spec["xmlid"].endswith(f"__{name}") for name, spec in change.get("added", {}).items())


def test_sale_order_16_keeps_the_locked_state_and_the_pricelist_currency():
    c16 = load_catalogue("16.0")
    assert c16.field("sale.order", "state").selection == ("draft", "sent", "sale", "done", "cancel")
    assert load_catalogue("17.0").field("sale.order", "state").selection == ("draft", "sent", "sale", "cancel")
    currency = c16.field("sale.order", "currency_id")
    assert currency.related == "pricelist_id.currency_id" and currency.store
    assert c16.field("sale.order", "pricelist_id").required
    assert not load_catalogue("18.0").field("sale.order", "pricelist_id").required
    assert c16.field("sale.order", "locked") is None
    assert c16.field("sale.order", "journal_id") is None
    assert load_catalogue("17.0").field("sale.order", "locked").type == "boolean"


def test_sale_order_16_and_17_have_the_analytic_account_18_dropped():
    for series in ("16.0", "17.0"):
        field = load_catalogue(series).field("sale.order", "analytic_account_id")
        assert field.relation == "account.analytic.account"
        assert field.xmlid == "sale.field_sale_order__analytic_account_id"
        assert load_catalogue(series).field("sale.order", "duplicated_order_ids") is None
    assert load_catalogue("18.0").field("sale.order", "analytic_account_id") is None


def test_sale_order_17_stores_the_amount_to_invoice():
    assert load_catalogue("17.0").field("sale.order", "amount_to_invoice").store
    assert not load_catalogue("18.0").field("sale.order", "amount_to_invoice").store
    assert load_catalogue("16.0").field("sale.order", "amount_to_invoice") is None


def test_purchase_order_16_and_17_lack_the_fields_18_added():
    for series in ("16.0", "17.0"):
        catalogue = load_catalogue(series)
        assert catalogue.field("purchase.order", "mail_reception_declined") is None
        assert catalogue.field("purchase.order", "amount_total_cc") is None
        assert catalogue.field("purchase.order", "state") is not None
    assert load_catalogue("16.0").field("purchase.order", "tax_calculation_rounding_method") is None
    assert load_catalogue("17.0").field("purchase.order", "tax_calculation_rounding_method") is not None


def test_crm_lead_17_has_its_activity_kanban_state():
    kanban = load_catalogue("17.0").field("crm.lead", "kanban_state")
    assert kanban.selection == ("grey", "red", "green") and not kanban.store
    assert kanban.xmlid == "crm.field_crm_lead__kanban_state"
    assert load_catalogue("18.0").field("crm.lead", "kanban_state") is None


def test_stock_picking_17_has_show_reserved_and_lacks_the_shipping_weights():
    c17 = load_catalogue("17.0")
    assert c17.field("stock.picking", "show_reserved").related == "picking_type_id.show_reserved"
    assert c17.field("stock.picking", "hide_picking_type").type == "boolean"
    assert c17.field("stock.picking", "shipping_weight") is None
    assert c17.field("stock.picking", "search_date_category") is None
    assert load_catalogue("18.0").field("stock.picking", "shipping_weight") is not None


def test_expense_event_manufacturing_and_leaves_are_in_the_catalogues():
    """hr_expense, event, mrp and hr_holidays_attendance, read off databases where they were
    installed: their models, the fields they add to others, their records' xml ids, and the
    modules that install with them."""
    from migrator.catalogue import module_closure

    c18, c19 = load_catalogue("18.0"), load_catalogue("19.0")
    assert c18.model_xmlid("hr.expense.sheet") == "hr_expense.model_hr_expense_sheet"
    assert not c19.has_model("hr.expense.sheet")  # 19.0 has expenses without reports
    for cat in (c18, c19):
        assert cat.model_xmlid("event.event") == "event.model_event_event"
        assert cat.model_xmlid("mrp.production") == "mrp.model_mrp_production"
        assert cat.model_xmlid("hr.leave") == "hr_holidays.model_hr_leave"
        move = cat.field("stock.move", "raw_material_production_id")
        assert (move.relation, move.modules) == ("mrp.production", ("mrp",))
        assert {"hr_expense", "event", "mrp", "hr_holidays_attendance"} <= cat.installed_modules
    assert {"hr", "account"} <= module_closure("18.0", ["hr_expense"])
    assert "mrp" not in module_closure("18.0", ["stock"])  # a stock module does not get mrp's fields
