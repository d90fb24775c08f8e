#!/usr/bin/env python3
"""The browser test: serves web/dist on 127.0.0.1, drives headless Chromium through
WebDriver (chromium-driver) and checks values, not only pixels:

- the page draws the app and logs no panic (and how long the first frame took);
- a drag on a Q bar changes KL(P||Q) to what klscope's own core computes (the native
  `klscope compute`) for the P and Q the page then shows (and the frame time while dragging);
- a share link opens its scenario with the right numbers and zero rule;
- damaged and hostile links show one sentence of why and change nothing;
- a stored session survives a reload, and the page works offline once loaded;
- Save and Export PNG download the scenario and the picture;
- a lesson link (`?lesson=…&step=…&present=…`) opens its lesson; its question hides the
  answer until a choice is clicked; Page Down, Space and the arrows step through it; F5
  presents without reloading the page; bad lesson links say why in one sentence;
- the simplex view draws a three-outcome scenario and a drag on it moves Q;
- on a phone (390×844, touch) a lesson's answers are buttons a finger can hit within the
  screen, nothing is drawn off its right edge, and a tap answers (a finger dragging a bar
  is tested through egui_kittest: tests/app/phone.rs).

Values come from `window.klscope.state()` (see README, "Embedding klscope"). Run after
web/build.sh: `python3 web/test.py`. Needs `pip install selenium`, chromium and chromedriver.
"""

import base64
import json
import math
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.mouse_button import MouseButton
from selenium.webdriver.common.keys import Keys

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def native_klscope(*args):
    """klscope's own core, run as the command line: the reference for the page's numbers."""
    for candidate in (ROOT / "target" / "debug" / "klscope", ROOT / "target" / "release" / "klscope"):
        if candidate.exists():
            command = [str(candidate)]
            break
    else:
        command = ["cargo", "run", "--quiet", "--"]
    result = subprocess.run(command + list(args), cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


def link_payload(**fields):
    """A share link carrying exactly `fields` (for hostile and damaged links)."""
    data = json.dumps(fields, allow_nan=True).encode()
    return "#s=" + base64.urlsafe_b64encode(data).decode().rstrip("=")


class Browser(unittest.TestCase):
    server = None
    port = None

    @classmethod
    def setUpClass(cls):
        if not (DIST / "index.html").exists():
            raise unittest.SkipTest("no web/dist: run web/build.sh first")
        cls.port = free_port()
        cls.server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(cls.port), "--bind", "127.0.0.1", "--directory", str(DIST)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.base = f"http://127.0.0.1:{cls.port}/"
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.terminate()
            cls.server.wait(timeout=10)

    def setUp(self):
        self.profile = tempfile.mkdtemp(prefix="klscope-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--use-angle=swiftshader",
                     "--enable-unsafe-swiftshader",
                     "--window-size=1280,800", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-quic", f"--user-data-dir={self.profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.downloads = Path(self.profile) / "downloads"
        self.downloads.mkdir()
        options.add_experimental_option("prefs", {"download.default_directory": str(self.downloads),
                                                  "download.prompt_for_download": False})
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        self.driver.set_script_timeout(30)

    def tearDown(self):
        logs = self.driver.get_log("browser")
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)
        panics = [entry["message"] for entry in logs if "panicked" in entry["message"]]
        self.assertEqual(panics, [], "the page logged a panic")

    # --- helpers -----------------------------------------------------------------------

    def open_page(self, suffix=""):
        """Navigates, waits for the first drawn frame, returns milliseconds since navigation."""
        self.driver.get(self.base + suffix)
        return self.wait_for_frame()

    def wait_for_frame(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            shown = self.driver.execute_script(
                "return window.klscope && window.klscope.bar('Q', 0) ? performance.now() : null")
            if shown is not None:
                return shown
            time.sleep(0.02)
        self.fail("the app drew no frame within 60 s: " + self.driver.find_element("id", "note").text)

    def state(self):
        text = self.driver.execute_script("return window.klscope.state()")
        self.assertIsNotNone(text, "the app is not running (panic: %s)" %
                             self.driver.execute_script("return window.klscope.panic_message()"))
        return json.loads(text)

    def wait_for(self, condition, what, seconds=10):
        deadline = time.time() + seconds
        while time.time() < deadline:
            state = self.state()
            if condition(state):
                return state
            time.sleep(0.05)
        self.fail(f"{what}; the page shows {json.dumps(self.state())[:600]}")

    def drag_bar(self, side, index, to, steps=12):
        """Drags the top of bar `index` of `side` to probability `to`; returns frame times (ms)."""
        x, y_zero, y_one = self.driver.execute_script(f"return window.klscope.bar('{side}', {index})")
        current = self.state()[side.lower()][index]
        y_from = y_zero + (y_one - y_zero) * current + 3
        y_to = y_zero + (y_one - y_zero) * to
        actions = ActionBuilder(self.driver, duration=16)
        pointer = actions.pointer_action
        pointer.move_to_location(int(x), int(y_from))
        pointer.pointer_down(MouseButton.LEFT)
        for k in range(1, steps + 1):
            pointer.move_to_location(int(x), int(round(y_from + (y_to - y_from) * k / steps)))
        pointer.release(MouseButton.LEFT)
        frame_times = []
        actions.perform()
        ms = self.driver.execute_script("return window.klscope.frame_ms()")
        if ms is not None:
            frame_times.append(ms)
        return frame_times

    # --- tests -------------------------------------------------------------------------

    def test_the_page_draws_the_app_and_a_drag_changes_kl_to_what_the_core_computes(self):
        first_frame_ms = self.open_page()
        print(f"\nfirst frame {first_frame_ms:.0f} ms after navigation", file=sys.stderr)
        state = self.state()
        self.assertEqual(state["id"], "biased-coin-vs-fair")
        self.assertAlmostEqual(state["kl_pq"], 0.5310044064107189, places=12)
        frame_times = []
        for step in range(8):
            frame_times += self.drag_bar("Q", 1, 0.3 - 0.02 * (step % 3))
        state = self.wait_for(lambda s: abs(s["q"][1] - 0.5) > 0.05, "the drag did not move Q")
        self.assertAlmostEqual(sum(state["q"]), 1.0, places=12)
        p, q = state["p"], state["q"]
        self.assertTrue(0.2 < q[1] < 0.35, f"Q(tails) dragged to about 0.26-0.3: {q}")
        core = json.loads(native_klscope("compute", "--p", ",".join(map(repr, p)), "--q",
                                         ",".join(map(repr, q)), "--json"))
        self.assertAlmostEqual(state["kl_pq"], core["kl_pq"], places=12)
        self.assertAlmostEqual(state["kl_pq"], sum(a * math.log2(a / b) for a, b in zip(p, q)), places=12)
        self.assertNotAlmostEqual(state["kl_pq"], 0.5310044064107189, places=3)
        frame_times = [t for t in frame_times if t is not None]
        if frame_times:
            frame_times.sort()
            print(f"frame while dragging: median {frame_times[len(frame_times) // 2]:.2f} ms, "
                  f"max {frame_times[-1]:.2f} ms over {len(frame_times)} drags", file=sys.stderr)

    def test_a_share_link_opens_its_scenario_with_the_right_numbers(self):
        link = native_klscope("link", "--preset", "support-mismatch", "--base", self.base).strip()
        self.open_page(link[len(self.base):])
        state = self.wait_for(lambda s: s["id"] == "support-mismatch", "the link did not open its scenario")
        self.assertEqual(state["labels"], ["rock", "paper", "scissors"])
        self.assertEqual((state["p"], state["q"]), ([0.4, 0.4, 0.2], [0.5, 0.5, 0.0]))
        self.assertEqual(state["kl_pq"], "inf")
        core = json.loads(native_klscope("compute", "--preset", "support-mismatch", "--json"))
        self.assertAlmostEqual(state["kl_qp"], core["kl_qp"], places=12)
        self.assertFalse(state["status"]["is_error"])
        # The zero rule travels too.
        floor = link_payload(v=1, id="floored", title="Floored", unit="Nats", labels=["a", "b"],
                             p=[0.5, 0.5], q=[1.0, 0.0], zero={"FloorQ": {"epsilon": 1e-6}})
        self.driver.get(self.base + floor)
        state = self.wait_for(lambda s: s["id"] == "floored", "the floored link did not open")
        self.assertIn("ε-floor", state["zero_rule"])
        self.assertEqual(state["unit"], "nats")
        self.assertNotEqual(state["kl_pq"], "inf")

    def test_damaged_and_hostile_links_say_why_and_change_nothing(self):
        self.open_page()
        before = self.state()
        cases = [
            ("#s=%%%not-base64", "damaged"),
            ("#s=" + native_klscope("link", "--preset", "movie-genres").strip().split("#s=")[1][:40], "damaged"),
            (link_payload(v=1, id="x", title="x", labels=["a", "b"], p=[1.5, -0.5], q=[0.5, 0.5]), "negative"),
            (link_payload(v=1, id="x", title="x", labels=["a", "b"], p=[float("nan"), 1], q=[0.5, 0.5]), "damaged"),
            (link_payload(v=1, id="x", title="x", labels=["a" * 5000, "b"], p=[0.5, 0.5], q=[0.5, 0.5]),
             "at most 100"),
            (link_payload(v=1, id="x", title="<script>alert(1)</script>", labels=["<b>a</b>", "b\u0000"],
                          p=[0.5, 0.5], q=[0.5, 0.5]), "control or invisible characters"),
            ("#s=" + "A" * 120000, "too long"),
            ("#s=" + base64.urlsafe_b64encode(b"\xff\xfe\x00bad").decode().rstrip("="), "not text"),
        ]
        for number, (fragment, expected) in enumerate(cases):
            self.driver.get(self.base + fragment)
            state = self.wait_for(lambda s: s["status"] is not None and s["status"]["is_error"]
                                  and expected in s["status"]["text"],
                                  f"link {number} ({fragment[:40]}) gave no error mentioning '{expected}'")
            self.assertEqual(state["status"]["text"].count("\n"), 0, "one sentence, one line")
            self.assertEqual((state["id"], state["p"], state["q"]), (before["id"], before["p"], before["q"]),
                             f"link {number} changed the scenario")
            # Clear the message so the next case is seen anew.
            self.driver.execute_script("window.klscope.clear_status()")
        # Markup in a label is shown as text, never run.
        self.assertEqual(self.driver.execute_script("return document.querySelectorAll('script').length"), 1)

    def press(self, *keys):
        """Presses a shortcut on the page, e.g. press(Keys.CONTROL, "s")."""
        chain = ActionChains(self.driver)
        for key in keys[:-1]:
            chain.key_down(key)
        chain.send_keys(keys[-1])
        for key in reversed(keys[:-1]):
            chain.key_up(key)
        chain.perform()

    def downloaded(self, suffix, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            done = [p for p in self.downloads.iterdir() if p.name.endswith(suffix)]
            if done:
                return done[0]
            time.sleep(0.1)
        self.fail(f"no {suffix} was downloaded; the page says {self.state()['status']}")

    def test_save_downloads_the_scenario_and_export_downloads_the_picture(self):
        self.open_page()
        self.driver.find_element("id", "klscope_canvas").click()
        self.press(Keys.CONTROL, "s")
        saved = self.downloaded(".ron")
        self.assertEqual(saved.name, "biased-coin-vs-fair.ron")
        text = saved.read_text()
        self.assertIn('id: "biased-coin-vs-fair"', text)
        self.assertIn("p: [0.9, 0.1]", text)
        self.assertIn("Saved to biased-coin-vs-fair.ron", self.state()["status"]["text"])
        started = time.time()
        self.press(Keys.CONTROL, "e")
        picture = self.downloaded(".png")
        print(f"\nExport PNG at 2x: downloaded {time.time() - started:.2f} s after Ctrl+E", file=sys.stderr)
        self.assertTrue(picture.name.startswith("klscope-biased-coin-vs-fair-"), picture.name)
        width, height = struct.unpack(">II", picture.read_bytes()[16:24])
        # 2× the window by default: the picture is sharp on slides.
        canvas = self.driver.execute_script("const c = document.getElementById('klscope_canvas');"
                                            "return [c.clientWidth, c.clientHeight]")
        self.assertEqual((width, height), (2 * canvas[0], 2 * canvas[1]))
        self.assertIn("Downloaded", self.state()["status"]["text"])

    def test_the_page_works_offline_once_loaded(self):
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(DIST)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            self.driver.get(f"http://127.0.0.1:{port}/")
            self.wait_for_frame()
            # Once the service worker is active, every file of the site is in its cache.
            self.assertTrue(self.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "navigator.serviceWorker.ready.then(() => done(true), () => done(false));"))
        finally:
            server.terminate()
            server.wait(timeout=10)
        self.driver.refresh()
        self.wait_for_frame()
        self.assertEqual(self.state()["id"], "biased-coin-vs-fair")

    def test_a_stored_session_survives_a_reload(self):
        self.open_page()
        self.drag_bar("Q", 0, 0.8)
        dragged = self.wait_for(lambda s: s["q"][0] > 0.7, "the drag did not move Q")
        time.sleep(3.5)  # the session is stored 2 s after an edit
        self.driver.refresh()
        self.wait_for_frame()
        state = self.wait_for(lambda s: s["q"] == dragged["q"], "the reload lost the edit")
        self.assertEqual(state["id"], "biased-coin-vs-fair")


    def click_at(self, x, y):
        actions = ActionBuilder(self.driver, duration=16)
        actions.pointer_action.move_to_location(int(x), int(y))
        actions.pointer_action.pointer_down(MouseButton.LEFT)
        actions.pointer_action.release(MouseButton.LEFT)
        actions.perform()

    def lesson_button(self, label):
        deadline = time.time() + 10
        while time.time() < deadline:
            where = self.driver.execute_script("return window.klscope.lesson_button(arguments[0])", label)
            if where is not None:
                return where
            time.sleep(0.05)
        self.fail(f"the lesson strip shows no button '{label}'; the page shows {self.state()['lesson']}")

    def test_a_lesson_link_opens_its_question_and_the_keys_step_and_present(self):
        self.open_page("?lesson=when-kl-blows-up")
        state = self.wait_for(lambda s: s["lesson"] is not None, "the lesson link opened no lesson")
        self.assertEqual(state["lesson"], {"title": "When KL blows up", "step": 1, "steps": 6, "pending": True,
                                           "answer": None, "correct": None})
        self.assertEqual((state["id"], state["view"]), ("support-mismatch", "plots"))
        # The question is which KL is larger: neither may show before the answer.
        self.assertIsNone(state["kl_pq"])
        self.assertIsNone(state["kl_qp"])
        self.assertFalse(state["presenting"])
        self.assertIn("When KL blows up", state["status"]["text"])
        # Reloads would lose this mark: F5 must not reload the page. (A headless browser may
        # not reload on a synthetic F5 at all, so whether its default was prevented is
        # checked too, as are the keys that would scroll.)
        self.driver.execute_script(
            "window.kept_across_keys = 42; window.prevented = {};"
            "window.addEventListener('keydown', (e) => setTimeout(() => { window.prevented[e.key] = "
            "e.defaultPrevented; }), { capture: true });")
        self.click_at(*self.lesson_button("KL(P||Q)"))
        state = self.wait_for(lambda s: not s["lesson"]["pending"], "clicking the choice answered nothing")
        core = json.loads(native_klscope("compute", "--preset", "support-mismatch", "--json"))
        self.assertEqual(state["kl_pq"], "inf")
        self.assertIsInstance(state["kl_qp"], float)
        self.assertAlmostEqual(state["kl_qp"], core["kl_qp"], places=12)
        self.assertEqual(state["lesson"]["step"], 1)
        self.press(Keys.PAGE_DOWN)
        self.wait_for(lambda s: s["lesson"]["step"] == 2, "Page Down did not step on")
        self.press(Keys.SPACE)
        state = self.wait_for(lambda s: s["lesson"]["step"] == 3, "Space did not step on")
        self.assertEqual(state["id"], "support-mismatch-floored")
        self.assertTrue(state["lesson"]["pending"], "step 3 asks for an estimate")
        self.assertIsNone(state["kl_pq"])
        self.press(Keys.PAGE_UP)
        self.wait_for(lambda s: s["lesson"]["step"] == 2, "Page Up did not step back")
        self.press(Keys.F5)
        state = self.wait_for(lambda s: s["presenting"], "F5 did not start presentation mode")
        self.press(Keys.ARROW_RIGHT)
        state = self.wait_for(lambda s: s["lesson"]["step"] == 3, "the right arrow did not step on while presenting")
        self.press(Keys.ARROW_LEFT)
        self.wait_for(lambda s: s["lesson"]["step"] == 2, "the left arrow did not step back while presenting")
        self.press(Keys.ESCAPE)
        self.wait_for(lambda s: not s["presenting"], "Esc did not leave presentation mode")
        self.assertEqual(self.driver.execute_script("return window.kept_across_keys"), 42, "the page reloaded")
        prevented = self.driver.execute_script("return window.prevented")
        for key in ("F5", "PageDown", "PageUp", " ", "ArrowRight", "ArrowLeft"):
            self.assertTrue(prevented.get(key), f"the browser's own action on {key!r} was not prevented: {prevented}")
        self.assertEqual(self.driver.execute_script("return [window.scrollX, window.scrollY]"), [0, 0])
        ms = self.driver.execute_script("return window.klscope.frame_ms()")
        if ms is not None:
            print(f"\nframe with a lesson open: {ms:.2f} ms", file=sys.stderr)

    def test_bad_lesson_links_say_why_in_one_sentence(self):
        cases = [
            ("?lesson=no-such-lesson&present=1", "'no-such-lesson'", None),
            ("?lesson=when-kl-blows-up&step=9", "step '9' of the lesson 'When KL blows up'", 1),
            ("?lesson=when-kl-blows-up&step=two&present=1", "step 'two'", 1),
        ]
        for query, expected, step in cases:
            self.open_page(query)
            state = self.wait_for(lambda s: s["status"] is not None and s["status"]["is_error"],
                                  f"{query} gave no error")
            self.assertIn(expected, state["status"]["text"])
            self.assertEqual(state["status"]["text"].count(". "), 0, "one sentence")
            self.assertFalse(state["presenting"], "a presented page would hide the error")
            self.assertEqual(state["lesson"] and state["lesson"]["step"], step)

    def test_a_presented_lesson_link_shows_the_simplex_and_a_drag_on_it_moves_q(self):
        self.open_page("?lesson=asymmetry&step=6&present=1")
        state = self.wait_for(lambda s: s["lesson"] is not None and s["presenting"],
                              "the link did not present its lesson")
        self.assertEqual((state["lesson"]["step"], state["view"]), (6, "simplex"))
        self.assertEqual(len(state["p"]), 3)
        p, q = state["p"], state["q"]
        # Wait until the triangle stands still: the first frames of presentation mode
        # still lay out the panels around it.
        deadline = time.time() + 10
        point = lambda values: self.driver.execute_script("return window.klscope.simplex_point(...arguments)", *values)
        start, previous = None, None
        while start is None or start != previous:
            self.assertLess(time.time(), deadline, "the simplex view drew no triangle that stood still")
            previous = start
            time.sleep(0.25)
            start = point(q)
        end = point(p)
        actions = ActionBuilder(self.driver, duration=16)
        pointer = actions.pointer_action
        pointer.move_to_location(int(start[0]), int(start[1]))
        pointer.pointer_down(MouseButton.LEFT)
        for k in range(1, 11):
            pointer.move_to_location(int(start[0] + (end[0] - start[0]) * k / 10),
                                     int(start[1] + (end[1] - start[1]) * k / 10))
        pointer.release(MouseButton.LEFT)
        actions.perform()
        ms = self.driver.execute_script("return window.klscope.frame_ms()")
        state = self.wait_for(lambda s: s["q"] != q, "a drag on the simplex did not move Q")
        self.assertEqual(state["p"], p, "P stays")
        self.assertAlmostEqual(sum(state["q"]), 1.0, places=9)
        distance = lambda a: sum((x - y) ** 2 for x, y in zip(a, p))
        self.assertLess(distance(state["q"]), distance(q), f"Q moved towards P: {q} -> {state['q']}")
        self.assertIsNone(self.driver.execute_script("return window.klscope.panic_message()"))
        if ms is not None:
            print(f"\nframe while dragging on the simplex, presenting: {ms:.2f} ms", file=sys.stderr)

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def near_any(text, hidden, within=1e-4):
    """The numbers in `text` that are within `within` of one of `hidden`."""
    return [x for x in NUMBER.findall(text) for h in hidden if abs(float(x) - h) <= within]


class ClassroomPages(unittest.TestCase):
    """A teacher's page and a student's page against `klscope classroom` on 127.0.0.1: the
    student's answer reaches the teacher's count, the spread shows it after Show answers,
    and before Reveal the student's page holds no hidden number in its state() or its
    painted text."""

    server = None

    @classmethod
    def setUpClass(cls):
        if not (DIST / "index.html").exists():
            raise unittest.SkipTest("no web/dist: run web/build.sh first")
        binary = next((c for c in (ROOT / "target" / "debug" / "klscope", ROOT / "target" / "release" / "klscope")
                       if c.exists()), None)
        command = [str(binary)] if binary else ["cargo", "run", "--quiet", "--"]
        cls.port = free_port()
        cls.server = subprocess.Popen(
            command + ["classroom", "--bind", f"127.0.0.1:{cls.port}", "--site", str(DIST)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.base = f"http://127.0.0.1:{cls.port}/"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("klscope classroom did not start listening within 60 s")

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.send_signal(2)  # Ctrl+C: the server stops cleanly
            cls.server.wait(timeout=20)

    def setUp(self):
        self.drivers = []

    def tearDown(self):
        for driver, profile in self.drivers:
            logs = driver.get_log("browser")
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
            panics = [entry["message"] for entry in logs if "panicked" in entry["message"]]
            self.assertEqual(panics, [], "a page logged a panic")

    def new_page(self, suffix):
        profile = tempfile.mkdtemp(prefix="klscope-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--use-angle=swiftshader",
                     "--enable-unsafe-swiftshader", "--window-size=1280,800", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                     f"--user-data-dir={profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        self.drivers.append((driver, profile))
        driver.get(self.base + suffix)
        return self.wait_frame(driver)

    def wait_frame(self, driver):
        deadline = time.time() + 60
        while time.time() < deadline:
            if driver.execute_script("return window.klscope && window.klscope.bar('Q', 0) ? 1 : null"):
                return driver
            time.sleep(0.05)
        self.fail("the page drew no frame within 60 s")

    def state(self, driver):
        text = driver.execute_script("return window.klscope.state()")
        self.assertIsNotNone(text, "the app is not running")
        return json.loads(text)

    def wait_for(self, driver, condition, what, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            state = self.state(driver)
            if condition(state):
                return state
            time.sleep(0.05)
        self.fail(f"{what}; the page shows {json.dumps(self.state(driver))[:800]}")

    def click(self, driver, label):
        deadline = time.time() + 20
        while time.time() < deadline:
            where = driver.execute_script("return window.klscope.lesson_button(arguments[0])", label)
            if where is not None:
                actions = ActionBuilder(driver, duration=16)
                actions.pointer_action.move_to_location(int(where[0]), int(where[1]))
                actions.pointer_action.pointer_down(MouseButton.LEFT)
                actions.pointer_action.release(MouseButton.LEFT)
                actions.perform()
                return
            time.sleep(0.05)
        self.fail(f"the page shows no button '{label}'")

    def painted(self, driver):
        driver.execute_script("return window.klscope.painted_text()")  # starts noting them
        deadline = time.time() + 20
        while time.time() < deadline:
            text = driver.execute_script("return window.klscope.painted_text()")
            if text:
                return text
            # A pointer moving over the canvas asks for a frame.
            actions = ActionBuilder(driver, duration=16)
            actions.pointer_action.move_to_location(640 + int(time.time() * 10) % 3, 400)
            actions.perform()
            time.sleep(0.1)
        self.fail("the page says nothing of what it painted")

    def test_a_students_answer_reaches_the_teachers_count_and_spread_and_nothing_hidden_leaks_before_reveal(self):
        teacher = self.new_page("?lesson=asymmetry&teach=1")
        state = self.wait_for(teacher, lambda s: s["classroom"] and s["classroom"]["code"], "no room was made")
        room = state["classroom"]
        self.assertEqual(room["role"], "teacher")
        self.assertEqual(room["join_link"], f"{self.base}?room={room['code']}")
        self.assertNotIn("token", json.dumps(state), "the teacher's token is never on the page")

        student = self.new_page(f"?room={room['code']}")
        state = self.wait_for(student, lambda s: s["classroom"] and s["classroom"]["step"] == 1 and s["lesson"],
                              "the student's page did not reach the teacher's step")
        self.assertEqual(state["classroom"]["role"], "student")
        self.assertTrue(state["lesson"]["pending"])
        self.assertEqual(state["p"], self.state(teacher)["p"], "the teacher's P")
        core = json.loads(native_klscope("compute", "--p", ",".join(map(repr, state["p"])), "--q",
                                         ",".join(map(repr, state["q"])), "--json"))
        hidden = [core["kl_pq"], core["kl_qp"]]
        self.assertIsNone(state["kl_pq"])
        self.assertIsNone(state["kl_qp"])
        self.assertEqual(near_any(json.dumps(state), hidden), [], "the student's state() holds a hidden number")
        self.assertEqual(near_any(self.painted(student), hidden), [], "the student's page paints a hidden number")
        self.wait_for(teacher, lambda s: (s["classroom"]["counts"] or {}).get("joined") == 1, "no one joined")

        self.click(student, "KL(Q||P)")
        self.wait_for(student, lambda s: s["classroom"]["answered"], "the answer was not taken")
        state = self.wait_for(teacher, lambda s: s["classroom"]["counts"]["answered"] == 1,
                              "the answer did not reach the teacher's count")
        self.assertIsNone(state["classroom"]["spread"], "what was answered stays hidden until Show answers")
        # A reload rejoins as the same student (the id is in the page's storage), answer kept.
        student.refresh()
        self.wait_frame(student)
        self.wait_for(student, lambda s: s["classroom"] and s["classroom"]["answered"],
                      "the reloaded page lost the answer")
        self.assertEqual(self.state(teacher)["classroom"]["counts"]["joined"], 1, "a reload is not a new student")

        self.click(teacher, "Show answers")
        state = self.wait_for(teacher, lambda s: s["classroom"]["spread"] is not None, "Show answers showed nothing")
        bars = {bar["label"]: bar["count"] for bar in state["classroom"]["spread"]["bars"]}
        self.assertEqual(bars.get("KL(Q||P)"), 1, bars)
        self.assertEqual(sum(bars.values()), 1, bars)
        self.assertTrue(all(bar["right"] is None for bar in state["classroom"]["spread"]["bars"]))
        self.assertEqual(near_any(json.dumps(self.state(student)), hidden), [], "Show answers reveals nothing")
        self.assertEqual(near_any(self.painted(student), hidden), [], "Show answers reveals nothing")

        self.click(teacher, "Reveal to the class")
        state = self.wait_for(student, lambda s: s["classroom"]["revealed"] is not None, "the reveal did not arrive")
        self.assertEqual(state["classroom"]["revealed"]["your_answer"], "KL(Q||P)")
        self.assertAlmostEqual(state["kl_pq"], core["kl_pq"], places=12)
        state = self.wait_for(teacher, lambda s: any(b["right"] for b in s["classroom"]["spread"]["bars"]),
                              "the right answer was not marked")



def png_pixels(data):
    """The rows of an 8-bit RGB or RGBA PNG (as Chromium writes them) as lists of (r, g, b)."""
    import zlib
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), f"PNG of depth {depth} and colour type {color}"
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return rows


class Phone(Browser):
    """The page on a phone: 390×844 CSS pixels at three device pixels each, with touch."""

    def setUp(self):
        self.profile = tempfile.mkdtemp(prefix="klscope-phone-")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--use-angle=swiftshader",
                     "--enable-unsafe-swiftshader", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                     f"--user-data-dir={self.profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 1.0, "touch": True},
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/120.0 Mobile Safari/537.36"})
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        self.driver.set_script_timeout(30)
        self.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})

    def touch(self, kind, x=None, y=None):
        # One finger throughout: eframe follows the touch that started, by its id.
        points = [] if kind in ("touchEnd", "touchCancel") else [{"x": x, "y": y, "id": 1}]
        self.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    def tap(self, x, y):
        self.touch("touchStart", x, y)
        time.sleep(0.05)
        self.touch("touchEnd")

    def right_edge(self, width_css):
        """The rightmost `width_css` CSS pixels of the screen, as rows of device pixels."""
        view = self.driver.execute_script("return [window.innerWidth, window.innerHeight]")
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png",
            "clip": {"x": view[0] - width_css, "y": 0, "width": width_css, "height": view[1], "scale": 1}})
        return png_pixels(base64.b64decode(shot["data"]))

    def test_a_lesson_on_a_phone_shows_its_question_within_the_screen_and_a_tap_answers_it(self):
        self.open_page("?lesson=asymmetry&step=1")
        state = self.wait_for(lambda s: s["lesson"] is not None and s["lesson"]["step"] == 1,
                              "the lesson link opened no lesson")
        self.assertTrue(state["lesson"]["pending"])
        width, height, ratio = self.driver.execute_script(
            "return [window.innerWidth, window.innerHeight, window.devicePixelRatio]")
        self.assertEqual((width, height, ratio), (390, 844, 1), "the phone's screen")
        self.assertTrue(self.driver.execute_script("return navigator.maxTouchPoints > 0"), "a touch screen")
        # Every answer (and Reveal) is a button a finger can hit, wholly on the screen.
        deadline = time.time() + 10
        for label in ("KL(P||Q)", "KL(Q||P)", "They are equal", "Reveal"):
            self.lesson_button(label)
            while True:
                left, top, right, bottom = self.driver.execute_script(
                    "return window.klscope.lesson_button_rect(arguments[0])", label)
                if bottom - top >= 44 or time.time() > deadline:
                    break
                time.sleep(0.1)
            self.assertGreaterEqual(bottom - top, 44 - 0.5, f"'{label}' is {bottom - top:.0f} px tall")
            self.assertTrue(0 <= left and right <= width and 0 <= top and bottom <= height,
                            f"'{label}' at {[left, top, right, bottom]} is not within the {width}×{height} screen")
        # Nothing is drawn into the last few pixels at the right: no text runs off the
        # screen there (the column keeps its margin; the top bar's rule may cross it).
        background = self.right_edge(4)[height - 2][0]
        edge = self.right_edge(4)
        inked = [y for y, row in enumerate(edge)
                 if any(max(abs(a - b) for a, b in zip(pixel, background)) > 40 for pixel in row)]
        self.assertLessEqual(len(inked), 2, f"something is drawn at the right edge on device rows {inked[:40]}")
        # A tap on an answer records it.
        x, y = self.lesson_button("KL(Q||P)")
        self.tap(x, y)
        state = self.wait_for(lambda s: not s["lesson"]["pending"], "tapping an answer answered nothing")
        self.assertEqual(state["lesson"]["answer"], "KL(Q||P)")
        self.assertIn(state["lesson"]["correct"], (True, False))


# The phone runs its own tests, not the desktop's it inherits with the server and helpers.
for _name in [name for name in dir(Browser) if name.startswith("test_") and name not in Phone.__dict__]:
    setattr(Phone, _name, None)


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    failed = len(result.failures) + len(result.errors)
    print(f"web: {result.testsRun - failed - len(result.skipped)} passed, {failed} failed, "
          f"{len(result.skipped)} skipped")
    sys.exit(1 if failed or result.skipped else 0)
