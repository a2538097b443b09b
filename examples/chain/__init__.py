"""One request id across two services and a worker: ``python -m examples.chain``.

``shop`` (Flask) calls ``orders`` (Django) over HTTP; ``orders`` enqueues a
Celery task, then fails. The client's error body names one id, and every
log line of every process about that request carries it.
"""
