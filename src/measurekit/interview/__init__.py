"""The interview: fill in a new worksheet step by step, or update a saved one.

session.py runs one `measurekit interview`; menu.py and steps.py decide what is
asked and in which order; questions.py builds each question and wording.py holds
every text; asker.py is the only place that talks to the terminal (questionary);
recorder.py puts each answer into the draft (draft.py) as it is given, so that nothing
typed is lost; lock.py keeps a second interview off a file that has one running.
"""

from .session import run

__all__ = ["run"]
