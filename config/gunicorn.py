"""gunicorn's settings for the service (`gunicorn -c config/gunicorn.py config.wsgi`), read by the production
command in the README and by the load run (bench/load.py), so both run the same server."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A chair's decision of hundreds of dossiers is one transaction in one request: 500 took 18 s alone on a
# 2-core machine and over 30 s (gunicorn's default, which killed it and rolled it back) among 50 working
# officials (docs/performance.md). Keep the HTTPS proxy's read timeout equal (proxy_read_timeout).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
