"""The local web app (`drafter serve`): a face on the library for staff who do not use a
command line — 起草, 检查, 语料库 and 审阅 pages, each a form that calls one `drafter.api`
function and shows its result. No logic of its own: what the pages compute, the library
computes. Every asset (templates, CSS, one small script) ships in this package.

Imports: drafter.api and drafter.core only (like the command line); starlette, jinja2 and
uvicorn are imported when the server starts, never by `drafter --help`.
"""
