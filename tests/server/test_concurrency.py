"""Several waitress threads analyse at once: no request may see another's freed spaCy strings."""

import threading

POSTS = ["My client Sandra, 81, keeps falling in her bathroom in Whitby.",
         "Thanks to Dr. Anita Rao for a fantastic keynote in Glasgow today.",
         "Had a 45 year old veteran on my caseload today who relapsed after his wife left.",
         "Working with a family in Hackney where mum has MS and the 10 year old is a young carer."] * 12


def test_concurrent_analysis_matches_serial_analysis(analyzer):
    expected = [analyzer.analyze(p).findings for p in POSTS]
    results, errors = [None] * len(POSTS), []

    def work(offset):
        for i in range(offset, len(POSTS), 8):
            try:
                results[i] = analyzer.analyze(POSTS[i]).findings
            except Exception as e:  # noqa: BLE001 - any failure is the bug this test looks for
                errors.append(repr(e))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == expected
