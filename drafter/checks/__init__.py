"""The completeness check: engines that run the rule table (rules/checks.yaml) over
the report model, the terminal and JSON output of findings, and Word annotations.

Imports: drafter.core and drafter.read (figures and place names in the prose).
Never drafter.reuse or drafter.drafting: the library entry (drafter.api) composes them.
"""
