"""The save button: the reader's form token and return page, "Saved" with a removal, or
"Save job"; htmx swaps it in place (its id keeps the focus)."""

from django.urls import reverse

from portal.templatetags.save_button import save_button_html


def test_a_saved_postings_button_posts_its_removal():
    html = save_button_html(posting_pk=7, saved=True, csrf_token="tok", next_url="/jobs/?q=a&b")
    url = reverse("jobs:save", args=[7])
    assert f'action="{url}"' in html and f'hx-post="{url}"' in html
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="tok">' in html
    assert '<input type="hidden" name="action" value="remove">' in html
    assert 'value="/jobs/?q=a&amp;b"' in html  # escaped
    assert 'id="save-job-7"' in html and "is-saved" in html and ">Saved<" in html


def test_an_unsaved_postings_button_saves_it():
    html = save_button_html(posting_pk=7, saved=False, csrf_token="tok", next_url="/")
    assert 'name="action"' not in html and "is-saved" not in html
    assert ">Save job</button>" in html


def test_no_token_field_without_a_token():
    for token in (None, "", "NOTPROVIDED"):
        html = save_button_html(posting_pk=7, saved=False, csrf_token=token, next_url="/")
        assert "csrfmiddlewaretoken" not in html


def test_a_hostile_return_page_is_escaped():
    html = save_button_html(
        posting_pk=7, saved=False, csrf_token="t", next_url='/"><script>alert(1)</script>'
    )
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
