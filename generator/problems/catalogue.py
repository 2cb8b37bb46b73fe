"""The catalogue of problem codes: one place for every message, in Chinese and English.

Each template says what is wrong and how to fix it. Placeholders are filled by
`make_problem`, which masks phone and ID numbers in every value it is given and makes
control characters visible (`mask.shown`); a value whose whole field is personal data
(a name) is still masked by its class by the caller. docs/reference/problems.md is
generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.present.mask import shown
from generator.problems import Problem, Severity, Source


@dataclass(frozen=True)
class Code:
    severity: Severity
    zh: str
    en: str
    group: str = ""  # set from the code's prefix


def _c(severity: Severity, zh: str, en: str) -> Code:
    return Code(severity, zh, en)


CODES: dict[str, Code] = {
    # --- reading the file -------------------------------------------------------------
    "file.unreadable": _c(
        "error",
        "无法读取文件：{detail}。请检查文件权限，或确认它不是损坏的链接。",
        "cannot read the file: {detail}. Check its permissions or whether it is a broken link.",
    ),
    "file.folder_unreadable": _c(
        "error",
        "无法读取这个文件夹：{detail}，其中的记录都没有检查。"
        "请检查文件夹的权限（需要读取和进入的权限，例如 chmod u+rx），或把它移出记录目录。",
        "cannot read this folder: {detail}; none of the records in it were checked. "
        "Check the folder's permissions (read and enter, e.g. chmod u+rx), or move it out "
        "of the records folder.",
    ),
    "file.symlink": _c(
        "error",
        "这是一个符号链接，未读取：记录必须是记录目录里的普通文件，链接可能指向仓库之外。"
        "请把链接换成它指向的文件（或文件夹）本身。",
        "this is a symbolic link and was not read: records are regular files inside the "
        "records folder, and a link may point outside it. Replace the link with the file "
        "(or folder) it points to.",
    ),
    "file.not_regular": _c(
        "error",
        "这不是普通文件，而是{what_zh}，未读取（读取它可能永远等待）。"
        "记录必须是普通文件：请删除它，或换成同名的普通文件。",
        "this is not a regular file but {what_en}; it was not read (reading it could wait "
        "for ever). A record must be a regular file: delete it or put one in its place.",
    ),
    "file.too_large": _c(
        "error",
        "文件有 {size} 字节，超过上限 {limit} 字节，未读取。请删减内容或拆分成多条记录。",
        "the file has {size} bytes, more than the limit of {limit}; it was not read. "
        "Shorten it or split it into several records.",
    ),
    "file.encoding_gbk": _c(
        "error",
        "文件不是 UTF-8 编码（看起来是 GBK/GB18030），第 {line} 行起无法解码。"
        "请在编辑器中选择“以 UTF-8 编码保存”后重新提交。",
        "the file is not UTF-8 (it looks like GBK/GB18030); decoding fails from line {line}. "
        "Re-save it as UTF-8 in your editor.",
    ),
    "file.encoding": _c(
        "error",
        "文件不是有效的 UTF-8 文本（第 {line} 行有无法解码的字节）。请用 UTF-8 编码重新保存。",
        "the file is not valid UTF-8 (undecodable bytes on line {line}). Re-save it as UTF-8.",
    ),
    "file.no_front_matter": _c(
        "error",
        "Markdown 记录必须以 YAML 头部开始：第一行是 ---，然后是字段，再以 --- 结束。"
        "请在文件开头加上头部。",
        "a Markdown record must start with YAML front matter: a first line ---, the fields, "
        "then a closing ---. Add the front matter at the top.",
    ),
    "file.unclosed_front_matter": _c(
        "error",
        "YAML 头部没有结束行 ---。请在字段之后、正文之前加一行 ---。",
        "the YAML front matter has no closing --- line. Add a line --- after the fields, "
        "before the body.",
    ),
    "file.unknown_location": _c(
        "warning",
        "这个文件不在任何记录目录中（customers/、visits/年份/、complaints/年份/、surveys/），"
        "不会被读取。请移到正确的目录，或改名以 _ 开头表示忽略。",
        "this file is not in a record folder (customers/, visits/YEAR/, complaints/YEAR/, "
        "surveys/) and is not read. Move it, or start its name with _ to ignore it.",
    ),
    "file.missing": _c(
        "error",
        "缺少必需的文件 {name}。请从示例数据复制一份并修改。",
        "the required file {name} is missing. Copy it from the demo records and adapt it.",
    ),
    "file.more_problems": _c(
        "error",
        "从这里起，这个文件还有 {count} 个 {kind} 问题没有列出（已列出 {listed} 个，"
        "每个文件每种问题最多列出 {per_code} 个、共 {per_file} 个）。请先改正已列出的问题，再重新检查；"
        "同一个错误重复这么多次，通常是复制粘贴或程序生成的文件出了错。",
        "from here on, this file has {count} more {kind} problem(s) that are not listed "
        "({listed} are; each file lists at most {per_code} of each kind and {per_file} in all). Fix the "
        "listed ones and check again; so many of the same mistake usually come from a "
        "bad copy and paste or a generated file.",
    ),
    # --- YAML -------------------------------------------------------------------------
    "yaml.syntax": _c(
        "error",
        "YAML 语法错误：{detail_zh}。请检查这一行的缩进、冒号和引号。（{detail}）",
        "YAML syntax error: {detail}. Check the indentation, colons and quotes on this line.",
    ),
    "yaml.tab": _c(
        "error",
        "第 {line} 行有制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成空格。",
        "line {line} contains a tab character. YAML is indented with spaces only; "
        "replace the tab with spaces.",
    ),
    "yaml.duplicate_key": _c(
        "error",
        "字段 {key} 出现了两次（第 {first} 行和第 {line} 行），后一个会悄悄覆盖前一个。"
        "请删掉其中一个。",
        "the key {key} appears twice (lines {first} and {line}); one would silently replace "
        "the other. Remove one of them.",
    ),
    "yaml.anchor": _c(
        "error",
        "不允许使用 YAML 锚点（&{name}）。请直接写出完整内容。",
        "YAML anchors (&{name}) are not allowed. Write the content out in full.",
    ),
    "yaml.alias": _c(
        "error",
        "不允许使用 YAML 别名（*{name}）。请直接写出完整内容。",
        "YAML aliases (*{name}) are not allowed. Write the content out in full.",
    ),
    "yaml.tag": _c(
        "error",
        "不允许使用 YAML 标签 {tag}。请去掉它；如需文本，请给值加引号。",
        "the YAML tag {tag} is not allowed. Remove it; to force text, put the value in quotes.",
    ),
    "yaml.too_deep": _c(
        "error",
        "嵌套层数超过 {limit} 层，文件未读取。记录不需要这么深的结构，请检查缩进或括号。",
        "nesting is deeper than {limit} levels; the file was not read. Records never need "
        "this depth: check the indentation or brackets.",
    ),
    "yaml.too_many_nodes": _c(
        "error",
        "文件中的字段和值超过 {limit} 个，从这里起未读取，整个文件不能使用。一条记录不需要这么多内容；"
        "请检查文件是否是复制粘贴或程序生成出了错，或把内容拆分成多条记录。",
        "the file holds more than {limit} keys and values; it was not read from here on and "
        "cannot be used. No record needs that many: check whether a copy and paste or a "
        "program went wrong, or split the content into several records.",
    ),
    "yaml.complex_key": _c(
        "error",
        "字段名必须是简单文本，不能是列表或映射。请改成普通的字段名。",
        "a key must be plain text, not a list or a mapping. Use a plain field name.",
    ),
    "yaml.multiple_documents": _c(
        "error",
        "一个文件只能有一个 YAML 文档（发现多余的 ---）。请删除多余的分隔行或拆成两个文件。",
        "a file holds one YAML document only (an extra --- was found). Remove the extra "
        "separator or split the file in two.",
    ),
    "yaml.not_mapping": _c(
        "error",
        "记录的顶层必须是“字段: 值”的映射，这里是{found_zh}。请按示例记录的格式书写。",
        "the top level of a record must be a mapping of field: value, not {found_en}. "
        "Follow the layout of the demo records.",
    ),
    # --- characters -------------------------------------------------------------------
    "text.control_char": _c(
        "error",
        "第 {line} 行第 {col} 列有控制字符 {char}。它通常来自复制粘贴，请删除。",
        "line {line}, column {col} contains the control character {char}, usually from "
        "copy and paste. Delete it.",
    ),
    "text.invisible_char": _c(
        "error",
        "第 {line} 行第 {col} 列有不可见字符 {char}（零宽字符）。它会让编号和比较出错，请删除。",
        "line {line}, column {col} contains the invisible character {char} (zero width). "
        "It breaks ids and comparisons; delete it.",
    ),
    "text.bidi_char": _c(
        "error",
        "第 {line} 行第 {col} 列有文字方向控制字符 {char}，它可能让显示内容与实际内容不同。请删除。",
        "line {line}, column {col} contains the bidirectional control {char}, which can make "
        "text display differently from what it is. Delete it.",
    ),
    "text.escaped_char": _c(
        "error",
        '字段 {field} 的值含有{what_zh} {char}，它是用转义写出的（例如 "\\u202E"、"\\e"、'
        '"\\t"）。这样的字符会改变显示或终端的行为，请删除这个转义。',
        "the value of {field} holds the {what_en} {char}, written as an escape (such as "
        '"\\u202E", "\\e" or "\\t"). Such characters change what is displayed or '
        "what a terminal does; delete the escape.",
    ),
    # --- schema -----------------------------------------------------------------------
    "schema.required": _c(
        "error",
        "缺少必填字段 {field}。请补上。",
        "the required field {field} is missing. Add it.",
    ),
    "schema.unknown_field": _c(
        "error",
        "未知字段 {field}{suggest_zh}。请检查拼写；字段名见 docs/reference/records.md。",
        "unknown field {field}{suggest_en}. Check the spelling; field names are listed in "
        "docs/reference/records.md.",
    ),
    "schema.type": _c(
        "error",
        "字段 {field} 应为 {expected_zh}，实际是 {actual_zh}{value}。{hint_zh}",
        "the field {field} must be {expected_en}, not {actual_en}{value}. {hint_en}",
    ),
    "schema.enum": _c(
        "error",
        "字段 {field} 的值{value} 不在允许范围内。可选值：{allowed}。",
        "the field {field} has a value{value} that is not allowed. Allowed: {allowed}.",
    ),
    "schema.format": _c(
        "error",
        "字段 {field} 的值{value} 不是有效的{format_zh}。{hint_zh}",
        "the field {field} has a value{value} that is not a valid {format_en}. {hint_en}",
    ),
    "schema.invalid": _c(
        "error",
        "字段 {field} {detail_zh}。请参照 docs/reference/records.md 修改。",
        "the field {field} {detail}. See docs/reference/records.md.",
    ),
    # --- ids and file names -----------------------------------------------------------
    "id.duplicate": _c(
        "error",
        "编号 {id} 重复，{other} 也使用了它。每条记录的编号必须唯一，请给其中一条换一个新编号。",
        "the id {id} is also used by {other}. Ids must be unique; give one of them a new id.",
    ),
    "id.filename_mismatch": _c(
        "error",
        "文件名 {stem} 与编号 {id} 不一致。请把文件改名为 {expected}，或改正编号。",
        "the file name {stem} does not match the id {id}. Rename the file to {expected} "
        "or correct the id.",
    ),
    "path.year_mismatch": _c(
        "warning",
        "记录日期在 {year} 年，但文件在 {folder} 目录中。请移到 {expected} 目录。",
        "the record is dated {year} but lies in the folder {folder}. Move it to {expected}.",
    ),
    "visit.filename_mismatch": _c(
        "warning",
        "回访文件名 {stem} 与内容不符（应以 {expected} 开头：日期-客户编号）。请改名。",
        "the visit file name {stem} does not match its content (it should start with "
        "{expected}: date-customer). Rename it.",
    ),
    # --- references -------------------------------------------------------------------
    "ref.unknown_customer": _c(
        "error",
        "字段 {field} 引用的客户 {ref} 不存在。请检查编号，或先建立该客户档案。",
        "the field {field} refers to the customer {ref}, which does not exist. Check the id "
        "or create the customer first.",
    ),
    "ref.unknown_staff": _c(
        "error",
        "字段 {field} 引用的员工 {ref} 不在 team.yaml 中。请检查编号，或把此人加入 team.yaml。",
        "the field {field} refers to the staff member {ref}, who is not in team.yaml. Check "
        "the id or add the person to team.yaml.",
    ),
    "ref.unknown_complaint": _c(
        "error",
        "字段 {field} 引用的投诉 {ref} 不存在。请检查投诉编号。",
        "the field {field} refers to the complaint {ref}, which does not exist. Check the id.",
    ),
    "ref.wrong_role": _c(
        "error",
        "字段 {field} 需要角色为 {roles_zh} 的员工，但 {ref} 的角色是 {role_zh}。"
        "请换一位合适的员工，或更正 team.yaml 中的角色。",
        "the field {field} needs a staff member with the role {roles_en}, but {ref} is "
        "{role_en}. Choose someone else or correct the role in team.yaml.",
    ),
    "ref.inactive_staff": _c(
        "warning",
        "字段 {field} 指向已停用的员工 {ref}。请把工作交接给在职员工。",
        "the field {field} names {ref}, who is no longer active. Hand the work over to an "
        "active staff member.",
    ),
    "ref.complaint_customer_mismatch": _c(
        "error",
        "回访关联的投诉 {ref} 属于客户 {other}，而不是本次回访的客户 {customer}。请检查编号。",
        "the complaint {ref} belongs to the customer {other}, not to this visit's customer "
        "{customer}. Check the ids.",
    ),
    "ref.unknown_visit": _c(
        "error",
        "抽查的回访 {ref} 不存在。checks 填被抽查回访的编号（visits/ 下的文件名，不含 .md）。",
        "the checked visit {ref} does not exist. checks takes the id of the visit checked (its "
        "file name under visits/, without .md).",
    ),
    "ref.unknown_department": _c(
        "warning",
        "部门 {department} 没有在 policy.yaml 的 departments 中定义。可选：{allowed}。"
        "请检查拼写或把它加入 policy.yaml。",
        "the department {department} is not listed under departments in policy.yaml. "
        "Allowed: {allowed}. Check the spelling or add it to policy.yaml.",
    ),
    "customer.unknown_grade": _c(
        "error",
        "客户等级 {grade} 没有在 policy.yaml 的 grades 中定义。可选：{allowed}。",
        "the grade {grade} is not defined under grades in policy.yaml. Allowed: {allowed}.",
    ),
    "customer.unknown_area": _c(
        "warning",
        "区域 {area} 没有在 policy.yaml 的 areas 中定义。请检查拼写或把它加入 policy.yaml。",
        "the area {area} is not listed under areas in policy.yaml. Check the spelling or add "
        "it to policy.yaml.",
    ),
    "customer.unknown_approval": _c(
        "warning",
        "审批事项 {what} 没有在 policy.yaml 的 approvals 中定义，无法判断谁可以批准。"
        "可选：{allowed}；或在 approvals 中加上它和可批准的角色。",
        "the approval {what} is not defined under approvals in policy.yaml, so who may approve "
        "it is unknown. Defined: {allowed}; or add it to approvals with the roles that may "
        "approve it.",
    ),
    "customer.approval_out_of_order": _c(
        "error",
        "{what} 审批应按 {chain_zh} 的顺序逐级进行，每级一人且不同的人；这一步应由{expected_zh}"
        "批准，但 {ref} 是{role_zh}{again_zh}。请按顺序补上缺少的审批，或更正审批人。",
        "{what} is approved in turn by {chain_en}, one different person per step; this step "
        "needs a {expected_en}, but {ref} is a {role_en}{again_en}. Record the missing "
        "approvals in order, or correct the approver.",
    ),
    "customer.approval_chain_incomplete": _c(
        "warning",
        "{what} 审批（{chain_zh}）尚未完成，还需：{missing_zh}。审批完成前不要按新的额度或账期执行。",
        "the {what} approval ({chain_en}) is not complete; still needed: {missing_en}. Do not "
        "apply the new limit or term before it is.",
    ),
    # --- dates ------------------------------------------------------------------------
    "dates.out_of_order": _c(
        "error",
        "{later}（{later_value}）早于 {earlier}（{earlier_value}），时间顺序不对。请核对这两个时间。",
        "{later} ({later_value}) is before {earlier} ({earlier_value}). Check both times.",
    ),
    "dates.in_future": _c(
        "error",
        "{field} 是 {value}，晚于今天 {today}。尚未发生的事情不能记录；请核对日期。",
        "{field} is {value}, after today ({today}). Something that has not happened cannot be "
        "recorded; check the date.",
    ),
    # --- surveys ----------------------------------------------------------------------
    "survey.returned_exceeds_distributed": _c(
        "error",
        "回收份数 {returned} 多于发放份数 {distributed}。请核对数字。",
        "{returned} forms returned is more than the {distributed} distributed. Check the numbers.",
    ),
    "survey.distributed_exceeds_population": _c(
        "error",
        "发放份数 {distributed} 多于调查对象总数 {population}。请核对数字。",
        "{distributed} forms distributed is more than the {population} households or customers "
        "to be surveyed. Check the numbers.",
    ),
    "survey.small_sample": _c(
        "warning",
        "只回收了 {returned} 份问卷，少于 policy.yaml 中 surveys.min_sample 要求的 {least} 份，"
        "结果代表性不足。请扩大调查范围或补充回收。",
        "only {returned} forms were returned, fewer than the {least} that surveys.min_sample in "
        "policy.yaml asks for: too small a sample. Survey more customers or collect more forms.",
    ),
    "survey.counts_exceed_returned": _c(
        "error",
        "项目“{item}”各级人数合计 {total}，多于回收份数 {returned}。请核对统计。",
        "the counts of the item “{item}” add up to {total}, more than the {returned} forms "
        "returned. Check the tally.",
    ),
    "survey.unknown_level": _c(
        "error",
        "项目“{item}”使用了未定义的评价等级“{level}”。可选：{allowed}。请在 levels 中定义或改正。",
        "the item “{item}” uses the level “{level}”, which is not defined. Allowed: "
        "{allowed}. Define it under levels or correct it.",
    ),
    # --- completeness rules (severity set in policy.yaml: completeness) ----------------
    "visit.done_late": _c(
        "warning",
        "{what_zh}应在 {deadline} 前完成，{done} 才完成，晚了 {late}。"
        "请按时完成；若记录的时间有误，请更正。",
        "{what_en} was due by {deadline} but done at {done}, {late_en} late. Keep the limit; "
        "if the recorded time is wrong, correct it.",
    ),
    "complaint.done_late": _c(
        "warning",
        "投诉{stage}应在 {deadline} 前完成（时限 {limit}），{done} 才完成，晚了 {late}。"
        "请按时限处理；若记录的时间有误，请更正。",
        "{stage_en} was due by {deadline} but done at {done}, {late_en} late. Keep the limit; "
        "if the recorded time is wrong, correct it.",
    ),
    "customer.documents_incomplete": _c(
        "warning",
        "合同签订（{contract}）已超过 {days} 天，建档资料仍缺：{missing}。"
        "请补齐资料，或在 approvals 中记录{approvers_zh}的批准（{what}）。",
        "more than {days} days after the contract ({contract}) these documents are still missing: "
        "{missing}. Complete them, or record the approval ({what}) of {approvers_en} "
        "under approvals.",
    ),
    "customer.no_contacts": _c(
        "warning",
        "机构客户没有登记任何关键人物。请在 contacts 中至少登记一位联系人。",
        "this organisation has no key contact. Add at least one under contacts.",
    ),
    "complaint.no_feedback": _c(
        "warning",
        "投诉已处理完毕，但没有记录向客户反馈（feedback_sent）。请在处理后 {hours} 小时内反馈并记录时间。",
        "the complaint is resolved but no feedback to the customer is recorded "
        "(feedback_sent). Send it within {hours} hours of resolution and record the time.",
    ),
    "complaint.no_resolution": _c(
        "warning",
        "投诉已处理完毕，但没有填写处理结果（resolution）。请补上。",
        "the complaint is resolved but the outcome (resolution) is empty. Fill it in.",
    ),
    "complaint.special_without_reason": _c(
        "warning",
        "投诉标为特殊情况（special），但没有说明原因（special_reason）。请补上原因。",
        "the complaint is marked special but has no special_reason. Give the reason.",
    ),
    "visit.issue_not_forwarded": _c(
        "warning",
        "问题“{text}”需要处理，但没有记录转给哪个部门（department）和转交时间（sent_at）。请补上。",
        "the issue “{text}” needs action but has no department or sent_at recorded. "
        "Record where and when it was forwarded.",
    ),
    "visit.unreviewed": _c(
        "warning",
        "这次回访已过去 {age} 天，仍未经主管审阅（reviewed_by / reviewed_on）。请主管审阅后签字。",
        "this visit is {age} days old and has not been reviewed by a supervisor "
        "(reviewed_by / reviewed_on). A supervisor should sign it off.",
    ),
    "visit.no_outcome": _c(
        "warning",
        "回访没有填写实际结果（outcome）。请对照拜访目标写明结果。",
        "the visit has no outcome. Write down the result against the objective.",
    ),
    "visit.no_record": _c(
        "warning",
        "回访没有会谈内容记录（正文为空或只有标题）。请在 --- 之后简要记录谈话内容。",
        "the visit has no conversation record (the body is empty or only a heading). Write "
        "a short account below the closing ---.",
    ),
    # --- configuration ----------------------------------------------------------------
    # --- timeliness and trust, from Git history ------------------------------------------
    "visit.filed_late": _c(
        "warning",
        "回访时间 {visit_time}，记录到 {filed} 才首次提交（提交 {commit}，{author}），"
        "晚了 {late} 小时，超过 {hours} 小时的填写时限。请在回访后及时填写并提交记录"
        "（时间取提交的作者时间）。",
        "the visit was at {visit_time} but its record was first committed at {filed} "
        "(commit {commit}, {author}), {late} hours later: more than the {hours}-hour limit. "
        "File visit records promptly (the commit's author date counts).",
    ),
    "complaint.registered_late": _c(
        "warning",
        "投诉 {received} 接到，记录到 {filed} 才首次提交（提交 {commit}，{author}），"
        "晚了 {late} 小时，超过 {hours} 小时的登记时限。接到投诉后请在时限内登记并提交。",
        "the complaint was received at {received} but first committed at {filed} "
        "(commit {commit}, {author}), {late} hours later: more than the {hours}-hour "
        "registration limit. Register complaints within the limit.",
    ),
    "visit.reviewed_late": _c(
        "warning",
        "回访时间 {visit_time}，主管审阅（reviewed_by）到 {reviewed} 才提交（提交 {commit}，"
        "{author}），超过 {days} 天的审阅时限。请主管按时审阅签字。",
        "the visit was at {visit_time} but the supervisor's sign-off (reviewed_by) was "
        "committed at {reviewed} (commit {commit}, {author}): later than {days} days. "
        "Supervisors should review visits in time.",
    ),
    "history.untrusted_commit": _c(
        "error",
        "提交 {commit}（{author}，{date}，“{subject}”）修改了这条记录，但{status}。"
        "要求每个修改记录的提交都有可信签名：请用已登记的密钥签名（git commit -S），"
        "或把签名者的公钥加入 allowed signers 文件。",
        'commit {commit} ({author}, {date}, "{subject}") changed this record, but '
        "{status_en}. Every commit that changes records must carry a trusted signature: "
        "sign it with a registered key (git commit -S), or add the signer's public key "
        "to the allowed signers file.",
    ),
    "history.untrusted_signers_change": _c(
        "error",
        "提交 {commit}（{author}，{date}，“{subject}”）修改了仓库中的可信签名者文件 {file}，但"
        "{status}。这个文件只能由此前已可信的密钥签名修改：请让已登记的成员签名这次改动"
        "（git commit -S）并单独合并；检查通过、上次核验的提交越过它之后，新密钥才可使用。",
        'commit {commit} ({author}, {date}, "{subject}") changed the allowed signers file '
        "{file} in the repository, but {status_en}. Only a key trusted before a change may "
        "sign it: have a registered member sign this change (git commit -S) and merge it on "
        "its own; a new key counts once a check has passed with the verified head past it.",
    ),
    "history.rewritten": _c(
        "error",
        "上次核验的提交 {verified} 已不在当前提交 {head} 的历史中：历史被改写过（强制推送、"
        "变基或重置）。请查明原因；确认无误后删除 {file} 重新开始核验。",
        "the last verified commit {verified} is no longer in the history of {head}: history "
        "was rewritten (force-push, rebase or reset). Find out why; once it is accounted "
        "for, delete {file} to start verifying afresh.",
    ),
    # --- formatting and new records (huifang fmt, huifang new) ---------------------------
    "fmt.would_change": _c(
        "error",
        "整理格式后读出的内容与原文件不同，为安全起见没有改动这个文件。请用 huifang check "
        "检查它，并把这个文件报告给维护者。",
        "formatting would change what this file says, so it was left as it is. Check it with "
        "huifang check and report the file to the maintainers.",
    ),
    "fmt.cannot_format": _c(
        "error",
        "无法整理这个文件的格式：{detail}。文件没有改动，其它文件照常整理。"
        "请按提示改正（例如 null: 和 ~: 在 YAML 中是同一个空字段名，只能留一个）后再运行 huifang fmt。",
        "this file cannot be formatted: {detail}. It was left as it is; the other files were "
        "formatted. Fix what is named (null: and ~:, for instance, are the same empty key in "
        "YAML: keep one) and run huifang fmt again.",
    ),
    "fmt.changed_meanwhile": _c(
        "error",
        "整理格式期间这个文件被修改过（编辑器或其它程序保存了它），为了不覆盖这些修改，没有改写它。"
        "请保存好修改后重新运行 huifang fmt。",
        "this file was changed while it was being formatted (an editor or another program saved "
        "it), so it was not rewritten and the change is kept. Run huifang fmt again once the "
        "edit is saved.",
    ),
    "fmt.write_failed": _c(
        "error",
        "无法写入整理后的文件：{detail_zh}。文件保持原样，没有留下不完整的文件。",
        "the formatted file cannot be written: {detail_en}. The file is as it was; nothing half "
        "written is left.",
    ),
    "policy.unknown_method_group": _c(
        "error",
        "方式组 {name} 没有在 methods 中定义。请在 methods 下添加它，或改用 phone、onsite、any"
        "或方式列表（例如 [phone, wechat]）。",
        "the method group {name} is not defined under methods. Add it there, or use phone, "
        "onsite, any or a list of methods such as [phone, wechat].",
    ),
    "policy.duplicate_rule": _c(
        "error",
        "规则名 {name} 重复（第 {first} 行已有）。每条规则的 name 必须唯一，请改名。",
        "the rule name {name} is used twice (first on line {first}). Give each rule its own name.",
    ),
    "policy.unknown_visit_kind": _c(
        "error",
        "after: visit.{name} 中的回访类型 {name} 不存在。可用：{allowed}。",
        "after: visit.{name} names an unknown visit kind. Known kinds: {allowed}.",
    ),
    "policy.unknown_festival": _c(
        "error",
        "无法确定节日“{name}”的日期。法定节日请写 {allowed} 之一，其它节日请加 date: MM-DD。",
        "cannot place the festival {name}. Use an official holiday name ({allowed}) or add "
        "date: MM-DD.",
    ),
    "calendar.unknown_year": _c(
        "warning",
        "holidays 库还没有国务院公布的 {year} 年放假调休安排：该年按库中已知的法定节假日"
        "（元旦、春节、国庆节等及其补假）和周一至周五计算工作日，缺少调休上班的周末，"
        "也缺少国务院另行安排的放假日。请升级 pyproject.toml 中的 holidays，或在 policy.yaml 的 "
        "calendar 中写入该年的安排：extra_workdays（调休上班日）和 extra_holidays（另行放假日），"
        "例如 extra_workdays: [{{date: {year}-MM-DD, name: 调休上班}}]。",
        "the holidays library does not have the State Council's {year} arrangement yet: working "
        "days in {year} are counted from the statutory holidays it knows (New Year, Spring "
        "Festival, National Day… and their substitute days) and Monday to Friday, without the "
        "weekend days worked in exchange and the extra days off the arrangement adds. Upgrade "
        "holidays in pyproject.toml, or enter the arrangement in policy.yaml under calendar: "
        "extra_workdays (weekend days worked) and extra_holidays (extra days off), e.g. "
        "extra_workdays: [{{date: {year}-MM-DD, name: 调休上班}}].",
    ),
}

for _name, _code in CODES.items():
    object.__setattr__(_code, "group", _name.split(".", 1)[0])


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # a template never fails for a missing value
        return ""


def make_problem(
    code: str,
    source: Source,
    path: str = "",
    *,
    severity: Severity | None = None,
    **params: object,
) -> Problem:
    """Build a problem from the catalogue; `code` must be listed in CODES."""
    entry = CODES[code]
    # Any value echoed in a message is masked by pattern, whatever field it came from, and
    # shown without control characters (messages reach terminals, CI logs, annotations).
    values = _Blank(
        {k: "" if v is None else shown(v) if isinstance(v, str) else v for k, v in params.items()}
    )
    path = shown(path)
    values.setdefault("field", path)
    return Problem(
        code=code,
        severity=severity or entry.severity,
        source=source,
        path=path,
        message_zh=entry.zh.format_map(values).strip(),
        message_en=entry.en.format_map(values).strip(),
    )
