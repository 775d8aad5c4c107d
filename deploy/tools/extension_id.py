#!/usr/bin/env python3
"""Print the Chrome/Edge extension id that belongs to a public or private key.

Chrome derives an extension's id from the key that signs it: the SHA-256 of the DER-encoded
public key (SubjectPublicKeyInfo), first 32 hex digits, each digit 0-f written as a letter a-p.

    python3 deploy/tools/extension_id.py                       # the id of extension/chrome_key.json
    python3 deploy/tools/extension_id.py --manifest path/to/manifest.json   # from its "key"
    python3 deploy/tools/extension_id.py --pem my-signing-key.pem           # your own signing key

With --pem, the file may hold a private key (as used by chrome --pack-extension-key) or a public
key; openssl must be installed (or the Python package "cryptography").
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_KEY_FILE = REPO / "extension" / "chrome_key.json"


def id_from_der(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def id_from_base64_key(key: str) -> str:
    """The "key" field of a manifest (base64 of the DER public key)."""
    return id_from_der(base64.b64decode("".join(key.split()), validate=True))


def der_from_pem(pem: bytes) -> bytes:
    try:
        from cryptography.hazmat.primitives import serialization
    except ImportError:
        serialization = None
    if serialization is not None:
        if b"PRIVATE KEY" in pem:
            public = serialization.load_pem_private_key(pem, password=None).public_key()
        else:
            public = serialization.load_pem_public_key(pem)
        return public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    openssl = shutil.which("openssl")
    if not openssl:
        raise SystemExit("extension_id: needs openssl or the Python package 'cryptography' to read a PEM key")
    args = [openssl, "pkey", "-pubout", "-outform", "DER"]
    if b"PRIVATE KEY" not in pem:
        args.insert(2, "-pubin")
    return subprocess.run(args, input=pem, capture_output=True, check=True).stdout


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--manifest", help="a manifest.json (or chrome_key.json) with a \"key\" field")
    source.add_argument("--pem", help="a PEM private or public key")
    args = parser.parse_args(argv)
    if args.pem:
        print(id_from_der(der_from_pem(Path(args.pem).read_bytes())))
    else:
        data = json.loads(Path(args.manifest or DEFAULT_KEY_FILE).read_text(encoding="utf-8"))
        if "key" not in data:
            print(f"extension_id: {args.manifest or DEFAULT_KEY_FILE} has no \"key\" field", file=sys.stderr)
            return 2
        print(id_from_base64_key(data["key"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
