"""Several app servers on this one machine, arranged as README's "Several app servers" puts
them on several: gunicorn processes on loopback ports sharing one PostgreSQL and one Redis,
HAProxy in front spreading requests between them, and PgBouncer between them and
PostgreSQL when asked. Each piece runs in its own process group with its configuration in
a temporary folder, so a fault can kill one piece and start it again.

The load test (scripts/loadtest.py --servers 2), its faults (bench/faults.py) and
tests/test_several_servers.py start their servers here. Nothing here imports Django.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def program(name: str) -> str:
    """A Debian package's program, found on PATH or in /usr/sbin (not on every user's PATH)."""
    return shutil.which(name) or f"/usr/sbin/{name}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str, timeout: float = 1) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def wait_for(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s")


class Process:
    """A program in a process group of its own, so that stopping it stops its children too
    (gunicorn's workers)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict | None:
        return None

    def ready(self) -> bool:
        raise NotImplementedError

    def start(self, wait: bool = True) -> None:
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=self.environment(),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        if wait:
            self.wait_until_ready()

    def wait_until_ready(self, timeout: float = 60) -> None:
        def check() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            return self.ready()

        wait_for(check, self.name, timeout)

    def signal(self, number: int) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, number)

    def kill(self) -> None:
        """Gone at once, requests in flight and all, as when its machine dies."""
        self.signal(signal.SIGKILL)
        if self.process:
            self.process.wait()

    def stop(self) -> None:
        self.signal(signal.SIGTERM)
        if self.process:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class AppServer(Process):
    """gunicorn serving the app on a loopback port of its own, with the given environment
    (DATABASE_URL, CACHE_URL, SECRET_KEY: the same for every server)."""

    def __init__(self, name: str, env: dict, workers: int | None = None) -> None:
        super().__init__(name)
        self.env = env
        self.workers = workers
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        workers = ["--workers", str(self.workers)] if self.workers else []
        # Otherwise as gunicorn.conf.py sets it for production.
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            *workers,
            "--no-control-socket",
            "--log-level",
            "warning",
        ]

    def environment(self) -> dict:
        return self.env

    def ready(self) -> bool:
        return answers(self.url + "/healthz")


class Redis(Process):
    """A Redis of the run's own on a free port, keeping nothing on disk: stored pages and
    sessions in it are copies, so a restart loses nothing but speed."""

    def __init__(self, folder: Path) -> None:
        super().__init__("Redis")
        self.port = free_port()
        self.folder = folder

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        return [
            program("redis-server"),
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--save", "",
            "--appendonly", "no",
            "--dir", str(self.folder),
        ]  # fmt: skip

    def ready(self) -> bool:
        return port_open(self.port)


class HAProxy(Process):
    """HAProxy in front of the app servers. It checks each server's /healthz every second and
    stops sending to one after two failed checks; a request whose connection is refused, or
    a read whose server dies before answering, is sent again, to the other server. Posted
    forms are never sent twice: a server may have saved one before it died."""

    def __init__(self, servers: list[AppServer], folder: Path, workers: int) -> None:
        super().__init__("HAProxy")
        self.servers = servers
        self.port = free_port()
        self.config = folder / "haproxy.cfg"
        # Each sync worker serves one request at a time: the rest wait in HAProxy's queue,
        # from which a dead server's share goes to the live one.
        self.workers = workers

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # A refused or cut connection marks the server down at once, rather than after two
    # failed checks: its share of two seconds' requests would otherwise be sent to it and,
    # retries spent, answered 503.
    passive = "observe layer4 error-limit 1 on-error mark-down"

    def write_config(self) -> None:
        servers = "\n".join(
            f"    server {server.name} 127.0.0.1:{server.port} check" for server in self.servers
        )
        self.config.write_text(
            f"""global
    maxconn 4096

defaults
    mode http
    timeout connect 1s
    timeout client 60s
    timeout server 30s
    timeout queue 30s
    timeout check 5s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout
    option forwardfor

frontend site
    bind 127.0.0.1:{self.port}
    http-request set-header X-Forwarded-Proto http
    http-request disable-l7-retry if METH_POST
    default_backend app

backend app
    balance leastconn
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 1s fall 2 rise 2 maxconn {self.workers} {self.passive}
{servers}
"""
        )

    def command(self) -> list[str]:
        self.write_config()
        return [program("haproxy"), "-db", "-f", str(self.config)]

    def ready(self) -> bool:
        return answers(self.url + "/healthz")


class PgBouncer(Process):
    """PgBouncer in transaction mode in front of one database: each transaction borrows a
    server connection and gives it back at its end, so the app must not prepare statements
    (PREPARED_STATEMENTS=false)."""

    def __init__(self, database: str, folder: Path, pool_size: int) -> None:
        super().__init__("PgBouncer")
        self.database = database
        self.port = free_port()
        self.folder = folder
        self.pool_size = pool_size

    @property
    def url(self) -> str:
        return f"postgres://boardapp:boardapp@127.0.0.1:{self.port}/{self.database}"

    def command(self) -> list[str]:
        config = self.folder / "pgbouncer.ini"
        config.write_text(
            f"""[databases]
; The app asks for jit=off in its start-up options (config/settings.py), which PgBouncer
; cannot pass on: each server connection sets it instead.
{self.database} = host=127.0.0.1 port=5432 dbname={self.database} user=boardapp password=boardapp connect_query='SET jit = off'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.port}
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = {self.pool_size}
max_client_conn = 200
log_connections = 0
log_disconnections = 0
ignore_startup_parameters = options
"""
        )
        if os.geteuid() != 0:
            return [program("pgbouncer"), str(config)]
        # PgBouncer will not run as root: as root, it runs as the postgres user, who must
        # be able to read its configuration.
        self.folder.chmod(0o755)
        config.chmod(0o644)
        return [program("pgbouncer"), "--user", "postgres", str(config)]

    def ready(self) -> bool:
        return port_open(self.port)


class Site:
    """The whole arrangement: `servers` app servers behind HAProxy, sharing a Redis of the
    site's own and one PostgreSQL database (through PgBouncer with `pooler`). Use as a
    context manager: everything is stopped, and the temporary folder removed, at the end."""

    def __init__(
        self, env: dict, database: str, servers: int = 2, workers: int = 3, pooler=False
    ) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="boardapp-site-"))
        self.redis = Redis(self.folder)
        self.pgbouncer = (
            PgBouncer(database, self.folder, pool_size=servers * workers) if pooler else None
        )
        env = {**env, "CACHE_URL": self.redis.url, "BEHIND_PROXY": "true"}
        if self.pgbouncer:
            env |= {"DATABASE_URL": self.pgbouncer.url, "PREPARED_STATEMENTS": "false"}
        self.servers = [AppServer(f"app{number}", env, workers) for number in range(1, servers + 1)]
        self.proxy = HAProxy(self.servers, self.folder, workers)

    @property
    def url(self) -> str:
        return self.proxy.url

    def __enter__(self) -> "Site":
        try:
            self.redis.start()
            if self.pgbouncer:
                self.pgbouncer.start()
            for server in self.servers:
                server.start(wait=False)
            for server in self.servers:
                server.wait_until_ready()
            self.proxy.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        for part in [self.proxy, *self.servers, self.pgbouncer, self.redis]:
            if part:
                part.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
