"""One reading of a rendered page for the structure checks every page must pass:
one <h1>, and a label for every field a person fills in (STYLE.md, DESIGN.md)."""

from html.parser import HTMLParser

# Inputs a person does not type into, which need no <label>.
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "image", "reset"}


class PageOutline(HTMLParser):
    """A page's title, h1s, labels, fields, buttons and forms, and every tag in order."""

    def __init__(self, html):
        super().__init__()
        self.h1_count = 0
        self.title = ""
        self.label_targets = set()
        self.fields = []  # the attributes of each input, select and textarea a person fills in
        self.fields_inside_labels = []
        self.buttons = []
        self.forms = []
        self.tags = []
        self._label_depth = 0
        self._in_title = False
        self.feed(html if isinstance(html, str) else html.decode())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "h1":
            self.h1_count += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_targets.add(attrs["for"])
        elif tag in {"input", "select", "textarea"}:
            if attrs.get("type", "text") in UNLABELLED_INPUT_TYPES:
                return
            self.fields.append(attrs)
            if self._label_depth:
                self.fields_inside_labels.append(attrs)
        elif tag == "button":
            self.buttons.append(attrs)
        elif tag == "form":
            self.forms.append(attrs)

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    @property
    def input_ids(self):
        return [attrs.get("id") for attrs in self.fields]

    def unlabelled_fields(self):
        """Fields with no <label for=...>, no label around them and no aria-label."""
        return [
            attrs
            for attrs in self.fields
            if not (
                attrs.get("aria-label")
                or attrs in self.fields_inside_labels
                or (attrs.get("id") and attrs["id"] in self.label_targets)
            )
        ]

    def first_index(self, tag, css_class=None):
        """Where the first `tag` (with `css_class`) comes in the page, or None."""
        for index, (name, attrs) in enumerate(self.tags):
            if name == tag and (css_class is None or css_class in attrs.get("class", "")):
                return index
        return None


def outline(response_or_html):
    content = getattr(response_or_html, "content", response_or_html)
    return PageOutline(content)


def assert_well_formed_page(response_or_html):
    """Exactly one <h1>, and every field a person fills in has a label."""
    page = outline(response_or_html)
    assert page.h1_count == 1, f"expected one <h1>, found {page.h1_count}"
    assert page.unlabelled_fields() == [], f"fields without a label: {page.unlabelled_fields()}"
    return page
