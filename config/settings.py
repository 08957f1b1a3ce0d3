"""The one settings module, driven by the environment.

GONGKAI_MODE chooses the defaults: ``development`` (the default: DEBUG, SQLite), ``demo``
(no DEBUG, SQLite, plain HTTP on localhost), ``test``, and ``production`` (secure cookies,
HSTS, HTTPS redirect; SECRET_KEY and ALLOWED_HOSTS required). DATABASE_URL selects
PostgreSQL (``postgres://…``); without it the database is an SQLite file in the data dir.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = BASE_DIR / "gongkai"

MODE = os.environ.get("GONGKAI_MODE", "development")
if MODE not in {"development", "demo", "test", "production"}:
    raise ImproperlyConfigured(f"GONGKAI_MODE must be development, demo, test or production, not {MODE!r}")
PRODUCTION = MODE == "production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", BASE_DIR / "var")).resolve()

DEBUG = env_bool("DEBUG", MODE == "development")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # Only for development, demo and tests, which never face the internet.
    SECRET_KEY = "gongkai-insecure-development-key-" + "x" * 40
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Logins: lockout after repeated failures (django-axes), an optional TOTP second factor
    # for staff (django-otp). See "Logins and sessions" below.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # django-ninja's own templates and static Swagger UI: without the app it serves the API
    # docs from a CDN with an inline script, which the Content-Security-Policy refuses.
    "ninja",
    "django_q",
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.workdays",
    "gongkai.column",
    "gongkai.reports",
    "gongkai.requests",
    "gongkai.disclosure",
    "gongkai.search",
    "gongkai.participation",
    # The offline captcha of the public participation forms (django-simple-captcha).
    "captcha",
    "gongkai.portal",
    "gongkai.backoffice",
    "gongkai.api",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (see below).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A staff member who set up a second factor reaches no staff page before giving a code.
    "gongkai.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: answers a locked-out login with its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
            ],
        },
    }
]

# How long an SQLite writer waits for another's lock before giving up.
SQLITE_BUSY_TIMEOUT_SECONDS = int(os.environ.get("GONGKAI_SQLITE_BUSY_TIMEOUT", "30"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}",
        # Tests close connections at once, so PostgreSQL can drop the test database.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if MODE == "test" else "60")),
    )
}
# GONGKAI_SQLITE_WAL=0 keeps SQLite's defaults: for a data dir on a network filesystem,
# where WAL cannot work, and for the baseline of bench/concurrent_applications.py.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and env_bool("GONGKAI_SQLITE_WAL", True):
    # SQLite under concurrent requests (issue 11, failure 5: 200 applications at 20 at a
    # time lost nine to "database is locked"). WAL lets readers go on while one writer
    # writes; the busy timeout makes a second writer wait for the lock instead of failing
    # at once; IMMEDIATE takes the write lock when a transaction begins, so two
    # transactions that both read then write cannot deadlock (SQLite answers such an
    # upgrade with SQLITE_BUSY without waiting). synchronous=NORMAL is safe in WAL mode
    # (a power cut may lose the last commits, never corrupt the file).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}"
            ),
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Automatic server-side prepared statements chose generic plans that made some
    # searches 8x slower (STYLE.md); keep them off.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "portal:home"

# --- Logins and sessions (issue 11, failure 7) -------------------------------------------------
# django-axes checks every login (the back office's and the admin's) before Django's own
# backend. After AXES_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is locked out for AXES_COOLOFF_TIME, the right password included; a success resets the
# count. Locking the pair (not the username alone) keeps a stranger from locking a clerk out
# from elsewhere, and one office behind a shared address from locking out its colleagues.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "backoffice/locked_out.html"
# Behind a reverse proxy every request comes from the proxy's address; take the client's
# from the X-Forwarded-For entry the proxy appended.
AXES_CLIENT_IP_CALLABLE = "gongkai.accounts.security.client_ip"

# The password policy: at least 10 characters of at least two kinds (letters, digits,
# other signs), not a common password, not all digits, not like the username or e-mail.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.accounts.security.CharacterKindsValidator", "OPTIONS": {"kinds": 2}},
]
# Staff sessions end when the browser closes, and at the latest after a working day.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.environ.get("GONGKAI_SESSION_HOURS", "8")) * 3600
# The link of a password-reset e-mail stays valid for an hour.
PASSWORD_RESET_TIMEOUT = 3600
# The issuer shown in authenticator apps next to the account (django-otp TOTP).
OTP_TOTP_ISSUER = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开")
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Outside production WhiteNoise serves from the apps' folders (no collectstatic).
STATIC_ROOT = DATA_DIR / "static" if PRODUCTION else None
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_DIR", DATA_DIR / "media"))
if MODE == "test":
    import tempfile

    # Tests never write into the working tree.
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="gongkai-media-"))
# Serve app static files without collectstatic outside production (demo, tests).
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000  # the figures form of an annual report has ~250 fields


SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, images and fonts only from the site
# itself, no inline script or event handler anywhere (gongkai/core/tests/test_headers.py
# fetches the pages and checks), no framing, forms post only to the site. ``data:`` images
# are the QR code of the second-factor set-up. Views that serve a self-contained document
# with its own <style> (the annual report as HTML) widen style-src for that response only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): the site uses no camera, microphone,
# location, payment or USB, so no page (nor anything injected into one) may ask for them.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
}
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")

# Background tasks (django-q2; gongkai.core.tasks, docs/operations.md). The queue lives in the
# database by default, so nothing but the database is needed; with REDIS_URL it lives in Redis.
# A worker runs them: `gongkai manage qcluster`. A task that raises is not acknowledged, so
# the queue delivers it again after TASK_RETRY_SECONDS, up to TASK_MAX_ATTEMPTS times.
REDIS_URL = os.environ.get("REDIS_URL", "")
TASK_TIMEOUT_SECONDS = int(os.environ.get("GONGKAI_TASK_TIMEOUT", "120"))
Q_CLUSTER: dict[str, object] = {
    "name": "gongkai",
    # SQLite takes one writer at a time: one worker there, two otherwise (a 2-core machine).
    "workers": int(
        os.environ.get(
            "GONGKAI_TASK_WORKERS",
            "1" if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else "2",
        )
    ),
    "timeout": TASK_TIMEOUT_SECONDS,
    # Must exceed the timeout, or a slow task would be delivered twice while it still runs.
    "retry": int(os.environ.get("GONGKAI_TASK_RETRY_SECONDS", str(TASK_TIMEOUT_SECONDS + 180))),
    "max_attempts": int(os.environ.get("GONGKAI_TASK_MAX_ATTEMPTS", "5")),
    "ack_failures": False,
    "save_limit": 1000,
    "catch_up": False,
    "label": "Background tasks",
    # Tests run each task at once, in the test's own process (the queue path is tested apart).
    "sync": env_bool("GONGKAI_TASKS_SYNC", MODE == "test"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The captcha of the public forms: images drawn on this server (no outside service), a small
# sum, difference or product of two numbers rather than Latin letters, and time enough to
# write a long opinion. Letters are barely rotated, so that a "+" does not read as "×".
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_LETTER_ROTATION = (-8, 8)
CAPTCHA_TIMEOUT = 60  # minutes
CAPTCHA_FONT_SIZE = 30
CAPTCHA_IMAGE_SIZE = (120, 44)
# Dots only: the default arcs hid the plus sign of the sum.
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)

GONGKAI = {
    # Site name shown in the header of every page.
    "SITE_NAME": os.environ.get("GONGKAI_SITE_NAME", "政府信息公开"),
    # The default pattern of 索引号 (each organization may set its own in the back office).
    "INDEX_NUMBER_PATTERN": os.environ.get("GONGKAI_INDEX_NUMBER_PATTERN", "{credit_code}/{yyyy}-{seq:05d}"),
    # Largest attachment of a publication, in bytes.
    "ATTACHMENT_MAX_BYTES": int(os.environ.get("GONGKAI_ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024))),
    # Most pages of a PDF attachment (its text is read from the first 300 only).
    "ATTACHMENT_MAX_PAGES": int(os.environ.get("GONGKAI_ATTACHMENT_MAX_PAGES", "2000")),
    # How long a task worker may read an upload (attachment text, an annual report) before
    # the page gives up and the worker is stopped (gongkai/core/uploads.py).
    "UPLOAD_READ_SECONDS": int(os.environ.get("GONGKAI_UPLOAD_READ_SECONDS", "60")),
}
