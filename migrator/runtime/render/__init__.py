"""mail.template rendering for the replay runtime: inline templates and QWeb bodies."""

from migrator.runtime.render.context import template_values
from migrator.runtime.render.inline import RenderError, UnsupportedTemplate, render_inline
from migrator.runtime.render.qweb import QWebError, render_qweb

__all__ = ["QWebError", "RenderError", "UnsupportedTemplate", "render_inline", "render_qweb",
           "template_values"]
