"""The staff's analytics pages, one module each: skills demand and supply (skills), the funnel
from signing up to a job (funnel), work-visa feasibility (visas). Each page has a chart (its data
as JSON) with the same figures in a table beside it, and CSV exports. Everything is read from the
weekly summary tables (analytics), never from profiles or postings."""
