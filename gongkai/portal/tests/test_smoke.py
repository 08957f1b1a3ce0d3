from __future__ import annotations

import pytest

from gongkai.core.testing import small_government

pytestmark = pytest.mark.django_db


def test_public_column_pages_render(client):
    world = small_government()
    org = world.government.slug
    for url in (
        "/",
        f"/{org}/",
        f"/{org}/guide/",
        f"/{org}/rules/",
        f"/{org}/statutory/",
        f"/{org}/apply/",
        f"/{org}/annual-reports/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert world.department.name in client.get(f"/{org}/").content.decode()
