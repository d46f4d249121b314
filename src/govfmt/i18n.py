"""Messages in the user's language: English message ids, gettext catalogs under govfmt/locale/.

The language comes from `--lang zh|en`, else from LC_ALL, LC_MESSAGES or LANG (the first one set),
else from the desktop's language on Windows; zh_* means Chinese, anything else English. Help texts are
translated when their command modules are imported, so the language is settled from the command line
before that (see `language_from_argv`).
"""

from __future__ import annotations

import gettext
import os
import sys

DOMAIN = "govfmt"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
LANGUAGES = ("zh", "en")

# The catalog's directory for each language; English is the message ids themselves.
_CATALOG_NAMES = {"zh": "zh_CN"}

_chosen: str | None = None
_translations: gettext.NullTranslations | None = None


def language_from_env(environ: dict[str, str] | None = None) -> str:
    """'zh' when the first locale variable set (LC_ALL, LC_MESSAGES, LANG) names Chinese, else 'en'."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if environ is None and sys.platform == "win32":
        return _windows_language()
    return "en"


def _windows_language() -> str:
    try:
        import ctypes

        lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return "en"
    return "zh" if lang_id & 0x3FF == 0x04 else "en"  # LANG_CHINESE is primary language 0x04


def language_from_argv(argv: list[str]) -> str | None:
    """The value of a global `--lang X` / `--lang=X` before the subcommand, if any."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-"):
            return None  # the subcommand: options after it are its own
    return None


def normalize(lang: str) -> str:
    """'zh', 'zh_CN', 'zh-Hans' -> 'zh'; 'en', 'C', anything else -> 'en'."""
    return "zh" if lang.lower().startswith("zh") else "en"


def set_language(lang: str | None) -> None:
    """Choose the language ('zh' or 'en', or None to follow the environment) for what follows."""
    global _chosen, _translations
    _chosen = normalize(lang) if lang else None
    _translations = None


def language() -> str:
    """The language messages are shown in now: 'zh' or 'en'."""
    if _chosen is not None:
        return _chosen
    from_argv = language_from_argv(sys.argv[1:])
    if from_argv:
        return normalize(from_argv)
    return language_from_env()


def translations() -> gettext.NullTranslations:
    global _translations
    if _translations is None:
        catalog = _CATALOG_NAMES.get(language())
        _translations = _catalog(catalog) if catalog else gettext.NullTranslations()
    return _translations


def _catalog(name: str) -> gettext.NullTranslations:
    """The compiled catalog shipped for `name` (as gettext.translation finds it, without the locale module
    that its search through locale aliases imports), or no translation when it is missing or unreadable."""
    if name not in _loaded:
        path = os.path.join(LOCALE_DIR, name, "LC_MESSAGES", f"{DOMAIN}.mo")
        try:
            with open(path, "rb") as stream:
                _loaded[name] = gettext.GNUTranslations(stream)
        except (OSError, ValueError, UnicodeDecodeError):
            _loaded[name] = gettext.NullTranslations()
    return _loaded[name]


_loaded: dict[str, gettext.NullTranslations] = {}  # read once a run, however often the language is set


def _(message: str) -> str:
    """`message` (English) in the user's language."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the user's language."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalog where it is translated later (tables built at import)."""
    return message


def translate_click() -> None:
    """Route Click's own messages (usage, errors, help headings) through this catalog."""
    import importlib

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
