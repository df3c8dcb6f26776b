def test_home_answers(client, db):
    """The home page renders on an empty database."""
    response = client.get("/")
    assert response.status_code == 200
    assert "Hier zijn nog geen artikelen gepubliceerd." in response.text
