"""The `model` layer: types only, no I/O. One frozen dataclass per record kind
(`records`), the policy's sections (in `records` too), and `Records`, the collection
every check, rule and page reads (`collection`)."""

from generator.model.collection import Records as Records
from generator.model.records import (
    _NOWHERE as _NOWHERE,
)
from generator.model.records import (
    RECORD_TYPES as RECORD_TYPES,
)
from generator.model.records import (
    Action as Action,
)
from generator.model.records import (
    Applies as Applies,
)
from generator.model.records import (
    Approval as Approval,
)
from generator.model.records import (
    ApprovalRule as ApprovalRule,
)
from generator.model.records import (
    ArchiveReview as ArchiveReview,
)
from generator.model.records import (
    Birthdays as Birthdays,
)
from generator.model.records import (
    CadenceRule as CadenceRule,
)
from generator.model.records import (
    Commitment as Commitment,
)
from generator.model.records import (
    Complaint as Complaint,
)
from generator.model.records import (
    Contact as Contact,
)
from generator.model.records import (
    Credit as Credit,
)
from generator.model.records import (
    Customer as Customer,
)
from generator.model.records import (
    EventRule as EventRule,
)
from generator.model.records import (
    FamilyMember as FamilyMember,
)
from generator.model.records import (
    Festival as Festival,
)
from generator.model.records import (
    FileDocument as FileDocument,
)
from generator.model.records import (
    Grade as Grade,
)
from generator.model.records import (
    InactivityRule as InactivityRule,
)
from generator.model.records import (
    Issue as Issue,
)
from generator.model.records import (
    Level as Level,
)
from generator.model.records import (
    Opportunity as Opportunity,
)
from generator.model.records import (
    Order as Order,
)
from generator.model.records import (
    Payment as Payment,
)
from generator.model.records import (
    Period as Period,
)
from generator.model.records import (
    Person as Person,
)
from generator.model.records import (
    Policy as Policy,
)
from generator.model.records import (
    Reminders as Reminders,
)
from generator.model.records import (
    Repeat as Repeat,
)
from generator.model.records import (
    Sample as Sample,
)
from generator.model.records import (
    Staff as Staff,
)
from generator.model.records import (
    Survey as Survey,
)
from generator.model.records import (
    SurveyItem as SurveyItem,
)
from generator.model.records import (
    Visit as Visit,
)
from generator.model.records import (
    empty_mapping as empty_mapping,
)
from generator.model.records import (
    read_only as read_only,
)
from generator.model.records import (
    renamed as renamed,
)
