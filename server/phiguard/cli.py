"""phiguard serve | check | scan | native-host | install-native-host | uninstall-native-host | doctor: the command line."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import json
import logging
import os
import re
import stat
import sys

from . import __version__

LOOPBACK_NAMES = {"localhost"}
RISK_ORDER = ["none", "low", "medium", "high"]

EXIT_STATUS_CHECK = """exit status:
  0  the post's risk is below --fail-on
  1  the post's risk is at or above --fail-on (default medium)
  2  bad arguments, settings or rule packs"""

EXIT_NOTHING_TO_SCAN = 3
EXIT_STATUS_SCAN = """exit status:
  0  every post was scanned (the report lists those at or above --min-risk)
  2  bad arguments, settings or rule packs; a file that cannot be read or written
  3  the archive holds no posts"""


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _overrides(args) -> dict:
    from .config import read_config_file

    config = {}
    if getattr(args, "config", None):
        config.update(read_config_file(args.config))
    if getattr(args, "rules", None):
        config["RULE_PACKS"] = config.get("RULE_PACKS", []) + args.rules
    if getattr(args, "model", None):
        config["SPACY_MODEL"] = args.model
    return config


WSAEADDRINUSE = 10048  # what Windows sockets report, which errno.EADDRINUSE may not be there
MIN_TOKEN_LENGTH = 16
_TOKEN = re.compile(r"[!-~]+")  # printable ASCII without spaces: it must survive an HTTP header intact


class TokenFileError(ValueError):
    pass


def read_token_file(path: str) -> str:
    """The API token from a file that only its owner can read: whoever can read it can use the API."""
    try:
        with open(path, encoding="utf-8") as f:
            mode = os.fstat(f.fileno()).st_mode
            token = f.read().strip()
    except (OSError, UnicodeDecodeError) as e:
        raise TokenFileError(f"cannot read token file {path}: {getattr(e, 'strerror', None) or e}") from None
    # Windows has no POSIX modes (its ACLs are the administrator's business).
    if os.name == "posix" and mode & 0o077:
        raise TokenFileError(f"the token file {path} can be read or changed by other users (mode "
                             f"{stat.S_IMODE(mode):o}); make it private: chmod 600 {path}")
    return check_token(token, path)


def check_token(token: str, source: str) -> str:
    """The strength a token needs wherever it was set (a token file, api_token, PHIGUARD_API_TOKEN)."""
    if len(token) < MIN_TOKEN_LENGTH:
        raise TokenFileError(f"the token in {source} must be at least {MIN_TOKEN_LENGTH} characters long "
                             "(make one with: openssl rand -hex 32)")
    if not _TOKEN.fullmatch(token):
        raise TokenFileError(f"the token in {source} must be one word of printable ASCII (no spaces, tabs or "
                             "line breaks inside), as it is sent in an HTTP header")
    return token


def cmd_serve(args) -> int:
    from waitress import create_server

    from .app import create_app
    from .config import effective_settings

    config = _overrides(args)
    try:
        if args.token_file:
            config["API_TOKEN"] = read_token_file(args.token_file)
        # A token from a config file or PHIGUARD_API_TOKEN guards the same API: the same strength.
        token = effective_settings(config).get("API_TOKEN")
        if token and not args.token_file:
            check_token(str(token), "api_token (config file or PHIGUARD_API_TOKEN)")
    except TokenFileError as e:
        print(f"phiguard: {e}", file=sys.stderr)
        return 2
    if not _is_loopback(args.host):
        if not token:
            print(f"phiguard: refusing to listen on {args.host} without --token-file: anyone on the network could "
                  "send posts to this server. Use --host 127.0.0.1 for a personal server.", file=sys.stderr)
            return 2
        config["PUBLIC_BIND"] = True
    app = create_app(config)
    try:
        server = create_server(app, host=args.host, port=args.port, threads=args.threads, ident="phiguard",
                               **waitress_limits(app.config))
    except OSError as e:
        # Bind first, then announce: a port in use is one line, not "listening on" and a traceback.
        if e.errno in (errno.EADDRINUSE, WSAEADDRINUSE):
            print(f"phiguard: port {args.port} is in use on {args.host} (another PHI Guard, or another program); "
                  f"try --port {args.port + 1}", file=sys.stderr)
        else:
            print(f"phiguard: cannot listen on {args.host} port {args.port}: {e.strerror or e}", file=sys.stderr)
        return 1
    logging.getLogger("phiguard").info("PHI Guard %s listening on %s (rule packs: %s)", __version__,
                                       ", ".join(_listening_urls(server)),
                                       ", ".join(p.name for p in app.extensions["phiguard"].rule_set.packs))
    server.run()  # until Ctrl-C or SIGTERM
    return 0


def waitress_limits(config) -> dict:
    """waitress settings that bound what one client can hold: the body size (waitress would otherwise read
    and spool up to 1 GiB before Flask refuses it), the open connections and how long an idle one stays."""
    channel_timeout = int(config["CHANNEL_TIMEOUT"])
    return {
        # waitress refuses a body of max_request_body_size bytes or more; Flask, one of more than
        # MAX_CONTENT_LENGTH. One more byte for waitress, so both take exactly the limit (the extension
        # sends posts of up to the limit).
        "max_request_body_size": int(config["MAX_CONTENT_LENGTH"]) + 1,
        "connection_limit": int(config["CONNECTION_LIMIT"]),
        "channel_timeout": channel_timeout,
        # waitress looks for idle connections every cleanup_interval (30 s by default): at least twice a timeout.
        "cleanup_interval": max(1, min(30, channel_timeout // 2)),
    }


def _listening_urls(server) -> list[str]:
    listening = getattr(server, "effective_listen", None) or [(server.effective_host, server.effective_port)]
    return [f"http://[{h}]:{p}" if ":" in str(h) else f"http://{h}:{p}" for h, p in listening]


def _read_text(args) -> str:
    if args.text is not None and args.text != "-":
        return args.text
    return sys.stdin.read()


def cmd_check(args) -> int:
    from .api.analyze import analysis_json
    from .app import shared_analyzer

    config = _overrides(args)
    from .config import DEFAULTS

    analyzer = shared_analyzer(config.get("SPACY_MODEL", DEFAULTS["SPACY_MODEL"]), config.get("RULE_PACKS", []))
    text = _read_text(args)
    result = analysis_json(text, analyzer.analyze(text), analyzer)
    if args.rewrite:
        from .rewrite.rewrite_post import rewrite_json

        result["suggestions"] = rewrite_json(text, analyzer)["suggestions"]
    # Like a linter: a script can gate on the exit status (see EXIT_STATUS_CHECK).
    status = 1 if RISK_ORDER.index(result["risk"]) >= RISK_ORDER.index(args.fail_on) else 0
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return status
    print(f"Risk: {result['risk']}. {result['summary']}")
    # Printed offsets are code points so they line up with the text shown; --json gives UTF-16.
    for f in analyzer.analyze(text).findings:
        fix = ", ".join(repr(r) if r else "(delete)" for r in f.replacements) or "-"
        print(f"  [{f.severity:>6}] {f.entity:<22} {text[f.start:f.end]!r}\n           {f.explanation}\n           fixes: {fix}")
    for i, s in enumerate(result.get("suggestions", []), 1):
        print(f"\nSuggestion {i} ({s['strategy']}): {s['explanation']}\n  {s['text']}")
    return status


def cmd_scan(args) -> int:
    from pathlib import Path

    from .scan_archive import ScanInputError, read_posts

    # Everything that can go wrong with the files is checked before the model loads (seconds), and
    # reported as one line naming the file.
    path = Path(args.file)
    try:
        posts = list(read_posts(path, args.format, args.column))
    except ScanInputError as e:
        return _fail(str(e))
    except OSError as e:
        return _fail(f"cannot read {path}: {e.strerror or e}")
    if not any(text.strip() for _, text in posts):
        return _fail(f"{path}: no posts to scan (the file is empty, or holds only blank lines or a header)",
                     EXIT_NOTHING_TO_SCAN)
    out = sys.stdout
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8")  # noqa: SIM115 -- closed in the finally below
        except FileNotFoundError:
            return _fail(f"cannot write the report to {args.output}: the directory "
                         f"{Path(args.output).parent or '.'} does not exist")
        except OSError as e:
            return _fail(f"cannot write the report to {args.output}: {e.strerror or e}")
    try:
        summary = _scan(args, posts, out)
    finally:
        if args.output:
            out.close()
    if args.json:
        print(json.dumps(summary), file=sys.stderr)
    else:
        from .scan_archive import describe_summary

        print(describe_summary(summary, args.output or "stdout"), file=sys.stderr)
    return 0


def _scan(args, posts, out) -> dict:
    from .app import shared_analyzer
    from .config import DEFAULTS
    from .scan_archive import scan

    config = _overrides(args)
    analyzer = shared_analyzer(config.get("SPACY_MODEL", DEFAULTS["SPACY_MODEL"]), config.get("RULE_PACKS", []))
    return scan(analyzer, posts, out, args.min_risk, progress=None if args.quiet else sys.stderr,
                include_text=args.include_text)


def cmd_native_host(args) -> int:
    from .native_host import serve_native_messaging

    return serve_native_messaging(_overrides(args), args.caller)


def _chosen_browsers(args) -> tuple:
    from .register_native_host import BROWSERS

    return BROWSERS if args.browser == "all" else (args.browser,)


def cmd_install_native_host(args) -> int:
    from .register_native_host import AllowedExtensions, install, launcher_args, registrations

    python = sys.executable
    if not python or not os.path.isabs(python):
        return _fail("cannot tell the path of this Python, which the launcher must name")
    try:
        allowed = AllowedExtensions.given(args.firefox_extension_id or (), args.chrome_extension_id or ())
    except ValueError as e:
        return _fail(str(e))
    regs = registrations(_chosen_browsers(args), "system" if args.system else "user")
    status = install(regs, python, launcher_args(args), dry_run=args.dry_run, allowed=allowed)
    if status == 0 and not args.dry_run:
        print(f"Registered {regs[0].manifest.stem} ({'system-wide' if args.system else 'for this user'}) for "
              f"{', '.join(r.browser for r in regs)}. Check it with: phiguard doctor")
    return status


def cmd_uninstall_native_host(args) -> int:
    from .register_native_host import registrations, uninstall

    return uninstall(registrations(_chosen_browsers(args), "system" if args.system else "user"), dry_run=args.dry_run)


def cmd_doctor(args) -> int:
    from .config import effective_settings
    from .doctor import describe, diagnose, exit_status

    report = diagnose(effective_settings(_overrides(args)), load_model=not args.no_model, probe=not args.no_model)
    print(json.dumps(report, indent=2) if args.json else describe(report))
    return exit_status(report)


def _fail(message: str, status: int = 2) -> int:
    print(f"phiguard: {message}", file=sys.stderr)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="phiguard", description="Catch client-identifying detail in posts.")
    parser.add_argument("--version", action="version", version=f"phiguard {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("--config", help="a TOML or JSON settings file")
        p.add_argument("--rules", action="append", metavar="DIR", help="an organisation rule pack (repeatable)")
        p.add_argument("--model", help="spaCy package name or model directory")

    serve = sub.add_parser("serve", help="run the HTTP API (waitress)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--threads", type=int, default=4)
    serve.add_argument("--token-file", help="require 'Authorization: Bearer <token>' (needed beyond loopback)")
    common(serve)
    serve.set_defaults(func=cmd_serve)

    check = sub.add_parser("check", help="check one post given as an argument or on stdin",
                           epilog=EXIT_STATUS_CHECK, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("text", nargs="?", help="the post; '-' or nothing reads stdin")
    check.add_argument("--json", action="store_true", help="print the API's JSON")
    check.add_argument("--rewrite", action="store_true", help="also print anonymised rewrites")
    check.add_argument("--fail-on", choices=["low", "medium", "high"], default="medium",
                       help="exit 1 when the risk is at or above this (default medium)")
    common(check)
    check.set_defaults(func=cmd_check)

    scan = sub.add_parser("scan", help="audit an archive of past posts (one JSON line per risky post)",
                          epilog=EXIT_STATUS_SCAN, formatter_class=argparse.RawDescriptionHelpFormatter)
    scan.add_argument("file", help="posts: one per line, .jsonl with a \"text\" field, or .csv with a text column")
    scan.add_argument("--format", choices=["auto", "lines", "jsonl", "csv"], default="auto")
    scan.add_argument("--column", default="text", metavar="NAME",
                      help="the CSV column or JSON Lines field holding the posts (default text; any case)")
    scan.add_argument("--min-risk", choices=["none", "low", "medium", "high"], default="medium",
                      help="report posts at or above this risk (default medium)")
    scan.add_argument("--output", "-o", help="write the report here instead of stdout")
    scan.add_argument("--include-text", action="store_true",
                      help="copy each reported post's text into the report (it then holds the client detail)")
    scan.add_argument("--json", action="store_true", help="print the summary on stderr as JSON")
    scan.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    common(scan)
    scan.set_defaults(func=cmd_scan)

    native = sub.add_parser("native-host", help="answer the extension over native messaging (the browser starts this)",
                            description="The HTTP API's operations as native-messaging frames on stdin/stdout. "
                                        "Browsers start it through the launcher that install-native-host registers.")
    native.add_argument("caller", nargs="*", help="what the browser passes: Chrome and Edge the extension's origin, "
                                                  "Firefox the host manifest's path and the extension's id")
    native.add_argument("--parent-window", metavar="HANDLE", help="passed by Chrome on Windows; not used")
    common(native)
    native.set_defaults(func=cmd_native_host)

    def registration(p):
        p.add_argument("--browser", choices=["chrome", "chromium", "edge", "firefox", "all"], default="all",
                       help="which browser (default all)")
        p.add_argument("--system", action="store_true",
                       help="for every user of this computer (needs an administrator) instead of for you")
        p.add_argument("--dry-run", action="store_true", help="print what would be written or removed, and change nothing")

    install = sub.add_parser("install-native-host", help="register the native host with the browsers",
                             description="Write the manifests (and on Windows the registry keys) that let PHI Guard's "
                                         "extension start `phiguard native-host`, with a launcher for this Python. "
                                         "--config, --rules and --model are passed on to the host.")
    registration(install)
    install.add_argument("--firefox-extension-id", action="append", metavar="ID",
                         help="a Firefox add-on id allowed to start the host, for your own build (extension/build.mjs "
                              "--gecko-id); repeatable; replaces PHI Guard's own (phiguard@phiguard.org), so name it "
                              "too to keep it")
    install.add_argument("--chrome-extension-id", action="append", metavar="ID",
                         help="a Chrome or Edge extension id allowed to start the host, for your own build packed with "
                              "your key (extension/build.mjs --no-chrome-key); repeatable; replaces PHI Guard's own")
    common(install)
    install.set_defaults(func=cmd_install_native_host)
    uninstall = sub.add_parser("uninstall-native-host", help="remove what install-native-host wrote")
    registration(uninstall)
    uninstall.set_defaults(func=cmd_uninstall_native_host)

    doctor = sub.add_parser("doctor", help="check the set-up: native host registrations, the model, the transport",
                            description="Which browsers have the native host registered, whether the model loads, "
                                        "and which transport the extension would pick. Exit 1 when something is broken.")
    doctor.add_argument("--json", action="store_true", help="print the report as JSON")
    doctor.add_argument("--no-model", action="store_true", help="do not load the model or start the registered hosts")
    common(doctor)
    doctor.set_defaults(func=cmd_doctor)
    return parser


def main(argv=None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Presidio logs every request at INFO and its decision process at DEBUG, which can quote text.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    logging.getLogger("presidio-anonymizer").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    from .config import ConfigError
    from .rules import RulePackError

    try:
        return args.func(args)
    except (RulePackError, ConfigError) as e:
        print(f"phiguard: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("phiguard: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
