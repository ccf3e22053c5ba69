"""REST for postings and applications: public search (public.py), a graduate's applications
(graduate.py), an employer's postings and pipeline (employer.py)."""
