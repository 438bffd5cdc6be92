"""The format helpers of mail templates (format_date, format_datetime, format_time,
format_amount, format_duration): the strings Odoo writes for en_US, and the calls that need
another language or babel's locale data refused by name."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from types import SimpleNamespace as Obj

import pytest

from migrator.runtime.clock import Clock
from migrator.runtime.environment import Environment
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.registry import Registry
from migrator.runtime.render import RenderError, render_inline, render_qweb, template_values
from migrator.runtime.render.formats import Formatters

NBSP, ZWNBSP = "\N{NO-BREAK SPACE}", "\N{ZERO WIDTH NO-BREAK SPACE}"
USD = Obj(symbol="$", position="before", decimal_places=2, rounding=0.01)
EUR = Obj(symbol="€", position="after", decimal_places=2, rounding=0.01)
JPY = Obj(symbol="¥", position="before", decimal_places=0, rounding=1.0)
EVENING = datetime.datetime(2024, 5, 5, 23, 30, 5)  # naive UTC, as the ORM stores it


def render(expression: str, ctx: dict | None = None, user: Obj | None = None, series: str | None = None,
           **names) -> str:
    ctx = {"lang": "en_US", "tz": "UTC"} if ctx is None else ctx
    user = user or Obj(name="Mitchell Admin", tz=False)
    helpers = Formatters(user, ctx, series).helpers()
    return render_inline(f"{{{{ {expression} }}}}", template_values(Obj(), user, ctx, **helpers, **names))


# -- format_amount: lang.format with grouping, the currency's symbol and position
@pytest.mark.parametrize("amount, currency, expected", [
    (1234.5, USD, f"${NBSP}1,234.50"),
    (1234.5, EUR, f"1,234.50{NBSP}€"),
    (1234567.891, USD, f"${NBSP}1,234,567.89"),
    (-1234.5, EUR, f"-{ZWNBSP}1,234.50{NBSP}€"),
    (2.675, USD, f"${NBSP}2.68"),  # currency.round is HALF-UP, '%.2f' alone would give 2.67
    (-0.001, USD, f"${NBSP}0.00"),  # rounds to 0.0, not -0.0
    (999.5, JPY, f"¥{NBSP}1,000"),
    (12, EUR, f"12.00{NBSP}€"),
])
def test_format_amount(amount, currency, expected):
    assert render("format_amount(amount, currency)", amount=amount, currency=currency) == expected


def test_format_amount_without_a_currency_fails_to_render():
    with pytest.raises(RenderError, match="format_amount"):
        render("format_amount(10, False)")


# -- format_date: the lang's date_format, a datetime seen in the context's time zone
@pytest.mark.parametrize("value, ctx, expected", [
    (datetime.date(2024, 5, 5), None, "05/05/2024"),
    (EVENING, None, "05/05/2024"),
    (EVENING, {"lang": "en_US", "tz": "Asia/Tokyo"}, "05/06/2024"),
    (EVENING, {"lang": "en_US", "tz": "Not/AZone"}, "05/05/2024"),  # unknown: UTC, as Odoo
    ("2024-05-05", None, "05/05/2024"),
    ("2024-05-05 23:30:05", {"lang": "en_US", "tz": "Asia/Tokyo"}, "05/06/2024"),
    ("2024-05", None, ""),
    (False, None, ""),
    (datetime.date(7, 1, 2), None, "01/02/0007"),  # babel pads yyyy
])
def test_format_date(value, ctx, expected):
    assert render("format_date(value)", ctx=ctx, value=value) == expected


def test_format_date_uses_the_users_tz_when_the_context_has_none():
    user = Obj(name="Ann", tz="Pacific/Honolulu")
    assert render("format_date(value)", ctx={"lang": "en_US"}, user=user,
                  value=datetime.datetime(2024, 5, 5, 3, 0)) == "05/04/2024"


@pytest.mark.parametrize("pattern, expected", [
    ("d/M/yy", "5/5/24"), ("yyyy-MM-dd", "2024-05-05"), ("y", "2024"),
    ("dd.MM.y 'at' HH:mm", "05.05.2024 at 23:30"), ("h:mm", "11:30"),
])
def test_format_date_with_a_numeric_ldml_pattern(pattern, expected):
    # positional, as the template's partial takes it: format_date(date, date_format, lang_code)
    assert render("format_date(value, pattern)", value=EVENING.replace(tzinfo=datetime.timezone.utc),
                  pattern=pattern) == expected


# -- format_datetime / format_time: the tz argument, else the user's tz, else UTC
@pytest.mark.parametrize("expression, user_tz, expected", [
    ("format_datetime(value)", False, "05/05/2024 23:30:05"),
    ("format_datetime(value, 'Europe/Brussels')", False, "05/06/2024 01:30:05"),
    ("format_datetime(value)", "America/New_York", "05/05/2024 19:30:05"),
    ("format_datetime(value, tz='Asia/Kolkata', dt_format='yyyy-MM-dd HH:mm')", False, "2024-05-06 05:00"),
    ("format_time(value)", False, "23:30:05"),
    ("format_time(value, 'Europe/Brussels')", False, "01:30:05"),
    ("format_time(value, time_format='H:mm')", "Asia/Tokyo", "8:30"),
])
def test_format_datetime_and_time(expression, user_tz, expected):
    assert render(expression, user=Obj(name="Ann", tz=user_tz), value=EVENING) == expected


def test_format_datetime_ignores_the_context_tz():
    # unlike format_date: Odoo reads the tz argument and the user's tz only
    assert render("format_datetime(value)", ctx={"lang": "en_US", "tz": "Asia/Tokyo"},
                  value=EVENING) == "05/05/2024 23:30:05"


def test_format_time_of_a_time_is_not_moved():
    assert render("format_time(value, 'Asia/Tokyo')", value=datetime.time(9, 5, 7)) == "09:05:07"


@pytest.mark.parametrize("series, expected", [("18.0", "05/05/2024 23:30:05"),
                                              ("16.0", None), ("17.0", None), ("19.0", None)])
def test_medium_is_the_lang_format_in_18_only(series, expected):
    expression = "format_datetime(value, dt_format='medium')"
    if expected is None:
        with pytest.raises(RuntimeMissing, match=rf"format_datetime\(dt_format='medium'\) in {series}"):
            render(expression, series=series, value=EVENING)
    else:
        assert render(expression, series=series, value=EVENING) == expected
        assert render("format_time(value, time_format='medium')", series=series, value=EVENING) == "23:30:05"


def test_format_datetime_of_an_aware_datetime_fails_to_render():
    with pytest.raises(RenderError, match="format_datetime"):
        render("format_datetime(value)", value=EVENING.replace(tzinfo=datetime.timezone.utc))


# -- format_duration
@pytest.mark.parametrize("value, expected", [
    (1.5, "01:30"), (0, "00:00"), (0.25, "00:15"), (-1.75, "-01:45"), (2.9999, "03:00"),
    (100.5, "100:30"),
])
def test_format_duration(value, expected):
    assert render("format_duration(value)", value=value) == expected


# -- refusals, by name
@pytest.mark.parametrize("expression, ctx, message", [
    ("format_date(value, lang_code='fr_FR')", None, "format_date() with lang_code='fr_FR'"),
    ("format_amount(1.0, currency, 'de_DE')", None, "format_amount() with lang_code='de_DE'"),
    ("format_datetime(value)", {"lang": "nl_NL"}, "format_datetime() with context lang 'nl_NL'"),
    ("format_date(value, 'MMMM y')", None, "format_date(date_format='MMMM y'): the LDML field 'MMMM'"),
    ("format_date(value, 'EEE d')", None, "the LDML field 'EEE'"),
    ("format_time(value, time_format='h:mm a')", None, "the LDML field 'a'"),
    ("format_datetime(value, dt_format='short')", None, "format_datetime(dt_format='short')"),
    ("format_time(value, time_format='full')", None, "format_time(time_format='full')"),
])
def test_unsupported_calls_are_refused_by_name(expression, ctx, message):
    with pytest.raises(RuntimeMissing) as caught:
        render(expression, ctx=ctx, value=EVENING, currency=USD)
    assert message in str(caught.value)


def test_the_company_lang_counts_when_the_context_has_none():
    user = Obj(name="Ann", tz=False, company_id=Obj(partner_id=Obj(lang="fr_FR")))
    with pytest.raises(RuntimeMissing, match="company lang 'fr_FR'"):
        render("format_date(value)", ctx={}, user=user, value=EVENING)
    user.company_id.partner_id.lang = "en_US"
    assert render("format_date(value)", ctx={}, user=user, value=EVENING) == "05/05/2024"


def test_refusals_are_not_hidden_in_qweb():
    with pytest.raises(RuntimeMissing, match="MMMM"):
        render_qweb('<p t-out="format_date(value, \'MMMM\')"/>',
                    template_values(Obj(), Obj(), {"lang": "en_US"}, value=EVENING))


# -- on a real database: seeded currencies, the record's env gives the series
START = datetime.datetime(2025, 3, 3, 9, 0)


@pytest.fixture(scope="module")
def registry(replay_conn) -> Iterator[Registry]:
    registry = Registry("18.0", clock=Clock(START))
    install_mail(registry)
    registry.install(replay_conn, extra_models=[*mail_models(registry), "sale.order"])
    yield registry


def test_a_template_formats_a_sale_order(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Azure"})
    order = env["sale.order"].create({"partner_id": partner.id, "currency_id": env.ref("base.EUR").id,
                                      "validity_date": datetime.date(2025, 3, 31)})
    order.write({"amount_total": 1234.5})
    body = ('<p>Total <t t-out="format_amount(object.amount_total, object.currency_id) or \'\'"/>,'
            ' valid until <t t-out="format_date(object.validity_date)"/>,'
            ' ordered <t t-out="format_datetime(object.date_order, dt_format=\'medium\')"/>.</p>')
    values = template_values(order, env.user, dict(env.context))
    assert render_qweb(body, values) == (f"<p>Total 1,234.50{NBSP}€, valid until 03/31/2025,"
                                         " ordered 03/03/2025 09:00:00.</p>")
    usd = env.ref("base.USD")
    assert render_inline("{{ format_amount(-5, currency) }}", {**values, "currency": usd}) == \
        f"${NBSP}-{ZWNBSP}5.00"


def test_the_users_tz_is_read_from_the_record(env: Environment) -> None:
    env.user.write({"tz": "Europe/Oslo"})
    values = template_values(env.user.partner_id, env.user, {"lang": "en_US"})
    assert render_inline("{{ format_datetime(dt) }}", {**values, "dt": START}) == "03/03/2025 10:00:00"
