"""Plan reconciliation (规划对账): a plan's goals, tasks and quantified targets, read from
the plan document or its editable PLAN.yaml, and which of them the unit's reports cover.

Imports: drafter.core and drafter.read (rank 3, beside checks and reuse, which it never
imports; drafter.api hands it the unit's earlier reports from the corpus).
"""
