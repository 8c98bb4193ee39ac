"""gunicorn's settings for the registry: `make serve`, `make bench` and docs/deployment.md.

Every value can be changed from the environment: BIND (127.0.0.1:8000), WEB_CONCURRENCY (worker
processes: 2 × cores + 1), GUNICORN_THREADS (threads per worker: 1), FORWARDED_ALLOW_IPS (the
reverse proxy's address, trusted for X-Forwarded-*).
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Synchronous workers: a request waits on PostgreSQL and Python in turn, so about two workers
# per core keep both busy. Each worker keeps one persistent database connection (CONN_MAX_AGE).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
# Workers are replaced now and then, so that memory cannot creep up over months.
max_requests = 20000
max_requests_jitter = 2000
# Request lines up to gunicorn's maximum (its default is 4 094 bytes): the API answers a longer
# address than it reads with its own JSON 414 (elmo.api.middleware.MAX_ADDRESS_BYTES).
limit_request_line = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27 opens a control socket under ~/.gunicorn by default; the registry does not use it.
control_socket_disable = True
# Errors to stderr (the application's own logs are JSON lines there too); the reverse proxy
# keeps the access log.
errorlog = "-"
accesslog = None
