"""Everything the interview says, in one place, apart from the flow that decides when.

The wording is the tool's own; it follows the steps of the Shared Performance
Measures worksheet (synthesized by Jolie Bain Pillsbury) without quoting it.
Templates use str.format names: {name} is a partner's name, {n}/{total} counts.
"""

from __future__ import annotations

from typing import Any

from ..core.text import Wording
from ..core.vocabulary import MEASURE_TYPE_QUESTIONS, STEP_NAMES
from . import wording_curve

STEPS = 4

WELCOME = (
    "A new worksheet. The interview goes through it in order: the worksheet itself, "
    "then four steps. Press Enter to skip a question you can't answer yet, unless it says "
    "(required), and come back later with the same command. Shift+Tab goes back to the "
    "previous question; Ctrl-U clears an answer. Every answer is kept as you go: if you "
    "stop (Ctrl-C, or closing the terminal), run the command again to pick up where you were."
)

PASS = "Go through every question, or make a quick pass?"
PASS_CHOICES = [("full", "Every question (the full walk-through)"),
                ("quick", "A quick pass: only what the summary table needs; the rest later")]

UPDATE = (
    "Updating {title} ({file}). Every question shows the saved answer: press Enter to "
    "keep it, Ctrl-U to clear it, Shift+Tab to go back to the previous question. Choose "
    "what to change; nothing is written until you save at the end."
)

HEADINGS = {
    "details": "The worksheet",
    "partners": f"Step 1 of {STEPS} · {STEP_NAMES['1']}",
    "current": f"Step 2 of {STEPS} · {STEP_NAMES['2']} · {{n}} of {{total}}: {{name}}",
    "shared": f"Step 2 of {STEPS} · {STEP_NAMES['shared']}",
    "work": f"Step 2 of {STEPS} · Work plan for developing and sharing measures",
    "next": f"Step 2 of {STEPS} · Next steps",
    "desired": f"Step 3 of {STEPS} · {STEP_NAMES['3']} · {{n}} of {{total}}: {{name}}",
    "reflection": f"Step {STEPS} of {STEPS} · {STEP_NAMES['reflection']}",
    "repair": "Saved answers to check again",
    "summary": "The worksheet so far",
}

EXPLAIN = {
    "details": (
        "Start from the result your partners are working toward together (the result in "
        "the center), the population indicators that show whether the whole population is "
        "better off, and the results action plan you have for it."
    ),
    "partners": (
        "Who is critical to getting this result, and where would a stronger, better aligned "
        "contribution speed things up? Name both partners already at the table (current) and "
        "those you still need (desired), inside or outside your organisation."
    ),
    "current": (
        "What numbers drive this partner's day-to-day work? If nobody has named them yet, "
        "write your best guess and mark it hypothesized. Then: what do they contribute that "
        "lines up with the result, and what strategy would make the most of it?"
    ),
    "shared": (
        "Which measures could several partners track together so that their work pulls in "
        "the same direction? Pick the partners who share each one and the partner measures "
        "that feed it."
    ),
    "work": (
        "What has to happen for partners to develop their measures and share them with each "
        "other? Give each piece of work a lead and dates, so the work moves on a timeline."
    ),
    "next": "Who will do what, with whom, and by when?",
    "desired": (
        "This partner is not at the table yet, so everything here is a hypothesis: the "
        "measures that probably drive their work, what they could contribute, and how you "
        "plan to bring them in."
    ),
    "reflection": (
        "As the work goes on, watch for trouble within and between the partners who share "
        "measures. Note what you see now; you can come back to it at any time."
    ),
    "repair": (
        "Some answers saved in the file are not valid. Each is shown with the reason and "
        "asked again, with the saved text ready to correct; the rest of the file stays as it is."
    ),
}

# One question per field the interview asks, keyed "Model.field" (see core/schema_walk.py).
STORY = "The story behind the curve: why is it moving this way, and what would help?"
QUESTIONS = {
    "Worksheet.title": "Title of the worksheet",
    "Worksheet.result": (
        "The result in the center (a condition of well-being for a whole population)"
    ),
    "Worksheet.action_plan": "Results action plan: a short summary, or a link to it",
    "Worksheet.facilitator": "Facilitator",
    "Partner.name": "Partner's name",
    "Partner.kind": "Is {name} inside or outside your organisation?",
    "Partner.status": "Is {name} already part of this work?",
    "Partner.why_critical": (
        "Why is {name} critical to the result? Where is a stronger contribution needed?"
    ),
    "Partner.why_not_engaged": "Your hypothesis: why isn't {name} engaged yet?",
    "Partner.contribution": Wording("{name:'s} aligned contribution"),
    "Partner.strategy": Wording("What strategy would leverage {name:'s} contribution?"),
    "Partner.engagement_plan": "How will you engage or enroll {name}?",
    "Measure.name": "{name} · name of the performance measure",
    "Measure.type": "Which question does it answer?",
    "Measure.hypothesized": "Is this measure known, or your guess?",
    "Measure.baseline": "Baseline (where it stands now)",
    "Measure.target": "Target",
    "Measure.target_date": "Target date",
    "Measure.data_source": "Data source",
    "Measure.story": STORY,
    "SharedMeasure.name": "Name of the shared measure",
    "SharedMeasure.definition": "How is it defined or counted?",
    "SharedMeasure.partners": "Which partners share it?",
    "SharedMeasure.measures": "Which partner measures feed it?",
    "SharedMeasure.baseline": "Baseline (where it stands now)",
    "SharedMeasure.target": "Target",
    "SharedMeasure.target_date": "Target date",
    "SharedMeasure.story": STORY,
    "WorkItem.what": "What needs to be done?",
    "WorkItem.lead": "Who leads it?",
    "WorkItem.partners": "Which partners take part?",
    "WorkItem.start": "Start date",
    "WorkItem.due": "Due date",
    "WorkItem.done": "Is it done?",
    "NextStep.who": "Who will do it?",
    "NextStep.what": "What will they do?",
    "NextStep.with_whom": "With whom?",
    "NextStep.by_when": "By when?",
    "NextStep.partner": "Which partner is it about?",
    "NextStep.done": "Is it done?",
    "Reflection.systems_challenges": "Which challenges come from the systems the partners work in?",
    "Reflection.role_challenges": "Which challenges come from people's roles?",
    "Reflection.conversations_needed": (
        "What conversations would help keep action and alignment high?"
    ),
    "Reflection.competition": "Where do you see competition between partners?",
    "Reflection.fragmentation": "Where is the work pulled toward fragmentation?",
    "Reflection.results_culture": "How can the results culture you have built support this work?",
}
# A question asked differently of a desired partner, where the answer is a hypothesis.
FOR_DESIRED = {"Partner.contribution": "What could {name} contribute? (hypothesis)"}
# The labels of a choice's values (a Literal's, or a yes/no asked as two choices);
# a choice with none here shows its values as they are.
CHOICES: dict[str, dict[Any, str]] = {
    "Partner.kind": {"internal": "Internal", "external": "External"},
    "Partner.status": {
        "current": "Current: already working with us",
        "desired": "Desired: critical, but not engaged yet",
    },
    "Measure.type": dict(MEASURE_TYPE_QUESTIONS),
    "Measure.hypothesized": {
        False: "Known: the partner uses it",
        True: "Hypothesized: a guess to confirm with the partner",
    },
}
# An item that refers to a partner or a measure, as a removal or a new id names it.
REFERRING = {"SharedMeasure": "shared measure", "WorkItem": "work item", "NextStep": "next step"}
NO_PICK = "None in particular"  # the choice of no partner, for a pick of one
PICK_AT_LEAST_ONE = "tick at least one {what} (Space), then Enter"
BLANK_CANCELS = "Enter on its own to add none"
DUE_BEFORE_START = "the due date is before the start date ({start})"

SAME_PARTNER = "There is already a partner called {name} ({id}). Is it the same partner?"
SAME_KEPT = "{name} is named once, as {id}: no second partner added."
TELL_APART = "Give it a name that tells the two partners apart."
ADD_FIRST_PARTNER = "Name a partner now?"
ADD_PARTNER = "Add another partner?"
ADD_FIRST_MEASURE = "Add a performance measure for {name}?"
ADD_MEASURE = "Add another measure for {name}?"
ADD_FIRST_INDICATOR = wording_curve.ADD_FIRST_INDICATOR
ADD_INDICATOR = wording_curve.ADD_INDICATOR
ADD_FIRST_SHARED = "Add a measure shared across partners?"
NO_PARTNERS_TO_SHARE = (
    "A shared measure needs partners to share it: name them first (step 1), then come back."
)
ADD_SHARED = "Add another shared measure?"
ADD_FIRST_WORK = "Add an item to the work plan?"
ADD_WORK = "Add another work plan item?"
ADD_FIRST_NEXT = "Add a next step?"
ADD_NEXT = "Add another next step?"
ADD_FIRST_NEXT_FOR = "Add a next step to engage {name}?"
ADD_NEXT_FOR = "Add another next step for {name}?"

# Lists and menus
LIST = "Choose one of the {what} to change it, or add one"
ITEM_MENU = "{label}: what would you like to do?"
DONE_WITH = "Done with {what}"
ADD_A = "Add {what}"
WHAT_NOW = "What now?"
EDIT = "Change its answers"
REMOVE = "Remove it"
BACK = "Back"
MARK_DONE = "Mark it done"
MARK_OPEN = "Mark it not done"

MENU = "What would you like to update?"
MENU_DETAILS = "The worksheet: {fields}"  # the fields asked of the worksheet itself
MENU_PARTNER = "Partner: {name} ({status}) · {id}"
MENU_PARTNER_SHORT = "Partner: {name} ({status})"
MENU_ADD_PARTNER = "Add a partner"
MENU_SHARED = "Shared measures ({n})"
MENU_WORK = "Work plan ({n} items)"
MENU_NEXT = "Next steps ({open} open, {done} done)"
MENU_REFLECTION = "Reflection"
MENU_WALK = "Go through the whole worksheet again"
MENU_FINISH = "Finish: review and save"

PARTNER_MENU = "{name}: what would you like to do?"
PARTNER_MISSING = "Fill in what is missing ({n}): {what}"
PARTNER_NEXT = "Its next steps ({n}): add, change, mark done"
PARTNER_WALK = "Go through all of its answers"
PARTNER_MEASURES = "Its performance measures ({n})"
PARTNER_RENAME = "Rename it"
PARTNER_STATUS = "Change its status to {status}"
PARTNER_REMOVE = "Remove it"
PARTNER_BACK = "Done with this partner"

# References
NEW_ID = "Change its id from '{old}' to '{new}'{refs}?"
REFS_UPDATED = Wording(" and update {n:reference} to it ({where})")
REMOVE_PARTNER = Wording("Remove {name} and its {n:measure}?{consequences}")
CONSEQ_EMPTIED = "{names} would be left with no partner and would be removed too"
CONSEQ_SHARED = "it is taken out of {names}"
CONSEQ_WORK = Wording("it is taken off {n:work plan item}")
CONSEQ_MEASURE = "it is taken out of {where}"
REMOVE_MEASURE = "Remove the measure '{name}'?{consequences}"
REMOVE_ITEM = "Remove '{name}'?"
NEXT_STEPS_OF_REMOVED = Wording(
    "{n:next step} {n:is|are} about {name}. What should happen to {n:it|them}?"
)
NEXT_STEPS_KEEP = "Keep them, no longer tied to a partner"
NEXT_STEPS_DROP = "Remove them too"
STATUS_NOW_CURRENT = Wording("Mark {name:'s} {n:hypothesized measure} as known now?")
STATUS_WALK = Wording("Go through {name:'s} answers for step {step} now?")

# Repair of saved answers
INVALID_SAVED = "{where}: the saved answer {value} is not valid: {reason}."
INVALID_CHOICE = "The saved answer {value} is not one of the choices; please choose again."

# Finishing
FINISH = "What now?"
FINISH_SAVE = "Save to {file}"
FINISH_MENU = "Go back and change something"
FINISH_TABLE = "Show the summary table"
SUMMARY = Wording(
    "{indicators:population indicator}, {partners:partner} ({current} current, {desired} "
    "desired), {measures:performance measure}, "
    "{shared:shared measure}, {work:work plan item}, {open:open next step}; "
    "{gaps:gap} still to fill (`measurekit gaps` lists them)."
)
SESSION_CHANGES = "In this session:"
SESSION_UNCHANGED = "Nothing changed in this session."
FINISH_QUIT = "Quit without saving (your answers stay in the draft)"
COMMENTS = (
    "Note: {file} has comments (# ...). Saving rewrites the file and cannot keep them; "
    "the current version will be kept as {backup}."
)
SAVED = "Saved {file}."
UNCHANGED = "Nothing changed: {file} is left exactly as it was."
NEXT_COMMANDS = "Next: what is still missing, and the handout to send round:"
NEXT_LINES = ("measurekit gaps {file}", "measurekit report {file} --output handout.html")
BACKUP = "The previous version is in {backup}."
LEFTOVERS = "Removed the temporary files of an earlier save that was cut short: {files}."
CHANGED_BEFORE_SAVE = (
    "{file} changed on disk since the interview started (another terminal, an edit by "
    "hand, or a git pull): saving merges the two, keeping the changes made there and "
    "yours; a field changed both ways is asked about."
)
SAVED_BESIDE = "Saved {beside}, beside {file}, which was left as it is."
RECORD_DURING_INTERVIEW = (
    "Note: an interview is open on {file} (pid {pid} since {since}); recording anyway: "
    "the interview's save will merge this."
)
MERGE_CONFLICT = "{where} was changed both in {file} and here."
MERGE_THEIRS = "In {file}:  {value}"
MERGE_OURS = "Here:  {value}"
MERGE_QUESTION = "Which to keep?"
MERGE_KEEP_THEIRS = "The value in {file}"
MERGE_KEEP_OURS = "This session's value"
MERGE_DECLINE = "Neither: save my answers beside {file}, to compare by hand"
MERGE_REMOVED = "(removed)"
MERGE_EMPTY = "(empty)"
MERGED = "Merged with the changes made to {file} meanwhile."
MERGE_IMPOSSIBLE = (
    "{file} changed on disk, and the two cannot be merged ({reason}); your worksheet goes "
    "beside it, to {beside}, to compare by hand."
)
CHANGED_WHILE_SAVING = (
    "{file} changed on disk just now (another terminal saved it, say), so it was not "
    "overwritten: your worksheet is in {beside}, to compare with it and keep what you want."
)
QUIT_UNCHANGED = "Not saved; nothing had changed."
QUIT = "Not saved. Your answers are in {draft}; run `measurekit {command} {file}` to continue."
INTERRUPTED = (
    "Your answers so far are saved in {draft}. Run `measurekit {command} {file}` to pick up "
    "where you stopped."
)

# Resuming a draft
DRAFT_FOUND = (
    "Unsaved answers from {when} are waiting in {draft} ({n} answers, stopped at: {where})."
)
DRAFT_FILE_CHANGED = (
    "{file} has changed since then; if you resume, your answers are merged with it when "
    "you save."
)
DRAFT_QUESTION = "Resume where you stopped?"
DRAFT_RESUME = "Resume where I stopped"
DRAFT_DISCARD = "Discard those answers and start again"
DRAFT_DISCARD_SURE = Wording("Throw away the {n:answer} in the draft for good? (No resumes)")
DRAFT_OTHER_START = "That interview was started with {start}; it resumes as it was."
DRAFT_RESUMED = Wording("Resumed: {n:earlier answer} restored.")
GOING_BACK = "Back to the previous question (Shift+Tab again goes further back)."
BACK_AT_START = "This is the first question: there is nothing before it."
UNPLACED = ("Some answers you gave before going back have no question now (an item no "
            "longer added, a question no longer asked):")
UNPLACED_QUESTION = "Keep those answers?"
UNPLACED_KEEP = "Keep them (each goes back where it was given)"
UNPLACED_DROP = "Drop them"
DRAFT_DIVERGED = (
    "The rest of the earlier answers no longer fit the questions (the file or measurekit "
    "changed); the full earlier draft is kept in {copy}."
)

# The draft itself: one session at a time, damage, a disk that refuses to write
DRAFT_DAMAGED = (
    "The draft {draft} is damaged ({reason}), so its answers cannot be trusted as they are. "
    "It was moved to {aside}; nothing was written to {file}."
)
DRAFT_DAMAGED_QUESTION = "What would you like to do?"
DRAFT_INTACT = Wording("Resume the {n:earlier answer} that {n:checks|check} out")
DRAFT_FRESH = "Start again from {file} as it is"
DRAFT_STOP = "Stop here (nothing is written)"
DRAFT_TORN = (
    "The last answer was being written when the interview stopped; it was cut short and "
    "is not restored."
)
DRAFT_UNWRITTEN = (
    "Could not write the draft {draft}: {reason}. Your answers are kept in memory, and the "
    "draft will be tried again at your next answer; free some space if you can."
)
DRAFT_WRITTEN_AGAIN = "The draft is written again: every answer so far is in {draft}."
DRAFT_RESCUED = (
    "The draft could not be written beside {file}; your answers are in {rescue} instead. "
    "To resume, copy it to {draft} and run `measurekit interview {file}`."
)
DRAFT_LOST = "The draft could not be written anywhere: {reason}. Your answers, to type again:"
DRAFT_WAS_SAVED = (
    "The interview started {when} saved {file} just before it stopped; its draft, no longer "
    "needed, was removed."
)
NOTHING_TO_PICK = "{question} There is nothing to choose from yet, so this is skipped."
DRAFT_KEPT = "Every answer is in {draft}; run `measurekit {command} {file}` to save them."

NO_TERMINAL = (
    "`measurekit {command}` needs a terminal to ask its questions, but standard input is not one "
    "(it is a pipe or a file). Run `measurekit {command} {file}` in a terminal; to check a "
    "file without one, use `measurekit validate {file}`."
)

# measurekit record: one round of new values
RECORD_HEADING = "New values · {n} measures"
RECORD_EXPLAIN = (
    "For each measure, type the value measured on the date below, or press Enter to skip "
    "it. The last value recorded and the target are shown first. A note is optional: what "
    "happened, or where the number came from."
)
RECORD_NOTHING = "There are no measures to record values for yet: add them with the interview."
RECORD_SHARED = "Shared"
RECORD_DATE = "Date of these values"
RECORD_LAST = "Last: {value} on {date}"
RECORD_NO_POINT = "No value recorded yet"
RECORD_TARGET = "target {target}{by}"
RECORD_BY = "by"
RECORD_VALUE = "Value on {date}"
RECORD_VALUE_HINT = "a number such as 42, 3.5 or 43%, or a short text; Enter skips"
RECORD_NOTE = "Note (optional)"
RECORD_PLACE = "{n} of {total}"
RECORD_BASELINE = "Baseline {value}"
RECORD_KEEP_TEXT = "'{value}' is not a number: keep it as text?"
RECORD_COUNT = Wording("{n:new or changed value} in this round.")

# Turning the curve (indicators, direction, tolerance, forecasts): wording_curve.py.
QUESTIONS.update(wording_curve.QUESTIONS)
CHOICES.update(wording_curve.CHOICES)
