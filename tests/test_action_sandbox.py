"""Server-action code under the replay sandbox: what Odoo refuses, allows and exposes."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from migrator.check.sandbox import check_code
from migrator.runtime.action_sandbox import (
    Command, ReplayUnsupported, SandboxViolation, UserError, Warning, build_eval_context,
    float_compare, run_action_code,
)

ENV = SimpleNamespace(uid=7, user=SimpleNamespace(name="Mitchell Admin"))


def context(series: str = "18.0", **overrides):
    logged: list[tuple] = []
    records, record = overrides.pop("records", []), overrides.pop("record", None)
    ctx = build_eval_context(ENV, "sale.order", records, record,
                             lambda message, level="info": logged.append((message, level)),
                             series, **overrides)
    return ctx, logged


def run(code: str, series: str = "18.0", **overrides):
    return run_action_code(code, context(series, **overrides)[0], series)


@pytest.mark.parametrize("code, line, reason", [
    ("import os", 1, "imports are refused by the sandbox"),
    ("x = 1\nfrom os import path", 2, "imports are refused by the sandbox"),
    ("x = env.__class__", 1, "name '__class__' contains '__'"),
    ("record.name = 'x'", 1, "assignment to attribute 'name' is refused by the sandbox; use write()"),
    ("del record.name", 1, "deletion of attribute 'name' is refused"),
    ("print('x')", 1, "'print' is not available in the sandbox"),
    ("getattr(record, 'name')", 1, "'getattr' is not available in the sandbox"),
    ("x = type(record)", 1, "'type' is not available in the sandbox"),
    ("open('/etc/passwd')", 1, "'open' is not available in the sandbox"),
    ("global x", 1, "'global' is refused by the sandbox"),
    ("a, *b = [1, 2, 3]", 1, "starred assignment is refused by the sandbox"),
    ("def f(a):\n    return lambda: a", 2, "closures are refused by the sandbox"),
    ("x = record.f_globals", 1, "'f_globals' is a frame or code attribute"),
])
def test_refusals_carry_the_line_and_the_checker_message(code, line, reason):
    with pytest.raises(SandboxViolation) as caught:
        run(code)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert (caught.value.line, caught.value.reason) == check_code(code, "18.0")[0]


def test_refusal_keeps_line_numbers_of_the_code_as_given():
    with pytest.raises(SandboxViolation) as caught:
        run("\n\n  \nx = 1\nrecord.name = x\n")
    assert caught.value.line == 5


def test_guard_names_cannot_be_bound():
    with pytest.raises(SandboxViolation, match='"_getattr_" is reserved'):
        run("_getattr_ = 1")


def test_what_odoo_allows_runs():
    result = run("""
lines = [n * 2 for n in range(4) if n]
by_key = {k: v for k, v in zip('ab', lines)}
by_key['c'] = 3
lines[0] = 0
total = 0
for index, value in enumerate(lines):
    total += value
double = lambda n: n * 2
def triple(n):
    return n * 3
try:
    raise UserError('stop')
except UserError as error:
    caught = str(error)
first, second = lines[:2]
label = f"{total}-{double(1)}-{triple(1)}-{model}"
action = {'type': 'ir.actions.client', 'tag': 'reload'}
""")
    assert result["lines"] == [0, 4, 6]
    assert result["by_key"] == {"a": 2, "b": 4, "c": 3}
    assert (result["total"], result["caught"], result["first"], result["second"]) == (10, "stop", 0, 4)
    assert result["label"] == "10-2-3-sale.order"
    assert result["action"] == {"type": "ir.actions.client", "tag": "reload"}
    assert "__builtins__" not in result and "_getattr_" not in result


def test_user_code_errors_propagate_unchanged():
    with pytest.raises(UserError, match="Customer missing"):
        run("raise UserError('Customer missing')")
    with pytest.raises(ZeroDivisionError):
        run("x = 1 / 0")
    with pytest.raises(KeyError):
        run("x = {}['missing']")


def test_single_underscore_attributes_are_allowed_like_odoo():
    records = SimpleNamespace(_name="sale.order")
    assert run("name = records._name", records=records)["name"] == "sale.order"


def test_item_assignment_on_a_record_like_object_goes_to_its_setitem():
    class Record(dict):
        pass

    target = Record()
    run("record['x'] = 1", record=target)
    assert target == {"x": 1}


def test_log_and_logger():
    ctx, logged = context("17.0")
    run_action_code("log('hello', level='warning')\n_logger.info('x %s', 1)", ctx, "17.0")
    assert logged == [("hello", "warning")]


@pytest.mark.parametrize("series", ["16.0", "17.0", "18.0", "19.0"])
def test_context_names_per_series(series):
    ctx, _ = context(series)
    common = {"env", "model", "records", "record", "log", "uid", "user", "time", "datetime",
              "dateutil", "timezone", "float_compare", "b64encode", "b64decode", "Command",
              "UserError"}
    extra = {"Warning"} if series == "16.0" else {"_logger", "json"}
    assert set(ctx) == common | extra
    assert ctx["uid"] == 7 and ctx["user"] is ENV.user


def test_json_is_refused_on_16_and_available_on_17():
    with pytest.raises(SandboxViolation, match="'json' is not available"):
        run("x = json.dumps(1)", "16.0")
    assert run("x = json.dumps({'a': 1})", "17.0")["x"] == '{"a": 1}'


def test_warning_is_a_user_error_on_16():
    with pytest.raises(UserError):
        run("raise Warning('old style')", "16.0")
    assert issubclass(Warning, UserError)


def test_wrapped_modules_expose_only_their_list():
    result = run("d = datetime.date(2024, 2, 29) + datetime.timedelta(days=1)\nt = time.strftime('%Y', time.strptime('2020', '%Y'))")
    assert str(result["d"]) == "2024-03-01" and result["t"] == "2020"
    with pytest.raises(AttributeError):
        run("x = datetime.sys")
    with pytest.raises(AttributeError):
        run("x = time.localtime()")


@pytest.mark.skipif(importlib.util.find_spec("dateutil") is None, reason="python-dateutil not installed")
def test_dateutil_submodules_from_17_only():
    result = run("d = datetime.date(2024, 1, 31) + dateutil.relativedelta.relativedelta(months=1)", "17.0")
    assert str(result["d"]) == "2024-02-29"
    with pytest.raises(AttributeError):
        run("r = dateutil.relativedelta", "16.0")


@pytest.mark.skipif(importlib.util.find_spec("pytz") is not None, reason="pytz is installed")
def test_timezone_without_pytz_says_what_is_missing():
    with pytest.raises(ReplayUnsupported, match="needs the pytz package"):
        run("tz = timezone('Europe/Brussels')")


def test_command_and_overrides():
    assert run("c = [Command.create({'name': 'x'}), Command.set([1, 2]), Command.clear()]")["c"] == [
        (0, 0, {"name": "x"}), (6, 0, [1, 2]), (5, 0, 0)]
    own = SimpleNamespace(link=lambda i: ("link", i))
    assert run("c = Command.link(3)", Command=own)["c"] == ("link", 3)
    assert Command.link(4) == (4, 4, 0)


def test_names_given_by_the_caller_resolve():
    assert run("x = payload['id']", payload={"id": 5})["x"] == 5


def test_modules_in_the_context_are_refused():
    import os
    with pytest.raises(SandboxViolation, match="'os' is a module"):
        run("x = 1", os=os)


@pytest.mark.parametrize("a, b, digits, expected", [
    (0.1 + 0.2, 0.3, 2, 0), (1.005, 1.0, 2, 1), (2.675, 2.68, 2, 0), (-1.0, 1.0, 0, -1),
])
def test_float_compare_like_odoo(a, b, digits, expected):
    assert float_compare(a, b, precision_digits=digits) == expected


def test_float_compare_needs_one_precision():
    with pytest.raises(ValueError):
        float_compare(1.0, 1.0)
