import pytest
from .test_public_pages import page_text, PROGRAMME, sscb  # noqa
pytestmark = pytest.mark.django_db
def test_dbg(client, sscb):
    print(page_text(client.get(f"{PROGRAMME}activities/{sscb.prevent.pk}/")))
