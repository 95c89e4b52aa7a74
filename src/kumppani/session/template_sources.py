"""Where process templates and recipes come from: the built-in ones, the user's, by id.

The built-in templates and the eight recipes ship in ``kumppani/templates``;
a user's own templates are ``<config dir>/templates/*.toml``. A user's template
with the id (and version) of a built-in one replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from kumppani.errors import Message, TemplateError
from kumppani.session.template import (
    DEFAULT_TEMPLATE_ID,
    RECIPES_FILE,
    Recipe,
    Template,
    load_template,
    parse_recipes,
    parse_template,
)
from kumppani.session.vocabulary import USER_TEMPLATES_FOLDER
from kumppani.toml.locate import find_line

_PACKAGE_DIR = resources.files("kumppani").joinpath("templates")


def _packaged(item: Traversable) -> tuple[str, Path]:
    """A packaged file's text, and its real path (or just its name inside an archive)."""
    return item.read_text(encoding="utf-8"), item if isinstance(item, Path) else Path(item.name)


@cache
def recipes() -> tuple[Recipe, ...]:
    """The eight recipes that ship with kumppani."""
    return parse_recipes(*_packaged(_PACKAGE_DIR.joinpath(RECIPES_FILE)))


@cache
def builtin_templates() -> tuple[Template, ...]:
    """The templates that ship with kumppani, by file name."""
    items = sorted(_PACKAGE_DIR.iterdir(), key=lambda entry: entry.name)
    return tuple(
        parse_template(*_packaged(item))
        for item in items
        if item.name.endswith(".toml") and item.name != RECIPES_FILE
    )


def default_template() -> Template:
    """The built-in partnership template: what a session falls back to."""
    found = _newest(builtin_templates(), DEFAULT_TEMPLATE_ID, None)
    if found is None:  # pragma: no cover - the package ships it
        raise LookupError(DEFAULT_TEMPLATE_ID)
    return found


def user_templates(config_dir: Path) -> tuple[list[Template], list[TemplateError]]:
    """The templates in ``config_dir/templates/*.toml`` and the errors of the files that failed.

    A file repeating the id and version of an earlier one (by file name) is reported too.
    """
    templates: list[Template] = []
    errors: list[TemplateError] = []
    folder = config_dir / USER_TEMPLATES_FOLDER
    if not folder.is_dir():
        return templates, errors
    seen: dict[tuple[str, int], Path] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            template = load_template(path)
            earlier = seen.setdefault((template.id, template.version), path)
            if earlier != path:
                message = Message("problem.repeated_template", file=earlier.name)
                line = find_line(path.read_text(encoding="utf-8"), "id")
                expected = Message("expected.new_id")
                raise TemplateError(path, message, line=line, field="id", expected=expected)
            templates.append(template)
        except TemplateError as error:
            errors.append(error)
    return templates, errors


def available_templates(config_dir: Path | None = None) -> list[Template]:
    """Every template to choose from: the default one (its newest version) first, then by id.

    A user's template in ``config_dir`` replaces a built-in one of the same id and version.
    """
    found = {(tpl.id, tpl.version): tpl for tpl in builtin_templates()}
    if config_dir is not None:
        found.update({(tpl.id, tpl.version): tpl for tpl in user_templates(config_dir)[0]})
    default = default_template()
    rest = sorted((tpl for tpl in found.values() if tpl.id != default.id), key=lambda x: x.id)
    newest = max((tpl for tpl in found.values() if tpl.id == default.id), key=lambda x: x.version)
    return [newest, *rest]


def _newest(
    templates: Iterable[Template], template_id: str, version: int | None
) -> Template | None:
    matches = [
        template
        for template in templates
        if template.id == template_id and (version is None or template.version == version)
    ]
    return max(matches, key=lambda template: template.version) if matches else None


def find_template(
    template_id: str, config_dir: Path | None = None, version: int | None = None
) -> Template | None:
    """The template ``template_id`` (at ``version``, or its newest), or None.

    The user's templates in ``config_dir`` come first, so one with the id of a
    built-in template replaces it. Callers whose template is missing fall back
    to ``default_template()``; broken user files are skipped here (list them with
    ``user_templates``).
    """
    if config_dir is not None:
        found = _newest(user_templates(config_dir)[0], template_id, version)
        if found is not None:
            return found
    return _newest(builtin_templates(), template_id, version)
