"""drafter: 法治政府建设年度报告的离线起草与检查工具。

The library entry is drafter.api; every name in its __all__ is available here and
loads on first use, so that `drafter --help` does not import jinja2, python-docx,
jieba or OpenCC.
"""

from importlib import import_module

__version__ = "0.1.0"
_ELSEWHERE = {"Corpus": "reuse.corpus", "Severity": "core.findings"}


def __getattr__(name: str):
    """Load an exported name of drafter.api (or Corpus, Severity) on first use."""
    module = _ELSEWHERE.get(name, "api")
    value = getattr(import_module(f".{module}", __name__), name, None)
    if value is None or (module == "api" and name not in import_module(".api", __name__).__all__):
        raise AttributeError(f"module 'drafter' has no attribute {name!r}")
    globals()[name] = value
    return value
