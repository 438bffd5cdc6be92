"""Generation: behaviour units -> an importable data module of action records (docs/generate.md).

`convert_addon` plans and renders (nothing written); `write_module` checks the result in a
temporary folder and moves it into place; `write_residual` copies the addon without the
moved methods.
"""

from migrator.generate.convert import Conversion, convert_addon, default_name
from migrator.generate.module_writer import write_module, write_residual

__all__ = ["Conversion", "convert_addon", "default_name", "write_module", "write_residual"]
