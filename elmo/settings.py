"""Settings of the ELMO registry.

Every value that differs between machines comes from the environment (or a `.env` file beside
`manage.py`) and is declared, with its type and a safe default, in the block below. Nothing else
in this file reads the environment. `.env.example` lists the same variables.
"""

import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from corsheaders import defaults as corsheaders_defaults
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# --- environment schema -------------------------------------------------------------------------
env = environ.Env(
    # Debug pages and runserver's static files; never on in production.
    DEBUG=(bool, False),
    # Required when DEBUG is off; a throwaway development key is used only with DEBUG on.
    SECRET_KEY=(str, ""),
    # The embedded default is a SQLite file in the project; production and tests use PostgreSQL,
    # e.g. postgres://postgres@127.0.0.1:5432/elmo
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    # Seconds a database connection is kept open between requests (0 closes it every request).
    CONN_MAX_AGE=(int, 600),
    # Seconds to wait for PostgreSQL to accept a connection; when it is down or unreachable,
    # pages answer 503 and /readyz "unavailable" after at most this long (libpq's minimum is 2).
    DATABASE_CONNECT_TIMEOUT=(int, 3),
    # Seconds one SQL statement of a web request may run before PostgreSQL cancels it (the
    # request answers 503); 0: no limit. Management commands are never limited.
    DATABASE_STATEMENT_TIMEOUT=(float, 10),
    # PostgreSQL's planner cost of a random page read; its default (4) assumes spinning disks and
    # then prefers scanning whole tables to the search indexes. 1.1 suits SSDs.
    PG_RANDOM_PAGE_COST=(float, 1.1),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]"]),
    TIME_ZONE=(str, "Europe/Helsinki"),
    # The public address of the site, scheme and host (e.g. https://elmo.example.fi): every
    # absolute link is made from it (elmo.addresses), never from the request's Host header.
    PUBLIC_URL=(str, "http://127.0.0.1:8000"),
    # Requests an anonymous API client may make, e.g. 300/minute; over it the API answers 429.
    API_ANON_RATE=(str, "300/minute"),
    # Messages the feedback form takes from one client address (per second, minute, hour or
    # day); past it the form answers 429 and keeps what was typed.
    FEEDBACK_RATE=(str, "5/hour"),
    # --- e-mail: the outbox and its worker (docs/enquiries.md) ---
    # The SMTP server the outbox worker sends through. Empty: with DEBUG on the e-mails are
    # printed on the console (make run); with DEBUG off they go to the local mail server
    # (localhost).
    EMAIL_HOST=(str, ""),
    EMAIL_PORT=(int, 25),
    EMAIL_HOST_USER=(str, ""),
    EMAIL_HOST_PASSWORD=(str, ""),
    # STARTTLS on a plain port (usually 587), or TLS from the start (465); not both.
    EMAIL_USE_TLS=(bool, False),
    EMAIL_USE_SSL=(bool, False),
    # Seconds to wait for the SMTP server before leaving the e-mail for a later attempt.
    EMAIL_TIMEOUT=(int, 20),
    # The sender of the registry's e-mails; empty: noreply@ the host of PUBLIC_URL.
    DEFAULT_FROM_EMAIL=(str, ""),
    # The web process also sends queued e-mails itself right after the commit; on by default
    # with DEBUG (make run, where no worker runs), off in production (the worker sends).
    OUTBOX_SEND_AT_ONCE=(bool, None),
    # Seconds before the first retry of an e-mail the server did not take, doubling up to
    # OUTBOX_RETRY_MAX_SECONDS; given up (and shown to the coordinator) after
    # OUTBOX_GIVE_UP_HOURS. Sent e-mails are deleted after OUTBOX_KEEP_SENT_DAYS.
    OUTBOX_RETRY_SECONDS=(int, 60),
    OUTBOX_RETRY_MAX_SECONDS=(int, 3600),
    OUTBOX_GIVE_UP_HOURS=(int, 72),
    OUTBOX_KEEP_SENT_DAYS=(int, 30),
    # --- enquiries (docs/enquiries.md) ---
    # Enquiries one client address may send, and confirmation e-mails one e-mail address may
    # receive; past either the form answers 429 and keeps what was typed.
    ENQUIRY_RATE=(str, "5/hour"),
    ENQUIRY_EMAIL_RATE=(str, "5/day"),
    # Months after which anonymise_enquiries removes an enquiry's personal data.
    ENQUIRY_RETENTION_MONTHS=(int, 12),
    # Working days (Finnish holidays respected) without an answer after which remind_enquiries
    # reminds the region's officers once; after twice as many it tells the company.
    ENQUIRY_REMIND_WORKING_DAYS=(int, 5),
    # Login security (see the "login security" section below).
    # Failed sign-ins with one user name from one address before that pair is blocked.
    AXES_FAILURE_LIMIT=(int, 5),
    # Minutes the block lasts; each further try during the block starts the wait again.
    AXES_COOLOFF_MINUTES=(int, 60),
    # A successful sign-in clears the earlier failures of that user name and address.
    AXES_RESET_ON_SUCCESS=(bool, True),
    # Seconds a sign-in lasts at most (8 hours), however active the user is.
    SESSION_COOKIE_AGE=(int, 8 * 60 * 60),
    # Seconds without any request after which the user must sign in again (60 minutes).
    SESSION_IDLE_TIMEOUT=(int, 60 * 60),
    # Every staff user must use an authenticator app (two-step verification) in the admin.
    ELMO_REQUIRE_2FA_FOR_STAFF=(bool, False),
    # Whom a blocked user should contact, shown on the lockout page (the coordinator).
    ELMO_ADMIN_CONTACT_EMAIL=(str, ""),
    # The registry's public contact address (the about page, the privacy notice, the API root);
    # empty until one is configured, and then shown nowhere.
    ELMO_CONTACT_EMAIL=(str, ""),
    # --- production (docs/deployment.md) ---
    # The shared cache of several application servers, e.g. redis://127.0.0.1:6379/0; without
    # it each process caches in its own memory.
    REDIS_URL=(str, ""),
    # Seconds a cached page or API answer may be served; publishing invalidates them at once.
    CACHE_SECONDS=(int, 600),
    # Where the API's CSV and GeoJSON exports are kept, one file per content version and set
    # of filters (elmo/api/exports.py), and how many such files at most per content version.
    EXPORT_CACHE_DIR=(str, str(Path(tempfile.gettempdir()) / "elmo-exports")),
    EXPORT_CACHE_FILES=(int, 20),
    # The admin's address, e.g. "hallinta/"; a less guessable path draws fewer password guessers.
    ADMIN_PATH=(str, "admin/"),
    # HTTPS: redirect http to https, mark cookies Secure, send HSTS for this many seconds.
    # On by default with DEBUG off; `make serve` turns them off for plain http on loopback.
    SECURE_SSL_REDIRECT=(bool, None),
    SECURE_COOKIES=(bool, None),
    SECURE_HSTS_SECONDS=(int, 31536000),
    # Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto: true.
    BEHIND_PROXY=(bool, False),
    # Log lines as JSON (one object per line, with the request id); plain text when false.
    LOG_JSON=(bool, None),
    LOG_LEVEL=(str, "INFO"),
    # Serve static files by their hashed, compressed names from `collectstatic` (whitenoise);
    # on by default with DEBUG off; the tests turn it off (they read static/ without collecting).
    STATIC_MANIFEST=(bool, None),
    # Where `collectstatic` gathers the static files that whitenoise serves.
    STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    # An optional error-tracking address (Sentry or compatible, e.g. GlitchTip).
    SENTRY_DSN=(str, ""),
)
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105 (DEBUG only)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

# --- applications -------------------------------------------------------------------------------
INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    # Before the admin, so that accounts/templates/admin/ can extend the admin's templates.
    "accounts",
    # django.contrib.admin with the registry's admin site (two-step verification).
    "accounts.apps.ElmoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "elmo",
    "priorities",
    # What platforms and clusters share: status, workflow, the write path, history, dashboard.
    "entries",
    "platforms",
    "clusters",
    # Features that span the apps, each a package named after what it does.
    "spreadsheets",
    "snapshot",
    "ip_area",
    "feedback",
    # Features built on the apps above (which never import them).
    "outbox",
    "signedlinks",
    "enquiries",
    "proposals",
    # The search service: its vocabulary of names and keywords (search/models.py).
    "search",
    # Change history of platforms, clusters and organisations (entries/history.py).
    "simple_history",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_guid",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "import_export",
]

MIDDLEWARE = [
    # First: /healthz and /readyz are answered before sessions, languages and the host check.
    "elmo.health.HealthCheckMiddleware",
    # Then every log line of the request carries its id (X-Request-ID, returned too).
    "django_guid.middleware.guid_middleware",
    "elmo.api.middleware.ApiGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "elmo.middleware.RejectNulCharactersMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Outside the cached answers, so that they get them too: ETag and 304, X-Frame-Options.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Stored answers to anonymous readers, before sessions, languages and CSRF (elmo/cache.py).
    "elmo.cache.CachedAnswerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API speaks English unless Accept-Language asks for Finnish or Swedish.
    "elmo.api.errors.ApiLanguageMiddleware",
    # An API address too long to read is a JSON 414 (in the language chosen above).
    "elmo.api.middleware.ApiAddressLengthMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    # Lets the change history record who made a change through the API (entries/history.py).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused by the lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "elmo.urls"
WSGI_APPLICATION = "elmo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "elmo.context_processors.site",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------------------------
DATABASES = {"default": env.db_url_config(env("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env("CONN_MAX_AGE")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"-c random_page_cost={env('PG_RANDOM_PAGE_COST')}"
    # Fail fast while PostgreSQL is down (elmo.faults answers 503): a connection attempt gives up
    # after DATABASE_CONNECT_TIMEOUT, and a persistent connection whose server vanished without
    # closing it (a lost host or network) is dropped after 10 s of unacknowledged data instead of
    # TCP's ~15 minutes. Neither limits how long a query may run.
    _options.setdefault("connect_timeout", env("DATABASE_CONNECT_TIMEOUT"))
    _options.setdefault("tcp_user_timeout", 10_000)
# Set on the web server's connections only (elmo/database.py).
DATABASE_STATEMENT_TIMEOUT = env("DATABASE_STATEMENT_TIMEOUT")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- users --------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's MinimumLengthValidator, with its error message translated into Finnish.
        "NAME": "accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Only staff sign in, to the admin: a sign-in whose `next` page was refused (another site) lands
# on the admin's front page rather than Django's default /accounts/profile/, which does not exist.
LOGIN_REDIRECT_URL = "admin:index"

# --- login security -----------------------------------------------------------------------------
# Only staff sign in (to the admin); the API's writers use tokens, which none of this touches.
AUTHENTICATION_BACKENDS = [
    # django-axes refuses a blocked user name and address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after repeated failures (django-axes). Blocking the pair of user name and address
# means an attacker cannot lock everyone out of a shared office address, nor one user out of
# everywhere. The client address is REMOTE_ADDR; behind a reverse proxy, see docs/officers.md
# (signing in).
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env("AXES_COOLOFF_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = env("AXES_RESET_ON_SUCCESS")
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# The coordinator lifts a block from the user list (accounts.admin); axes' own admin pages of
# raw attempts are not needed.
AXES_ENABLE_ADMIN = False
ELMO_ADMIN_CONTACT_EMAIL = env("ELMO_ADMIN_CONTACT_EMAIL")
ELMO_CONTACT_EMAIL = env("ELMO_CONTACT_EMAIL")

# Sessions end at the first of: closing the browser, SESSION_COOKIE_AGE after signing in, and
# SESSION_IDLE_TIMEOUT without a request (both enforced by accounts.middleware).
SESSION_COOKIE_AGE = env("SESSION_COOKIE_AGE")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_TIMEOUT = env("SESSION_IDLE_TIMEOUT")

# Two-step verification with an authenticator app (django-otp, TOTP): optional per user,
# required by the coordinator per user (User.otp_required) or for all staff with this switch.
ELMO_REQUIRE_2FA_FOR_STAFF = env("ELMO_REQUIRE_2FA_FOR_STAFF")
OTP_TOTP_ISSUER = "ELMO registry"
# Not even the coordinator sees another user's secret key in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- languages ----------------------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE")
USE_I18N = True
USE_TZ = True

# Content falls back to Finnish when a Swedish or English text is missing.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)

# --- static files -------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT")
# whitenoise serves the files of `collectstatic`: compressed, with content hashes in their names
# and a cache lifetime of a year. With DEBUG on (and in tests) plain files from static/.
STATIC_MANIFEST = (not DEBUG) if env("STATIC_MANIFEST") is None else env("STATIC_MANIFEST")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if STATIC_MANIFEST:  # otherwise runserver and the tests' live server serve static/ themselves
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
# The tabbed translation admin would load jQuery UI from a CDN; it is served from static/ instead.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# The registry's link tables hold only two foreign keys; elmo.admin.RegistryAdmin edits them.
SILENCED_SYSTEM_CHECKS = ["admin.E013"]

# --- spreadsheets -------------------------------------------------------------------------------
# django-import-export (spreadsheets/): every import runs in one transaction, rolled back
# if any row is invalid, so a file imports whole or not at all.
IMPORT_EXPORT_USE_TRANSACTIONS = True

# --- feedback -----------------------------------------------------------------------------------
FEEDBACK_RATE = env("FEEDBACK_RATE")

# --- e-mail: the outbox (outbox/) ----------------------------------------------------------------
# Plain text only, always through the outbox and its worker; DEBUG without a server prints them.
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not env("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST") or "localhost"
EMAIL_PORT = env("EMAIL_PORT")
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env("EMAIL_USE_TLS")
EMAIL_USE_SSL = env("EMAIL_USE_SSL")
EMAIL_TIMEOUT = env("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL") or (
    f"noreply@{urlsplit(env('PUBLIC_URL')).hostname or 'localhost'}"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_SEND_AT_ONCE = DEBUG if env("OUTBOX_SEND_AT_ONCE") is None else env("OUTBOX_SEND_AT_ONCE")
OUTBOX_RETRY_SECONDS = env("OUTBOX_RETRY_SECONDS")
OUTBOX_RETRY_MAX_SECONDS = env("OUTBOX_RETRY_MAX_SECONDS")
OUTBOX_GIVE_UP_HOURS = env("OUTBOX_GIVE_UP_HOURS")
OUTBOX_KEEP_SENT_DAYS = env("OUTBOX_KEEP_SENT_DAYS")

# --- enquiries (enquiries/) ----------------------------------------------------------------------
ENQUIRY_RATE = env("ENQUIRY_RATE")
ENQUIRY_EMAIL_RATE = env("ENQUIRY_EMAIL_RATE")
ENQUIRY_RETENTION_MONTHS = env("ENQUIRY_RETENTION_MONTHS")
ENQUIRY_REMIND_WORKING_DAYS = env("ENQUIRY_REMIND_WORKING_DAYS")

# --- API -----------------------------------------------------------------------------------------
PUBLIC_URL = env("PUBLIC_URL").rstrip("/")
API_ANON_RATE = env("API_ANON_RATE")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's token authentication; a refused token counts against the anonymous limit.
        "elmo.api.throttling.CountedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["elmo.api.permissions.StaffWritesOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["elmo.api.parsers.RegistryJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "elmo.api.pagination.RegistryPagination",
    "DEFAULT_THROTTLE_CLASSES": ["elmo.api.throttling.AnonymousRateThrottle"],
    # The client's address for the limits (elmo.ratelimit): REMOTE_ADDR, or behind the proxy the
    # address it appended to X-Forwarded-For; never what the client wrote there itself.
    "NUM_PROXIES": 1 if env("BEHIND_PROXY") else 0,
    "DEFAULT_SCHEMA_CLASS": "elmo.api.schema.RegistryAutoSchema",
    "URL_FORMAT_OVERRIDE": "format",
    "COERCE_DECIMAL_TO_STRING": False,
    "EXCEPTION_HANDLER": "elmo.api.errors.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "elmo.api.parameters.StrictContentNegotiation",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ELMO registry API",
    "DESCRIPTION": (
        "Open data of the innovation platforms and clusters of East and North Finland, in "
        "Finnish, Swedish and English. Reading is open to anyone and shows published entries; "
        "staff write with an API token (`Authorization: Token …`). Translated texts are objects "
        '`{"fi": …, "sv": …, "en": …}`; `?lang=fi|sv|en` gives plain strings instead, with '
        "missing Swedish and English texts falling back to Finnish. Incremental sync: "
        "`modified_after` on the lists, and `withdrawn/` for entries no longer public."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "Data: CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "CONTACT": {
        "name": "ELMO registry maintainers",
        "url": f"{PUBLIC_URL}/en/about/",
        **({"email": ELMO_CONTACT_EMAIL} if ELMO_CONTACT_EMAIL else {}),
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "elmo.api.schema.tidy",
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "platforms.models.OrganisationKind",
        "PlatformTypeEnum": "platforms.models.PlatformType",
        # The kinds of result of the search (its name unchanged) and of a need's matches.
        "TypeEnum": "search.results.TYPES",
        "MatchTypeEnum": "search.needs.TYPES",
    },
}
# Anyone may read the API from a browser on another site; writing needs a token anyway.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
# Conditional requests from browser code, and the headers it may read from the answers.
CORS_ALLOW_HEADERS = (*corsheaders_defaults.default_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = (
    "ETag",
    "Last-Modified",
    "Retry-After",
    "X-Request-ID",
    "Content-Disposition",
    "Content-Language",
)

# --- production: HTTPS, headers, cache, logs -----------------------------------------------------
# `manage.py check --deploy` reports nothing with DEBUG off (tests/test_production.py).
ADMIN_PATH = env("ADMIN_PATH").strip("/") + "/"
secure = not DEBUG
SECURE_SSL_REDIRECT = secure if env("SECURE_SSL_REDIRECT") is None else env("SECURE_SSL_REDIRECT")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = (
    secure if env("SECURE_COOKIES") is None else env("SECURE_COOKIES")
)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS") if SECURE_SSL_REDIRECT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # django-axes blocks by client address: behind one proxy, the address it forwarded.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing on the site uses these browser features (the map needs no geolocation).
PERMISSIONS_POLICY = {
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
    )
}
# Content-Security-Policy (django-csp 4): everything from this site only; no inline
# scripts anywhere. Styles allow 'unsafe-inline' for the Django admin's two inline styles and
# Leaflet's; the map tiles are not loaded (the regions are drawn from our own GeoJSON).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The cache: Redis shared by every application server when REDIS_URL is set; otherwise each
# process's own memory. Sessions stay in the database, so application servers hold no state.
REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "elmo"}
    )
}
CACHE_SECONDS = env("CACHE_SECONDS")
EXPORT_CACHE_DIR = env("EXPORT_CACHE_DIR")
EXPORT_CACHE_FILES = env("EXPORT_CACHE_FILES")

# Logs: to stderr; JSON lines with the request id in production, plain text with DEBUG on.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": False,
    "RETURN_HEADER": True,
    # Exposed to browsers with the API's other headers (CORS_EXPOSE_HEADERS); django-guid's own
    # exposing would replace that list.
    "EXPOSE_HEADER": False,
}
LOG_JSON = (not DEBUG) if env("LOG_JSON") is None else env("LOG_JSON")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(correlation_id)s %(message)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "correlation_id": "request_id",
            },
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_id"],
            "formatter": "json" if LOG_JSON else "text",
        }
    },
    "root": {"handlers": ["stderr"], "level": env("LOG_LEVEL")},
    "loggers": {"django_guid": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0)
