"""Plan reconciliation (规划对账): a plan's goals, tasks and quantified targets, read from
the plan document or its editable PLAN.yaml, and which of them the unit's reports cover.

Imports: drafter.core, drafter.read (a plan's heading tree) and drafter.drafting's YAML
writer. Never drafter.checks or drafter.reuse: drafter.api hands it the unit's earlier
reports from the corpus.
"""
