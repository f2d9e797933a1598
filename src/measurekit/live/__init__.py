"""The live page: the worksheet on a projector while it is filled in (`show`, `interview --show`).

view.py turns what is being shown (a saved file, or the interview's answers so far)
into a Worksheet; page.py renders it as blocks, with the handout's own sections;
feed.py follows the file or the interview and keeps the blocks of the latest view;
server.py serves the page and its updates on this computer only (127.0.0.1, or a
token-protected address for the phones in the room).
"""
