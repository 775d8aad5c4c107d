"""Keep every dependency off the network.

tldextract (used by Presidio's e-mail and URL recognizers) fetches the public suffix list at
run time; offline it logs tracebacks and on a network that drops packets it can hang
(Presidio issue #1205). An empty URL list makes it use the snapshot it ships with. This must
run before presidio_analyzer is imported, because Presidio builds its extractor at import time.
"""

import os


def force_offline() -> None:
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    # spaCy and any Hugging Face code must never try to download a model.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import tldextract
    except ImportError:  # Presidio not installed: nothing to patch
        return
    offline_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline_extract
    tldextract.tldextract.TLD_EXTRACTOR = offline_extract
