"""Survey responses (问卷, records/surveys/<survey>/responses/<n>.yaml): named by their
number, in a survey that exists, answering its items in its levels within its period. A
survey's tallies that differ from its responses' sums are survey.tally_mismatch."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class ResponseFilenameMismatch(ProblemKind):
    code = "response.filename_mismatch"
    title = "问卷文件名不是编号"
    severity = "warning"
    zh = (
        "问卷文件名 {stem} 不是问卷编号：应为不补零的正整数，例如 1.yaml、12.yaml、368.yaml。"
        "请按纸质问卷上的编号改名。"
    )
    en = (
        "the response's file name {stem} is not a form number: it should be a whole number "
        "without leading zeros, e.g. 1.yaml, 12.yaml, 368.yaml. Rename it after the number on "
        "the form."
    )
    stem: str


@dataclass(frozen=True, kw_only=True)
class ResponseUnknownSurvey(ProblemKind):
    code = "response.unknown_survey"
    title = "问卷所属调查不存在"
    severity = "error"
    zh = (
        "问卷放在 surveys/{survey}/responses/ 中，但没有编号为 {survey} 的满意度调查记录。"
        "请把问卷移到所属调查的文件夹，或先建立调查记录 surveys/{survey}.yaml。"
    )
    en = (
        "the response is in surveys/{survey}/responses/, but there is no survey with the id "
        "{survey}. Move it to its survey's folder, or create the survey surveys/{survey}.yaml "
        "first."
    )
    survey: str


@dataclass(frozen=True, kw_only=True)
class ResponseUnknownItem(ProblemKind):
    code = "response.unknown_item"
    title = "问卷项目不在调查中"
    severity = "error"
    zh = "问卷评价了项目“{item}”，但调查 {survey} 没有这个项目。可选：{allowed}。请改正项目名称。"
    en = (
        "the response rates the item “{item}”, which the survey {survey} does not have. "
        "Allowed: {allowed}. Correct the item's name."
    )
    item: str
    survey: str
    allowed: str


@dataclass(frozen=True, kw_only=True)
class ResponseUnknownLevel(ProblemKind):
    code = "response.unknown_level"
    title = "问卷评价等级未定义"
    severity = "error"
    zh = (
        "项目“{item}”的评价“{level}”不是调查 {survey} 的评价等级。可选：{allowed}。"
        "请改正，或在调查记录的 levels 中定义它。"
    )
    en = (
        "the level “{level}” given for the item “{item}” is not one of the survey {survey}'s "
        "levels. Allowed: {allowed}. Correct it, or define it under the survey's levels."
    )
    item: str
    level: str
    survey: str
    allowed: str


@dataclass(frozen=True, kw_only=True)
class ResponseOutsidePeriod(ProblemKind):
    code = "response.outside_period"
    title = "问卷日期不在调查期间"
    severity = "warning"
    zh = (
        "问卷日期 {date} 不在调查 {survey} 的期间 {start} 至 {end} 内。"
        "请核对日期，或放宽调查记录的 period。"
    )
    en = (
        "the response's date {date} is outside the survey {survey}'s period {start} to "
        "{end}. Check the date, or widen the survey's period."
    )
    date: str
    survey: str
    start: str
    end: str
