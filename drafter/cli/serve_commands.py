"""`drafter serve`: the web app for staff who do not use a command line."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import DB, app, err


@app.command("serve")
def serve_cmd(
    port: int = typer.Option(8000, "--port", help="端口"),
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="监听地址（默认只允许本机访问；设为办公服务器的地址时必须设置访问口令）",
    ),
    db: Optional[Path] = DB,
    token: Optional[str] = typer.Option(
        None, "--token", help="访问口令（也可用环境变量 DRAFTER_TOKEN）；--host 非本机时必需"
    ),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器"),
    cert: Optional[Path] = typer.Option(
        None, "--cert", help="HTTPS 证书文件（PEM），与 --key 同用"
    ),
    key: Optional[Path] = typer.Option(None, "--key", help="HTTPS 私钥文件（PEM）"),
) -> None:
    """启动网页版（起草、检查、语料库、审阅）：在浏览器中使用，全部离线运行。"""
    from ..web.server import serve, settings_for

    if (cert is None) != (key is None):
        raise typer.BadParameter("--cert 与 --key 须同时给出")
    settings = settings_for(host, port, db, token, https=cert is not None)
    serve(
        settings,
        open_browser=not no_browser,
        certfile=str(cert) if cert else None,
        keyfile=str(key) if key else None,
        ready=lambda url: err(f"drafter 网页版已启动：{url}（按 Ctrl+C 停止）"),
    )
