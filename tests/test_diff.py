"""`measurekit diff`: what changed between two versions of a worksheet, by id."""

from __future__ import annotations

import copy
import subprocess

import pytest

from measurekit.core import operations

from .report_support import json_rows, measure, partner, run, worksheet, write_worksheet


def points(*pairs):
    return [{"date": d, "value": v} for d, v in pairs]


OLD = worksheet(
    partners=[
        partner("library", measures=[measure("visits", "how_much", history=points(
            ("2026-03-31", 320), ("2026-06-30", 340)))]),
        partner("clinic", "external", "desired", measures=[measure("books", "how_much")]),
        partner("police", "external", "desired"),
    ],
    shared_measures=[{"id": "on-level", "name": "Reading on level", "partners": ["library"]}],
    next_steps=[
        {"who": "Ana", "what": "Send the counts", "by_when": "2026-12-01"},
        {"who": "Sam", "what": "Call the clinic", "by_when": "2026-12-11", "partner": "clinic"},
    ],
    work_plan=[{"what": "Data agreement", "lead": "Sam"}],
    reflection={"competition": "Two groups bid for the same grant."},
)


def changed(data):
    new = copy.deepcopy(data)
    new["schema_version"] = 2
    library, clinic, _police = new["partners"]
    clinic["status"] = "current"  # the headline
    new["partners"].pop()  # police removed
    new["partners"].append(partner("housing", "external", "desired"))
    visits = library["measures"][0]
    visits["target"] = 25
    visits["target_date"] = "2027-12-31"
    visits["history"] = points(("2026-03-31", 320), ("2026-06-30", 345), ("2026-09-30", 410))
    visits["story"] = "Evening sessions started in July."
    clinic["measures"].append(measure("screenings", "how_well"))
    new["shared_measures"] = []
    new["next_steps"][1].update(done=True, done_on="2026-12-05")
    new["next_steps"].append({"who": "Lee", "what": "Invite housing", "by_when": "2027-01-15"})
    new["work_plan"][0]["done"] = True
    new["reflection"]["competition"] = "Settled: one joint bid."
    return new


@pytest.fixture
def versions(tmp_path):
    return (write_worksheet(tmp_path, OLD, "old.yaml"),
            write_worksheet(tmp_path, changed(OLD), "new.yaml"))


EXPECTED = [
    ("partner_status", "clinic", None, "status", "desired", "current"),
    ("partner_added", "housing", None, "status", None, "desired"),
    ("partner_removed", "police", None, "status", "desired", None),
    ("measure_added", "clinic", "screenings", None, None, None),
    ("measure_removed", None, "on-level", None, None, None),
    ("moved", "library", "visits", "target", 20, 25),
    ("moved", "library", "visits", "target_date", "2027-06-30", "2027-12-31"),
    ("story", "library", "visits", "story", None, "Evening sessions started in July."),
    ("data_point", "library", "visits", "2026-09-30", None, 410),
    ("data_point_changed", "library", "visits", "2026-06-30", 340, 345),
    ("next_step_added", None, None, "by_when", None, "2027-01-15"),
    ("next_step_done", "clinic", None, "done_on", None, "2026-12-05"),
    ("work_done", None, None, None, None, None),
    ("reflection", None, None, "competition", "Two groups bid for the same grant.",
     "Settled: one joint bid."),
]


def as_tuples(rows):
    return [(r["change"], r["partner"], r["measure"], r["field"], r["old"], r["new"]) for r in rows]


def test_every_kind_of_change_by_id(versions):
    old, new = versions
    rows = json_rows(run("diff", old, new, "--format", "json"))
    assert as_tuples(rows) == EXPECTED
    assert rows[0]["what"] == "Clinic: now at the table"


def test_no_change_and_reversed(versions):
    old, _ = versions
    assert json_rows(run("diff", old, old, "--format", "json")) == []
    text = run("diff", old, old)
    assert text.exit_code == 0 and "Nothing changed." in text.stdout


def test_text_and_markdown(versions):
    old, new = versions
    text = run("diff", old, new)
    assert text.exit_code == 0, text.output
    assert "What changed" in text.stdout and "now at the table" in text.stdout
    md = run("diff", old, new, "--format", "markdown").stdout
    assert "| Change | What | Was | Now |" in md and "| new data |" in md


def git(folder, *args):
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=folder, check=True, capture_output=True)


def committed(tmp_path, data):
    """A worksheet in a real git repository, committed: (repository, the file)."""
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    path = write_worksheet(repo / "sub", data, "ws.yaml")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first meeting")
    return repo, path


def test_since_a_git_revision(tmp_path):
    repo, path = committed(tmp_path, OLD)
    git(repo, "tag", "first")
    write_worksheet(repo / "sub", changed(OLD), "ws.yaml")
    # Uncommitted changes against HEAD, then committed ones against the tag.
    def since(rev):
        return json_rows(run("diff", path, "--since", rev, "--format", "json"))

    assert as_tuples(since("HEAD")) == EXPECTED
    git(repo, "commit", "-qam", "second meeting")
    assert as_tuples(since("first")) == EXPECTED
    assert since("HEAD") == []
    text = run("diff", path, "--since", "HEAD~1").stdout
    assert "ws.yaml at HEAD~1" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "no-such-rev"], "cannot read it at git revision 'no-such-rev'"),
    (["--since", "--output=x"], "not a revision"),
])
def test_since_refuses_what_git_cannot_show(tmp_path, args, message):
    path = write_worksheet(tmp_path, OLD, "ws.yaml")
    git(tmp_path, "init", "-q")
    result = run("diff", path, *args)
    assert result.exit_code in (1, 2) and message in result.output, result.output


def test_since_outside_a_repository(tmp_path):
    path = write_worksheet(tmp_path, OLD, "ws.yaml")
    result = run("diff", path, "--since", "HEAD")
    assert result.exit_code == 2
    assert f"error: {path} is not in a git repository; --since needs one" in result.output


@pytest.mark.parametrize("args", [[], ["a.yaml"], ["a.yaml", "b.yaml", "c.yaml"]])
def test_wrong_number_of_files(tmp_path, args):
    result = run("diff", *[tmp_path / a for a in args])
    assert result.exit_code == 2


def test_a_bad_old_version_is_refused_with_its_name(tmp_path, versions):
    _, new = versions
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntitle: t\n")
    result = run("diff", bad, new)
    assert result.exit_code == 1 and "bad.yaml" in result.output and "result" in result.output


def renamed(data):
    """What the interview writes after renaming the measure `visits` and taking the new id
    it offers: the same history under the new id, every reference following (the
    interview's own operation)."""
    new = copy.deepcopy(data)
    new["partners"][0]["measures"][0]["name"] = "Library visits"
    assert operations.rename_id(new, "visits", "library-visits") == 1  # the shared measure
    return new


RENAMED = [
    ("renamed", "library", "library-visits", "id", "visits", "library-visits"),
    ("changed", "library", "library-visits", "name", "visits", "Library visits"),
]


def test_a_renamed_id_is_one_change_not_a_measure_removed_and_added(tmp_path):
    old = copy.deepcopy(OLD)
    old["shared_measures"][0]["measures"] = ["visits"]
    rows = json_rows(run("diff", write_worksheet(tmp_path, old, "old.yaml"),
                         write_worksheet(tmp_path, renamed(old), "new.yaml"), "--format", "json"))
    assert as_tuples(rows) == RENAMED
    assert rows[0]["what"] == "Library: Library visits: id visits is now library-visits"


def test_a_partner_renamed_with_its_measures_is_one_change(tmp_path):
    new = copy.deepcopy(OLD)
    new["partners"][0]["id"] = "port-library"
    new["shared_measures"][0]["partners"] = ["port-library"]
    rows = json_rows(run("diff", write_worksheet(tmp_path, OLD, "old.yaml"),
                         write_worksheet(tmp_path, new, "new.yaml"), "--format", "json"))
    assert as_tuples(rows) == [("renamed", "port-library", None, "id", "library", "port-library")]


def test_since_a_rename_the_handout_lists_no_old_data_as_new(tmp_path):
    old = copy.deepcopy(OLD)
    old["shared_measures"][0]["measures"] = ["visits"]
    _, path = committed(tmp_path, old)
    write_worksheet(path.parent, renamed(old), "ws.yaml")
    assert as_tuples(json_rows(run("diff", path, "--since", "HEAD", "-f", "json"))) == RENAMED
    page = run("report", path, "--since", "HEAD", "--as-of", "2026-12-31")
    assert page.exit_code == 0, page.output
    since = page.stdout[page.stdout.index('<section id="since">'):]
    since = since[:since.index("</section>")]
    assert "id renamed" in since and "id visits is now library-visits" in since
    assert "new data" not in since and "measure added" not in since


def test_since_through_a_symlinked_file_and_folder(tmp_path):
    repo, path = committed(tmp_path, OLD)
    write_worksheet(path.parent, changed(OLD), "ws.yaml")
    (tmp_path / "link.yaml").symlink_to(path)
    (tmp_path / "linked").symlink_to(repo / "sub", target_is_directory=True)
    for through in (tmp_path / "link.yaml", tmp_path / "linked" / "ws.yaml"):
        result = run("diff", through, "--since", "HEAD", "--format", "json")
        assert as_tuples(json_rows(result)) == EXPECTED, through
