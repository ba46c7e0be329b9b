"""Reviewing a folder of units' reports (the upper-level office's February–April job): every
report read (.docx .doc .wps .odt .pdf .txt .md, and .zip of them), identified (canonical unit,
level, year), checked (completeness, numbers, years, format rules where Word) and compared
with the corpus and with each other, in parallel on all cores; one row a report, with the
expected units that sent none, as a terminal table, JSON, a workbook and an HTML dashboard;
and the printable 查重报告单 of one report (`slip`), for `check --report` too.

Modules: `reading` (files to report models, LibreOffice conversions made in one run),
`compare` (the folder as a corpus of its own; who copied whom), `rows` (a report's row),
`run` (the process pool), `output` (terminal table, JSON), `workbook` (.xlsx), `dashboard`
(HTML), `slip` and `slip_text` (查重报告单 .docx/.pdf).

Imports: every package below it (core, read, drafting, checks, reuse, plans); never api or cli.
"""
