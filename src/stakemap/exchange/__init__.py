"""Data in and out: CSV and XLSX import and export of stakeholders, relationships and the plan.

Exchange layer: imports the core only; no Qt, no SQL. Hostile files are refused
with a message, in bounded memory; nothing is imported half-way.
"""
