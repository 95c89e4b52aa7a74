"""Process templates: the built-in partnership template, the recipes, and located errors."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from kumppani.errors import TemplateError
from kumppani.session.template import LocalText, load_template, parse_template
from kumppani.session.template_sources import (
    available_templates,
    builtin_templates,
    default_template,
    find_template,
    recipes,
    user_templates,
)
from kumppani.session.vocabulary import NOTE_KINDS, STEP_KEYS
from kumppani.text.i18n import LANGUAGES

EXPECTED_KINDS = {
    "overall": ("observation", "actor", "question"),
    "situation": ("challenge", "opportunity", "theme", "observation"),
    "will": ("goal", "state_benefit", "city_benefit", "incentive", "disincentive"),
    "solutions": ("idea", "message", "observation"),
    "followup": ("indicator", "observation", "question"),
}


def builtin_text() -> str:
    item = resources.files("kumppani").joinpath("templates", "partnership.toml")
    return item.read_text(encoding="utf-8")


def texts(label: str, header: str) -> str:
    return f'{header}\nfi = "{label} fi"\nsv = "{label} sv"\nen = "{label} en"\n'


def template_text(
    template_id: str = "custom",
    version: int = 1,
    keys: tuple[str, ...] = STEP_KEYS,
    questions: int = 3,
) -> str:
    """A small valid template (for the defaults) written the way an author would."""
    parts = [f'id = "{template_id}"\nversion = {version}\n', texts("Name", "[name]")]
    parts.append(texts("About", "[description]"))
    for key in keys:
        parts.append(f'\n[[steps]]\nkey = "{key}"\nminutes = 15\nkinds = ["observation"]\n')
        parts.append(texts(f"{key} name", "[steps.name]"))
        parts.append(texts(f"{key} purpose", "[steps.purpose]"))
        parts.extend(texts(f"{key} q{n}", "[[steps.questions]]") for n in range(questions))
    return "".join(parts)


def line_of(text: str, snippet: str) -> int:
    """The 1-based line where ``snippet`` first occurs."""
    return text[: text.index(snippet)].count("\n") + 1


def parse_error(text: str) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, Path("mine.toml"))
    return caught.value


def assert_located(error: TemplateError, field: str | None, line: int) -> None:
    message = str(error)
    assert message.startswith(f"mine.toml:{line}"), message
    assert error.line == line
    if field is not None:
        assert error.field == field
        assert f"'{field}'" in message


# --- the built-in template ---------------------------------------------------------


def test_builtin_partnership_template_has_the_five_steps_in_order() -> None:
    template = default_template()
    assert template.id == "partnership"
    assert template.version >= 1
    assert [step.key for step in template.steps] == list(STEP_KEYS)
    assert [step.number for step in template.steps] == [1, 2, 3, 4, 5]
    assert template.steps[0].name.fi == "Yhteinen kokonaiskuva"
    assert template.step("will").name.fi == "Yhteinen tahtotila ja tavoite"
    assert template.source is not None and template.source.name == "partnership.toml"
    assert [t.id for t in builtin_templates()] == ["partnership"]


def test_builtin_steps_offer_the_expected_note_kinds_with_a_sensible_default() -> None:
    template = default_template()
    for step in template.steps:
        assert step.kinds == EXPECTED_KINDS[step.key]
        assert all(kind in NOTE_KINDS for kind in step.kinds)
    assert template.step("will").default_kind == "goal"
    assert template.step("followup").default_kind == "indicator"


def test_builtin_questions_are_three_to_six_per_step_in_every_language() -> None:
    for step in default_template().steps:
        assert 3 <= len(step.questions) <= 6, step.key
        for text in (step.name, step.purpose, *step.questions):
            for language in LANGUAGES:
                assert text.get(language).strip(), (step.key, language)
        assert all(question.en.endswith("?") for question in step.questions)


def test_builtin_question_texts_are_never_repeated() -> None:
    for language in LANGUAGES:
        seen = [q.get(language) for step in default_template().steps for q in step.questions]
        assert len(seen) == len(set(seen)), language


def test_builtin_session_length_is_two_to_two_and_a_half_hours() -> None:
    template = default_template()
    assert 120 <= template.total_minutes <= 150
    assert all(step.minutes > 0 for step in template.steps)


def test_builtin_template_speaks_of_both_parties_and_the_outputs_of_each_step() -> None:
    template = default_template()
    will = " ".join(q.en for q in template.step("will").questions)
    assert "state" in will and "city" in will and "disincentive" in will
    solutions = " ".join(q.en for q in template.step("solutions").questions)
    assert "responsible" in solutions and "message" in solutions
    followup = " ".join(q.en for q in template.step("followup").questions)
    assert "indicator" in followup and "agreed earlier" in followup


def test_step_lookup_fails_for_an_unknown_key() -> None:
    with pytest.raises(KeyError):
        default_template().step("lunch")


def test_local_text_falls_back_to_finnish() -> None:
    text = LocalText(fi="Hei", sv="Hej", en="")
    assert text.get("sv") == "Hej"
    assert text.get("en") == "Hei"
    assert text.get("de") == "Hei"


# --- the recipes ---------------------------------------------------------------------


def test_recipes_are_the_eight_numbered_in_order_in_every_language() -> None:
    found = recipes()
    assert [recipe.number for recipe in found] == list(range(1, 9))
    for recipe in found:
        for language in LANGUAGES:
            title, summary = recipe.title.get(language), recipe.summary.get(language)
            assert title and len(title) <= 70, (recipe.number, language)
            assert summary.endswith(".") and ". " not in summary, (recipe.number, language)
    assert len({recipe.title.fi for recipe in found}) == 8


# --- located errors ------------------------------------------------------------------


def test_a_small_template_of_our_own_is_valid() -> None:
    template = parse_template(template_text(), Path("mine.toml"))
    assert template.id == "custom"
    assert template.step("solutions").questions[2].sv == "solutions q2 sv"


def test_bad_toml_syntax_names_the_line_and_column() -> None:
    text = builtin_text().replace("minutes = 30", "minutes = ", 1)
    error = parse_error(text)
    assert_located(error, None, line_of(text, "minutes = \n"))
    assert error.column is not None
    assert "not valid TOML" in str(error)


def test_a_missing_language_names_the_text_and_its_table() -> None:
    text = builtin_text().replace('sv = "Vad vinner staten när målet nås?"\n', "")
    error = parse_error(text)
    header = line_of(text, 'fi = "Mitä valtio hyötyy') - 1
    assert_located(error, "steps[2].questions[1].sv", header)
    assert "Swedish" in str(error)


def test_an_empty_text_counts_as_missing() -> None:
    text = builtin_text().replace('en = "Shared overall picture"', 'en = "  "')
    error = parse_error(text)
    assert_located(error, "steps[0].name.en", line_of(text, 'en = "  "'))
    assert "empty" in str(error)


def test_steps_out_of_order_name_the_step_and_the_order() -> None:
    keys = ("overall", "will", "situation", "solutions", "followup")
    text = template_text(keys=keys)
    error = parse_error(text)
    assert_located(error, "steps[1].key", line_of(text, 'key = "will"'))
    assert "'situation'" in str(error) and "overall, situation, will" in str(error)


def test_a_missing_step_is_reported() -> None:
    text = template_text(keys=STEP_KEYS[:4])
    error = parse_error(text)
    assert_located(error, "steps", line_of(text, 'key = "solutions"'))
    assert "only 4 steps" in str(error)


def test_too_few_questions_are_reported_at_the_questions() -> None:
    text = template_text(questions=2)
    error = parse_error(text)
    assert_located(error, "steps[0].questions", line_of(text, 'fi = "overall q0 fi"'))
    assert "3 to 6" in str(error)


def test_an_empty_question_list_is_reported_at_its_key() -> None:
    text = template_text(questions=0).replace("kinds = [", "questions = []\nkinds = [", 1)
    error = parse_error(text)
    assert_located(error, "steps[0].questions", line_of(text, "questions = []"))
    assert "0 questions" in str(error)


def test_inline_texts_are_located_too() -> None:
    table = '[name]\nfi = "Name fi"\nsv = "Name sv"\nen = "Name en"\n'
    text = template_text().replace(table, 'name = { fi = "Nimi", en = "Name" }\n')
    error = parse_error(text)
    assert_located(error, "name.sv", line_of(text, "name = {"))


def test_too_many_questions_are_reported() -> None:
    error = parse_error(template_text(questions=7))
    assert error.field == "steps[0].questions"
    assert "7 questions" in str(error)


def test_an_unknown_note_kind_names_the_kind_and_the_known_ones() -> None:
    text = builtin_text().replace('["idea", "message",', '["idea", "memo",')
    error = parse_error(text)
    assert_located(error, "steps[3].kinds[1]", line_of(text, '"memo"'))
    assert "'memo'" in str(error) and "state_benefit" in str(error)


def test_a_repeated_note_kind_is_reported() -> None:
    text = template_text().replace('kinds = ["observation"]', 'kinds = ["idea", "idea"]', 1)
    error = parse_error(text)
    assert_located(error, "steps[0].kinds[1]", line_of(text, '"idea", "idea"'))


def test_no_note_kinds_is_reported() -> None:
    text = template_text().replace('kinds = ["observation"]', "kinds = []", 1)
    assert_located(parse_error(text), "steps[0].kinds", line_of(text, "kinds = []"))


def test_an_unknown_key_names_it_and_lists_the_allowed_ones() -> None:
    text = builtin_text().replace("minutes = 40\n", 'minutes = 40\ncolour = "blue"\n')
    error = parse_error(text)
    assert_located(error, "steps[3].colour", line_of(text, "colour"))
    assert "unknown key 'colour'" in str(error)
    assert "key, minutes, kinds, name, purpose, questions" in str(error)


def test_an_unknown_top_level_table_is_reported() -> None:
    text = template_text() + "\n[extras]\nx = 1\n"
    assert_located(parse_error(text), "extras", line_of(text, "[extras]"))


def test_an_unknown_language_is_reported() -> None:
    text = template_text().replace('en = "Name en"', 'en = "Name en"\nde = "Name de"')
    error = parse_error(text)
    assert_located(error, "name.de", line_of(text, "de = "))
    assert "fi, sv, en" in str(error)


@pytest.mark.parametrize("value", ["0", "601", '"15"', "true", "1.5"])
def test_bad_minutes_name_the_field_and_the_limits(value: str) -> None:
    text = template_text().replace("minutes = 15", f"minutes = {value}", 3)
    error = parse_error(text)
    assert_located(error, "steps[0].minutes", line_of(text, f"minutes = {value}"))
    assert "from 1 to 600" in str(error)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('id = "custom"', 'id = "Custom template"', "id"),
        ('id = "custom"', "id = 7", "id"),
        ("version = 1", "version = 0", "version"),
        ("version = 1", 'version = "1"', "version"),
    ],
)
def test_bad_id_or_version_is_reported(old: str, new: str, field: str) -> None:
    text = template_text().replace(old, new)
    assert_located(parse_error(text), field, line_of(text, new))


def test_a_missing_key_points_at_its_table() -> None:
    text = template_text().replace("minutes = 15\n", "", 1)
    error = parse_error(text)
    assert_located(error, "steps[0].minutes", line_of(text, "[[steps]]"))
    assert "missing key 'minutes'" in str(error)


def test_load_template_reports_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('id = "k\xe4"'.encode("latin-1"))
    with pytest.raises(TemplateError, match="UTF-8") as caught:
        load_template(path)
    assert caught.value.path == path
    with pytest.raises(TemplateError, match="does not exist"):
        load_template(tmp_path / "absent.toml")


# --- user templates and lookup -----------------------------------------------------------


def write(config_dir: Path, name: str, text: str) -> Path:
    folder = config_dir / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_templates_keep_the_good_and_report_the_broken(tmp_path: Path) -> None:
    good = write(tmp_path, "a_good.toml", template_text("workshop"))
    broken = write(tmp_path, "b_broken.toml", template_text("other").replace("= 15", "= ", 1))
    write(tmp_path, "notes.txt", "not a template")
    templates, errors = user_templates(tmp_path)
    assert [template.id for template in templates] == ["workshop"]
    assert templates[0].source == good
    assert len(errors) == 1
    assert errors[0].path == broken and errors[0].line is not None
    assert str(broken) in str(errors[0])


def test_user_templates_report_a_repeated_id(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", template_text("workshop"))
    repeated = write(tmp_path, "b.toml", template_text("workshop"))
    templates, errors = user_templates(tmp_path)
    assert len(templates) == 1
    assert errors[0].path == repeated and errors[0].field == "id" and errors[0].line == 1
    assert "a.toml" in str(errors[0])


def test_user_templates_without_a_folder_are_none(tmp_path: Path) -> None:
    assert user_templates(tmp_path) == ([], [])


def test_a_user_template_overrides_the_builtin_of_the_same_id(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", template_text("partnership", version=2))
    write(tmp_path, "broken.toml", "id = ")
    found = find_template("partnership", tmp_path)
    assert found is not None and found.version == 2
    assert found.steps[0].name.fi == "overall name fi"
    builtin = find_template("partnership", tmp_path, version=1)
    assert builtin is not None and builtin.steps[0].name.fi == "Yhteinen kokonaiskuva"
    assert find_template("partnership", tmp_path, version=3) is None
    plain = find_template("partnership")
    assert plain is not None and plain == default_template()


def test_a_missing_template_is_none(tmp_path: Path) -> None:
    assert find_template("nonexistent") is None
    assert find_template("nonexistent", tmp_path) is None
    write(tmp_path, "workshop.toml", template_text("workshop"))
    found = find_template("workshop", tmp_path)
    assert found is not None and found.id == "workshop"


def test_available_templates_put_the_default_first_and_the_users_in(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", template_text("partnership", version=2))
    write(tmp_path, "workshop.toml", template_text("workshop"))
    found = available_templates(tmp_path)
    assert [(tpl.id, tpl.version) for tpl in found][:1] == [("partnership", 2)]
    assert "workshop" in {tpl.id for tpl in found}
    assert available_templates()[0] == default_template()
