"""What a short page and a summary look like: the 404 page's footer sits at the bottom of the
window; summaries are cut to the same length in every language."""

from playwright.sync_api import Page


def test_the_footer_of_a_short_page_sits_at_the_bottom(site, page: Page):
    page.set_viewport_size({"width": 1280, "height": 1200})
    page.goto(f"{site}/en/platforms/no-such-platform/")
    footer = page.locator(".site-footer").bounding_box()
    assert abs(footer["y"] + footer["height"] - 1200) < 2


def test_summaries_are_cut_alike_in_every_language(site, page: Page):
    cut = []
    for lang in ("fi", "sv", "en"):
        page.goto(f"{site}/{lang}/platforms/?region=19")
        summaries = page.locator(".card__summary").all_inner_texts()
        assert all(len(text) <= 241 for text in summaries), lang
        cut += [len(text) for text in summaries if text.endswith("…")]
    assert cut and min(cut) >= 180  # cut near the limit, at a word boundary
