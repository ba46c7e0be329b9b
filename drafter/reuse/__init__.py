"""The reuse check (查重): sentences with numbers masked, the n-gram index, candidate
matching verified with rapidfuzz, the corpus of past reports (SQLite), the analysis
of one report against the corpus, crosscheck of many reports, and the HTML report.

Imports: drafter.core and drafter.read (files are read before they are stored).
Never drafter.checks or drafter.drafting.
"""
