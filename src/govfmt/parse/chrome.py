"""Web-page chrome: the lines a site puts around a pasted document, which are no part of the 公文.

Only what is certain by itself is recognised here (page metadata, breadcrumbs, widgets, page numbers,
site footers). Whether a title-like line above the document's head is the site's own heading is
decided by the head (govfmt.parse.head), which knows where the document begins.
"""

from __future__ import annotations

from govfmt import regex_cache
from govfmt.parse.lines import compact, ends_with_terminal, is_date, marker_length

# Keys of the metadata a site prints around a document: `文章来源：… 作者：… 发布时间：… 点击数：`.
_PAGE_KEYS = (
    "文章来源", "信息来源", "来源", "作者", "发布时间", "发布日期", "发布机构", "更新时间", "更新日期", "点击数",
    "点击量", "点击", "浏览次数", "浏览量", "浏览", "阅读次数", "阅读量", "阅读", "访问量", "字号", "字体",
    "责任编辑", "编辑", "审核", "录入", "文章作者", "稿件来源",
    # the credits under an article of a WeChat account (一审：… 二审：… 三审：…)
    "责编", "校对", "监制", "统筹", "美编", "编审", "初审", "复审", "终审", "一审", "二审", "三审", "供稿", "撰稿",
    "排版", "记者", "通讯员",
    "发布者", "发布人", "发布部门", "来源单位", "录入者", "文章录入", "信息提供", "访问次数", "点击率", "阅读数",
)
# Keys of the gov.cn metadata table above a document (`索 引 号：… 主题分类：… 成文日期：…`).
_TABLE_KEYS = (
    "索引号", "主题分类", "主题词", "发文机关", "成文日期", "发布日期", "发文字号", "标题", "有效性", "文号",
    "分类", "体裁分类", "组配分类", "服务对象", "公开方式", "公开范围", "信息分类", "生成日期", "公开时限",
    "内容概述", "文件编号", "所属机构", "废止日期", "时效", "统一编号", "实施日期", "失效日期", "生效日期",
    "名称", "文件名称", "信息名称", "公文种类", "文种", "发布单位", "发文单位", "发文日期", "印发日期", "成文时间",
    "效力状态", "关键词", "信息类别", "公开属性", "公开形式", "所属主题",
)


def _alternatives(words) -> str:
    """The words as one alternation, longest first, then in code-point order: the same pattern (and cached
    program) in every run."""
    return "|".join(sorted(set(words), key=lambda word: (-len(word), word)))


_KEY = regex_cache.compile(rf"(?:{_alternatives(_PAGE_KEYS + _TABLE_KEYS)})[：:]")
_PAGE_KEY = regex_cache.compile(rf"(?:{_alternatives(_PAGE_KEYS)})[：:]")
_PAGE_KEY_START = regex_cache.compile(rf"^(?:{_alternatives(_PAGE_KEYS)})[：:]")
_TABLE_KEY_START = regex_cache.compile(rf"^(?:{_alternatives(_TABLE_KEYS)})[：:]")

# The headings of a site's lists of links to other pages: the titles listed under one are no part of
# the document either (see listed_titles).
_LIST_HEADINGS = ("相关链接|相关文章|相关阅读|相关新闻|相关文件|相关政策|相关解读|政策解读|相关推荐|推荐阅读|延伸阅读|"
                  "热点推荐|热门推荐|热门文章|热点新闻|最新文章|最新发布|猜你喜欢")
_LIST_HEADING = regex_cache.compile(rf"^(?:{_LIST_HEADINGS})[：:]?")
MAX_LISTED_CHARS = 60

# Chrome by its look: the forms that open the line (matched at its start) and those found anywhere in it
# (searched). Two patterns, so that the search starts only at the first characters of the second kind.
_PATTERNS_AT_START = regex_cache.compile(
    "|".join((
        r"^(?:您|你)(?:现在)?(?:的|所在的?|当前的?)?位置[：:]|^(?:当前|所在)(?:位置|页面|栏目)[：:]",  # breadcrumbs
        r"^时间[:：]\d{4}[-/.]",
        r"^(?:网站)?首页[>＞»›/\-－→|｜]",  # a breadcrumb, or the site's menu (首页 | 机构 | 政务公开 …)
        r"^【?字[体号][：:]?【?大】?【?中】?【?小】?",
        r"^(?:[【\[]?(?:打印本页|打印此页|关闭窗口|关闭本页|打印|关闭|返回顶部|返回|收藏|分享|保存|纠错|"
        r"我要纠错|下载|加入收藏|设为首页)[】\]]?)+$",
        r"^请输入(?:关键词|关键字|搜索内容|您要搜索的内容)",
        r"^(?:附件下载|下载附件|相关附件|附件链接)[：:]",  # a link to the attachment's file, not its 附件说明
        r"^[（(](?:本文有删[减节]|来源[：:].{1,30}|转自.{1,30}|(?:责编|责任编辑|编辑|记者|通讯员)[：:].{1,30})[）)]$",
        r"^(?:上一篇|下一篇|上一条|下一条)[：:]?",
        rf"^(?:{_LIST_HEADINGS})(?:[：:]|$)",
        r"^(?:-->|<!--|-->.*|<[a-zA-Z/][^<>]{0,80}>)$",
    ))
)
# The same for the short lines of widgets a page or a WeChat account prints (their first characters open
# many lines of text too, so only short lines are tried).
_SHORT_AT_START = regex_cache.compile(
    "|".join((
        r"^(?:[【\[]?(?:打印|关闭|收藏|分享|点赞|在看|写留言|留言|赞赏|登录|注册|无障碍|无障碍浏览|长者模式|关怀模式|"
        r"关怀版|适老化|繁體|繁体|简体|English|ENGLISH|搜索|站内搜索|高级搜索|[|｜])[】\]]?)+$",
        # a WeChat account's calls to follow it, its byline and the mark under the article
        r"^[↑▲☝]?(?:点击|戳)[^。！？]{0,24}(?:关注|蓝字|星标|置顶)[^。！？]{0,12}$",
        r"^(?:长按|扫描|识别)[^。！？]{0,10}二维码[^。！？]{0,12}$",
        r"^原创(?:[\s\u3000]|$)",
        r"^(?:预览时标签不可点|继续滑动看下一个|向上滑动看下一个|轻点两下取消(?:赞|在看)|喜欢此内容的人还喜欢|"
        r"收录于(?:合集|话题)\S{0,30}|听全文)$",
        r"^[-－—–_~·]*(?:END|End|THEEND|TheEnd)[-－—–_~·]*$",
        r"^(?:[@＠][^@＠\s]{1,20})+$",  # a chat's line of @-mentions (@所有人)
    ))
)
# A chat reply: a few words and the app's emoji codes (收到请回复[抱拳][抱拳]).
_EMOJI_NAMES = ("微笑|撇嘴|色|发呆|得意|流泪|害羞|闭嘴|睡|大哭|尴尬|发怒|调皮|呲牙|惊讶|难过|囧|抓狂|偷笑|愉快|白眼|傲慢|困|"
                "惊恐|憨笑|悠闲|疑问|嘘|晕|衰|再见|擦汗|鼓掌|坏笑|委屈|快哭了|阴险|亲亲|可怜|笑脸|破涕为笑|捂脸|奸笑|机智|"
                "皱眉|耶|吃瓜|加油|汗|天啊|社会社会|旺柴|好的|哇|666|叹气|苦涩|裂开|爱心|心碎|拥抱|强|弱|握手|胜利|抱拳|"
                "拳头|OK|合十|啤酒|咖啡|蛋糕|玫瑰|凋谢|庆祝|礼物|红包|發|福|烟花|爆竹|月亮|太阳|赞|好|收到")
_CHAT_REPLY = regex_cache.compile(rf"^[^。！？\[\]]{{0,16}}(?:\[(?:{_EMOJI_NAMES})\]){{1,8}}[。！!]?$")
MAX_SHORT_CHROME_CHARS = 40
# The note a news site puts above a speech or a document it reprints, however long.
_EDITORS_NOTE = regex_cache.compile(r"^[【\[]?编者(?:按|的话)[】\]：:]")
_PATTERNS_ANYWHERE = regex_cache.compile(
    "|".join((
        r"[>＞»›]{1,2}(?:正文|详情|内容)$",
        r"ICP[备证]|版权所有|网站标识码|网站地图|联系我们|技术支持[：:]|主办单位[：:]|承办单位[：:]|公安备案|京公网安备",
        r"扫一扫(?:在手机)?(?:上?打开|查看|分享)|用手机扫描|手机扫码|微信扫一扫|分享到[：:]?",
        r"[【\[](?:责任编辑|责编|编辑)[：:][^】\]]{1,20}[】\]]",  # 【纠错】 【责任编辑：…】
    ))
)
# The characters a match of _PATTERNS_AT_START starts with, and those of the keys: other lines skip the patterns.
# A new alternative of _PATTERNS_AT_START adds its first character here; one of _PATTERNS_ANYWHERE, to _ANYWHERE_FIRST.
_AT_START_FIRST = frozenset("您你当所时首【字[打关返收分保纠我下加设（(上-<网请附") | frozenset(
    heading[0] for heading in _LIST_HEADINGS.split("|"))
_SHORT_FIRST = frozenset("@＠-【[打关收分点在写留赞登注无长适繁简E搜站高|｜↑▲☝戳扫识原预继向轻喜听－—–_~·T")
_KEY_FIRST = frozenset(key[0] for key in _PAGE_KEYS + _TABLE_KEYS)
# The characters a match of _PATTERNS_ANYWHERE starts with: one search for them finds where the pattern's
# search may start (the engine tries every position of the line for an alternation like this one).
_ANYWHERE_FIRST = regex_cache.compile("[>＞»›I版网联技主承公京扫用手微分【\\[]")
_TIMESTAMP = regex_cache.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t\u3000]{1,4}\d{1,2}:\d{2}")
# A byline: the account's name, then when (and where) it published: `××发布 2024年09月02日 18:30 浙江`. A line
# that says what the time is (`时间：2024年3月5日 9:30`) has a colon before it and is not one.
_BYLINE = regex_cache.compile(r"^[^：:。，,；;]{1,30}[ \t\u3000]\d{4}年\d{1,2}月\d{1,2}日[ \t\u3000]{0,4}\d{1,2}:\d{2}"
                              r"(?:[ \t\u3000]{1,4}[\u4e00-\u9fff]{1,8})?$")
# A page number printed between the halves of a paragraph broken across PDF pages: `- 1 -`, `—2—`.
_PAGE_NUMBER = regex_cache.compile(r"^(?:[-－—–]\s?\d{1,3}\s?[-－—–]|第\s?\d{1,3}\s?页(?:\s?[/，,]?\s?共\s?\d{1,3}\s?页)?|"
                          r"\d{1,3}\s?/\s?\d{1,3})$")
# What a page prints for a link instead of, or beside, its words: `[链接]`, `【图片】`, `(在新窗口打开)`. Bare
# nouns count only in brackets (a line `图片` may be the author's); the page's actions count bare too.
_LINK_NOUNS = "链接|超链接|外链|网页链接|图片|图|视频|音频|PDF|pdf"
_LINK_ACTIONS = ("原文链接|查看原文|阅读原文|点击阅读原文|轻触阅读原文|点击查看|点击打开|点此查看|点击下载|点此下载|附件下载|下载附件|"
                 "在新窗口打开|新窗口打开|此链接将在新窗口打开|打开新窗口")
_LINK_MARKER = regex_cache.compile(rf"^(?:[\[【［(（<〈](?:{_LINK_NOUNS}|{_LINK_ACTIONS})[\]】］)）>〉]|(?:{_LINK_ACTIONS}))$")
MAX_CHROME_CHARS = 120
# A site's name and the names of its columns, each alone on its line above what it publishes.
_SITE_SUFFIXES = ("门户网站", "信息网", "政务网", "政府网", "网站", "官网")
_SITE_NAME = regex_cache.compile(rf"^[\u4e00-\u9fff*＊×○]{{2,20}}(?:{_alternatives(_SITE_SUFFIXES)})$")
_COLUMN_NAMES = frozenset((
    "通知公告", "通知通告", "公示公告", "政策文件", "政府信息公开", "政务公开", "信息公开", "法规文件", "部门文件",
    "规范性文件", "文件通知", "政策法规", "新闻动态", "工作动态", "最新动态", "要闻动态", "图片新闻", "文件公告",
))
# A page's link to a file, shown as the file's name (`暑期安全教育致家长的一封信.docx`): no sentence, no key.
_FILE_NAME = regex_cache.compile(r"^[^\s。，；：:！？]{1,60}\.(?i:docx?|xlsx?|pdf|wps|ofd|zip|rar|et|pptx?|txt)$")


def is_page_number(text: str) -> bool:
    return len(text) <= 20 and bool(_PAGE_NUMBER.match(compact(text)))


def is_link_marker(text: str) -> bool:
    """A line that is only what a web page shows for a link (`[链接]`), not words of the sentence."""
    return len(text) <= 20 and bool(_LINK_MARKER.match(compact(text)))


def is_chrome(text: str) -> bool:
    """A line that is web-page chrome wherever it stands in the draft."""
    opening = text.lstrip(" \t\u3000")[:12]
    if opening[:1] in "编【[" and _EDITORS_NOTE.match(compact(opening)):
        return True  # however long
    if len(text) > MAX_CHROME_CHARS:
        return False
    flat = compact(text).lstrip("|｜")
    if not flat:
        return False
    first = flat[0]
    if "." in flat[-6:] and _FILE_NAME.match(flat):
        return True
    if flat in _COLUMN_NAMES or (flat.endswith(_SITE_SUFFIXES) and _SITE_NAME.match(flat)):
        return True
    if len(flat) <= MAX_SHORT_CHROME_CHARS and (
            (first in _SHORT_FIRST and _SHORT_AT_START.match(flat)) or (flat[-1] in "]!！。" and _CHAT_REPLY.match(flat))):
        return True
    if is_page_number(text) or is_link_marker(text) or (first in _AT_START_FIRST and _PATTERNS_AT_START.match(flat)) \
            or _anywhere(flat) or (":" in text and (_TIMESTAMP.search(text) or _BYLINE.match(text.strip()))):
        # a timestamp has a colon
        return True
    if first not in _KEY_FIRST:
        return _several_keys(flat)
    if _PAGE_KEY_START.match(flat) and (len(flat) <= 40 or len(_KEY.findall(flat)) >= 2):
        return True
    if _TABLE_KEY_START.match(flat) is not None:
        return "\t" in text or "|" in text or len(_KEY.findall(flat)) >= 2
    return _several_keys(flat)


def _several_keys(flat: str) -> bool:
    """A metadata line opening with a key not known here (`发稿人：…　发布日期：…　浏览次数：…`): two known
    keys of the page in it, and no sentence."""
    return flat.count("：") + flat.count(":") >= 2 and "。" not in flat and not ends_with_terminal(flat) and \
        len(_PAGE_KEY.findall(flat)) >= 2


def listed_titles(lines, chrome: set[int]) -> set[int]:
    """The lines under a site's list heading (`相关链接：`, `热点推荐`) that are titles of other pages: each
    following line up to a blank line, as long as it reads as a title (short, no sentence end)."""
    listed: set[int] = set()
    for index in sorted(chrome):
        if index in listed or not _LIST_HEADING.match(compact(lines[index].text)):
            continue
        following = index + 1
        while following < len(lines) and lines[following].number == lines[following - 1].number + 1:
            text = lines[following].text.strip()
            if following not in chrome and (len(text) > MAX_LISTED_CHARS or ends_with_terminal(text)
                                            or text.endswith(("：", ":"))):
                break
            listed.add(following)
            following += 1
    return listed - chrome


def file_list_headings(lines, chrome: set[int]) -> set[int]:
    """A `附件：` line alone whose lines below (to a blank line or the end) are all links to files: the
    page's list of downloads, not a 附件说明."""
    found: set[int] = set()
    for index in sorted(i - 1 for i in chrome if i > 0):
        if index in chrome or compact(lines[index].text) not in ("附件：", "附件:"):
            continue
        following = index + 1
        while following < len(lines) and following in chrome and \
                lines[following].number == lines[following - 1].number + 1:
            following += 1
        if following == len(lines) or lines[following].number != lines[following - 1].number + 1:
            found.add(index)
    return found


def running_heads(lines, chrome: set[int]) -> set[int]:
    """A PDF's running head or foot copied with its text: a short line beside a page number (`— 2 —`) that
    the draft has elsewhere too (the title, repeated on every page) or beside another page number."""
    beside: dict[str, list[int]] = {}
    for index in sorted(chrome):
        if not is_page_number(lines[index].text):
            continue
        for near in (index - 1, index + 1):
            if 0 <= near < len(lines) and near not in chrome:
                flat = compact(lines[near].text)
                if 6 <= len(flat) <= MAX_LISTED_CHARS and not ends_with_terminal(flat) and flat[-1] not in "，、；：:" \
                        and not marker_length(lines[near].text):  # a heading may repeat its table of contents
                    beside.setdefault(flat, []).append(near)
    found: set[int] = set()
    for flat, places in beside.items():
        if len(set(places)) >= 2:
            found.update(places)
        elif not _above_a_date(lines, places[0]) and \
                any(compact(line.text) == flat for index, line in enumerate(lines) if index not in places):
            found.update(places)  # (a 署名 over its date may repeat a line of the title: it stays)
    return found


def _above_a_date(lines, index: int) -> bool:
    return any(is_date(line.text) for line in lines[index + 1:index + 4])


def _anywhere(flat: str) -> bool:
    first = _ANYWHERE_FIRST.search(flat)
    return first is not None and _PATTERNS_ANYWHERE.search(flat, first.start()) is not None


def is_metadata(text: str) -> bool:
    """A line of page metadata: a `key：value` the site adds (only said of lines outside the document)."""
    if len(text) > MAX_CHROME_CHARS:
        return False
    flat = compact(text).lstrip("|｜")
    return flat[:1] in _KEY_FIRST and bool(_PAGE_KEY_START.match(flat) or _TABLE_KEY_START.match(flat))
