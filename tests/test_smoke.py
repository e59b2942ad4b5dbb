def test_django_starts(client):
    assert client.get("/").status_code == 200
