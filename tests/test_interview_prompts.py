"""The interview through the real questionary prompts, in-process, with keys from a pipe."""

from __future__ import annotations

from datetime import date

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from measurekit.cli import app
from measurekit.core import store
from measurekit.core.streams import Environment
from measurekit.interview.draft import path_for

from .helpers import SMALL, Keyboard, write_small

E, DOWN, UP, SPACE, CTRL_U = (Keyboard.ENTER, Keyboard.DOWN, Keyboard.UP, Keyboard.SPACE,
                              Keyboard.CTRL_U)


# The CLI believes it runs in a terminal; keys come from the pipe.
TERMINAL = Environment(stdin_isatty=True, stdout_isatty=False, no_color=True, width=100)


def keys(*parts: str) -> str:
    return "".join(str(p) for p in parts)


def interview(args: list[str], typed: str):
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(typed)
        pipe.close()  # keys that run out end the run (as a closed terminal would), never hang
        return CliRunner().invoke(app, ["interview", *args], obj=TERMINAL)


def flat(output: str) -> str:
    """Output with Rich's line wrapping undone."""
    return " ".join(output.split())


def line(text: str) -> str:
    return text + E


def test_new_worksheet_through_every_kind_of_prompt(tmp_path):
    path = tmp_path / "reads.yaml"
    typed = keys(
        E,  # refused: the title is required
        line("Reads by Eight"), line("Kids read by eight"),
        E,  # Enter: no population indicator yet
        E, line("Sam"),
        line("y"), line("Library"), E, E, E,  # internal, current, no reason given
        line("y"), line("Clinic"), DOWN, E, DOWN, E, E, line("Not asked yet"),
        line("n"),
        # step 2, Library
        line("y"), line("Story time"), DOWN, DOWN, E, E, line("320"), line("500"),
        line("2027-02-30"), CTRL_U, line("2027-06"),  # the first date is refused at the prompt
        E, line("n"), line("Stories"), E,
        # shared measures: nothing ticked is refused; then Library and Clinic
        line("y"), line("On level"), E, E, SPACE, DOWN, SPACE, E, SPACE, E, E, E, E, line("n"),
        line("n"),  # no work plan item
        line("y"), line("Sam"), line("Call the library"), E, line("+2w"), DOWN, E, line("n"),
        # step 3, Clinic
        line("n"), E, E, line("Meet the director"), line("n"),
        E * 6,  # reflection
        E,  # save
    )
    result = interview([str(path)], typed)
    assert result.exit_code == 0, result.output
    ws = store.load(path).worksheet
    assert (ws.title, ws.result, ws.facilitator, ws.action_plan) == (
        "Reads by Eight", "Kids read by eight", "Sam", None)
    library, clinic = ws.partners
    assert (library.kind, library.status) == ("internal", "current")
    assert (clinic.kind, clinic.status, clinic.why_not_engaged) == (
        "external", "desired", "Not asked yet")
    (m,) = library.measures
    assert (m.id, m.type, m.baseline, m.target, m.target_date, m.hypothesized) == (
        "story-time", "better_off", 320, 500, date(2027, 6, 30), False)
    (shared,) = ws.shared_measures
    assert (shared.partners, shared.measures) == (["library", "clinic"], ["story-time"])
    (step,) = ws.next_steps
    assert (step.partner, step.step) == ("library", 2)
    assert clinic.engagement_plan == "Meet the director"
    assert "Saved" in result.output and not path_for(path).exists()


def test_update_details_with_enter_keeps_the_file(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path)
    # menu: details; title, result, no indicator, action plan, facilitator; finish; save
    result = interview([str(path)], keys(E, E, E, E, E, E, E, E))
    assert result.exit_code == 0, result.output
    assert "Nothing changed" in result.output
    assert path.read_bytes() == before


def test_update_one_partner_target(tmp_path):
    path = tmp_path / "small.yaml"
    before = write_small(path).decode()
    typed = keys(
        DOWN, E,  # its performance measures (below "Fill in what is missing")
        E, E,  # the first measure; change its answers
        E, E, E, E, CTRL_U, line("550"), E, E,  # name, type, known, baseline; target; date, source
        E,  # done with performance measures (the default once something changed)
        E,  # done with this partner
        E,  # save
    )
    result = interview([str(path), "--partner", "library"], typed)
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after == before.replace("target: 500", "target: 550").replace(
        "updated: 2026-11-20", f"updated: {date.today().isoformat()}").replace(
        "schema_version: 1", "schema_version: 2")  # a changed file is saved as version 2


def test_menu_rename_partner_updates_references(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    typed = keys(
        DOWN, DOWN, E,  # menu: the second partner (Port Halden Schools)
        DOWN * 4, E, CTRL_U, line("Unified Schools"), line("y"),  # rename, new id: yes
        E,  # done with this partner
        E,  # menu: finish
        E,  # save
    )
    result = interview([str(path)], typed)
    assert result.exit_code == 0, result.output
    ws = store.load(path).worksheet
    assert ws.partners[1].id == "unified-schools"
    assert ws.shared_measures[0].partners == ["library", "unified-schools"]
    assert ws.work_plan[0].partners == ["library", "unified-schools"]


def test_menu_add_partner(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    menu_add = DOWN * 4  # details, three partners, then "Add a partner"
    typed = keys(menu_add, E, line("Reading Corps"), DOWN, E, E, line("Tutors"), line("n"), E, E)
    result = interview([str(path)], typed)
    assert result.exit_code == 0, result.output
    corps = store.load(path).worksheet.partners[3]
    assert (corps.id, corps.kind, corps.status, corps.why_critical) == (
        "reading-corps", "external", "current", "Tutors")


def test_menu_shared_measures(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    typed = keys(
        DOWN * 5, E,  # shared measures
        DOWN, E,  # add a shared measure
        line("Books at home"), E, DOWN, DOWN, SPACE, E,  # tick the clinic only
        SPACE, E,  # its measure
        E, line("80%"), E,
        E,  # no baseline to read it from: which way is better? Enter: up
        E, E, E,  # done with shared measures; menu: finish; save
    )
    result = interview([str(path)], typed)
    assert result.exit_code == 0, result.output
    shared = store.load(path).worksheet.shared_measures[1]
    assert (shared.partners, shared.measures, shared.target, shared.direction) == (
        ["clinic"], ["clinic-visits"], "80%", "up")


def test_section_work_plan_mark_done(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    typed = keys(E, E, E, E)  # the item; mark it done; done with the list; save
    result = interview([str(path), "--section", "work-plan"], typed)
    assert result.exit_code == 0, result.output
    assert store.load(path).worksheet.work_plan[0].done is True


def test_section_next_steps_mark_done_add_and_edit(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    typed = keys(
        DOWN, E, E,  # second step: mark it done
        UP, E,  # add a next step (the pointer starts on "Done")
        line("Ana"), line("Visit the clinic"), E, line("2026-12"), DOWN, DOWN, DOWN, E,
        UP * 4, E, DOWN, E,  # first step: change its answers
        E, CTRL_U, line("Call the clinic's director"), E, E, E,
        E, E,  # done with next steps; save
    )
    result = interview([str(path), "--section", "next-steps"], typed)
    assert result.exit_code == 0, result.output
    steps = store.load(path).worksheet.next_steps
    assert [s.done for s in steps] == [False, True, False]
    assert steps[0].what == "Call the clinic's director"
    assert (steps[2].who, steps[2].partner, steps[2].step, steps[2].by_when) == (
        "Ana", "clinic", 3, date(2026, 12, 31))


def test_section_reflection(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    typed = keys(E * 5, line("Weekly huddles"), E)
    result = interview([str(path), "--section", "reflection"], typed)
    assert result.exit_code == 0, result.output
    assert store.load(path).worksheet.reflection.results_culture == "Weekly huddles"


def test_menu_walk_through_again(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    menu_walk = UP * 2  # from "Details", up wraps round to "Finish", then "walk again"
    typed = keys(menu_walk, E, CTRL_U, line("Reads by Eight, 2027"), E * 40)
    result = interview([str(path)], typed)
    assert result.exit_code == 0, result.output
    assert store.load(path).worksheet.title == "Reads by Eight, 2027"


def test_invalid_saved_date_is_asked_again(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.replace("target_date: 2027-06-30", "target_date: 2027-06-31"))
    typed = keys(
        E,  # Enter on the saved, invalid date is refused at the prompt: it stays
        CTRL_U, line("2027-06-30"),
        UP, E,  # menu: finish
        E,  # save
    )
    result = interview([str(path)], typed)
    assert result.exit_code == 0, result.output
    assert "the saved answer '2027-06-31' is not valid" in flat(result.output)
    measure = store.load(path).worksheet.partners[0].measures[0]
    assert measure.target_date == date(2027, 6, 30)


def test_keys_running_out_end_like_ctrl_c_and_resume_keeps_answers(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    result = interview([str(path), "--section", "reflection"], line("Systems") + line("Roles"))
    assert result.exit_code == 130
    assert "Your answers so far are saved in" in flat(result.output)
    result = interview([str(path)], keys(E, E * 4, E))  # resume; 4 more answers; save
    assert result.exit_code == 0, result.output
    reflection = store.load(path).worksheet.reflection
    assert (reflection.systems_challenges, reflection.role_challenges) == ("Systems", "Roles")


def test_refused_date_stays_on_the_prompt_with_the_reason(tmp_path):
    path = tmp_path / "small.yaml"
    write_small(path)
    # next steps: add one; a date that does not exist is refused, the next one is accepted
    typed = keys(DOWN, DOWN, E, line("Ana"), line("Call"), E, line("2026-02-29"), CTRL_U,
                 line("31/12/2026"), CTRL_U, line("2026-12-31"), E, E, E)
    result = interview([str(path), "--section", "next-steps"], typed)
    assert result.exit_code == 0, result.output
    assert store.load(path).worksheet.next_steps[2].by_when == date(2026, 12, 31)


def test_no_terminal_exits_2_and_writes_nothing(tmp_path):
    piped = Environment(stdin_isatty=False, stdout_isatty=False, no_color=True, width=100)
    result = CliRunner().invoke(app, ["interview", str(tmp_path / "x.yaml")], obj=piped)
    assert result.exit_code == 2
    assert "needs a terminal" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_date_shortcut_is_shown_as_the_date_it_means(capsys):
    from measurekit.interview import dates
    from measurekit.interview.asker import TerminalAsker, Text

    question = Text("next.by_when", "By when?", required=True,
                    parse=lambda raw: dates.parse(raw, date(2026, 11, 25)))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("2026-12\r")
        assert TerminalAsker(color=False).ask(question) == date(2026, 12, 31)
        pipe.send_text("2027-01-15\r")
        assert TerminalAsker(color=False).ask(question) == date(2027, 1, 15)
    shown = capsys.readouterr().out
    assert shown.count("= 2026-12-31") == 1 and "= 2027-01-15" not in shown
