"""The shipped data files: a key written twice in one mapping would silently drop the first list."""
from __future__ import annotations

from importlib import resources

import pytest
import yaml


class _StrictLoader(yaml.SafeLoader):
    pass


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    twice = sorted({str(k) for k in keys if keys.count(k) > 1})
    if twice:
        raise yaml.constructor.ConstructorError(None, None, f"keys written twice: {', '.join(twice)}", node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
DATA = sorted(p.name for p in resources.files("briefing").joinpath("data").iterdir() if p.name.endswith(".yaml"))


@pytest.mark.parametrize("name", DATA)
def test_no_key_is_written_twice(name):
    yaml.load(resources.files("briefing").joinpath("data", name).read_text(encoding="utf-8"), Loader=_StrictLoader)


def test_the_strict_loader_refuses_a_key_written_twice():
    with pytest.raises(yaml.constructor.ConstructorError, match="role_nouns"):
        yaml.load("role_nouns: [a]\nother: 1\nrole_nouns: [b]\n", Loader=_StrictLoader)
