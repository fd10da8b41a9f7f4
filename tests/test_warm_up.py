"""A server process warms up before it serves anyone (config/warm_up.py), once in gunicorn's
master, so that its workers, and a server started again after it died, answer their first
requests as quickly as the rest; and it collects a request's garbage once the response has
gone (config/collecting.py), not during the next one."""

import ast
import gc
import weakref
from pathlib import Path

from django.template import engines

from config.collecting import collect_between_requests
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


def test_gunicorn_collects_garbage_once_a_response_has_gone():
    settings = ast.parse((ROOT / "gunicorn.conf.py").read_text())
    hooks = {node.name: node for node in settings.body if isinstance(node, ast.FunctionDef)}
    assert [a.arg for a in hooks["post_request"].args.args] == ["worker", "req", "environ", "resp"]
    assert "collect_between_requests()" in ast.unparse(hooks["post_request"])


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_between_requests_the_collector_frees_cycles_and_runs_the_generations_due():
    threshold = gc.get_threshold()
    gc.set_threshold(20_000, 2, 2)
    try:
        gc.collect()
        node = Node()
        left = weakref.ref(node)
        del node
        assert left() is not None
        # The youngest each time; the middle one after two of those; all after two of those.
        assert [collect_between_requests() for _ in range(7)] == [0, 0, 1, 0, 0, 1, 2]
        assert left() is None
    finally:
        gc.set_threshold(*threshold)
