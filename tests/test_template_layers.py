"""The one-way house holds in templates too: import-linter reads Python only, so a template that loads another
app's tags, links to its URLs or includes its templates is checked here against the same layers."""

import configparser
import re
from pathlib import Path

from django.apps import apps
from django.urls import get_resolver

ROOT = Path(__file__).resolve().parent.parent
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
URL = re.compile(r"""{%\s*url\s+["']([\w-]+):""")
TEMPLATE = re.compile(r"""{%\s*(?:include|extends)\s+["']([\w-]+)/""")


def layer_of() -> dict[str, int]:
    """Each muflon app's layer from .importlinter, 0 at the top (the shell)."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    layers = [line.strip() for line in config["importlinter:contract:layers"]["layers"].splitlines() if line.strip()]
    return {
        module.strip().removeprefix("muflon."): depth
        for depth, line in enumerate(layers)
        for module in re.split(r"[:|]", line)
    }


def app_label_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "muflon" and len(parts) > 1 else None


def tag_libraries() -> dict[str, str]:
    """Tag library name -> the muflon app that defines it."""
    libraries = {}
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templatetags"
        if config.name.startswith("muflon.") and folder.is_dir():
            for module in folder.glob("*.py"):
                libraries[module.stem] = config.name.split(".")[1]
    return libraries


def url_namespaces() -> dict[str, str]:
    """URL namespace -> the muflon app whose views it holds."""
    namespaces = {}
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        modules = {
            app_label_of(pattern.callback.__module__)
            for pattern in resolver.url_patterns
            if getattr(pattern, "callback", None) is not None
        }
        modules.discard(None)
        if len(modules) == 1:
            namespaces[namespace] = modules.pop()
    return namespaces


def references(text: str, libraries, namespaces, template_dirs):
    for match in LOAD.finditer(text):
        for name in match.group(1).split():
            if name in libraries:
                yield f"load {name}", libraries[name]
    for match in URL.finditer(text):
        if match.group(1) in namespaces:
            yield f"url {match.group(1)}:", namespaces[match.group(1)]
    for match in TEMPLATE.finditer(text):
        if match.group(1) in template_dirs:
            yield f"template {match.group(1)}/", template_dirs[match.group(1)]


def test_no_template_reaches_an_app_above_its_own():
    layers = layer_of()
    libraries, namespaces = tag_libraries(), url_namespaces()
    template_dirs = {label: label for label in layers}  # each app keeps its templates under <app>/
    assert libraries and namespaces, "the check must see the project's tag libraries and URL namespaces"
    wrong = []
    for label, depth in layers.items():
        folder = ROOT / "muflon" / label / "templates"
        for path in folder.rglob("*.html") if folder.is_dir() else []:
            for what, other in references(path.read_text(), libraries, namespaces, template_dirs):
                if other in layers and layers[other] < depth:
                    wrong.append(f"{path.relative_to(ROOT)}: {what} belongs to {other}, above {label}")
    assert wrong == [], "\n".join(wrong)


def test_the_check_sees_a_reference_upwards():
    text = '{% load i18n care_tags %}<a href="{% url \'education:list\' %}">{% include "portal/_x.html" %}'
    found = list(references(text, {"care_tags": "care"}, {"education": "education"}, {"portal": "portal"}))
    assert found == [("load care_tags", "care"), ("url education:", "education"), ("template portal/", "portal")]
