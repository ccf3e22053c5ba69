"""The first exchange rates: the European Central Bank's reference rates of 30 October 2026,
crossed through the euro (core/data/exchange_rates.json says where they come from)."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parents[1] / "data" / "exchange_rates.json"


def load(apps, schema_editor):
    ExchangeRate = apps.get_model("core", "ExchangeRate")
    data = json.loads(DATA.read_text())
    per_eur = {code: Decimal(str(value)) for code, value in data["per_eur"].items()}
    won = per_eur.pop("KRW")
    for currency, value in per_eur.items():
        ExchangeRate.objects.update_or_create(
            currency=currency,
            defaults={
                "per_krw": (value / won).quantize(Decimal("0.00000001")),
                "as_of": data["as_of"],
                "source": data["source"],
                "source_url": data["source_url"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_exchange_rate")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
