"""The interview: fill in a new worksheet step by step, or update a saved one.

session.py runs one `measurekit interview`; menu.py and steps.py decide what is
asked and in which order; questions.py builds each question and wording.py holds
every text; asker.py is the only place that talks to the terminal (questionary);
draft.py saves each answer as it is given so that nothing typed is lost.
"""

from .session import run

__all__ = ["run"]
