"""What the analytics pages share: the filters a download was made with."""

from portal.staff.forms import SkillGapFilterForm


def filters_used(form: SkillGapFilterForm, *names: str) -> dict[str, str]:
    """The CSV's last columns: the filters that made it ("all" where none narrowed)."""
    filters = form.filters()
    used = {"graduates_from": filters.country, "industry": filters.industry}
    used["region"] = filters.region
    return {name: used[name] or "all" for name in names}
