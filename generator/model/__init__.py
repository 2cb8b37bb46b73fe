"""The `model` layer: types only, no I/O. One frozen dataclass per record kind
(`records`), the policy with its typed sections (`policy`), and `Records`, the
collection every check, rule and page reads (`collection`)."""

from generator.model.collection import Records as Records
from generator.model.collection import Sourced as Sourced
from generator.model.policy import Applies as Applies
from generator.model.policy import ApprovalRule as ApprovalRule
from generator.model.policy import ArchiveReview as ArchiveReview
from generator.model.policy import Birthdays as Birthdays
from generator.model.policy import CadenceRule as CadenceRule
from generator.model.policy import CalendarSettings as CalendarSettings
from generator.model.policy import Check as Check
from generator.model.policy import ComplaintLimits as ComplaintLimits
from generator.model.policy import Completeness as Completeness
from generator.model.policy import DatedName as DatedName
from generator.model.policy import DocumentsCheck as DocumentsCheck
from generator.model.policy import DueSettings as DueSettings
from generator.model.policy import EventRule as EventRule
from generator.model.policy import Festival as Festival
from generator.model.policy import FilingLimit as FilingLimit
from generator.model.policy import Grade as Grade
from generator.model.policy import InactivityRule as InactivityRule
from generator.model.policy import LostReason as LostReason
from generator.model.policy import Payment as Payment
from generator.model.policy import PlanSettings as PlanSettings
from generator.model.policy import Policy as Policy
from generator.model.policy import Reminders as Reminders
from generator.model.policy import Repeat as Repeat
from generator.model.policy import ReviewCheck as ReviewCheck
from generator.model.policy import Sample as Sample
from generator.model.policy import SurveyTargets as SurveyTargets
from generator.model.policy import VisitLimits as VisitLimits
from generator.model.policy import WorkloadTarget as WorkloadTarget
from generator.model.records import _NOWHERE as _NOWHERE
from generator.model.records import LOCAL_TZ as LOCAL_TZ
from generator.model.records import Action as Action
from generator.model.records import Approval as Approval
from generator.model.records import Commitment as Commitment
from generator.model.records import Complaint as Complaint
from generator.model.records import Contact as Contact
from generator.model.records import Credit as Credit
from generator.model.records import Customer as Customer
from generator.model.records import FamilyMember as FamilyMember
from generator.model.records import FileDocument as FileDocument
from generator.model.records import GitIdentities as GitIdentities
from generator.model.records import Issue as Issue
from generator.model.records import Level as Level
from generator.model.records import LostDeal as LostDeal
from generator.model.records import Opportunity as Opportunity
from generator.model.records import Order as Order
from generator.model.records import Period as Period
from generator.model.records import Person as Person
from generator.model.records import Plan as Plan
from generator.model.records import PlannedContact as PlannedContact
from generator.model.records import Staff as Staff
from generator.model.records import Survey as Survey
from generator.model.records import SurveyItem as SurveyItem
from generator.model.records import SurveyResponse as SurveyResponse
from generator.model.records import Visit as Visit
from generator.model.records import empty_mapping as empty_mapping
from generator.model.records import local_time as local_time
from generator.model.records import renamed as renamed

# The model of each kind of record file (team.yaml holds a list of Staff).
RECORD_TYPES: dict[str, type] = {
    "customer": Customer,
    "visit": Visit,
    "complaint": Complaint,
    "survey": Survey,
    "survey_response": SurveyResponse,
    "lost": LostDeal,
    "plan": Plan,
    "policy": Policy,
}
