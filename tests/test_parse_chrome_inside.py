"""Web-page chrome copied with a document sits not only above and below it: a 【打印本页】 between the
版头 and the title, or a 打印本页 between two paragraphs, is chrome too (kind `web`, left out of the layout),
and the document's own parts around it keep their kinds."""

from govfmt.ingest import decode
from govfmt.parse import parse


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in parse(decode(text.encode("utf-8"), "稿.txt")).blocks]


def test_chrome_between_the_head_and_the_title_and_inside_the_body():
    text = ("某某市人民政府文件\n某政发〔2024〕3号\n【打印本页】\n关于做好防汛工作的通知\n各区人民政府：\n"
            "请做好防汛准备。\n【关闭窗口】\n某某市人民政府\n2024年3月1日\n")
    assert _kinds(text) == [
        ("issuer_mark", "某某市人民政府文件"), ("doc_number", "某政发〔2024〕3号"), ("web", "【打印本页】"),
        ("title", "关于做好防汛工作的通知"), ("addressee", "各区人民政府："), ("body", "请做好防汛准备。"),
        ("web", "【关闭窗口】"), ("signature", "某某市人民政府"), ("date", "2024年3月1日")]


def test_chrome_between_two_paragraphs_keeps_them_apart():
    text = "关于做好防汛工作的通知\n各区人民政府：\n请做好防汛准备。\n打印本页\n具体事项另行通知。\n某某市人民政府\n2024年3月1日\n"
    assert _kinds(text)[2:5] == [("body", "请做好防汛准备。"), ("web", "打印本页"), ("body", "具体事项另行通知。")]
