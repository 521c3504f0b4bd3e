"""The tables bench/explore_load.py prints: sizes, each page's figures, and the plans."""


def report(pages, counted, loaded, findings, facts, args_duration):
    print("\n== sizes")
    for key, value in facts["sizes"].items():
        print(f"  {key:<30} {value:>12,}")
    print(f"\n== pages ({facts['load']})")
    baseline = next((loaded.get(name) for name, _p, kind in pages if kind == "baseline"), None)
    header = f"  {'page':<34} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'x base':>7}"
    print(
        header + f" {'queries':>7} {'sql ms':>7} {'1 req ms':>8} {'warm q':>6} {'warm ms':>7}"
        f" {'status':>6}  path"
    )
    for name, path, _kind in pages:
        figures = loaded.get(name, {})
        count = counted[name]
        if figures.get("requests") == 0:
            row = f"{0.0:8.1f} {'none completed in ' + str(args_duration) + ' s':>31}"
        elif "rps" in figures:
            ratio = figures["rps"] / baseline["rps"] if baseline and "rps" in baseline else 0
            row = (
                f"{figures['rps']:8.1f} {figures['p50'] / 1000:7.1f} {figures['p95'] / 1000:7.1f} "
                f"{figures['p99'] / 1000:7.1f} {ratio:7.2f}"
            )
        else:
            row = f"{'-':>8} {'-':>7} {'-':>7} {'-':>7} {'-':>7}"
        print(
            f"  {name:<34} {row} {count['queries']:>7} {count['sql_ms']:>7} {count['ms']:>8} "
            f"{count['warm_queries']:>6} {count['warm_ms']:>7} {count['status']:>6}  {path}"
        )
    errors = {
        name: {key: figures[key] for key in ("non_2xx", "timeout", "connect", "read")}
        for name, figures in loaded.items()
        if "rps" in figures and any(figures[k] for k in ("non_2xx", "timeout", "connect"))
    }
    if errors:
        print(f"  errors: {errors}")
    print("\n== EXPLAIN (ANALYZE, BUFFERS) of list and search queries")
    for finding in findings:
        flag = f"SEQ SCAN on {', '.join(finding['seq_scans'])}" if finding["seq_scans"] else "ok"
        print(f"-- {finding['page']}: {finding['ms']} ms, {flag}")
        print("   " + finding["sql"][:600].replace("\n", " "))
        print("   " + finding["plan"].replace("\n", "\n   "))
