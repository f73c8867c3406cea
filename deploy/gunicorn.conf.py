"""gunicorn settings for regiodeal behind a reverse proxy (docs/deployment.md).

Start with: gunicorn -c deploy/gunicorn.conf.py regiodeal.wsgi
Every value can be overridden with GUNICORN_CMD_ARGS or on the command line.
"""

import multiprocessing
import os

bind = os.environ.get("REGIODEAL_BIND", "127.0.0.1:8000")
# Pages are rendered in Python (CPU-bound): about two processes per core, a few threads each
# for requests that wait on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("REGIODEAL_THREADS", 4))
# PDF documents of a large besluitenlijst or uitvoeringsprogramma take several seconds.
timeout = 120
graceful_timeout = 30
keepalive = 5
# Restart a worker now and then, so that a slow leak in a library cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
# The proxy on the same host sets X-Forwarded-For and X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
