"""The event_embeddings setting chooses the classifier: with sentence embeddings, or the sparse one alone."""
import pytest

from newsdesk.settings import Settings, load_settings
from newsdesk.stages import Stages
from newsdesk.understand.embed import embed_available
from newsdesk.understand.events import EventCoder


def _coder(stages: Stages) -> EventCoder:
    stages._load()
    (step,) = stages._steps
    return step.__self__  # type: ignore[attr-defined]


def test_setting_off_codes_with_the_sparse_model_alone() -> None:
    coder = _coder(Stages(("events",), Settings(event_embeddings=False)))
    assert coder.model is not None and coder.model.embed_weight == 0


@pytest.mark.skipif(not embed_available(), reason="embedding wheel not installed")
def test_setting_on_by_default_uses_the_embedding_block() -> None:
    coder = _coder(Stages(("events",)))
    assert coder.model is not None and coder.model.embed_weight > 0 and coder.model.gate is not None


def test_the_environment_switches_it_off(tmp_path) -> None:
    env = {"NEWSDESK_CONFIG": str(tmp_path / "none.toml"), "NEWSDESK_EVENT_EMBEDDINGS": "false"}
    assert load_settings(env=env).event_embeddings is False
