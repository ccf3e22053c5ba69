"""The Celery application.

Settings live in `config/settings.py` under the `CELERY_` prefix. Without a broker URL the tasks run
in-process (eager), so `make run` needs no Redis; with `REDIS_URL` set, real workers consume the
`default`, `matching` and `notifications` queues.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("talent_bridge", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
