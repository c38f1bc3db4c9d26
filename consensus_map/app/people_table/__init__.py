"""The People table: every person a row, for typing or pasting a committee in fast.

`PeopleModel` is the deal as a table, fed by the document's change events; `PeopleTable`
is the view (sortable, edited in place with the inspector's lists, Enter on the last row
adds a person, Ctrl+V pastes spreadsheet rows as new people in one undo step).
"""

from consensus_map.app.people_table.model import PeopleModel
from consensus_map.app.people_table.view import PeopleTable

__all__ = ["PeopleModel", "PeopleTable"]
