"""The REST API's shared machinery: error shape, pagination, throttles, the default permission.

Every app's `apis.py` uses these; `config/api_urls.py` mounts the apps' routes under /api/v1/.
See docs/api.md for the guide partners read.
"""
