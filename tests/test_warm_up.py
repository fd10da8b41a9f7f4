"""A server process warms up before it serves anyone (config/warm_up.py), once in gunicorn's
master, so that its workers, and a server started again after it died, answer their first
requests as quickly as the rest."""

import ast
from pathlib import Path

from django.template import engines

from config.warm_up import warm_up

ROOT = Path(__file__).resolve().parent.parent


def cached_templates() -> int:
    engine = engines["django"].engine
    return sum(len(loader.get_template_cache) for loader in engine.template_loaders)


def test_every_template_is_compiled_before_the_first_request():
    for loader in engines["django"].engine.template_loaders:
        loader.reset()
    compiled = warm_up()
    assert compiled > 100
    assert cached_templates() >= compiled


def test_gunicorn_loads_the_app_once_before_forking_its_workers():
    settings = ast.parse((ROOT / "gunicorn.conf.py").read_text())
    assigned = {
        node.targets[0].id: node.value
        for node in settings.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    assert ast.literal_eval(assigned["preload_app"]) is True
    assert "warm_up()" in (ROOT / "config" / "wsgi.py").read_text()
