"""The role scenarios for locust's own runner and web view:

LOADTEST_FIXTURE=var/loadtest.json locust -f loadtest/locustfile.py --host http://127.0.0.1:8010
"""

import os

from loadtest import client

Visitor, Graduate, Employer, ApiClient = client.roles_with(
    client.fixture_load(os.environ["LOADTEST_FIXTURE"])
)
