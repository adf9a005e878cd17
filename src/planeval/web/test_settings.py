"""Settings for the test suite: the production settings with a throw-away key and home, plain
HTTP, and fast password hashing. DATABASE_URL, when set, still selects PostgreSQL."""

import os
import tempfile

os.environ.setdefault("PLANEVAL_SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("PLANEVAL_SECURE", "0")
os.environ.setdefault("PLANEVAL_HOME", tempfile.mkdtemp(prefix="planeval-test-"))

from planeval.web.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not Django's shared in-memory database, whose table locks fail at once instead of
    # waiting: the tests of simultaneous saves need SQLite to queue writers as it does in use.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["PLANEVAL_HOME"], "test.sqlite3")}  # noqa: F405
