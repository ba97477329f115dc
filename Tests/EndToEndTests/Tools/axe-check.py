#!/usr/bin/env python3
"""Runs axe-core on pages in headless Chromium (Selenium, Debian's chromium-driver).

Usage: axe-check.py WIDTH[,WIDTH…] URL…
Prints one JSON object: {"checked": N, "violations": [{"url", "width", "rule", "impact",
"help", "targets"}]}. axe.min.js is the one the axe-selenium-python wheel ships.
"""
import json
import os
import sys

import axe_selenium_python
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

AXE = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")


def main():
    widths = [int(w) for w in sys.argv[1].split(",")]
    urls = sys.argv[2:]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    source = open(AXE, encoding="utf-8").read()
    violations, checked = [], 0
    try:
        for width in widths:
            driver.set_window_size(width, 900)
            for url in urls:
                driver.get(url)
                driver.execute_script(source)
                result = driver.execute_async_script(
                    "var done = arguments[arguments.length - 1];"
                    "axe.run(document).then(function (r) { done(r.violations); }, function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });")
                checked += 1
                for v in result:
                    violations.append({"url": url, "width": width, "rule": v["id"], "impact": v.get("impact"), "help": v.get("help"),
                                       "targets": [n.get("target") for n in v.get("nodes", [])][:5]})
    finally:
        driver.quit()
    print(json.dumps({"checked": checked, "violations": violations}, ensure_ascii=False))


if __name__ == "__main__":
    main()
