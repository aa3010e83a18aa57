"""zhibiao (指标): indicators, scores and rankings from science-and-technology statistics.

>>> import zhibiao as zb
>>> panel = zb.read_csv("regions.csv")              # units in the header: gdp[亿元]
>>> values, reasons = panel.compute(["rd_intensity"], reasons=True)

The computations run in the C++ core (``zhibiao._core``); this package adds pandas in and out,
notebook representations and the command line.
"""

from __future__ import annotations

from . import _core, composite, plot, scorecards
from ._catalogue import Catalogue, catalogue, load_catalogue
from ._explain import Explanation
from ._extract import InvalidBytesWarning, extract, parse_chinese_number, read_report, read_report_file, read_reports
from ._indicator import Indicator
from ._panel import Float32Warning, Panel, RegionCodeChangeWarning, load_rules, read_csv
from ._percent_cells import PercentFractionWarning
from ._patents import patents_in_force
from ._suggest import ArgumentTypeError, UnknownKeywordError
from ._repr import register_notebook_display as _register_notebook_display
from ._tables import to_excel, whole_ranks, write_csv
from ._tables import concat, merge, units, with_units  # tables that keep their units

__version__ = _core.__version__

Error = _core.Error
ParseError = _core.ParseError
UnitError = _core.UnitError
UnknownUnitError = _core.UnknownUnitError
IncompatibleUnitsError = _core.IncompatibleUnitsError
DuplicateRowError = _core.DuplicateRowError
LimitError = _core.LimitError
MethodError = _core.MethodError
FileError = _core.FileError
MissingFileError = _core.MissingFileError
UnknownNameError = _core.UnknownNameError
MissingVariableError = _core.MissingVariableError
UnknownIndicatorError = _core.UnknownIndicatorError
ArgumentError = _core.ArgumentError

# KeyError prints its argument with repr(); these carry a full sentence, so print it as is.
_cls: type
for _cls in (UnknownNameError, MissingVariableError, UnknownIndicatorError):
    _cls.__str__ = BaseException.__str__  # type: ignore[assignment]
    _cls.__module__ = "zhibiao"
for _cls in (
    Error,
    ParseError,
    UnitError,
    UnknownUnitError,
    IncompatibleUnitsError,
    DuplicateRowError,
    LimitError,
    MethodError,
    ArgumentError,
    FileError,
    MissingFileError,
):
    _cls.__module__ = "zhibiao"
del _cls

Unit = _core.Unit
Period = _core.Period

_register_notebook_display()  # units shown under the column names of result tables in Jupyter

#: The reasons a computed value can be missing, in code order (0 = present).
REASONS = tuple(_core.reason_names[1:])

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "Catalogue",
    "DuplicateRowError",
    "Error",
    "Explanation",
    "FileError",
    "IncompatibleUnitsError",
    "Indicator",
    "LimitError",
    "MethodError",
    "MissingFileError",
    "MissingVariableError",
    "Panel",
    "ParseError",
    "Period",
    "REASONS",
    "RegionCodeChangeWarning",
    "Float32Warning",
    "PercentFractionWarning",
    "Unit",
    "UnitError",
    "UnknownIndicatorError",
    "UnknownKeywordError",
    "UnknownNameError",
    "UnknownUnitError",
    "catalogue",
    "composite",
    "extract",
    "read_report_file",
    "read_report",
    "read_reports",
    "InvalidBytesWarning",
    "load_catalogue",
    "load_rules",
    "parse_chinese_number",
    "patents_in_force",
    "plot",
    "read_csv",
    "scorecards",
    "to_excel",
    "whole_ranks",
    "write_csv",
    "concat",
    "merge",
    "units",
    "with_units",
]


def __getattr__(name: str) -> object:
    # zhibiao.dask imports dask when loaded: loaded on first use (`zhibiao.dask.compute(...)` as
    # the README writes it), so `import zhibiao` stays free of dask for everyone else.
    if name == "dask":
        import importlib

        return importlib.import_module(".dask", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
