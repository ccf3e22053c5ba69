"""The load test: `python -m loadtest --base-url URL --fixture FILE` (see __main__.py), or
`locust -f loadtest/locustfile.py` for locust's own web view. `make loadtest` runs it against
gunicorn on PostgreSQL and Redis at 100,000 graduates x 10,000 postings."""
