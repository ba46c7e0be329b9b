"""The web app at the HTTP level: the safety items of `drafter serve` (413, path names,
401, 403, one session per user) and the forms' round trips through the library."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from drafter.core.errors import UserError
from drafter.web.server import settings_for
from tests.conftest import ROOT
from tests.web_client import BASE, Client, client

SEED = ROOT / "seeds" / "004_a3845e6a491bb007.txt"


@pytest.fixture
def web(tmp_path):
    with client(tmp_path / "corpus.sqlite") as c:
        yield c


def _start(web, csrf, region="明湖区", year="2025"):
    return web.post(
        "/draft/start", data={"csrf": csrf, "how": "new", "region": region, "year": year}
    )


def test_an_upload_over_the_request_limit_is_413_in_chinese(web, monkeypatch):
    csrf = web.csrf()
    monkeypatch.setenv("DRAFTER_LIMIT_UPLOAD_REQUEST_MB", "0.01")  # 10 KB
    big = ("法治" * 20000).encode("utf-8")
    response = web.post("/check", data={"csrf": csrf}, files={"file": ("大.txt", big)})
    assert response.status_code == 413
    assert "网页版一次上传（一个请求）的总大小不能超过 0.01 MB" in response.text
    assert "DRAFTER_LIMIT_UPLOAD_REQUEST_MB" in response.text


def test_a_file_over_the_file_limit_is_413_and_not_kept(web, monkeypatch):
    csrf = web.csrf()
    monkeypatch.setenv("DRAFTER_LIMIT_UPLOAD_FILE_MB", "0.01")
    big = ("法治" * 20000).encode("utf-8")
    response = web.post("/check", data={"csrf": csrf}, files={"file": ("大.txt", big)})
    assert response.status_code == 413
    assert "网页版上传的单个文件的大小不能超过 0.01 MB" in response.text
    store = web.app.state.store
    assert not [p for p in store.root.rglob("*.txt")], "the refused upload stays on disk"


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.txt", "..\\..\\boot.ini.txt", "/etc/cron.d/x.txt", "a/../b.txt"]
)
def test_upload_names_with_a_path_are_refused(web, name):
    csrf = web.csrf()
    response = web.post("/check", data={"csrf": csrf}, files={"file": (name, SEED.read_bytes())})
    assert response.status_code == 400
    assert "含有路径" in response.text


def test_request_paths_never_reach_the_file_system(web):
    for path in ("/files/..%2F..%2Fetc%2Fpasswd", "/files/../../etc/passwd", "/static/../app.py"):
        response = web.get(path)
        assert response.status_code == 404, path
        assert "root:" not in response.text and "create_app" not in response.text


def test_a_wrong_suffix_is_refused_with_what_the_page_takes(web):
    csrf = web.csrf()
    response = web.post("/check", data={"csrf": csrf}, files={"file": ("x.exe", b"MZ")})
    assert response.status_code == 400 and "本页接受" in response.text


def test_an_office_server_asks_for_the_token(tmp_path):
    with client(tmp_path / "c.sqlite", token="s3cret-token", host="0.0.0.0") as web:
        refused = web.get("/draft")
        assert refused.status_code == 401 and "需要访问口令" in refused.text
        assert web.get("/static/app.css").status_code == 200  # the login page's style
        csrf = re.search(r'name="csrf" value="([^"]+)"', refused.text).group(1)
        wrong = web.post("/login", data={"csrf": csrf, "token": "guess"})
        assert wrong.status_code == 401 and "口令不对" in wrong.text
        assert web.post("/check", data={"csrf": csrf}).status_code == 401
        right = web.post("/login", data={"csrf": csrf, "token": "s3cret-token"})
        assert right.status_code == 200 and right.url.path == "/draft"
        assert web.get("/corpus").status_code == 200


def test_the_token_also_works_as_a_bearer_header(tmp_path):
    with client(tmp_path / "c.sqlite", token="s3cret-token", host="0.0.0.0") as web:
        assert (
            web.get("/draft", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        )
        assert web.get("/draft", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_a_host_other_than_loopback_needs_a_token(monkeypatch, cli):
    monkeypatch.delenv("DRAFTER_TOKEN", raising=False)
    with pytest.raises(UserError, match="访问口令"):
        settings_for("0.0.0.0", 8000, None, None)
    assert settings_for("127.0.0.1", 8000, None, None).token is None
    assert settings_for("::1", 8000, None, None).token is None
    assert settings_for("0.0.0.0", 8000, None, "long-enough").token == "long-enough"
    result = cli("serve", "--host", "0.0.0.0", "--no-browser")
    assert result.returncode == 2 and "访问口令" in result.stderr


def test_a_form_without_the_csrf_token_is_403(web):
    csrf = web.csrf()
    for data in ({}, {"csrf": "forged"}):
        response = web.post("/draft/start", data=data | {"how": "new", "region": "明湖区"})
        assert response.status_code == 403 and "跨站请求防护" in response.text
    other_site = web.post(
        "/draft/start", data={"csrf": csrf, "how": "new"}, headers={"Origin": "http://evil.test"}
    )
    assert other_site.status_code == 403
    assert _start(web, csrf).status_code == 200


def test_cookies_are_http_only_and_same_site(web):
    cookie = web.get("/draft").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain HTTP on this machine; --cert/--key adds it


def test_one_users_draft_is_not_visible_to_another(tmp_path):
    with client(tmp_path / "c.sqlite") as alice:
        bob = Client(alice.app, base_url=BASE)  # one server, a second browser
        page = _start(alice, alice.csrf(), region="明湖区")
        assert "明湖区" in page.text and "draft-form" in page.text
        assert "draft-form" not in bob.get("/draft").text
        csrf = alice.csrf()
        alice.post("/check", data={"csrf": csrf}, files={"file": ("青浦.txt", SEED.read_bytes())})
        link = re.search(r'src="(/files/[^"]+)"', alice.get("/check").text).group(1)
        assert alice.get(link).status_code == 200
        assert bob.get(link).status_code == 404


def test_a_problem_is_shown_beside_its_field(web):
    csrf = web.csrf()
    _start(web, csrf)
    page = web.post("/draft", data={"csrf": csrf, "action": "save", "报告.年度": "二〇二五"})
    note = re.search(r'data-for="报告.年度">(.*?)</div>', page.text, re.S).group(1)
    assert "应当是整数，实际是文字“二〇二五”" in note and "草稿.yaml:" in note


def test_rates_and_yoy_come_from_the_library(web, tmp_path):
    csrf = web.csrf()
    previous = (ROOT / "examples" / "明湖区2024.yaml").read_bytes()
    web.post(
        "/draft/start",
        data={"csrf": csrf, "how": "yaml"},
        files={"file": ("明湖区2024.yaml", previous)},
    )
    form = {
        "csrf": csrf,
        "制度建设.指标.规范性文件.制定": "20",
        "制度建设.指标.规范性文件.备案": "19",
    }
    live = web.post("/draft/live", data=form).json()
    assert live["figures"]["制度建设.指标.规范性文件.备案率"] == "95%"
    assert live["figures"]["制度建设.指标.规范性文件.制定#yoy"] == "增长17.6%"  # 17 last year
    page = web.get("/draft")
    assert "17件" in page.text  # last year's figure beside the field


def test_items_are_added_moved_and_removed(web):
    csrf = web.csrf()
    _start(web, csrf)
    web.post("/draft", data={"csrf": csrf, "action": "add:制度建设"})
    data = {"csrf": csrf, "制度建设.事项[1].要点": "甲", "制度建设.事项[2].要点": "乙"}
    page = web.post("/draft", data=data | {"action": "up:制度建设:2"})
    assert page.text.index('value="乙"') < page.text.index('value="甲"')
    page = web.post("/draft", data={"csrf": csrf, "action": "remove:制度建设:1"})
    assert 'value="乙"' not in page.text and 'value="甲"' in page.text


def test_the_docx_and_the_yaml_download(web, tmp_path):
    from docx import Document

    csrf = web.csrf()
    _start(web, csrf)
    form = {
        "csrf": csrf,
        "报告.日期": "2026-03-01",
        "制度建设.事项[1].要点": "规范文件管理",
        "制度建设.事项[1].内容": "制定规范性文件{{ 规范性文件.制定 }}件，备案率{{ 规范性文件.备案率 }}。",
        "制度建设.指标.规范性文件.制定": "17",
        "制度建设.指标.规范性文件.备案": "16",
    }
    docx = web.post("/draft", data=form | {"action": "docx"})
    assert docx.status_code == 200 and "attachment" in docx.headers["content-disposition"]
    (tmp_path / "out.docx").write_bytes(docx.content)
    text = "\n".join(p.text for p in Document(tmp_path / "out.docx").paragraphs)
    assert "制定规范性文件17件，备案率94.1%。" in text
    yaml_text = web.post("/draft", data={"csrf": csrf, "action": "yaml"}).text
    assert "制定: 17" in yaml_text and "备案: 16" in yaml_text


def test_checking_a_seed_groups_findings_by_part(web):
    csrf = web.csrf()
    page = web.post("/check", data={"csrf": csrf}, files={"file": ("青浦.txt", SEED.read_bytes())})
    assert page.status_code == 200
    missing = re.findall(
        r'class="error" data-rule="structure.missing">.*?缺少法定部分“(.+?)”', page.text
    )
    assert missing == [
        "存在的不足和原因",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "下一年度推进法治政府建设的主要安排",
    ]
    assert "青浦.txt" in page.text and str(web.app.state.store.root) not in page.text
    slip = web.get("/check/slip.docx")
    assert slip.status_code == 200 and slip.content[:2] == b"PK"
    xml = zipfile.ZipFile(io.BytesIO(slip.content)).read("word/document.xml").decode()
    assert "青浦.txt" in xml and str(web.app.state.store.root) not in xml


def test_the_corpus_lists_adds_and_removes_with_confirmation(web):
    csrf = web.csrf()
    text = (ROOT / "seeds" / "000_f45f303019acc275.txt").read_bytes()
    page = web.post("/corpus", data={"csrf": csrf}, files=[("files", ("某区2023年报告.txt", text))])
    assert "某区2023年报告.txt" in page.text
    before = page.text.count("<tr>")
    rows = re.findall(r'href="/corpus/remove\?id=(\d+)"', page.text)
    confirm = web.get(f"/corpus/remove?id={rows[0]}")
    assert "确定删除" in confirm.text
    page = web.post("/corpus/remove", data={"csrf": csrf, "id": rows[0]})
    assert "已删除" in page.text and page.text.count("<tr>") == before - 1
    assert not list(web.app.state.store.root.rglob("corpus-*")), "uploads stay after the request"


def test_sessions_and_their_folders_are_deleted(tmp_path, monkeypatch):
    with client(tmp_path / "c.sqlite") as web:
        store = web.app.state.store
        _start(web, web.csrf())
        assert list(store.root.glob("session-*/draft.yaml"))
        monkeypatch.setenv("DRAFTER_LIMIT_WEB_SESSION_MINUTES", "0.0000001")
        store.get(None)  # any request expires idle sessions
        assert not list(store.root.glob("session-*/draft.yaml"))
    assert not store.root.exists()


def test_a_draft_starts_from_last_years_report(web, tmp_path):
    from drafter import api

    last = tmp_path / "明湖区2023.docx"
    api.draft(ROOT / "examples" / "明湖区2023.yaml", last)
    csrf = web.csrf()
    page = web.post(
        "/draft/start",
        data={"csrf": csrf, "how": "report"},
        files={"file": ("明湖区2023年报告.docx", last.read_bytes())},
    )
    assert 'name="报告.年度" value="2024"' in page.text and 'value="明湖区"' in page.text
    assert re.search(r"<td>\d+件</td>", page.text), "last year's figures beside the fields"


def test_a_saved_draft_reopens_and_a_broken_one_is_refused(web):
    csrf = web.csrf()
    _start(web, csrf)
    web.post("/draft", data={"csrf": csrf, "主要举措和成效.概述": "全年完成任务46项。"})
    saved = web.post("/draft", data={"csrf": csrf, "action": "yaml"}).content
    web.post("/draft", data={"csrf": csrf, "action": "discard"})
    assert "start-new" in web.get("/draft").text
    page = web.post(
        "/draft/start", data={"csrf": csrf, "how": "open"}, files={"file": ("明湖区.yaml", saved)}
    )
    assert "全年完成任务46项。" in page.text
    page = web.post(
        "/draft/start",
        data={"csrf": csrf, "how": "open"},
        files={"file": ("坏.yaml", "报告: [\n".encode())},
    )
    error = re.search(r'id="start-error">(.*?)</pre>', page.text, re.S).group(1)
    assert error.startswith("坏.yaml:2:1: YAML 格式错误")


def test_the_draft_is_checked_and_annotated(web, tmp_path):
    from docx import Document

    csrf = web.csrf()
    _start(web, csrf)
    form = {
        "csrf": csrf,
        "报告.日期": "2026-03-01",
        "制度建设.事项[1].内容": "全年制定规范性文件。",
    }
    page = web.post("/draft", data=form | {"action": "check"})
    assert page.url.path == "/check" and "草稿.yaml" in page.text
    assert 'data-rule="structure.missing"' in page.text
    annotated = web.get("/check/annotated.docx")
    assert annotated.status_code == 200
    (tmp_path / "a.docx").write_bytes(annotated.content)
    assert Document(tmp_path / "a.docx").paragraphs  # a Word file python-docx reopens


def test_a_port_in_use_is_a_chinese_usage_error(cli):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--no-browser", "--port", port)
    assert result.returncode == 2 and "--port" in result.stderr and "Traceback" not in result.stderr


def test_a_local_server_answers_only_to_its_own_names(web):
    assert web.get("/draft", headers={"Host": "localhost:8000"}).status_code == 200
    rebound = web.get("/draft", headers={"Host": "evil.test:8000"})  # DNS rebinding
    assert rebound.status_code == 421 and "127.0.0.1" in rebound.text


def test_a_review_shows_the_names_uploaded_not_the_servers(web):
    import io
    import zipfile

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        # all five seeds: with three, review's workbook writer fails (a defect reported)
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            z.write(seed, seed.name)
    csrf = web.csrf()
    page = web.post(
        "/review", data={"csrf": csrf}, files={"files": ("各区报告.zip", archive.getvalue())}
    )
    assert "各区报告.zip/000_f45f303019acc275.txt" in page.text
    assert str(web.app.state.store.root) not in page.text
    xlsx = web.get(re.search(r'href="(/files/[^"]+)" id="xlsx"', page.text).group(1))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert not list(web.app.state.store.root.rglob("*.zip")), "the upload stays after the review"


def test_cookies_are_secure_over_https(tmp_path):
    from starlette.testclient import TestClient

    from drafter.web.app import create_app
    from drafter.web.security import Settings

    app = create_app(Settings(db=str(tmp_path / "c.sqlite"), https=True))
    with TestClient(app, base_url="https://127.0.0.1:8443") as web:
        assert "; Secure" in web.get("/draft").headers["set-cookie"]


def test_pages_and_errors_are_chinese_and_never_framed_by_others(web):
    missing = web.get("/no-such-page")
    assert missing.status_code == 404 and "找不到" in missing.text
    headers = web.get("/draft").headers
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert "script-src" not in headers["content-security-policy"]  # only the package's own script


@pytest.mark.slow
def test_the_pdf_download_goes_through_libreoffice(web, tmp_path):
    import subprocess

    from tests.conftest import require_tools

    require_tools("soffice", "pdftotext")
    csrf = web.csrf()
    _start(web, csrf)
    assert 'id="download-pdf"' in web.get("/draft").text
    form = {
        "csrf": csrf,
        "报告.日期": "2026-03-01",
        "制度建设.事项[1].内容": "制定规范性文件{{ 规范性文件.制定 }}件。",
        "制度建设.指标.规范性文件.制定": "17",
    }
    pdf = web.post("/draft", data=form | {"action": "pdf"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    (tmp_path / "out.pdf").write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "制定规范性文件17件" in text.replace(" ", "")
