"""Talking to a running Odoo: XML-RPC reads, and the import itself, standard library only.

The import is what `odoo-bin deploy` does: GET /web/login?db=DB (puts the database in the
session cookie, for servers with several databases), then POST
/base_import_module/login_upload with login, password, force and the zip as `mod_file`.
That route authenticates like the login page, where Odoo refuses API keys; when it says
"Access Denied" to credentials XML-RPC accepted (an API key), the same zip goes through the
Apps > Import Module wizard (`base.import.module`) over XML-RPC, which runs the same import.
Every failure becomes a DeployError of one line.
"""

from __future__ import annotations

import base64
import html
import http.client
import http.cookiejar
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xmlrpc.client
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from migrator.errors import DeployError

ADMIN_GROUP = "base.group_erp_manager"  # what res.users._is_admin asks, 16.0-19.0
_ACCESS_DENIED = "Access Denied"


class CredentialsRefused(DeployError):
    """login_upload (an interactive login) refused the login and password."""


@dataclass
class OdooClient:
    url: str
    db: str
    login: str
    password: str = field(repr=False)
    timeout: float = 300.0
    uid: int = 0
    series: str = ""  # the server's, from XML-RPC `version`

    @classmethod
    def connect(cls, url: str, db: str, login: str, password: str, timeout: float = 300.0) -> OdooClient:
        """Log in over XML-RPC: the server's series and the user's id, or a DeployError."""
        client = cls(normalize_url(url), db, login, password, timeout)
        version = client._rpc("common", "version")
        client.series = str(version.get("server_serie") or "") if isinstance(version, dict) else ""
        uid = client._rpc("common", "authenticate", db, login, password, {})
        if not uid:
            raise DeployError(f"{client.url}, database {db}: login {login!r} refused "
                              "(wrong login, password or API key)")
        client.uid = uid
        return client

    # ------------------------------------------------------------------ reads

    def call(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return self._rpc("object", "execute_kw", self.db, self.uid, self.password, model, method,
                         list(args), kwargs)

    def modules(self, names: list[str]) -> dict[str, dict]:
        """name -> its ir.module.module row (state, to_buy) for those the database knows."""
        rows = self.call("ir.module.module", "search_read", [("name", "in", sorted(set(names)))],
                         fields=["name", "state", "to_buy"])
        return {row["name"]: row for row in rows}

    def xmlids(self, module: str, names: list[str] | None = None) -> dict[str, dict]:
        """name -> ir.model.data row (model, noupdate) of the xml ids `module` owns (of `names`)."""
        domain = [("module", "=", module)] + ([("name", "in", sorted(set(names)))] if names is not None else [])
        rows = self.call("ir.model.data", "search_read", domain, fields=["name", "model", "noupdate"])
        return {row["name"]: row for row in rows}

    def is_admin(self, per_record: bool) -> bool:
        if per_record:
            return bool(self.call("res.users", "has_group", [self.uid], ADMIN_GROUP))
        return bool(self.call("res.users", "has_group", ADMIN_GROUP))

    # ------------------------------------------------------------------ import

    def upload(self, zip_path: Path, module: str, force_init: bool) -> str:
        """POST the zip to /base_import_module/login_upload; Odoo's answer (16.0 says which
        modules it imported, 17+ says nothing)."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                             _NoRedirect())
        query = urllib.parse.urlencode({"db": self.db})
        try:
            self._open(opener, f"{self.url}/web/login?{query}")
        except urllib.error.HTTPError:
            pass  # the redirect that sets the session's database: the cookie is what counts
        fields = {"login": self.login, "password": self.password, "db": self.db, "force": "1" if force_init else ""}
        body, content_type = _multipart(fields, "mod_file", zip_path)
        request = urllib.request.Request(f"{self.url}/base_import_module/login_upload", data=body,
                                         headers={"Content-Type": content_type})
        try:
            with self._open(opener, request) as response:
                text = response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as exc:
            text = exc.read().decode("utf-8", errors="replace")
            if exc.code == 404:
                raise DeployError(f"{self.url}, database {self.db}: no /base_import_module/login_upload "
                                  "(install base_import_module there first)") from None
            if text.strip() == _ACCESS_DENIED:
                raise CredentialsRefused(f"{self.url}, database {self.db}: login_upload refused login "
                                         f"{self.login!r} (wrong login or password)") from None
            raise DeployError(refusal(text, module)) from None
        if "Error while importing module" in text:  # 16.0 answers 200 with the error in the text
            raise DeployError(refusal(text, module))
        return text.strip()

    def import_with_wizard(self, zip_path: Path, module: str, force_init: bool) -> str:
        """The same import through base.import.module over XML-RPC (where API keys work)."""
        data = base64.b64encode(zip_path.read_bytes()).decode("ascii")
        wizard = self._import_call(module, "create", {"module_file": data, "force": force_init})
        self._import_call(module, "import_module", [wizard])
        # 16.0 keeps its answer (errors included) on the wizard; 17+ raised above on an error
        rows = self._import_call(module, "read", [wizard], fields=["import_message"])
        text = str(rows[0].get("import_message") or "") if rows else ""
        if "Error while importing module" in text:
            raise DeployError(refusal(text, module))
        return text.strip()

    def _import_call(self, module: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """`call` on the Import Module wizard: a refusal names the module's file and line."""
        return self._rpc("object", "execute_kw", self.db, self.uid, self.password, "base.import.module", method,
                         list(args), kwargs, module=module)

    # ------------------------------------------------------------------ transport

    def _rpc(self, service: str, method: str, *args: Any, module: str = r"\w+") -> Any:
        proxy = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/{service}", transport=self._transport(),
                                          allow_none=True)
        try:
            return getattr(proxy, method)(*args)
        except xmlrpc.client.Fault as exc:
            raise DeployError(self._fault(exc, module)) from None
        except xmlrpc.client.ProtocolError as exc:
            raise DeployError(f"{self.url} does not answer as Odoo (XML-RPC /xmlrpc/2/{service}: "
                              f"HTTP {exc.errcode} {exc.errmsg})") from None
        except (ExpatError, xmlrpc.client.ResponseError, http.client.HTTPException) as exc:
            raise DeployError(f"{self.url} does not answer as Odoo (XML-RPC /xmlrpc/2/{service}: {exc})") from None
        except OSError as exc:
            raise self._unreachable(exc) from None

    def _transport(self) -> xmlrpc.client.Transport:
        timeout = self.timeout
        base = xmlrpc.client.SafeTransport if self.url.startswith("https:") else xmlrpc.client.Transport

        class _Timed(base):  # type: ignore[misc, valid-type]
            def make_connection(self, host):  # noqa: ANN001
                connection = super().make_connection(host)
                connection.timeout = timeout
                return connection

        return _Timed()

    def _open(self, opener: urllib.request.OpenerDirector, request: str | urllib.request.Request):
        try:
            return opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError as exc:
            raise self._unreachable(exc.reason) from None
        except OSError as exc:
            raise self._unreachable(exc) from None

    def _unreachable(self, exc: object) -> DeployError:
        if isinstance(exc, socket.timeout | TimeoutError):
            # an import that installs dependencies can take minutes: it may still be running
            return DeployError(f"{self.url}: no answer within {self.timeout:g} s (--timeout); an import may "
                               f"still be running there: look in Apps before running deploy again")
        return DeployError(f"cannot reach {self.url}: {_reason(exc)}")

    def _fault(self, fault: xmlrpc.client.Fault, module: str) -> str:
        text = fault_text(fault.faultString)
        if "does not exist" in text and "database" in text:
            return f"{self.url}: no database {self.db!r}"
        if "Access Denied" in text or "AccessDenied" in text:
            return f"{self.url}, database {self.db}: login {self.login!r} refused (wrong login, password or API key)"
        return f"{self.url}, database {self.db}: {refusal(text, module)}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def normalize_url(url: str) -> str:
    """`odoo.example.com` -> `https://odoo.example.com` (as odoo-bin deploy reads it)."""
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        url = f"https://{url}"
    return url


def fault_text(text: str) -> str:
    """An XML-RPC fault's message: Odoo sends a user error's text, else a traceback whose last
    line is the exception."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines and lines[0].startswith("Traceback"):
        return lines[-1]
    return " ".join(lines)


def one_line(text: str) -> str:
    return " ".join(text.split())


# Odoo's own messages (base_import_module, 16.0-19.0) -> what they mean here.
_REFUSALS = (
    ("Unknown module dependencies", "unknown dependencies (the database has no such module)"),
    ("Unmet module dependencies", "dependencies not installed (16.0 installs none while importing)"),
    ("Only administrators", "the user is not an administrator (Administration: Access Rights)"),
    ("Studio customizations require", "the module needs Odoo Studio (web_studio)"),
)
_LISTED = re.compile(r"^\s*- (.+?)\s*$", re.MULTILINE)


# A record Odoo refused while loading a file: the path is in the server's temporary copy.
_PARSING = r"while parsing \S*?/({module})/([^\s:]+):(\d+)\s+(.*?)(?:\s+View error context:.*)?$"
_EXCEPTION = re.compile(r"(?:^|\s)[\w.]+(?:Error|Exception|Warning): (.*?)(?=\s+File \"|$)")
_TRACEBACK = "Traceback (most recent call last)"
_HTML_MESSAGE = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def refusal(text: str, module: str) -> str:
    """One line for Odoo's answer to an import it refused: its text, an HTML error page's
    message or a traceback's last exception, with the file and line of the record it stopped at."""
    for marker, meaning in _REFUSALS:
        if marker in text:
            names = _LISTED.findall(text)
            return f"Odoo refused the import: {meaning}" + (f": {', '.join(names)}" if names else "")
    if text.lstrip().startswith("<"):
        page = _HTML_MESSAGE.search(text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", page.group(1) if page else text))
    flat = one_line(text)
    parsing = re.search(_PARSING.format(module=module), flat)
    if parsing:
        return "Odoo refused the import: {}/{}:{}: {}".format(*parsing.groups())
    if _TRACEBACK in flat:
        raised = _EXCEPTION.findall(flat)
        flat = raised[-1] if raised else flat
    return f"Odoo refused the import: {flat}"


def _multipart(fields: dict[str, str], file_field: str, path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
                 f'filename="{path.name}"\r\nContent-Type: application/zip\r\n\r\n'.encode())
    parts.append(path.read_bytes())
    parts.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _reason(exc: object) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "unknown host"
    text = getattr(exc, "strerror", None) or str(exc)
    return one_line(text)
