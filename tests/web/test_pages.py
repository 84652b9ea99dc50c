"""The web pages in a real headless Chromium against a real server (issue 8)."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect
from rdflib import Graph, URIRef

from tests.api.conftest import Server
from tests.web.site import COUNCIL_1334, PAGES, PP_140, D
from tests.web.site import page as url

PP_140_2022 = D + "itu-pp/2022/res-140"
PP_140_2018 = D + "itu-pp/2018/res-140"
PP_140_2014 = D + "itu-pp/2014/res-140"
FRENCH_DOC = "https://w3id.org/reskg/doc/itu-council-res1334-2023-fr.txt"


def test_search_finds_the_french_council_resolution_from_its_number(
    server: Server, page: Page
) -> None:
    page.goto(server.base + "/")
    page.get_by_label("Search instruments").fill("1334")
    page.keyboard.press("Enter")
    hit = (
        page.locator(".hit")
        .filter(has=page.locator(".badge", has_text="fr"))
        .filter(has_text="Council Resolution 1334 (2023)")
    )
    expect(hit).to_have_count(1)
    hit.get_by_role("link", name="Council Resolution 1334 (2023)").click()
    expect(page).to_have_url(server.base + page_path(COUNCIL_1334))
    expect(page.get_by_role("heading", level=1)).to_have_text("Council Resolution 1334 (2023)")


def test_instrument_page_shows_ten_sections_and_highlighted_citations(
    server: Server, page: Page
) -> None:
    page.goto(server.base + page_path(COUNCIL_1334))
    sections = page.locator(".sections > section")
    expect(sections).to_have_count(10)
    expect(sections.first.locator("h3")).to_contain_text("rappelant")
    expect(sections.nth(9).locator("h3")).to_contain_text("encourage les membres")
    marks = page.locator("mark.cite")
    assert marks.count() >= 20
    cite = marks.filter(has_text="Résolution 140 (Rév. Bucarest, 2022)")
    expect(cite).to_have_count(1)
    link = cite.get_by_role("link")
    expect(link).to_have_attribute("href", page_path(PP_140_2022))
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PP Resolution 140 (Bucharest, 2022)")
    # Cited only, the 2022 version shows the text held of its work: the 2018 version.
    expect(page.locator("#versions-h")).to_be_visible()
    expect(page.locator("tr", has_text="2022").locator(".badge.force")).to_have_count(1)


def test_instrument_page_lists_relations_and_downloads(server: Server, page: Page) -> None:
    page.goto(server.base + page_path(COUNCIL_1334))
    cites = page.locator("section[aria-labelledby=cites-h]")
    expect(cites.locator("h3", has_text="Recalls")).to_have_count(1)
    expect(cites.get_by_role("link", name="PP Resolution 73 (Minneapolis, 1998)")).to_be_visible()
    turtle = page.get_by_role("link", name="Turtle")
    href = turtle.get_attribute("href")
    assert href is not None
    answer = httpx.get(server.base + href, timeout=30)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.text, format="turtle")
    assert (URIRef(FRENCH_DOC), None, None) in graph


def test_lineage_view_of_pp_140_draws_the_version_chain(server: Server, page: Page) -> None:
    page.goto(server.base + url("/lineage/view", id="Res. 140 Rev. Bucharest", depth="1"))
    revises = page.locator("path.edge.revises")
    pairs = {
        (revises.nth(i).get_attribute("data-source"), revises.nth(i).get_attribute("data-target"))
        for i in range(revises.count())
    }
    assert {(PP_140_2022, PP_140_2018), (PP_140_2018, PP_140_2014)} <= pairs
    boxes = [
        page.locator(f'.node[data-id="{v}"] rect').bounding_box()
        for v in (PP_140_2022, PP_140_2018, PP_140_2014)
    ]
    assert all(box is not None for box in boxes)
    xs = [box["x"] for box in boxes if box is not None]
    ys = [box["y"] for box in boxes if box is not None]
    assert xs == sorted(xs) and max(ys) - min(ys) < 4  # one row, newest first
    page.get_by_role("button", name="Table").click()
    table = page.locator("table.links")
    expect(table).to_be_visible()
    expect(page.locator("#diagram")).to_be_hidden()
    expect(table.locator("tr", has_text="revises")).to_have_count(len(pairs))
    page.get_by_role("button", name="Diagram").click()
    page.locator(f'.node[data-id="{PP_140_2018}"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PP Resolution 140 (Dubai, 2018)")


def test_diagram_zooms_and_pans_from_the_keyboard(server: Server, page: Page) -> None:
    page.goto(server.base + url("/lineage/view", id=PP_140, depth="2"))

    def view() -> list[float]:
        box = page.locator("#lineage-svg").get_attribute("viewBox") or ""
        return [float(v) for v in box.split()]

    start = view()
    page.locator("#viewport").focus()
    page.keyboard.press("+")
    zoomed = view()
    assert zoomed[2] < start[2]
    page.keyboard.press("ArrowRight")
    assert view()[0] > zoomed[0]
    width = float(page.locator("#lineage-svg").get_attribute("data-width") or 0)
    page.keyboard.press("0")
    assert view()[2] == pytest.approx(width, abs=0.2)
    page.get_by_role("button", name="Zoom in").click()
    assert view()[2] < width
    page.get_by_role("button", name="Fit").click()
    assert view()[2] == pytest.approx(width, abs=0.2)


def test_a_named_query_runs_and_shows_rows(server: Server, page: Page) -> None:
    page.goto(server.base + "/sparql/editor")
    page.get_by_label("Examples: the named queries").select_option("version-chain")
    expect(page.get_by_label("Query")).to_have_value(re.compile("rkg:hasVersion"))
    page.get_by_role("button", name="Run").click()
    rows = page.locator(".results-table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 3
    link = page.locator(".results-table a", has_text="itu-pp/2018/res-140").first
    expect(link).to_have_attribute("href", page_path(PP_140_2018))
    expect(page).to_have_url(re.compile(r"/sparql/editor\?query=.*hasVersion"))
    formats = page.locator("#downloads a")
    hrefs = [formats.nth(i).get_attribute("href") or "" for i in range(formats.count())]
    assert [h.rsplit("=", 1)[-1] for h in hrefs] == ["json", "xml", "csv", "tsv"]
    csv = httpx.get(server.base + hrefs[2], timeout=30)
    assert csv.status_code == 200 and csv.text.startswith("work,version,year")


def test_a_permalink_runs_its_query(server: Server, page: Page) -> None:
    ask = "PREFIX rkg: <https://w3id.org/reskg/ont#> ASK { ?v rkg:versionYear 2018 }"
    page.goto(server.base + url("/sparql/editor", query=ask))
    expect(page.locator("#status")).to_have_text(re.compile("Answer: yes"))
    expect(page.locator("#highlight .tok-keyword", has_text="ASK")).to_have_count(1)


def test_a_bad_query_says_why(server: Server, page: Page) -> None:
    page.goto(server.base + url("/sparql/editor", query="SELECT * WHERE { ?s ?p }"))
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#status")).to_have_text(re.compile("failed \\(400\\)"))


def test_an_unknown_instrument_is_a_404_page(server: Server) -> None:
    answer = httpx.get(server.base + page_path(D + "itu-pp/res-9999"), timeout=30)
    assert answer.status_code == 404
    assert "text/html" in answer.headers["content-type"]
    assert "no instrument" in answer.text


def test_keyboard_reaches_the_skip_link_first_and_every_control_is_labelled(
    server: Server, page: Page
) -> None:
    for _, path, _ in PAGES:
        page.goto(server.base + path)
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text("Skip to content")
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input, select, textarea')]
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
                .map(e => e.id || e.name)"""
        )
        assert unlabelled == [], path


@pytest.mark.parametrize("path", [p for _, p, _ in PAGES], ids=[n for n, _, _ in PAGES])
def test_pages_fit_a_phone_screen(server: Server, phone: Page, path: str) -> None:
    phone.goto(server.base + path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} scrolls sideways: {width}px"


def page_path(iri: str) -> str:
    return url("/instrument", id=iri)
