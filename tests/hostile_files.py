"""Hostile and broken files, built here byte by byte, for the importer's limit tests: a zip
bomb inside a Word file, a Word file that lies about its sizes, billion laughs, truncated
XML, a PDF nested 200,000 arrays deep and a PDF whose stream inflates to 200 MB."""

import functools
import io
import struct
import zlib

from docx import Document

GIB = 1024 * 1024 * 1024


def zip_bytes(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip of (name, stored data, method, crc, unpacked size) members, with the sizes as
    given: so a test can declare what it likes. No zip64: members stay under 4 GiB."""
    out, directory = io.BytesIO(), []
    for name, data, method, crc, size in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
            )
        )
        out.write(encoded + data)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for entry in directory:
        out.write(entry)
    out.write(
        struct.pack(
            "<IHHHHIIH",
            0x06054B50,
            0,
            0,
            len(directory),
            len(directory),
            out.tell() - start,
            start,
            0,
        )
    )
    return out.getvalue()


def stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, 0, zlib.crc32(data), len(data)


def deflated(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, compressor.compress(data) + compressor.flush(), 8, zlib.crc32(data), len(data)


@functools.cache
def gigabyte_of_zeros_deflated() -> tuple[bytes, int]:
    """1 GiB of zeros as a raw deflate stream of about 1 MB, and its CRC. Built from one
    16 MiB block repeated: a full flush makes each block stand alone, so nothing of the
    gigabyte is ever held in memory, here or in the importer."""
    chunk = b"\0" * (16 * 1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * (GIB // len(chunk)) + compressor.flush()
    crc = 0
    for _ in range(GIB // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


def word_parts(*paragraphs: str) -> list[tuple[str, bytes, int, int, int]]:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    import zipfile

    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        return [deflated(info.filename, archive.read(info)) for info in archive.infolist()]


def docx_with_member(name: str, data: bytes, crc: int, size: int, declared: int | None = None):
    parts = word_parts("Notes of the Safer and Stronger Communities Board", "Date: 9 May 2021")
    return zip_bytes([*parts, (name, data, 8, crc, size if declared is None else declared)])


def docx_zip_bomb() -> bytes:
    """About 1 MB, with a picture that unpacks to 1 GiB."""
    stream, crc = gigabyte_of_zeros_deflated()
    return docx_with_member("word/media/image1.png", stream, crc, GIB)


def docx_lying_about_size() -> bytes:
    """A document.xml that unpacks to 1 GiB, its directory entry claiming 1 KB."""
    stream, crc = gigabyte_of_zeros_deflated()
    parts = [p for p in word_parts("x") if p[0] != "word/document.xml"]
    return zip_bytes([*parts, ("word/document.xml", stream, 8, crc, 1024)])


def docx_with_document_xml(xml: bytes) -> bytes:
    parts = [p for p in word_parts("x") if p[0] != "word/document.xml"]
    return zip_bytes([*parts, stored("word/document.xml", xml)])


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(entities) + "]>"
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    return docx_with_document_xml(xml.encode())


def docx_truncated() -> bytes:
    xml = (
        f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "<w:p><w:r><w:t>Notes of the meeting</w:t></w:r></w:p>" * 50
    )
    return docx_with_document_xml(xml[: len(xml) - 30].encode())


def docx_repeated_paragraphs(count: int, text: str, head: tuple[str, ...] = ()) -> bytes:
    """The head's paragraphs, then count paragraphs of the same words: small once zipped,
    long to read if reading is quadratic anywhere."""
    paragraphs = [*head, *[text] * count]
    body = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in paragraphs)
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    parts = [p for p in word_parts("x") if p[0] != "word/document.xml"]
    return zip_bytes([*parts, deflated("word/document.xml", xml.encode())])


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1 is the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_page_with_content(content: bytes, filters: bytes = b"") -> bytes:
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d %s >>\nstream\n" % (len(content), filters) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_nested_arrays(depth: int = 200_000) -> bytes:
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Nested " + b"[" * depth + b"]" * depth + b" >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
        ]
    )


def pdf_huge_stream(size: int = 200 * 1024 * 1024) -> bytes:
    """A page whose content stream inflates to size bytes of spaces."""
    chunk = b" " * (8 * 1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(size // len(chunk)):
        checksum = zlib.adler32(chunk, checksum)
    # A zlib stream: header, the deflate blocks, the Adler-32 of everything unpacked.
    stream = (
        b"\x78\xda"
        + block * (size // len(chunk))
        + compressor.flush()
        + struct.pack(">I", checksum)
    )
    return pdf_page_with_content(stream, b"/Filter /FlateDecode")


def _text_drawing(count: int, per_line: int = 1) -> bytes:
    """Content drawing `count` short lines of text, each in its own text object."""
    ops = []
    for n in range(count):
        y = 800 - (n % 700)
        ops.append(b"BT /F1 1 Tf 20 %d Td (Words drawn on the page) Tj ET" % y * per_line)
    return b"\n".join(ops)


def pdf_huge_content_stream(size: int = 10 * 1024 * 1024) -> bytes:
    """One page whose content stream (compressed in the file) unpacks to about `size` bytes of
    text-drawing instructions: pdfminer would lay out every one of its characters."""
    line = b"BT /F1 1 Tf 20 400 Td (Words drawn on the page) Tj ET\n"
    content = line * (size // len(line))
    return pdf_page_with_content(zlib.compress(content, 9), b"/Filter /FlateDecode")


def pdf_huge_plain_content_stream(size: int = 9 * 1024 * 1024 + 512 * 1024) -> bytes:
    """The same, stored uncompressed: a file of nearly 10 MB, just under the upload limit,
    whose single page pdfminer would otherwise parse instruction by instruction."""
    line = b"BT /F1 1 Tf 20 400 Td (Words drawn on the page) Tj ET\n"
    return pdf_page_with_content(line * (size // len(line)))


def pdf_many_drawn_characters(count: int = 6_000) -> bytes:
    """One page whose content stream is small (under 1 MB) but draws more characters than a
    page of minutes ever holds."""
    return pdf_page_with_content(zlib.compress(_text_drawing(count), 9), b"/Filter /FlateDecode")
