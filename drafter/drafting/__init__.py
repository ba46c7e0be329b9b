"""Drafting a report from year data: the year-data model and its validated loading,
metrics, narrative references, the template and its line markup, the GB/T 9704
.docx writer and its layout, text previews, `init` skeletons, `import` of an
existing report, and the report model a YAML file produces for the analyses.

Imports: drafter.core and drafter.read (import reads an existing report).
"""
