#!/usr/bin/env python3
"""Opens pages in one headless Chromium (Selenium, Debian's chromium-driver) and runs a
script in each: one browser for many pages, where a Chromium per page takes a second each.

Usage: browse.py SCRIPT WIDTH[,WIDTH…] URL…
SCRIPT is a file of JavaScript run as an async script after the page loads: its last
argument is the callback to call with a JSON-able value. Prints one JSON array:
[{"url", "width", "value", "console": [messages of level SEVERE or WARNING]}].
"""
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def main():
    script = open(sys.argv[1], encoding="utf-8").read()
    widths = [int(w) for w in sys.argv[2].split(",")]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(20)
    results = []
    try:
        for width in widths:
            driver.set_window_size(width, 900)
            # The window's inner width is what the page lays out at.
            inner = driver.execute_script("return window.innerWidth")
            driver.set_window_size(width + (width - inner), 900)
            for url in sys.argv[3:]:
                driver.get(url)
                value = driver.execute_async_script(script)
                console = [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
                results.append({"url": url, "width": width, "value": value, "console": console})
    finally:
        driver.quit()
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
