"""`drafter serve`: check the options, start uvicorn on the app, open the browser."""

from __future__ import annotations

import ipaddress
import os
import threading

from ..core.errors import UserError

TOKEN_ENV = "DRAFTER_TOKEN"
MIN_TOKEN = 8


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def settings_for(host: str, port: int, db, token: str | None, https: bool = False):
    """The server's settings; an office server (a host other than loopback) needs a token."""
    from .security import Settings

    token = token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(host) and not token:
        raise UserError(
            f"--host {host} 让其他电脑也能访问：必须用 --token 或环境变量 {TOKEN_ENV} "
            "设置访问口令（只在本机使用请省略 --host）"
        )
    if token is not None and len(token) < MIN_TOKEN:
        raise UserError(f"访问口令太短：至少 {MIN_TOKEN} 个字符")
    if not 0 < port < 65536:
        raise UserError(f"--port 应在 1–65535 之间，收到 {port}")
    return Settings(host, port, str(db) if db else None, token, https)


def serve(settings, open_browser: bool = True, certfile=None, keyfile=None, ready=None) -> None:
    """Run the app until interrupted; open the browser at its address once it listens."""
    import multiprocessing

    import uvicorn

    from .app import create_app

    # review's process pool must not fork this process: its threads (the server's, the
    # requests') may hold locks a forked child would wait on forever
    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.set_start_method("forkserver", force=True)

    _check_port(settings)
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    url = address(settings)
    if open_browser or ready:
        threading.Thread(
            target=_when_up, args=(server, url, open_browser, ready), daemon=True
        ).start()
    try:
        server.run()
    finally:  # the sessions' folders go also when the server stops on an error
        app.state.store.close()


def _check_port(settings) -> None:
    """Refuse, in Chinese, a port that is taken or an address this machine does not have."""
    import socket

    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.host, settings.port))
        except OSError as exc:
            raise UserError(
                f"无法在 {settings.host}:{settings.port} 启动：{exc.strerror or exc}"
                "（端口已被占用时请用 --port 换一个，如 --port 8080）"
            ) from None


def address(settings) -> str:
    """The URL users open."""
    scheme = "https" if settings.https else "http"
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"{scheme}://{host}:{settings.port}/"


def _when_up(server, url: str, open_browser: bool, ready) -> None:
    import time

    while not server.started and not server.should_exit:
        time.sleep(0.02)
    if server.started:
        if ready:
            ready(url)
        if open_browser:
            import webbrowser

            webbrowser.open(url)
