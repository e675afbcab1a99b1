"""The guide as data, tested on a small guide-shaped sample the project wrote (tests/harness/data)."""

from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from harness.browser import find_browser
from harness.guide import guide_blocks, label_status, quoted_labels
from harness.html_report import write_annotated_guide

SAMPLE = Path(__file__).parent / "data" / "sample-guide.txt"


def test_quoted_labels_are_found_in_order_without_markup():
    text = "Cliquez sur « **Suivant** » puis « [Aide](#) », encore « Suivant »."
    assert quoted_labels(text) == ["Suivant", "Aide"]
    assert quoted_labels(SAMPLE.read_text(encoding="utf-8"))[:3] == ["Connexion", "Inscription immédiate", "Mon Profil"]


def test_the_guide_is_cut_into_sections_and_items_with_their_locations():
    blocks = guide_blocks(SAMPLE.read_text(encoding="utf-8"))
    assert [b["location"] for b in blocks] == ["1", "1.i", "1.ii", "1.iii", "2", "2.ii", "3", "3.vii"]
    assert blocks[-1]["lines"][1].startswith("Remarque")  # a remark belongs to the item it follows


def test_label_status_tells_found_missing_and_unused():
    reports = [{"scenarios": [{"labels": [
        {"label": "Connexion", "shown_as": "Sign in", "role": "link", "url": "/", "found": True},
        {"label": "Suivant", "shown_as": "Suivant", "role": "button", "url": "/etape/3", "found": False},
    ]}]}]
    status = label_status(["Connexion", "Suivant", "Mon Profil"], reports)
    assert status["found"] == [{"label": "Connexion", "shown_as": ["Sign in"], "times": 1}]
    assert status["missing"] == [{"label": "Suivant", "pages": ["/etape/3"]}]
    assert status["unused"] == [{"label": "Mon Profil"}]


def test_the_annotated_guide_marks_each_instruction_with_its_verdicts(tmp_path):
    report = {
        "verdict": "NOT CONFORMANT",
        "run": {"run_id": "r1"},
        "requirements": [
            {"id": "REQ-REG-02", "location": "1.ii", "level": "MUST", "statement": "Register link.",
             "verdict": "failed"},
            {"id": "REQ-SES-01", "location": "3.vii", "level": "MUST", "statement": "Timeout.",
             "verdict": "conformant"},
            {"id": "REQ-AID-01", "location": "7", "level": "MUST", "statement": "Help.", "verdict": "conformant"},
        ],
    }
    path = write_annotated_guide(report, tmp_path, SAMPLE)
    choice = find_browser()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**choice.launch_args())
        page = browser.new_page()
        page.goto(path.as_uri())
        expect(page.get_by_role("status", name="Verdict")).to_have_text("NOT CONFORMANT")
        item = page.get_by_role("region", name="1.ii", exact=True)
        expect(item).to_contain_text("Inscription immédiate")
        expect(item).to_contain_text("failed")
        expect(item).to_contain_text("REQ-REG-02")
        expect(page.get_by_role("region", name="3.vii", exact=True)).to_contain_text("conformant")
        expect(page.get_by_role("region", name="1.i", exact=True)).to_contain_text("aucune exigence")
        expect(page.get_by_text("ne figure pas dans ce guide : 7")).to_be_visible()
        browser.close()
