"""Compiled patterns for recognising the parts of a 公文 draft, one line at a time."""

from __future__ import annotations

import re

from govfmt import regex_cache

CN_DIGITS = "一二三四五六七八九十"
CN_YEAR_DIGITS = "〇○零OoＯ0０一二三四五六七八九"
# A character of a name as drafts give it, masked ones included (××市, ＊＊县, ○○局, XX区).
NAME_CHARS = "\u4e00-\u9fff*＊×○〇XＸ"
DOC_TYPES = (
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
    "议案", "函", "复函", "纪要", "讲话", "规则", "办法", "方案", "预案", "规定", "细则", "条例", "规划",
    "要点", "计划", "总结", "清单", "纲要", "指南", "制度", "章程", "守则", "准则", "目录", "名单", "说明",
    "建议", "提案", "报告", "发言", "致辞", "讲稿", "倡议书", "公约", "标准", "做法",
)

# Heading markers. The standard forms are 一、 （一） 1. （1）; the others are common mistakes that
# still mark a heading (the linter reports them).
HEADING_1 = regex_cache.compile(rf"^[{CN_DIGITS}]{{1,3}}\s*[、.．，,]\s*(?=\S)")
HEADING_2 = regex_cache.compile(rf"^[（(]\s*[{CN_DIGITS}]{{1,3}}\s*[）)]\s*(?:[、.．，,]\s*)?(?=\S)")
# "1.2023年…" is item 1 about a year; "1.5亿元…" is a number.
HEADING_3 = regex_cache.compile(r"^\d{1,3}\s*(?:[.．](?![\d.．])|[.．](?=(?:19|20)\d\d\s*年)|、)\s*(?=\S)")
HEADING_4 = regex_cache.compile(r"^(?:[（(]\s*\d{1,2}\s*[）)]|[⑴-⒇])\s*(?:[、.．，,]\s*)?(?=\S)")
# Decimal outlines of 预案 and rules: "1　总则", "1.1　编制目的", "4.2.2　国务院……".
DECIMAL_TOP = regex_cache.compile(r"^\d{1,2}[\s\u3000]+(?=[^\s\d\u3000.．])")
DECIMAL_SUB = regex_cache.compile(
    r"^\d{1,2}(?:[.．]\d{1,2}){1,3}(?![\d%％]|[万亿千百元倍个吨米岁])[\s\u3000]*(?=[^\s\u3000.．])"
)

DOC_NUMBER = regex_cache.compile(
    rf"^(?P<code>[{NAME_CHARS}]{{1,16}})\s*"
    r"(?P<open>[〔\[【（(［｛{])\s*(?P<year>\d{2,4})\s*(?P<close>[〕\]】）)］｝}])\s*"
    r"(?P<di>第)?\s*(?P<num>\d{1,5})\s*号$"
)
DATE_ARABIC = regex_cache.compile(r"^(?:\d{4}|\d{2})\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?[日号]$")
# Dates as pasted pages give them: 20171116, { 2017 6 23, 2017-11-16 (matched on the stripped line).
DATE_DIGITS = regex_cache.compile(r"^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")
DATE_SPACED = regex_cache.compile(r"^[{｛]?[ \u3000]{0,3}(?:19|20)\d\d(?:[ \u3000]{1,3}\d{1,2}){2}[ \u3000]{0,3}[}｝]?$|"
                         r"^(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}$")
DATE_CHINESE = regex_cache.compile(
    rf"^[{CN_YEAR_DIGITS}]{{2,4}}\s?年\s?[{CN_DIGITS}]{{1,3}}\s?月\s?[{CN_DIGITS}〇零]{{1,3}}\s?[日号]$"
)
class _Guarded:
    """A pattern tried only on lines with the given ending: long paragraphs never reach the regex."""

    def __init__(self, pattern: str, ending: str):
        self.pattern = regex_cache.compile(pattern)
        self.ending = ending

    def match(self, text: str):
        return self.pattern.match(text) if text.rstrip().endswith(self.ending) else None


_DATE_OF_PRINT = rf"(?:\d{{4}}|[{CN_YEAR_DIGITS}]{{4}})\s?年\s?(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s?月\s?(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s?[日号]"
# Matched on the line without spaces; the 印发机关 is a name, never a sentence.
PRINTED_BY = _Guarded(rf"^(?P<office>[^\s，。；;,:：]{{1,40}}?)(?P<date>{_DATE_OF_PRINT})\s?印发$", "印发")
# Lines of an old 版记 around the 印发 line: 主题词, 印数 (共印50份).
IMPRINT_EXTRA = regex_cache.compile(r"^(?:主\s?题\s?词\s?[：:]|[（(]?共印\s?\d{1,6}\s?份[）)]?$|印数\s?[：:])")
CC = regex_cache.compile(r"^(?:抄送|抄报|抄\s*送|报|送|抄)\s*[：:]")
MOVED_ADDRESSEE = regex_cache.compile(r"^主送\s*[：:]")
ATTACHMENT_NOTE = regex_cache.compile(r"^附\s*件\s*[：:]")
ATTACHMENT_ITEM = regex_cache.compile(r"^\d{1,2}\s*[.．、]\s*(?=\S)")
ATTACHMENT_MARK = regex_cache.compile(r"^附\s*件(?:\s*\d{1,2})?\s*[：:]?$")
# An attachment named after its number, as a page lists the files under a document: 附件1：某某表
NUMBERED_ATTACHMENT = regex_cache.compile(r"^附\s*件\s*\d{1,2}\s*[：:]\s*\S")
NOTE = regex_cache.compile(r"^[（(].+[）)]$")
COPY_NUMBER = regex_cache.compile(r"^\d{6}$")
CLASSIFICATION = regex_cache.compile(r"^(?:绝密|机密|秘密)\s*(?:[★☆\*]\s*\S+)?$")
URGENCY = regex_cache.compile(r"^(?:特急|加急|特提|平急)$")
SIGNER = regex_cache.compile(r"^签\s*发\s*人\s*[：:]")
SIGNER_LABEL = regex_cache.compile(r"签\s*发\s*人\s*[：:]")
ISSUER_MARK = regex_cache.compile(r"^\S{2,40}文件$")
# The 发文机关标志 of a 命令（令） and its 令号 below it (§10.2): 中华人民共和国国务院令 / 第789号.
ORDER_MARK = regex_cache.compile(rf"^[{NAME_CHARS}]{{2,30}}(?:命令|令)$")
ORDER_NUMBER = regex_cache.compile(r"^第[0-9一二三四五六七八九十百千零〇]{1,7}号$")
CHAPTER = regex_cache.compile(rf"^第[{CN_DIGITS}百零〇\d]+[章编节]\s*\S{{0,30}}$")
TOC_HEAD = regex_cache.compile(r"^目\s*录$")
# The leader dots and spaces before the page number of a table-of-contents entry (see lines.toc_key).
TOC_LEADERS = ".．…·•-—_ \t\u3000"
# How the name of an organ ends (a 署名 line).
ORGAN = regex_cache.compile(
    r"(?:人民政府|政府|委员会|委|办公室|办公厅|办|局|厅|部|院|署|会|中心|公司|集团|处|室|所|站|队|社|联|馆|校|"
    r"大学|学院|银行|支部|总支|党组|组)$"
)
# The speaker under a speech title: 市长　李**, 县委书记　张三, 副市长 周**.
SPEAKER = regex_cache.compile(
    r"^[\u4e00-\u9fff]{0,12}(?:书记|长|主任|主席|委员|代表|理事|经理|校长|院长|同志)[\s\u3000]+"
    r"[\u4e00-\u9fff*＊×○]{1,4}(?:同志)?$"
)
# Addressing an audience (a speech); one person such as 王**同志： is an addressee.
SALUTATION = regex_cache.compile(
    r"^.{0,30}(?:同志们|代表们|朋友们|女士们|先生们|来宾们|老师们|同学们|大家|"
    r"各位(?:领导|来宾|嘉宾|代表|委员|同事|同仁|专家))\s*[：:]$"
)
# The closing formula of a body, never part of the 署名 even without its full stop.
CLOSING = regex_cache.compile(
    r"^(?:特此(?:通知|报告|函告|函复|函达|批复|通报|公告|通告|说明|证明|请示)|此复|此致|敬礼|"
    r"[妥当]否[，,]?请.{0,4}|请予?(?:批示|审批|审定|研究)|以上.{0,6}[妥当]否.*|谢谢大家|谢谢)[。.！!]?$"
)
# A clause ending in a colon that introduces what follows (会议决定：), not a list of recipients.
INTRODUCING_COLON = regex_cache.compile(r"(?:如下|决定|指出|强调|要求|认为|明确|提出|同意|包括)[：:]$")
# The first line of a 附注 wrapped onto the next line: （联系人：…，
NOTE_OPEN = regex_cache.compile(r"^[（(][^）)]*$")
# Web-page leftovers around pasted text: navigation, page metadata, widgets, site footer; matched on the
# line without spaces (govfmt.parse.chrome knows more).
class _StartOrAnywhere:
    """A pattern of alternatives that open the line, and of words that may stand anywhere in it: the first
    matched at the line's start, the words found by str's own search (the regular-expression engine tries an
    alternation at every character), the pattern of the words used only for the match it returns."""

    def __init__(self, at_start: str, words: tuple[str, ...]):
        self.at_start = regex_cache.compile(at_start)
        self.words = words
        self.anywhere = regex_cache.compile("|".join(map(re.escape, words)))

    def search(self, text: str):
        found = self.at_start.match(text)
        if found is None:
            for word in self.words:
                if word in text:
                    return self.anywhere.search(text)
        return found


CHROME = _StartOrAnywhere(
    r"^时间[:：]\d{4}[-/.]|"
    r"^(?:字号|来源|作者|浏览(?:量|次数)?|点击(?:数|量)?|发布(?:时间|日期|机构)|阅读|打印|关闭|分享(?:到)?|"
    r"索引号|信息来源|责任编辑|编辑|当前位置|您(?:现在)?的?位置|所在位置|主办|承办|技术支持|网站标识码)[:：]|"
    r"^首页[>＞»/]|"
    r"^[【\[]?字体[:：]|^(?:[【\[]?(?:打印本页|关闭窗口|打印|关闭|返回顶部)[】\]]?)+$",
    ("ICP备", "版权所有"),
)
# The bulleted metadata list some sites put above a document (- 索引号:…).
WEB_BULLET = regex_cache.compile(r"^(?:-\s|•\s|·\s)")
# A listing line of a web page: the 发文字号 run together with the title.
LISTING = regex_cache.compile(rf"^[{NAME_CHARS}]{{1,16}}" r"[〔\[【（(［]\d{4}[〕\]】）)］]第?\d{1,5}号\s*\S")

LIST_SEPARATOR = regex_cache.compile(r"[，,、；;]")
TERMINAL = "。！？!?；;…"
CLAUSE_END = TERMINAL + "，,、：:"
OPENERS = "（(《“‘〔[【<〈「『"
CLOSERS = "）)》”’〕]】>〉」』"
