"""Markdown and HTML drafts read through pandoc, one construct at a time: each keeps the text its author
wrote, one paragraph a line, list labels as the reader of the page sees them; and a pandoc that is
missing, fails, hangs or cannot start is named in one sentence.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from govfmt.errors import InputError
from govfmt.read import pandoc, read_data


def _md(text: str) -> list[str]:
    return read_data(text.encode("utf-8"), "稿.md", ".md").text.split("\n")[:-1]


def _html(text: str) -> list[str]:
    return read_data(f"<html><body>{text}</body></html>".encode("utf-8"), "稿.html", ".html").text.split("\n")[:-1]


@pytest.mark.parametrize("markdown, lines", [
    ("| 第一行\n| 第二行\n", ["第一行", "第二行"]),  # a line block keeps its lines
    ("    缩进的代码一\n    缩进的代码二\n", ["缩进的代码一", "缩进的代码二"]),
    ("```\n代码甲\n代码乙\n```\n", ["代码甲", "代码乙"]),
    ("> 引文一段。\n>\n> > 嵌套的引文。\n", ["引文一段。", "嵌套的引文。"]),
    ("::: 提示\n注意事项。\n:::\n", ["注意事项。"]),
    ("术语\n:   定义一。\n\n    定义二。\n", ["术语", "定义一。", "定义二。"]),
    ("<div>\n原样的块\n</div>\n\n文字<span>内联</span>，<abc>照录。\n", ["原样的块", "文字内联，<abc>照录。"]),
    ("命令 `govfmt check` 即可。\n", ["命令 govfmt check 即可。"]),
    ("见[@doe99]。\n", ["见[@doe99]。"]),
    ("[国务院](http://www.gov.cn)网站，[小型]{.smallcaps}字。\n", ["国务院（http://www.gov.cn）网站，小型字。"]),
    ("第一行\\\n第二行\n", ["第一行", "第二行"]),  # a hard line break
    ("上文\n\n---\n\n下文\n", ["上文", "下文"]),  # a rule is layout, no text
    ("文中![图标](i.png)一图。\n", ["文中图标一图。"]),
])
def test_markdown_constructs_keep_their_text(markdown, lines):
    assert _md(markdown) == lines


@pytest.mark.parametrize("markdown, line", [
    # paper cannot be clicked: the address the author typed follows the words, as a print style sheet shows it
    ("详见[中国政府网](https://www.gov.cn/zhengce/)。\n", "详见中国政府网（https://www.gov.cn/zhengce/）。"),
    ("见[文件][1]。\n\n[1]: https://www.gov.cn/a.html\n", "见文件（https://www.gov.cn/a.html）。"),
    ("见[说明](b.html \"第三节\")。\n", "见说明（b.html 第三节）。"),
    ("邮箱[ban@example.cn](mailto:ban@example.cn)。\n", "邮箱ban@example.cn。"),  # the words are the address
    ("网址<http://www.gov.cn/>，来信<ban@example.cn>。\n", "网址http://www.gov.cn/，来信ban@example.cn。"),
    ("[http://www.gov.cn](http://www.gov.cn/)\n", "http://www.gov.cn"),
    ("图![标志](i.png \"市徽\")。\n", "图标志（市徽）。"),  # an image's file is no text; its title is
])
def test_markdown_links_keep_the_address_and_title_typed(markdown, line):
    assert _md(markdown) == [line]


def test_html_links_show_only_their_words():  # an HTML page's addresses were never text its reader saw
    assert _html("<p>详见<a href='https://www.gov.cn/'>中国政府网</a>。</p>") == ["详见中国政府网。"]


def test_a_figure_shows_its_caption_once():
    assert _md("![图一 示意图](a.png)\n") == ["图一 示意图"]


@pytest.mark.parametrize("markdown, lines", [
    ("a. 甲\nb. 乙\n", ["a. 甲", "b. 乙"]),
    ("A) 甲\nB) 乙\n", ["A) 甲", "B) 乙"]),
    ("(i) 甲\n(ii) 乙\n", ["(i) 甲", "(ii) 乙"]),
    ("III.  甲\nIV.  乙\n", ["III. 甲", "IV. 乙"]),
    ("7. 甲\n8. 乙\n", ["7. 甲", "8. 乙"]),
    ("- 甲\n- 乙\n", ["- 甲", "- 乙"]),
])
def test_markdown_list_labels_are_the_ones_written(markdown, lines):
    assert _md(markdown) == lines


def test_footnotes_follow_the_text_as_notes():
    assert _md("正文[^1]，又一处^[内联的脚注]。\n\n[^1]: 脚注内容。\n") == ["正文，又一处。", "注1：脚注内容。", "注2：内联的脚注"]


@pytest.mark.parametrize("html, lines", [
    ("<p>他说<q>好</q>，<q>再<q>议</q></q>。</p>", ["他说“好”，“再‘议’”。"]),
    ("<p>公式<math><mi>x</mi></math>。</p>", ["公式x。"]),
    ("<p>m<sup>2</sup>与H<sub>2</sub>O，<s>删</s><u>下</u></p>", ["m2与H2O，删下"]),
    ("<pre>预排的\n两行</pre>", ["预排的", "两行"]),
    ("<blockquote><p>引用</p></blockquote><dl><dt>术语</dt><dd>定义</dd></dl>", ["引用", "术语", "定义"]),
    ("<figure><img src='a.png' alt='替代文字'><figcaption>题注</figcaption></figure>", ["题注", "替代文字"]),
    ("<p>用<code>check</code>命令</p>", ["用check命令"]),
    ("<p>正文</p><script>var a = 1;</script>", ["正文"]),
])
def test_html_constructs_keep_their_text(html, lines):
    assert _html(html) == lines


@pytest.mark.parametrize("html, lines", [
    ("<ol type='a'><li>甲</li><li>乙</li></ol>", ["a. 甲", "b. 乙"]),
    ("<ol type='i' start='3'><li>甲</li></ol>", ["iii. 甲"]),
    ("<ol type='I' start='4'><li>甲</li></ol>", ["IV. 甲"]),
    # after z comes aa, as a browser numbers the list (CSS lower-alpha / upper-alpha)
    ("<ol type='A' start='26'><li>甲</li><li>乙</li><li>丙</li></ol>", ["Z. 甲", "AA. 乙", "AB. 丙"]),
    ("<ol type='a' start='52'><li>甲</li><li>乙</li></ol>", ["az. 甲", "ba. 乙"]),
    ("<ul><li>甲<ul><li>乙</li></ul></li></ul>", ["- 甲", "- 乙"]),
])
def test_html_list_labels_are_the_ones_a_browser_shows(html, lines):
    assert _html(html) == lines


def test_a_table_keeps_caption_head_body_foot_and_spanned_columns():
    table = ("<table><caption>表题</caption><thead><tr><th colspan='2'>合并</th><th>丙</th></tr></thead>"
             "<tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody>"
             "<tfoot><tr><td>合</td><td>计</td><td>6</td></tr></tfoot></table>")
    assert _html(table) == ["表题", "合并\t\t丙", "1\t2\t3", "合\t计\t6"]


def test_nesting_hundreds_of_levels_deep_is_refused_in_one_sentence():
    with pytest.raises(InputError) as caught:
        _md("> " * 1000 + "深\n")
    assert str(caught.value) == "稿.md: nests quotes or lists hundreds of levels deep, which no draft does; flatten it"


# --- pandoc itself -------------------------------------------------------------------------------------

def _fake_pandoc(tmp_path: Path, monkeypatch, body: str, interpreter: str = "/bin/sh") -> Path:
    program = tmp_path / "pandoc"
    program.write_text(f"#!{interpreter}\n{body}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(pandoc, "pandoc_program", lambda name, what: str(program))
    return program


def test_a_pandoc_that_fails_is_quoted(tmp_path, monkeypatch):
    _fake_pandoc(tmp_path, monkeypatch, "echo 'Unknown reader: html5x' >&2\necho more >&2\nexit 3")
    with pytest.raises(InputError) as caught:
        _html("<p>正文</p>")
    assert str(caught.value) == "稿.html: cannot be read as html (Unknown reader: html5x)"


def test_a_pandoc_that_fails_silently_is_named(tmp_path, monkeypatch):
    _fake_pandoc(tmp_path, monkeypatch, "exit 1")
    with pytest.raises(InputError) as caught:
        _md("正文\n")
    assert str(caught.value).endswith(": cannot be read as markdown (pandoc failed)")


def test_a_pandoc_that_hangs_is_stopped(tmp_path, monkeypatch):
    _fake_pandoc(tmp_path, monkeypatch, "exec sleep 30")
    monkeypatch.setattr(pandoc, "PANDOC_TIMEOUT_S", 0.5)
    with pytest.raises(InputError) as caught:
        _md("正文\n")
    assert str(caught.value) == "稿.md: pandoc did not finish reading it within 0.5 s"


def test_a_pandoc_that_cannot_start_is_named(tmp_path, monkeypatch):
    program = _fake_pandoc(tmp_path, monkeypatch, "exit 0", interpreter="/nonexistent/interpreter")
    with pytest.raises(InputError) as caught:
        _md("正文\n")
    assert str(caught.value).startswith(f"稿.md: pandoc ({program}) could not be started: ")


def test_pandoc_is_taken_from_path_without_pypandoc(tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pypandoc", None)  # `import pypandoc` fails
    monkeypatch.setenv("PATH", str(tmp_path))
    program = tmp_path / "pandoc"
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    assert pandoc.pandoc_program("稿.md", ".md") == str(program)


def test_without_any_pandoc_the_sentence_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pypandoc", None)
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder
    with pytest.raises(InputError) as caught:
        _md("正文\n")
    assert str(caught.value) == ("稿.md: reading .md drafts needs pandoc, which is not installed; install it with "
                                 "`pip install \"govfmt[formats]\"` (or your system's pandoc package), or save the "
                                 "draft as .docx or .txt")
