from django.contrib import admin

from core.models import ExchangeRate, WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker", "last_seen", "beats"]
    readonly_fields = ["worker", "last_seen", "beats"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "per_krw", "as_of", "source"]
    search_fields = ["currency"]
