"""Visa pages' display helpers."""


def test_the_long_select_renders_the_options_django_would():
    """Same options, groups, selection and attributes as Django's Select, without its
    per-option templates."""
    import re

    from django import forms

    from core.countries import country_choices
    from portal.public.widgets import PythonSelect

    def options(html: str) -> list[tuple[str, str, bool]]:
        found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
        return [(value, label, bool(selected)) for value, selected, label in found]

    for value in ("VN", "", "XX"):
        fast, django = PythonSelect(), forms.Select()
        fast.choices = django.choices = country_choices(blank="Choose a country")
        ours = fast.render("nationality", value, attrs={"id": "id_nationality"})
        theirs = django.render("nationality", value, attrs={"id": "id_nationality"})
        assert options(ours) == options(theirs)
        assert re.findall(r'<optgroup label="([^"]*)"', ours) == re.findall(
            r'<optgroup label="([^"]*)"', theirs
        )
        assert ours.startswith('<select name="nationality" id="id_nationality">') or (
            ours.startswith('<select id="id_nationality" name="nationality">')
        )
