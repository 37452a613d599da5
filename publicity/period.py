"""How long a notice is posted by default: 10 working days (the law's posting period for the forms that
require one), counted by the service's working-day calendar (workflows.deadlines: weekends, Vietnamese
public holidays and the administrator's days off skipped, make-up working days counted)."""

import datetime

from workflows.deadlines import WorkingCalendar

NOTICE_WORKING_DAYS = 10
# A notice longer than this is a typing mistake (a year instead of a month), not a posting period.
NOTICE_MAX_DAYS = 90


def default_closes_on(opens_on: datetime.date) -> datetime.date:
    """The last day of a default notice: the 10th working day, the day it opens counted as the first (as
    people count a posting period; a notice opened on a day off starts counting on the next working day)."""
    return WorkingCalendar().add(opens_on - datetime.timedelta(days=1), NOTICE_WORKING_DAYS)
