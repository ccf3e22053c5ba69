"""The demo data set behind `manage.py seed_demo`: fictional, deterministic and idempotent.

`services.demo_seed` is the entry point; the other modules hold the catalogues (employers, training
providers and courses, universities, names) and the pure planning code that turns a seed into rows.
"""
