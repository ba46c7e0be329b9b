"""drafter: 法治政府建设年度报告的离线起草与检查工具。

Exports load on first use so that `drafter --help` does not import jinja2,
python-docx, jieba or OpenCC.
"""
from importlib import import_module

_EXPORTS = {
    "draft": "api", "load": "api", "BuildResult": "api",
    "check": "checking", "CheckResult": "checking",
    "outline_file": "reading", "import_report": "importer",
    "DrafterError": "errors", "UserError": "errors",
    "Finding": "findings", "Severity": "findings",
    "Schema": "schema", "load_schema": "schema",
}
__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")
