"""`{% kept %}`: a part kept under its name and values shows what those values stand for, also
when a template's parts are read ahead together and one of them sits in a loop."""

import uuid

from django.template import engines


def _render(source: str, **context: object) -> str:
    return engines["django"].from_string("{% load page_parts %}" + source).render(context)


def test_parts_in_a_loop_each_show_their_own_values_when_kept():
    name = f"row-{uuid.uuid4().hex}"  # nothing kept under it yet
    source = (
        f'{{% kept "{name}-head" title %}}<h1>{{{{ title }}}}</h1>{{% endkept %}}'
        f'{{% for n in items %}}{{% kept "{name}" n %}}<p>{{{{ n }}}}</p>{{% endkept %}}'
        "{% endfor %}"
    )
    first = _render(source, title="Rows", items=[1, 2, 3])
    assert first == "<h1>Rows</h1><p>1</p><p>2</p><p>3</p>"
    assert _render(source, title="Rows", items=[1, 2, 3]) == first  # read from the cache
    assert _render(source, title="Rows", items=[3, 1]) == "<h1>Rows</h1><p>3</p><p>1</p>"
    assert _render(source, title="Other", items=[]) == "<h1>Other</h1>"
