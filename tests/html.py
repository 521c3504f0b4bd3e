"""Checks every page must pass: one <h1>, and a label for every field."""

from html.parser import HTMLParser

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "image", "reset"}


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.fields = []  # (tag, id, name, has_aria_label)
        self.label_targets = set()
        self._label_depth = 0
        self.fields_inside_labels = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_targets.add(attrs["for"])
        elif tag in {"input", "select", "textarea"}:
            if tag == "input" and attrs.get("type", "text") in UNLABELLED_INPUT_TYPES:
                return
            field = (tag, attrs.get("id"), attrs.get("name"), bool(attrs.get("aria-label")))
            self.fields.append(field)
            if self._label_depth:
                self.fields_inside_labels.add(field)

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)

    def unlabelled_fields(self):
        return [
            field
            for field in self.fields
            if not (
                field[3] or field in self.fields_inside_labels or field[1] in self.label_targets
            )
        ]


def assert_well_formed_page(html):
    page = PageStructure()
    page.feed(html if isinstance(html, str) else html.decode())
    assert page.h1_count == 1, f"expected one <h1>, found {page.h1_count}"
    assert page.unlabelled_fields() == [], f"fields without a label: {page.unlabelled_fields()}"
