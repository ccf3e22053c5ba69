import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Each served process compiles its templates and loads its URLs now, not on its first requests.
from config.warmup import process_warm  # noqa: E402 (needs the settings configured above)

process_warm()
