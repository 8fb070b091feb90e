"""The review desk in headless Chromium, as three people would use it. Run by run.sh."""

import argparse
import base64
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import zipfile

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

args = argparse.ArgumentParser()
for name in ("base", "out", "work", "editor", "secrecy", "head", "db"):
    args.add_argument(f"--{name}", required=True)
args = args.parse_args()

passed = 0
failed = 0
shots = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what} {detail}")


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for a in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tempfile.mkdtemp(dir=args.work)}",
        "--window-size=1280,1800",
        "--lang=zh-CN",
    ):
        opts.add_argument(a)
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    d.set_page_load_timeout(30)
    return d


def shot(d, name):
    global shots
    shots += 1
    path = os.path.join(args.out, f"{shots:02d}-{name}.png")
    d.save_screenshot(path)


def by_id(d, i):
    return d.find_element(By.ID, i)


def submit(d, button):
    """Clicks a submit button and waits until the next page has replaced this one."""
    origin = d.execute_script("return performance.timeOrigin")

    def loaded(d):
        try:
            return d.execute_script(
                "return document.readyState === 'complete' && performance.timeOrigin !== arguments[0]",
                origin,
            )
        except Exception:  # the old page went away mid-call: try again
            return False

    by_id(d, button).click()
    WebDriverWait(d, 30).until(loaded)


def no_alert(d):
    try:
        d.switch_to.alert
        return False
    except NoAlertPresentException:
        return True


def sign_in(name, token):
    d = browser()
    d.get(args.base + "/")
    by_id(d, "name").send_keys(name)
    by_id(d, "token").send_keys(token)
    submit(d, "login")
    check(f"{name} signs in", name in d.find_element(By.TAG_NAME, "header").text)
    return d


def state(d):
    return by_id(d, "state").get_attribute("data-state")


def sign(d, draft_url, opinion, button):
    d.get(draft_url)
    box = by_id(d, "opinion")
    box.clear()
    box.send_keys(opinion)
    submit(d, button)


def docx(path, paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )


editor = sign_in("张编辑", args.editor)
shot(editor, "home-editor")
cookies = {c["name"]: c for c in editor.get_cookies()}
session = cookies.get("zhscreen_session", {})
check("the session cookie is HttpOnly", session.get("httpOnly") is True, session)
check("the session cookie is SameSite=Strict", session.get("sameSite") == "Strict", session)

# A pasted draft holding markup and a prohibited term.
title = '<script>alert("t")</script>春季防汛通知'
text = "各单位要再接再励，做好防汛工作。<script>alert(1)</script><img src=x onerror=alert(2)>\n本店出售海洛因。"
by_id(editor, "title").send_keys(title)
by_id(editor, "platform").send_keys("微信公众号")
by_id(editor, "text").send_keys(text)
submit(editor, "create")
draft_url = editor.current_url
check("no script of the draft runs", no_alert(editor))
check("the title is shown as text", by_id(editor, "title").text == title, by_id(editor, "title").text)
body = editor.find_element(By.CLASS_NAME, "text").text
check("the text is shown as text", "<script>alert(1)</script>" in body and "<img src=x" in body, body)
marks = [m.text for m in editor.find_elements(By.CSS_SELECTOR, "mark.block")]
check("the prohibited term is highlighted as block", any("海洛因" in m for m in marks), marks)
check("the typo is highlighted", any("再接再励" in m.text for m in editor.find_elements(By.TAG_NAME, "mark")))
check("the verdict is 禁止发布", by_id(editor, "verdict").text == "禁止发布", by_id(editor, "verdict").text)
check("the draft waits for 初审", state(editor) == "awaiting_first")
shot(editor, "draft-v1")

# An uploaded Word document goes through the reading path of `zhscreen scan`.
path = os.path.join(args.work, "通知.docx")
docx(path, ["关于开展安全检查的通知", "请各单位联系王某某，电话13800138000。"])
editor.get(args.base + "/")
by_id(editor, "title").send_keys("安全检查通知")
by_id(editor, "platform").send_keys("门户网站")
by_id(editor, "file").send_keys(path)
submit(editor, "create")
uploaded = editor.find_element(By.CLASS_NAME, "text").text
check("the .docx paragraphs are the draft", "关于开展安全检查的通知" in uploaded and "13800138000" in uploaded, uploaded)
check("the phone number of the .docx is highlighted",
      any("13800138000" in m.text for m in editor.find_elements(By.TAG_NAME, "mark")))
shot(editor, "draft-uploaded")

# 初审, 复审, and a 终审 that is refused over the block finding, then a return.
sign(editor, draft_url, "初审：请复审", "approve")
check("初审 signed", state(editor) == "awaiting_second")
secrecy = sign_in("李保密", args.secrecy)
sign(secrecy, draft_url, "未见涉密内容", "approve")
check("复审 signed", state(secrecy) == "awaiting_final")
head = sign_in("王主任", args.head)
head.get(draft_url)
check("the head sees the approve button", len(head.find_elements(By.ID, "approve")) == 1)
sign(head, draft_url, "同意发布", "approve")
err = head.find_element(By.ID, "error").text
check("终审 approval over a block finding is refused", "终审不能同意" in err, err)
shot(head, "final-refused")
sign(head, draft_url, "删除违法内容后再报", "return")
check("the head returns the draft", state(head) == "returned")

# The editor makes version 2; the three stages start over and approve it.
editor.get(draft_url)
check("no sign form on a returned draft", len(editor.find_elements(By.ID, "approve")) == 0)
box = by_id(editor, "edit-text")
box.clear()
box.send_keys("各单位要再接再厉，做好防汛工作。")
submit(editor, "save")
check("version 2 waits for 初审", state(editor) == "awaiting_first" and "第 2 版" in editor.page_source)
check("version 2 passes the screening", by_id(editor, "verdict").text == "通过", by_id(editor, "verdict").text)
sign(editor, draft_url, "已修改", "approve")
check("初审 of version 2", state(editor) == "awaiting_second", editor.page_source[-3000:])
sign(secrecy, draft_url, "同意", "approve")
check("复审 of version 2", state(secrecy) == "awaiting_final")
sign(head, draft_url, "同意发布", "approve")
check("the draft is approved", state(head) == "approved")
history = by_id(head, "history").text
check("the history lists the return and the sign-offs", "退回修改" in history and "签署同意" in history, history)
shot(head, "approved")

# The sheet, printable.
head.get(draft_url + "/sheet")
sheet = head.find_element(By.TAG_NAME, "body").text
for needle in ("稿件审核表", "张编辑", "李保密", "王主任", "删除违法内容后再报", "规则指纹", "打印时审计链"):
    check(f"the sheet shows {needle}", needle in sheet)
check("the sheet shows the title as text", title in sheet)
shot(head, "sheet")
with open(os.path.join(args.out, "sheet.pdf"), "wb") as f:
    f.write(base64.b64decode(head.print_page()))

# Signing out.
editor.get(args.base + "/")
submit(editor, "logout")
check("signing out shows the sign-in page", len(editor.find_elements(By.ID, "login")) == 1)
editor.get(draft_url)
check("a draft needs a session again", len(editor.find_elements(By.ID, "login")) == 1)

for d in (editor, secrecy, head):
    d.quit()

# The audit chain, recomputed as docs/desk.md tells an auditor to.
prev = "0" * 64
links = 0
for row in sqlite3.connect(args.db).execute(
        "SELECT id, at, actor, kind, draft_id, data, prev_hash, hash FROM events ORDER BY id"):
    *content, h = row
    s = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    if content[-1] == prev and hashlib.sha256(s.encode()).hexdigest() == h:
        links += 1
    prev = h
check("the documented recomputation verifies every event", links > 10 and links == row[0], (links, row[0]))

print(f"e2e: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
