"""Each format to documents: text, title, date, author, other fields kept as metadata."""

from __future__ import annotations

import csv
import json

import pytest

from explorer.ingest import IngestFailure, read_file


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding, newline="")
    return path


def test_txt_with_windows_line_ends_and_controls(tmp_path):
    path = write(tmp_path, "note.txt", "Title line\r\n\r\nBody \x1b[1mbold\x1b[0m text.\r\n")
    [doc] = read_file(path)
    assert doc.text == "Title line\n\nBody bold text.\n"
    assert doc.title == "Title line"
    assert doc.id == "note.txt"
    assert doc.path == str(path)
    assert len(doc.sha256) == 64


def test_latin1_txt_file_reads_without_mojibake(tmp_path):
    text = "Économie française\n\nLe ministre a déclaré que la réforme était nécessaire."
    [doc] = read_file(write(tmp_path, "fr.txt", text, encoding="latin-1"))
    assert doc.text == text
    assert doc.title == "Économie française"


def test_markdown_is_stripped_to_text_with_the_heading_as_title(tmp_path):
    source = (
        "---\ntitle: Front Title\ndate: 2020-01-05\nauthor: Jane Roe\ntags: trade\n---\n"
        "# Big Heading\n\nSome *emphasis*, a [link](http://example.com) and `code`.\n\n"
        "## Table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nkept code\n```\n"
    )
    [doc] = read_file(write(tmp_path, "post.md", source))
    assert doc.text == (
        "Big Heading\n\nSome emphasis, a link and code.\n\nTable\n\na\tb\n\n1\t2\n\nkept code"
    )
    assert (doc.title, doc.date, doc.author) == ("Front Title", "2020-01-05", "Jane Roe")
    assert doc.meta == {"tags": "trade"}


def test_markdown_without_front_matter_takes_its_first_heading(tmp_path):
    [doc] = read_file(write(tmp_path, "a.md", "Intro line\n\n## Second level\n\n# Top\n\nText"))
    assert doc.title == "Top"
    assert "#" not in doc.text


HTML = """<!doctype html><html><head><title>Site | Page</title>
<meta property="og:title" content="Trade talks in Moscow">
<meta name="author" content="By Abdul Kerimkhanov">
<meta property="article:published_time" content="2019-04-30T09:15:00+03:00">
<meta name="description" content="Iran and Russia">
<style>p { color: red }</style><script>alert("x")</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Trade talks</h1><p>Iranian Ambassador <b>Mehdi Sanai</b> met officials.</p>
<p>Line one<br>line two</p><ul><li>first</li><li>second</li></ul>
<script>var tracking = 1;</script></article>
<footer>Copyright 2019</footer></body></html>"""


def test_html_main_text_title_date_author_without_scripts_or_navigation(tmp_path):
    [doc] = read_file(write(tmp_path, "page.html", HTML))
    assert doc.text == (
        "Trade talks\n\nIranian Ambassador Mehdi Sanai met officials.\n\n"
        "Line one\nline two\n\nfirst\n\nsecond"
    )
    assert (doc.title, doc.date, doc.author) == (
        "Trade talks in Moscow",
        "2019-04-30",
        "Abdul Kerimkhanov",
    )
    assert doc.meta["description"] == "Iran and Russia"
    for junk in ("alert", "tracking", "Home", "Copyright", "color"):
        assert junk not in doc.text


def test_a_page_of_several_articles_keeps_them_all(tmp_path):
    page = (
        "<html><body><header>Site</header><main><article><h2>One</h2><p>First.</p></article>"
        "<article><h2>Two</h2><p>Second.</p></article></main><aside>Ads</aside></body></html>"
    )
    [doc] = read_file(write(tmp_path, "index.html", page))
    assert doc.text == "One\n\nFirst.\n\nTwo\n\nSecond."


def test_htm_without_article_uses_body_and_title_tag(tmp_path):
    page = (
        "<html><head><title> Plain page </title></head><body><p>Hello &amp; bye.</p></body></html>"
    )
    [doc] = read_file(write(tmp_path, "p.htm", page))
    assert (doc.title, doc.text) == ("Plain page", "Hello & bye.")


def test_html_markup_in_text_is_never_interpreted_twice(tmp_path):
    [doc] = read_file(
        write(tmp_path, "x.html", "<p>a &lt;b&gt;not bold&lt;/b&gt; [red]x[/red]</p>")
    )
    assert doc.text == "a <b>not bold</b> [red]x[/red]"


def test_jsonl_one_document_per_record_with_known_fields(tmp_path):
    lines = [
        {
            "id": "a1",
            "title": "First",
            "text": "Alpha text.",
            "date": "30 April 2019",
            "author": "By Ann",
            "url": "http://x/1",
            "section": "world",
        },
        {"body": "Beta text without id.", "tags": ["x", "y"]},
        {"content": "Gamma."},
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    docs = read_file(path)
    assert [d.id for d in docs] == ["feed.jsonl#a1", "feed.jsonl#2", "feed.jsonl#3"]
    first = docs[0]
    assert (first.text, first.title, first.date, first.author) == (
        "Alpha text.",
        "First",
        "2019-04-30",
        "Ann",
    )
    assert first.meta["url"] == "http://x/1" and first.meta["section"] == "world"
    assert docs[1].meta["tags"] == ["x", "y"]
    assert docs[1].title == "Beta text without id."


def test_json_array_and_wrapped_list(tmp_path):
    docs = read_file(write(tmp_path, "a.json", json.dumps([{"text": "One."}, {"text": "Two."}])))
    assert [d.text for d in docs] == ["One.", "Two."]
    docs = read_file(write(tmp_path, "b.json", json.dumps({"documents": [{"content": "Three."}]})))
    assert [d.text for d in docs] == ["Three."]
    [doc] = read_file(write(tmp_path, "c.json", json.dumps({"text": "Single.", "title": "T"})))
    assert (doc.text, doc.title) == ("Single.", "T")


def test_records_without_text_fail_alone(tmp_path):
    from explorer.ingest import read_source

    path = write(tmp_path, "mixed.jsonl", '{"text": "Fine."}\n{"title": "no text"}\nnot json\n')
    docs, errors = read_source(path)
    assert [d.text for d in docs] == ["Fine."]
    assert [e.path for e in errors] == [f"{path}#2", f"{path}#3"]
    assert "no text" in errors[0].message and "not valid JSON" in errors[1].message


def test_csv_rows_with_other_columns_in_meta(tmp_path):
    path = tmp_path / "rows.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID", "Title", "Body", "Date", "Author", "Source"])
        writer.writerow(["r1", "Row one", "Text, with a comma.", "2019-04-30", "Ann", "wire"])
        writer.writerow(["r2", "Row two", "Second\nline.", "", "", "paper"])
    docs = read_file(path)
    assert [d.id for d in docs] == ["rows.csv#r1", "rows.csv#r2"]
    assert docs[0].text == "Text, with a comma."
    assert (docs[0].title, docs[0].date, docs[0].author) == ("Row one", "2019-04-30", "Ann")
    assert docs[0].meta["Source"] == "wire"
    assert docs[1].text == "Second\nline."


def test_csv_without_a_text_column_is_a_clear_failure(tmp_path):
    with pytest.raises(IngestFailure, match="no text, body or content column"):
        read_file(write(tmp_path, "x.csv", "a,b\n1,2\n"))


def _tiny_pdf(text: str) -> bytes:
    """A minimal one-page PDF with a text layer, written by hand (offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Hand made) /Author (Ann Lee) /CreationDate (D:20190430120000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_layer_and_metadata(tmp_path):
    [doc] = read_file(write(tmp_path, "paper.pdf", _tiny_pdf("Trade reached 500 million.")))
    assert "Trade reached 500 million." in doc.text
    assert (doc.title, doc.author, doc.date) == ("Hand made", "Ann Lee", "2019-04-30")


def test_broken_pdf_is_a_clear_failure(tmp_path):
    with pytest.raises(IngestFailure, match="PDF"):
        read_file(write(tmp_path, "bad.pdf", b"%PDF-1.4\nthis is not really a pdf"))


def test_html_declared_charset_is_honoured_when_not_utf8(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "</head><body><p>Привет из Москвы, сказал министр.</p></body></html>"
    )
    [doc] = read_file(write(tmp_path, "ru.html", page, encoding="koi8-r"))
    assert doc.text == "Привет из Москвы, сказал министр."
    latin = '<meta charset="iso-8859-1"><p>Café “crème” – déjà vu</p>'
    [doc] = read_file(write(tmp_path, "fr.html", latin, encoding="cp1252"))
    assert doc.text == "Café “crème” – déjà vu"


def test_html_table_rows_are_lines_with_tab_separated_cells(tmp_path):
    page = (
        "<table><tr><th>Country</th><th>Trade</th></tr><tr><td>Iran</td><td>$500m</td></tr></table>"
    )
    [doc] = read_file(write(tmp_path, "t.html", page))
    assert doc.text == "Country\tTrade\n\nIran\t$500m"
