import time
import pytest
from reports.demo import ReportDemoLoader

pytestmark = pytest.mark.django_db

def test_probe(client):
    t = time.monotonic()
    ReportDemoLoader().load_all()
    print("demo load", time.monotonic() - t)
    for q in ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "0001-01-01", "9999-12-31", "2024-02-31", "x"]:
        try:
            r = client.get("/api/activities/", {"modified_since": q})
            print(q, r.status_code, r.content[:100])
        except Exception as e:
            print(q, "EXC", repr(e))
    for p in ["/api/activities/99999999999999999999999/", "/api/activities/-1/", "/api/activities/?board=%00", "/api/activities/?page=0", "/api/activities/?limit=-5"]:
        try:
            r = client.get(p)
            print(p, r.status_code)
        except Exception as e:
            print(p, "EXC", repr(e))
