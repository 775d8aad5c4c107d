"""The practice-context model: feature extraction as SPEC.md says, the committed model as training gives,
and the story concept on posts no phrase rule covers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from phiguard.detection.rule_only import analyze_with_rules

ROOT = Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "shared_rules" / "vectors" / "practice_context.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def model(rule_set):
    m = rule_set.practice()
    assert m is not None, "the core pack ships a practice model"
    return m


@pytest.mark.parametrize("vector", VECTORS["features"], ids=[v["text"][:30] for v in VECTORS["features"]])
def test_features(model, vector):
    features = model.features(vector["text"])
    assert set(vector["include"]) <= features, sorted(set(vector["include"]) - features)
    assert not set(vector.get("exclude", [])) & features


@pytest.mark.parametrize("vector", VECTORS["scores"], ids=[v["text"][:30] for v in VECTORS["scores"]])
def test_scores(model, vector):
    assert round(model.probability(vector["text"]), 6) == vector["probability"]
    assert model.tells_of_practice(vector["text"]) is vector["tells_of_practice"]


def test_committed_model_is_what_training_gives():
    """Anyone can rerun the training; the committed model and vectors must be its output."""
    script = ROOT / "server" / "training" / "train_practice_context.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


# Stories with no care word, and their safe look-alikes: written for this test, not taken from a corpus.
STORIES = [
    "Bloke came in at 2am with a nail through his hand from a nail gun, totally calm, asking if he could finish his shift.",
    "The kid in cubicle 6 tonight asked me if her dad was going to prison. Didn't know what to say.",
    "You were the first baby I ever caught as a student. Saw your mum in Tesco today and you're starting school!",
    "in court tomorrow for a case where the grandparents want to adopt and mum is contesting from rehab",
]
NOT_STORIES = [
    "What are people's go-to strategies for toddlers who won't tolerate nail cutting?",
    "If a teenager discloses self-harm in a session, what's your first step? Building a training slide.",
    "Night shift done. 3 nurses down, no breaks, but the team was brilliant. Bed now.",
    "My dad was in A&E last night for 9 hours and the nurses were wonderful to him.",
]


@pytest.mark.parametrize("text", STORIES)
def test_stories_without_care_words_are_warned(rule_set, text):
    result = analyze_with_rules(text, rule_set)
    assert result.risk in ("medium", "high"), [(text[f.start:f.end], f.entity) for f in result.findings]
    assert any(f.category in ("mention", "context", "name") for f in result.findings)


@pytest.mark.parametrize("text", NOT_STORIES)
def test_general_hypothetical_and_own_life_posts_are_not(rule_set, text):
    assert analyze_with_rules(text, rule_set).risk in ("none", "low")
