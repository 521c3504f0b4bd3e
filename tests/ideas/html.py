"""Structure checks for rendered pages: one <h1>, a label for every visible input."""

from html.parser import HTMLParser

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageOutline(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.h1_count = 0
        self.input_ids = []
        self.label_targets = set()
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        elif tag in {"input", "select", "textarea"} and attrs.get("type") not in UNLABELLED_TYPES:
            self.input_ids.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    @property
    def unlabelled_inputs(self):
        return [input_id for input_id in self.input_ids if input_id not in self.label_targets]


def outline(response):
    return PageOutline(response.content.decode())


def assert_well_formed_page(response):
    """The shell's page rules: exactly one <h1>, and every visible input has a <label>."""
    page = outline(response)
    assert page.h1_count == 1, f"{page.h1_count} <h1> elements"
    assert page.unlabelled_inputs == []
    return page
