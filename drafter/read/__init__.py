"""Reading reports people already have: files (.docx, .txt, .md …) into paragraphs,
the heading outline, the mapping of headings onto the section schema, figures in
the prose, place names, and the report model a file produces for the analyses.

Imports: drafter.core only.
"""
