"""drafter: 法治政府建设年度报告的离线起草与检查工具。"""
from .api import BuildResult, draft, load
from .errors import DrafterError, UserError
from .findings import Finding, Severity
from .schema import Schema, load_schema

__all__ = ["draft", "load", "load_schema", "BuildResult", "Finding", "Severity", "Schema",
           "DrafterError", "UserError"]
__version__ = "0.1.0"
