"""The vocabulary every other package shares: errors, findings, the section schema,
located YAML and its validation, text normalisation, rule tables, bundled resources,
safe file writing and the report model that the analyses read.

Imports: the standard library and third-party packages only — never another
drafter package. Everything above (read, draft, check, reuse, api, cli) may import it.
"""
