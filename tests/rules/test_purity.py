"""The rules engine stays pure: no Django, no floats, only babel and num2words, every
public rule documented with its source."""

import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import sakip.rules

RULES_DIR = Path(sakip.rules.__file__).parent
MODULES = sorted(m.name for m in pkgutil.iter_modules(sakip.rules.__path__))
ALLOWED_THIRD_PARTY = {"babel", "num2words", "sakip"}

PROBE = """
import importlib, json, pkgutil, sys
before = set(sys.modules)
import sakip.rules
for info in pkgutil.iter_modules(sakip.rules.__path__):
    importlib.import_module("sakip.rules." + info.name)
from sakip.rules.numbers import format_money, money_in_words
format_money(1); money_in_words(1)  # triggers the lazy babel and num2words imports
loaded = sorted(set(sys.modules) - before)
print(json.dumps(loaded))
"""


def test_import_pulls_no_django_and_only_allowed_libraries():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    assert "sakip.rules.numbers" in loaded and "sakip.rules.renja" in loaded
    assert "babel" in loaded and "num2words" in loaded
    assert not [m for m in loaded if m == "django" or m.startswith("django.")]
    third_party = {
        name.split(".")[0]
        for name in loaded
        if name.split(".")[0] not in sys.stdlib_module_names
        and not name.startswith("_sysconfigdata")
    }
    assert third_party <= ALLOWED_THIRD_PARTY, third_party - ALLOWED_THIRD_PARTY


def test_expected_modules_exist():
    assert {
        "numbers",
        "codes",
        "achievement",
        "averages",
        "budget",
        "scales",
        "renja",
        "comparison",
        "spm",
        "method",
    } <= set(MODULES)


@pytest.mark.parametrize("path", sorted(RULES_DIR.glob("*.py")), ids=lambda p: p.name)
def test_no_float_and_no_django_in_source(path):
    source = path.read_text(encoding="utf-8")
    assert "float(" not in source
    assert not re.search(r"^\s*(from|import)\s+django\b", source, re.MULTILINE)


SOURCE_WORDS = re.compile(
    r"RULES\.md|seed|Permendagri|PermenPAN|Kepmendagri|decision|keputusan|Mahsun|LAN|"
    r"num2words|CLDR|Babel|GLOSSARY|ARCHITECTURE|DOCUMENTS"
)


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_rule_is_documented_with_its_source(module_name):
    module = importlib.import_module(f"sakip.rules.{module_name}")
    assert module.__doc__ and SOURCE_WORDS.search(module.__doc__)
    for name in getattr(module, "__all__", []):
        obj = getattr(module, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if getattr(obj, "__module__", None) != module.__name__:
            continue
        doc = inspect.getdoc(obj)
        assert doc, f"{module_name}.{name} has no docstring"
        if inspect.isfunction(obj):
            assert SOURCE_WORDS.search(doc), f"{module_name}.{name} does not name its source"
