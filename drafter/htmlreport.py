"""Self-contained HTML for the reuse check and for crosscheck: no scripts, fonts or links to fetch."""
from __future__ import annotations

from html import escape

_CSS = """
body{font-family:"FangSong","仿宋","Noto Serif CJK SC","WenQuanYi Micro Hei",serif;margin:24px;color:#111;line-height:1.7}
h1{font-size:22px;margin:0 0 8px} h2{font-size:18px;margin:24px 0 8px}
table{border-collapse:collapse;margin:8px 0} td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:16px;border-top:1px solid #ddd;padding:8px 0}
.pair>div{white-space:pre-wrap} .meta{color:#555;font-size:13px}
mark.self{background:#ffd08a} mark.cross{background:#ff9c9c} mark.stock{background:#e2e2e2}
.legend mark{padding:0 6px;margin-right:8px}
"""


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<style>{_CSS}</style></head><body>{body}</body></html>\n")


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """text with <mark class=kind> around each (start, end, kind) span; overlaps keep the first."""
    out, cursor = [], 0
    for start, end, kind in sorted(spans):
        if start < cursor:
            continue
        out += [escape(text[cursor:start]), f'<mark class="{kind}">', escape(text[start:end]), "</mark>"]
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def reuse_html(result) -> str:
    check, reuse = result.input, result.reuse
    titles = {s.id: s.title for s in check.schema.sections} | {"preamble": "导语"}
    body = [f"<h1>套话/复制检查：{escape(check.title or check.file)}</h1>",
            f"<p class=\"meta\">文件：{escape(check.file)}；单位：{escape(check.region or '未识别')}；"
            f"年度：{check.year or '未识别'}；比对库：{reuse.corpus_reports} 份报告</p>",
            f"<p id=\"share\">全文复制比 <b>{reuse.share:.1%}</b>（{reuse.reused_chars}/{reuse.total_chars} 字），"
            f"套话 {reuse.stock_chars} 字不计入。</p>",
            "<p class=\"legend\"><mark class=\"self\">本单位往年</mark><mark class=\"cross\">其他单位</mark>"
            "<mark class=\"stock\">套话</mark></p>",
            _share_table("按部分", reuse.by_part, titles), _share_table("按章节", reuse.by_section, titles),
            _sources_table(reuse.sources), "<h2>逐段对照</h2>"]
    by_passage = {p.passage_index: p for p in reuse.paragraphs}
    stock: dict[int, list] = {}
    for s in reuse.sentences:
        if s.kind == "stock":
            stock.setdefault(s.passage, []).append((s.sentence.start, s.sentence.end, "stock"))
    for index, passage in enumerate(check.passages):
        if passage.is_heading:
            body.append(f"<h3>{escape(passage.text)}</h3>")
            continue
        body.append(_pair(passage, by_passage.get(index), stock.get(index, [])))
    return _page("套话/复制检查", "".join(body))


def _pair(passage, reused, stock_spans) -> str:
    spans = list(stock_spans)
    right = ""
    if reused is not None:
        spans += [(a, b, reused.kind) for a, b in reused.spans]
        source = reused.source
        changed = "；数字改动：" + "、".join(f"{a}→{b}" for a, b in reused.changed) if reused.changed else ""
        right = (f"<div class=\"source\"><div class=\"meta\">来源：{source.year or '年度未知'}年 {escape(source.issuer)}"
                 f"《{escape(source.title)}》第{reused.source_paragraph + 1}段（{escape(reused.source_heading or '正文')}）；"
                 f"相似度 {reused.score:.0f}；本段复制比 {reused.share:.0%}{escape(changed)}<br>{escape(source.file)}</div>"
                 f"{highlight(reused.source_text, [(a, b, reused.kind) for a, b in reused.source_spans])}</div>")
    return (f"<div class=\"pair\"><div class=\"draft\"><div class=\"meta\">{escape(passage.location)}</div>"
            f"{highlight(passage.norm, spans)}</div>{right or '<div></div>'}</div>")


def _share_table(title: str, shares: dict, titles: dict) -> str:
    rows = "".join(f"<tr><td>{escape(titles.get(k, k))}</td><td>{v:.1%}</td></tr>" for k, v in shares.items())
    return f"<h2>{title}</h2><table><tr><th>范围</th><th>复制比</th></tr>{rows}</table>"


def _sources_table(sources: list[dict]) -> str:
    rows = "".join(f"<tr><td>{s['year'] or '—'}</td><td>{escape(s['issuer'])}</td><td>{escape(s['title'])}</td>"
                   f"<td>{s['chars']}</td><td>{s['share']:.1%}</td><td>{escape(s['file'])}</td></tr>" for s in sources)
    return ("<h2>来源</h2><table id=\"sources\"><tr><th>年度</th><th>单位</th><th>标题</th><th>雷同字数</th>"
            f"<th>占全文</th><th>文件</th></tr>{rows}</table>")


def crosscheck_html(pairs: list[dict]) -> str:
    rows = "".join(f"<tr><td>{escape(p['a'])}</td><td>{escape(p['b'])}</td><td>{p['shared_chars']}</td>"
                   f"<td>{p['share']:.1%}</td></tr>" for p in pairs)
    body = (f"<h1>报告互查</h1><p>共 {len(pairs)} 对有雷同内容（套话不计），按雷同占比从高到低。</p>"
            f"<table id=\"pairs\"><tr><th>报告</th><th>与之雷同的报告</th><th>雷同字数</th><th>占本报告</th></tr>{rows}</table>")
    return _page("报告互查", body)
