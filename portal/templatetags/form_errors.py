"""Whether the page shows a refused form: its title then starts with "Error:" (WCAG 3.3.1), on
every page alike, whatever form it holds."""

from typing import cast

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


def _refused(value: object) -> bool:
    # Only forms the view has validated (`_errors` is set by full_clean): the title must not
    # run a form's validation, and its queries, on its own. Nor does it evaluate a lazy value
    # (SimpleLazyObject, read by a kept part only when it is not kept): its type, not its
    # __class__, which such a value answers by evaluating itself.
    kind = type(value)
    if issubclass(kind, BaseForm):
        return bool(getattr(value, "_errors", None))
    if issubclass(kind, BaseFormSet):
        formset = cast(BaseFormSet, value)
        return getattr(formset, "_errors", None) is not None and formset.total_error_count() > 0
    return False


@register.simple_tag(takes_context=True)
def page_has_form_errors(context: template.Context) -> bool:
    """True when a bound form (or formset) in the page's context has errors."""
    return any(_refused(value) for value in context.flatten().values())
